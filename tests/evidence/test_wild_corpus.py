"""The wild corpus: reports written the way other people and other LLMs write them.

Every folder of ``tests/fixtures/wild/`` is one case, covering a row of
``shared/evidence-field-guide.md``: ``tree/`` is the sources root (the cited
files and ``tree/report.md``, the report), ``findings.txt`` the snapshot of
what the evidence rules RL301-RL308 report, with line and column.

- ``ok_*`` cases are "must not report" fixtures: they pass only when
  nothing at all is reported (each is a false-positive form an auditor
  would not flag);
- ``note_*`` cases may report notes only (a tag that names no file);
- ``bad_*`` cases report at least one warning or error.

What cannot be committed is made at test time (``HOSTILE``): a file with a
1,000,001-digit number, JSON nested 100,000 deep. Regenerate the snapshots
with ``pytest tests/evidence/test_wild_corpus.py --snapshot-update`` and read
every changed line.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from reportlint.finding import Severity
from reportlint.testing import lint_string, render_findings

WILD = Path(__file__).resolve().parents[1] / "fixtures" / "wild"
CASES = sorted(p for p in WILD.iterdir() if p.is_dir())
EVIDENCE_RULES = ("RL301", "RL302", "RL303", "RL304", "RL305", "RL306", "RL307", "RL308")

HOSTILE = {
    "bad_49_hostile_number_file": {"data/huge.txt": "1" * 1_000_001 + "\n9 blocks\n"},
    "bad_50_hostile_json_nesting": {"configs/deep.json": "[" * 100_000 + "]" * 100_000 + "\n"},
    "bad_52_hostile_files_elsewhere": {
        "data/huge.txt": "1" * 1_000_001 + " 77 blocks\n",
        "configs/deep.json": "[" * 100_000 + "77" + "]" * 100_000 + "\n"},
}


def lint_case(case: Path, tmp_path: Path) -> list[Any]:
    root = tmp_path / "root"
    shutil.copytree(case / "tree", root)
    for rel, text in HOSTILE.get(case.name, {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)
    report = (root / "report.md").read_text(encoding="utf-8")
    return lint_string(report, {r: None for r in EVIDENCE_RULES}, path="report.md", root=root)


def test_the_corpus_is_large_and_named_by_intent() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.name.split("_", 1)[0] in ("ok", "note", "bad"), case.name
        assert (case / "tree" / "report.md").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_wild_case(case: Path, tmp_path: Path, snapshot: Any) -> None:
    findings = lint_case(case, tmp_path)
    rendered = render_findings(findings)
    assert not any(f.rule_id.startswith("RL9") for f in findings), rendered  # no crash
    kind = case.name.split("_", 1)[0]
    if kind == "ok":
        assert rendered == "", rendered
    elif kind == "note":
        assert findings and all(f.severity is Severity.NOTE for f in findings), rendered
    else:
        assert any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)
    snapshot.snapshot_dir = case
    snapshot.assert_match(rendered, "findings.txt")
