"""Option classes: an author's mistake fails when the rule class is created; a user's
mistake (any exception while the options are built from the config) is a config
error naming file and line, with exit code 2 — tested through the installed command."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest

from reportlint import Rule, Severity, opt

DOC = "## What it does\nx\n## Why is this bad?\ny\n## Example\nz\n"


def _rule(options: Any, name: str = "Broken") -> type[Rule]:
    return type(name, (Rule,), {"__doc__": DOC, "id": "ACME101", "name": "acme",
                                "summary": "s", "default_severity": Severity.ERROR,
                                "Options": options, "__module__": "acme_rules"})


@dataclass(frozen=True)
class _Nested:
    name: str
    when: object  # not an option type


@pytest.mark.parametrize(("annotation", "default", "message"), [
    (set, frozenset(), "option 'field': set is not an option type"),
    (list[str], (), "option 'field': list[str]: use tuple[T, ...] (options are immutable)"),
    (tuple[str, int], ("a", 1), "option 'field': tuple[str, int]: use tuple[T, ...]"),
    (dict[int, str], None, "option 'field': dict[int, str]: mapping keys are strings"),
    (int | bytes, 1, "option 'field': bytes is not an option type"),
    (tuple[_Nested, ...], (), "option 'field': _Nested.when: object is not an option type"),
])
def test_unsupported_option_type_names_rule_and_field(annotation: Any, default: Any,
                                                      message: str) -> None:
    options = dataclass(frozen=True)(type("Options", (), {
        "__annotations__": {"field": annotation}, "field": default}))
    with pytest.raises(TypeError) as err:
        _rule(options)
    assert str(err.value).startswith(f"acme_rules.Broken: {message}")


def test_supported_option_types_are_accepted() -> None:
    @dataclass(frozen=True)
    class Options:
        a: bool = opt(True, "")
        b: int | None = opt(None, "")
        c: float = opt(0.5, "")
        d: tuple[str, ...] = opt((), "")
        e: Literal["x", "y"] = opt("x", "")
        f: dict[str, int] | None = opt(None, "")
        g: Any = opt(None, "")

    assert _rule(Options)().options == Options()


def test_options_must_be_a_frozen_dataclass_with_defaults() -> None:
    class Plain:
        pass

    with pytest.raises(TypeError, match=r"^acme_rules.Broken: Options must be a dataclass"):
        _rule(Plain)

    @dataclass
    class Mutable:
        word: str = opt("acme", "")

    with pytest.raises(TypeError, match=r"^acme_rules.Broken: Options must be frozen"):
        _rule(Mutable)

    @dataclass(frozen=True)
    class NoDefault:
        word: str

    with pytest.raises(TypeError, match=r"^acme_rules.Broken: option 'word' has no default"):
        _rule(NoDefault)

    @dataclass(frozen=True)
    class BadDefault:
        pattern: str = opt("(", "")

        def __post_init__(self) -> None:
            re.compile(self.pattern)

    with pytest.raises(TypeError, match=r"^acme_rules.Broken: Options\(\) with the defaults "
                                        r"fails: (error|PatternError): missing \)"):
        _rule(BadDefault)


LOCAL_RULE = '''
import re
from dataclasses import dataclass

from reportlint import Rule, Severity, opt


class Pattern(Rule):
    """
    ## What it does
    Flags a pattern.
    ## Why is this bad?
    It is.
    ## Example
    `x`
    """

    id = "ACME201"
    name = "acme-pattern"
    summary = "No pattern."
    default_severity = Severity.ERROR

    @dataclass(frozen=True)
    class Options:
        pattern: str = opt("acme", "A regular expression.")
        table: str = opt("a", "A lookup key.")

        def __post_init__(self) -> None:
            re.compile(self.pattern)  # re.error for a bad pattern, left to the config loader
            {"a": 1, "b": 2}[self.table]  # KeyError for an unknown key

    def check(self, doc, ctx):
        return ()
'''


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}


@pytest.mark.parametrize(("options", "message"), [
    ("    pattern: '(unclosed'\n",
     "rules.acme-pattern: invalid regular expression: missing ), unterminated subpattern "
     "at position 0"),
    ("    table: z\n", "rules.acme-pattern: KeyError: 'z'"),
])
def test_any_exception_from_a_local_rules_options_is_a_config_error(
        run_cli: Any, project: Path, options: str, message: str) -> None:
    (project / "lint").mkdir()
    (project / "lint" / "acme.py").write_text(LOCAL_RULE)
    (project / ".reportlint.yml").write_text(
        "rules_dirs: [lint]\nrules:\n  acme-pattern:\n" + options)
    (project / "r.md").write_text("x\n")
    r = run_cli("check", "r.md", "--allow-local-rules", cwd=project, env=_env())
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == f".reportlint.yml:3: {message}\n"


def test_a_bad_pattern_for_a_builtin_rule_is_a_config_error(run_cli: Any,
                                                           project: Path) -> None:
    (project / ".reportlint.yml").write_text(
        "rules:\n  banned-phrases:\n    patterns: ['ok', 'bad[']\n")
    (project / "r.md").write_text("x\n")
    r = run_cli("check", "r.md", cwd=project, env=_env())
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (".reportlint.yml:2: rules.banned-phrases: patterns: invalid regular "
                        "expression 'bad[': unterminated character set at position 3\n")
