"""Markdown -> Document: the model every rule reads, with exact line/column spans.

One marko (GFM) parse per linted file. Rules never see marko elements: they read
headings, sections, paragraphs, list items, tables, code blocks, block quotes,
HTML comments and front matter from here, each with a 1-based line/column
``Span`` (end exclusive, columns in code points).

Offsets: marko turns CRLF, lone CR and form feeds into ``\\n`` before parsing
and its ``source_span`` offsets index that normalised text, so the line index
is built on the same text (``normalize``). A UTF-8 byte-order mark is removed
first, so column 1 is the first visible character. Tabs count as one column.
A leading YAML front-matter block is blanked (every character but newlines
becomes a space) before parsing, so offsets and line numbers stay true and
``title: x`` followed by ``---`` is not read as a setext heading.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, cast

import marko
from marko import block as mblock
from marko import inline as minline
from marko.ext.gfm import elements as gfm
from marko.helpers import MarkoExtension

from reportlint.span import Position, Span

T = TypeVar("T")

_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)",
                                    re.DOTALL)


def normalize(text: str) -> str:
    """The text as marko sees it: no BOM, ``\\n`` line ends, NUL replaced."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\x00", "\ufffd")


class LineIndex:
    """Maps offsets in the normalised text to 1-based (line, column)."""

    def __init__(self, text: str, lines: list[str] | None = None) -> None:
        """``lines``: ``text.split("\n")``, when the caller has it already."""
        self.text = text
        if lines is None:
            lines = text.split("\n")
        # line n starts after the n previous lines and their newlines: sums in C
        self.starts = list(map(operator.add, itertools.accumulate(map(len, lines), initial=0),
                               range(len(lines))))

    def position(self, offset: int) -> Position:
        if offset < 0:
            offset = 0
        elif offset > len(self.text):
            offset = len(self.text)
        starts = self.starts
        line = bisect.bisect_right(starts, offset) - 1
        return Position(line + 1, offset - starts[line] + 1)

    def span(self, start: int, end: int, trim: bool = True) -> Span:
        """Span of ``text[start:end]``; trailing newlines are not part of it."""
        if trim:
            while end > start and self.text[end - 1] == "\n":
                end -= 1
        first = self.position(start)
        if end <= start:
            return Span(first, first)
        return Span(first, self.position(end))

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


# --------------------------------------------------------------------------- prose


class Piece(NamedTuple):
    """A run of prose text and where it came from.

    ``kind`` is ``text``, ``code`` (code span content), ``html`` (inline HTML),
    ``url`` (an autolink or bare URL) or ``break`` (a line break inside a block).
    ``exact`` is true when every character maps one-to-one to the source.
    """

    start: int  # index into Prose.text
    source: int  # offset into the normalised document text
    length: int
    kind: str
    exact: bool


@dataclass(frozen=True)
class Prose:
    """The inline text of a block, as a reader sees it, mapped back to the source.

    Markup is dropped (emphasis markers, link targets, backticks); code span
    contents stay in ``text`` but are marked ``code`` so rules can skip them.
    Soft line breaks are ``\\n``.
    """

    text: str
    pieces: tuple[Piece, ...]
    index: LineIndex = field(repr=False, compare=False)

    @functools.cached_property
    def _starts(self) -> tuple[int, ...]:
        """``start`` of every piece, built once (cached_property bypasses frozenness)."""
        return tuple(p.start for p in self.pieces)

    def source_offset(self, i: int) -> int:
        pieces = self.pieces
        if not pieces:
            return 0
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            k = 0
        p = pieces[k]
        if i >= p.start + p.length and k + 1 < len(pieces):
            p = pieces[k + 1]
        if p.exact:
            d = i - p.start
            return p.source + (0 if d < 0 else p.length if d > p.length else d)
        return p.source

    def position(self, i: int) -> Position:
        return self.index.position(self.source_offset(i))

    def span(self, i: int, j: int) -> Span:
        """The source span of ``text[i:j]``."""
        start = self.source_offset(i)
        if j <= i:
            return self.index.span(start, start)
        end = self.source_offset(j - 1) + 1
        position = self.index.position
        first = position(start)
        return Span(first, position(end) if end > start else first)

    def masked(self, kinds: frozenset[str] = frozenset({"code", "html", "url"})) -> str:
        """``text`` with the characters of ``kinds`` replaced by spaces (same length).

        Several rules ask for the same masks: each is built once per prose.
        """
        if not isinstance(kinds, frozenset):
            kinds = frozenset(kinds)  # a set or tuple from a plugin: make it a key
        cache: dict[frozenset[str], str] | None = self.__dict__.get("_masked")
        if cache is None:
            cache = self.__dict__["_masked"] = {}  # frozen: set through __dict__
        hit = cache.get(kinds)
        if hit is None:
            hit = self.text
            if any(p.kind in kinds for p in self.pieces):
                chars = list(self.text)
                for p in self.pieces:
                    if p.kind in kinds:
                        chars[p.start:p.start + p.length] = " " * p.length
                hit = "".join(chars)
            cache[kinds] = hit
        return hit

    @property
    def code_ranges(self) -> tuple[tuple[int, int], ...]:
        return tuple((p.start, p.start + p.length) for p in self.pieces if p.kind == "code")


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """Any block: its span and the section it belongs to.

    ``section`` is the position of that section in ``Document.sections``;
    ``doc.section_of(block)`` returns the Section itself.
    """

    span: Span
    section: int


@dataclass(frozen=True)
class Heading(Block):
    """An ATX (``#``) or setext heading; ``text`` is its plain text, ``level`` 1-6."""

    level: int
    text: str
    prose: Prose = field(repr=False)
    style: str = "atx"  # "atx" or "setext"


@dataclass(frozen=True)
class Paragraph(Block):
    """A paragraph; ``quote_depth`` is how many block quotes it sits in."""

    prose: Prose = field(repr=False)
    quote_depth: int = 0


@dataclass(frozen=True)
class ListItem(Block):
    """A list item; ``prose`` is its own paragraphs (nested lists are separate items)."""

    prose: Prose = field(repr=False)
    level: int = 1  # 1 = top-level list
    ordered: bool = False
    marker: str = "-"
    quote_depth: int = 0


class Cell(NamedTuple):
    text: str
    span: Span
    prose: Prose


class Row(NamedTuple):
    cells: tuple[Cell, ...]
    span: Span


@dataclass(frozen=True)
class Table(Block):
    """A GFM table: its header row and its body rows (``columns``: the header's texts)."""

    header: Row
    rows: tuple[Row, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.header.cells)


@dataclass(frozen=True)
class CodeBlock(Block):
    """Fenced (``` or ~~~) or indented code. ``lang`` is the first word of ``info``."""

    info: str
    lang: str
    content: str
    fenced: bool
    content_line: int  # line of the first content line
    opening: Span  # the opening fence line (the first line, for indented code)


@dataclass(frozen=True)
class BlockQuote(Block):
    """A block quote; ``depth`` counts the quotes it is nested in, itself included."""

    depth: int = 1


@dataclass(frozen=True)
class HtmlComment(Block):
    """``<!-- text -->``; ``text`` is the inside, stripped. ``inline`` inside a paragraph."""

    text: str
    inline: bool = False


class FrontMatter(NamedTuple):
    span: Span
    raw: str
    data: Any = None
    error: str | None = None


@dataclass(frozen=True, eq=False)
class Section:
    """A heading and what follows it up to the next heading of the same or higher level.

    The root section (index 0) has no heading and level 0; it holds what
    comes before the first heading and, as children, the top-level sections.
    ``blocks`` are the section's own blocks (its heading not included, its
    subsections not included); ``end_line`` is the last line it covers.

    Sections refer to each other by position in ``Document.sections``:
    ``index`` is this section's, ``parent`` its parent's (None for the root)
    and ``children`` its direct subsections'. The document turns them into
    sections: ``doc.parent_of(section)``, ``doc.children_of(section)`` and
    ``doc.subsections(section)`` (every level below, in document order). The
    model holds no references back to the document, so it is freed as soon
    as the document is.
    """

    index: int
    heading: Heading | None
    level: int
    parent: int | None
    start_line: int
    end_line: int
    blocks: tuple[Block, ...]
    children: tuple[int, ...]

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    @property
    def span(self) -> Span:
        if self.heading is not None:
            return self.heading.span
        return Span.at(1, 1)


@dataclass(eq=False)
class _OpenSection:
    """A section while the document is being read (frozen into a Section after)."""

    heading: Heading | None
    level: int
    parent: int | None
    start_line: int
    end_line: int = 0
    blocks: list[Block] = field(default_factory=list)
    children: list[int] = field(default_factory=list)


# --------------------------------------------------------------------------- document


class Document:
    """A parsed Markdown report. Build with ``Document.parse(text, path)``.

    The model is immutable: ``blocks``, ``headings`` and ``sections`` are
    tuples of frozen dataclasses, built once by the constructor. Derived data
    is computed on demand and cached (``memo``).
    """

    def __init__(self, text: str, path: str = "", raw_text: str | None = None) -> None:
        self.path = path
        self.text = normalize(text if raw_text is None else raw_text)
        self.index = LineIndex(self.text)
        self.front_matter: FrontMatter | None = None
        parse_text = self._blank_front_matter(self.text)
        self._blocks: list[Block] = []
        self._headings: list[Heading] = []
        self._open: list[_OpenSection] = [_OpenSection(None, 0, None, 1)]
        self._memo: dict[Hashable, Any] = {}
        self._stack: list[int] = [0]
        ast = _parser().parse(parse_text)
        self._walk_blocks(ast.children, quote_depth=0, list_level=0)
        last_line = len(self.index.starts)
        if self.text.endswith("\n"):
            last_line -= 1
        # inline comments are collected while their paragraph is read: restore order
        self.blocks: tuple[Block, ...] = tuple(sorted(self._blocks, key=_block_order))
        self.headings: tuple[Heading, ...] = tuple(self._headings)
        self.sections: tuple[Section, ...] = tuple(
            Section(i, s.heading, s.level, s.parent, s.start_line,
                    s.end_line or max(last_line, s.start_line),
                    tuple(sorted(s.blocks, key=_block_order)), tuple(s.children))
            for i, s in enumerate(self._open))
        del self._stack, self._open, self._blocks, self._headings

    @classmethod
    def parse(cls, text: str, path: str = "") -> Document:
        return cls(text, path)

    # ------------------------------------------------------------- public helpers
    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def start(self) -> Span:
        """A zero-width span at 1:1 for findings about the whole document."""
        return Span.at(1, 1)

    @property
    def title(self) -> Heading | None:
        for h in self.headings:
            if h.level == 1:
                return h
        return None

    def of_type(self, kind: type[Any]) -> Iterator[Any]:
        return (b for b in self.blocks if isinstance(b, kind))

    @property
    def paragraphs(self) -> list[Paragraph]:
        return list(self.of_type(Paragraph))

    @property
    def list_items(self) -> list[ListItem]:
        return list(self.of_type(ListItem))

    @property
    def tables(self) -> list[Table]:
        return list(self.of_type(Table))

    @property
    def code_blocks(self) -> list[CodeBlock]:
        return list(self.of_type(CodeBlock))

    @property
    def html_comments(self) -> list[HtmlComment]:
        return list(self.of_type(HtmlComment))

    def memo(self, key: Hashable, factory: Callable[[], T]) -> T:
        """A value derived from this (immutable) document, computed once per key.

        Rules and helpers share derived data through it (normalised heading
        keys, section lookups, block lists), so no rule re-reads what the
        model already holds.
        """
        try:
            return cast(T, self._memo[key])
        except KeyError:
            value = self._memo[key] = factory()
            return value

    def section_of(self, block: Block) -> Section:
        """The section ``block`` belongs to (a heading: the section it opens)."""
        return self.sections[block.section]

    def parent_of(self, section: Section) -> Section | None:
        """The section ``section`` is a subsection of; None for the root section."""
        return None if section.parent is None else self.sections[section.parent]

    def children_of(self, section: Section) -> tuple[Section, ...]:
        """The direct subsections of ``section``, in document order."""
        return tuple(self.sections[i] for i in section.children)

    def section_blocks(self, section: Section | int, deep: bool = True) -> Iterator[Block]:
        """Blocks of ``section`` (and, with ``deep``, of its subsections), in order.

        ``section`` is a Section or its index. A section's blocks lie between
        its first and last line, so only that slice of ``blocks`` is looked
        at (found by bisection): cost is in the size of the section, not of
        the document.
        """
        index = section.index if isinstance(section, Section) else section
        s = self.sections[index]
        if not deep:
            yield from s.blocks
            return
        lines = self._block_lines
        lo = bisect.bisect_left(lines, s.start_line)
        hi = bisect.bisect_right(lines, s.end_line, lo)
        if index == 0:
            yield from self.blocks[lo:hi]
            return
        end = self._subtree_end[index]
        for b in self.blocks[lo:hi]:
            if index <= b.section < end:
                yield b

    @functools.cached_property
    def _block_lines(self) -> list[int]:
        """The start line of every block, in ``blocks`` order (which is line order)."""
        return [b.span.start.line for b in self.blocks]

    @functools.cached_property
    def _subtree_end(self) -> list[int]:
        """Section ``i`` and its subsections are exactly the indexes ``i`` to ``end[i] - 1``.

        Sections are numbered in document order and nest properly, so a
        subtree is a contiguous run of indexes.
        """
        end = [i + 1 for i in range(len(self.sections))]
        for s in reversed(self.sections):
            for child in s.children:
                end[s.index] = max(end[s.index], end[child])
        return end

    def subsections(self, section: Section | int) -> Iterator[Section]:
        """All sections below ``section`` (a Section or its index), in document order.

        Sections are numbered in document order and a subtree is a contiguous
        run of indexes, so this is a slice.
        """
        index = section.index if isinstance(section, Section) else section
        yield from self.sections[index + 1:self._subtree_end[index]]

    def span(self, start: int, end: int) -> Span:
        return self.index.span(start, end)

    # ------------------------------------------------------------- construction
    def _blank_front_matter(self, text: str) -> str:
        m = _FRONT_MATTER_RE.match(text)
        if not m:
            return text
        raw = m.group(1) or ""
        data: Any = None
        error = None
        try:
            import yaml

            data = yaml.safe_load(raw) if raw.strip() else None
        except Exception as exc:
            error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        self.front_matter = FrontMatter(self.index.span(0, m.end()), raw, data, error)
        blank = re.sub(r"[^\n]", " ", text[: m.end()])
        return blank + text[m.end():]

    def _line_span(self, offset: int) -> Span:
        """From ``offset`` to the end of its line, trailing whitespace excluded."""
        end = self.text.find("\n", offset)
        end = len(self.text) if end == -1 else end
        while end > offset and self.text[end - 1] in " \t":
            end -= 1
        return self.index.span(offset, end)

    def _cur(self) -> int:
        return self._stack[-1]

    def _add(self, block: Block) -> None:
        self._blocks.append(block)
        self._open[block.section].blocks.append(block)

    def _open_section(self, heading_el: Any, level: int, style: str) -> None:
        s, e = heading_el.source_span
        span = self.index.span(s, e)
        prose = self._prose(heading_el.children)
        # close sections at the same or deeper level
        while len(self._stack) > 1 and self._open[self._stack[-1]].level >= level:
            closed = self._open[self._stack.pop()]
            closed.end_line = max(closed.start_line, span.start.line - 1)
        parent = self._stack[-1]
        idx = len(self._open)
        heading = Heading(span, idx, level, prose.text.strip(), prose, style)
        self._open.append(_OpenSection(heading, level, parent, span.start.line))
        self._open[parent].children.append(idx)
        self._stack.append(idx)
        self._headings.append(heading)
        self._blocks.append(heading)

    def _walk_blocks(self, children: Any, quote_depth: int, list_level: int) -> None:
        el: Any
        for el in children:
            ss: Any = getattr(el, "source_span", None)
            if isinstance(el, (mblock.Heading, mblock.SetextHeading)):
                style = "setext" if isinstance(el, mblock.SetextHeading) else "atx"
                if quote_depth or list_level:
                    # a heading inside a quote or list is content, not structure
                    self._add(Paragraph(self.index.span(*ss), self._cur(),
                                        self._prose(el.children), quote_depth))
                else:
                    self._open_section(el, el.level, style)
            elif isinstance(el, gfm.Table):
                self._add(self._table(el))
            elif isinstance(el, mblock.Paragraph):
                self._add(Paragraph(self.index.span(*ss), self._cur(),
                                    self._prose(el.children), quote_depth))
            elif isinstance(el, mblock.List):
                for item in el.children:
                    self._list_item(item, el, quote_depth, list_level + 1)
            elif isinstance(el, mblock.Quote):
                self._add(BlockQuote(self.index.span(*ss), self._cur(), quote_depth + 1))
                self._walk_blocks(el.children, quote_depth + 1, list_level)
            elif isinstance(el, mblock.FencedCode):
                info = (el.lang + " " + el.extra).strip()
                span = self.index.span(*ss)
                self._add(CodeBlock(span, self._cur(), info, el.lang, _code_text(el), True,
                                    span.start.line + 1, self._line_span(ss[0])))
            elif isinstance(el, mblock.CodeBlock):
                span = self.index.span(*ss)
                self._add(CodeBlock(span, self._cur(), "", "", _code_text(el), False,
                                    span.start.line, self._line_span(ss[0])))
            elif isinstance(el, mblock.HTMLBlock):
                s, _e = ss
                for m in _COMMENT_RE.finditer(el.body):
                    self._add(HtmlComment(self.index.span(s + m.start(), s + m.end()),
                                          self._cur(), m.group(1).strip()))

    def _list_item(self, item: Any, lst: Any, quote_depth: int, level: int) -> None:
        paras = [c for c in item.children if isinstance(c, mblock.Paragraph)]
        texts: list[Any] = []
        for i, p in enumerate(paras):
            if i:
                texts.append(_Sep())
            texts.extend(p.children)
        prose = self._prose(texts)
        s, e = cast(tuple[int, int], item.source_span)
        # the item's own span: up to the end of its last paragraph, not its sublists
        if paras:
            e = max(e if not _has_nested(item) else cast(Any, paras[-1]).source_span[1], s)
        marker = (str(lst.start) + ".") if lst.ordered else lst.bullet
        self._add(ListItem(self.index.span(s, e), self._cur(), prose, level, lst.ordered,
                           marker, quote_depth))
        rest = [c for c in item.children if not isinstance(c, mblock.Paragraph)]
        self._walk_blocks(rest, quote_depth, level)

    def _table(self, el: Any) -> Table:
        rows = []
        for r in el.children:
            cells = []
            row_end = self.index.span(*r.source_span).end
            end = self.index.offset(row_end.line, row_end.column)
            for c in r.children:
                # marko pads a short row with cells that have no position: put them
                # at the row's end, zero-width
                cs, ce = c.source_span if c.source_span is not None else (end, end)
                prose = self._prose(c.children)
                cells.append(Cell(prose.text.strip(), self.index.span(cs, ce), prose))
            rows.append(Row(tuple(cells), self.index.span(*r.source_span)))
        return Table(self.index.span(*el.source_span), self._cur(), rows[0], tuple(rows[1:]))

    # ------------------------------------------------------------- inline text
    def _prose(self, children: Any) -> Prose:
        if len(children) == 1 and isinstance(children[0], minline.RawText):
            # most table cells and many headings: plain text, read as walk() below would
            el = children[0]
            ss: Any = el.source_span
            text: str = el.children
            if not text:
                return Prose("", (), self.index)
            exact = bool(ss) and ss[1] - ss[0] == len(text) and self.text[ss[0]:ss[1]] == text
            return Prose(text, (Piece(0, ss[0] if ss else 0, len(text), "text", exact),),
                         self.index)
        return self._walk_prose(children)

    def _walk_prose(self, children: Any) -> Prose:
        parts: list[str] = []
        pieces: list[Piece] = []
        pos = 0

        def emit(text: str, source: int, kind: str, exact: bool) -> None:
            nonlocal pos
            if not text:
                return
            parts.append(text)
            pieces.append(Piece(pos, source, len(text), kind, exact))
            pos += len(text)

        src = self.text
        # Depth first through nested inline elements with an explicit stack: a nested
        # function that called itself would be a reference cycle (function -> closure
        # cell -> function) holding this document, so the whole model would wait for
        # the cyclic collector instead of being freed when the lint is done.
        stack: list[tuple[Iterator[Any], str | None]] = [(iter(children), None)]
        while stack:
            els, kind = stack[-1]
            el: Any = next(els, _END)
            if el is _END:
                stack.pop()
                continue
            ss: Any = getattr(el, "source_span", None)
            start = ss[0] if ss else (pieces[-1].source + pieces[-1].length if pieces else 0)
            if isinstance(el, _Sep):
                emit("\n\n", start, "break", False)
            elif isinstance(el, minline.RawText):
                text = el.children
                exact = bool(ss) and ss[1] - ss[0] == len(text) and src[ss[0]:ss[1]] == text
                emit(text, start, kind or "text", exact)
            elif isinstance(el, minline.CodeSpan):
                text = str(el.children)
                inner = start
                exact = False
                if ss:
                    k = src.find(text, ss[0], ss[1]) if text else -1
                    if k != -1:
                        inner, exact = k, True
                emit(text, inner, "code", exact)
            elif isinstance(el, minline.InlineHTML):
                raw = cast(str, el.children)
                emit(raw, start, "html", bool(ss) and ss[1] - ss[0] == len(raw))
                for m in _COMMENT_RE.finditer(raw):
                    self._add(HtmlComment(self.index.span(start + m.start(), start + m.end()),
                                          self._cur(), m.group(1).strip(), inline=True))
            elif isinstance(el, minline.LineBreak):
                emit("\n", start, "break", False)
            elif isinstance(el, minline.AutoLink):  # includes GFM bare URLs
                stack.append((iter(el.children), "url"))
            elif isinstance(el, minline.Literal):
                emit(cast(str, el.children), start + 1 if ss else start, kind or "text", True)
            elif isinstance(el.children if hasattr(el, "children") else None, list):
                stack.append((iter(el.children), kind))
            elif isinstance(getattr(el, "children", None), str):
                emit(el.children, start, kind or "text", False)
        return Prose("".join(parts), tuple(pieces), self.index)


def _block_order(b: Block) -> tuple[int, int]:
    return (b.span.start.line, b.span.start.column)


_END = object()  # the end of an iterator, for next(iterator, _END)


class _Sep:
    """Marks the boundary between two paragraphs of one list item."""

    source_span = None


def _has_nested(item: Any) -> bool:
    return any(not isinstance(c, mblock.Paragraph) for c in item.children)


def _code_text(el: Any) -> str:
    return "".join(c.children for c in el.children if isinstance(c.children, str))


_DELIM_ROW_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _cells(row: str) -> int:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return len(re.split(r"(?<!\\)\|", row))


class _Paragraph(gfm.Paragraph):
    """GFM paragraph that a table may interrupt, as on GitHub.

    marko 2.2.4 reads a caption line directly followed by a table
    (``**Guardrail Matrix**`` then ``| a | b |``, ``|---|---|``) as one
    paragraph; GitHub (cmark-gfm) renders a paragraph and a table.
    """

    override = True

    @classmethod
    def break_paragraph(cls, source: Any, lazy: bool = False) -> bool:
        if super().break_paragraph(source, lazy):
            return True
        line = source.next_line()
        if not line or "|" not in line:
            return False
        buffer = source._buffer
        end = buffer.find("\n", source.pos)
        if end == -1:
            return False
        nxt_end = buffer.find("\n", end + 1)
        raw = buffer[end + 1: len(buffer) if nxt_end == -1 else nxt_end + 1]
        cut = source.match_prefix(source.prefix, raw)
        if cut < 0:
            return False
        following = raw[cut:].rstrip("\n")
        return bool(_DELIM_ROW_RE.match(following)) and "-" in following and \
            _cells(following) == _cells(line.rstrip("\n"))


@functools.lru_cache(maxsize=1)
def _parser() -> marko.Markdown:
    # marko's GFM parser with the same output, without repeated line reads (mdparse)
    from reportlint.mdparse import fast_elements, parser_class

    return marko.Markdown(parser=parser_class(),
                          extensions=["gfm", MarkoExtension(elements=[_Paragraph,
                                                                      *fast_elements()])])
