"""reportlint: a linter for Markdown engineering reports.

The public API for rule authors: ``Rule``, ``Finding``, ``Related``,
``Severity``, ``Span``, ``Position``, ``Document`` and its blocks,
``Context`` and ``opt``.
"""

from __future__ import annotations

from reportlint.document import (
    Block,
    BlockQuote,
    Cell,
    CodeBlock,
    Document,
    Heading,
    HtmlComment,
    ListItem,
    Paragraph,
    Prose,
    Row,
    Section,
    Table,
)
from reportlint.finding import Finding, Related, Severity
from reportlint.headings import (
    find_section,
    find_sections,
    normalize_heading,
    prose_blocks,
    split_level,
)
from reportlint.options import opt
from reportlint.rule import Context, Rule
from reportlint.span import Position, Span
from reportlint.words import WordCounter

__version__ = "0.1.0"

__all__ = [
    "Block", "BlockQuote", "Cell", "CodeBlock", "Context", "Document", "Finding", "Heading",
    "HtmlComment", "ListItem", "Paragraph", "Position", "Prose", "Related", "Row", "Rule",
    "Section", "Severity", "Span", "Table", "WordCounter", "__version__", "find_section",
    "find_sections", "normalize_heading", "opt", "prose_blocks", "split_level",
]
