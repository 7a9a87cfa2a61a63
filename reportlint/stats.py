"""Per-document statistics: for `reportlint stats` and the GitHub job summary.

Computed in the process that linted the document (so `--jobs` does not need to
ship document models around) and kept on the FileResult as a plain dict.
Evidence figures are added by the evidence layer when its rules ran.
"""

from __future__ import annotations

from typing import Any

from reportlint.document import Document
from reportlint.words import WordCounter, estimated_pages


def document_stats(doc: Document) -> dict[str, Any]:
    wc = WordCounter().document(doc)
    return {
        "words": wc.prose,
        "table_words": wc.table,
        "pages": estimated_pages(wc.prose),
        "headings": len(doc.headings),
        "tables": len(doc.tables),
        "diagrams": sum(1 for b in doc.code_blocks
                        if b.fenced and b.lang.casefold() == "mermaid"),
    }
