"""docs/rules/RLxxx-name.md are generated from the rule docstrings and must not drift."""

from __future__ import annotations

from pathlib import Path

from reportlint import rulepages
from reportlint.registry import build_registry
from reportlint.reporters.sarif import DOCS_URI, help_uri, rule_doc_filename
from reportlint.ruledoc import render_doc
from tests.reporters.support import REPO, run_cli

PAGES = REPO / "docs" / "rules"


def _builtins() -> list[type]:
    reg = build_registry()
    return [c for c in reg.rules() if reg.origin(c.id) == "builtin"]


def test_committed_pages_match_the_code():
    r = run_cli("docs", "--check", "--out", str(PAGES), cwd=REPO)
    assert r.returncode == 0, (
        "docs/rules is out of date: run `reportlint docs` and commit the result\n" + r.stderr)


def test_every_builtin_rule_has_a_page_that_help_uri_points_at():
    for cls in _builtins():
        page = PAGES / rule_doc_filename(cls)
        assert page.is_file(), page
        assert page.read_text(encoding="utf-8").endswith(render_doc(cls))
        assert help_uri(cls) == DOCS_URI + page.name
        assert rule_doc_filename(cls) == rulepages.page_name(cls)
    index = (PAGES / "README.md").read_text(encoding="utf-8")
    for cls in _builtins():
        assert f"]({rulepages.page_name(cls)})" in index


def test_check_reports_drift_and_generation_fixes_it(tmp_path: Path):
    out = tmp_path / "rules"
    r = run_cli("docs", "--check", "--out", str(out), cwd=tmp_path)
    assert r.returncode == 1 and "missing" in r.stderr
    r = run_cli("docs", "--out", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([*(rulepages.page_name(c) for c in _builtins()), "README.md"])
    assert run_cli("docs", "--check", "--out", str(out), cwd=tmp_path).returncode == 0

    page = out / "RL101-required-headings.md"
    page.write_text(page.read_text() + "hand edit\n")
    stale = out / "RL199-retired-rule.md"
    stale.write_text(rulepages.MARKER + "\n\n# RL199 retired-rule\n")
    own = out / "notes.md"  # not generated: left alone
    own.write_text("# my notes\n")
    r = run_cli("docs", "--check", "--out", str(out), cwd=tmp_path)
    assert r.returncode == 1
    assert f"{page}: out of date" in r.stderr
    assert f"{stale}: stale (no such rule)" in r.stderr
    assert "notes.md" not in r.stderr
    r = run_cli("docs", "--out", str(out), cwd=tmp_path)
    assert f"wrote {page}" in r.stdout and f"removed {stale}" in r.stdout
    assert not stale.exists() and own.exists()
    assert run_cli("docs", "--check", "--out", str(out), cwd=tmp_path).returncode == 0
