"""The installed `reportlint` command, run as a user would."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.core.conftest import REPO

CLEAN = REPO / "tests" / "fixtures" / "clean" / "executive_summary_clean.md"
EXAMPLE_ROOT = REPO / "examples" / "executive-summary"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env.update(extra)
    return env


def test_version(run_cli):
    r = run_cli("--version")
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and lines[0] == "reportlint 0.1.0"
    assert lines[1].startswith("marko ") and lines[2].startswith("Python 3.")
    stock = run_cli("--version", env=_env(REPORTLINT_STOCK_MARKO="1"))
    assert stock.stdout.splitlines()[1].endswith("stock parser (REPORTLINT_STOCK_MARKO=1)") \
        or "checked against" in stock.stdout


def test_check_repo_demo_finds_real_problems(run_cli):
    r = run_cli("check", cwd=REPO, env=_env())
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    path = "examples/executive-summary/docs/executive_summary_senior_ai_manager.md"
    assert f"{path}:89:18: RL210 [warning] banned phrase \"world-class\"" in lines
    assert any(line.startswith(f"{path}:147:1: RL121 [error]") for line in lines)
    assert lines[-1].startswith("Found ")


def test_clean_report_has_no_findings(run_cli):
    r = run_cli("check", str(CLEAN), "--sources-root", str(EXAMPLE_ROOT), cwd=REPO, env=_env())
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "No problems in 1 file.\n"


def test_json_format_is_stable(run_cli, project: Path):
    (project / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    r = run_cli("check", "r.md", "--select", "banned-phrases", "--format", "json", cwd=project,
                env=_env())
    assert r.returncode == 0  # a warning does not fail with --fail-on error
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["tool"]["name"] == "reportlint"
    assert data["findings"] == [{
        "rule_id": "RL210", "rule_name": "banned-phrases", "severity": "warning",
        "path": "r.md", "line": 3, "column": 3, "end_line": 3, "end_column": 14,
        "message": 'banned phrase "world-class"', "related": [], "fix": None,
        "suppressed": False, "suppression_reason": None, "baselined": False}]
    assert data["summary"] == {"files": 1, "error": 0, "warning": 1, "note": 0,
                               "suppressed": 0, "baselined": 0}


def test_fail_on_thresholds(run_cli, project: Path):
    (project / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    base = ("check", "r.md", "--select", "RL210")
    assert run_cli(*base, "--fail-on", "warning", cwd=project, env=_env()).returncode == 1
    assert run_cli(*base, "--fail-on", "error", cwd=project, env=_env()).returncode == 0
    assert run_cli(*base, "--fail-on", "never", cwd=project, env=_env()).returncode == 0


def test_ignore_and_quiet(run_cli, project: Path):
    (project / "r.md").write_text("## Intro\n\nA world-class tool. TODO\n")
    r = run_cli("check", "r.md", "--select", "RL210,RL211", "--ignore", "placeholders", "-q",
                cwd=project, env=_env())
    assert r.stdout == 'r.md:3:3: RL210 [warning] banned phrase "world-class"\n'


def test_output_file_replaces_stdout_and_extra_output(run_cli, project: Path):
    (project / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    r = run_cli("check", "r.md", "--select", "RL210", "-o", "out.txt", "-o", "json:out.json",
                cwd=project, env=_env())
    assert r.stdout == ""
    assert (project / "out.txt").read_text().startswith("r.md:3:3: RL210")
    assert json.loads((project / "out.json").read_text())["findings"][0]["rule_id"] == "RL210"


def test_unknown_output_format(run_cli, project: Path):
    (project / "r.md").write_text("x\n")
    r = run_cli("check", "r.md", "-o", "xml:out.xml", cwd=project, env=_env())
    assert r.returncode == 2
    assert r.stderr.strip() == "--output xml:out.xml: unknown format 'xml'; formats: " \
        + ", ".join(__import__("reportlint.cli", fromlist=["FORMATS"]).FORMATS)


def test_config_error_exit_2_one_line(run_cli, project: Path):
    (project / ".reportlint.yml").write_text("rules:\n  word-count:\n    min: many\n")
    (project / "r.md").write_text("x\n")
    r = run_cli("check", "r.md", cwd=project, env=_env())
    assert r.returncode == 2
    assert r.stderr == ".reportlint.yml:3: rules.word-count.min: expected an integer, " \
                       "got 'many'\n"
    assert r.stdout == ""


def test_missing_path_reported_others_linted(run_cli, project: Path):
    (project / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    r = run_cli("check", "r.md", "missing.md", "--select", "RL210", cwd=project, env=_env())
    assert r.returncode == 2
    assert "missing.md:1:1: RL904 [error] missing.md: no such file or directory" in r.stdout
    assert "r.md:3:3: RL210" in r.stdout


def test_not_utf8_names_byte_offset(run_cli, project: Path):
    (project / "bad.md").write_bytes(b"# Title\n\nna\xefve\n")
    r = run_cli("check", "bad.md", cwd=project, env=_env())
    assert r.returncode == 2
    assert "bad.md:1:1: RL904 [error] bad.md: not UTF-8: invalid byte 0xef at byte offset 11" \
        in r.stdout


def test_directory_argument_lints_markdown_inside(run_cli, project: Path):
    (project / "docs").mkdir()
    (project / "docs" / "a.md").write_text("world-class\n")
    (project / "docs" / "b.txt").write_text("world-class\n")
    r = run_cli("check", "docs", "--select", "RL210", "-q", cwd=project, env=_env())
    assert r.stdout == 'docs/a.md:1:1: RL210 [warning] banned phrase "world-class"\n'


def test_suppressed_hidden_unless_asked(run_cli, project: Path):
    (project / "r.md").write_text(
        "<!-- reportlint-disable-next-line RL210 -- quoted from a customer -->\n"
        "A world-class tool.\n")
    r = run_cli("check", "r.md", "--select", "RL210", cwd=project, env=_env())
    assert r.stdout == ("No problems in 1 file. 1 suppressed (--show-suppressed to list).\n")
    r = run_cli("check", "r.md", "--select", "RL210", "--show-suppressed", cwd=project,
                env=_env())
    assert r.stdout.splitlines()[0] == (
        'r.md:2:3: RL210 [warning] banned phrase "world-class" '
        "(suppressed: quoted from a customer)")


def test_color_only_when_forced_or_tty(run_cli, project: Path):
    (project / "r.md").write_text("world-class\n")
    plain = run_cli("check", "r.md", "--select", "RL210", cwd=project, env=_env())
    assert "\x1b[" not in plain.stdout  # not a terminal
    forced = run_cli("check", "r.md", "--select", "RL210", "--color", "always", cwd=project,
                     env=_env())
    assert "\x1b[33mwarning\x1b[0m" in forced.stdout


def test_control_characters_are_not_echoed(run_cli, project: Path):
    (project / "r.md").write_text("## \x1b[31mworld-class\x1b[0m\n")
    r = run_cli("check", "r.md", "--select", "RL210", cwd=project, env=_env())
    assert "\x1b" not in r.stdout


def test_rules_lists_every_rule(run_cli):
    r = run_cli("rules", env=_env())
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "severity", "origin", "summary"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids[:15] == ["RL101", "RL102", "RL110", "RL111", "RL112", "RL120", "RL121",
                        "RL130", "RL140", "RL201", "RL202", "RL203", "RL210", "RL211", "RL301"]


def test_explain_by_id_and_name(run_cli):
    by_id = run_cli("explain", "RL101", env=_env())
    by_name = run_cli("explain", "required-headings", env=_env())
    assert by_id.returncode == 0 and by_id.stdout == by_name.stdout
    assert by_id.stdout.startswith("# RL101 required-headings\n")
    assert "## Why is this bad?" in by_id.stdout and "| `headings` |" in by_id.stdout


def test_explain_unknown_suggests(run_cli):
    r = run_cli("explain", "required-heading", env=_env())
    assert r.returncode == 2
    assert r.stderr.strip() == "no such rule: 'required-heading' (did you mean " \
                               "'required-headings'?)"


def test_init_writes_and_refuses_overwrite(run_cli, project: Path):
    r = run_cli("init", cwd=project, env=_env())
    assert r.returncode == 0 and (project / ".reportlint.yml").is_file()
    text = (project / ".reportlint.yml").read_text()
    assert text.startswith("# reportlint configuration")
    assert "extends: sourced-report" in text
    assert "no report found" in r.stdout
    again = run_cli("init", cwd=project, env=_env())
    assert again.returncode == 2
    assert again.stderr.strip() == ".reportlint.yml already exists; use --force to overwrite it"
    assert run_cli("init", "--force", cwd=project, env=_env()).returncode == 0
    # the starter file is itself a valid configuration: with no report, nothing to lint
    r = run_cli("check", cwd=project, env=_env())
    assert r.returncode == 2 and "nothing to lint" in r.stderr


def test_init_finds_the_reports_that_hold_source_tags(run_cli, project: Path):
    (project / "reports" / "q3").mkdir(parents=True)
    (project / "reports" / "q3" / "audit.md").write_text(
        "# Audit\n\nWe ran 12 tests (source: data/facts.md).\n")
    (project / "notes.md").write_text("# Notes\n\nNo tags here: 12 items.\n")
    (project / "node_modules" / "pkg").mkdir(parents=True)
    (project / "node_modules" / "pkg" / "x.md").write_text("(source: a.md)\n")
    (project / "data").mkdir()
    (project / "data" / "facts.md").write_text("# Facts\n\nWe ran 12 tests.\n")
    r = run_cli("init", cwd=project, env=_env())
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "wrote .reportlint.yml: profile sourced-report (source tags and placeholders)",
        "documents (Markdown files with source tags):",
        "  reports/q3/audit.md"]
    assert '  - "reports/q3/audit.md"\n' in (project / ".reportlint.yml").read_text()
    check = run_cli("check", cwd=project, env=_env())
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip() == "No problems in 1 file."


def test_nothing_to_lint(run_cli, project: Path):
    (project / ".reportlint.yml").write_text("extends: executive-summary\n")
    r = run_cli("check", cwd=project, env=_env())
    assert r.returncode == 2
    assert "nothing to lint" in r.stderr


def test_local_rules_need_opt_in(run_cli, project: Path):
    rules = project / "myrules"
    rules.mkdir()
    (rules / "acme.py").write_text(LOCAL_RULE)
    (project / ".reportlint.yml").write_text("rules_dirs: [myrules]\n")
    (project / "r.md").write_text("# Hello\n\nacme is here.\n")
    refused = run_cli("check", "r.md", "--select", "ACME101", cwd=project, env=_env())
    assert refused.returncode == 2
    assert "no such rule 'ACME101'" in refused.stderr
    assert "pass --allow-local-rules" in refused.stderr
    allowed = run_cli("check", "r.md", "--select", "ACME101", "--allow-local-rules",
                      cwd=project, env=_env())
    assert allowed.stdout.splitlines()[0] == \
        "r.md:3:1: ACME101 [error] the word 'acme' is banned here"
    assert allowed.returncode == 1


LOCAL_RULE = '''
from reportlint import Rule, Severity


class NoAcme(Rule):
    """
    ## What it does
    Bans the word acme.

    ## Why is this bad?
    Legal said so.

    ## Example
    `acme` fails; `ACME Corp.` in code passes.
    """

    id = "ACME101"
    name = "no-acme"
    summary = "No acme."
    default_severity = Severity.ERROR

    def check(self, doc, ctx):
        for p in doc.paragraphs:
            i = p.prose.text.find("acme")
            if i != -1:
                yield self.finding(p.prose.span(i, i + 4), "the word 'acme' is banned here")
'''


def test_stats_json_on_the_clean_report(run_cli):
    r = run_cli("stats", str(CLEAN), "--sources-root", str(EXAMPLE_ROOT), "-f", "json",
                cwd=REPO, env=_env())
    assert r.returncode == 0, r.stderr
    (doc,) = json.loads(r.stdout)["documents"]
    assert doc["path"] == "tests/fixtures/clean/executive_summary_clean.md"
    assert (doc["tables"], doc["diagrams"], doc["error"]) == (4, 1, None)
    assert 2200 <= doc["words"] <= 2700
    assert doc["hard_claims"] > 50
    assert doc["sourced"] == doc["verified"] == doc["hard_claims"]
    assert doc["resolved"] == doc["citations"]
    assert doc["sourced_share"] == doc["verified_share"] == 1.0


def test_stats_text_on_the_demo(run_cli):
    r = run_cli("stats", cwd=REPO, env=_env())
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "examples/executive-summary/docs/executive_summary_senior_ai_manager.md"
    labels = [line.split()[0] for line in lines[1:]]
    assert labels == ["words", "tables", "diagrams", "source", "citations", "hard", "sourced",
                      "verified"]
    sourced = next(line for line in lines if line.strip().startswith("sourced"))
    assert not sourced.endswith("(100%)")  # the draft has an unsourced claim


def test_stats_unreadable_file(run_cli, project: Path):
    (project / "bad.md").write_bytes(b"\xff\xfe\x00")
    r = run_cli("stats", "bad.md", cwd=project, env=_env())
    assert r.returncode == 2
    assert r.stdout == "bad.md\n  bad.md: UTF-16 text is not supported; save the file as UTF-8\n"


def test_profiles_lists_the_builtin_profiles(run_cli):
    r = run_cli("profiles", env=_env())
    assert r.returncode == 0, r.stderr
    rows = {line.split()[0]: line for line in r.stdout.splitlines()}
    assert sorted(rows) == ["executive-summary", "sourced-report"]
    assert "the default when no configuration is found" in rows["sourced-report"]
    assert "Executive Summary (Senior AI Manager)" in rows["executive-summary"]


def test_unknown_profile_option_is_a_usage_error(run_cli, tmp_path):
    report = tmp_path / "r.md"
    report.write_text("# R\n")
    r = run_cli("check", "--profile", "sourced-reprot", str(report), env=_env())
    assert r.returncode == 2
    assert r.stderr.strip() == ("--profile: no built-in profile 'sourced-reprot' "
                                "(did you mean 'sourced-report'?)")
