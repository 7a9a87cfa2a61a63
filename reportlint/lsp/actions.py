"""The suppression code action: where a comment silences one finding, and which.

A comment must silence the finding without changing what the rules read: a
comment line put inside a paragraph splits it (and the sentence the claim is
in), one put between list items or table rows breaks the list or the table,
and a comment inside a fenced block is part of the code. So:

- a finding about the whole document: ``<!-- reportlint-disable-file RULE -->``
  at the top (after the front matter, which must stay first);
- a finding on a line that starts a block (the first line, a line after a blank
  one, a heading): ``<!-- reportlint-disable-next-line RULE -->`` on its own
  line above it, indented like it;
- a finding on a list item or a table row, or on a paragraph's later line: the
  same-line form ``<!-- reportlint-disable-line RULE -->`` at the end of the
  line (in a table row, inside its last cell);
- a finding inside a fenced block: ``disable`` before the fence, ``enable``
  after it.

Edits are ``(line, column, text)`` insertions, 0-based line, column in code
points; the server converts them to the client's units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlint.document import Document

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")


@dataclass(frozen=True)
class Insert:
    line: int  # 0-based
    column: int  # 0-based, in code points
    text: str


@dataclass(frozen=True)
class Suppression:
    title: str
    edits: tuple[Insert, ...]


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip(" \t"))]


def suppression(doc: Document, rule_id: str, line: int, column: int,
                whole_document: bool) -> Suppression:
    """How to silence ``rule_id``'s finding at 1-based ``line``:``column``."""
    lines = doc.lines
    if whole_document:
        top = doc.front_matter.span.end.line if doc.front_matter is not None else 0
        return Suppression(f"Disable {rule_id} for this file",
                           (Insert(top, 0, f"<!-- reportlint-disable-file {rule_id} -->\n"),))
    for block in doc.code_blocks:
        first, last = block.span.start.line, block.span.end.line
        if block.fenced and first < line <= last:
            indent = _indent(lines[first - 1])
            after = (Insert(last, 0, f"{indent}<!-- reportlint-enable {rule_id} -->\n")
                     if last < len(lines)
                     else Insert(last - 1, len(lines[last - 1]),
                                 f"\n{indent}<!-- reportlint-enable {rule_id} -->"))
            return Suppression(f"Disable {rule_id} in this code block", (
                Insert(first - 1, 0, f"{indent}<!-- reportlint-disable {rule_id} -->\n"),
                after))
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    starts_block = (line == 1 or not lines[line - 2].strip() or bool(_HEADING.match(text)))
    in_list_or_table = bool(_LIST_ITEM.match(text)) or text.lstrip().startswith("|")
    if starts_block and not in_list_or_table:
        return Suppression(f"Disable {rule_id} for this line", (Insert(
            line - 1, 0, f"{_indent(text)}<!-- reportlint-disable-next-line {rule_id} -->\n"),))
    comment = f"<!-- reportlint-disable-line {rule_id} -->"
    stripped = text.rstrip()
    if stripped.endswith("|") and not stripped.endswith("\\|") and stripped.lstrip() != "|":
        # inside the last cell: text after the closing pipe would be a cell of its own
        return Suppression(f"Disable {rule_id} for this line",
                           (Insert(line - 1, len(stripped) - 1, f"{comment} "),))
    return Suppression(f"Disable {rule_id} for this line",
                       (Insert(line - 1, len(stripped), f" {comment}"),))


def apply(text_lines: Sequence[str], edits: Sequence[Insert]) -> str:
    """``text_lines`` (without line ends) with ``edits`` made: for tests and previews."""
    lines = list(text_lines)
    for e in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        if e.line >= len(lines):
            lines.append("")
        cur = lines[e.line]
        lines[e.line] = cur[:e.column] + e.text + cur[e.column:]
    return "\n".join(lines)
