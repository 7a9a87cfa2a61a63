"""The cross-check: is each number of a sourced claim really in what it cites?

For every hard number of a covered claim, against **every** citation of its
tags (a co-citation that does not resolve hides the claim from no other):

1. look in the *cited scope* of each cited file: the matched ``§Section``s
   (their line spans); else the cited lines (``path:10-20``), widened by
   ``LINE_WINDOW`` lines on each side, since a line anchor points near the
   number as often as at it; else, for a citation with neither, the whole
   file;
2. failing that, look in the whole of each cited file (found there: a note
   naming the line);
3. failing that, the number is *missing*; when a cited scope holds a near
   value with a compatible unit, the check says which ("the cited section
   says 1,250").

Numbers compare by exact magnitude after normalisation (see ``numbers``)
and only with a compatible unit (``numbers.units_compatible``). External
citations, documents named without a path and cited folders have nothing to
check against; a claim whose citations are all of that kind (or unresolved,
or unreadable) is *unverifiable*, not wrong.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from reportlint.evidence.citations import Citation
from reportlint.evidence.claims import Claim
from reportlint.evidence.numbers import (
    MULTIPLIERS,
    NumberToken,
    unit_family,
    units_compatible,
)
from reportlint.evidence.resolve import Resolution, Status
from reportlint.evidence.sources import Location, Sources, compatible, read_occurrence
from reportlint.span import Span

#: Lines around a cited line or range that still count as the cited place.
LINE_WINDOW = 3
#: A value within this relative distance of a missing number is "near" it (a typo,
#: a rounding), as is one with the same digits in another order (1,250 for 1,205).
NEAR = Decimal("0.05")


_NOT_DIGIT = re.compile(r"[^0-9]")


def num_digits(v: Decimal) -> str:
    """The digits of ``v`` written out in full (``2E+4``: ``20000``; ``0.05``: ``005``)."""
    return _NOT_DIGIT.sub("", format(v.normalize(), "f"))


class Scope(NamedTuple):
    """One cited file and the part of it the citation points at."""

    path: str  # relative to the sources root
    lines: tuple[tuple[int, int], ...]  # empty: the whole file
    span: Span  # where the number is expected: the section heading, or the file start
    what: str = "file"  # "section", "lines" or "file"


class NumberCheck(NamedTuple):
    token: NumberToken
    status: str  # "scope", "file", "rounded" (a cited value, rounded) or "missing"
    found: tuple[Location, ...]
    expected: tuple[Scope, ...]  # each scope once, in citation order
    near: Location | None = None  # for a missing number: a close value in the cited scope
    cited: tuple[str, ...] = ()  # the cited files, each once


class ClaimCheck(NamedTuple):
    claim: Claim
    numbers: tuple[NumberCheck, ...]
    verifiable: bool  # some citation resolved to a readable file
    directories: tuple[str, ...] = ()  # cited folders: resolvable, nothing to verify

    @property
    def verified(self) -> bool:
        return self.verifiable and all(n.status != "missing" for n in self.numbers)


def scopes(claim: Claim, sources: Sources,
           resolved: dict[int, Resolution]) -> tuple[list[Scope], list[str]]:
    """The readable cited scopes of a claim, and the cited directories.

    ``resolved`` maps ``id(citation)`` to its resolution (computed once per
    document by the caller).
    """
    out: list[Scope] = []
    dirs: list[str] = []
    for c in claim.citations:
        res = resolved.get(id(c))
        if res is None:
            continue
        if res.status is Status.DIRECTORY:
            dirs.append(res.path)
            continue
        for path in res.files:
            # the scopes of one citation shape are the same for every claim citing it
            key = ("scopes", path, c.sections, c.ranges)
            found = sources.memo.get(key)
            if not isinstance(found, list):
                index = sources.index(path)
                found = [] if index.skipped else _file_scopes(c, path, index)
                sources.memo[key] = found
            out.extend(found)
    return out, dirs


def _file_scopes(c: Citation, path: str, index: object) -> list[Scope]:
    from reportlint.evidence.sources import SourceIndex

    assert isinstance(index, SourceIndex)
    start = Span.at(1, 1, 1, 1, path)
    out: list[Scope] = []
    if c.sections:
        for name in c.sections:
            for sec in index.find_section(name):
                out.append(Scope(path, (sec.lines,), sec.span.with_path(path), "section"))
        if out:
            return out
        # an unknown section is RL305's finding: the number is looked for in the file
        return [Scope(path, ((0, 0),), start, "section")]
    if c.ranges:
        last = max(index.line_count, 1)
        lines = tuple((max(1, a - LINE_WINDOW), min(last, b + LINE_WINDOW))
                      for a, b in c.ranges if a <= last)
        if not lines:
            return [Scope(path, ((0, 0),), start, "lines")]  # past the end: RL309
        a = c.ranges[0][0]
        return [Scope(path, lines, Span.at(a, 1, a, 1, path), "lines")]
    return [Scope(path, (), start, "file")]


def check_claim(claim: Claim, sources: Sources,
                resolved: dict[int, Resolution]) -> ClaimCheck:
    found_scopes, dirs = scopes(claim, sources, resolved)
    if not found_scopes:
        return ClaimCheck(claim, (), False, tuple(dirs))
    expected = tuple(dict.fromkeys(found_scopes))
    cited = tuple(dict.fromkeys(sc.path for sc in expected))
    checks = []
    for token in claim.hard_numbers:
        status = "missing"
        found: tuple[Location, ...] = ()
        hits: list[Location] = []
        for sc in found_scopes:
            index = sources.index(sc.path)
            if not sc.lines:
                hits.extend(index.find_number(token))
            else:
                for lines in sc.lines:
                    if lines != (0, 0):
                        hits.extend(index.find_number(token, lines))
        hits = [h for h in hits if compatible(token, h)]
        near = None
        if hits:
            status, found = "scope", _ranked(token, hits)
        else:
            for path in cited:
                hits.extend(h for h in sources.index(path).find_number(token)
                            if compatible(token, h))
            if hits:
                status, found = "file", _ranked(token, hits)
            else:
                near = _near(token, found_scopes, sources)
                if near is not None and rounds_to(token, near):
                    status, found, near = "rounded", (near,), None
        checks.append(NumberCheck(token, status, found, expected, near, cited))
    return ClaimCheck(claim, tuple(checks), True, tuple(dirs))


def rounds_to(token: NumberToken, loc: Location) -> bool:
    """Whether the cited value at ``loc`` rounds to ``token`` at the precision the
    report writes it (``84%`` for ``84.2%``, ``1.3k`` for ``1,318``)."""
    value = read_occurrence(loc.text)[2]
    if value is None:
        return False
    exponent = token.value.as_tuple().exponent
    if not isinstance(exponent, int):
        return False
    quantum = Decimal(1).scaleb(exponent + MULTIPLIERS.get(token.unit, 0))
    want = abs(token.value).scaleb(MULTIPLIERS.get(token.unit, 0))
    return value != want and abs(value - want) * 2 < quantum


def _ranked(token: NumberToken, hits: list[Location]) -> tuple[Location, ...]:
    """Occurrences in file order, those written with the token's unit first."""
    found = sorted(set(hits))
    if not token.unit:
        return tuple(found)
    return tuple(sorted(
        found, key=lambda loc: (loc.unit or read_occurrence(loc.text)[0]) != token.unit))


#: Lines read at most when looking for a near value in one cited scope.
_NEAR_LINES = 400


class _NearTable:
    """The numbers of one cited scope, sorted by value and grouped by their digits,
    so that each missing number finds its near values in O(log n), not O(n)."""

    def __init__(self, locs: list[Location]) -> None:
        rows = []
        for loc in locs:
            unit, noun, value = read_occurrence(loc.text)
            if value is not None and value != 0:
                rows.append((value, loc, loc.unit or unit, loc.noun or noun))
        rows.sort(key=lambda r: (r[0], r[1]))
        self.rows = rows
        self.values = [r[0] for r in rows]
        self.by_digits: dict[str, list[tuple[Decimal, Location, str, str]]] = {}
        for r in rows:
            d = num_digits(r[0])
            if len(d) >= 3:
                self.by_digits.setdefault("".join(sorted(d)), []).append(r)

    def near(self, token: NumberToken) -> tuple[Decimal, Location] | None:
        import bisect

        want = abs(token.value).scaleb(MULTIPLIERS.get(token.unit, 0))
        lo = bisect.bisect_left(self.values, want * (1 - NEAR))
        hi = bisect.bisect_right(self.values, want * (1 + NEAR))
        digits = num_digits(want)
        cands = self.rows[lo:hi]
        if len(digits) >= 3:
            cands = cands + self.by_digits.get("".join(sorted(digits)), [])
        best: tuple[Decimal, Location] | None = None
        for value, loc, unit, noun in cands:
            if value == want or not units_compatible(token, unit, noun, None):
                continue
            if unit_family(token.unit) is not None and not unit:
                continue  # "1,250" for "1,200 ms": only a value with the same unit
            dist = abs(value - want) / want
            if best is None or (dist, loc) < best:
                best = (dist, loc)
        return best


def _near(token: NumberToken, found_scopes: list[Scope], sources: Sources) -> Location | None:
    """The closest value to ``token`` in its cited scopes, if one is near it.

    Only sections and line ranges (or a short file) are read, at most
    ``_NEAR_LINES`` lines each: the point is to say what the cited place
    says, not to search. Each scope's table is built once per run.
    """
    if token.value == 0:
        return None
    best: tuple[Decimal, Location] | None = None
    for sc in found_scopes:
        index = sources.index(sc.path)
        ranges = [r for r in sc.lines if r != (0, 0)] or (
            [(1, index.line_count)] if not sc.lines and index.line_count <= _NEAR_LINES else [])
        for lo, hi in ranges:
            key = ("near", sc.path, lo, hi)
            table = sources.memo.get(key)
            if not isinstance(table, _NearTable):
                table = _NearTable(index.numbers_in((lo, min(hi, lo + _NEAR_LINES))))
                sources.memo[key] = table
            hit = table.near(token)
            if hit is not None and (best is None or hit < best):
                best = hit
    return best[1] if best else None


def report_in_root(report_path: str, sources: Sources) -> str | None:
    """The report's path relative to the sources root (to leave it out of lookups)."""
    import os

    real = os.path.realpath(report_path)
    root = sources.root
    if real.startswith(root + os.sep):
        return os.path.relpath(real, root).replace(os.sep, "/")
    return None
