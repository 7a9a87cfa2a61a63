"""Confinement: a full lint never opens or lists anything outside the sources root.

A report cites everything that leads outside a temporary sources root: ``..``,
absolute paths, ``~``, a ``file://`` URL, a Windows drive path, a UNC path, a
symbolic link to a file outside, a path through a symbolic link to a folder
outside, and a symbolic-link loop. An audit hook (``sys.addaudithook``)
records every ``open``, ``os.listdir`` and ``os.scandir`` while the engine
lints it with every rule enabled; each recorded path must be inside the root.
Then the findings must be RL303 with the reason, and no output format may
show a byte of what the outside files hold.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportlint.engine import FileResult, lint_paths
from reportlint.registry import default_registry
from reportlint.reporters import ReportInfo, get
from reportlint.testing import make_run, render_findings
from tests.audit import recording

SECRET = "CONFIDENTIAL-5f3a9 never to be read"
SECRET_NUMBER = "918273"  # also in claims: a read outside would name it as "occurs here"
#: What the outside files hold: the numbers of the report's failing claims, so that the
#: reverse index (RL302 suggestions, RL306 "occurs here") would point there if it read them.
OUTSIDE_TEXT = f"# Secret\n\n{SECRET}: {SECRET_NUMBER} users, 42 things, 43 boxes.\n"

REPORT = f"""\
# Confinement

## Citations that leave the root

- Parent folder: {SECRET_NUMBER} users (source: ../outside.md).
- Absolute: 2 accounts (source: /etc/passwd).
- Home: 1 key (source: ~/.ssh/id_rsa).
- File URL: 3 hosts (source: file:///etc/hosts).
- Windows drive: 4 sections (source: C:\\Windows\\win.ini).
- Network share: 5 files (source: `\\\\fileserver\\share\\notes.md`).
- A link to a file outside: {SECRET_NUMBER} users (source: docs/leak.md §Secret).
- The same link by name: 6 users (source: leak.md).
- Through a linked folder: 7 items (source: linked/inner.md §Inner).
- The linked folder: 8 items (source: linked/).
- A link loop: 9 items (source: loop_a.md).

## Inside the root

The root document says 43 things (source: inside.md §Inside).

An unsourced claim: {SECRET_NUMBER} users and 42 things.
"""

# (line, cited path, reason) of every RL303 finding
EXPECTED = [
    (5, "../outside.md", "'..' climbs out of the sources root"),
    (6, "/etc/passwd", "an absolute path is outside the sources root"),
    (7, "~/.ssh/id_rsa", "'~' is a home folder, outside the sources root"),
    (8, "file:///etc/hosts", "a file:// URL is not a path inside the sources root"),
    (9, "C:\\Windows\\win.ini", "a Windows drive path is outside the sources root"),
    (10, "\\\\fileserver\\share\\notes.md", "a network (UNC) path is outside the sources root"),
    (11, "docs/leak.md", "a symbolic link on the way leads outside the sources root"),
    (12, "leak.md", "docs/leak.md is a symbolic link that leads outside the sources root"),
    (13, "linked/inner.md", "a symbolic link on the way leads outside the sources root"),
    (14, "linked/", "a symbolic link on the way leads outside the sources root"),
    (15, "loop_a.md", "a symbolic link that leads nowhere (a broken link or a loop)"),
]

@pytest.fixture
def audit() -> Iterator[list[tuple[str, str]]]:
    with recording() as events:
        yield events


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """(root, outside): a sources root with links out of it, and what they point at."""
    root = tmp_path / "root"
    outside = tmp_path / "outside_dir"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    outside.mkdir()
    (tmp_path / "outside.md").write_text(OUTSIDE_TEXT)
    (outside / "inner.md").write_text(OUTSIDE_TEXT.replace("Secret", "Inner"))
    os.symlink(tmp_path / "outside.md", root / "docs" / "leak.md")
    os.symlink(outside, root / "linked")
    os.symlink("loop_b.md", root / "loop_a.md")
    os.symlink("loop_a.md", root / "loop_b.md")
    (root / "inside.md").write_text("# Inside\n\n42 things.\n")
    (root / "report.md").write_text(REPORT, encoding="utf-8")
    return root, tmp_path


def _all_rules() -> dict[str, dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {cls.id: {} for cls in default_registry().rules()}
    # RL308 lists the tree too: give it inputs to look for
    rules["RL308"] = {"required": ["inside.md"], "optional": ["*.md", "linked/*"]}
    return rules


def _lint(root: Path) -> list[FileResult]:
    run = make_run(_all_rules(), root)  # a fresh run: no cache from an earlier one
    return lint_paths(run, [str(root / "report.md")])


def _outside(events: list[tuple[str, str]], root: Path) -> list[tuple[str, str]]:
    real_root = os.path.realpath(root)
    bad = []
    for event, path in events:
        p = path if os.path.isabs(path) else os.path.join(os.getcwd(), path)
        for candidate in (os.path.normpath(p), os.path.realpath(p)):
            if candidate != real_root and not candidate.startswith(real_root + os.sep):
                bad.append((event, path))
                break
    return bad


def _outputs(results: list[FileResult]) -> dict[str, str]:
    rules = sorted(default_registry().rules(), key=lambda c: c.id)
    return {name: get(name)(results, ReportInfo(version="0", rules=rules))
            for name in ("text", "json", "sarif", "github")}


def test_a_full_lint_opens_and_lists_nothing_outside_the_root(
        layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root, _base = layout
    monkeypatch.chdir(root)
    _lint(root)  # once unrecorded, so that lazily imported modules are loaded
    with recording() as audit:
        results = _lint(root)
    assert results and results[0].findings
    opened = {p for e, p in audit if e == "open"}
    # the hook does see the reads inside: the report, and the file it cites
    assert any(p.endswith("report.md") for p in opened), audit
    assert any(p.endswith("inside.md") for p in opened), audit
    assert any(e == "os.scandir" for e, _p in audit), "the tree was not listed"
    assert _outside(audit, root) == []


def test_the_hook_would_see_an_outside_read(layout: tuple[Path, Path],
                                            audit: list[tuple[str, str]]) -> None:
    # a control for the test above
    root, base = layout
    (root / "docs" / "leak.md").read_text()
    os.listdir(root / "linked")
    assert _outside(audit, root) == [("open", str(root / "docs" / "leak.md")),
                                     ("os.listdir", str(root / "linked"))]
    assert not str(root / "docs" / "leak.md").startswith(str(base / "outside"))


def test_every_outside_citation_is_rl303_with_its_reason(layout: tuple[Path, Path]) -> None:
    root, _base = layout
    (result,) = _lint(root)
    rl303 = [f for f in result.findings if f.rule_id == "RL303"]
    got = [(f.span.start.line, f.message) for f in rl303]
    want = []
    for line, cited, reason in EXPECTED:
        if "leads nowhere" in reason:
            want.append((line, f'cited file "{cited}" does not exist under the sources root: '
                               f"{reason}"))
        else:
            want.append((line, f'cited path "{cited}" is outside the sources root: {reason}'
                               + ("; cite it relative to the root" if "absolute" in reason
                                  else "") + "; it is not read"))
    assert got == want, render_findings(rl303)
    # each finding sits on the cited path itself
    lines = REPORT.split("\n")
    for f, (_line, cited, _reason) in zip(rl303, EXPECTED):
        text = lines[f.span.start.line - 1][f.span.start.column - 1:f.span.end.column - 1]
        assert text == cited
    # the claims citing outside are not cross-checked against anything; the one claim
    # citing inside the root is, and neither its finding nor the unsourced claim's names
    # a place outside (through the links) as where the numbers occur
    evidence = [f for f in result.findings if f.rule_id in ("RL302", "RL304", "RL305", "RL306")]
    assert render_findings(evidence) == (
        "19:24-19:26 RL306 error 43 is not in the cited source (inside.md); the cited "
        "section says 42 (line 3)\n"
        "    -> inside.md:3:1-3:3 the cited place says this\n"
        f"21:21-21:27 RL302 error hard claim without a source tag ({SECRET_NUMBER}, 42)\n")


def test_no_output_shows_what_is_outside(layout: tuple[Path, Path]) -> None:
    root, _base = layout
    results = _lint(root)
    outputs = _outputs(results)
    assert json.loads(outputs["json"])["findings"]
    assert json.loads(outputs["sarif"])["runs"][0]["results"]
    for name, text in outputs.items():
        assert "RL303" in text, name
        assert SECRET not in text, name
        assert "root:x:0:0" not in text, name  # /etc/passwd
        assert str(_base) + "/outside" not in text, name
        for f in (f for r in results for f in r.findings):
            for rel in f.related:
                assert "outside" not in rel.span.path, (name, rel)
