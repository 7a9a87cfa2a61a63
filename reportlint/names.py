"""Tolerant matching of the names a contract gives to table columns and labels.

A prompt writes ``Config(s) used, dataset, device``; a draft writes
``| Config | Dataset | Device |`` or ``| Configs used | ...``. An author
agrees these are the same columns. ``name_words`` is the comparison form
(case-folded words; ``(s)`` plurals and parentheticals dropped);
``match_name`` grades a required name against a written one; and
``assign_names`` pairs required names with written ones, each written name
used once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PLURAL_RE = re.compile(r"\(s\)")
_PAREN_RE = re.compile(r"\([^()]*\)")
_WORD_RE = re.compile(r"[^\W_]+")

SAME = 2
TOLERANT = 1


def name_words(text: str) -> list[str]:
    """A name's words: case-folded, "(s)" plurals and parentheticals dropped."""
    t = _PLURAL_RE.sub("", text.casefold())
    return _WORD_RE.findall(_PAREN_RE.sub(" ", t))


def same_word(a: str, b: str) -> bool:
    """Equal, or one is the other's plural (`artifact`/`artifacts`, `process`/`processes`)."""
    return a == b or a + "s" == b or b + "s" == a or a + "es" == b or b + "es" == a


def match_name(required: str, written: str) -> int:
    """How well ``written`` satisfies ``required``: SAME, TOLERANT or 0.

    SAME: the same words once case, punctuation, parentheticals and plurals
    are set aside. TOLERANT: the shorter name's words begin the longer one
    (`Artifacts` and `Artifacts produced`, `Config(s) used` and `Config`) or
    end it, as its head word (`Effort` and `Est. effort`). Whole words only:
    `Owner` is not `Ownership`.
    """
    want, have = name_words(required), name_words(written)
    if not want or not have:
        return 0
    if len(want) == len(have) and all(map(same_word, want, have)):
        return SAME
    short, long_ = (want, have) if len(want) < len(have) else (have, want)
    k = len(short)
    if all(map(same_word, short, long_[:k])) or all(map(same_word, short, long_[-k:])):
        return TOLERANT
    return 0


def assign_names(required: Sequence[str], written: Sequence[str]) -> dict[int, int]:
    """Index of each satisfied required name -> index of the written name satisfying it.

    Same names are paired first, then tolerant ones, each written name once,
    so `Risk` and `Risk owner` both find their column.
    """
    taken: dict[int, int] = {}
    used: set[int] = set()
    for level in (SAME, TOLERANT):
        for i, req in enumerate(required):
            if i in taken:
                continue
            for j, name in enumerate(written):
                if j not in used and match_name(req, name) >= level:
                    taken[i] = j
                    used.add(j)
                    break
    return taken
