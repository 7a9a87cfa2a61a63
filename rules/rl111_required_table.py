from __future__ import annotations

import re
from collections.abc import Iterator
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
    `**Guardrail Matrix**`), or, failing both, by having the required columns.
    Columns compare case-insensitively, ignoring punctuation and a trailing
    parenthetical (`Where enforced (CI/local)` matches `Where enforced`).

    A missing table is reported at its section's heading; missing columns at
    the table's header row, naming each one.

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
    - `tables`: a list of `{name, section, columns, exact}`.
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
                yield self.finding(doc.start, f'table "{spec.name}" cannot be checked: section '
                                              f'"{spec.section}" is missing')
                return
            blocks = list(doc.section_blocks(sec.index))
            at, where = sec.span, f' in section "{sec.title}"'
        else:
            blocks = list(doc.blocks)
            at, where = doc.start, ""
        table = self._find(blocks, spec)
        if table is None:
            yield self.finding(at, f'missing table "{spec.name}"{where}'
                               + (f" (columns: {' | '.join(spec.columns)})" if spec.columns
                                  else ""))
            return
        have = [_col_key(c) for c in table.columns]
        missing = [c for c in spec.columns if _col_key(c) not in have]
        if missing:
            yield self.finding(table.header.span,
                               f'table "{spec.name}" lacks column'
                               f"{'s' if len(missing) > 1 else ''} "
                               + ", ".join(f'"{c}"' for c in missing))
        if spec.exact and not missing:
            want = [_col_key(c) for c in spec.columns]
            if have != want:
                yield self.finding(table.header.span,
                                   f'table "{spec.name}" columns should be exactly: '
                                   + " | ".join(spec.columns))

    def _find(self, blocks: list[object], spec: TableSpec) -> Table | None:
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
        return by_columns


RULES = [RequiredTable]
