"""GitHub workflow commands: escaping, caps, and a job summary a hostile report cannot break."""

from __future__ import annotations

import html
import re
from pathlib import Path

import marko

from reportlint.document import Document
from reportlint.engine import FileResult
from reportlint.finding import Finding, Related, Severity
from reportlint.notices import notice
from reportlint.reporters import REPORTERS, get
from reportlint.reporters.github import (
    CAP,
    annotation,
    escape_data,
    escape_property,
    select,
    summary_markdown,
    write_step_summary,
)
from reportlint.span import Span
from tests.reporters.support import clean_env, run_cli, sample_info, sample_results

HOSTILE = [
    "line one\n::error file=x.md,line=1::forged",
    "%0A::warning::forged by percent",
    "carriage\r::notice::forged\r\nagain",
    "\x1b[31mred\x1b[0m and \x1b]8;;http://evil\x07link",
    "::add-mask::secret ::stop-commands::abc",
    "##[error]legacy command ##[set-output name=x;]y",
    "unicode\u2028::error::separator\u0085next\x0bvt",
    "table | breaker\n| --- |\n<script>alert(1)</script> `code` [link](javascript:x) "
    "![img](http://evil/x.png) **bold** @someone $x$",
]
HOSTILE_PATH = "docs/we,ird:name\n::error::x.md"


def _unescape(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def runner_commands(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    """Parse output like the Actions runner: ``::cmd k=v,k=v::data`` after optional
    leading whitespace, ``##[`` legacy commands anywhere, and ``::stop-commands::``."""
    commands = []
    stop_token = None
    for line in re.split(r"\r\n|\r|\n", stdout):
        if stop_token is not None:
            if line.strip() == f"::{stop_token}::":
                stop_token = None
            continue
        trimmed = line.lstrip()
        if trimmed.startswith("::"):
            head, sep, data = trimmed[2:].partition("::")
            assert sep, f"malformed command line {line!r}"
            name, _, props = head.partition(" ")
            parsed = {}
            for prop in filter(None, props.split(",")):
                key, _, value = prop.partition("=")
                parsed[key] = _unescape(value)
            commands.append((name, parsed, _unescape(data)))
            if name == "stop-commands":
                stop_token = data
        elif "##[" in line:
            commands.append(("legacy", {}, line))
    assert stop_token is None, "commands were never resumed"
    return commands


def _hostile_results() -> list[FileResult]:
    findings = [Finding(span=Span.at(i + 1, 1, i + 1, 4, HOSTILE_PATH), message=msg,
                        rule_id="RL210", rule_name="banned-phrases",
                        severity=[Severity.ERROR, Severity.WARNING, Severity.NOTE][i % 3],
                        related=(Related(Span.at(2, 1, 2, 3, "ev\n::error::x.md"), msg),),
                        fix=msg)
                for i, msg in enumerate(HOSTILE)]
    return [FileResult(HOSTILE_PATH, findings)]


def test_registered():
    assert REPORTERS["github"] == "reportlint.reporters.github"


def test_escaping_like_the_toolkit():
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    assert escape_data("%0A") == "%250A"
    assert escape_data("\x1b[31m") == "\ufffd[31m"


def test_annotation_shape():
    results = sample_results()
    info = sample_info()
    f = next(f for f in results[0].findings if f.rule_id == "RL306")
    assert annotation(f, info) == (
        '::error file=docs/report.md,line=5,col=17,endColumn=22,'
        'title=RL306 claim-not-in-source::"42 ms" appears in none of the cited files'
        "%0Aevidence: sources/perf.md:7:1: expected in perf.md §Latency, which says 47 ms"
        "%0Aevidence: sources/bench/run.md:3:5: 42 ms occurs here%0Afix: cite bench/run.md")
    multi = Finding(span=Span.at(3, 2, 5, 1, "a.md"), message="m", rule_id="RL1",
                    rule_name="x", severity=Severity.NOTE)
    assert annotation(multi, info) == "::notice file=a.md,line=3,endLine=5,title=RL1 x::m"


def test_hostile_report_cannot_forge_a_command():
    results = _hostile_results()
    out = get("github")(results, sample_info(rules=[]))
    commands = runner_commands(out)
    # the closing count sits in the one stop-commands block
    assert [c[0] for c in commands].count("stop-commands") == 1
    commands = [c for c in commands if c[0] != "stop-commands"]
    names = [c[0] for c in commands]
    assert set(names) <= {"error", "warning", "notice"}, names
    assert len(commands) == len(HOSTILE)
    for (name, props, data), f in zip(
            sorted(commands, key=lambda c: int(c[1]["line"])), results[0].findings):
        assert name == {"error": "error", "warning": "warning", "note": "notice"}[
            f.severity.value]
        assert set(props) <= {"file", "line", "col", "endColumn", "endLine", "title"}
        assert props["title"] == "RL210 banned-phrases"
        assert props["line"] == str(f.line)
        # the path and message arrive intact, only control characters replaced
        assert props["file"] == HOSTILE_PATH
        assert data.split("\nevidence: ")[0] == re.sub(
            r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", "\ufffd", f.message)
        assert "\x1b" not in data and "\u2028" not in data


def test_hostile_findings_beyond_the_cap_are_printed_inertly():
    results = [FileResult("h.md", [
        Finding(span=Span.at(i, 1, i, 2, "h.md"), message=HOSTILE[i % len(HOSTILE)],
                rule_id="RL210", rule_name="banned-phrases", severity=Severity.ERROR)
        for i in range(1, 30)])]
    out = get("github")(results, sample_info(rules=[]))
    commands = runner_commands(out)
    assert [c[0] for c in commands].count("error") == CAP
    assert [c[0] for c in commands if c[0] != "error"] == ["stop-commands"]
    assert "reportlint: 19 findings not annotated" in out
    assert "\x1b" not in out


def test_caps_most_severe_first():
    path = "r.md"
    findings = []
    for sev, n in ((Severity.NOTE, 3), (Severity.WARNING, 12), (Severity.ERROR, 25)):
        findings += [Finding(span=Span.at(i + 1, 1, i + 1, 2, path), message=f"{sev} {i}",
                             rule_id="RL210", rule_name="banned-phrases", severity=sev)
                     for i in range(n)]
    findings.append(notice("RL903", "rule crashed", path, Span.at(40, 1)))
    results = [FileResult(path, findings)]
    annotated, rest = select(results)
    assert [f.severity for f in annotated] == (
        [Severity.ERROR] * 10 + [Severity.WARNING] * 10 + [Severity.NOTE] * 3)
    assert annotated[0].rule_id == "RL903"  # a fatal notice outranks ordinary errors
    assert len(rest) == 16 + 2
    out = get("github")(results, sample_info(rules=[]))
    lines = out.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::") and " " in line]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 3
    assert "18 not annotated" in lines[-2]  # the last closes the stop-commands block
    summary = summary_markdown(results, sample_info(rules=[], exit_code=1), env={})
    assert "**18 findings not annotated**" in summary
    assert summary.count("| not annotated |") == 18
    assert summary.count("| annotated |") == 23


def _table_rows(markdown: str, heading: str) -> list[list[str]]:
    """Cells of the table under ``### heading`` as rendered by a GFM renderer."""
    rendered = marko.Markdown(extensions=["gfm"]).convert(markdown)
    part = rendered.split(f">{heading}</h3>", 1)[1]
    table = part.split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.DOTALL) for r in rows]


def test_summary_counts_stats_and_every_finding():
    results = sample_results()
    text = summary_markdown(results, sample_info(exit_code=2), env={})
    assert text.startswith("## reportlint\n")
    assert "**5 problems**: 2 errors, 2 warnings, 1 note in 2 files" in text
    assert "1 suppressed" in text
    assert "5 annotated; none left out." in text
    by_rule = _table_rows(text, "Findings by rule")
    assert by_rule[0] == ["Rule", "Errors", "Warnings", "Notes", "Suppressed", "Baselined"]
    assert ["RL211 placeholders", "0", "0", "1", "1", "0"] in by_rule
    files = _table_rows(text, "Files")
    assert files[1][0] == "docs/report.md" and files[1][1].isdigit()
    assert files[2][:2] == ["docs/broken.md", "not read"]
    rows = _table_rows(text, "Findings")
    assert len(rows) == 1 + 6  # header + every finding, suppressed included
    assert all(len(r) == 5 for r in rows)
    assert [r[4] for r in rows if "suppressed" in r[4]] == ["suppressed: agreed with finance"]


def test_summary_links_to_the_commit_when_known():
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r",
           "GITHUB_SHA": "abc123"}
    text = summary_markdown(sample_results(), sample_info(), env=env)
    assert "(https://github.com/o/r/blob/abc123/docs/report.md#L5)" in text


def test_summary_cells_resist_a_hostile_report():
    results = _hostile_results()
    text = summary_markdown(results, sample_info(rules=[]), env={})
    rows = _table_rows(text, "Findings")
    assert len(rows) == 1 + len(HOSTILE)
    assert all(len(r) == 5 for r in rows), rows
    rendered = marko.Markdown(extensions=["gfm"]).convert(text).split(">Findings</h3>")[1]
    for tag in ("<script", "<code", "<a ", "<img", "<strong", "<em"):
        assert tag not in rendered, tag
    assert "\x1b" not in text
    for line in text.split("### Findings\n")[1].splitlines():
        if line.startswith("| ") and "RL210" in line:
            assert line.count("|") == 6  # five cells, no pipe from the message
    cells = [html.unescape(r[3]) for r in rows[1:]]
    assert any("<script>alert(1)</script>" in c for c in cells)  # shown as text


def test_write_step_summary_appends(tmp_path: Path):
    target = tmp_path / "summary.md"
    target.write_text("# earlier step\n")
    env = {"GITHUB_STEP_SUMMARY": str(target)}
    assert write_step_summary(sample_results(), sample_info(), env) is None
    assert write_step_summary(sample_results(), sample_info(), env) is None
    text = target.read_text()
    assert text.startswith("# earlier step\n") and text.count("## reportlint") == 2
    assert write_step_summary(sample_results(), sample_info(), {}) is None
    bad = {"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such" / "file")}
    assert "cannot write the job summary" in (write_step_summary(
        sample_results(), sample_info(), bad) or "")


def test_summary_size_is_bounded():
    doc_path = "big.md"
    findings = [Finding(span=Span.at(i, 1, i, 2, doc_path), message="x" * 500,
                        rule_id="RL210", rule_name="banned-phrases", severity=Severity.NOTE)
                for i in range(1, 4001)]
    text = summary_markdown([FileResult(doc_path, findings, Document("x\n"))],
                            sample_info(rules=[]), env={})
    assert len(text.encode()) < 1024 * 1024
    assert "more findings are not listed" in text


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.md").write_text("## Intro\n\nA world-class tool.\n\nTODO\n")
    return tmp_path


def test_cli_defaults_to_github_inside_actions(tmp_path: Path):
    project = _project(tmp_path)
    summary = project / "summary.md"
    env = clean_env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    r = run_cli("check", "r.md", "--select", "RL210,RL211", cwd=project, env=env)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0].startswith("::error file=r.md,line=5,col=1,")
    assert "::warning file=r.md,line=3,col=3,endColumn=14,title=RL210 banned-phrases::" \
           "banned phrase \"world-class\"" in r.stdout
    assert summary.read_text().count("## reportlint") == 1
    # --format wins over the environment
    r = run_cli("check", "r.md", "--select", "RL210", "--format", "text", cwd=project, env=env)
    assert r.stdout.startswith("r.md:3:3: RL210")
    # outside Actions the default is text
    r = run_cli("check", "r.md", "--select", "RL210", cwd=project)
    assert r.stdout.startswith("r.md:3:3: RL210")


def test_cli_summary_once_with_several_github_outputs(tmp_path: Path):
    project = _project(tmp_path)
    summary = project / "summary.md"
    env = clean_env(GITHUB_STEP_SUMMARY=str(summary))
    r = run_cli("check", "r.md", "--select", "RL210", "--format", "github",
                "--output", "github:annotations.txt", cwd=project, env=env)
    assert r.returncode == 0
    assert (project / "annotations.txt").read_text() == r.stdout
    assert summary.read_text().count("## reportlint") == 1
    summary.unlink()
    run_cli("check", "r.md", "--select", "RL210", "--format", "text", cwd=project, env=env)
    assert not summary.exists()  # the summary belongs to the github format
