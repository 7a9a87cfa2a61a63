"""Claims: the units of a report that state numbers, and the tags that cover them.

A claim unit is a sentence of a paragraph, a whole list item, or a body row
of a table. It is *hard* when it states at least one hard number (see
``numbers``). Numbers inside code spans, URLs and tags are not read.

Coverage, nearest first:

1. **inline** — a tag inside the unit itself (anywhere in the sentence, item
   or row). A sentence that is only a tag (``Tests pass. (source: a.md)``)
   belongs to the sentence before it;
2. **column** — the row's cell in the table's Source/Sources/Evidence column,
   read as a bare citation list;
3. **standalone** — a paragraph that is only tags (or only ``Source: PATH``)
   covers every claim after the previous heading or the previous standalone
   tag paragraph, whichever is later, up to itself.

``Claim.citations`` are those of the nearest kind present: a claim with its
own tag is checked against that tag, not against a later standalone one.
Tags in headings are parsed (for syntax checks and statistics) but cover
nothing.

``extract`` does all of this in one pass over the document's blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from reportlint.document import Block, Document, Heading, ListItem, Paragraph, Prose, Table
from reportlint.evidence import numbers as num
from reportlint.evidence import sentences
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings
from reportlint.evidence.tags import (
    Citation,
    Tag,
    TagProblem,
    TagScan,
    citation_list,
    footnote_tag,
    scan_tags,
    source_column,
    source_line,
)
from reportlint.span import Span

# a label word, or (group "other") any other letter or digit
_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_LEFTOVER_WORD = re.compile(r"(?i)\b(?:sources?|evidence|see)\b|(?P<other>[^\W_])")


class Cover(NamedTuple):
    """A tag covering a claim, and how: ``inline``, ``column`` or ``standalone``."""

    kind: str
    tag: Tag


class Claim(NamedTuple):
    """A sentence, list item or table row, with its numbers and covering tags.

    ``numbers`` are every number token read in the unit (hard or not), with
    offsets into ``text`` and the exact ``span`` of each number in the report.
    For a row, ``text`` is its cells joined with `` | `` (the Source cell
    included, its numbers not read).
    """

    span: Span
    kind: str
    text: str
    numbers: tuple[num.NumberToken, ...]
    covers: tuple[Cover, ...]
    section_index: int
    block: Block

    @property
    def hard_numbers(self) -> tuple[num.NumberToken, ...]:
        return tuple(t for t in self.numbers if t.hard)

    @property
    def hard(self) -> bool:
        return any(t.hard for t in self.numbers)

    @property
    def covered(self) -> bool:
        return bool(self.covers)

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The covering tags of the nearest kind (inline and column before standalone)."""
        near = tuple(c.tag for c in self.covers if c.kind != "standalone")
        return near or tuple(c.tag for c in self.covers)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for t in self.tags for c in t.citations)


class Claims(NamedTuple):
    """Everything the evidence rules read from one report, in document order."""

    claims: tuple[Claim, ...] = ()
    tags: tuple[Tag, ...] = ()
    problems: tuple[TagProblem, ...] = ()

    @property
    def hard(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.hard)

    @property
    def unsourced(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.hard and not c.covered)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for t in self.tags for c in t.citations)


class _Draft:
    """A claim being read: a later standalone tag may still add covers.

    A plain class: an internal record needs no generated methods, and each
    dataclass costs import time.
    """

    __slots__ = ("block", "covers", "kind", "numbers", "span", "text")

    def __init__(self, span: Span, kind: str, text: str, numbers: list[num.NumberToken],
                 covers: list[Cover], block: Block) -> None:
        self.span = span
        self.kind = kind
        self.text = text
        self.numbers = numbers
        self.covers = covers
        self.block = block


def extract(doc: Document, settings: EvidenceSettings = DEFAULT_SETTINGS) -> Claims:
    """Claims, tags and tag problems of ``doc``: one pass over its blocks."""
    return _Extractor(settings).run(doc)


class _Extractor:
    def __init__(self, settings: EvidenceSettings) -> None:
        self.settings = settings
        self.drafts: list[_Draft] = []
        self.tags: list[Tag] = []
        self.problems: list[TagProblem] = []
        self.pending: list[_Draft] = []  # claims a standalone tag would cover
        self.footnotes: dict[str, Tag] = {}
        self.definitions: set[int] = set()  # ids of the paragraphs that define footnotes

    def run(self, doc: Document) -> Claims:
        # footnote definitions first: a marker may come before its definition
        for block in doc.blocks:
            if isinstance(block, Paragraph) and block.prose.text.startswith("[^"):
                tag = footnote_tag(block.prose)
                if tag is not None:
                    self.footnotes.setdefault(tag.label, tag)
                    self.definitions.add(id(block))
                    self.tags.append(tag)
                    self.problems.extend(tag.problems)
        for block in doc.blocks:
            if isinstance(block, Heading):
                self._scan(block.prose)
                self.pending = []
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, ListItem):
                self._unit(block, block.prose, "item", block.span)
            elif isinstance(block, Table):
                self._table(block)
        claims = tuple(Claim(d.span, d.kind, d.text, tuple(d.numbers), tuple(d.covers),
                             d.block.section, d.block) for d in self.drafts)
        problems = sorted(self.problems, key=lambda p: (p.span.start, p.span.end))
        return Claims(claims, tuple(self.tags), tuple(problems))

    # ----------------------------------------------------------------- helpers
    def _scan(self, prose: Prose) -> TagScan:
        sc = scan_tags(prose, self.settings)
        self.tags.extend(sc.tags)
        self.problems.extend(sc.problems)
        return sc

    def _numbers(self, prose: Prose, tags: Iterable[Tag]) -> list[num.NumberToken]:
        if num._DIGIT.search(prose.text) is None:
            return []  # no digit, no number (masking only blanks characters)
        masked = prose.masked()
        ranges = [t.text_range for t in tags]
        if ranges:
            chars = list(masked)
            for a, b in ranges:
                chars[a:b] = " " * (b - a)
            masked = "".join(chars)
        return num.scan(masked, self.settings.numbers)

    def _add(self, draft: _Draft) -> None:
        if self.footnotes and "[^" in draft.text:
            for m in _FOOTNOTE_MARK.finditer(draft.text):
                tag = self.footnotes.get(m.group(1))
                if tag is not None:
                    draft.covers.append(Cover("footnote", tag))
        self.drafts.append(draft)
        self.pending.append(draft)

    # ----------------------------------------------------------------- blocks
    def _paragraph(self, block: Paragraph) -> None:
        prose = block.prose
        if id(block) in self.definitions:
            return  # a footnote definition that names a source: not a claim
        sc = self._scan(prose)
        standalone: tuple[Tag, ...] = ()
        if sc.tags and _only_tags(prose.text, sc.tags):
            standalone = sc.tags
        elif not sc.tags:
            line = source_line(prose)
            if line is not None:
                self.tags.append(line)
                self.problems.extend(line.problems)
                standalone = (line,)
        if standalone:
            for draft in self.pending:
                draft.covers.extend(Cover("standalone", t) for t in standalone)
            self.pending = []
            return
        sp = prose
        tokens = self._numbers(prose, sc.tags)
        protected = [*prose.code_ranges, *(t.text_range for t in sc.tags)]
        ranges = _attach_tag_sentences(prose.text, sentences.split(prose.text, protected),
                                       sc.tags)
        ti = 0
        gi = 0
        tags = sc.tags
        for a, b in ranges:
            covers = []
            while gi < len(tags) and tags[gi].text_range[0] < b:
                if tags[gi].text_range[0] >= a:
                    covers.append(Cover("inline", tags[gi]))
                gi += 1
            mine = []
            while ti < len(tokens) and tokens[ti].start < b:
                tok = tokens[ti]
                if tok.start >= a:
                    mine.append(tok.shifted(-a, sp.span(tok.start, tok.end)))
                ti += 1
            self._add(_Draft(sp.span(a, b), "sentence", prose.text[a:b], mine, covers, block))

    def _unit(self, block: Block, prose: Prose, kind: str, span: Span) -> None:
        sc = self._scan(prose)
        sp = prose
        tokens = [t.shifted(0, sp.span(t.start, t.end)) for t in self._numbers(prose, sc.tags)]
        covers = [Cover("inline", t) for t in sc.tags]
        self._add(_Draft(span, kind, prose.text, tokens, covers, block))

    def _table(self, table: Table) -> None:
        col = source_column(table, self.settings.source_columns)
        index_col = _index_column(table, col)
        for cell in table.header.cells:
            self._scan(cell.prose)
        for row in table.rows:
            parts: list[str] = []
            tokens: list[num.NumberToken] = []
            covers: list[Cover] = []
            offset = 0
            for i, cell in enumerate(row.cells):
                prose = cell.prose
                sc = self._scan(prose)
                covers.extend(Cover("inline", t) for t in sc.tags)
                tag = citation_list(prose) if i == col and not sc.tags else None
                if tag is not None:
                    self.tags.append(tag)
                    self.problems.extend(tag.problems)
                    covers.append(Cover("column", tag))
                elif i != index_col:
                    # a prose cell of the Source column is data: its numbers count
                    sp = prose
                    tokens.extend(t.shifted(offset, sp.span(t.start, t.end))
                                  for t in self._numbers(prose, sc.tags))
                parts.append(prose.text)
                offset += len(prose.text) + 3
            self._add(_Draft(row.span, "row", " | ".join(parts), tokens, covers, table))


_INDEX_HEADERS = frozenset({"", "#", "no", "nr", "n", "num", "idx", "index", "rank", "step",
                            "id", "item", "row", "seq", "order", "pos", "position"})


def _index_column(table: Table, source_col: int | None) -> int | None:
    """The first column when it numbers the rows (``#``, ``No.``, ``Rank``…).

    Its header must be an index name (or empty), and every body cell a small
    integer: ``| 3 | ingest | … |`` states no quantity.
    """
    if not table.header.cells or source_col == 0 or not table.rows:
        return None
    head = "".join(ch for ch in table.header.cells[0].text.casefold() if ch.isalnum() or
                   ch == "#")
    if head not in _INDEX_HEADERS:
        return None
    for row in table.rows:
        if not row.cells:
            return None
        cell = row.cells[0].text.strip().rstrip(".")
        if not (cell.isdigit() and len(cell) <= 4):
            return None
    return 0


def _only_tags(text: str, tags: Iterable[Tag]) -> bool:
    """True when nothing but tags, punctuation and a "Sources:" label is left.

    That is: outside the tags, every letter or digit belongs to one of the
    label words. The search stops at the first other one, which in a
    sentence with a tag is usually its first letter.
    """
    gaps = []
    prev = 0
    for t in tags:
        a, b = t.text_range
        if b > a:  # an empty range masks nothing, so it splits no word either
            gaps.append(text[prev:a])
            prev = max(prev, b)
    gaps.append(text[prev:])
    # each gap is searched on its own: a tag boundary is a word boundary, as the
    # spaces that once replaced the tags were
    for gap in gaps:
        for m in _LEFTOVER_WORD.finditer(gap):
            if m.group("other"):
                return False
    return True


def _attach_tag_sentences(text: str, ranges: list[tuple[int, int]],
                          tags: tuple[Tag, ...]) -> list[tuple[int, int]]:
    """Give tags that open a sentence to the sentence before them.

    ``Tests pass. (source: a.md)`` and ``Tests pass. (source: a.md) Coverage
    is 70%.`` both cite ``a.md`` for "Tests pass.", not for what follows.
    """
    if not tags or len(ranges) < 2:
        return ranges
    out: list[tuple[int, int]] = []
    gi = 0
    for a, b in ranges:
        while gi < len(tags) and tags[gi].text_range[1] <= a:
            gi += 1
        lead = a
        while out and gi < len(tags) and tags[gi].text_range[0] == _skip_punct(text, lead, b):
            lead = tags[gi].text_range[1]
            gi += 1
        if lead == a:
            out.append((a, b))
            continue
        lead = _skip_punct(text, lead, b)
        out[-1] = (out[-1][0], _trim_end(text, out[-1][0], lead))
        if lead < b:
            out.append((lead, b))
    return out


def _skip_punct(text: str, i: int, end: int) -> int:
    while i < end and (text[i].isspace() or text[i] in ".,;:"):
        i += 1
    return i


def _trim_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _relative(tags: list[Tag], offset: int) -> list[Tag]:
    return [Tag(t.span, (t.text_range[0] - offset, t.text_range[1] - offset), t.citations,
                t.problems, t.form) for t in tags]
