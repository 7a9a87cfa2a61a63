"""Small helpers for the evidence tests (a module name unique across tests/)."""

from __future__ import annotations

from reportlint.document import Document, Prose
from reportlint.span import Span


def prose(text: str) -> Prose:
    """The prose of the first block of ``text``."""
    block = Document(text).blocks[0]
    return block.prose  # type: ignore[attr-defined]


def at(line: int, col: int, end_col: int, path: str = "") -> Span:
    """A one-line span ``line:col-line:end_col``."""
    return Span.at(line, col, line, end_col, path)
