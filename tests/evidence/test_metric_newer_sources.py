"""RL307 against newer cited sources: a value a higher-milestone source contradicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.testing import lint_string, render_findings


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "M31_summary.md").write_text("## Testing\n\nThe backend has 1,204 backend tests.\n")
    (tmp_path / "M33_summary.md").write_text("## Evidence\n\nWe now run 1,318 backend tests.\n")
    (tmp_path / "M30_notes.md").write_text("## Old\n\nThere were 1,100 backend tests.\n")
    return tmp_path


def _lint(root: Path, text: str, **options: object) -> str:
    return render_findings(lint_string(text, {"RL307": options or None}, path="r.md",
                                       root=root))


OLDER_ONLY = "## A\n\n- We run 1,204 backend tests (source: M31_summary.md §Testing).\n"
BOTH = OLDER_ONLY + "- The audit passed (source: M33_summary.md §Evidence).\n"


def test_newer_cited_source_contradicts(root: Path) -> None:
    assert _lint(root, BOTH) == (
        '3:10-3:15 RL307 warning "backend tests" is 1,204 here, but M33_summary.md, a newer '
        "source, says 1,318; report the most recent value and note the prior one in a trend "
        "bullet\n"
        '    -> M33_summary.md:3:12-3:17 "backend tests" is 1,318 in this newer source\n')


def test_only_cited_sources_count(root: Path) -> None:
    assert _lint(root, OLDER_ONLY) == ""  # M33 exists but the report never cites it


def test_older_sources_do_not_count(root: Path) -> None:
    text = BOTH + "- Before that (source: M30_notes.md §Old).\n"
    out = _lint(root, text)
    assert "M30_notes.md" not in out and out.count("RL307") == 1


def test_trend_note_forgives(root: Path) -> None:
    text = BOTH + ("- Trend: backend tests grew from 1,204 (M31) to 1,318 (M33) "
                   "(source: M31_summary.md §Testing; M33_summary.md §Evidence).\n")
    assert _lint(root, text) == ""


def test_option_turns_it_off(root: Path) -> None:
    assert _lint(root, BOTH, newer_sources=False) == ""


def test_same_value_in_newer_source_is_fine(root: Path) -> None:
    (root / "M33_summary.md").write_text("## Evidence\n\nStill 1,204 backend tests.\n")
    assert _lint(root, BOTH) == ""
