"""Citation lists: the body of a tag, a Source cell, or a ``Source:`` line.

A body is a list of items separated by ``;`` or ``,`` (outside
parentheses, code spans, and commas between digits). Each item is read as:

- a **citation** when it holds a path-like word: something with a ``/``, a
  ``name.ext``, a ``~``, a URL, or (for the first item of a list) anything at
  all, because the author said it is a source. Words before the path are a
  qualifier (``adapted from a.md``); after it come ``§Section`` anchors, a
  line anchor (``a.md:42``, ``a.md:10-20``, ``a.md#L10-L20``, ``lines
  183-205``) or a GitHub anchor (``a.md#training-pipeline``);
- a **section continuation** when it starts with ``§`` (``§M15, §M16``), or
  when the previous citation had a section and the item reads like a section
  label (starts with a capital or a digit, or is an id like ``m16``) and not
  like a qualifier (``tunix-rt.md §M15, M16`` cites two sections of one file);
- otherwise a **qualifier** of the previous citation (``adapted``,
  ``referenced externally via …``). A citation whose qualifier or path says
  it is external (``external``, ``externally``, an ``http(s)`` URL) is
  marked ``external``: it covers a claim but has nothing to cross-check.

Each citation keeps the exact span of its path and of each section. Problems
(a section with no path, an unknown separator such as ``|`` or ``and``, a
reversed line range) are returned with their spans; the parse recovers where
it can, so coverage still works.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from reportlint.document import Prose
from reportlint.span import Span

_PATH_LIKE = re.compile(
    r"""(?:(?:https?|file)://\S+
      | ~(?:[/\\]\S*)?
      | [A-Za-z]:[\\/]\S*
      | \\\\\S+
      | [^\s§]*[/\\][^\s§]*
      | [^\s§/\\]*[\w-]\.[A-Za-z][A-Za-z0-9_-]{0,9}
    )""",
    re.VERBOSE,
)
_NOT_PATHS = frozenset({"e.g", "i.e", "a.k.a", "etc", "vs", "cf", "n/a", "w/o", "and/or",
                        "approx", "incl"})
_LINE_SUFFIX = re.compile(
    r"(?::(?P<a>\d+)(?:\s?[-\u2013]\s?(?P<b>\d+))?|#L(?P<c>\d+)(?:-L?(?P<d>\d+))?)$")
_ATTACHED_LINES = re.compile(
    r":(?P<a>\d+)(?:\s?[-\u2013]\s?(?P<b>\d+))?(?!\w)|#L(?P<c>\d+)(?:-L?(?P<d>\d+))?(?!\w)")
_HASH_ANCHOR = re.compile(r"#(?P<anchor>[^\s#]+)$")
_LINES_WORDS = re.compile(
    r"(?i)\blines?\s*(?P<a>\d+)(?:\s*[-\u2013]\s*(?P<b>\d+))?\s*$")
_TRAILING_PAREN = re.compile(r"\s*\((?P<q>[^()]*)\)\s*$")
_EXTERNAL = re.compile(r"(?i)\bexternal(?:ly)?\b|\bhttps?://")
_URL = re.compile(r"(?i)^https?://")
_QUALIFIER_WORDS = re.compile(
    r"(?i)^(?:adapted|adaptation|derived|paraphrased|summari[sz]ed|see\b|via\b|cf\b|per\b|"
    r"as\s+of\b|approx|estimated|computed|inferred|latest|updated|referenced|external|"
    r"e\.g|i\.e|and\b|plus\b|also\b|n/?a\b|not\b|from\b|based\b|quoted|excerpt|partly|"
    r"partially|rounded|combined|extrapolated)")
_SECTION_LIKE = re.compile(r"^(?:[A-Z0-9]|[a-z]{1,4}-?\d)")
_STRIP_LEAD = "(\"'*["
STRIP_TRAIL = ").,;:!?\"'*]"
_SECTION_TRAIL = " \t\n.,;:"


@dataclass(frozen=True)
class Citation:
    """One cited source: a path with optional sections, lines and qualifier.

    ``path`` is as written (backticks removed); it is empty for an external
    citation that names no path. ``span`` is the exact span of the path text
    (of the whole item when there is no path); ``section_spans`` line up with
    ``sections``. ``lines`` is an inclusive 1-based line range.
    """

    path: str
    span: Span
    sections: tuple[str, ...] = ()
    section_spans: tuple[Span, ...] = ()
    lines: tuple[int, int] | None = None
    qualifier: str = ""
    external: bool = False

    @property
    def is_directory(self) -> bool:
        return self.path.endswith(("/", "\\"))


@dataclass(frozen=True)
class TagProblem:
    """A malformed tag, for RL301. ``code`` is a stable short name."""

    span: Span
    code: str
    message: str


class _Draft:
    """A citation being read: items after it may still add sections or qualifiers.

    A plain class: an internal record needs no generated methods, and each
    dataclass costs import time.
    """

    __slots__ = ("external", "lines", "path", "path_range", "qualifiers", "sections")

    def __init__(self, path: str, path_range: tuple[int, int],
                 lines: tuple[int, int] | None = None, external: bool = False) -> None:
        self.path = path
        self.path_range = path_range
        self.sections: list[tuple[str, int, int]] = []
        self.lines = lines
        self.qualifiers: list[str] = []
        self.external = external


def parse_list(prose: Prose, lo: int, hi: int,
               code: Ranges) -> tuple[list[Citation], list[TagProblem]]:
    """Citations in ``prose.text[lo:hi]``; ``code`` are the code-span ranges of the text."""
    simple = _simple_list(prose, lo, hi, code)
    if simple is not None:
        return simple
    return _parse_list(prose, lo, hi, code)


# The commonest body, "PATH §Section": a file name and one section, with none of the
# characters that make the general reading branch (separators, brackets, another §,
# a line anchor's ":" or "#", backticks, a newline in the section)
_SIMPLE_BODY = re.compile(
    r"\s*([A-Za-z0-9_./-]*[A-Za-z0-9_-]\.[A-Za-z][A-Za-z0-9_-]{0,9})\s+§([^§,;|()\[\]\n]*)")


def _simple_list(prose: Prose, lo: int, hi: int,
                 code: Ranges) -> tuple[list[Citation], list[TagProblem]] | None:
    """``_parse_list`` of a "PATH §Section" body, without its general machinery.

    That reading is: one item, the path its only word (path-like, no line or
    hash anchor, nothing to strip), nothing between it and the ``§``, and one
    section read by ``_add_section`` as usual. None for any other body.
    """
    m = _SIMPLE_BODY.fullmatch(prose.text, lo, hi)
    if m is None or any(a < hi and b > lo for a, b in code.ranges):
        return None
    word = m.group(1)
    if not is_path(word):
        return None
    problems: list[TagProblem] = []
    draft = _Draft(word, m.span(1))
    # the item ends where its trailing white space starts, as _items and trim_range
    # leave it (an empty section's problem is placed from there)
    _add_section(prose, draft, m.start(2), trim_range(prose.text, lo, hi)[1], problems)
    return [_finish(prose, draft)], problems


def _parse_list(prose: Prose, lo: int, hi: int,
                code: Ranges) -> tuple[list[Citation], list[TagProblem]]:
    """The general reading of a citation list (see the module docstring)."""
    text = prose.text
    drafts: list[_Draft] = []
    problems: list[TagProblem] = []
    for a, b in _items(prose, lo, hi, code, problems):
        a, b = trim_range(text, a, b)
        if a >= b:
            continue
        item = text[a:b]
        cur = drafts[-1] if drafts else None
        if item.startswith("§"):
            if cur is None:
                problems.append(TagProblem(prose.span(a, b), "no-path",
                                           f"citation '{item}' names a section but no file"))
            else:
                _add_sections(prose, cur, a, b, problems)
            continue
        cut = text.find("§", a, b)
        pre_end = b if cut == -1 else cut
        words = split_words(text, a, pre_end, code)
        pathy = [w for w in words if w[2] or is_path(w[3])]
        if not pathy:
            if cur is not None and cur.sections and cut == -1 and _section_like(item):
                _add_section(prose, cur, a, b, problems)
            elif cur is not None:
                cur.qualifiers.append(item)
            else:
                drafts.append(_first_without_path(prose, a, b, cut, problems))
            continue
        # words before the first path are a qualifier ("adapted from a.md")
        lead = text[a:pathy[0][0]].strip()
        tail_lo = a
        for k, (ws, we, is_code, word) in enumerate(pathy):
            if k:
                gap = text[pathy[k - 1][1]:ws].strip()
                what = f"unknown separator '{gap}'" if gap else "no separator"
                problems.append(TagProblem(
                    prose.span(pathy[k - 1][0], we), "separator",
                    f"{what} between citations: separate them with ';' or ','"))
            draft, tail_lo = _path_draft(prose, ws, we, word, is_code, problems)
            if k == 0 and lead:
                draft.qualifiers.append(lead)
            drafts.append(draft)
        last = drafts[-1]
        _read_tail(prose, last, tail_lo, pre_end, problems)
        if cut != -1:
            _add_sections(prose, last, cut, b, problems)
    return [_finish(prose, d) for d in drafts], problems


def _items(prose: Prose, lo: int, hi: int, code: Ranges,
           problems: list[TagProblem]) -> list[tuple[int, int]]:
    """Split ``text[lo:hi]`` on top-level ``;`` and ``,`` (``|`` too, reported)."""
    text = prose.text
    items = []
    depth = 0
    start = lo
    for i in range(lo, hi):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";,|" and not code.contains(i):
            if ch == "," and 0 < i < hi - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue  # "lines 1,200-1,300"
            if ch == "|":
                problems.append(TagProblem(prose.span(i, i + 1), "separator",
                                           "unknown separator '|' between citations: "
                                           "separate them with ';' or ','"))
            items.append((start, i))
            start = i + 1
    items.append((start, hi))
    return items


def split_words(text: str, lo: int, hi: int,
           code: Ranges) -> list[tuple[int, int, bool, str]]:
    """Whitespace-separated words of ``text[lo:hi]``; a code span is one word.

    Returns (start, end, is_code, word) with surrounding punctuation trimmed.
    """
    out = []
    i = lo
    while i < hi:
        if text[i].isspace():
            i += 1
            continue
        span = code.containing(i)
        if span is not None:
            s, e = max(span[0], lo), min(span[1], hi)
            if e > s:
                out.append((s, e, True, text[s:e]))
            i = max(e, i + 1)
            continue
        j = i
        nxt = code.next_start(i)
        stop = hi if nxt is None else min(hi, nxt)
        while j < stop and not text[j].isspace():
            j += 1
        s, e = i, j
        while s < e and text[s] in _STRIP_LEAD:
            s += 1
        while e > s and text[e - 1] in STRIP_TRAIL:
            e -= 1
        if e > s:
            out.append((s, e, False, text[s:e]))
        i = j
    return out


def is_path(word: str) -> bool:
    if not word or word.casefold().rstrip(".") in _NOT_PATHS:
        return False
    core = _LINE_SUFFIX.sub("", word)
    core = _HASH_ANCHOR.sub("", core) if not core.startswith("#") else core
    return _PATH_LIKE.fullmatch(core) is not None


def _section_like(item: str) -> bool:
    return bool(_SECTION_LIKE.match(item)) and not _QUALIFIER_WORDS.match(item)


def _path_draft(prose: Prose, ws: int, we: int, word: str, is_code: bool,
                problems: list[TagProblem]) -> tuple[_Draft, int]:
    """A citation from a path word, reading an attached ``:42`` or ``#anchor``.

    Returns the draft and where the consumed text ends (after a line suffix
    written outside backticks, as in ```a.md`:42``).
    """
    text = prose.text
    path_end = we
    end = we
    lines = None
    anchor = None
    m = _LINE_SUFFIX.search(word)
    after = _ATTACHED_LINES.match(text, we) if is_code else None
    if after is not None:
        a = int(after.group("a") or after.group("c"))
        b = after.group("b") or after.group("d")
        lines = _line_range(prose, a, int(b) if b else a, we, after.end(), problems)
        end = after.end()
    elif m and m.start() > 0 and not _URL.match(word):
        a = int(m.group("a") or m.group("c"))
        b = m.group("b") or m.group("d")
        lines = _line_range(prose, a, int(b) if b else a, ws + m.start(), we, problems)
        path_end = ws + m.start()
    else:
        h = _HASH_ANCHOR.search(word)
        if h and h.start() > 0 and not _URL.match(word):
            path_end = ws + h.start()
            anchor = (h.group("anchor"), ws + h.start() + 1, we)
    draft = _Draft(text[ws:path_end], (ws, path_end), lines=lines)
    if anchor is not None:
        draft.sections.append(anchor)
    return draft, end


def _first_without_path(prose: Prose, a: int, b: int, cut: int,
                        problems: list[TagProblem]) -> _Draft:
    """The first item names no path-like word: an external reference, or a bare name."""
    text = prose.text
    item = text[a:b]
    if _EXTERNAL.search(item):
        draft = _Draft("", (a, b), external=True)
        draft.qualifiers.append(item)
        return draft
    pre_end = b if cut == -1 else cut
    s, e = trim_range(text, a, pre_end)
    draft = _Draft(text[s:e], (s, e))
    m = _LINES_WORDS.search(text, s, e)
    if m:
        draft.path = text[s:m.start()].rstrip()
        draft.path_range = (s, s + len(draft.path))
        b2 = m.group("b")
        draft.lines = _line_range(prose, int(m.group("a")), int(b2) if b2 else int(m.group("a")),
                                  m.start(), m.end(), problems)
    if cut != -1:
        _add_sections(prose, draft, cut, b, problems)
    return draft


def _read_tail(prose: Prose, draft: _Draft, lo: int, hi: int,
               problems: list[TagProblem]) -> None:
    """Words after the path, before any ``§``: a line anchor or a qualifier."""
    text = prose.text
    lo, hi = trim_range(text, lo, hi)
    if lo >= hi:
        return
    rest = text[lo:hi]
    m = _LINES_WORDS.search(rest)
    if m:
        b = m.group("b")
        draft.lines = _line_range(prose, int(m.group("a")), int(b) if b else int(m.group("a")),
                                  lo + m.start(), lo + m.end(), problems)
        rest = rest[:m.start()].strip()
    rest = rest.strip(" ,;")
    if rest:
        q = _TRAILING_PAREN.fullmatch(rest)
        draft.qualifiers.append(q.group("q").strip() if q else rest)


def _add_sections(prose: Prose, draft: _Draft, lo: int, hi: int,
                  problems: list[TagProblem]) -> None:
    """``§A §B`` from ``text[lo:hi]`` (which starts at a ``§``)."""
    text = prose.text
    i = lo
    while i < hi:
        j = text.find("§", i + 1, hi)
        j = hi if j == -1 else j
        _add_section(prose, draft, i + 1 if text[i] == "§" else i, j, problems)
        i = j


def _add_section(prose: Prose, draft: _Draft, lo: int, hi: int,
                 problems: list[TagProblem]) -> None:
    text = prose.text
    lo, hi = trim_range(text, lo, hi)
    while hi > lo and text[hi - 1] in _SECTION_TRAIL:
        hi -= 1
    m = _LINES_WORDS.search(text, lo, hi)
    if m and m.start() > lo:
        b = m.group("b")
        draft.lines = _line_range(prose, int(m.group("a")), int(b) if b else int(m.group("a")),
                                  m.start(), m.end(), problems)
        hi = trim_range(text, lo, m.start())[1]
    q = _TRAILING_PAREN.search(text, lo, hi)
    if q and q.start() > lo:
        draft.qualifiers.append(q.group("q").strip())
        hi = trim_range(text, lo, q.start())[1]
    if hi <= lo:
        problems.append(TagProblem(prose.span(max(lo - 1, 0), max(lo, hi)), "no-section",
                                   "'§' is not followed by a section name"))
        return
    draft.sections.append((text[lo:hi], lo, hi))


def _line_range(prose: Prose, a: int, b: int, lo: int, hi: int,
                problems: list[TagProblem]) -> tuple[int, int]:
    if a > b or a < 1:
        problems.append(TagProblem(prose.span(lo, hi), "lines",
                                   f"line range {a}-{b} is empty or reversed"))
        a, b = min(a, b), max(a, b)
    return (max(a, 1), max(b, 1))


def _finish(prose: Prose, d: _Draft) -> Citation:
    qualifier = "; ".join(q for q in d.qualifiers if q)
    external = d.external or bool(_EXTERNAL.search(qualifier) or _URL.match(d.path))
    return Citation(
        path=d.path,
        span=prose.span(*d.path_range),
        sections=tuple(s for s, _a, _b in d.sections),
        section_spans=tuple(prose.span(a, b) for _s, a, b in d.sections),
        lines=d.lines,
        qualifier=qualifier,
        external=external,
    )


def trim_range(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


class Ranges:
    """Sorted, disjoint half-open ranges with O(log n) membership."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(r for r in ranges if r[1] > r[0])
        self.starts = [r[0] for r in self.ranges]

    def add(self, lo: int, hi: int) -> None:
        # tags are found left to right, so appending keeps the order
        self.ranges.append((lo, hi))
        self.starts.append(lo)

    def containing(self, i: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.starts, i) - 1
        if k >= 0 and self.ranges[k][0] <= i < self.ranges[k][1]:
            return self.ranges[k]
        return None

    def contains(self, i: int) -> bool:
        return self.containing(i) is not None

    def next_start(self, i: int) -> int | None:
        k = bisect.bisect_right(self.starts, i)
        return self.starts[k] if k < len(self.starts) else None
