"""Regular expressions of the rules and the evidence layer, compiled once per interpreter.

CPython compiles a regular expression in Python code (``re._parser`` and
``re._compiler``) into a list of integers, then hands that list to the C
engine with ``_sre.compile``. The rules and the evidence layer compile about
a hundred patterns, 10–15 ms of every ``reportlint check`` (as much as the
rest of their import). ``compile`` below keeps each pattern's compiled form
in the run's cache (:mod:`reportlint.cache`), in one file per interpreter
version, and on later runs rebuilds the pattern with ``_sre.compile``
directly: exactly the call ``re.compile`` itself ends with, so the result is
the same object ``re.compile`` would return. The C engine validates the code
it is given, and an entry that is damaged, or for another interpreter, is
compiled the ordinary way.

Without a cache (library use, ``--no-cache``), or on an interpreter whose
``re`` internals differ from CPython 3.10–3.13's, ``compile`` is
``re.compile``. ``tests/core/test_patterns.py`` checks that every pattern
reportlint compiles behaves identically both ways.
"""

from __future__ import annotations

import marshal
import re
import sys
from typing import Any

try:  # CPython's internals: 3.11+ ...
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - 3.10 names them sre_compile and sre_parse
    try:
        import sre_compile as _compiler
        import sre_parse as _parser
    except ImportError:
        _sre = _compiler = _parser = None

Compiled = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

_ENTRY = "regex-{}.bin".format(
    re.sub(r"\W", "_", f"{sys.implementation.cache_tag}-{sys.version.split()[0]}-"
                       f"{getattr(_sre, 'MAGIC', 0) if _compiler else 0}"))
_known: dict[tuple[str, int], Compiled] | None = None  # loaded from the cache
_new: dict[tuple[str, int], Compiled] = {}  # compiled in this run, to be stored
_used: set[tuple[str, int]] = set()
MAX_ENTRIES = 2000  # past this, only the patterns of the latest run are kept
_usable: bool | None = None


def _translate(pattern: str, flags: int) -> Compiled:
    """What ``re._compiler.compile`` computes before calling ``_sre.compile``."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[Any] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # plain ints: the opcodes are int subclasses, which marshal does not store
    return (int(flags | p.state.flags), [int(op) for op in code], int(p.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))


def _build(pattern: str, c: Compiled) -> re.Pattern[str]:
    final, code, groups, groupindex, indexgroup = c
    built: re.Pattern[str] = _sre.compile(pattern, final, code, groups, groupindex, indexgroup)
    return built


def _check() -> bool:
    """The internals behave as on CPython 3.10–3.13 (asked once per process)."""
    global _usable
    if _usable is None:
        try:
            probe = r"(?P<a>x+)(y)?|\d{2,}"
            ours, theirs = _build(probe, _translate(probe, re.I)), re.compile(probe, re.I)
            _usable = (ours.pattern, ours.flags, ours.groups, ours.groupindex,
                       ours.findall("XXy 123")) == (theirs.pattern, theirs.flags, theirs.groups,
                                                    theirs.groupindex, theirs.findall("XXy 123"))
        except Exception:
            _usable = False
    return _usable


def _load(store: Any) -> dict[tuple[str, int], Compiled]:
    global _known
    if _known is None:
        _known = {}
        data = store.get_bytes(_ENTRY)
        if data:
            try:
                loaded = marshal.loads(data)
            except (ValueError, EOFError, TypeError):
                loaded = None
            if isinstance(loaded, dict):  # only entries of the expected shape are used
                _known = {k: v for k, v in loaded.items() if _well_formed(k, v)}
    return _known


def _well_formed(key: Any, value: Any) -> bool:
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)
            and type(key[1]) is int and isinstance(value, tuple) and len(value) == 5
            and type(value[0]) is int and isinstance(value[1], list)
            and type(value[2]) is int and isinstance(value[3], dict)
            and isinstance(value[4], tuple))


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when this pattern was compiled before."""
    from reportlint import cache

    store = cache.active()
    flags = int(flags)
    if store is None or _compiler is None or not isinstance(pattern, str) or not _check():
        return re.compile(pattern, flags)
    key = (pattern, flags)
    _used.add(key)
    known = _load(store)
    hit = known.get(key)
    if hit is not None:
        try:
            return _build(pattern, hit)
        except Exception:  # a damaged or foreign entry: compile it again
            known.pop(key, None)
    compiled = re.compile(pattern, flags)  # the errors users see come from re itself
    _new[key] = _translate(pattern, flags)
    return compiled


def save() -> None:
    """Store the patterns compiled in this run that the cache did not have."""
    from reportlint import cache

    store = cache.active()
    if store is None or not _new:
        return
    merged = dict(_load(store))
    merged.update(_new)
    if len(merged) > MAX_ENTRIES:  # patterns built from old configurations: drop them
        merged = {k: v for k, v in merged.items() if k in _used}
    _new.clear()
    try:
        data = marshal.dumps(merged)
    except ValueError:  # not plain data after all: store nothing
        return
    store.put_bytes(_ENTRY, data)
