"""Word counting, by one documented definition.

A *word* is a maximal run of non-whitespace characters that contains at least
one letter or digit ("closed-loop", "2,200", "app.py" and "M33" are one word
each; a lone "—", "→" or "|" is none). Words are counted in *prose*: headings,
paragraphs, list items and paragraphs inside block quotes. Not counted: code
(fenced, indented, and inline code spans), HTML and HTML comments, URLs
(autolinks, bare ``http(s)://`` and ``www.`` links; a link's visible text
counts, its target does not), front matter, and the text of source tags
``(source: …)`` (the ``exclude`` patterns). Table cells are counted
separately, as table words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from reportlint.document import Document, Heading, ListItem, Paragraph, Prose, Table

DEFAULT_EXCLUDE = (r"\((?:source|sources)\s*:[^()]*(?:\([^()]*\)[^()]*)*\)",)
_WORD_RE = re.compile(r"\S+")
_HAS_ALNUM = re.compile(r"[^\W_]")
# a whitespace-delimited run with no letter or digit: not a word ("—", "|", "__")
_NOT_A_WORD_RE = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class WordCount(NamedTuple):
    prose: int
    table: int


class WordCounter:
    """Counts words per the module's definition; ``exclude`` are regexes blanked first.

    ``default_exclude`` is what is left out unless a rule says otherwise: the
    text of ``(source: …)`` tags.
    """

    default_exclude: ClassVar[tuple[str, ...]] = DEFAULT_EXCLUDE

    def __init__(self, exclude: Iterable[str] = DEFAULT_EXCLUDE) -> None:
        self.exclude = tuple(re.compile(p, re.IGNORECASE) for p in exclude)

    def count_text(self, text: str) -> int:
        # a URL holds "://" or "www." (any case): skip the slow case-insensitive scan without
        if "://" in text or "w." in text or "W." in text:
            text = _URL_RE.sub(" ", text)
        for pattern in self.exclude:
            text = pattern.sub(" ", text)
        # str.split() splits on exactly the characters \s matches
        return len(text.split()) - len(_NOT_A_WORD_RE.findall(text))

    def count_prose(self, prose: Prose) -> int:
        return self.count_text(prose.masked())

    def count_blocks(self, blocks: Iterable[object]) -> WordCount:
        prose = table = 0
        for b in blocks:
            if isinstance(b, (Heading, Paragraph, ListItem)):
                prose += self.count_prose(b.prose)
            elif isinstance(b, Table):
                for row in (b.header, *b.rows):
                    table += sum(self.count_prose(c.prose) for c in row.cells)
        return WordCount(prose, table)

    def document(self, doc: Document) -> WordCount:
        return self.count_blocks(doc.blocks)

    def section(self, doc: Document, index: int, deep: bool = True) -> WordCount:
        """Words of a section: its heading, its blocks and (with ``deep``) its subsections."""
        sec = doc.sections[index]
        if deep:  # doc.blocks holds the headings too, the section's own included
            return self.count_blocks(doc.section_blocks(index, deep=True))
        blocks: list[object] = [sec.heading] if sec.heading else []
        blocks.extend(sec.blocks)
        return self.count_blocks(blocks)


def estimated_pages(words: int, words_per_page: int = 550) -> float:
    """Pages at ``words_per_page`` (the prompt's 4–5 pages for 2,200–2,700 words)."""
    return round(words / words_per_page, 1)


def length_message(what: str, n: int, lo: int | None, hi: int | None) -> str | None:
    """``what has N prose words; expected LO–HI (K short)``, or None when in range."""
    if lo is None and hi is None:
        return None
    want = (f"{lo:,}–{hi:,}" if lo is not None and hi is not None
            else f"at least {lo:,}" if lo is not None else f"at most {hi:,}")
    if lo is not None and n < lo:
        return f"{what} has {n:,} prose words; expected {want} ({lo - n:,} short)"
    if hi is not None and n > hi:
        return f"{what} has {n:,} prose words; expected {want} ({n - hi:,} over)"
    return None
