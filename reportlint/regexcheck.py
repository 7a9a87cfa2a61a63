"""Regular expressions from a configuration: refuse the ones that backtrack without end.

A rule option holding a regex comes from the repository, so from pull
requests. Python's engine backtracks, and a repetition of something that can
itself repeat (``(a+)+``, ``(\\w*\\s?)*``, ``(?:x{2,})+``) takes exponential time
on a near-miss such as ``aaaa…!``. :func:`check_regex` compiles the pattern
and walks the parse tree that ``re`` itself built, refusing a nested
quantifier: a repeat of more than one whose body holds another repeat of more
than one. A refused pattern is an option error, named by file and line.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

# the parser of the re module itself: re._parser from 3.11 (no stub), sre_parse before
sre_parse: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11)
                                         else "sre_parse")

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_ONE_CHAR = ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY")


def _many(arg: Any) -> bool:
    high = arg[1]
    return bool(high is sre_parse.MAXREPEAT or high > 1)


def _children(op: str, arg: Any) -> list[Any]:
    """The sub-sequences of one parse-tree item."""
    if op in _REPEATS:
        return [arg[2]]
    if op == "SUBPATTERN":
        return [arg[-1]]
    if op == "BRANCH":
        return list(arg[1])
    if op in ("ASSERT", "ASSERT_NOT"):
        return [arg[1]]
    if op == "GROUPREF_EXISTS":
        return [b for b in arg[1:] if b is not None]
    if op == "ATOMIC_GROUP":
        return [arg]
    return []


def _has_many(items: Any) -> bool:
    """Whether a repeat of more than one is anywhere under ``items``."""
    for op, arg in items:
        name = str(op)
        if name in _REPEATS and _many(arg):
            return True
        if any(_has_many(c) for c in _children(name, arg)):
            return True
    return False


def _anchored(items: Any) -> bool:
    """Whether ``items`` must match a character outside any repeat (``(\\d+,)``): then the
    iterations of an outer repeat cannot split the same text in many ways."""
    for op, arg in items:
        name = str(op)
        if name in _ONE_CHAR:
            return True
        if name == "SUBPATTERN" and _anchored(arg[-1]):
            return True
        if name == "BRANCH" and all(_anchored(b) for b in arg[1]):
            return True
    return False


def _nested(items: Any) -> bool:
    """A repeat of more than one whose body repeats too, with nothing fixed between."""
    for op, arg in items:
        name = str(op)
        if name in _REPEATS and _many(arg) and _has_many(arg[2]) and not _anchored(arg[2]):
            return True
        if any(_nested(c) for c in _children(name, arg)):
            return True
    return False


def check_regex(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` is refused (invalid, or a nested quantifier), or None if it is fine."""
    try:
        re.compile(pattern, flags)
        tree = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regular expression {_short(pattern)}: {exc}"
    if _nested(list(tree)):
        return (f"regular expression {_short(pattern)} repeats a part that itself repeats "
                "(a nested quantifier such as (a+)+), which can take exponential time; "
                "rewrite it without the nesting")
    return None


def _short(pattern: str) -> str:
    text = repr(pattern)
    return text if len(text) <= 60 else text[:57] + "..."
