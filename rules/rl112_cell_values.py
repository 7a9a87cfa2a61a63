from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from reportlint import (
    Cell,
    Context,
    Document,
    Finding,
    Rule,
    Severity,
    Table,
    find_section,
    match_name,
    opt,
)

#: Formats by name: a full-match pattern and how messages describe it.
FORMATS: dict[str, tuple[str, str]] = {
    "iso-date": (r"\d{4}-\d{2}-\d{2}", "an ISO date (YYYY-MM-DD)"),
    "score": (r"\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?", "a score such as 4.0/5"),
    "percent": (r"[-+]?\d+(?:\.\d+)?\s?%", "a percentage"),
    "number": (r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", "a number"),
    "integer": (r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)", "a whole number"),
}
Format = Literal["", "iso-date", "score", "percent", "number", "integer"]


@dataclass(frozen=True)
class ColumnSpec:
    """One entry of `columns`: a column and the values its cells may hold."""

    column: str = opt("", "The column's name (matched as `required-table` matches columns).")
    section: str = opt("", "Only tables in this section (empty: every table).")
    values: tuple[str, ...] = opt((), "The vocabulary: each cell is one of these "
                                      "(case-insensitive).")
    format: Format = opt("", "A named format: iso-date, score, percent, number, integer.")
    pattern: str = opt("", "A regular expression each cell must match as a whole.")
    allow_empty: bool = opt(False, "Empty cells are fine.")

    def __post_init__(self) -> None:
        if not self.column.strip():
            raise ValueError("column: name the column")
        if not (self.values or self.format or self.pattern):
            raise ValueError(f"column {self.column!r}: give values, a format or a pattern")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern: not a regular expression: {exc}") from None


class CellValues(Rule):
    """
    ## What it does
    Checks the cells of a named column in every table that has it (in
    `section`, when given): each cell is one of the `values` of a vocabulary
    (`Severity` ∈ Critical, High, Medium, Low), is written in a named
    `format` (`iso-date`, `score` such as `4.0/5`, `percent`, `number`,
    `integer`), or matches `pattern` as a whole. Vocabulary values compare
    case-insensitively, ignoring emphasis and trailing punctuation; an
    ISO date must also be a real date. Empty cells are reported unless
    `allow-empty`.

    The column is found as `required-table` finds columns: case,
    punctuation, parentheticals and plurals do not matter, and the name may
    begin the header or end it (`Severity` finds `Severity (CVSS)`).

    Each offending cell is reported at the cell.

    ## Why is this bad?
    A findings table whose Severity column says "Severe", "P1" and
    "medium-high" cannot be sorted, counted or compared with last quarter's;
    a date column with "early March" cannot be checked against the sources.

    ## Example
    With `columns: [{column: Severity, values: [Critical, High, Medium, Low]}]`,
    this fails at `Severe`:
    ```markdown
    | Finding | Severity |
    |---|---|
    | Secrets in CI logs | Severe |
    ```

    Use instead:
    ```markdown
    | Finding | Severity |
    |---|---|
    | Secrets in CI logs | High |
    ```

    ## Generic default
    With no `columns` the rule checks nothing.

    ## Options
    - `columns`: a list of `{column, section, values, format, pattern, allow-empty}`.
    """

    id = "RL112"
    name = "cell-values"
    summary = "A table column's cells come from a vocabulary or follow a format."
    default_severity = Severity.ERROR
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `cell-values`, documented in the rule's docstring."""

        columns: tuple[ColumnSpec, ...] = opt((), "The checked columns.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for spec in self.options.columns:
            if spec.section:
                sec = find_section(doc, spec.section)
                if sec is None:
                    continue  # RL101 reports the missing section
                tables = [b for b in doc.section_blocks(sec.index) if isinstance(b, Table)]
            else:
                tables = doc.tables
            for table in tables:
                yield from self._table(table, spec)

    def _table(self, table: Table, spec: ColumnSpec) -> Iterator[Finding]:
        grades = [match_name(spec.column, c) for c in table.columns]
        if not any(grades):
            return
        j = grades.index(max(grades))
        vocab = {_plain(v): v for v in spec.values}
        checks = []
        if spec.format:
            checks.append(FORMATS[spec.format])
        if spec.pattern:
            checks.append((spec.pattern, f"in the form '{spec.pattern}'"))
        for row in table.rows:
            if j >= len(row.cells):
                continue
            cell = row.cells[j]
            text = _plain(cell.text)
            if not text:
                if not spec.allow_empty:
                    yield self.finding(cell.span, f'{table.columns[j]} cell is empty')
                continue
            if vocab and text not in vocab:
                yield self.finding(cell.span, f'{table.columns[j]} "{cell.text.strip()}" is '
                                   "not one of " + ", ".join(spec.values))
                continue
            for pattern, described in checks:
                if not _valid(cell, pattern, spec.format):
                    yield self.finding(cell.span, f'{table.columns[j]} "{cell.text.strip()}" '
                                       f"is not {described}")
                    break


def _plain(text: str) -> str:
    """A cell's text as compared with a vocabulary: no emphasis, case or end punctuation."""
    return text.strip().strip("*_`").strip().rstrip(".;:,").strip().casefold()


def _valid(cell: Cell, pattern: str, fmt: str) -> bool:
    text = cell.text.strip().strip("*_`").strip()
    if re.fullmatch(pattern, text) is None:
        return False
    if fmt == "iso-date" and pattern == FORMATS["iso-date"][0]:
        import datetime  # only for ISO dates: a real calendar date

        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return False
    return True


RULES = [CellValues]
