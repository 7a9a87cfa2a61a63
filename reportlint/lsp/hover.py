"""Hover on a source tag: what each citation resolved to, and whether the numbers were found.

``describe_tag`` is the one function that reads the evidence layer, through
the rule Context's typed facade (``ctx.evidence``), so it describes exactly
what the rules read. Everything it reads lies under the sources root (the
evidence layer refuses anything else).
"""

from __future__ import annotations

from reportlint.document import Document
from reportlint.evidence import Citation, Status, Tag
from reportlint.evidence.state import ResolvedCitation
from reportlint.rule import Context
from reportlint.span import Position, Span

_STATUS = {"scope": "found in the cited part", "file": "found in the cited file, "
           "outside the cited part", "rounded": "found in the cited part, rounded",
           "missing": "**not found** in the cited files"}


def _contains(span: Span, at: Position) -> bool:
    return span.start <= at < span.end or span.start == at


def _citation(c: Citation, rc: ResolvedCitation | None, ctx: Context) -> str:
    if rc is None or c.external or not c.path or rc.document:
        return f"- {c.qualifier or c.text or 'an external source'}: nothing to check against"
    res = rc.resolution
    where = f"`{c.path}`"
    if res.status is Status.RESOLVED:
        parts = [f"{where} → `{res.path}`"]
        index = ctx.evidence.index(res.path)
        for name in c.sections:
            found = index.find_section(name)
            parts.append(", ".join(f"§{s.name} (lines {s.line}–{s.end_line})" for s in found)
                         if found else f"§{name} **not found**")
        parts += [f"lines {a}–{b}" for a, b in c.ranges]
        return "- " + ", ".join(parts)
    if res.status is Status.DIRECTORY:
        return f"- {where} → the folder `{res.path}/` (nothing to check numbers against)"
    if res.status is Status.AMBIGUOUS:
        return f"- {where}: **ambiguous**, matches " + ", ".join(
            f"`{p}`" for p in res.candidates)
    if res.status is Status.OUTSIDE:
        return f"- {where}: **outside the sources root**, not read"
    if res.status in (Status.IGNORED, Status.UNREADABLE):
        return f"- {where}: **not read**: {res.reason}"
    if res.status is Status.GLOB:
        return f"- {where} → {len(res.candidates)} files"
    return f"- {where}: **no such file** under the sources root"


def describe_tag(doc: Document, ctx: Context, at: Position) -> tuple[Span, str] | None:
    """The span of the source tag at ``at`` and a Markdown description of it, or None."""
    ev = ctx.evidence
    claims = ev.claims(doc)
    tag: Tag | None = next((t for t in claims.tags if _contains(t.span, at)), None)
    if tag is None:
        return None
    lines = ["**reportlint: source tag**", ""]
    resolved = {id(rc.citation): rc for rc in ev.citations(doc)}
    lines += [_citation(c, resolved.get(id(c)), ctx) for c in tag.citations] or [
        "- no citation in this tag"]
    numbers = []
    for check in ev.checks(doc):
        if not any(cover.tag == tag for cover in check.claim.covers):
            continue
        if not check.verifiable:
            numbers.append("- nothing to verify against (no readable cited file)")
            continue
        for n in check.numbers:
            found = ""
            if n.found:
                loc = n.found[0]
                found = f" (`{loc.path}:{loc.line}`)"
            numbers.append(f"- {n.token.text}: {_STATUS[n.status]}{found}")
    if numbers:
        lines += ["", "Numbers of the claims it covers:", *numbers]
    return tag.span, "\n".join(lines)
