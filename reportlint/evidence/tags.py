"""Source tags: found in the report's raw source, read by the citation grammar.

A tag is read from the Markdown source of its block, not from the rendered
text: in ``(source: src/pkg/__init__.py)`` the underscores are part of the
path, not emphasis. ``raw_view`` gives a block's source text as a ``Prose``
whose every character maps to itself, with its code spans found by
backtick runs; tag ranges found there are mapped back to the rendered
text (``to_rendered``) so that claims can mask them before reading numbers.

Forms:

- ``paren``: the configured tag (by default ``(source: …)``, any case,
  ``source``/``sources``; see ``EvidenceSettings``);
- ``cell``: a Source/Sources/Evidence/Ref column cell, **only** when it holds
  a path-like word (a prose cell such as ``5 pipelines, all green`` is data);
- ``line``: a paragraph that is only ``Source: PATH …`` (``Sources:``,
  ``Evidence:``, optionally in bold);
- ``label``: ``Source: PATH`` inside a sentence, item or cell, to the end of
  its line (``- Coverage is 84% — *Source: cov.md*``), only when it names a
  path-like word;
- ``footnote``: a GFM footnote definition ``[^t]: source: PATH``, which
  covers the sentence carrying ``[^t]``.

Malformed tags are returned as problems with their spans, for RL301: an
empty tag, an opener with no closing bracket before the end of the block,
the keyword without its colon, plus what the grammar finds malformed. A
tag that starts inside a code span, inline HTML or a URL is an example.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from reportlint.document import Piece, Prose, Table
from reportlint.evidence.citations import (
    STRIP_TRAIL,
    Citation,
    Ranges,
    TagProblem,
    is_path,
    parse_list,
    split_words,
    trim_range,
)
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings
from reportlint.span import Span

__all__ = ["Citation", "Tag", "TagProblem", "TagScan", "citation_list", "footnote_tag",
           "raw_view", "scan_tags", "source_column", "source_line", "to_rendered"]

_PLACEHOLDER_CELLS = frozenset({"", "-", "—", "–", "n/a", "na", "none", "tbd", "todo", "?"})
_SOURCE_LINE = re.compile(
    r"(?is)^\s*(?:\*\*|__)?\s*(?:sources?|evidence)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)?\s*:)"
    r"\s*(?P<body>\S.*?)\s*$")
_FOOTNOTE_DEF = re.compile(
    r"(?s)^\s*\[\^(?P<label>[^\]\s]+)\]:\s*(?:(?:\*\*|__)?(?:sources?|evidence)(?:\*\*|__)?"
    r"\s*:\s*(?:\*\*|__)?)?(?P<body>\S.*?)\s*$", re.IGNORECASE)
_MARKUP = frozenset("`*_~")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML = re.compile(r"<[A-Za-z/!][^<>]*>")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>|(?i:\bhttps?://[^\s<>()]+)")


class Tag(NamedTuple):
    """A tag and its citations. ``text_range`` indexes the rendered ``Prose.text``.

    ``form`` is ``paren``, ``cell``, ``line`` or ``footnote`` (see the module
    docstring). ``label`` is a footnote's label.
    """

    span: Span
    text_range: tuple[int, int]
    citations: tuple[Citation, ...]
    problems: tuple[TagProblem, ...] = ()
    form: str = "paren"
    label: str = ""


class TagScan(NamedTuple):
    """The tags of one prose text, and every problem (inside tags or not)."""

    tags: tuple[Tag, ...] = ()
    problems: tuple[TagProblem, ...] = ()


_NO_TAGS = TagScan()

# --------------------------------------------------------------------------- raw view


class _RawProse(Prose):
    """Source text as a ``Prose`` whose one exact piece starts at ``pieces[0].source``:
    offsets map by addition (a tag body is read once per block, thousands of times in
    a long report, so the general piece lookup is skipped)."""

    def source_offset(self, i: int) -> int:
        return self.pieces[0].source + max(0, min(i, len(self.text)))

    def span(self, i: int, j: int) -> Span:
        base = self.pieces[0].source
        start = base + i
        if j <= i:
            return self.index.span(start, start)
        position = self.index.position
        return Span(position(start), position(base + j))


class RawView(NamedTuple):
    """A block's source text as a ``Prose`` (one exact piece), and its skip ranges."""

    prose: Prose
    code: Ranges  # code-span contents
    skip: Ranges  # code spans with their backticks, inline HTML, URLs
    rendered: Prose


def raw_view(prose: Prose) -> RawView | None:
    """The source text behind ``prose`` (None when it has no mapped pieces)."""
    pieces = prose.pieces
    if not pieces:
        return None
    src = prose.index.text
    lo = min(p.source for p in pieces)
    last = max(pieces, key=lambda p: p.source + (p.length if p.exact else 1))
    hi = last.source + (last.length if last.exact else 1)
    # a trailing piece that is not exact (an entity, an escape) may end later: take
    # the rest of its source line, up to the next block boundary
    if not last.exact:
        nl = src.find("\n", hi)
        hi = len(src) if nl == -1 else nl
    # markup around the first and last pieces (backticks of a code span, emphasis) is
    # part of the source text of the block
    while lo > 0 and src[lo - 1] in _MARKUP:
        lo -= 1
    while hi < len(src) and src[hi] in _MARKUP:
        hi += 1
    hi = max(hi, lo)
    text = src[lo:hi]
    raw = _RawProse(text, (Piece(0, lo, len(text), "text", True),), prose.index)
    code = []
    skip = []
    if "`" in text:
        for m in _CODE_SPAN.finditer(text):
            code.append((m.start(2), m.end(2)))
            skip.append((m.start(), m.end()))
    code_r = Ranges(code)
    if "<" in text:
        for m in _HTML.finditer(text):
            if not code_r.contains(m.start()):
                skip.append((m.start(), m.end()))
    if "://" in text or "<" in text:
        for m in _AUTOLINK.finditer(text):
            if not code_r.contains(m.start()):
                skip.append((m.start(), m.end()))
    return RawView(raw, code_r, Ranges(_merge(skip)), prose)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def to_rendered(view: RawView, lo: int, hi: int) -> tuple[int, int]:
    """The rendered-text range of raw range ``[lo, hi)`` (for masking and sentences)."""
    base = view.prose.pieces[0].source
    return _index_of(view.rendered, base + lo, False), _index_of(view.rendered, base + hi, True)


def _index_of(prose: Prose, source: int, end: bool) -> int:
    """The rendered index at source offset ``source`` (the nearest piece boundary)."""
    pieces = prose.pieces
    starts = [p.source for p in pieces]
    k = bisect.bisect_right(starts, source) - 1
    if k < 0:
        return 0
    p = pieces[k]
    if p.exact and source <= p.source + p.length:
        return p.start + (source - p.source)
    return p.start + p.length if end or source > p.source else p.start


# --------------------------------------------------------------------------- scanning


def scan_tags(prose: Prose, settings: EvidenceSettings = DEFAULT_SETTINGS) -> TagScan:
    """All tags of ``prose`` (read in its source), plus malformed attempts."""
    if not prose.text:
        return _NO_TAGS
    hint = settings.tag_hint
    if hint is not None and hint not in prose.text and (
            settings.label_re is None or ":" not in prose.text):
        return _NO_TAGS
    view = raw_view(prose)
    if view is None:
        return _NO_TAGS
    sp = view.prose
    text = sp.text
    tags: list[Tag] = []
    problems: list[TagProblem] = []
    starts: set[int] = set()
    covered = Ranges([])
    for m in settings.tag_re.finditer(text):
        if view.skip.contains(m.start()):
            continue
        lo, hi = m.span("body")
        cites, probs = parse_list(sp, lo, hi, view.code)
        if not cites and not probs:
            probs.append(TagProblem(sp.span(m.start(), m.end()), "empty",
                                    "empty source tag: name the file it comes from"))
        tag = Tag(sp.span(m.start(), m.end()), to_rendered(view, m.start(), m.end()),
                  tuple(cites), tuple(probs), "paren")
        tags.append(tag)
        problems.extend(probs)
        starts.add(m.start())
        covered.add(m.start(), m.end())
    if settings.label_re is not None and ":" in text:
        labelled = Ranges([])  # a label's body is not searched for another label
        for m in settings.label_re.finditer(text):
            if view.skip.contains(m.start()) or covered.contains(m.start()):
                continue
            if labelled.contains(m.start()):
                continue
            label = _label_tag(view, m.start(), m.end())
            if label is None:
                continue
            lo, hi = _raw_range(view, label)
            nxt = covered.next_start(lo)
            if nxt is not None and nxt < hi:
                continue  # a paren tag inside the label's line: the tag is the citation
            tags.append(label)  # its problems are not RL301's: a label is read or left alone
            labelled.add(lo, hi)
        tags.sort(key=lambda t: t.text_range)
    if settings.opener_re is not None:
        for m in settings.opener_re.finditer(text):
            if m.start() in starts or view.skip.contains(m.start()) or \
                    covered.contains(m.start()):
                continue
            prob = _malformed(sp, m.start(), m.end(), view.code, settings)
            if prob is not None:
                problems.append(prob)
    problems.sort(key=lambda p: (p.span.start, p.span.end))
    return TagScan(tuple(tags), tuple(problems))


def _raw_range(view: RawView, tag: Tag) -> tuple[int, int]:
    base = view.prose.pieces[0].source
    index = view.prose.index
    return (index.offset(tag.span.start.line, tag.span.start.column) - base,
            index.offset(tag.span.end.line, tag.span.end.column) - base)


#: A label whose section or trailing words run longer than this is a sentence that
#: mentions a file, not a citation.
_LABEL_PROSE_WORDS = 4


def _label_tag(view: RawView, start: int, body: int) -> Tag | None:
    """``Source: PATH`` inside a unit (``- Coverage is 84% — *Source: cov.md*``).

    The body runs to the end of the line; it is a citation only when it holds a
    path-like word, so "Source: the team's notes" stays prose.
    """
    sp = view.prose
    text = sp.text
    end = text.find("\n", body)
    end = len(text) if end == -1 else end
    lo, hi = trim_range(text, body, end)
    while hi > lo and text[hi - 1] in "*_.;,)":
        hi -= 1
    if hi <= lo:
        return None
    words = split_words(text, lo, hi, view.code)
    if not any(is_path(w[3]) for w in words):
        return None
    cites, _problems = parse_list(sp, lo, hi, view.code)
    cites = [c for c in cites if c.kind != "bare"]
    if not cites or any(len(q.split()) > _LABEL_PROSE_WORDS for c in cites
                        for q in (c.qualifier, *c.sections)):
        return None  # "Source: README.md §Roadmap is mentioned in prose": a sentence
    stop = hi
    while stop < end and text[stop] in "*_":
        stop += 1
    return Tag(sp.span(start, stop), to_rendered(view, start, stop), tuple(cites), (),
               "label")


def _malformed(prose: Prose, start: int, end: int, code: Ranges,
               settings: EvidenceSettings) -> TagProblem | None:
    """An opener that no tag matched: unbalanced, or missing its colon."""
    text = prose.text
    i = end
    while i < len(text) and text[i] in " \t":
        i += 1
    line_end = text.find("\n", i)
    line_end = len(text) if line_end == -1 else line_end
    close_char = settings.tag_close
    if i < len(text) and text[i] == ":":
        stop = len(text.rstrip())
        return TagProblem(prose.span(start, max(stop, i + 1)), "unbalanced",
                          f"source tag has no closing '{close_char}' before the end of "
                          "the block")
    close = text.find(close_char, i, line_end) if close_char else -1
    j = i
    while j < len(text) and text[j] in "-\u2013\u2014=| \t":
        j += 1
    word_end = j
    while word_end < len(text) and not text[word_end].isspace() and \
            text[word_end] != close_char:
        word_end += 1
    word = text[j:word_end]
    if word.startswith("§") or code.contains(j) or is_path(word.strip(STRIP_TRAIL)):
        stop = close + 1 if close != -1 else line_end
        return TagProblem(prose.span(start, stop), "missing-colon",
                          f"source tag is missing ':' after '{settings.tag_keyword_shown}'")
    return None


# --------------------------------------------------------------------------- other forms


def source_column(table: Table, names: tuple[str, ...] | None = None) -> int | None:
    """Index of the table's Source/Sources/Evidence/Ref column (header match, any case)."""
    wanted = {_letters(n) for n in (names or DEFAULT_SETTINGS.source_columns)}
    for i, cell in enumerate(table.header.cells):
        if _letters(cell.text) in wanted:
            return i
    return None


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def citation_list(prose: Prose, form: str = "cell") -> Tag | None:
    """Read a Source-column cell as bare citations, no tag wrapper.

    Only a cell holding a path-like word is a citation: placeholders
    (``-``, ``n/a``, ``TBD``) and prose (``5 pipelines, all green``) are not.
    """
    view = raw_view(prose)
    if view is None:
        return None
    sp = view.prose
    text = sp.text
    lo, hi = trim_range(text, 0, len(text))
    if text[lo:hi].strip(" .").casefold() in _PLACEHOLDER_CELLS:
        return None
    words = split_words(text, lo, hi, view.code)
    if not any(is_path(w[3]) for w in words):
        return None
    cites, probs = parse_list(sp, lo, hi, view.code)
    cites = [c for c in cites if c.kind != "bare"]
    if not cites:
        return None
    return Tag(sp.span(lo, hi), to_rendered(view, lo, hi), tuple(cites), tuple(probs), form)


def source_line(prose: Prose) -> Tag | None:
    """A paragraph that is only ``Source: PATH …`` (or ``Sources:``/``Evidence:``).

    Only when it names something path-like, so that prose such as "Sources:
    the team's own notes" is not read as a citation of a file.
    """
    view = raw_view(prose)
    if view is None:
        return None
    sp = view.prose
    m = _SOURCE_LINE.match(sp.text)
    if m is None:
        return None
    lo, hi = m.span("body")
    hi = trim_range(sp.text, lo, hi)[1]
    if hi > lo and sp.text[hi - 1] == ".":
        hi -= 1
    words = split_words(sp.text, lo, hi, view.code)
    if not any(is_path(w[3]) for w in words):
        return None
    cites, probs = parse_list(sp, lo, hi, view.code)
    if not cites:
        return None
    return Tag(sp.span(m.start(), m.end()), to_rendered(view, m.start(), m.end()),
               tuple(cites), tuple(probs), "line")


def footnote_tag(prose: Prose) -> Tag | None:
    """A GFM footnote definition ``[^t]: source: PATH`` naming a source.

    Only when the body holds a path-like word or starts with ``source:``: a
    footnote of plain remarks is not a citation.
    """
    if not prose.text.startswith("[^"):
        return None
    view = raw_view(prose)
    if view is None:
        return None
    sp = view.prose
    m = _FOOTNOTE_DEF.match(sp.text)
    if m is None:
        return None
    lo, hi = m.span("body")
    hi = trim_range(sp.text, lo, hi)[1]
    if hi > lo and sp.text[hi - 1] == ".":
        hi -= 1
    labelled = m.start("body") > m.end("label") + 3
    words = split_words(sp.text, lo, hi, view.code)
    if not labelled and not any(is_path(w[3]) for w in words):
        return None
    cites, probs = parse_list(sp, lo, hi, view.code)
    if not cites:
        return None
    return Tag(sp.span(m.start(), m.end()), to_rendered(view, m.start(), m.end()),
               tuple(cites), tuple(probs), "footnote", m.group("label"))
