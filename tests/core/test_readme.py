"""The README's rule table is the registry's: a drift fails the suite."""

from __future__ import annotations

import re

from reportlint.registry import build_registry
from tests.core.conftest import REPO


def test_readme_rule_table_matches_registry():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", text,
                      re.DOTALL)
    assert block, "README lacks the rules table markers"
    rows = [line.strip("|").split("|") for line in block.group(1).splitlines()[2:]]
    table = [tuple(c.strip() for c in row) for row in rows]
    expected = [(c.id, c.name, c.default_severity.value, c.summary)
                for c in build_registry().rules() if c.id.startswith("RL")]
    assert table == expected


def test_readme_names_both_make_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
