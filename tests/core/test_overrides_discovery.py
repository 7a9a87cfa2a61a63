"""Several kinds of report in one repository, and configuration found per file.

Runs the installed command: `overrides:` give audits and the executive summary
different contracts; configuration comes from each linted file's location,
not from the working directory; a glob or path that matches nothing, and a
missing `sources.root`, stop the run with exit 2 and name what is wrong.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reportlint.config import ConfigError, load_config
from reportlint.globs import glob_match
from tests.reporters.support import reportlint_exe

CONFIG = """\
extends: sourced-report
documents:
  - docs/**/*.md
overrides:
  - files: ["docs/audits/**"]
    rules:
      required-headings:
        headings: ["## Scope", "## Findings", "## Sign-off"]
  - files: "*.summary.md"
    rules:
      required-headings:
        headings: ["## Summary", "## Next steps"]
      word-count: {max: 5}
  - files: ["docs/audits/q4.md"]
    rules:
      required-headings: {severity: off}
"""

AUDIT = "# Q3 audit\n\n## Scope\n\nAll services.\n\n## Sign-off\n\nDone.\n"
SUMMARY = "# Release\n\n## Summary\n\nThe release is ready for the general public now.\n"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([reportlint_exe(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=_env())


def findings(r: subprocess.CompletedProcess[str]) -> list[tuple[str, str, int, str]]:
    data: dict[str, Any] = json.loads(r.stdout)
    return [(f["path"], f["rule_id"], f["line"], f["message"]) for f in data["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".reportlint.yml").write_text(CONFIG)
    (root / "docs" / "audits").mkdir(parents=True)
    (root / "docs" / "audits" / "q3.md").write_text(AUDIT)
    (root / "docs" / "audits" / "q4.md").write_text(AUDIT)
    (root / "docs" / "release.summary.md").write_text(SUMMARY)
    (root / "docs" / "notes.md").write_text("# Notes\n\n## Anything\n")
    return root


def test_overrides_give_each_kind_of_report_its_contract(repo: Path) -> None:
    r = run("check", "--format", "json", cwd=repo)
    assert r.returncode == 1, r.stderr
    assert findings(r) == [
        ("docs/audits/q3.md", "RL101", 7,
         'missing required section "## Findings" (expected before "Sign-off")'),
        # q4.md matches the first override and the last, which turns the rule off again
        # title and heading words count: "Release", "Summary" and 9 words of prose
        ("docs/release.summary.md", "RL201", 1,
         "report has 11 prose words; expected at most 5 (6 over)"),
        ("docs/release.summary.md", "RL101", 3,
         'missing required section "## Next steps" (expected after "Summary")'),
    ]


def test_overrides_are_matched_relative_to_the_config_file(repo: Path) -> None:
    cfg, _registry = load_config(repo / ".reportlint.yml")
    assert cfg.overrides_for(repo / "docs" / "audits" / "q3.md") == (0,)
    assert cfg.overrides_for(repo / "docs" / "audits" / "q4.md") == (0, 2)
    assert cfg.overrides_for(repo / "docs" / "release.summary.md") == (1,)
    assert cfg.overrides_for(repo / "docs" / "notes.md") == ()
    assert cfg.overrides_for(repo.parent / "docs" / "audits" / "q3.md") == ()


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("docs/**/*.md", "docs/a.md", True),
    ("docs/**/*.md", "docs/x/y/a.md", True),
    ("docs/*.md", "docs/x/a.md", False),
    ("*.md", "deep/in/a.md", True),          # no slash: any folder, as in .gitignore
    ("docs/audits/", "docs/audits/q3/a.md", True),
    ("./docs/a.md", "docs/a.md", True),
    ("docs/a?.md", "docs/ab.md", True),
    ("docs/[ab].md", "docs/c.md", False),
    ("docs/*.md", "other/docs/a.md", False),
])
def test_override_globs(pattern: str, path: str, hit: bool) -> None:
    assert glob_match(pattern, path) is hit


@pytest.mark.parametrize(("text", "message"), [
    ("overrides:\n  - files: [a.md]\n    severity: off\n",
     ".reportlint.yml:3: overrides[0]: unknown key 'severity'; known keys: files, extends, "
     "rules"),
    ("overrides:\n  - rules: {word-count: {max: 3}}\n",
     ".reportlint.yml:2: overrides[0].files: expected a glob or a list of globs, got None"),
    ("overrides:\n  - files: [a.md]\n",
     ".reportlint.yml:2: overrides[0]: give `extends`, `rules` or both"),
    ("overrides:\n  - files: [a.md]\n    rules:\n      word-count: {min: many}\n",
     ".reportlint.yml:4: rules.word-count.min: expected an integer, got 'many'"),
    ("overrides:\n  - files: [a.md]\n    extends: executive-sumary\n",
     ".reportlint.yml:3: extends: no built-in profile 'executive-sumary' (did you mean "
     "'executive-summary'?)"),
    ("overrides: {files: a.md}\n",
     ".reportlint.yml:1: overrides: expected a list of {files, extends, rules} entries, got "
     "{'files': 'a.md'}"),
])
def test_override_mistakes_are_config_errors_with_file_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".reportlint.yml").write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / ".reportlint.yml")
    assert str(err.value) == message


def test_override_extends_a_profile(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yml").write_text(
        "overrides:\n  - files: [summary.md]\n    extends: executive-summary\n")
    cfg, _registry = load_config(tmp_path / ".reportlint.yml")
    assert cfg.rules["RL201"].options.min is None
    variant = cfg.rules_with(cfg.overrides_for(tmp_path / "summary.md"))
    assert (variant["RL201"].options.min, variant["RL201"].options.max) == (2200, 2700)


def test_select_applies_to_overridden_rules_too(repo: Path) -> None:
    r = run("check", "--format", "json", "--select", "RL201", cwd=repo)
    assert [f[1] for f in findings(r)] == ["RL201"]


def test_configuration_comes_from_the_file_not_the_working_directory(
        repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # a configuration in the working directory must not govern the repository's files
    (elsewhere / ".reportlint.yml").write_text("extends: executive-summary\n")
    target = repo / "docs" / "audits" / "q3.md"
    inside = run("check", "--format", "json", "docs/audits/q3.md", cwd=repo)
    outside = run("check", "--format", "json", str(target), cwd=elsewhere)
    assert inside.returncode == outside.returncode == 1
    assert findings(inside) == findings(outside) == [
        ("docs/audits/q3.md", "RL101", 7,
         'missing required section "## Findings" (expected before "Sign-off")')]
    text = run("check", str(target), cwd=elsewhere)
    assert text.stdout.startswith("docs/audits/q3.md:7:1: RL101 [error]"), text.stdout


def test_each_file_gets_its_nearest_configuration(repo: Path, tmp_path: Path) -> None:
    sub = repo / "team-b"
    sub.mkdir()
    (sub / ".reportlint.yml").write_text(
        "rules:\n  required-headings:\n    headings: ['## Abstract']\n")
    (sub / "brief.md").write_text("# Brief\n\n## Intro\n")
    r = run("check", "--format", "json", str(repo / "docs" / "audits" / "q3.md"),
            str(sub / "brief.md"), cwd=tmp_path)
    got = findings(r)
    assert ("docs/audits/q3.md", "RL101", 7,
            'missing required section "## Findings" (expected before "Sign-off")') in got
    assert [f for f in got if f[0].endswith("brief.md")] == [
        ("team-b/brief.md", "RL101", 1, 'missing required section "## Abstract"'),
        ("team-b/brief.md", "RL101", 3, 'unexpected heading "Intro" (not in the required '
                                        "template)")]


def test_sources_root_defaults_to_the_configuration_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".reportlint.yml").write_text("documents: [reports/*.md]\n")
    (root / "data").mkdir()
    (root / "data" / "facts.md").write_text("# Facts\n\nWe ran 12 tests.\n")
    (root / "reports").mkdir()
    (root / "reports" / "r.md").write_text("# R\n\nWe ran 12 tests (source: data/facts.md).\n"
                                           "We ran 13 tests (source: data/facts.md).\n")
    inside = run("check", "--format", "json", cwd=root)
    outside = run("check", "--format", "json", str(root / "reports" / "r.md"), cwd=tmp_path)
    assert findings(inside) == findings(outside)
    assert [(f[1], f[2]) for f in findings(inside)] == [("RL306", 4)]


def test_a_documents_glob_that_matches_nothing_fails_and_is_named(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yml").write_text("documents:\n  - docs/**/*.md\n  - README.md\n")
    (tmp_path / "README.md").write_text("# Readme\n")
    r = run("check", cwd=tmp_path)
    assert r.returncode == 2, r.stdout
    assert "RL904" in r.stdout and "the documents glob 'docs/**/*.md' matches no file" in r.stdout


def test_a_path_that_matches_nothing_fails_and_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = run("check", "empty", "missing.md", cwd=tmp_path)
    assert r.returncode == 2
    assert "empty: no Markdown file in this folder" in r.stdout
    assert "missing.md: no such file or directory" in r.stdout


def test_a_missing_sources_root_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yml").write_text("documents: [r.md]\nsources:\n  root: srcs\n")
    (tmp_path / "r.md").write_text("# R\n")
    r = run("check", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.strip() == ".reportlint.yml:3: sources.root: no such folder: srcs"
