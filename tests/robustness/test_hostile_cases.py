"""Run every case of hostile_cases.py through the installed command; check the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.hostile_cases import CHECKS, OUTCOMES
from tests.robustness.more_cases import Check, render_checks

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_hostile_case(check: Check, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    assert check.run(project) == check.outcome


def test_every_case_has_an_outcome() -> None:
    assert sorted(OUTCOMES) == sorted(c.id for c in CHECKS)
    assert all(c.outcome for c in CHECKS)


def test_robustness_doc_lists_every_hostile_case() -> None:
    doc = (REPO / "docs" / "robustness.md").read_text(encoding="utf-8")
    table = render_checks(CHECKS)
    assert table in doc, "docs/robustness.md is out of date; the table should be:\n" + table
