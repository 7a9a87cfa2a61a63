from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import (
    Context,
    Document,
    Finding,
    Rule,
    Severity,
    WordCounter,
    find_section,
    length_message,
    opt,
)


@dataclass(frozen=True)
class SectionWords:
    """One entry of `sections`: a section and its range of prose words."""

    heading: str = opt("", "The section (heading text, optionally with its `#` level).")
    min: int | None = opt(None, "Fewest prose words, subsections included.")
    max: int | None = opt(None, "Most prose words, subsections included.")


class SectionLength(Rule):
    """
    ## What it does
    Counts the prose words of given sections (heading and subsections
    included; the same definition as `word-count`) and reports a section
    outside its range, at its heading.

    ## Why is this bad?
    "½ page" for a snapshot or "one page" per section keeps a packet
    balanced: a 60-word architecture section next to a 1,200-word roadmap
    tells the reader where the effort did not go.

    ## Example
    With `sections: [{heading: Executive Snapshot, max: 300}]`, a 450-word
    snapshot fails: `section "Executive Snapshot" has 450 prose words;
    expected at most 300 (150 over)`. Use instead: move detail to the later
    sections.

    ## Generic default
    With no `sections` the rule checks nothing.

    ## Options
    - `sections`: a list of `{heading, min, max}`.
    - `exclude`: regular expressions whose matches are not counted.
    """

    id = "RL202"
    name = "section-length"
    summary = "A section's prose word count is within its own range."
    default_severity = Severity.WARNING
    tags = ("length",)

    @dataclass(frozen=True)
    class Options:
        """The options of `section-length`, documented in the rule's docstring."""

        sections: tuple[SectionWords, ...] = opt((), "Sections and their word ranges.")
        exclude: tuple[str, ...] = opt(WordCounter.default_exclude,
                                       "Regexes whose matches are not counted.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        counter = WordCounter(self.options.exclude)
        for spec in self.options.sections:
            sec = find_section(doc, spec.heading)
            if sec is None:
                continue  # RL101 reports the missing section
            if spec.min is None and spec.max is None:
                continue
            n = counter.section(doc, sec.index).prose
            message = length_message(f'section "{sec.title}"', n, spec.min, spec.max)
            if message:
                yield self.finding(sec.span, message)


RULES = [SectionLength]
