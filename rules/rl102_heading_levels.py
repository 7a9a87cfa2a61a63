from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from reportlint import Context, Document, Finding, Rule, Severity, opt


class HeadingLevels(Rule):
    """
    ## What it does
    Checks that headings use only the allowed levels, that levels do not skip
    (a `####` straight under a `##`), and how a level-1 title may appear: with
    `title: optional` (the default) at most one `#` heading, and only as the
    first heading; `required` demands it; `forbidden` allows none. A `#`
    heading is always governed by `title`, whatever `levels` says.

    ## Why is this bad?
    A contract such as "Markdown only. Use `##` and `###`" keeps reports
    uniform and their outline predictable; deeper levels turn a summary into a
    wall of fragments, and a second `#` title breaks tables of contents.

    ## Example
    With `levels: [2, 3]`, this fails (level 4):
    ```markdown
    ## Architecture
    #### Routers
    ```

    Use instead:
    ```markdown
    ## Architecture
    ### Routers
    ```

    ## Options
    - `levels`: allowed levels for headings other than the title.
    - `title`: `optional`, `required` or `forbidden` single `#` title.
    - `no-skip`: report a heading more than one level deeper than the previous one.
    """

    id = "RL102"
    name = "heading-levels"
    summary = "Only the allowed heading levels are used, without skipping."
    default_severity = Severity.ERROR
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `heading-levels`, documented in the rule's docstring."""

        levels: tuple[int, ...] = opt((1, 2, 3, 4, 5, 6), "Allowed levels besides the title.")
        title: Literal["optional", "required", "forbidden"] = opt(
            "optional", "A single `#` title as the first heading.")
        no_skip: bool = opt(True, "Report headings that skip a level going deeper.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        seen_title = False
        prev_level = 0
        for i, h in enumerate(doc.headings):
            if h.level == 1 and o.title != "forbidden":
                # a level-1 heading is the title: one, and first, whatever `levels` says
                if seen_title:
                    yield self.finding(h.span, f'second "#" title "{h.text}": only one '
                                               "level-1 heading is allowed")
                elif i != 0:
                    yield self.finding(h.span, f'"#" title "{h.text}" must be the first '
                                               "heading")
                seen_title = True
            elif h.level == 1:
                top = "#" * max(2, min(o.levels or (2,)))
                yield self.finding(h.span, f'"#" title "{h.text}" is not allowed '
                                           f"(title: forbidden); use {top}")
            elif h.level not in o.levels:
                allowed = " or ".join("#" * lv for lv in o.levels if lv > 1)
                yield self.finding(h.span, f'heading level {h.level} ({"#" * h.level}) is not '
                                           f"allowed; use {allowed}")
            elif o.no_skip and prev_level and h.level > prev_level + 1:
                yield self.finding(h.span, f"heading level skips from {prev_level} to "
                                           f"{h.level}")
            prev_level = h.level
        if o.title == "required" and not any(h.level == 1 for h in doc.headings):
            yield self.finding(doc.start, 'the report has no "#" title')


RULES = [HeadingLevels]
