"""Fingerprints survive unrelated edits; the baseline turns known findings into non-failures."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from reportlint.baseline import (
    FINGERPRINT_KEY,
    fingerprints,
    legacy_fingerprints,
    normalize_message,
)
from reportlint.engine import FileResult, lint_text
from reportlint.finding import Related
from reportlint.reporters import get
from reportlint.testing import make_run
from tests.reporters.support import run_cli, sample_info, validate_sarif

REPORT = """\
## Intro

A world-class tool.

TODO: the cost table.

Another TODO here, and a world-class claim.

TODO: the cost table.
"""
RULES = {"banned-phrases": None, "placeholders": None}


def _lint(text: str, rules=RULES):
    run = make_run(rules)
    return lint_text(run, text, "docs/report.md")


def _keyed(text: str) -> dict[str, tuple[str, int, str]]:
    r = _lint(text)
    return {fp: (f.rule_id, f.line, f.message) for f, fp in zip(r.findings, fingerprints(r))}


def test_fingerprints_unique_and_stable_under_inserted_lines():
    before = _keyed(REPORT)
    assert len(before) == 5  # identical TODO lines still get distinct fingerprints
    shifted = "\n\nA new paragraph.\n\n## Context\n\nMore words.\n" + REPORT
    after = _keyed(shifted)
    assert set(after) == set(before)
    for fp, (rule, line, message) in before.items():
        assert after[fp] == (rule, line + 7, message)


def test_editing_the_findings_own_text_changes_only_its_fingerprint():
    before = _keyed(REPORT)
    # other words of the line change: both findings on it keep their fingerprints
    assert set(_keyed(REPORT.replace("Another TODO here", "One more TODO there"))) == set(before)
    edited = _keyed(REPORT.replace("Another TODO here", "Another TBD here"))
    assert len(set(before) - set(edited)) == 1  # the placeholder's own text changed
    assert len(set(before) & set(edited)) == 4


def test_fingerprints_ignore_the_message_and_the_related_locations():
    r = _lint(REPORT)
    before = fingerprints(r)
    # what RL306 does when evidence turns up in another file: new message, new related
    r.findings = [dataclasses.replace(
        f, message=f.message + "; it occurs elsewhere, in .reportlint-baseline.json",
        related=(Related(f.span.with_path("other.md"), "occurs here"),)) for f in r.findings]
    assert fingerprints(r) == before
    assert legacy_fingerprints(r) != before  # 0.1 hashed the message


def test_the_key_is_part_of_the_fingerprint():
    r = _lint(REPORT)
    keyed = FileResult(r.path, [dataclasses.replace(f, key="k") for f in r.findings],
                       lines=r.lines)
    assert set(fingerprints(keyed)).isdisjoint(fingerprints(r))


HEADINGS = {"required-headings": {"headings": ["## Intro", "## Method", "## Risks",
                                               "## Costs"]}}


def test_keys_tell_apart_findings_that_share_a_span():
    # "## Method" belongs before "## Risks", "## Costs" after it: both are reported there
    text = "## Intro\n\nWords.\n\n## Risks\n\nMore words.\n"
    r = _lint(text, HEADINGS)
    assert sorted((f.line, f.column, f.key) for f in r.findings) == [
        (5, 1, "missing\x1f## Costs"), (5, 1, "missing\x1f## Method")]
    (costs_fp,) = [fp for f, fp in zip(r.findings, fingerprints(r))
                   if f.key == "missing\x1f## Costs"]
    # adding "## Method" leaves the other finding's fingerprint as it was
    fixed = _lint(text.replace("## Risks", "## Method\n\nHow.\n\n## Risks"), HEADINGS)
    assert [f.key for f in fixed.findings] == ["missing\x1f## Costs"]
    assert fingerprints(fixed) == [costs_fp]


TABLE = {"required-table": {"tables": [{"name": "Risks", "columns": ["Risk", "Owner"],
                                        "rows": ["Budget"]}]}}


def test_a_span_over_several_lines_is_known_by_its_first_line():
    text = "## Risks\n\n| Risk | Owner |\n|---|---|\n| Staff | Ana |\n"
    r = _lint(text, TABLE)
    assert [(f.line, f.column, f.span.end.line) for f in r.findings] == [(3, 1, 5)]
    # rows edited or added inside the table: the header row, and the fingerprint, stay
    edited = _lint(text.replace("| Staff | Ana |", "| Staff | Bo |\n| Time | Cy |"), TABLE)
    assert fingerprints(edited) == fingerprints(r)


def test_sarif_partial_fingerprints_match_and_are_stable():
    def sarif_fps(text: str) -> list[str]:
        log = validate_sarif(get("sarif")([_lint(text)], sample_info(rules=[])))
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]]

    a = sarif_fps(REPORT)
    assert a == fingerprints(_lint(REPORT))
    assert sarif_fps("# Title\n\n" + REPORT) == a


def test_message_normalisation_ignores_line_references():
    assert normalize_message("first at line 12, see a.md:12:3") == \
        normalize_message("first at line 19, see a.md:19:1")
    assert normalize_message("42 ms") != normalize_message("47 ms")


def _check(*args: str, cwd: Path):
    return run_cli("check", "--select", "RL210,RL211", *args, cwd=cwd)


def _project(tmp_path: Path, text: str = REPORT) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".reportlint.yml").write_text(
        "rules:\n  banned-phrases: {}\n  placeholders: {}\ndocuments: [docs/*.md]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "report.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_write_baseline_then_insert_lines_above_stays_baselined(tmp_path: Path):
    project = _project(tmp_path)
    r = _check("--write-baseline", "baseline.json", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr  # everything is baselined now
    assert "wrote 5 findings to the baseline baseline.json" in r.stderr
    data = json.loads((project / "baseline.json").read_text())
    assert data["version"] == 2 and len(data["findings"]) == 5
    assert data["fingerprint"] == "reportlint/v2"
    assert {v["rule"] for v in data["findings"].values()} == {"RL210", "RL211"}

    report = project / "docs" / "report.md"
    report.write_text("Inserted line.\n\nAnother inserted paragraph.\n\n" + REPORT)
    r = _check("--baseline", "baseline.json", "--format", "json", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    findings = json.loads(r.stdout)["findings"]
    assert len(findings) == 5 and all(f["baselined"] for f in findings)
    assert findings[0]["line"] == 7  # moved down by 4, still baselined

    # a new finding fails the run; the old ones stay baselined
    report.write_text(report.read_text() + "\nTBD: a new gap.\n")
    r = _check("--baseline", "baseline.json", cwd=project)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    new = [line for line in lines if "TBD" in line]
    assert new and "(baselined)" not in new[0]
    assert sum("(baselined)" in line for line in lines) == 5
    assert "5 baselined" in lines[-1]

    r = _check("--baseline", "baseline.json", "--sarif-file", "out.sarif",
                cwd=project)
    log = validate_sarif((project / "out.sarif").read_text())
    states = sorted(res["baselineState"] for res in log["runs"][0]["results"])
    assert states == ["new"] + ["unchanged"] * 5


def test_github_annotations_skip_baselined(tmp_path: Path):
    project = _project(tmp_path)
    _check("--write-baseline", "b.json", cwd=project)
    r = _check("--baseline", "b.json", "--format", "github", cwd=project)
    assert r.returncode == 0
    assert not any(line.startswith(("::error", "::warning", "::notice"))
                   for line in r.stdout.splitlines())
    assert "5 baselined" in r.stdout


def test_suppressed_and_notices_are_not_baselined(tmp_path: Path):
    project = _project(tmp_path, "<!-- reportlint-disable-next-line RL211 -->\nTODO\n\n"
                                 "<!-- reportlint-disable RL999 -->\n")
    _check("--write-baseline", "b.json", cwd=project)
    assert json.loads((project / "b.json").read_text())["findings"] == {}
    r = _check("--baseline", "b.json", "--format", "json", cwd=project)
    findings = json.loads(r.stdout)["findings"]
    assert [(f["rule_id"], f["baselined"]) for f in findings] == [
        ("RL211", False), ("RL901", False)]


def test_bad_baseline_files_exit_2(tmp_path: Path):
    project = _project(tmp_path)
    r = _check("--baseline", "missing.json", cwd=project)
    assert r.returncode == 2
    assert r.stderr.strip() == ("baseline missing.json: no such file "
                                "(create it with --write-baseline)")
    (project / "bad.json").write_text("[1, 2]")
    r = _check("--baseline", "bad.json", cwd=project)
    assert r.returncode == 2 and "not a reportlint baseline" in r.stderr
    (project / "bad.json").write_text("{nope")
    r = _check("--baseline", "bad.json", cwd=project)
    assert r.returncode == 2 and "not a JSON file" in r.stderr


def test_a_baseline_of_reportlint_0_1_still_applies_and_is_rewritten(tmp_path: Path):
    project = _project(tmp_path)
    r = _lint(REPORT)
    legacy = {fp: {"rule": f.rule_id, "path": f.path, "message": f.message}
              for f, fp in zip(r.findings, legacy_fingerprints(r))}
    (project / "old.json").write_text(json.dumps({"version": 1, "tool": "reportlint",
                                                  "findings": legacy}))
    result = _check("--baseline", "old.json", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 baselined" in result.stdout.splitlines()[-1]
    assert ("reportlint: note: baseline old.json has reportlint 0.1's fingerprints"
            in result.stderr)
    assert "rewrite it with --write-baseline" in result.stderr
    result = _check("--baseline", "old.json", "--write-baseline", "new.json", cwd=project)
    assert result.returncode == 0
    data = json.loads((project / "new.json").read_text())
    assert data["version"] == 2 and len(data["findings"]) == 5
    result = _check("--baseline", "new.json", cwd=project)
    assert result.returncode == 0 and result.stderr == ""
