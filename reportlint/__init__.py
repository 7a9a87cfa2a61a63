"""reportlint: a linter for Markdown engineering reports.

This module is the public API for rule authors: everything a rule needs is
importable from here, and the built-in rules use nothing else.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
from reportlint.names import assign_names, match_name, name_words
from reportlint.options import opt
from reportlint.rule import Context, Rule
from reportlint.span import Position, Span
from reportlint.words import WordCounter

__all__ = [
    "Block", "BlockQuote", "Cell", "CodeBlock", "Context", "Document", "Finding", "Heading",
    "HtmlComment", "ListItem", "Paragraph", "Position", "Prose", "Related", "Row", "Rule",
    "Section", "Severity", "Span", "Table", "WordCounter", "__version__", "assign_names",
    "find_section", "find_sections", "match_name", "name_words", "normalize_heading", "opt",
    "prose_blocks", "split_level",
]
