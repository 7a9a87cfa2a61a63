"""Severity and Finding: what a rule reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from reportlint.span import Span


class Severity(enum.Enum):
    """Error > warning > note. Maps to SARIF levels and GitHub error/warning/notice."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls(value.lower())

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Related:
    """A secondary location: typically where the evidence is, or should be."""

    span: Span
    message: str

    @classmethod
    def in_file(cls, path: str, message: str, line: int = 1, column: int = 1,
                end_line: int | None = None, end_column: int | None = None) -> Related:
        """A location in another file than the report, such as a cited source.

        ``path`` is posix and relative to the sources root (``ctx.root``); the
        engine makes it relative to the project root, as every reporter prints
        it. Without a line it points at the file as a whole (line 1, column 1).
        """
        return cls(Span.at(line, column, end_line, end_column, path), message)


@dataclass(frozen=True)
class Finding:
    """One problem found in one file.

    Lines and columns are 1-based; columns count code points; the end of the
    span is exclusive (SARIF semantics). A rule fills in ``span``,
    ``message``, ``related`` and ``fix``; the engine stamps ``path``,
    ``rule_id``, ``rule_name`` and the configured ``severity``, and marks
    ``suppressed`` from inline directives.

    ``key`` is the finding's stable identity among the findings of its rule at
    the same text: what the finding is about, in words that do not change when
    evidence or wording does (RL101: the missing section; RL306: the number and
    the cited path). Baseline and SARIF fingerprints hash it together with the
    rule, the file and the text of the span, never the message or the related
    locations. ``None``: the span's text alone identifies the finding. It takes
    no part in comparison or sorting.
    """

    span: Span
    message: str
    rule_id: str = ""
    rule_name: str = ""
    severity: Severity = Severity.WARNING
    related: tuple[Related, ...] = ()
    fix: str | None = None
    suppressed: bool = False
    suppression_reason: str | None = None
    baselined: bool = False
    data: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    key: str | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        return self.span.path

    @property
    def line(self) -> int:
        return self.span.start.line

    @property
    def column(self) -> int:
        return self.span.start.column

    def sort_key(self) -> tuple[str, int, int, str, int, int, str]:
        s = self.span
        return (s.path, s.start.line, s.start.column, self.rule_id,
                s.end.line, s.end.column, self.message)
