"""Sentence boundaries in report prose, for claims.

Deliberately small and predictable rather than linguistically complete: a
sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes or
brackets) followed by whitespace and a capital letter, a digit, a quote or
an opening bracket. No boundary:

- inside a protected range (code spans, source tags);
- after a known abbreviation (``e.g.``, ``i.e.``, ``vs.``, ``cf.``,
  ``approx.``, ``Fig.``, ``No.``) or a single capital initial (``J. Smith``);
- when the would-be sentence has no letter (``3.`` of an enumeration).

Decimals (``4.06``) and file names (``app.py``) never end a sentence because
no whitespace follows their dot.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_BOUNDARY = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]*_]*(\s+)(?=[A-Z0-9\"'\u201c\u2018(\[*_`])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "vs", "cf", "approx", "incl", "fig", "figs", "no", "nos", "eq", "vol",
    "al", "dr", "mr", "mrs", "ms", "prof", "inc", "ltd", "co", "corp", "jr", "sr", "st",
    "a.k.a", "u.s", "est", "resp", "ca", "ref", "refs", "sec", "ch", "p", "pp",
})


def split(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence ranges of ``text``, trimmed of surrounding whitespace, in order.

    ``protected`` are ranges in which no boundary is placed (they may overlap,
    as a code span inside a tag does).
    """
    protected = _merge(protected)
    starts = [p[0] for p in protected]
    out: list[tuple[int, int]] = []
    begin = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start(1)
        if _inside(protected, starts, m.start()):
            continue
        word = _WORD_BEFORE.search(text, max(begin, m.start() - 12), m.start() + 1)
        if word is not None:
            w = word.group(1).rstrip(".")
            if w.casefold() in _ABBREVIATIONS or (len(w) == 1 and w.isupper()):
                continue
        if not _has_letter(text, begin, end):
            continue
        out.append((begin, end))
        begin = m.end()
    out.append((begin, len(text)))
    return [r for r in (_trim(text, a, b) for a, b in out) if r[1] > r[0]]


# Letters are word characters that are neither digits nor "_"; so are a few other
# numeric characters (such as "²"), which the loop below passes over.
_LETTER_LIKE = re.compile(r"[^\W\d_]")


def _has_letter(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` has a letter (``str.isalpha``), found by regex."""
    return any(m.group().isalpha() for m in _LETTER_LIKE.finditer(text, lo, hi))


def _merge(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _inside(ranges: Sequence[tuple[int, int]], starts: list[int], i: int) -> bool:
    k = bisect.bisect_right(starts, i) - 1
    return k >= 0 and ranges[k][0] <= i < ranges[k][1]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
