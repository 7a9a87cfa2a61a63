"""End to end: the installed ``reportlint check`` on the bundled example.

``examples/executive-summary/`` is a small repository with a draft that has
planted problems (its README.md lists them with their lines). The repository's
own ``.reportlint.yml`` points ``reportlint check`` at that draft, with the
example folder as the sources root. Every planted evidence problem must be
reported by its rule at the line and column of the offending number, tag or
section, with the evidence location; and the clean version of the report
(``tests/fixtures/clean/executive_summary_clean.md``) must get no finding at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "executive-summary"
DRAFT = "examples/executive-summary/docs/executive_summary_senior_ai_manager.md"
CLEAN = REPO / "tests" / "fixtures" / "clean" / "executive_summary_clean.md"
EXE = str(Path(sys.executable).parent / "reportlint")

# Each planted evidence problem of the README's table: rule, line, column, end column,
# what the span covers in the draft, the message, and the related locations
# (path relative to the repository root, line, column, end column, what they cover).
PLANTED: list[dict[str, Any]] = [
    {"rule": "RL306", "at": (98, 18, 24), "text": "38,400",
     "message": "38,400 is not in the cited source (tunix-rt.md); it occurs elsewhere "
                "under the sources root",
     "related": [("examples/executive-summary/M32_fullaudit.md", 6, 61, 67, "38,400")]},
    {"rule": "RL307", "at": (104, 23, 28), "text": "1,204",
     "message": '"backend tests" is 1,204 here but 1,318 at line 16 (the same label and '
                "unit, and no trend wording in either place); report the most recent "
                "value and note the prior one in a trend bullet",
     "related": [(DRAFT, 16, 51, 56, "1,318")]},
    {"rule": "RL302", "at": (119, 19, 29), "text": "15 seconds",
     "message": "hard claim without a source tag (15 seconds, 120 seconds, 240 minutes)",
     # where the three numbers occur together: tunix-rt.md, lines 64-66
     "related": [("examples/executive-summary/tunix-rt.md", 64, 40, 87, None)]},
    {"rule": "RL303", "at": (231, 29, 48), "text": "docs/ci_pipeline.md",
     "message": 'cited file "docs/ci_pipeline.md" does not exist under the sources root',
     "related": []},
    {"rule": "RL306", "at": (237, 24, 27), "text": "91%",
     "message": "91% is not in the cited source (M33_summary.md, tunix-rt.md)",
     "related": [("examples/executive-summary/M33_summary.md", 23, 4, 12, "Evidence"),
                 ("examples/executive-summary/tunix-rt.md", 141, 4, 17, "Quality Gates")]},
    {"rule": "RL305", "at": (298, 72, 82), "text": "Deployment",
     "message": 'tunix-rt.md has no section "Deployment" (closest: "Development Workflow")',
     "related": [("examples/executive-summary/tunix-rt.md", 1, 1, 1, "")]},
    {"rule": "RL308", "at": (1, 1, 31), "text": "# Tunix RT — Executive Summary",
     "message": 'required input "docs/tuning.md" is never cited',
     "related": [("examples/executive-summary/docs/tuning.md", 1, 1, 1, "")]},
]
EVIDENCE_RULES = {f"RL30{i}" for i in range(1, 9)}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], cwd=REPO, capture_output=True, text=True, timeout=120)


@cache
def _draft_report() -> dict[str, Any]:
    r = _run("check", "--format", "json")
    assert r.returncode == 1, r.stderr  # the draft has errors
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _lines(path: str) -> list[str]:
    return (REPO / path).read_text(encoding="utf-8").split("\n")


def _cover(lines: list[str], line: int, col: int, end_col: int) -> str:
    return lines[line - 1][col - 1:end_col - 1]


@pytest.mark.parametrize("planted", PLANTED, ids=lambda p: f"{p['rule']}@{p['at'][0]}")
def test_planted_evidence_problem_is_reported(planted: dict[str, Any]) -> None:
    line, col, end_col = planted["at"]
    found = [f for f in _draft_report()["findings"]
             if f["rule_id"] == planted["rule"] and f["line"] == line]
    assert len(found) == 1, found
    (f,) = found
    assert f["path"] == DRAFT
    assert (f["column"], f["end_line"], f["end_column"]) == (col, line, end_col)
    assert _cover(_lines(DRAFT), line, col, end_col) == planted["text"]
    assert f["message"] == planted["message"]
    related = [(r["path"], r["line"], r["column"], r["end_column"]) for r in f["related"]]
    assert related == [rel[:4] for rel in planted["related"]]
    for r, (path, rline, rcol, rend, text) in zip(f["related"], planted["related"]):
        assert (REPO / path).is_file(), path
        if text is not None and r["end_line"] == rline:
            assert _cover(_lines(path), rline, rcol, rend) == text


def test_no_other_evidence_finding_in_the_draft() -> None:
    """Every other tag and number of the draft is correct: nothing else is reported."""
    evidence = {(f["rule_id"], f["line"]) for f in _draft_report()["findings"]
                if f["rule_id"] in EVIDENCE_RULES}
    assert evidence == {(p["rule"], p["at"][0]) for p in PLANTED}


def test_the_example_is_never_evidence_for_itself() -> None:
    for f in _draft_report()["findings"]:
        for r in f["related"]:
            if r["path"] == DRAFT:
                assert f["rule_id"] == "RL307", f  # only a conflict points into the report
            assert not r["path"].endswith("README.md"), f  # the README describes the defects


def test_clean_report_has_no_findings() -> None:
    r = _run("check", str(CLEAN), "--sources-root", str(EXAMPLE), "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["findings"] == []
    assert data["summary"]["files"] == 1
