from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Severity, WordCounter, length_message, opt


class WordCount(Rule):
    """
    ## What it does
    Counts the report's prose words and reports a total outside `min`–`max`.

    A word is a run of non-space characters with at least one letter or
    digit ("closed-loop", "2,200" and "M33" are one word each; "—" is none).
    Counted: headings, paragraphs, list items and block quotes. Not counted:
    code blocks and inline code, HTML and comments, URLs (a link's visible
    text counts), front matter, the text of source tags (the `exclude`
    patterns), and tables (unless `include-tables`). The finding sits on the
    title (or line 1) and says how far off the count is.

    ## Why is this bad?
    "4–5 pages (≈2,200–2,700 words)" is a reading-time budget: a short draft
    usually skipped a section's substance, a long one buries the signal.

    ## Example
    With `min: 2200`, a 1,900-word draft fails:
    `report has 1,900 prose words; expected 2,200–2,700 (300 short)`.
    Use instead: fill the thin sections, or tighten a long draft.

    ## Generic default
    With no `min` and no `max` the rule checks nothing: a report's length is
    its contract's to say.

    ## Options
    - `min`, `max`: the range (either may be null).
    - `include-tables`: count table cells as words too.
    - `exclude`: regular expressions whose matches are not counted.
    """

    id = "RL201"
    name = "word-count"
    summary = "The report's prose word count is within range."
    default_severity = Severity.WARNING
    tags = ("length",)

    @dataclass(frozen=True)
    class Options:
        """The options of `word-count`, documented in the rule's docstring."""

        min: int | None = opt(None, "Fewest prose words.")
        max: int | None = opt(None, "Most prose words.")
        include_tables: bool = opt(False, "Count table words too.")
        exclude: tuple[str, ...] = opt(WordCounter.default_exclude,
                                       "Regexes whose matches are not counted "
                                       "(default: source tags).")

        def __post_init__(self) -> None:
            if self.min is not None and self.max is not None and self.max < self.min:
                raise ValueError(f"max ({self.max}) is less than min ({self.min})")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        counter = WordCounter(o.exclude)
        wc = counter.document(doc)
        n = wc.prose + (wc.table if o.include_tables else 0)
        at = doc.title.span if doc.title else doc.start
        message = length_message("report", n, o.min, o.max)
        if message:
            yield self.finding(at, message)


RULES = [WordCount]
