from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Severity, Table, find_section, opt


@dataclass(frozen=True)
class SectionTables:
    """One entry of `sections`: a section and its range of tables."""

    heading: str = opt("", "The section (heading text, optionally with its `#` level).")
    min: int = opt(0, "Fewest tables in the section, its subsections included.")
    max: int | None = opt(None, "Most tables in the section (null: no limit).")


def _plural(n: int) -> str:
    return f"{n} table{'s' if n != 1 else ''}"


class TableCount(Rule):
    """
    ## What it does
    Counts GFM tables in the whole report and, optionally, in given sections
    (subsections included), and reports a count outside its range. Too many
    tables are reported at the first table over the limit; too few at the
    section heading (or the start of the report).

    ## Why is this bad?
    Contracts ask for "2–3 small tables" to keep a summary scannable: no
    tables means numbers buried in prose, too many means a data dump.

    ## Example
    With `max: 1`, this fails at the second table:
    ```markdown
    | A | B |
    |---|---|
    | 1 | 2 |

    | C | D |
    |---|---|
    | 3 | 4 |
    ```

    Use instead: merge the two tables, or move one to an appendix.

    ## Generic default
    With no options the rule checks nothing (`min: 0`, no `max`, no
    sections): how many tables a report needs is its contract's to say.

    ## Options
    - `min`, `max`: the range for the whole report.
    - `sections`: a list of `{heading, min, max}` for individual sections.
    """

    id = "RL110"
    name = "table-count"
    summary = "The number of tables is in range, for the report and per section."
    default_severity = Severity.WARNING
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `table-count`, documented in the rule's docstring."""

        min: int = opt(0, "Fewest tables in the report.")
        max: int | None = opt(None, "Most tables in the report (null: no limit).")
        sections: tuple[SectionTables, ...] = opt((), "Per-section ranges.")

        def __post_init__(self) -> None:
            if self.max is not None and self.max < self.min:
                raise ValueError(f"max ({self.max}) is less than min ({self.min})")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        tables = doc.tables
        yield from self._range(tables, o.min, o.max, doc.title.span if doc.title else doc.start,
                               "the report", "report")
        for spec in o.sections:
            sec = find_section(doc, spec.heading)
            if sec is None:
                continue  # a missing section is RL101's finding, not ours
            inside = [b for b in doc.section_blocks(sec.index) if isinstance(b, Table)]
            yield from self._range(inside, spec.min, spec.max, sec.span,
                                   f'section "{sec.title}"', ("section", spec.heading))

    def _range(self, tables: list[Table], lo: int, hi: int | None, at: object,
               where: str, key: str | tuple[str, ...]) -> Iterator[Finding]:
        # the report's range and a section's may both be reported at the title: the key
        # (what is counted) tells them apart in fingerprints
        n = len(tables)
        expected = f"{lo}–{hi}" if hi is not None and hi != lo else str(lo)
        if hi is None:
            expected = f"at least {lo}"
        if n < lo:
            yield self.finding(at, f"{where} has {_plural(n)}; expected {expected}",  # type: ignore[arg-type]
                               key=key)
        elif hi is not None and n > hi:
            yield self.finding(tables[hi].span, f"{where} has {_plural(n)}; expected {expected}",
                               key=key)


RULES = [TableCount]
