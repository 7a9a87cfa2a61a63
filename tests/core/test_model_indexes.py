"""The document model's indexes and caches give exactly what a plain scan gives.

Issue 6 replaced per-call scans with indexes built once (``section_blocks`` by
bisection, heading keys per document, ``Prose`` piece starts, cached masks)
and rewrote two regex passes that were slow or quadratic (guidance removal,
word counting). Each test compares the fast path with the straightforward
definition on many generated inputs.
"""

from __future__ import annotations

import bisect
import random
import re
import sys
import time

import pytest

from reportlint.document import Document, Prose
from reportlint.headings import (
    GUIDANCE_RE,
    _strip_guidance,
    find_section,
    find_sections,
    normalize_heading,
    split_level,
)
from reportlint.words import _HAS_ALNUM, _URL_RE, _WORD_RE, WordCounter

LINES = [
    "# Title", "## 1. Intro", "## Intro", "### Sub <!-- c -->", "#### Deep",
    "## 2. Results (page 3)", "Results\n---", "Title\n===", "text para", "- item",
    "  - nested", "> quote", "> ## quoted heading", "- ## list heading",
    "| a | b |\n|---|---|\n| 1 | 2 |", "```\ncode\n```", "<!-- reportlint-disable -->",
    "", "", "1. one", "para <!-- x --> more `code` http://x.y", "    indented",
]
NAMES = ("Intro", "1. Intro", "## Intro", "Results", "## 2. Results", "Sub", "### Sub",
         "Title", "# Title", "Deep", "2 Results")


def documents(seed: int, count: int) -> list[Document]:
    rng = random.Random(seed)
    docs: list[Document] = []
    while len(docs) < count:
        text = "\n".join(rng.choice(LINES) for _ in range(rng.randrange(1, 30)))
        try:
            docs.append(Document(text))
        except TypeError:  # marko drops a cell's source span after some fences
            continue
    return docs


def naive_section_blocks(doc: Document, index: int, deep: bool) -> list[object]:
    s = doc.sections[index]
    if not deep:
        return list(s.blocks)

    def within(sec: int) -> bool:
        cur: int | None = sec
        while cur is not None:
            if cur == index:
                return True
            cur = doc.sections[cur].parent
        return False

    return [b for b in doc.blocks if s.start_line <= b.span.start.line <= s.end_line
            and (index == 0 or within(b.section))]


def naive_find_sections(doc: Document, name: str, numbering: bool) -> list[object]:
    level, text = split_level(name)
    key = normalize_heading(text, numbering=numbering)
    return [s for s in doc.sections[1:] if (level is None or s.level == level)
            and s.heading is not None
            and normalize_heading(s.heading.text, numbering=numbering) == key]


def naive_source_offset(prose: Prose, i: int) -> int:
    if not prose.pieces:
        return 0
    starts = [p.start for p in prose.pieces]
    k = max(0, bisect.bisect_right(starts, i) - 1)
    p = prose.pieces[k]
    if i >= p.start + p.length and k + 1 < len(prose.pieces):
        p = prose.pieces[k + 1]
    return p.source + min(max(i - p.start, 0), p.length) if p.exact else p.source


@pytest.mark.parametrize("seed", range(2))
def test_section_blocks_match_a_scan_of_all_blocks(seed: int) -> None:
    for doc in documents(seed, 100):
        for index in range(len(doc.sections)):
            for deep in (True, False):
                assert list(doc.section_blocks(index, deep)) == \
                    naive_section_blocks(doc, index, deep)


@pytest.mark.parametrize("seed", range(2))
def test_find_sections_match_a_scan_of_all_headings(seed: int) -> None:
    for doc in documents(seed, 100):
        for name in NAMES:
            for numbering in (True, False):
                assert find_sections(doc, name, numbering) == \
                    naive_find_sections(doc, name, numbering)
            hits = naive_find_sections(doc, name, True) or \
                naive_find_sections(doc, name, False)
            assert find_section(doc, name) is (hits[0] if hits else None)


def test_prose_offsets_and_masks_match_the_plain_definitions() -> None:
    for doc in documents(7, 100):
        for block in doc.blocks:
            prose = getattr(block, "prose", None)
            if prose is None:
                continue
            for i in range(len(prose.text) + 1):
                assert prose.source_offset(i) == naive_source_offset(prose, i)
            for kinds in ({"code"}, {"code", "url"}, {"code", "html", "url"}):
                chars = list(prose.text)
                for p in prose.pieces:
                    if p.kind in kinds:
                        chars[p.start:p.start + p.length] = " " * p.length
                assert prose.masked(frozenset(kinds)) == "".join(chars)
                assert prose.masked(kinds) == "".join(chars)  # a plain set is accepted


def test_guidance_removal_matches_the_regex() -> None:
    rng = random.Random(0)
    alphabet = ["(", ")", " ", "\t", "\n", "page", "Pages", "x", "pagex", "a", "½",
                "\u00a0", "\u2003"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert _strip_guidance(text) == GUIDANCE_RE.sub("", text), repr(text)


def test_guidance_removal_is_linear_in_a_long_run_of_spaces() -> None:
    heading = "a" + " " * 1_000_000 + "b (page 2)"
    started = time.perf_counter()
    assert normalize_heading(heading) == "a b"
    assert time.perf_counter() - started < 5  # the regex took minutes


def naive_count(counter: WordCounter, text: str) -> int:
    text = _URL_RE.sub(" ", text)
    for pattern in counter.exclude:
        text = pattern.sub(" ", text)
    return sum(1 for w in _WORD_RE.findall(text) if _HAS_ALNUM.search(w))


def test_word_count_matches_the_definition() -> None:
    counter = WordCounter()
    rng = random.Random(1)
    alphabet = ["a", "Z", "1", "_", "—", "-", " ", "\n", "\t", "\u00a0", "\u3000", "é", "٣",
                "|", ".", "(source: x.md)", "http://x.y", "WWW.x", "wW.", "(", ")", "\u2028",
                "§", "ſ", "__", "--"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert counter.count_text(text) == naive_count(counter, text), repr(text)
    # every character once, as a word of its own
    text = " ".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert counter.count_text(text) == naive_count(counter, text)


def test_str_split_splits_where_the_word_regex_does() -> None:
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace()
               for c in range(sys.maxunicode + 1))


@pytest.mark.parametrize("seed", range(3))
def test_line_starts_are_those_a_newline_search_gives(seed: int) -> None:
    from reportlint.document import LineIndex

    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(["a", "bc", "\n", "\n\n", "é", "\r", " "])
                       for _ in range(rng.randrange(0, 30)))
        want = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        assert LineIndex(text).starts == want
        assert LineIndex(text, text.split("\n")).starts == want


def _model(doc: Document) -> list[object]:
    """Every block with its prose written out (Prose's own repr hides the index)."""
    out: list[object] = []
    for b in doc.blocks:
        out.append(repr(b))
        proses = [getattr(b, "prose", None)]
        if hasattr(b, "header"):
            proses += [c.prose for row in (b.header, *b.rows) for c in row.cells]
        out += [(p.text, p.pieces) for p in proses if p is not None]
    return out


@pytest.mark.parametrize("seed", range(3))
def test_plain_text_prose_shortcut_equals_the_walk(seed: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A block whose only inline child is raw text skips the inline walk."""
    rng = random.Random(seed)
    texts = []
    for _ in range(150):
        lines = [rng.choice([*LINES, "| `a` | **b** |\n|---|---|\n|  | x  y |", "## `code` h",
                             "Title\n===", "| é | \\| |\n|-|-|\n| 1 |"])
                 for _ in range(rng.randrange(1, 25))]
        texts.append("\n".join(lines))
    fast = [_model(Document(t)) for t in texts]
    monkeypatch.setattr(Document, "_prose", Document._walk_prose)
    assert [_model(Document(t)) for t in texts] == fast
