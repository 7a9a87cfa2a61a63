"""reportlint: a linter for Markdown engineering reports.

The public API for rule authors: ``Rule``, ``Finding``, ``Related``,
``Severity``, ``Span``, ``Position``, ``Document`` and its blocks,
``Context`` and ``opt``.

The names are imported on first use (PEP 562), so that the command line can
set up the cache before the modules that compile patterns are loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "reportlint.document": ("Block", "BlockQuote", "Cell", "CodeBlock", "Document", "Heading",
                            "HtmlComment", "ListItem", "Paragraph", "Prose", "Row", "Section",
                            "Table"),
    "reportlint.finding": ("Finding", "Related", "Severity"),
    "reportlint.headings": ("find_section", "find_sections", "normalize_heading",
                            "prose_blocks", "split_level"),
    "reportlint.options": ("opt",),
    "reportlint.rule": ("Context", "Rule"),
    "reportlint.span": ("Position", "Span"),
    "reportlint.words": ("WordCounter",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "Block", "BlockQuote", "Cell", "CodeBlock", "Context", "Document", "Finding", "Heading",
    "HtmlComment", "ListItem", "Paragraph", "Position", "Prose", "Related", "Row", "Rule",
    "Section", "Severity", "Span", "Table", "WordCounter", "__version__", "find_section",
    "find_sections", "normalize_heading", "opt", "prose_blocks", "split_level",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
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
