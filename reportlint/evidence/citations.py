"""The citation grammar: what a tag body, a Source cell or a ``Source:`` line cites.

The principle (``shared/evidence-field-guide.md``): inside a tag, find the
citations; everything else is the author's prose. A body is split into
items on top-level ``;`` and ``,`` (not inside brackets or code spans, not a
comma between digits). Inside an item:

- a **path-like** word starts a citation: it has a ``/`` or ``\\``, or a
  file extension (``name.ext``), or is a URL. Backticks are formatting:
  ```src/app.py``` is a path; ```useReducer``` (no ``/``, no extension) is an
  identifier and cites nothing. Several path-like words in one item are all
  cited: ``a.md per b.md``, ``a.md vs b.md``, ``a.md + b.md``, ``a.md and
  b.md``, ``a.md & b.md``, ``confirmed in b.md`` — connectors are words;
- a **location** follows its path: ``:42``, ``:L42``, ``#L42``, ``line 42``,
  ``(L42)``; ranges ``:40-52``, ``:L40-L52``, ``#L40-L52``, ``lines 40–52``;
  an item that is only a location (```:300```, ``410-415``, ``L60-L79``)
  continues the previous citation's file; ``:directory`` marks a folder;
- a **section anchor** is ``§Name`` (everything up to the next ``§``,
  separator, bracket or dash-and-sentence; trailing prose such as
  ``§Rollback as of March`` is kept and matched by the longest heading that
  starts it) or a ``#slug`` attached to the path. After a section, an item
  that reads like a section label (``§M15, M16``) is another section of the
  same file;
- anything else is a **qualifier** of the current citation (``adapted``,
  ``every piece of state lives in …``). ``external``/``externally`` marks
  the citation external.

An item with no path-like word and no current citation is a **bare**
citation: ``(source: review §4.2)``, ``(source: Finding 3.1)``,
``(source: team retro, 2026-03-02)``. Its ``path`` is the single word it
names, if it is one word (``Makefile``), so resolution can still find a file
of that name; when nothing of that name exists, the citation names a
document, not a file, and is never "file does not exist".

Problems (for RL301) are only what a reader would call malformed: a ``§``
with no name, a reversed or zero line range. Everything else recovers.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from reportlint.document import Prose
from reportlint.span import Span

_URL = re.compile(r"(?i)^(?:https?|ftp)://\S+$")
_PATH_LIKE = re.compile(
    r"""(?:file://\S+
      | ~(?:[/\\]\S*)?
      | [A-Za-z]:[\\/]\S*
      | \\\\\S+
      | [^\s§]*[/\\][^\s§]*
      | [^\s§/\\]*[\w*?\]-]\.[A-Za-z*][A-Za-z0-9_*-]{0,9}
    )""",
    re.VERBOSE,
)
# words with a dot or slash that are prose, not paths
_NOT_PATHS = frozenset({"e.g", "i.e", "a.k.a", "etc", "vs", "cf", "n/a", "w/o", "w/", "and/or",
                        "approx", "incl", "u.s", "p.m", "a.m", "ph.d", "et al", "24/7", "b/c",
                        "either/or", "i/o"})
# a location attached to a path word: a.py:42, :L42, :40-52, :L40-L52, #L42, #L40-L52,
# a.md:directory
_ATTACHED = re.compile(
    r"(?::L?(?P<a>\d+)(?:\s?[-\u2013]\s?L?(?P<b>\d+))?"
    r"|#L(?P<c>\d+)(?:-L?(?P<d>\d+))?"
    r"|(?P<dir>:dir(?:ectory)?))")
_ATTACHED_AFTER = re.compile(_ATTACHED.pattern + r"(?![\w-])")
_ATTACHED = re.compile(_ATTACHED.pattern + "$")
_HASH_ANCHOR = re.compile(r"#(?P<anchor>[^\s#]+)$")
# an item, or the start of the words after a path, that is only a location
_LOCATION_ITEM = re.compile(
    r"(?i)^\(?(?:lines?\s*|l\.\s*|:)?L?(?P<a>\d+)(?:\s*[-\u2013]\s*L?(?P<b>\d+))?\)?$")
_LINES_WORDS = re.compile(
    r"(?i)(?:^|(?<=\s))(?:lines?|l\.)\s*(?P<a>\d+)(?:\s*[-\u2013]\s*(?P<b>\d+))?(?!\w)"
    r"|\(L(?P<c>\d+)(?:\s*[-\u2013]\s*L?(?P<d>\d+))?\)"
    r"|(?:^|(?<=\s))L(?P<e>\d+)(?:[-\u2013]L?(?P<f>\d+))?(?!\w)")
_TRAILING_PAREN = re.compile(r"\s*\((?P<q>[^()]*)\)\s*$")
_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<target>[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_EXTERNAL = re.compile(r"(?i)\bexternal(?:ly)?\b")
_QUALIFIER_WORDS = re.compile(
    r"(?i)^(?:adapted|adaptation|derived|paraphrased|summari[sz]ed|see\b|via\b|cf\b|per\b|"
    r"as\s+of\b|approx|estimated|computed|inferred|latest|updated|referenced|external|"
    r"e\.g|i\.e|and\b|plus\b|also\b|n/?a\b|not\b|from\b|based\b|quoted|excerpt|partly|"
    r"partially|rounded|combined|extrapolated|confirmed|vs\b|every\b|the\b|all\b)")
_SECTION_LIKE = re.compile(r"^(?:[A-Z0-9]|[a-z]{1,4}-?\d)")
# where a section name stops: a dash between spaces, the start of a sentence after it
_SECTION_STOP = re.compile(r"\s+[\u2014\u2013]\s*|\s+--?\s+|\s*[\u2014]")
_STRIP_LEAD = "(\"'*[`"
STRIP_TRAIL = ").,;:!?\"'*]`"
_SECTION_TRAIL = " \t\n.,;:"
_GLOB_CHARS = frozenset("*?[")


class Citation(NamedTuple):
    """One cited source: a path with optional sections, line ranges and qualifier.

    ``kind`` is ``file`` (a path-like word; a folder when it ends with ``/``;
    a glob when it has ``*``, ``?`` or ``[``), ``url`` (a web address:
    external), or ``bare`` (no path-like word: a document name, or a single
    word that may still name an existing file, such as ``Makefile``; its
    ``path`` is that word, or empty). ``span`` is the exact span of the
    path text (of the whole item when there is no path); ``section_spans``
    line up with ``sections``. ``ranges`` are inclusive 1-based line ranges,
    ``range_spans`` where each is written.
    """

    path: str
    span: Span
    sections: tuple[str, ...] = ()
    section_spans: tuple[Span, ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()
    range_spans: tuple[Span, ...] = ()
    qualifier: str = ""
    external: bool = False
    kind: str = "file"
    text: str = ""  # the item as written, for a bare citation

    @property
    def lines(self) -> tuple[int, int] | None:
        """The first line range, if any."""
        return self.ranges[0] if self.ranges else None

    @property
    def is_directory(self) -> bool:
        return self.path.endswith(("/", "\\"))

    @property
    def is_glob(self) -> bool:
        return self.kind == "file" and any(ch in _GLOB_CHARS for ch in self.path)

    @property
    def checkable(self) -> bool:
        """Whether this citation names something to resolve under the root."""
        return bool(self.path) and not self.external


class TagProblem(NamedTuple):
    """A malformed tag, for RL301. ``code`` is a stable short name."""

    span: Span
    code: str
    message: str


class _Draft:
    """A citation being read: items after it may still add sections or locations."""

    __slots__ = ("external", "kind", "path", "path_range", "qualifiers", "ranges",
                 "sections", "text")

    def __init__(self, path: str, path_range: tuple[int, int], kind: str = "file",
                 external: bool = False) -> None:
        self.path = path
        self.path_range = path_range
        self.sections: list[tuple[str, int, int]] = []
        self.ranges: list[tuple[int, int, int, int]] = []  # a, b, lo, hi (text offsets)
        self.qualifiers: list[str] = []
        self.external = external
        self.kind = kind
        self.text = ""


def parse_list(prose: Prose, lo: int, hi: int,
               code: Ranges) -> tuple[list[Citation], list[TagProblem]]:
    """Citations in ``prose.text[lo:hi]``; ``code`` are the code-span ranges of the text."""
    text = prose.text
    drafts: list[_Draft] = []
    problems: list[TagProblem] = []
    for a, b in _items(text, lo, hi, code):
        a, b = trim_range(text, a, b)
        if a >= b:
            continue
        item = text[a:b]
        cur = drafts[-1] if drafts else None
        if item.startswith("§"):
            if cur is None:
                drafts.append(_bare(prose, a, b, problems))
            else:
                _add_sections(prose, cur, a, b, problems)
            continue
        cut = _section_start(text, a, b, code)
        pre_end = b if cut == -1 else cut
        words = split_words(text, a, pre_end, code)
        pathy = [w for w in words if _pathy(w[3], w[2])]
        if not pathy:
            loc = _LOCATION_ITEM.match(_unquote(item))
            if cur is not None and loc is not None and cur.kind == "file":
                _add_range(prose, cur, loc.group("a"), loc.group("b"), a, b, problems)
            elif cur is not None and cur.sections and cut == -1 and _section_like(item):
                _add_section(prose, cur, a, b, problems)
            elif cur is not None:
                _read_tail(prose, cur, a, pre_end, problems)
                if cut != -1:
                    _add_sections(prose, cur, cut, b, problems)
            else:
                drafts.append(_bare(prose, a, b, problems))
            continue
        # words before the first path are a qualifier ("adapted from a.md")
        lead = text[a:pathy[0][0]].strip(" \t\n`")
        for k, (ws, we, is_code, word) in enumerate(pathy):
            draft, tail_lo = _path_draft(prose, ws, we, word, is_code, problems)
            if k == 0 and lead:
                draft.qualifiers.append(lead)
            drafts.append(draft)
            # what lies between this path and the next is this one's tail: locations or
            # connector words ("per", "vs", "and", "+", "confirmed in")
            tail_hi = pathy[k + 1][0] if k + 1 < len(pathy) else pre_end
            _read_tail(prose, draft, tail_lo, tail_hi, problems)
        if cut != -1:
            _add_sections(prose, drafts[-1], cut, b, problems)
    return [_finish(prose, d) for d in drafts], problems


def _unquote(item: str) -> str:
    return item.strip().strip("`").strip()


def _section_start(text: str, a: int, b: int, code: Ranges) -> int:
    """The first ``§`` of ``text[a:b]`` outside code spans, or -1."""
    i = text.find("§", a, b)
    while i != -1 and code.contains(i):
        i = text.find("§", i + 1, b)
    return i


def _items(text: str, lo: int, hi: int, code: Ranges) -> list[tuple[int, int]]:
    """Split ``text[lo:hi]`` on top-level ``;`` and ``,``."""
    items = []
    depth = 0
    start = lo
    for i in range(lo, hi):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";," and not code.contains(i):
            if ch == "," and 0 < i < hi - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue  # "lines 1,200-1,300"
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
        link = _LINK.match(text, i, hi) if text[i] == "[" else None
        if link is not None:
            # a Markdown link: the target is the path ("[the runbook](docs/ops.md)"); a
            # page anchor or an empty target leaves the link text
            t0, t1 = link.span("target")
            if t1 > t0 and not text.startswith("#", t0):
                out.append((t0, t1, False, text[t0:t1]))
            else:
                a0, a1 = link.span("text")
                out.append((a0, a1, False, text[a0:a1]))
            i = link.end()
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
    """Whether ``word`` is path-like: a ``/``, a file extension, or a URL."""
    if not word or word.casefold().rstrip(".") in _NOT_PATHS:
        return False
    if _URL.match(word):
        return True
    core = _ATTACHED.sub("", word)
    if not core.startswith("#"):
        core = _HASH_ANCHOR.sub("", core)
    if not core or (core[0].isdigit() and re.fullmatch(r"[\d.,/:%-]+", core)):
        return False  # "3.5", "1/2", "10:30": numbers, not paths
    return _PATH_LIKE.fullmatch(core) is not None


def _pathy(word: str, is_code: bool) -> bool:
    """``is_path``, where a path in backticks may hold spaces (```docs/My Notes.md```)."""
    return is_path(word) or (is_code and " " in word.strip()
                             and is_path(word.strip().replace(" ", "_")))


def _section_like(item: str) -> bool:
    return bool(_SECTION_LIKE.match(item)) and not _QUALIFIER_WORDS.match(item) \
        and len(item.split()) <= 6


def _path_draft(prose: Prose, ws: int, we: int, word: str, is_code: bool,
                problems: list[TagProblem]) -> tuple[_Draft, int]:
    """A citation from a path word, reading an attached location or ``#anchor``.

    Returns the draft and where the consumed text ends (after a location
    written outside backticks, as in ```a.md`:42``).
    """
    text = prose.text
    if _URL.match(word):
        return _Draft(word, (ws, we), kind="url", external=True), we
    path_end = we
    end = we
    draft = _Draft("", (ws, we))
    m = _ATTACHED.search(word)
    after = None
    if is_code:
        j = we
        while j < len(text) and text[j] == "`":
            j += 1
        after = _ATTACHED_AFTER.match(text, j)
    if after is not None:
        _attach(prose, draft, after, 0, problems)
        end = after.end()
    elif m and m.start() > 0:
        _attach(prose, draft, m, ws, problems)
        path_end = ws + m.start()
    else:
        h = _HASH_ANCHOR.search(word)
        if h and h.start() > 0:
            path_end = ws + h.start()
            draft.sections.append((h.group("anchor"), ws + h.start() + 1, we))
    draft.path = text[ws:path_end]
    draft.path_range = (ws, path_end)
    if m is not None and m.group("dir") and not draft.path.endswith("/"):
        draft.path += "/"
    return draft, end


def _attach(prose: Prose, draft: _Draft, m: re.Match[str], offset: int,
            problems: list[TagProblem]) -> None:
    """A location matched by ``_ATTACHED``; ``offset`` maps the match into the text."""
    if m.group("dir"):
        return
    a = m.group("a") or m.group("c")
    b = m.group("b") or m.group("d")
    _add_range(prose, draft, a, b, offset + m.start(), offset + m.end(), problems)


def _add_range(prose: Prose, draft: _Draft, a: str, b: str | None, lo: int, hi: int,
               problems: list[TagProblem]) -> None:
    first = int(a)
    last = int(b) if b else first
    if first > last or first < 1:
        problems.append(TagProblem(prose.span(lo, hi), "lines",
                                   f"line range {first}-{last} is empty or reversed"))
        first, last = min(first, last), max(first, last)
    draft.ranges.append((max(first, 1), max(last, 1), lo, hi))


def _bare(prose: Prose, a: int, b: int, problems: list[TagProblem]) -> _Draft:
    """The first item names no path-like word: a document name, or a bare file name."""
    text = prose.text
    item = text[a:b]
    cut = text.find("§", a, b)
    pre_end = b if cut == -1 else cut
    s, e = trim_range(text, a, pre_end)
    lines = _LINES_WORDS.search(text, s, e)
    if lines is not None and lines.start() > s:
        e = trim_range(text, s, lines.start())[1]
    name = text[s:e].strip("`")
    single = bool(name) and not any(ch.isspace() for ch in name)
    draft = _Draft(name if single else "", (s, e) if e > s else (a, b), kind="bare",
                   external=bool(_EXTERNAL.search(item)))
    draft.text = item
    if draft.external:
        draft.qualifiers.append(item)
    if lines is not None and lines.start() > s and single:
        draft.kind = "file"  # "README lines 5-10": a bare name with a location
        a_, b_ = lines.group("a") or lines.group("c") or lines.group("e"), \
            lines.group("b") or lines.group("d") or lines.group("f")
        _add_range(prose, draft, a_, b_, lines.start(), lines.end(), problems)
    if cut != -1:
        _add_sections(prose, draft, cut, b, problems)
    return draft


def _read_tail(prose: Prose, draft: _Draft, lo: int, hi: int,
               problems: list[TagProblem]) -> None:
    """Words after a path (before the next path or ``§``): locations, else a qualifier."""
    text = prose.text
    lo, hi = trim_range(text, lo, hi)
    if lo >= hi:
        return
    rest_parts = []
    prev = lo
    if draft.kind == "file":
        for m in _LINES_WORDS.finditer(text, lo, hi):
            a = m.group("a") or m.group("c") or m.group("e")
            b = m.group("b") or m.group("d") or m.group("f")
            _add_range(prose, draft, a, b, m.start(), m.end(), problems)
            rest_parts.append(text[prev:m.start()])
            prev = m.end()
    rest_parts.append(text[prev:hi])
    rest = " ".join(p.strip() for p in rest_parts if p.strip()).strip(" ,;`")
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
    stop = _SECTION_STOP.search(text, lo, hi)
    if stop is not None and stop.start() > lo:
        draft.qualifiers.append(text[stop.end():hi].strip())
        hi = stop.start()
    while hi > lo and text[hi - 1] in _SECTION_TRAIL:
        hi -= 1
    m = _LINES_WORDS.search(text, lo, hi)
    if m and m.start() > lo and draft.kind == "file":
        a = m.group("a") or m.group("c") or m.group("e")
        b = m.group("b") or m.group("d") or m.group("f")
        _add_range(prose, draft, a, b, m.start(), m.end(), problems)
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


def _finish(prose: Prose, d: _Draft) -> Citation:
    qualifier = "; ".join(q for q in d.qualifiers if q)
    external = d.external or d.kind == "url" or bool(_EXTERNAL.search(qualifier))
    path = d.path
    if d.kind == "file" and path.startswith("file://"):
        pass  # refused by the resolver with its reason
    return Citation(
        path=path,
        span=prose.span(*d.path_range),
        sections=tuple(s for s, _a, _b in d.sections),
        section_spans=tuple(prose.span(a, b) for _s, a, b in d.sections),
        ranges=tuple((a, b) for a, b, _lo, _hi in d.ranges),
        range_spans=tuple(prose.span(lo, hi) for _a, _b, lo, hi in d.ranges),
        qualifier=qualifier,
        external=external,
        kind=d.kind,
        text=d.text,
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
