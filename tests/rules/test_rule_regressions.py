"""Regression tests for bugs found in the contract rules and the document model.

Each test states the correct behaviour that was once broken, with the input
that showed it.
"""

from __future__ import annotations

from typing import Any

import pytest

from reportlint.document import Document
from reportlint.testing import lint_string, render_findings


def lint(text: str, rule: str, options: dict[str, Any] | None = None) -> str:
    return render_findings(lint_string(text, {rule: options or {}}))


def spans(text: str, rule: str, options: dict[str, Any] | None = None) -> list[str]:
    return [f"{f.span.start}-{f.span.end}" for f in lint_string(text, {rule: options or {}})]


# ------------------------------------------------------------------ RL102 heading-levels


def test_rl102_title_forbidden_with_default_levels() -> None:
    assert spans("# Load test\n\n## Summary\n", "RL102", {"title": "forbidden"}) == ["1:1-1:12"]


@pytest.mark.parametrize(("text", "expected"), [
    ("# Load test\n\n## Summary\n\n# Appendix\n",
     '5:1-5:11 RL102 error second "#" title "Appendix": only one level-1 heading is '
     "allowed\n"),
    ("## Summary\n\n# Load test\n",
     '3:1-3:12 RL102 error "#" title "Load test" must be the first heading\n'),
], ids=["second-title", "title-not-first"])
def test_rl102_title_rules_apply_with_default_levels(text: str, expected: str) -> None:
    assert lint(text, "RL102") == expected


# ------------------------------------------------------------------ RL101 required-headings


@pytest.mark.parametrize("wildcard", ["+", "?"])
def test_rl101_trailing_wildcard_gap_location(wildcard: str) -> None:
    text = "## Summary\n\n## Next steps\n"
    found = spans(text, "RL101", {"headings": ["## Summary", "## Next steps", wildcard]})
    assert found == ["3:1-3:14"]


def test_rl101_docstring_example_reports_a_rename() -> None:
    out = lint("## Summary\n## Results so far\n", "RL101",
               {"headings": ["## Summary", "## Results", "## Next steps"]})
    assert 'heading "Results so far" does not match the required "## Results"' in out


# ------------------------------------------------------------------ RL121 mermaid-content

LEADERBOARD_NOT_A_NODE = [
    "```mermaid\nflowchart LR\n  %% Leaderboard comes in M34\n"
    "  FE[Frontend] --> API[API Routers]\n```\n",
    "```mermaid\nflowchart LR\n  FE[Frontend] -->|Leaderboard| API[API Routers]\n```\n",
    "```mermaid\nflowchart LR\n  FE[Frontend] -- Leaderboard --> API[API Routers]\n```\n",
]


@pytest.mark.parametrize("text", LEADERBOARD_NOT_A_NODE,
                         ids=["comment", "pipe-edge-label", "inline-edge-label"])
def test_rl121_comments_and_edge_labels_are_not_nodes(text: str) -> None:
    assert lint(text, "RL121", {"nodes": ["Leaderboard"]}) == (
        '1:1-1:11 RL121 error diagram does not name "Leaderboard"\n')


# ------------------------------------------------------------------ RL211 placeholders


def test_rl211_insert_tag_is_reported() -> None:
    assert lint("Latency dropped by <insert number> ms.\n", "RL211") == (
        '1:20-1:35 RL211 error placeholder "<insert number>" left in the text\n')


@pytest.mark.parametrize(("text", "expected"), [
    ("Coverage is 81% (source: TBD).\n",
     '1:17-1:30 RL211 error placeholder "(source: TBD)" left in the text\n'),
    ("Coverage is 81% (Source: ???).\n",
     '1:17-1:30 RL211 error placeholder "(Source: ???)" left in the text\n'),
], ids=["tbd", "question-marks"])
def test_rl211_one_placeholder_one_finding(text: str, expected: str) -> None:
    assert lint(text, "RL211") == expected


# ------------------------------------------------------------------ RL210 banned-phrases


def test_rl210_message_is_one_line() -> None:
    findings = lint_string("A cutting\nedge tool.\n", {"RL210": {}})
    assert [f"{f.span.start}-{f.span.end}" for f in findings] == ["1:3-2:5"]
    assert all("\n" not in f.message for f in findings), findings[0].message


# ------------------------------------------------------------------ document model

TABLE_AFTER_PARAGRAPH = (
    "**Guardrail Matrix**\n"
    "| Guardrail | Source |\n"
    "|---|---|\n"
    "| Lint | M31_audit.md |\n"
)

# marko 2.2.4 reads a table right after a paragraph line as paragraph text; GitHub
# (cmark-gfm) renders a paragraph and a table.
def test_document_table_may_follow_a_paragraph_line() -> None:
    doc = Document(TABLE_AFTER_PARAGRAPH)
    assert len(doc.tables) == 1
    assert doc.tables[0].columns == ("Guardrail", "Source")
    assert str(doc.tables[0].span) == "2:1-4:24"


@pytest.mark.parametrize(("rule", "options"), [
    ("RL110", {"min": 1}),
    ("RL111", {"tables": [{"name": "Guardrail Matrix", "columns": ["Guardrail", "Source"]}]}),
    ("RL201", {"max": 2}),
])
def test_rules_see_a_table_that_follows_a_paragraph_line(rule: str,
                                                         options: dict[str, Any]) -> None:
    assert lint(TABLE_AFTER_PARAGRAPH, rule, options) == ""
