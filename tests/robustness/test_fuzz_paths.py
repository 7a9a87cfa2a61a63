"""Property-based fuzzing of the sources root: links, pipes, permissions and odd names.

Each example builds a sources root of generated entries: reports and evidence
files, symbolic links to files and folders inside and outside the root, link
loops, dangling links, links to ``/dev/zero``, named pipes, files and folders
without read permission, under names with spaces, newlines, unicode, leading
dashes and dots. A report in the root cites every entry, and the whole root is
linted with every rule. Whatever the tree: the run ends in bounded time, no
rule or parser crashes (RL903/RL906), nothing outside the root is opened or
listed, no named pipe is opened, and a file that cannot be read costs only
itself (RL904 naming it).

Root bypasses file permissions, so as root the property runs in a child
process without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (``setpriv
--bounding-set``): permission denied is real there, which a control check
confirms before the first example. `make test` runs a small fixed budget;
`make fuzz` sets REPORTLINT_FUZZ_EXAMPLES higher.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.engine import lint_paths
from reportlint.registry import default_registry
from reportlint.testing import make_run
from tests.audit import recording

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize="REPORTLINT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=list(HealthCheck))
CHILD = "REPORTLINT_PATH_FUZZ_CHILD"
OUTSIDE_TEXT = "# Outside\n\nOUTSIDE-SECRET 918273 users.\n"

KINDS = ("report", "evidence", "link-inside", "link-outside", "link-outside-dir", "loop",
         "dangling", "dev-zero", "fifo", "unreadable", "unreadable-dir", "dir")
name_part = st.lists(st.sampled_from([*"ab -._#§é日\n\t'\"()[]:,~", ".."]),
                     min_size=1, max_size=6).map("".join)
name = st.tuples(name_part, st.sampled_from([".md", ".json", ".txt", ".yml", ""])).map(
    lambda t: t[0] + t[1]).filter(lambda n: n not in (".", "..") and "/" not in n
                                   and "\x00" not in n and not n.startswith("-"))
entry = st.tuples(name, st.sampled_from(KINDS), st.booleans())
tree = st.lists(entry, min_size=1, max_size=10, unique_by=lambda e: e[0])


def _build(root: Path, outside: Path, entries: list[tuple[str, str, bool]]) -> list[Path]:
    """Make the entries; returns the named pipes (never to be opened)."""
    fifos = []
    for n, kind, nested in entries:
        folder = root / "sub" if nested else root
        folder.mkdir(exist_ok=True)
        path = folder / n
        if kind == "report":
            path.write_text(f"## {n!r}\n\nA world-class claim of 42 users (source: {n}).\n")
        elif kind == "evidence":
            path.write_text("# Intro\n\n42 users, 7 days.\n")
        elif kind == "link-inside":
            (root / "target.md").write_text("# Target\n\n42 users.\n")
            path.symlink_to(root / "target.md")
        elif kind == "link-outside":
            path.symlink_to(outside / "secret.md")
        elif kind == "link-outside-dir":
            path.symlink_to(outside)
        elif kind == "loop":
            path.symlink_to(path.name + ".loop")
            (folder / (path.name + ".loop")).symlink_to(path.name)
        elif kind == "dangling":
            path.symlink_to(folder / "missing-target")
        elif kind == "dev-zero":
            path.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(path)
            fifos.append(path)
        elif kind == "unreadable":
            path.write_text("# Secret\n\n42 users.\n")
            path.chmod(0)
        elif kind == "unreadable-dir":
            path.mkdir()
            (path / "inner.md").write_text("## Inner\n\nworld-class\n")
            path.chmod(0)
        else:
            path.mkdir()
            (path / "inner.md").write_text("## Inner\n\nworld-class 42 users.\n")
    return fifos


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = {cls.id: {} for cls in default_registry().rules()}
    rules["RL308"] = {"required": ["target.md"], "optional": ["*.md", "sub/*"]}
    return rules


def _inside(path: str, root: str) -> bool:
    for candidate in (os.path.normpath(path), os.path.realpath(path)):
        if candidate != root and not candidate.startswith(root + os.sep):
            return False
    return True


_CODE = tuple(os.path.realpath(p) + os.sep for p in sys.path if p and os.path.isdir(p))


def _module_file(path: str) -> bool:
    """A lazy import of Python's or reportlint's own code (a module file, or the listing
    of its package), not a read of the tree; the tree is in a temporary folder."""
    return (os.path.realpath(path) + os.sep).startswith(_CODE)


def _on_alarm(signum: int, frame: object) -> None:
    raise AssertionError("the lint did not end within 60 s")


@FUZZ
@given(tree)
def _property(entries: list[tuple[str, str, bool]]) -> None:
    base = Path(tempfile.mkdtemp(prefix="rl-fuzz-paths-"))
    try:
        root, outside = base / "root", base / "outside"
        root.mkdir()
        outside.mkdir()
        (root / ".git").mkdir()
        (outside / "secret.md").write_text(OUTSIDE_TEXT)
        fifos = _build(root, outside, entries)
        cites = " ".join(f"(source: {n})" for n, _k, _d in entries)
        (root / "index.md").write_text(f"## Index\n\nWe have 42 users {cites}.\n")
        real_root = os.path.realpath(root)
        run = make_run(_rules(), root)
        cwd = os.getcwd()
        os.chdir(root)
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(60)
        try:
            with recording() as events:
                results = lint_paths(run, [str(root)])
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
            os.chdir(cwd)
        opened = [(e, p) for e, p in events if not _module_file(p)]
        outside_hits = [(e, p) for e, p in opened
                        if not _inside(p if os.path.isabs(p) else os.path.join(real_root, p),
                                       real_root)]
        assert outside_hits == [], outside_hits
        assert not any(os.path.realpath(p) in {os.path.realpath(f) for f in fifos}
                       for e, p in opened if e == "open"), "a named pipe was opened"
        for r in results:
            crashed = [f.message for f in r.findings if f.rule_id in ("RL903", "RL906")]
            assert not crashed, crashed
            for f in r.findings:
                assert "OUTSIDE-SECRET" not in f.message
                if f.rule_id == "RL904":
                    assert f.path == r.path and r.path in f.message, f
        assert any(r.path == "index.md" for r in results)
        if ENFORCED:  # an unreadable report is RL904 "permission denied", and only it
            by_path = {r.path: r for r in results}
            for n, kind, nested in entries:
                shown = f"sub/{n}" if nested else n
                if kind == "unreadable" and n.lower().endswith(".md") and shown in by_path:
                    assert [f.message for f in by_path[shown].findings] == [
                        f"{shown}: permission denied"], by_path[shown].findings
    finally:
        for dirpath, dirnames, _files in os.walk(base):
            for d in dirnames:
                os.chmod(os.path.join(dirpath, d), 0o755)
        shutil.rmtree(base, ignore_errors=True)


def _permissions_enforced() -> bool:
    with tempfile.NamedTemporaryFile() as fh:
        os.chmod(fh.name, 0)
        try:
            open(fh.name).close()
        except PermissionError:
            return True
    return False


ENFORCED = False  # set where the permission bypass is dropped


def test_sources_root_paths() -> None:
    global ENFORCED
    if os.environ.get(CHILD) or os.geteuid() != 0:
        ENFORCED = _permissions_enforced()
        if os.environ.get(CHILD):
            assert ENFORCED, "setpriv did not drop the permission bypass"
        _property()
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:  # pragma: no cover - util-linux is on the CI machine
        pytest.skip("root without setpriv: permission cases cannot be exercised")
    r = subprocess.run(
        [setpriv, "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-m",
         "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::test_sources_root_paths"],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
        env={**os.environ, CHILD: "1"}, timeout=3600)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-3000:]
