"""Configuration mistakes: one clear line with file:line, exit code 2 (word for word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.config import ConfigError, load_config
from reportlint.finding import Severity


@pytest.fixture(autouse=True)
def _in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # messages name files relative to the working directory, as users see them
    monkeypatch.chdir(project)


def _err(project: Path, text: str, name: str = ".reportlint.yml") -> str:
    (project / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=project)
    return str(info.value)


CASES = [
    ("extends: executive-summary\nrules:\n  word-count:\n    min: many\n",
     ".reportlint.yml:4: rules.word-count.min: expected an integer, got 'many'"),
    ("rules:\n  word-cont: {min: 1}\n",
     ".reportlint.yml:2: rules: no such rule 'word-cont' (did you mean 'word-count'?)"),
    ("rules:\n  word-count: {mni: 1}\n",
     ".reportlint.yml:2: rules.word-count: unknown option 'mni' (did you mean 'min'?); "
     "known options: exclude, include-tables, max, min"),
    # the profile configures placeholders too: the error still names the user's file
    ("extends: executive-summary\nrules:\n  placeholders:\n    severity: warning\n"
     "    colour: red\n",
     ".reportlint.yml:5: rules.placeholders: unknown option 'colour'; known options: allow, "
     "patterns"),
    ("rules:\n  word-count:\n    severity: loud\n",
     ".reportlint.yml:3: rules.word-count.severity: expected one of error, warning, note, off, "
     "got 'loud'"),
    ("rules:\n  word-count: off\n  RL201: {min: 3}\n",
     ".reportlint.yml:3: rules: 'RL201' and 'word-count' both configure RL201"),
    ("extnds: x\n",
     ".reportlint.yml:1: unknown key 'extnds' (did you mean 'extends'?); known keys: extends, "
     "documents, sources, rules, rules_dirs, evidence, limits, overrides"),
    ("extends: executive-summry\n",
     ".reportlint.yml:1: extends: no built-in profile 'executive-summry' "
     "(did you mean 'executive-summary'?)"),
    ("extends: other.yml\n", ".reportlint.yml:1: extends: file not found: other.yml"),
    ("rules: [a\n",
     ".reportlint.yml:2: invalid YAML, column 1: did not find expected ',' or ']'"),
    ("rules:\n  required-headings:\n    headings: [No]\n",
     ".reportlint.yml:3: rules.required-headings.headings[0]: expected a string, got False"),
    ("rules:\n  required-table:\n    tables:\n      - name: x\n        columns: [a, 3]\n",
     ".reportlint.yml:5: rules.required-table.tables[0].columns[1]: expected a string, got 3"),
    ("rules:\n  required-headings:\n    rename-cutoff: 3\n",
     ".reportlint.yml:2: rules.required-headings: rename-cutoff must be between 0 and 1"),
    ("rules:\n  heading-levels: {title: sometimes}\n",
     ".reportlint.yml:2: rules.heading-levels.title: expected one of 'optional', 'required', "
     "'forbidden', got 'sometimes'"),
    ("rules:\n  table-count: {min: true}\n",
     ".reportlint.yml:2: rules.table-count.min: expected an integer, got True"),
    ("rules_dirs: [nope]\n", ".reportlint.yml:1: rules_dirs: folder not found: nope"),
    ("sources: {rot: x}\n", ".reportlint.yml:1: sources: unknown key 'rot'; known keys: root"),
    ("documents: 3\n",
     ".reportlint.yml:1: documents: expected a list of paths or globs, got 3"),
    ("- a\n- b\n", ".reportlint.yml:1: expected a mapping at the top level, got a list"),
    ("rules:\n  word-count: {min: 1}\n  word-count: {min: 2}\n",
     ".reportlint.yml:3: invalid YAML, column 3: duplicate key 'word-count'"),
    ("rules:\n  table-count: {min: 5, max: 2}\n",
     ".reportlint.yml:2: rules.table-count: max (2) is less than min (5)"),
]


@pytest.mark.parametrize(("text", "message"), CASES)
def test_config_error_messages(project: Path, text: str, message: str) -> None:
    assert _err(project, text) == message


def test_extends_cycle_is_refused(project: Path) -> None:
    (project / "other.yml").write_text("extends: .reportlint.yml\n")
    assert _err(project, "extends: other.yml\n") == (
        "other.yml:1: extends cycle: .reportlint.yml -> other.yml -> .reportlint.yml")


def test_error_in_extended_file_names_that_file(project: Path) -> None:
    (project / "base.yml").write_text("rules:\n  list-items:\n    sections: 4\n")
    assert _err(project, "extends: base.yml\n") == (
        "base.yml:3: rules.list-items.sections: expected a list, got 4")


def test_discovery_walks_up(project: Path) -> None:
    (project / ".reportlint.yml").write_text("rules:\n  word-count: {min: 10}\n")
    sub = project / "a" / "b"
    sub.mkdir(parents=True)
    cfg, _reg = load_config(cwd=sub)
    assert cfg.file == project / ".reportlint.yml"
    assert cfg.rules["RL201"].options.min == 10


def test_no_config_uses_the_generic_profile(project: Path) -> None:
    """No configuration: the sourced-report profile, which holds no contract."""
    cfg, _reg = load_config(cwd=project)
    assert cfg.file is None
    assert cfg.profile_chain == ("<profile sourced-report>",)
    assert cfg.rules["RL201"].options.min is None
    assert cfg.rules["RL101"].options.headings == ()
    assert (cfg.rules["RL120"].options.min, cfg.rules["RL120"].options.max) == (0, None)
    assert cfg.rules["RL302"].enabled and cfg.rules["RL211"].enabled


def test_profile_option_names_an_unknown_profile_like_extends(project: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(profile="executive-sumary", cwd=project)
    assert str(err.value) == ("--profile: no built-in profile 'executive-sumary' "
                              "(did you mean 'executive-summary'?)")
    (project / ".reportlint.yml").write_text("extends: executive-sumary\n")
    with pytest.raises(ConfigError) as err:
        load_config(cwd=project)
    assert err.value.message == ("extends: no built-in profile 'executive-sumary' "
                                 "(did you mean 'executive-summary'?)")


def test_merge_child_wins_key_by_key(project: Path) -> None:
    (project / ".reportlint.yml").write_text(
        "extends: executive-summary\nrules:\n  word-count: {max: 3000}\n"
        "  banned-phrases: {severity: off}\n  RL110: {severity: note}\n")
    cfg, _reg = load_config(cwd=project)
    wc = cfg.rules["RL201"].options
    assert (wc.min, wc.max) == (2200, 3000)  # min from the profile, max from the child
    assert not cfg.rules["RL210"].enabled
    assert cfg.rules["RL110"].severity is Severity.NOTE
    assert cfg.rules["RL110"].options.max == 4


def test_profile_option_replaces_extends(project: Path) -> None:
    (project / ".reportlint.yml").write_text("extends: nothing-here.yml\n")
    cfg, _reg = load_config(cwd=project, profile="executive-summary")
    assert cfg.rules["RL201"].options.min == 2200


def test_pyproject_table(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.reportlint]\nextends = "executive-summary"\n'
        'documents = ["docs/*.md"]\n\n[tool.reportlint.rules.word-count]\nmin = 100\n')
    cfg, _reg = load_config(cwd=project)
    assert cfg.documents == ("docs/*.md",)
    assert cfg.rules["RL201"].options.min == 100


def test_pyproject_error_has_file_and_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.reportlint]\nextends = "executive-summary"\n\n'
        '[tool.reportlint.rules.word-count]\nmin = "many"\n')
    with pytest.raises(ConfigError) as info:
        load_config(cwd=project)
    assert str(info.value) == (
        "pyproject.toml:5: rules.word-count.min: expected an integer, got 'many'")


def test_yaml_11_off_means_off(project: Path) -> None:
    (project / ".reportlint.yml").write_text("rules:\n  RL210:\n    severity: off\n")
    cfg, _reg = load_config(cwd=project)
    assert not cfg.rules["RL210"].enabled
