"""GitHub Actions: workflow-command annotations and a Markdown job summary.

Annotations::

    ::error file=docs/report.md,line=12,col=40,endColumn=43,title=RL306 claim-not-in-source::message

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step
and silently drops the rest, so findings are annotated most severe first
(errors, then warnings, then notes; within a level the tool's fatal notices
first, then by file and line), up to those caps. Every other finding is
printed as a plain log line, and the job summary lists them all and says how
many were not annotated. Suppressed and baselined findings are not
annotated; the summary lists them with their status.

Nothing from the report can forge a workflow command: the message is escaped
like the toolkit's ``escapeData`` (``%``, CR, LF), property values like
``escapeProperty`` (also ``:`` and ``,``), other control characters (ANSI
escapes, bidi overrides, Unicode line separators) are replaced by U+FFFD,
and every line that is not an annotation (the plain log lines with report
text, the closing count) is printed between ``::stop-commands::TOKEN`` and
``::TOKEN::`` (a digest of the lines, so the output stays deterministic), and
the runner processes no command in them. The job summary escapes every cell, so
``|``, newlines, HTML, backticks and link syntax in a message cannot break
the table or inject markup.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from urllib.parse import quote

from reportlint.engine import FileResult
from reportlint.finding import Finding, Severity
from reportlint.notices import is_fatal
from reportlint.reporters import ReportInfo, counts
from reportlint.safeio import not_regular

CAP = 10  # annotations GitHub shows per severity per step
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
SUMMARY_LIMIT = 900_000  # GitHub accepts at most 1 MiB of job summary per step

_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                        r"\u202a-\u202e\u2066-\u2069]")


def _safe(text: str) -> str:
    """No control characters except CR and LF (which the escapes below handle)."""
    return _UNSAFE_RE.sub("\ufffd", text.replace("\t", " "))


def escape_data(text: str) -> str:
    return _safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    return _safe(text).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _active(f: Finding) -> bool:
    return not f.suppressed and not f.baselined


def _priority(f: Finding) -> tuple[int, int, str, int, int, str]:
    return (-f.severity.rank, 0 if is_fatal(f) else 1, f.path, f.line, f.column, f.rule_id)


def select(results: list[FileResult]) -> tuple[list[Finding], list[Finding]]:
    """(annotated, not annotated) active findings: the most severe first, within the caps."""
    active = sorted((f for r in results for f in r.findings if _active(f)), key=_priority)
    used = {s: 0 for s in Severity}
    annotated, rest = [], []
    for f in active:
        if used[f.severity] < CAP:
            used[f.severity] += 1
            annotated.append(f)
        else:
            rest.append(f)
    return annotated, rest


def _details(f: Finding, info: ReportInfo) -> list[str]:
    out = [f"evidence: {info.related_path(f, r.span.path)}:{r.span.line}:{r.span.column}: "
           f"{r.message}" for r in f.related]
    if f.fix:
        out.append(f"fix: {f.fix}")
    return out


def annotation(f: Finding, info: ReportInfo) -> str:
    s = f.span
    props = [f"file={escape_property(f.path)}", f"line={max(1, s.start.line)}"]
    if s.end.line == s.start.line:
        props.append(f"col={max(1, s.start.column)}")
        if s.end.column > s.start.column:
            props.append(f"endColumn={s.end.column}")
    else:
        props.append(f"endLine={s.end.line}")
    props.append(f"title={escape_property(f'{f.rule_id} {f.rule_name}'.strip())}")
    message = "\n".join([f.message, *_details(f, info)])
    return f"::{COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}"


def plain(f: Finding, info: ReportInfo) -> list[str]:
    status = " (baselined)" if f.baselined else ""
    lines = [f"{_one_line(f.path)}:{f.line}:{f.column}: {f.rule_id} [{f.severity.value}] "
             f"{_one_line(f.message)}{status}"]
    lines.extend("    " + _one_line(d) for d in _details(f, info))
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(results: list[FileResult], info: ReportInfo) -> str:
    annotated, rest = select(results)
    out = [annotation(f, info) for f in annotated]
    baselined = [f for r in results for f in r.findings if f.baselined and not f.suppressed]
    unlisted = sorted(rest, key=_priority) + baselined
    # every line that is not an annotation sits inside one ::stop-commands:: block
    block: list[str] = []
    if rest:
        out.append(f"reportlint: {_plural(len(rest), 'finding')} not annotated "
                   f"(GitHub shows at most {CAP} per severity per step):")
    for f in unlisted:
        block.extend("reportlint: " + line for line in plain(f, info))
    c = counts(results)
    total = c["error"] + c["warning"] + c["note"]
    tail = [f"{_plural(c['suppressed'], 'suppressed finding')}"] if c["suppressed"] else []
    if c["baselined"]:
        tail.append(f"{c['baselined']} baselined")
    if rest:
        tail.append(f"{len(rest)} not annotated")
    block.append(f"reportlint: {_plural(total, 'problem')} ({_plural(c['error'], 'error')}, "
                 f"{_plural(c['warning'], 'warning')}, {_plural(c['note'], 'note')}) in "
                 f"{_plural(len(results), 'file')}" + (f"; {'; '.join(tail)}" if tail else "")
                 + ".")
    out.extend(inert(block, info.extra.get("stop_token")))
    return "\n".join(out) + "\n"


def inert(lines: list[str], token: str | None = None) -> list[str]:
    """``lines`` between ``::stop-commands::TOKEN`` and ``::TOKEN::``.

    The token is a digest of the lines, so the output is deterministic. It does
    not have to be secret: no line inside can end the block, since each starts
    with text of ours (``reportlint: ``) or is escaped so that no line break
    (CR, LF) is left in it, and the runner only reads ``::`` at a line's start.
    """
    from reportlint.baseline import sha256  # CPython's own: no OpenSSL start-up

    token = token or sha256("\n".join(lines).encode()).hexdigest()[:32]
    return [f"::stop-commands::{token}", *lines, f"::{token}::"]


# --------------------------------------------------------------------------- job summary

_CELL_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "`": "&#96;",
                 "\\": "&#92;", "[": "&#91;", "]": "&#93;", "*": "&#42;", "_": "&#95;",
                 "~": "&#126;", "!": "&#33;", "$": "&#36;", "@": "&#64;"}
_CELL_RE = re.compile("[" + re.escape("".join(_CELL_ESCAPES)) + "]")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no line break, no pipe."""
    text = _CELL_RE.sub(lambda m: _CELL_ESCAPES[m.group(0)], _one_line(text))
    return text.strip() or " "


def _link(path: str, line: int, env: Mapping[str, str]) -> str | None:
    server, repo, sha = (env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"),
                         env.get("GITHUB_SHA"))
    if not (server and repo and sha) or path.startswith("../"):
        return None
    return f"{server}/{quote(repo)}/blob/{quote(sha)}/{quote(path)}#L{line}"


def _stats_rows(results: list[FileResult]) -> list[str]:
    rows = []
    for r in results:
        st = r.stats
        n = sum(1 for f in r.findings if _active(f))
        if st is None:
            rows.append(f"| {cell(r.path)} | not read | | | | {n} |")
            continue
        rows.append(f"| {cell(r.path)} | {st['words']} | {st['pages']} | "
                    f"{st['tables']} | {st['diagrams']} | {n} |")
    return rows


def summary_markdown(results: list[FileResult], info: ReportInfo,
                     env: Mapping[str, str] | None = None) -> str:
    """The job summary: totals, counts by rule, per-file stats and every finding."""
    env = os.environ if env is None else env
    annotated, rest = select(results)
    annotated_ids = {id(f) for f in annotated}
    c = counts(results)
    total = c["error"] + c["warning"] + c["note"]
    mark = "❌" if info.exit_code else "✅"
    out = ["## reportlint", ""]
    line = (f"{mark} **{_plural(total, 'problem')}**: {_plural(c['error'], 'error')}, "
            f"{_plural(c['warning'], 'warning')}, {_plural(c['note'], 'note')} in "
            f"{_plural(len(results), 'file')} (fail on: {info.fail_on}; exit code "
            f"{info.exit_code}).")
    extra = [f"{c['suppressed']} suppressed" if c["suppressed"] else "",
             f"{c['baselined']} baselined" if c["baselined"] else ""]
    if any(extra):
        line += " " + ", ".join(e for e in extra if e) + " (not annotated, not failing)."
    out += [line, ""]
    if rest:
        out += [f"⚠️ **{_plural(len(rest), 'finding')} not annotated**: GitHub shows at most "
                f"{CAP} error, {CAP} warning and {CAP} notice annotations per step. "
                f"{len(annotated)} annotated; all are listed below.", ""]
    else:
        out += [f"{len(annotated)} annotated; none left out.", ""]
    # counts by rule
    by_rule: dict[tuple[str, str], dict[str, int]] = {}
    for r in results:
        for f in r.findings:
            row = by_rule.setdefault((f.rule_id, f.rule_name), dict.fromkeys(
                ("error", "warning", "note", "suppressed", "baselined"), 0))
            key = "suppressed" if f.suppressed else "baselined" if f.baselined else \
                f.severity.value
            row[key] += 1
    if by_rule:
        out += ["### Findings by rule", "",
                "| Rule | Errors | Warnings | Notes | Suppressed | Baselined |",
                "|---|---:|---:|---:|---:|---:|"]
        for (rid, name), row in sorted(by_rule.items()):
            out.append(f"| {cell(f'{rid} {name}')} | {row['error']} | {row['warning']} | "
                       f"{row['note']} | {row['suppressed']} | {row['baselined']} |")
        out.append("")
    out += ["### Files", "", "| File | Words | Pages | Tables | Diagrams | Problems |",
            "|---|---:|---:|---:|---:|---:|", *_stats_rows(results), ""]
    findings = sorted((f for r in results for f in r.findings), key=_priority)
    if findings:
        out += ["### Findings", "",
                "| Severity | Location | Rule | Message | Status |", "|---|---|---|---|---|"]
        size = sum(len(x) + 1 for x in out)
        for i, f in enumerate(findings):
            where = f"{f.path}:{f.line}:{f.column}"
            link = _link(f.path, f.line, env)
            loc = f"[{cell(where)}]({link})" if link else cell(where)
            msg = "<br>".join(cell(d) for d in [f.message, *_details(f, info)])
            status = ("suppressed" + (f": {f.suppression_reason}" if f.suppression_reason
                                      else "")) if f.suppressed else \
                "baselined" if f.baselined else \
                "annotated" if id(f) in annotated_ids else "not annotated"
            line_ = (f"| {f.severity.value} | {loc} | {cell(f'{f.rule_id} {f.rule_name}')} | "
                     f"{msg} | {cell(status)} |")
            size += len(line_.encode()) + 1
            if size > SUMMARY_LIMIT:
                out.append("")
                out.append(f"{len(findings) - i} more findings are not listed: the job summary "
                           "is limited to 1 MiB. The SARIF or JSON output has them all.")
                break
            out.append(line_)
        out.append("")
    return "\n".join(out) + "\n"


def write_step_summary(results: list[FileResult], info: ReportInfo,
                       env: Mapping[str, str] | None = None) -> str | None:
    """Append the job summary to ``$GITHUB_STEP_SUMMARY`` when it is set.

    Returns an error message when the file cannot be written (the caller
    warns; a summary is not worth failing the run for).
    """
    env = os.environ if env is None else env
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    text = summary_markdown(results, info, env)
    # stat before open: a named pipe would block, a device or a link is not the
    # runner's summary file; the open repeats the checks (no link, no blocking)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        return f"cannot write the job summary to {target}: {exc.strerror}"
    else:
        if not stat.S_ISREG(st.st_mode):
            return f"cannot write the job summary to {target}: {not_regular(st.st_mode)}"
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                return f"cannot write the job summary to {target}: {not_regular(mode)}"
            fh.write(text)
    except OSError as exc:
        return f"cannot write the job summary to {target}: {exc.strerror}"
    return None
