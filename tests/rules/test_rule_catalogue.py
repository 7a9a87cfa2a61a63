"""The rule catalogue: ids, names, modules, documentation and fixtures agree.

Ids are stable (tests and CI pipelines depend on them), so the design's
catalogue is repeated here word for word: a renamed or renumbered rule fails.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
from pathlib import Path

import pytest

from reportlint.registry import default_registry
from reportlint.rule import Rule

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"

# design.md, "Catalogue"
CATALOGUE = {
    "RL101": "required-headings",
    "RL102": "heading-levels",
    "RL110": "table-count",
    "RL111": "required-table",
    "RL112": "cell-values",  # issue 12: the catalogue extended, ids stable from here on
    "RL120": "mermaid-blocks",
    "RL121": "mermaid-content",
    "RL130": "list-items",
    "RL140": "required-content",  # issue 12
    "RL201": "word-count",
    "RL202": "section-length",
    "RL203": "paragraph-count",  # issue 12
    "RL210": "banned-phrases",
    "RL211": "placeholders",
    "RL301": "source-tag-syntax",
    "RL302": "unsourced-claim",
    "RL303": "cited-file-missing",
    "RL304": "cited-file-ambiguous",
    "RL305": "cited-section-missing",
    "RL306": "claim-not-in-source",
    "RL307": "metric-conflict",
    "RL308": "required-sources",
}
CONTRACT_RULES = [rid for rid in CATALOGUE if rid.startswith(("RL1", "RL2"))]
DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Options")

RULES = default_registry().rules()


def rule_id(cls: type[Rule]) -> str:
    return cls.id


def test_ids_and_names_are_unique() -> None:
    ids = [cls.id for cls in RULES]
    names = [cls.name for cls in RULES]
    assert len(ids) == len(set(ids)), ids
    assert len(names) == len(set(names)), names


def test_builtin_rules_match_the_design_catalogue() -> None:
    for cls in RULES:
        if cls.id.startswith("RL"):
            assert cls.id in CATALOGUE, f"{cls.id} {cls.name} is not in design.md's catalogue"
            assert cls.name == CATALOGUE[cls.id], f"{cls.id} is named {cls.name!r}"


@pytest.mark.parametrize("rid", CONTRACT_RULES)
def test_contract_rule_is_registered(rid: str) -> None:
    cls = default_registry().get(rid)
    assert (cls.id, cls.name) == (rid, CATALOGUE[rid])
    assert default_registry().get(CATALOGUE[rid]) is cls


def test_every_rule_module_is_listed() -> None:
    package = importlib.import_module("reportlint.rules")  # never a rule module itself
    on_disk = sorted(p.stem for p in (REPO / "rules").glob("rl*.py"))
    assert on_disk, "no rule modules found"
    assert sorted(package.MODULES) == on_disk
    assert len(set(package.MODULES)) == len(package.MODULES), "a module is listed twice"


@pytest.mark.parametrize("cls", [c for c in RULES if c.id.startswith("RL")], ids=rule_id)
def test_builtin_module_is_named_after_its_rule(cls: type[Rule]) -> None:
    expected = f"{cls.id.lower()}_{cls.name.replace('-', '_')}"
    assert cls.__module__ == f"reportlint.rules.{expected}"


@pytest.mark.parametrize("cls", RULES, ids=rule_id)
def test_docstring_has_the_documented_sections(cls: type[Rule]) -> None:
    doc = inspect.cleandoc(cls.__doc__ or "")
    lines = doc.splitlines()
    at = []
    for heading in DOC_SECTIONS:
        assert heading in lines, f"{cls.id}: docstring lacks a {heading!r} line"
        at.append(lines.index(heading))
    assert at == sorted(at), f"{cls.id}: sections out of order"
    for start, end in zip(at, [*at[1:], len(lines)]):
        body = "\n".join(lines[start + 1:end]).strip()
        assert body, f"{cls.id}: {lines[start]!r} is empty"


@pytest.mark.parametrize("cls", RULES, ids=rule_id)
def test_options_section_names_every_option(cls: type[Rule]) -> None:
    doc = inspect.cleandoc(cls.__doc__ or "")
    options = doc.split("## Options", 1)[1]
    for f in dataclasses.fields(cls.Options):
        key = f.name.replace("_", "-")
        assert re.search(rf"`{re.escape(key)}`", options), f"{cls.id}: option {key} undocumented"


@pytest.mark.parametrize("cls", RULES, ids=rule_id)
def test_rule_has_fixtures(cls: type[Rule]) -> None:
    folder = FIXTURES / cls.id
    assert folder.is_dir(), f"no fixtures for {cls.id}: add {folder.relative_to(REPO)}/"
    stems = [p.stem for p in folder.glob("*.md")]
    assert any(s.startswith("pass_") for s in stems), f"{cls.id}: no pass_ fixture"
    assert any(s.startswith("fail_") for s in stems), f"{cls.id}: no fail_ fixture"
    assert len(stems) >= 3, f"{cls.id}: at least a failing, a passing and an edge case"
