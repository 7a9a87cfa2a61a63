"""Per-document statistics: for `reportlint stats` and the GitHub job summary.

Computed in the process that linted the document (so `--jobs` does not need to
ship document models around) and kept on the FileResult as a plain dict.

- ``words``: prose words (the `word-count` definition); ``pages``: words / 550,
  the prompt's ≈2,200–2,700 words for 4–5 pages;
- ``tables``, ``diagrams`` (fenced ``mermaid`` blocks), ``headings``;
- ``tags``: source tags (parenthesised, Source-column cells, `Source:` lines);
  ``citations``: the citations in them; ``resolved``: citations that resolve
  to a file or folder inside the sources root;
- ``hard_claims``: claim units stating a number; ``sourced``: those covered by
  a tag; ``verified``: those whose every number was found in a cited file;
  ``sourced_share``/``verified_share``: fractions of ``hard_claims``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlint.document import Document
from reportlint.words import WordCounter, estimated_pages

if TYPE_CHECKING:
    from reportlint.rule import Context

FIELDS = ("words", "pages", "tables", "diagrams", "tags", "citations", "resolved",
          "hard_claims", "sourced", "verified", "sourced_share", "verified_share")


def document_stats(doc: Document, ctx: Context | None = None) -> dict[str, Any]:
    wc = WordCounter().document(doc)
    out: dict[str, Any] = {
        "words": wc.prose,
        "table_words": wc.table,
        "pages": estimated_pages(wc.prose),
        "headings": len(doc.headings),
        "tables": len(doc.tables),
        "diagrams": sum(1 for b in doc.code_blocks
                        if b.fenced and b.lang.casefold() == "mermaid"),
    }
    if ctx is not None:
        out.update(evidence_stats(doc, ctx))
    return out


def evidence_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    ev = ctx.evidence
    claims = ev.claims(doc)
    resolved = sum(1 for rc in ev.citations(doc) if rc.resolution.ok and not rc.document)
    hard = claims.hard
    sourced = sum(1 for c in hard if c.covered)
    verified = sum(1 for check in ev.checks(doc) if check.verified)
    return {
        "tags": len(claims.tags),
        "citations": len(claims.citations),
        "resolved": resolved,
        "hard_claims": len(hard),
        "sourced": sourced,
        "verified": verified,
        "sourced_share": round(sourced / len(hard), 3) if hard else 1.0,
        "verified_share": round(verified / len(hard), 3) if hard else 1.0,
    }
