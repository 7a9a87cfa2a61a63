from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Paragraph, Rule, Severity, find_section, opt

# a caption or label: the whole paragraph is bold (`**Maturity scorecard**`)
_CAPTION_RE = re.compile(r"^\s*(\*\*|__)[^*_]+\1[:.]?\s*$")


@dataclass(frozen=True)
class SectionProse:
    """One entry of `sections`: a section and its range of paragraphs."""

    heading: str = opt("", "The section (heading text, optionally with its `#` level).")
    min: int | None = opt(None, "Fewest paragraphs.")
    max: int | None = opt(None, "Most paragraphs (0: no prose, only tables, lists, "
                                "diagrams).")
    min_sentences: int | None = opt(None, "Fewest sentences in its paragraphs.")
    max_sentences: int | None = opt(None, "Most sentences in its paragraphs.")
    deep: bool = opt(False, "Count the paragraphs of subsections too.")

    def __post_init__(self) -> None:
        for lo, hi, what in ((self.min, self.max, ""),
                             (self.min_sentences, self.max_sentences, "-sentences")):
            if lo is not None and hi is not None and hi < lo:
                raise ValueError(f"max{what} ({hi}) is less than min{what} ({lo})")


class ParagraphCount(Rule):
    """
    ## What it does
    Counts the paragraphs of a section, and the sentences in them, and
    reports a count outside the section's range: "one paragraph" is
    `min: 1, max: 1`; "no prose, only the table" is `max: 0`; "at most three
    sentences" is `max-sentences: 3`.

    A paragraph is a block of prose outside block quotes; a caption or label
    that is bold as a whole (`**Maturity scorecard**`) and a paragraph that
    is only a parenthetical (a standalone `(source: …)` tag) are not counted.
    Lists, tables, code and diagrams are not paragraphs. Sentences are split
    as the evidence rules split claims (at `.`, `!`, `?` before a capital
    letter or a digit; not after `e.g.`, in decimals or file names).

    Too few is reported at the section's heading; too many at the first
    paragraph (or sentence) over the limit. When the section itself is
    missing, `required-headings` reports it.

    ## Why is this bad?
    A prompt that asks for a one-paragraph summary, or for a section that is
    only a table, shapes how the report is read: a wall of text where a
    table was promised hides the numbers a reviewer looks for.

    ## Example
    With `sections: [{heading: Summary, max: 1}]`, this fails at the second
    paragraph:
    ```markdown
    ## Summary
    The release is ready.

    Two issues remain open.
    ```

    Use instead:
    ```markdown
    ## Summary
    The release is ready; two issues remain open.
    ```

    ## Generic default
    With no `sections` the rule checks nothing.

    ## Options
    - `sections`: a list of `{heading, min, max, min-sentences, max-sentences, deep}`.
    """

    id = "RL203"
    name = "paragraph-count"
    summary = "A section has the required number of paragraphs and sentences."
    default_severity = Severity.WARNING
    tags = ("length",)

    @dataclass(frozen=True)
    class Options:
        """The options of `paragraph-count`, documented in the rule's docstring."""

        sections: tuple[SectionProse, ...] = opt((), "Sections and their paragraph ranges.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from reportlint import split_sentences as split  # the claims' sentence splitter

        for spec in self.options.sections:
            sec = find_section(doc, spec.heading)
            if sec is None:
                continue  # RL101 reports the missing section
            paras = [b for b in doc.section_blocks(sec.index, deep=spec.deep)
                     if isinstance(b, Paragraph) and b.quote_depth == 0 and _counts(doc, b)]
            n = len(paras)
            where = f'section "{sec.title}"'
            if spec.min is not None and n < spec.min:
                # paragraphs and sentences are both counted at the heading: keyed apart
                yield self.finding(sec.span, f"{where} has {_n(n, 'paragraph')}; expected "
                                   f"{_range(spec.min, spec.max)}", key="paragraphs")
            elif spec.max is not None and n > spec.max:
                what = ("no prose" if spec.max == 0
                        else _range(spec.min, spec.max) + " paragraph"
                        + ("s" if spec.max != 1 else ""))
                yield self.finding(paras[spec.max].span, f"{where} has {_n(n, 'paragraph')}; "
                                   f"expected {what}")
            if spec.min_sentences is None and spec.max_sentences is None:
                continue
            sentences = [(p, r) for p in paras
                         for r in split(p.prose.text, p.prose.code_ranges)]
            k = len(sentences)
            if spec.min_sentences is not None and k < spec.min_sentences:
                yield self.finding(sec.span, f"{where} has {_n(k, 'sentence')}; expected "
                                   f"{_range(spec.min_sentences, spec.max_sentences)}",
                                   key="sentences")
            elif spec.max_sentences is not None and k > spec.max_sentences:
                para, (a, b) = sentences[spec.max_sentences]
                yield self.finding(para.prose.span(a, b), f"{where} has {_n(k, 'sentence')}; "
                                   "expected "
                                   f"{_range(spec.min_sentences, spec.max_sentences)}")


def _counts(doc: Document, p: Paragraph) -> bool:
    """A paragraph of prose: not a bold caption, not only a parenthetical (a tag)."""
    text = p.prose.text.strip()
    if not text or (text.startswith("(") and text.endswith(")")):
        return False
    first = doc.lines[p.span.start.line - 1]
    return not (p.span.start.line == p.span.end.line and _CAPTION_RE.match(first))


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _range(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    if lo is not None:
        return f"at least {lo}"
    return f"at most {hi}"


RULES = [ParagraphCount]
