"""Text: ``path:line:col: RL306 [error] message``, grouped by file, then a summary.

Evidence locations follow their finding, indented. Colour only when asked
(the CLI asks on a terminal without ``NO_COLOR``). Control characters from
the report are replaced, so a hostile report cannot drive the terminal.
"""

from __future__ import annotations

import re

from reportlint.engine import FileResult
from reportlint.finding import Finding, Severity
from reportlint.reporters import ReportInfo, counts, visible

# C0/C1 controls, bidi marks and overrides (U+061C, U+200E/F, U+202A-E, U+2066-9) and the
# Unicode line and paragraph separators (U+2028/9), which a terminal may act on
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                         r"\u202a-\u202e\u2066-\u2069]")
COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def clean(text: str) -> str:
    """No control characters (ANSI escapes, bidi overrides) and no line breaks."""
    return _CONTROL_RE.sub("\ufffd", text.replace("\r\n", " ").replace("\n", " ")
                           .replace("\t", " "))


def path_text(path: str) -> str:
    """A path as printed at the start of a line: one starting with ``:`` gets ``./``, so
    a file named ``::error::x.md`` cannot forge a workflow command when text output runs
    inside GitHub Actions (which reads ``::`` at the start of any line of a step)."""
    path = clean(path)
    return "./" + path if path.startswith(":") else path


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def format_finding(f: Finding, color: bool = False) -> list[str]:
    sev = _paint(f.severity.value, COLORS[f.severity], color)
    where = _paint(f"{path_text(f.path)}:{f.line}:{f.column}:", "1", color)
    tail = " (suppressed" + (f": {clean(f.suppression_reason)}" if f.suppression_reason
                             else "") + ")" if f.suppressed else ""
    tail += " (baselined)" if f.baselined else ""
    lines = [f"{where} {f.rule_id} [{sev}] {clean(f.message)}{tail}"]
    for r in f.related:
        lines.append(f"    {path_text(r.span.path)}:{r.span.line}:{r.span.column}: "
                     f"{clean(r.message)}")
    if f.fix:
        lines.append(f"    fix: {clean(f.fix)}")
    return lines


def render(results: list[FileResult], info: ReportInfo) -> str:
    out: list[str] = []
    files_with = 0
    for r in results:
        shown = visible(r.findings, info)
        if not shown:
            continue
        files_with += 1
        for f in shown:
            out.extend(format_finding(f, info.color))
    c = counts(results)
    total = c["error"] + c["warning"] + c["note"]
    if total:
        parts = [f"{c[k]} {k}{'s' if c[k] != 1 else ''}" for k in ("error", "warning", "note")
                 if c[k]]
        summary = (f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
                   f"in {files_with} of {len(results)} file{'s' if len(results) != 1 else ''}.")
    else:
        summary = f"No problems in {len(results)} file{'s' if len(results) != 1 else ''}."
    extras = []
    if c["suppressed"]:
        extras.append(f"{c['suppressed']} suppressed"
                      + ("" if info.show_suppressed else " (--show-suppressed to list)"))
    if c["baselined"]:
        extras.append(f"{c['baselined']} baselined")
    if extras:
        summary += " " + "; ".join(extras) + "."
    out.append(summary)
    return "\n".join(out) + "\n"
