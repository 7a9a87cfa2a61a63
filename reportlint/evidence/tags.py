"""Source tags: ``(source: PATH [§SECTION][, qualifier])`` and the forms found in the wild.

``scan_tags`` finds the prompt's tag (any case, ``source`` or ``sources``;
the pattern is configurable) in a block's prose and reads its body as a
citation list (see ``citations`` for what an item may be). A Source column
of a table (``source_column``, ``citation_list``) and a paragraph that is
only ``Source: PATH`` (``source_line``) are citation lists without the
``(source:`` wrapper.

Malformed tags are returned as problems with their spans, for RL301: an
empty tag, an opening ``(source:`` with no closing parenthesis before the
end of the block, ``(source a.md)`` missing its colon, plus the problems
found inside bodies (no path, unknown separator, reversed lines). A tag
that starts inside a code span, inline HTML or a URL is an example, not a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.document import Prose, Table
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

__all__ = ["Citation", "Tag", "TagProblem", "TagScan", "citation_list", "scan_tags",
           "source_column", "source_line"]

_PLACEHOLDER_CELLS = frozenset({"", "-", "—", "–", "n/a", "na", "none", "tbd", "todo", "?"})
_SOURCE_LINE = re.compile(r"(?is)^\s*(?:sources?|evidence)\s*:\s*(?P<body>\S.*?)\s*$")


@dataclass(frozen=True)
class Tag:
    """A tag and its citations. ``text_range`` indexes the ``Prose.text`` it was read from.

    ``form`` is ``paren`` for ``(source: …)``, ``cell`` for a Source-column
    cell and ``line`` for a paragraph that is only ``Source: …``.
    """

    span: Span
    text_range: tuple[int, int]
    citations: tuple[Citation, ...]
    problems: tuple[TagProblem, ...] = ()
    form: str = "paren"


@dataclass(frozen=True)
class TagScan:
    """The tags of one prose text, and every problem (inside tags or not)."""

    tags: tuple[Tag, ...] = ()
    problems: tuple[TagProblem, ...] = ()


_NO_TAGS = TagScan()

# --------------------------------------------------------------------------- scanning


def scan_tags(prose: Prose, settings: EvidenceSettings = DEFAULT_SETTINGS) -> TagScan:
    """All ``(source: …)`` tags of ``prose``, plus malformed attempts.

    Tags starting inside a code span, inline HTML or a URL are examples, not
    tags, and are ignored.
    """
    text = prose.text
    if not text:
        return _NO_TAGS
    hint = settings.tag_hint
    if hint is not None and hint not in text:
        return _NO_TAGS
    sp = prose
    skip = Ranges([(p.start, p.start + p.length) for p in prose.pieces
                    if p.kind in ("code", "html", "url")])
    code = Ranges(list(prose.code_ranges))
    tags: list[Tag] = []
    problems: list[TagProblem] = []
    starts: set[int] = set()
    covered = Ranges([])
    for m in settings.tag_re.finditer(text):
        if skip.contains(m.start()):
            continue
        lo, hi = m.span("body")
        cites, probs = parse_list(sp, lo, hi, code)
        if not cites and not probs:
            probs.append(TagProblem(sp.span(m.start(), m.end()), "empty",
                                    "empty source tag: name the file it comes from"))
        tag = Tag(sp.span(m.start(), m.end()), (m.start(), m.end()), tuple(cites),
                  tuple(probs), "paren")
        tags.append(tag)
        problems.extend(probs)
        starts.add(m.start())
        covered.add(m.start(), m.end())
    if settings.opener_re is not None:
        for m in settings.opener_re.finditer(text):
            if m.start() in starts or skip.contains(m.start()) or covered.contains(m.start()):
                continue
            prob = _malformed(sp, m.start(), m.end(), code)
            if prob is not None:
                problems.append(prob)
    problems.sort(key=lambda p: (p.span.start, p.span.end))
    return TagScan(tuple(tags), tuple(problems))


def _malformed(prose: Prose, start: int, end: int, code: Ranges) -> TagProblem | None:
    """An opener ``(source`` that no tag matched: unbalanced, or missing its colon."""
    text = prose.text
    i = end
    while i < len(text) and text[i] in " \t":
        i += 1
    line_end = text.find("\n", i)
    line_end = len(text) if line_end == -1 else line_end
    if i < len(text) and text[i] == ":":
        stop = len(text.rstrip())
        return TagProblem(prose.span(start, max(stop, i + 1)), "unbalanced",
                          "source tag has no closing ')' before the end of the block")
    close = text.find(")", i, line_end)
    j = i
    while j < len(text) and text[j] in "-\u2013\u2014=| \t":
        j += 1
    word_end = j
    while word_end < len(text) and not text[word_end].isspace() and text[word_end] != ")":
        word_end += 1
    word = text[j:word_end]
    if word.startswith("§") or code.contains(j) or is_path(word.strip(STRIP_TRAIL)):
        stop = close + 1 if close != -1 else line_end
        return TagProblem(prose.span(start, stop), "missing-colon",
                          "source tag is missing ':' after 'source'")
    return None


# --------------------------------------------------------------------------- other forms


def source_column(table: Table, names: tuple[str, ...] | None = None) -> int | None:
    """Index of the table's Source/Sources/Evidence column (header match, any case)."""
    wanted = {_letters(n) for n in (names or DEFAULT_SETTINGS.source_columns)}
    for i, cell in enumerate(table.header.cells):
        if _letters(cell.text) in wanted:
            return i
    return None


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def citation_list(prose: Prose, form: str = "cell") -> Tag | None:
    """Read a whole prose text (a Source-column cell) as bare citations, no ``(source:``.

    Placeholder cells (empty, ``-``, ``n/a``, ``TBD``) hold no citation.
    """
    text = prose.text
    lo, hi = trim_range(text, 0, len(text))
    if text[lo:hi].strip(" .").casefold() in _PLACEHOLDER_CELLS:
        return None
    sp = prose
    cites, probs = parse_list(sp, lo, hi, Ranges(list(prose.code_ranges)))
    if not cites and not probs:
        return None
    return Tag(sp.span(lo, hi), (lo, hi), tuple(cites), tuple(probs), form)


def source_line(prose: Prose) -> Tag | None:
    """A paragraph that is only ``Source: PATH …`` (or ``Sources:``/``Evidence:``).

    Only when its first item names something path-like, so that prose such as
    "Sources: the team's own notes" is not read as a citation of a file.
    """
    m = _SOURCE_LINE.match(prose.text)
    if m is None:
        return None
    lo, hi = m.span("body")
    hi = trim_range(prose.text, lo, hi)[1]
    if hi > lo and prose.text[hi - 1] == ".":
        hi -= 1
    code = Ranges(list(prose.code_ranges))
    first = split_words(prose.text, lo, hi, code)
    if not first or not (first[0][2] or is_path(first[0][3])):
        return None
    sp = prose
    cites, probs = parse_list(sp, lo, hi, code)
    if not cites:
        return None
    return Tag(sp.span(m.start(), m.end()), (m.start(), m.end()), tuple(cites),
               tuple(probs), "line")
