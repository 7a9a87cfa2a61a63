"""reportlint: a linter for Markdown engineering reports.

This module is the public API for rule authors: everything a rule needs is
importable from here, and the built-in rules use nothing else (an
import-linter contract checks it). What a rule uses:

- ``Rule`` (the base class), ``Context`` (what the rule knows besides the
  document), ``Finding``, ``Related`` (a secondary location;
  ``Related.in_file(path, message)`` for one in a cited file), ``Severity``
  and ``opt`` (an option field with its documentation);
- the document model: ``Document`` and its ``Section``, ``Heading``,
  ``Paragraph``, ``ListItem``, ``Table`` (``Row``, ``Cell``), ``CodeBlock``,
  ``BlockQuote``, ``HtmlComment``, ``FrontMatter``, their ``Prose`` text
  and ``Span``/``Position``;
- helpers over the model: ``find_section``, ``find_sections``,
  ``normalize_heading``, ``split_level``, ``prose_blocks``, ``WordCounter``,
  ``length_message``, ``normalize_text`` (a file's text as the model sees
  it), and ``assign_names``, ``match_name``, ``name_words`` (matching names
  as users write them);
- the evidence layer, through ``ctx.evidence`` (an ``Evidence``): the
  document's ``Claims`` (``Claim``, ``Cover``, ``Tag``, ``Citation``,
  ``NumberToken``), each citation with its resolution (``ResolvedCitation``,
  ``Resolution``, ``Status``), the cross-checks (``ClaimCheck``,
  ``NumberCheck``, ``Scope``) and the sources root (``SourceIndex``,
  ``Location``, ``Search``, ``Suggestion``), ``scan_numbers`` and
  ``split_sentences`` (the claims' readers); these names load on first use;
- ``check_regex``: why a regex option from a configuration is refused (invalid,
  or a nested quantifier such as ``(a+)+`` that backtracks without end), for an
  ``Options.__post_init__`` to raise as ``ValueError``.

Testing a rule: ``reportlint.testing.lint_string``.
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
    FrontMatter,
    Heading,
    HtmlComment,
    ListItem,
    Paragraph,
    Prose,
    Row,
    Section,
    Table,
)
from reportlint.document import normalize as normalize_text
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
from reportlint.regexcheck import check_regex
from reportlint.rule import Context, Rule
from reportlint.span import Position, Span
from reportlint.words import WordCount, WordCounter, length_message

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
    "split_sentences": "reportlint.evidence.sentences",
}


def __getattr__(name: str) -> object:
    module = _EVIDENCE.get(name)
    if module is None:
        raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
    import importlib

    attr = {"scan_numbers": "scan", "split_sentences": "split"}.get(name, name)
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from reportlint.evidence.citations import Citation, TagProblem
    from reportlint.evidence.claims import Claim, Claims, Cover
    from reportlint.evidence.numbers import NumberToken
    from reportlint.evidence.numbers import scan as scan_numbers
    from reportlint.evidence.resolve import Resolution, Status
    from reportlint.evidence.sentences import split as split_sentences
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
    "FrontMatter",
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
    "WordCount",
    "WordCounter",
    "__version__",
    "assign_names",
    "check_regex",
    "find_section",
    "find_sections",
    "length_message",
    "match_name",
    "name_words",
    "normalize_heading",
    "normalize_text",
    "opt",
    "prose_blocks",
    "scan_numbers",
    "split_level",
    "split_sentences",
]
