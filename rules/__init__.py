"""reportlint's built-in rules, one module per rule class.

Shipped as ``reportlint.rules`` and loaded only through the
``reportlint.rules`` entry point (``get_rules``), exactly like a plugin.
A test checks that every ``rl*.py`` module here is listed.
"""

from __future__ import annotations

import importlib

MODULES = (
    "rl101_required_headings",
    "rl102_heading_levels",
    "rl110_table_count",
    "rl111_required_table",
    "rl112_cell_values",
    "rl120_mermaid_blocks",
    "rl121_mermaid_content",
    "rl130_list_items",
    "rl140_required_content",
    "rl201_word_count",
    "rl202_section_length",
    "rl203_paragraph_count",
    "rl210_banned_phrases",
    "rl211_placeholders",
    "rl301_source_tag_syntax",
    "rl302_unsourced_claim",
    "rl303_cited_file_missing",
    "rl304_cited_file_ambiguous",
    "rl305_cited_section_missing",
    "rl306_claim_not_in_source",
    "rl307_metric_conflict",
    "rl308_required_sources",
)


def get_rules() -> list[type]:
    """Every built-in rule class, imported on demand."""
    out: list[type] = []
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        out.extend(getattr(module, "RULES", ()))
    return out
