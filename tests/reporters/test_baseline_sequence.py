"""The README's baseline sequence, end to end with the installed command, on the bundled
example (a report with evidence findings: RL306, RL307, RL302, RL305, RL308).

    reportlint check --write-baseline .reportlint-baseline.json
    reportlint check --baseline .reportlint-baseline.json      # exits 0

and it keeps exiting 0 after lines are inserted above the findings and after a cited
file is edited elsewhere (which moves the evidence the messages and related locations
name). The baseline, the other outputs and the config lie under the sources root.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.reporters.support import REPO, run_cli

EXAMPLE = REPO / "examples" / "executive-summary"
REPORT = "docs/executive_summary_senior_ai_manager.md"
BASELINE = ".reportlint-baseline.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE, root)
    (root / ".git").mkdir()
    # the sources root is the project root: the baseline and outputs lie inside it
    (root / ".reportlint.yml").write_text(f"extends: executive-summary\ndocuments: [{REPORT}]\n")
    return root


def _findings(project: Path, *args: str) -> tuple[int, list[dict]]:
    r = run_cli("check", "--format", "json", *args, cwd=project)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    return r.returncode, json.loads(r.stdout)["findings"]


def _write_then_check(project: Path) -> list[dict]:
    first = run_cli("check", "--write-baseline", BASELINE, cwd=project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "wrote 10 findings to the baseline .reportlint-baseline.json" in first.stderr
    second = run_cli("check", "--baseline", BASELINE, cwd=project)
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.splitlines()[-1] == "No problems in 1 file. 10 baselined."
    code, findings = _findings(project, "--baseline", BASELINE)
    assert code == 0 and len(findings) == 10 and all(f["baselined"] for f in findings)
    return findings


def test_the_readme_sequence_exits_0_on_the_second_run(project: Path):
    findings = _write_then_check(project)
    rules = sorted({f["rule_id"] for f in findings})
    assert rules == ["RL121", "RL210", "RL211", "RL302", "RL303", "RL305", "RL306", "RL307",
                     "RL308"]


def test_lines_inserted_above_the_findings(project: Path):
    before = _write_then_check(project)
    report = project / REPORT
    lines = report.read_text(encoding="utf-8").split("\n")
    # after the title: a comment and blank lines (no words, so no new finding)
    lines[1:1] = ["", "<!-- second draft -->", "", ""]
    report.write_text("\n".join(lines), encoding="utf-8")
    code, after = _findings(project, "--baseline", BASELINE)
    assert code == 0
    moved = [(f["rule_id"], f["line"] + (4 if f["line"] > 1 else 0), f["column"])
             for f in before]
    assert [(f["rule_id"], f["line"], f["column"]) for f in after] == moved
    assert all(f["baselined"] for f in after)
    # RL307's message names the line of the other value: it moved with the text
    (conflict,) = [f for f in after if f["rule_id"] == "RL307"]
    assert "at line 20" in conflict["message"]


def test_a_cited_file_edited_elsewhere(project: Path):
    before = _write_then_check(project)
    cited = project / "tunix-rt.md"
    lines = cited.read_text(encoding="utf-8").split("\n")
    lines[1:1] = ["", "A paragraph added to the cited file, far from the evidence.", ""]
    cited.write_text("\n".join(lines), encoding="utf-8")
    code, after = _findings(project, "--baseline", BASELINE)
    assert code == 0
    assert all(f["baselined"] for f in after) and len(after) == len(before)

    def related(findings: list[dict]) -> list[tuple[str, int]]:
        return [(r["path"], r["line"]) for f in findings for r in f["related"]
                if r["path"] == "tunix-rt.md" and r["line"] > 1]

    # the evidence the findings point at really moved
    assert related(after) == [(path, line + 3) for path, line in related(before)]
    assert related(after)


def test_a_new_finding_still_fails(project: Path):
    _write_then_check(project)
    report = project / REPORT
    report.write_text(report.read_text(encoding="utf-8") + "\nTBD: the cost table.\n",
                      encoding="utf-8")
    r = run_cli("check", "--baseline", BASELINE, cwd=project)
    assert r.returncode == 1
    assert [line for line in r.stdout.splitlines() if "RL211" in line and "TBD" in line
            and "(baselined)" not in line]


def test_own_outputs_baseline_and_config_are_not_evidence(project: Path):
    _write_then_check(project)
    run_cli("check", "-o", "json:report.json", "--sarif-file", "reportlint.sarif",
            "--baseline", BASELINE, cwd=project)
    _code, findings = _findings(project, "--baseline", BASELINE)
    named = {r["path"] for f in findings for r in f["related"]}
    own = {BASELINE, "report.json", "reportlint.sarif", ".reportlint.yml"}
    assert not named & own, named & own
    assert not any(name in f["message"] for f in findings for name in own)
