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
    find_section,
    normalize_heading,
    opt,
)


@dataclass(frozen=True)
class TableSpec:
    name: str = opt("", "The table's name, found in a heading, a caption or the header.")
    section: str = opt("", "The section it must be in (empty: anywhere).")
    columns: tuple[str, ...] = opt((), "Columns it must have, in any order.")
    exact: bool = opt(False, "Also report extra columns and a different column order.")
    rows: tuple[str, ...] = opt((), "Row labels it must have: each term starts a word of "
                                    "some row's first cell (`Security` matches "
                                    "`Security checks`).")


def _col_key(text: str) -> str:
    """Column names compare case-folded, without punctuation or a trailing parenthetical."""
    t = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    return re.sub(r"[^\w]+", " ", t.casefold()).strip()


class RequiredTable(Rule):
    """
    ## What it does
    Checks that each named table exists in its section with its columns. A
    table is found by its name in the nearest heading above it (within the
    section), in the paragraph right before it (a caption such as
    `**Guardrail Matrix**`), failing both by having the required columns or
    rows, and failing that, as the only table of its section.
    Columns compare case-insensitively, ignoring punctuation and a trailing
    parenthetical (`Where enforced (CI/local)` matches `Where enforced`).

    `rows` names row labels the table must have (the prompt's scorecard:
    CI, tests, coverage…): each term must start the words of some row's
    first cell, case-insensitively.

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

    ## Options
    - `tables`: a list of `{name, section, columns, exact, rows}`.
    """

    id = "RL111"
    name = "required-table"
    summary = "A named table exists in its section with the required columns."
    default_severity = Severity.ERROR
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
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
        have = [_col_key(c) for c in table.columns]
        missing = [c for c in spec.columns if _col_key(c) not in have]
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
        if spec.exact and not missing:
            want = [_col_key(c) for c in spec.columns]
            if have != want:
                yield self.finding(table.header.span,
                                   f'table "{spec.name}" columns should be exactly: '
                                   + " | ".join(spec.columns), key=("exact", spec.name))

    def _find(self, blocks: Sequence[object], spec: TableSpec) -> Table | None:
        name = normalize_heading(spec.name, numbering=False)
        want = {_col_key(c) for c in spec.columns}
        by_columns = None
        last_heading = ""
        prev: object = None
        for b in blocks:
            if isinstance(b, Heading):
                last_heading = normalize_heading(b.text, numbering=False)
            elif isinstance(b, Table):
                caption = (normalize_heading(prev.prose.text, numbering=False)
                           if isinstance(prev, Paragraph) else "")
                header = " ".join(_col_key(c) for c in b.columns)
                if name and (name in last_heading or name in caption or name in header):
                    return b
                if want and by_columns is None and \
                        len(want & {_col_key(c) for c in b.columns}) >= max(1, len(want) - 1):
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
    return re.findall(r"[^\W_]+", text.casefold())


def _starts(term: str, words: list[str]) -> bool:
    """The words of ``term``, adjacent and in order, each start a word of ``words``."""
    want = _words(term)
    return bool(want) and any(
        all(words[i + k].startswith(w) for k, w in enumerate(want))
        for i in range(len(words) - len(want) + 1))


RULES = [RequiredTable]
