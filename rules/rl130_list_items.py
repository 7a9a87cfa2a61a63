from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, ListItem, Rule, Severity, find_section, opt


@dataclass(frozen=True)
class SectionItems:
    """One entry of `sections`: a section and its range of top-level list items."""

    heading: str = opt("", "The section (heading text, optionally with its `#` level).")
    min: int = opt(0, "Fewest top-level items.")
    max: int | None = opt(None, "Most top-level items (null: no limit).")
    deep: bool = opt(False, "Count items in subsections too.")
    ordered: bool | None = opt(None, "Count only bullets (false), only numbered items (true), "
                                     "or both (null).")


class ListItems(Rule):
    """
    ## What it does
    Counts the top-level list items of a section (nested items are not
    counted; with `deep`, items in its subsections are) and reports a count
    outside the section's range: too few at the section heading, too many at
    the first item over the limit.

    ## Why is this bad?
    "5–7 bullets: what it is, what's proven, why it's credible, what's next"
    keeps a snapshot readable in half a page; three bullets leave a question
    unanswered, twelve bury the answers.

    ## Example
    With `sections: [{heading: Snapshot, min: 2, max: 3}]`, this fails:
    ```markdown
    ## Snapshot
    - One point only.
    ```

    Use instead:
    ```markdown
    ## Snapshot
    - What it is.
    - What is proven.
    ```

    ## Generic default
    With no `sections` the rule checks nothing.

    ## Options
    - `sections`: a list of `{heading, min, max, deep, ordered}`.
    """

    id = "RL130"
    name = "list-items"
    summary = "A section has between N and M top-level list items."
    default_severity = Severity.WARNING
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `list-items`, documented in the rule's docstring."""

        sections: tuple[SectionItems, ...] = opt((), "Sections and their item ranges.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for spec in self.options.sections:
            sec = find_section(doc, spec.heading)
            if sec is None:
                continue  # RL101 reports the missing section
            items = [b for b in doc.section_blocks(sec.index, deep=spec.deep)
                     if isinstance(b, ListItem) and b.level == 1 and b.quote_depth == 0
                     and (spec.ordered is None or b.ordered == spec.ordered)]
            n = len(items)
            want = (f"{spec.min}–{spec.max}" if spec.max is not None else f"at least {spec.min}")
            if n < spec.min:
                yield self.finding(sec.span, f'section "{sec.title}" has {n} top-level list '
                                             f"item{'s' if n != 1 else ''}; expected {want}")
            elif spec.max is not None and n > spec.max:
                yield self.finding(items[spec.max].span,
                                   f'section "{sec.title}" has {n} top-level list items; '
                                   f"expected {want}")


RULES = [ListItems]
