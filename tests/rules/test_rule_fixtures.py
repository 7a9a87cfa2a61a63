"""Per-rule fixture tests.

Every ``fixtures/<RULE>/<case>.md`` is linted with only ``<RULE>`` enabled, with
the options in ``<case>.yml`` (a YAML mapping; no file means the defaults), and
the rendered findings are compared with ``snapshots/<RULE>/<case>.txt``.

Fixture names state the intent: ``pass_*`` must yield no finding at all,
``fail_*`` at least one finding of its own rule, so a rule that silently stops
working fails the suite even if someone regenerates the snapshots.

The Markdown is read as bytes and decoded as UTF-8 without any normalisation:
CRLF line endings and a byte-order mark reach the document model as written.
Regenerate the snapshots with ``pytest tests/rules --snapshot-update`` and read
every changed line before committing: lines and columns are 1-based, columns
count code points, and the end column is exclusive.

Evidence rules (those tagged ``evidence``, RL301-RL308) need files to cite.
Their fixtures are linted against a sources root: ``<RULE>/_sources/`` when
the rule's folder has one, else the shared ``_evidence_repo/``, a small but
realistic repository (Markdown with ATX, setext and bold-label sections, JSON
and YAML evidence, one file name in two folders). The tree is copied once per
session into a temporary folder, where what cannot be committed is added:
symbolic links (one to a file outside the root, one to a folder outside it,
one inside it, and a loop) and the "outside" files they point at
(``EVIDENCE_LINKS``). The report is linted as if it were
``docs/reports/q3_report.md`` inside that root, since citations also resolve
against the report's own folder. Folders starting with ``_`` hold no fixtures.

Keys of ``<case>.yml`` starting with ``_`` configure the fixture, not the rule:
``_path`` (the report's path inside the root), ``_evidence`` (the run's
``evidence:`` settings). Related locations in other files are printed
relative to the sources root.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportlint.finding import Finding
from reportlint.registry import default_registry
from reportlint.testing import lint_string, render_findings

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SNAPSHOTS = HERE / "snapshots"

EVIDENCE_REPO = FIXTURES / "_evidence_repo"
REPORT_PATH = "docs/reports/q3_report.md"
#: Symbolic links made in the copied sources root: link -> target, the target
#: relative to the root (``..`` leaves it: the "outside" folder beside it).
EVIDENCE_LINKS = {
    "docs/leak.md": "../outside/secret.md",
    "linked_outside": "../outside/folder",
    "docs/alias.md": "README.md",
    "loops/loop_a.md": "loops/loop_b.md",
    "loops/loop_b.md": "loops/loop_a.md",
}
#: What the "outside" files hold: no output may ever show it.
OUTSIDE_SECRET = "TOPSECRET-31337 outside the sources root"

CASES = sorted(md for md in FIXTURES.glob("*/*.md") if not md.parent.name.startswith("_"))
PASSING = [md for md in CASES if md.stem.startswith("pass_")]
FAILING = [md for md in CASES if md.stem.startswith("fail_")]


def case_id(md: Path) -> str:
    return f"{md.parent.name}/{md.stem}"


def fixture_settings(md: Path) -> dict[str, Any]:
    path = md.with_suffix(".yml")
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data is None or isinstance(data, dict), f"{path}: options must be a YAML mapping"
    return data or {}


def fixture_options(md: Path) -> dict[str, Any]:
    """The rule's options: the ``.yml`` mapping without the ``_`` fixture keys."""
    return {k: v for k, v in fixture_settings(md).items() if not str(k).startswith("_")}


def is_evidence_rule(rule_id: str) -> bool:
    return "evidence" in default_registry().get(rule_id).tags


def sources_tree(rule_id: str) -> Path | None:
    """The committed sources tree for a rule's fixtures, or None (no sources root)."""
    own = FIXTURES / rule_id / "_sources"
    if own.is_dir():
        return own
    return EVIDENCE_REPO if is_evidence_rule(rule_id) else None


def make_sources_root(tree: Path, base: Path) -> Path:
    """Copy ``tree`` to ``base/root`` and add the links and outside files of EVIDENCE_LINKS."""
    root = base / "root"
    shutil.copytree(tree, root)
    outside = base / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text(f"# Secret\n\n{OUTSIDE_SECRET}: 123456.\n",
                                       encoding="utf-8")
    (outside / "folder" / "inner.md").write_text(f"# Inner\n\n{OUTSIDE_SECRET}: 42.\n",
                                                 encoding="utf-8")
    for link, target in EVIDENCE_LINKS.items():
        where = root / link
        where.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(os.path.relpath(root / target, where.parent), where)
    return root


@pytest.fixture(scope="session")
def sources_roots() -> dict[Path, Path]:
    """Committed sources tree -> its working copy, made on first use."""
    return {}


@pytest.fixture(scope="session")
def findings_cache() -> dict[Path, tuple[Finding, ...]]:
    return {}


@pytest.fixture
def lint_fixture(tmp_path_factory: pytest.TempPathFactory, sources_roots: dict[Path, Path],
                 findings_cache: dict[Path, tuple[Finding, ...]],
                 ) -> Callable[[Path], tuple[Finding, ...]]:
    def lint(md: Path) -> tuple[Finding, ...]:
        if md in findings_cache:
            return findings_cache[md]
        rule_id = md.parent.name
        text = md.read_bytes().decode("utf-8")  # CRLF and BOM kept as written
        settings = fixture_settings(md)
        tree = sources_tree(rule_id)
        if tree is None:
            assert not settings.get("_path"), f"{case_id(md)}: _path without a sources root"
            found = lint_string(text, {rule_id: fixture_options(md)},
                                evidence=settings.get("_evidence"))
        else:
            if tree not in sources_roots:
                sources_roots[tree] = make_sources_root(
                    tree, tmp_path_factory.mktemp(f"sources-{rule_id}"))
            found = lint_string(text, {rule_id: fixture_options(md)},
                                path=settings.get("_path", REPORT_PATH),
                                root=sources_roots[tree], evidence=settings.get("_evidence"))
        findings_cache[md] = tuple(found)
        return findings_cache[md]

    return lint


@pytest.mark.parametrize("md", CASES, ids=case_id)
def test_fixture_matches_snapshot(md: Path, snapshot: Any,
                                  lint_fixture: Callable[[Path], tuple[Finding, ...]]) -> None:
    snapshot.snapshot_dir = SNAPSHOTS / md.parent.name
    snapshot.assert_match(render_findings(lint_fixture(md)), f"{md.stem}.txt")


@pytest.mark.parametrize("md", PASSING, ids=case_id)
def test_passing_fixture_has_no_findings(
        md: Path, lint_fixture: Callable[[Path], tuple[Finding, ...]]) -> None:
    assert render_findings(lint_fixture(md)) == ""


@pytest.mark.parametrize("md", FAILING, ids=case_id)
def test_failing_fixture_has_findings_of_its_rule(
        md: Path, lint_fixture: Callable[[Path], tuple[Finding, ...]]) -> None:
    rule_id = md.parent.name
    findings = lint_fixture(md)
    assert any(f.rule_id == rule_id for f in findings), f"{rule_id} found nothing"
    # only that rule is enabled: anything else is a tool notice (a crash, RL903)
    assert {f.rule_id for f in findings} == {rule_id}, render_findings(findings)


def test_fixture_layout() -> None:
    assert CASES, "no fixtures found"
    known = {cls.id for cls in default_registry().rules()}
    for md in CASES:
        assert md.parent.name in known, f"{md.parent.name}: no such rule in the registry"
        assert md.stem.startswith(("pass_", "fail_")), f"{case_id(md)}: name it pass_* or fail_*"
    for yml in FIXTURES.glob("*/*.yml"):
        if yml.parent.name.startswith("_"):
            continue
        assert yml.with_suffix(".md").exists(), f"{yml}: options without a fixture"
        settings = fixture_settings(yml.with_suffix(".md"))
        unknown = {k for k in settings if str(k).startswith("_")} - {"_path", "_evidence"}
        assert not unknown, f"{yml}: unknown fixture keys {sorted(unknown)}"
    stale = [str(p.relative_to(SNAPSHOTS)) for p in SNAPSHOTS.glob("*/*.txt")
             if not (FIXTURES / p.parent.name / f"{p.stem}.md").exists()]
    assert not stale, f"snapshots without a fixture: {stale}"


def test_no_snapshot_shows_what_is_outside_the_sources_root() -> None:
    """The links out of the root are cited by fixtures; their targets are never read."""
    assert any("outside the sources root" in p.read_text(encoding="utf-8")
               for p in SNAPSHOTS.glob("RL303/*.txt"))
    for snap in SNAPSHOTS.glob("*/*.txt"):
        text = snap.read_text(encoding="utf-8")
        assert OUTSIDE_SECRET not in text, snap
        assert "-> outside/" not in text and "-> ../" not in text, snap


def test_byte_exact_fixtures_kept_their_bytes() -> None:
    """The CRLF, BOM and tab fixtures are only useful if nothing normalised them."""
    crlf = [md for md in CASES if "crlf" in md.stem]
    bom = [md for md in CASES if "bom" in md.stem]
    tabs = [md for md in CASES if "tabs" in md.stem]
    assert crlf and bom and tabs
    for md in crlf:
        data = md.read_bytes()
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), md
    for md in bom:
        assert md.read_bytes().startswith(b"\xef\xbb\xbf"), md
    for md in tabs:
        assert b"\t" in md.read_bytes(), md
