"""An example reportlint plugin: hedging phrases in reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Section, Severity, find_section, opt


class NoHedging(Rule):
    """
    ## What it does
    Flags hedging phrases ("we believe", "it seems") in paragraphs and list
    items, except in the sections named by `allow-in`.

    ## Why is this bad?
    A report states what was measured; hedging hides whether it was.

    ## Example
    ```markdown
    We believe the cache halves latency.
    ```

    Use instead:
    ```markdown
    The cache halves latency (source: bench.md §Latency).
    ```

    ## Options
    - `phrases`: the phrases to flag (case-insensitive).
    - `allow-in`: titles of sections where hedging is fine (and in their subsections).
    """

    id = "HDG101"
    name = "no-hedging"
    summary = "No hedging phrases outside the sections that allow them."
    default_severity = Severity.WARNING
    tags = ("style",)

    @dataclass(frozen=True)
    class Options:
        phrases: tuple[str, ...] = opt(("we believe", "it seems", "arguably"),
                                       "Phrases to flag.")
        allow_in: tuple[str, ...] = opt(("Risks",), "Sections where hedging is fine.")

        def __post_init__(self) -> None:
            if any(not p.strip() for p in self.phrases):
                raise ValueError("phrases: an empty phrase would match everywhere")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        allowed: list[Section] = []
        for title in self.options.allow_in:
            section = find_section(doc, title)
            if section is not None:
                allowed += [section, *doc.subsections(section)]
        for block in (*doc.paragraphs, *doc.list_items):
            if any(doc.section_of(block) is s for s in allowed):
                continue
            text = block.prose.masked().lower()
            for phrase in self.options.phrases:
                i = text.find(phrase.lower())
                if i != -1:
                    yield self.finding(block.prose.span(i, i + len(phrase)),
                                       f'hedging phrase "{phrase}"')


def get_rules() -> list[type[Rule]]:
    return [NoHedging]
