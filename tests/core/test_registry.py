"""Registry: built-ins through the entry point, local rule folders, clear errors."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from reportlint.registry import Registry, RegistryError, build_registry
from reportlint.rule import Rule
from tests.core.test_cli import LOCAL_RULE


def test_builtins_arrive_through_the_entry_point():
    eps = [ep for ep in entry_points(group="reportlint.rules") if ep.name == "builtin"]
    assert [ep.value for ep in eps] == ["reportlint.rules:get_rules"]
    reg = build_registry()
    assert reg.origin("RL101") == "builtin"
    assert reg.get("required-headings").id == "RL101"
    assert reg.get("rl101") is reg.get("RL101")


def test_loads_a_rule_class_from_a_plain_directory(tmp_path: Path):
    (tmp_path / "acme.py").write_text(LOCAL_RULE)
    (tmp_path / "_private.py").write_text("raise SystemExit('must not be imported')\n")
    reg = build_registry([tmp_path])
    cls = reg.get("no-acme")
    assert cls.id == "ACME101" and reg.origin("ACME101") == str(tmp_path / "acme.py")
    run_findings = [f for f in _lint_with(reg, "acme\n")]
    assert [(f.rule_id, f.line, f.column) for f in run_findings] == [("ACME101", 1, 1)]


def _lint_with(reg: Registry, text: str):
    from reportlint import testing

    run = testing.make_run({"ACME101": None}, registry=reg)
    from reportlint.engine import lint_text

    return lint_text(run, text, "r.md").findings


def test_syntax_error_in_rules_dir_names_file_and_line(tmp_path: Path):
    (tmp_path / "broken.py").write_text("x = 1\ndef oops(:\n")
    with pytest.raises(RegistryError) as info:
        build_registry([tmp_path])
    assert str(info.value) == f"{tmp_path / 'broken.py'}:2: syntax error: invalid syntax"


def test_import_error_in_rules_dir(tmp_path: Path):
    (tmp_path / "boom.py").write_text("raise RuntimeError('no')\n")
    with pytest.raises(RegistryError) as info:
        build_registry([tmp_path])
    assert str(info.value) == f"{tmp_path / 'boom.py'}: error while importing: RuntimeError: no"


def test_plugins_cannot_use_the_rl_prefix(tmp_path: Path):
    (tmp_path / "bad.py").write_text(LOCAL_RULE.replace("ACME101", "RL555"))
    with pytest.raises(RegistryError, match="reserved RL prefix"):
        build_registry([tmp_path])


def test_duplicate_names_are_refused(tmp_path: Path):
    (tmp_path / "dup.py").write_text(LOCAL_RULE.replace('"no-acme"', '"word-count"'))
    with pytest.raises(RegistryError, match="rule 'word-count' defined twice"):
        build_registry([tmp_path])


def test_rule_class_validation_at_definition():
    with pytest.raises(TypeError, match="id 'RL1' must look like RL101"):
        type("Bad", (Rule,), {"id": "RL1", "name": "bad", "summary": "s",
                              "__doc__": "## What it does\n## Why is this bad?\n## Example"})
    with pytest.raises(TypeError, match="docstring lacks ## Example"):
        type("Bad2", (Rule,), {"id": "XX101", "name": "bad", "summary": "s",
                               "__doc__": "## What it does\n## Why is this bad?"})


def test_a_crashing_rule_becomes_a_notice_and_others_run(tmp_path: Path):
    (tmp_path / "crash.py").write_text(LOCAL_RULE.replace(
        "for p in doc.paragraphs:", "raise ValueError('kaboom')\n        for p in []:"))
    reg = build_registry([tmp_path])
    from reportlint import testing
    from reportlint.engine import lint_text

    run = testing.make_run({"ACME101": None, "RL210": None}, registry=reg)
    findings = lint_text(run, "world-class\n", "r.md").findings
    assert [(f.rule_id, f.message) for f in findings] == [
        ("RL210", 'banned phrase "world-class"'),
        ("RL903", "rule ACME101 no-acme crashed on r.md: ValueError: kaboom")]
