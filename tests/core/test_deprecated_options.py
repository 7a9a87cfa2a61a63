"""--no-cache and --cache-dir: accepted for one release, do nothing, and say so."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(("args", "name"), [(("--no-cache",), "--no-cache"),
                                            (("--cache-dir", "cachedir"), "--cache-dir")])
def test_deprecated_cache_options_are_no_ops(run_cli: Any, project: Path,
                                             args: tuple[str, ...], name: str) -> None:
    (project / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    plain = run_cli("check", "r.md", "--select", "RL210", cwd=project, env=env)
    r = run_cli("check", "r.md", "--select", "RL210", *args, cwd=project, env=env)
    assert (r.returncode, r.stdout) == (plain.returncode, plain.stdout)
    assert r.stderr == (f"reportlint: note: {name} is deprecated and does nothing: reportlint "
                        "keeps no cache (the option will be removed in 0.3)\n")
    assert sorted(p.name for p in project.iterdir()) == [".git", "r.md"]  # nothing written
