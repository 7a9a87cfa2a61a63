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
"""

from __future__ import annotations

import functools
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

CASES = sorted(FIXTURES.glob("*/*.md"))
PASSING = [md for md in CASES if md.stem.startswith("pass_")]
FAILING = [md for md in CASES if md.stem.startswith("fail_")]


def case_id(md: Path) -> str:
    return f"{md.parent.name}/{md.stem}"


def fixture_options(md: Path) -> dict[str, Any]:
    path = md.with_suffix(".yml")
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data is None or isinstance(data, dict), f"{path}: options must be a YAML mapping"
    return data or {}


@functools.cache
def lint_fixture(md: Path) -> tuple[Finding, ...]:
    text = md.read_bytes().decode("utf-8")  # CRLF and BOM kept as written
    return tuple(lint_string(text, {md.parent.name: fixture_options(md)}))


@pytest.mark.parametrize("md", CASES, ids=case_id)
def test_fixture_matches_snapshot(md: Path, snapshot: Any) -> None:
    snapshot.snapshot_dir = SNAPSHOTS / md.parent.name
    snapshot.assert_match(render_findings(lint_fixture(md)), f"{md.stem}.txt")


@pytest.mark.parametrize("md", PASSING, ids=case_id)
def test_passing_fixture_has_no_findings(md: Path) -> None:
    assert render_findings(lint_fixture(md)) == ""


@pytest.mark.parametrize("md", FAILING, ids=case_id)
def test_failing_fixture_has_findings_of_its_rule(md: Path) -> None:
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
        assert yml.with_suffix(".md").exists(), f"{yml}: options without a fixture"
        fixture_options(yml.with_suffix(".md"))
    stale = [str(p.relative_to(SNAPSHOTS)) for p in SNAPSHOTS.glob("*/*.txt")
             if not (FIXTURES / p.parent.name / f"{p.stem}.md").exists()]
    assert not stale, f"snapshots without a fixture: {stale}"


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
