"""The pre-commit hook: its definition, and its entry run the way pre-commit runs it."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import yaml

from tests.reporters.support import REPO, clean_env, reportlint_exe

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # identify's "markdown"


def _hook(hook_id: str = "reportlint") -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    assert [h["id"] for h in hooks] == ["reportlint", "reportlint-all"]
    (hook,) = [h for h in hooks if h["id"] == hook_id]
    return hook


def test_hook_definition():
    hook = _hook()
    assert hook["entry"] == "reportlint check"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True  # one run, one summary: reportlint has workers
    assert hook["name"] and hook["description"]
    # pre-commit installs the repository as a package: the entry must be its console script
    assert 'reportlint = "reportlint.cli:run"' in (REPO / "pyproject.toml").read_text()


def test_all_reports_hook_definition():
    hook = _hook("reportlint-all")
    assert hook["entry"] == "reportlint check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # reportlint lints the configured documents
    assert hook["always_run"] is True  # also when only a cited file is staged
    assert hook["require_serial"] is True
    assert "types" not in hook and "files" not in hook


def _run_hook(project: Path, staged: list[str]) -> subprocess.CompletedProcess[str]:
    """What pre-commit does: filter staged files by `types`, append them to the entry."""
    hook = _hook()
    files = [f for f in staged if f.lower().endswith(MARKDOWN_SUFFIXES)]
    argv = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert argv[0] == "reportlint"
    argv[0] = reportlint_exe()  # the console script in the hook's environment
    return subprocess.run([*argv, *files] if hook["pass_filenames"] else argv, cwd=project,
                          env=clean_env(), capture_output=True, text=True, timeout=120)


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".reportlint.yml").write_text(
        "rules:\n  mermaid-blocks: {severity: off}\n  placeholders: {severity: error}\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.md").write_text("## Results\n\nAll done.\n")
    (tmp_path / "docs" / "bad.md").write_text("## Results\n\nTODO: numbers.\n")
    (tmp_path / "docs" / "my report.md").write_text("## Results\n\nTBD\n")
    (tmp_path / "notes.txt").write_text("TODO\n")
    return tmp_path


def test_entry_passes_on_clean_files(tmp_path: Path):
    r = _run_hook(_project(tmp_path), ["docs/good.md", "notes.txt"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "No problems in 1 file.\n"


def test_entry_fails_and_names_the_line(tmp_path: Path):
    r = _run_hook(_project(tmp_path), ["docs/good.md", "docs/bad.md", "docs/my report.md",
                                       "notes.txt"])
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert 'docs/bad.md:3:1: RL211 [error] placeholder "TODO" left in the text' in lines
    assert 'docs/my report.md:3:1: RL211 [error] placeholder "TBD" left in the text' in lines
    assert lines[-1] == "Found 2 problems (2 errors) in 2 of 3 files."
