"""Run every case of cases.py through the installed command: no traceback, no hang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.registry import NO_PLUGINS_ENV
from tests.robustness.cases import CASES, Case, render_table
from tests.robustness.more_cases import CHECKS, Check, render_checks

REPO = Path(__file__).resolve().parents[2]
EXE = str(Path(sys.executable).parent / "reportlint")
CONFIG = "limits:\n  parse-seconds: 2\n"  # keep the suite fast; the default is 10 s


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_outcome(case: Case, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".reportlint.yml").write_text(CONFIG)
    args = case.build(tmp_path)
    r = subprocess.run([EXE, "check", *args, "--select", "RL210", "--format", "json"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60,
                       env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", NO_PLUGINS_ENV: "1"})
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == case.exit_code, (r.stdout[-2000:], r.stderr)
    data = json.loads(r.stdout)
    ids = tuple(sorted({f["rule_id"] for f in data["findings"]}))
    assert ids == case.rules
    text = subprocess.run([EXE, "check", *args, "--select", "RL210"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", NO_PLUGINS_ENV: "1"}).stdout
    assert not any(ch in text for ch in "\x1b\x00\u202e"), "control characters leaked"
    for f in data["findings"]:
        assert f["path"] and f["message"], f
        assert f["line"] >= 1 and f["column"] >= 1


def test_robustness_doc_matches_cases() -> None:
    doc = (REPO / "docs" / "robustness.md").read_text(encoding="utf-8")
    table = render_table(CASES)
    assert table in doc, "docs/robustness.md is out of date; the table should be:\n" + table


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_check_outcome(check: Check, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    assert check.run(project) == check.outcome


def test_robustness_doc_lists_every_check() -> None:
    doc = (REPO / "docs" / "robustness.md").read_text(encoding="utf-8")
    table = render_checks(CHECKS)
    assert table in doc, "docs/robustness.md is out of date; the table should be:\n" + table
