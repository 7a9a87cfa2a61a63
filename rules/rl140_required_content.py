from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlint import (
    Block,
    Context,
    Document,
    Finding,
    Heading,
    ListItem,
    Paragraph,
    Rule,
    Severity,
    find_section,
    match_name,
    opt,
)

# a bold lead-in at the start of a paragraph or list item: `**Audit Scorecard**`, `__Risks:__`
_BOLD_RE = re.compile(r"^[\s>]*(?:[-*+]\s+|\d+[.)]\s+)?(\*\*|__)(?P<label>.+?)\1")


@dataclass(frozen=True)
class ContentSpec:
    """One entry of `items`: a labelled piece of content that must be there."""

    label: str = opt("", "The subsection heading or bold label that must be there.")
    section: str = opt("", "The section it must be in (empty: anywhere).")
    list: bool = opt(False, "A list must follow the label (under the subsection, or after "
                            "the bold label up to the next heading or label).")
    min_items: int = opt(1, "With `list`: fewest top-level items.")
    item_pattern: str = opt("", "With `list`: a regular expression every item must match "
                                "(case-insensitive), such as `mitigat`.")
    item_description: str = opt("", "What `item-pattern` stands for, for messages "
                                    "(\"a mitigation\").")

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise ValueError("label: give the subsection heading or bold label")
        if self.item_pattern:
            try:
                re.compile(self.item_pattern)
            except re.error as exc:
                raise ValueError(f"item-pattern: not a regular expression: {exc}") from None


class RequiredContent(Rule):
    """
    ## What it does
    Checks that a section holds a named piece of content: a subsection whose
    heading is `label`, or a bold label (`**Known Risks**` starting a
    paragraph or a list item). With `list`, a list must come under it (in
    the subsection, or after the bold label up to the next heading or bold
    label) with at least `min-items` top-level items; with `item-pattern`,
    each of those items must match it ("bullets with mitigation":
    `item-pattern: mitigat`).

    Labels match tolerantly, as table columns do in `required-table`: case,
    punctuation and parentheticals do not matter, and the label may begin
    the heading or end it (`Audit Scorecard` matches `### Audit scorecard
    (M32)` and `### M33 Audit Scorecard`).

    A missing label is reported at its section's heading (or the start of the
    report); a missing list at the label; an item that does not match at the
    item. When the section itself is missing, `required-headings` reports it.

    ## Why is this bad?
    A prompt that asks for "an Audit Scorecard" and "Known Risks / Residual
    Gaps as bullets with mitigation" inside a section asks for content a
    reader will look for by name. Prose that mentions risks in passing is
    not the risk register the reviewer was promised.

    ## Example
    With `items: [{section: Quality, label: Known Risks, list: true,
    item-pattern: mitigat, item-description: a mitigation}]`, this fails
    (the second bullet has no mitigation):
    ```markdown
    ## Quality
    **Known Risks**
    - Single-host training. Mitigation: sharding in M37.
    - The judge is not calibrated.
    ```

    Use instead:
    ```markdown
    ## Quality
    **Known Risks**
    - Single-host training. Mitigation: sharding in M37.
    - The judge is not calibrated. Mitigation: calibration set in M35.
    ```

    ## Generic default
    With no `items` the rule checks nothing.

    ## Options
    - `items`: a list of `{label, section, list, min-items, item-pattern, item-description}`.
    """

    id = "RL140"
    name = "required-content"
    summary = "A section holds a named subsection or bold label, with a list under it."
    default_severity = Severity.ERROR
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `required-content`, documented in the rule's docstring."""

        items: tuple[ContentSpec, ...] = opt((), "The required pieces of content.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for spec in self.options.items:
            yield from self._one(doc, spec)

    def _one(self, doc: Document, spec: ContentSpec) -> Iterator[Finding]:
        if spec.section:
            sec = find_section(doc, spec.section)
            if sec is None:
                return  # a missing section is RL101's finding, not ours
            blocks = list(doc.section_blocks(sec.index))
            at, where = sec.span, f' in section "{sec.title}"'
        else:
            blocks = list(doc.blocks)
            at, where = doc.start, ""
        found = _find_label(doc, blocks, spec.label)
        if found is None:
            # several labels may be missing from one section: the label is the identity
            yield self.finding(at, f'no "{spec.label}"{where} (a subsection or a bold label)',
                               key=("missing", spec.label))
            return
        label_block, under, level = found
        if not spec.list:
            return
        items = [b for b in under if isinstance(b, ListItem) and b.level == level]
        if len(items) < spec.min_items:
            what = "no list" if not items else f"{len(items)} list item" + (
                "s" if len(items) != 1 else "")
            yield self.finding(label_block.span, f'"{spec.label}" has {what} under it; '
                               f"expected at least {spec.min_items} item"
                               + ("s" if spec.min_items != 1 else ""), key=("items", spec.label))
        if spec.item_pattern:
            pattern = re.compile(spec.item_pattern, re.IGNORECASE)
            wanted = (f"does not mention {spec.item_description}" if spec.item_description
                      else f"does not match '{spec.item_pattern}'")
            for item in items:
                if not pattern.search(_item_text(item, under)):
                    yield self.finding(item.span, f'item under "{spec.label}" {wanted}')


def _find_label(doc: Document, blocks: Sequence[Block],
                label: str) -> tuple[Block, list[Block], int] | None:
    """The heading or bold-label block named ``label``, the blocks under it, and the
    list level of the items that count (1, or one deeper than a list-item label)."""
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and match_name(label, b.text):
            sub = doc.sections[b.section]
            return b, [x for x in doc.section_blocks(sub.index) if x is not b], 1
        if isinstance(b, Paragraph):
            bold = _bold_label(doc, b)
            if bold is not None and match_name(label, bold):
                under: list[Block] = []
                for x in blocks[i + 1:]:
                    if isinstance(x, Heading) or (isinstance(x, Paragraph)
                                                  and _bold_label(doc, x) is not None):
                        break
                    under.append(x)
                return b, under, 1
        if isinstance(b, ListItem):
            bold = _bold_label(doc, b)
            if bold is not None and match_name(label, bold):
                nested: list[Block] = []
                for x in blocks[i + 1:]:
                    if not isinstance(x, ListItem) or x.level <= b.level:
                        break
                    nested.append(x)
                return b, nested, b.level + 1
    return None


def _bold_label(doc: Document, block: Block) -> str | None:
    """The bold text a paragraph or list item starts with, if any."""
    m = _BOLD_RE.match(doc.lines[block.span.start.line - 1])
    return m.group("label").strip().rstrip(":").strip() if m else None


def _item_text(item: ListItem, under: Sequence[Block]) -> str:
    """An item's own text and that of the items nested in it."""
    parts = [item.prose.text]
    k = next(i for i, b in enumerate(under) if b is item)
    for b in under[k + 1:]:
        if not isinstance(b, ListItem) or b.level <= item.level:
            break
        parts.append(b.prose.text)
    return " ".join(parts)


RULES = [RequiredContent]
