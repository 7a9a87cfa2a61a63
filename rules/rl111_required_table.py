from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlint import (
    Context,
    Document,
    Finding,
    Heading,
    Paragraph,
    Rule,
    Severity,
    Table,
    assign_names,
    find_section,
    name_words,
    normalize_heading,
    opt,
)


@dataclass(frozen=True)
class TableSpec:
    """One entry of `tables`: a table that must be there, and where."""

    name: str = opt("", "The table's name, found in a heading, a caption or the header.")
    section: str = opt("", "The section it must be in (empty: anywhere).")
    columns: tuple[str, ...] = opt((), "Columns it must have, in any order.")
    exact: bool = opt(False, "Also report extra columns and a different column order.")
    rows: tuple[str, ...] = opt((), "Row labels it must have: each term starts a word of "
                                    "some row's first cell (`Security` matches "
                                    "`Security checks`).")
    min_rows: int | None = opt(None, "Fewest body rows (the header not counted).")
    max_rows: int | None = opt(None, "Most body rows.")

    def __post_init__(self) -> None:
        if self.min_rows is not None and self.max_rows is not None \
                and self.max_rows < self.min_rows:
            raise ValueError(f"max-rows ({self.max_rows}) is less than min-rows "
                             f"({self.min_rows})")


class RequiredTable(Rule):
    """
    ## What it does
    Checks that each named table exists in its section with its columns. A
    table is found by its name in the nearest heading above it (within the
    section), in the paragraph right before it (a caption such as
    `**Guardrail Matrix**`), failing both by having the required columns or
    rows, and failing that, as the only table of its section.
    Column names match tolerantly: case, punctuation, parentheticals and
    "(s)" plurals do not matter (`Where enforced (CI/local)` matches
    `Where enforced`, `Config(s)` matches `Config`), nor does a plural `s`;
    and the shorter of the two names may be the beginning of the other or
    its last words, the head word (`Config(s) used` and `Config`,
    `Artifacts` and `Artifacts produced`, `Effort` and `Est. effort` match).
    Each header satisfies one required column, same names first.

    `rows` names row labels the table must have (the prompt's scorecard:
    CI, tests, coverage…): each term must start the words of some row's
    first cell, case-insensitively. `min-rows` and `max-rows` bound the
    number of body rows ("3–5 milestones"): too few is reported at the
    table, too many at the first row over the limit.

    A missing table is reported at its section's heading; missing columns at
    the table's header row, naming each one; missing rows at the table. When
    the section itself is missing, `required-headings` reports it, not this rule.

    ## Why is this bad?
    A review packet promises specific tables ("a Guardrail Matrix: Guardrail |
    Mechanism | What it prevents | Where enforced | Source"): a missing one, or
    one without its Source column, breaks the reader's contract silently.

    ## Example
    With `tables: [{name: Guardrail Matrix, columns: [Guardrail, Source]}]`,
    this fails (no Source column):
    ```markdown
    ### Guardrail Matrix
    | Guardrail | Mechanism |
    |---|---|
    | Lint | ruff in CI |
    ```

    Use instead:
    ```markdown
    ### Guardrail Matrix
    | Guardrail | Mechanism | Source |
    |---|---|---|
    | Lint | ruff in CI | M31_audit.md §Static Analysis |
    ```

    ## Generic default
    With no `tables` the rule checks nothing: which tables a report owes is
    its contract's to say.

    ## Options
    - `tables`: a list of `{name, section, columns, exact, rows, min-rows, max-rows}`.
    """

    id = "RL111"
    name = "required-table"
    summary = "A named table exists in its section with the required columns."
    default_severity = Severity.ERROR
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `required-table`, documented in the rule's docstring."""

        tables: tuple[TableSpec, ...] = opt((), "The required tables.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for spec in self.options.tables:
            yield from self._one(doc, spec)

    def _one(self, doc: Document, spec: TableSpec) -> Iterator[Finding]:
        if spec.section:
            sec = find_section(doc, spec.section)
            if sec is None:
                return  # a missing section is RL101's finding, not ours
            blocks = list(doc.section_blocks(sec.index))
            at, where = sec.span, f' in section "{sec.title}"'
        else:
            blocks = list(doc.blocks)
            at, where = doc.start, ""
        table = self._find(blocks, spec)
        if table is None:
            yield self.finding(at, f'missing table "{spec.name}"{where}'
                               + (f" (columns: {' | '.join(spec.columns)})" if spec.columns
                                  else ""), key=("missing", spec.name))
            return
        match = assign_names(spec.columns, table.columns)
        missing = [c for i, c in enumerate(spec.columns) if i not in match]
        if missing:
            yield self.finding(table.header.span,
                               f'table "{spec.name}" lacks column'
                               f"{'s' if len(missing) > 1 else ''} "
                               + ", ".join(f'"{c}"' for c in missing),
                               key=("columns", spec.name))
        firsts = [_words(r.cells[0].text) for r in table.rows if r.cells]
        absent = [term for term in spec.rows if not any(_starts(term, w) for w in firsts)]
        if absent:
            yield self.finding(table.span, f'table "{spec.name}" has no row for '
                               + ", ".join(f'"{t}"' for t in absent), key=("rows", spec.name))
        n = len(table.rows)
        lo, hi = spec.min_rows, spec.max_rows
        want = (f"{lo}–{hi}" if lo is not None and hi is not None and lo != hi
                else str(lo) if lo is not None and lo == hi
                else f"at least {lo}" if lo is not None else f"at most {hi}")
        if lo is not None and n < lo:
            yield self.finding(table.span, f'table "{spec.name}" has {n} row'
                               f"{'s' if n != 1 else ''}; expected {want}",
                               key=("row-count", spec.name))
        elif hi is not None and n > hi:
            yield self.finding(table.rows[hi].span, f'table "{spec.name}" has {n} rows; '
                               f"expected {want}", key=("row-count", spec.name))
        if spec.exact and not missing:
            order = [match[i] for i in range(len(spec.columns))]
            if len(table.columns) != len(spec.columns) or order != sorted(order):
                yield self.finding(table.header.span,
                                   f'table "{spec.name}" columns should be exactly: '
                                   + " | ".join(spec.columns), key=("exact", spec.name))

    def _find(self, blocks: Sequence[object], spec: TableSpec) -> Table | None:
        name = normalize_heading(spec.name, numbering=False)
        by_columns = None
        last_heading = ""
        prev: object = None
        for b in blocks:
            if isinstance(b, Heading):
                last_heading = normalize_heading(b.text, numbering=False)
            elif isinstance(b, Table):
                caption = (normalize_heading(prev.prose.text, numbering=False)
                           if isinstance(prev, Paragraph) else "")
                header = " ".join(" ".join(name_words(c)) for c in b.columns)
                if name and (name in last_heading or name in caption or name in header):
                    return b
                if spec.columns and by_columns is None and \
                        len(assign_names(spec.columns, b.columns)) >= max(1, len(spec.columns) - 1):
                    by_columns = b
            prev = b
        if by_columns is None and spec.rows:
            for b in blocks:
                if isinstance(b, Table):
                    firsts = [_words(r.cells[0].text) for r in b.rows if r.cells]
                    hits = sum(any(_starts(t, w) for w in firsts) for t in spec.rows)
                    if hits >= max(1, len(spec.rows) // 2):
                        return b
        if by_columns is None:
            tables = [b for b in blocks if isinstance(b, Table)]
            if len(tables) == 1 and spec.section:
                return tables[0]
        return by_columns


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", re.sub(r"\(s\)", "", text.casefold()))


def _starts(term: str, words: list[str]) -> bool:
    """The words of ``term``, adjacent and in order, each start a word of ``words``."""
    want = _words(term)
    return bool(want) and any(
        all(words[i + k].startswith(w) for k, w in enumerate(want))
        for i in range(len(words) - len(want) + 1))


RULES = [RequiredTable]
