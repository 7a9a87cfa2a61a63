"""Hover on a source tag: what each citation resolved to, and whether the numbers were found.

``describe_tag`` is the one function that reads the evidence layer: it uses
the API of ``reportlint.evidence`` (``claims_for``, ``sources_for``,
``verify.checks_for``), so that when the rule Context gains a typed evidence
facade, this is the only place to re-point. Everything it reads lies under the
sources root (the evidence layer refuses anything else).
"""

from __future__ import annotations

from reportlint.document import Document
from reportlint.evidence import Citation, Status, Tag, claims_for, settings_for, sources_for
from reportlint.evidence.verify import checks_for, report_path
from reportlint.rule import Context
from reportlint.span import Position, Span

_STATUS = {"scope": "found in the cited part", "file": "found in the cited file, "
           "outside the cited part", "missing": "**not found** in the cited files"}


def _contains(span: Span, at: Position) -> bool:
    return span.start <= at < span.end or span.start == at


def _citation(c: Citation, ctx: Context) -> str:
    if c.external or not c.path:
        return f"- {c.qualifier or 'an external source'}: nothing to check against"
    sources = sources_for(ctx, settings_for(ctx))
    res = sources.resolve(c.path, report_path(ctx))
    where = f"`{c.path}`"
    if res.status is Status.RESOLVED:
        parts = [f"{where} → `{res.path}`"]
        index = sources.index(res.path)
        for name in c.sections:
            found = index.find_section(name)
            parts.append(", ".join(f"§{s.name} (lines {s.line}–{s.end_line})" for s in found)
                         if found else f"§{name} **not found**")
        if c.lines is not None:
            parts.append(f"lines {c.lines[0]}–{c.lines[1]}")
        return "- " + ", ".join(parts)
    if res.status is Status.DIRECTORY:
        return f"- {where} → the folder `{res.path}/` (nothing to check numbers against)"
    if res.status is Status.AMBIGUOUS:
        return f"- {where}: **ambiguous**, matches " + ", ".join(
            f"`{p}`" for p in res.candidates)
    if res.status is Status.OUTSIDE:
        return f"- {where}: **outside the sources root**, not read"
    return f"- {where}: **no such file** under the sources root"


def describe_tag(doc: Document, ctx: Context, at: Position) -> tuple[Span, str] | None:
    """The span of the source tag at ``at`` and a Markdown description of it, or None."""
    claims = claims_for(ctx, doc, settings_for(ctx))
    tag: Tag | None = next((t for t in claims.tags if _contains(t.span, at)), None)
    if tag is None:
        return None
    lines = ["**reportlint: source tag**", ""]
    lines += [_citation(c, ctx) for c in tag.citations] or ["- no citation in this tag"]
    numbers = []
    for check in checks_for(ctx, doc):
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
