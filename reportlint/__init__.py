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
- ``check_regex``: why a regex option from a configuration is refused (invalid,
  or a nested quantifier such as ``(a+)+`` that backtracks without end), for an
  ``Options.__post_init__`` to raise as ``ValueError``.

Testing a rule: ``reportlint.testing.lint_string``.
"""

from __future__ import annotations

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

__all__ = [
    "Block", "BlockQuote", "Cell", "CodeBlock", "Context", "Document", "Finding", "FrontMatter",
    "Heading", "HtmlComment", "ListItem", "Paragraph", "Position", "Prose", "Related", "Row",
    "Rule", "Section", "Severity", "Span", "Table", "WordCount", "WordCounter", "__version__",
    "assign_names", "check_regex", "find_section", "find_sections", "length_message", "match_name",
    "name_words", "normalize_heading", "normalize_text", "opt", "prose_blocks", "split_level",
]
