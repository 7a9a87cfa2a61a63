"""The tool's own notices, RL9xx: problems of the run rather than of the report.

They travel as findings so every output format shows them (text, JSON, GitHub
annotations); SARIF also carries them as tool execution notifications.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlint.finding import Finding, Severity
from reportlint.span import Span


class Notice(NamedTuple):
    """A notice: reportlint's own finding about the run (RL9xx)."""

    id: str
    name: str
    summary: str
    severity: Severity
    fatal: bool  # the run could not do its job: exit code 2


NOTICES: dict[str, Notice] = {
    n.id: n
    for n in (
        Notice("RL901", "invalid-suppression",
               "An inline reportlint directive names an unknown rule or is malformed.",
               Severity.WARNING, False),
        Notice("RL902", "invalid-front-matter",
               "The report's YAML front matter does not parse.", Severity.WARNING, False),
        Notice("RL903", "rule-crashed",
               "A rule raised an exception; its findings for this file are missing.",
               Severity.ERROR, True),
        Notice("RL904", "unreadable-file",
               "A document could not be read (missing, a directory, not UTF-8, binary, "
               "permission denied).", Severity.ERROR, True),
        Notice("RL905", "parse-limit",
               "A document exceeded a parse limit (size, time or nesting depth) and was "
               "not linted.", Severity.ERROR, True),
        Notice("RL906", "parse-failed",
               "The Markdown parser failed on a document, which was not linted.",
               Severity.ERROR, True),
    )
}


def notice(notice_id: str, message: str, path: str, span: Span | None = None) -> Finding:
    n = NOTICES[notice_id]
    where = (span or Span.at(1, 1)).with_path(path)
    return Finding(span=where, message=message, rule_id=n.id, rule_name=n.name,
                   severity=n.severity)


def is_notice(rule_id: str) -> bool:
    return rule_id.startswith("RL9")


def is_fatal(finding: Finding) -> bool:
    n = NOTICES.get(finding.rule_id)
    return bool(n and n.fatal)
