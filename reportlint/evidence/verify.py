"""The cross-check: is each number of a sourced claim really in what it cites?

For every hard number of a covered claim, across all the claim's citations:

1. look in the *cited scope* of each cited file: the matched ``§Section``s
   (their line spans), else the cited lines (``path:10-20``), else, for a
   citation with neither, the whole file;
2. failing that, look in the whole of each cited file;
3. failing that, the number is *missing*.

Numbers compare by exact magnitude after normalisation (see ``numbers``):
2,200 = 2200, 70% = 70 %, 1.0e-5 = 0.00001. External citations and cited
directories have nothing to check against; a claim whose citations are all
of that kind (or unresolved, or unreadable) is *unverifiable*, not wrong.

``checks_for`` computes this once per document and shares it between the
RL306 rule and ``reportlint stats``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.evidence.citations import Citation
from reportlint.evidence.claims import Claim
from reportlint.evidence.numbers import NumberToken
from reportlint.evidence.numbers import scan as scan_numbers
from reportlint.evidence.repo import Sources
from reportlint.evidence.resolve import Resolution, Status
from reportlint.evidence.sourceindex import Location
from reportlint.span import Span

if TYPE_CHECKING:
    from reportlint.document import Document
    from reportlint.rule import Context


@dataclass(frozen=True)
class Scope:
    """One cited file and the part of it the citation points at."""

    path: str  # relative to the sources root
    lines: tuple[tuple[int, int], ...]  # empty: the whole file
    span: Span  # where the number is expected: the section heading, or the file start


@dataclass(frozen=True)
class NumberCheck:
    token: NumberToken
    status: str  # "scope", "file" or "missing"
    found: tuple[Location, ...]
    expected: tuple[Scope, ...]


@dataclass(frozen=True)
class ClaimCheck:
    claim: Claim
    numbers: tuple[NumberCheck, ...]
    verifiable: bool  # some citation resolved to a readable file
    directories: tuple[str, ...] = ()  # cited folders: resolvable, nothing to verify

    @property
    def verified(self) -> bool:
        return self.verifiable and all(n.status != "missing" for n in self.numbers)


def report_path(ctx: Context) -> Path:
    """The report's absolute path, for resolving citations relative to its folder."""
    root = ctx.project_root
    return (root / ctx.path) if root is not None else Path(ctx.path)


def scopes(claim: Claim, sources: Sources, report: Path) -> tuple[list[Scope], list[str]]:
    """The readable cited scopes of a claim, and the cited directories."""
    out: list[Scope] = []
    dirs: list[str] = []
    for c in claim.citations:
        if c.external or not c.path:
            continue
        res = sources.resolve(c.path, report)
        if res.status is Status.DIRECTORY:
            dirs.append(res.path)
            continue
        if res.status is not Status.RESOLVED:
            continue
        index = sources.index(res.path)
        if index.skipped:
            continue
        start = Span.at(1, 1, 1, 1, res.path)
        if c.sections:
            for name in c.sections:
                for sec in index.find_section(name):
                    out.append(Scope(res.path, (sec.lines,), sec.span.with_path(res.path)))
            # an unknown section is RL305's finding; the file is still searched
            if not any(s.path == res.path for s in out):
                out.append(Scope(res.path, ((0, 0),), start))
        elif c.lines is not None:
            out.append(Scope(res.path, (c.lines,), Span.at(c.lines[0], 1, c.lines[0], 1,
                                                            res.path)))
        else:
            out.append(Scope(res.path, (), start))
    return out, dirs


def check_claim(claim: Claim, sources: Sources, report: Path) -> ClaimCheck:
    found_scopes, dirs = scopes(claim, sources, report)
    if not found_scopes:
        return ClaimCheck(claim, (), False, tuple(dirs))
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
        if hits:
            status, found = "scope", _ranked(token, hits)
        else:
            for path in dict.fromkeys(sc.path for sc in found_scopes):
                hits.extend(sources.index(path).find_number(token))
            if hits:
                status, found = "file", _ranked(token, hits)
        checks.append(NumberCheck(token, status, found, tuple(found_scopes)))
    return ClaimCheck(claim, tuple(checks), True, tuple(dirs))


def _ranked(token: NumberToken, hits: list[Location]) -> tuple[Location, ...]:
    """Occurrences in file order, those written with the token's unit first.

    Numbers match by magnitude, so ``5 hours`` also matches the ``5`` of a
    ``4.06/5``; a finding that says where the number is names the ``5 hours``.
    """
    found = sorted(set(hits))
    if not token.unit:
        return tuple(found)
    return tuple(sorted(found, key=lambda loc: not _has_unit(loc.text, token.unit)))


def _has_unit(text: str, unit: str) -> bool:
    return any(t.unit == unit for t in scan_numbers(text))


def checks_for(ctx: Context, doc: Document) -> list[ClaimCheck]:
    """Every covered hard claim of the document, checked once per document."""
    from reportlint.evidence import claims_for, settings_for, sources_for

    def compute() -> list[ClaimCheck]:
        settings = settings_for(ctx)
        claims = claims_for(ctx, doc, settings)
        sources = sources_for(ctx, settings)
        report = report_path(ctx)
        return [check_claim(c, sources, report) for c in claims.hard if c.covered]

    return ctx.memo("evidence.checks", compute)


def resolutions_for(ctx: Context, doc: Document) -> list[tuple[Citation, Resolution]]:
    """Every checkable citation of the document (a path, not external) and where it
    leads, computed once per document for the rules that report on citations."""
    from reportlint.evidence import claims_for, settings_for, sources_for

    def compute() -> list[tuple[Citation, Resolution]]:
        settings = settings_for(ctx)
        claims = claims_for(ctx, doc, settings)
        if not claims.tags:
            return []
        sources = sources_for(ctx, settings)
        report = report_path(ctx)
        return [(c, sources.resolve(c.path, report)) for c in claims.citations
                if c.path and not c.external]

    return ctx.memo("evidence.resolutions", compute)


def report_in_root(ctx: Context, sources: Sources) -> str | None:
    """The report's path relative to the sources root (to leave it out of lookups)."""
    report = report_path(ctx).resolve()
    try:
        return report.relative_to(Path(sources.root)).as_posix()
    except ValueError:
        return None
