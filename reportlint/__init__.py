"""reportlint: a linter for Markdown engineering reports.

This module is the public API for rule authors: everything a rule needs is
importable from here, and the built-in rules use nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

#: The evidence layer's public types, imported on first use (a run that lints no
#: evidence does not pay for them). Rules reach the data through ``ctx.evidence``.
_EVIDENCE = {
    "Evidence": "reportlint.evidence.state", "ResolvedCitation": "reportlint.evidence.state",
    "Claim": "reportlint.evidence.claims", "Claims": "reportlint.evidence.claims",
    "Cover": "reportlint.evidence.claims", "Citation": "reportlint.evidence.citations",
    "Tag": "reportlint.evidence.tags", "TagProblem": "reportlint.evidence.citations",
    "Status": "reportlint.evidence.resolve", "Resolution": "reportlint.evidence.resolve",
    "ClaimCheck": "reportlint.evidence.verify", "NumberCheck": "reportlint.evidence.verify",
    "Scope": "reportlint.evidence.verify", "SourceIndex": "reportlint.evidence.sources",
    "Location": "reportlint.evidence.sources", "Search": "reportlint.evidence.sources",
    "Suggestion": "reportlint.evidence.sources", "NumberToken": "reportlint.evidence.numbers",
    "EvidenceSettings": "reportlint.evidence.settings",
    "scan_numbers": "reportlint.evidence.numbers",
}


def __getattr__(name: str) -> object:
    module = _EVIDENCE.get(name)
    if module is None:
        raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
    import importlib

    attr = "scan" if name == "scan_numbers" else name
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from reportlint.evidence.citations import Citation, TagProblem
    from reportlint.evidence.claims import Claim, Claims, Cover
    from reportlint.evidence.numbers import NumberToken
    from reportlint.evidence.numbers import scan as scan_numbers
    from reportlint.evidence.resolve import Resolution, Status
    from reportlint.evidence.settings import EvidenceSettings
    from reportlint.evidence.sources import Location, Search, SourceIndex, Suggestion
    from reportlint.evidence.state import Evidence, ResolvedCitation
    from reportlint.evidence.tags import Tag
    from reportlint.evidence.verify import ClaimCheck, NumberCheck, Scope

__all__ = [
    "Block",
    "BlockQuote",
    "Cell",
    "Citation",
    "Claim",
    "ClaimCheck",
    "Claims",
    "CodeBlock",
    "Context",
    "Cover",
    "Document",
    "Evidence",
    "EvidenceSettings",
    "Finding",
    "Heading",
    "HtmlComment",
    "ListItem",
    "Location",
    "NumberCheck",
    "NumberToken",
    "Paragraph",
    "Position",
    "Prose",
    "Related",
    "Resolution",
    "ResolvedCitation",
    "Row",
    "Rule",
    "Scope",
    "Search",
    "Section",
    "Severity",
    "SourceIndex",
    "Span",
    "Status",
    "Suggestion",
    "Table",
    "Tag",
    "TagProblem",
    "WordCounter",
    "__version__",
    "assign_names",
    "find_section",
    "find_sections",
    "match_name",
    "name_words",
    "normalize_heading",
    "opt",
    "prose_blocks",
    "scan_numbers",
    "split_level",
]
