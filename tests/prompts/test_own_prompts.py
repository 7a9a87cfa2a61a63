"""Prompts of other shapes and wordings: the derived profile finds exactly what was planted.

Each folder of ``cases/`` holds a prompt (``prompt.md``), a small repository
(``repo/``) with a report drafted from it, and ``expected.yml`` listing the
violations planted in the draft as ``[rule, line]``. The repository is copied
to a temporary folder, ``reportlint init --from-prompt`` (the installed
command) writes its configuration there, and ``reportlint check`` must report
exactly the planted violations, nothing more and nothing less.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.reporters.support import reportlint_exe

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    return subprocess.run([reportlint_exe(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def test_there_are_at_least_three_prompts() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_derived_profile_finds_exactly_the_planted_violations(case: Path,
                                                              tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(case / "repo", repo)
    (repo / ".git").mkdir()
    init = _run("init", "--from-prompt", str(case / "prompt.md"), cwd=repo)
    assert init.returncode == 0, init.stderr
    config = (repo / ".reportlint.yml").read_text(encoding="utf-8")
    assert "# prompt line " in config
    check = _run("check", "--format", "json", cwd=repo)
    assert check.returncode in (0, 1), check.stderr
    data = json.loads(check.stdout)
    found = sorted([f["rule_id"], f["line"]] for f in data["findings"])
    planted = sorted(yaml.safe_load((case / "expected.yml").read_text())["planted"])
    assert found == planted, "\n".join(f"{f['rule_id']} {f['line']}: {f['message']}"
                                       for f in data["findings"])
    # the same prompt gives the same file
    again = _run("init", "--force", "--from-prompt", str(case / "prompt.md"), cwd=repo)
    assert again.returncode == 0
    assert (repo / ".reportlint.yml").read_text(encoding="utf-8") == config
