from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import CodeBlock, Context, Document, Finding, Rule, Severity, find_section, opt


class MermaidBlocks(Rule):
    """
    ## What it does
    Counts fenced code blocks whose info string starts with `mermaid` (either
    fence, ```` ``` ```` or `~~~`) and reports a count outside `min`–`max`:
    each block over the limit at its own fence, a missing diagram at the
    section it belongs to (with `section`) or the start of the report. With
    `section`, a diagram outside that section is reported too.

    ## Why is this bad?
    "Include one Mermaid diagram" is a deliverable: none means the
    architecture is told in prose only; several dilute the one picture a
    reader should remember.

    ## Example
    With `min: 1, max: 1` (exactly one), a report with two ```` ```mermaid ````
    blocks fails at the second one. Use instead: merge them into one diagram.

    ## Generic default
    With no options any number of diagrams is fine (`min: 0`, no `max`): how
    many diagrams a report needs is its contract's to say. A prompt's "no
    diagrams" is `max: 0`.

    ## Options
    - `min`, `max`: how many diagrams (default: any number).
    - `languages`: info-string languages that count as diagrams.
    - `section`: the section the diagram must be in (empty: anywhere).
    """

    id = "RL120"
    name = "mermaid-blocks"
    summary = "The report has the required number of Mermaid diagrams."
    default_severity = Severity.ERROR
    tags = ("structure", "diagram")

    @dataclass(frozen=True)
    class Options:
        """The options of `mermaid-blocks`, documented in the rule's docstring."""

        min: int = opt(0, "Fewest diagrams.")
        max: int | None = opt(None, "Most diagrams (null: no limit).")
        languages: tuple[str, ...] = opt(("mermaid",), "Info-string languages counted.")
        section: str = opt("", "Section the diagrams must be in (empty: anywhere).")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        langs = {lang.casefold() for lang in o.languages}
        blocks = [b for b in doc.code_blocks if b.fenced and b.lang.casefold() in langs]
        sec = find_section(doc, o.section) if o.section else None
        n = len(blocks)
        want = f"{o.min}" if o.max == o.min else (
            f"{o.min}–{o.max}" if o.max is not None else f"at least {o.min}")
        if n < o.min:
            at = sec.span if sec else (doc.title.span if doc.title else doc.start)
            yield self.finding(at, f"found {n} Mermaid diagram{'s' if n != 1 else ''}; "
                                   f"expected {want}"
                                   + (f' in section "{sec.title}"' if sec else ""), key="count")
        if o.max is not None and n > o.max:
            for b in blocks[o.max:]:
                yield self.finding(b.span, f"extra Mermaid diagram ({n} found; expected {want})",
                                   key="extra")
        if sec is not None:
            inside = {id(b) for b in doc.section_blocks(sec.index) if isinstance(b, CodeBlock)}
            for b in blocks:
                if id(b) not in inside:
                    yield self.finding(b.span, f'Mermaid diagram outside section "{sec.title}"',
                                       key="outside")


RULES = [MermaidBlocks]
