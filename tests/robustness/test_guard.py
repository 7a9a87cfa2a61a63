"""The top-level guard: an unexpected exception in any command is one line and exit 2.

Exit 1 means "findings", so a crash must never end with it. Each command runs in a
fresh interpreter with one of its steps replaced by a function that raises; the
output must be the one-line message (the traceback only with ``--debug``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.cli import main

# command -> (the step that raises, the arguments)
INJECT = {
    "check": ("reportlint.cli.lint_paths", ["check", "r.md"]),
    "stats": ("reportlint.cli.lint_paths", ["stats", "r.md"]),
    "rules": ("reportlint.cli.build_registry", ["rules"]),
    "profiles": ("reportlint.builtin_profiles.names", ["profiles"]),
    "lsp": ("reportlint.lsp.available", ["lsp"]),
    "explain": ("reportlint.cli.build_registry", ["explain", "RL210"]),
    "docs": ("reportlint.rulepages.compare", ["docs", "--check"]),
    "init": ("reportlint.cli.write_atomic", ["init", "--path", "new.yml"]),
}
MESSAGE = ("reportlint: internal error: ZeroDivisionError: injected "
           "(run with --debug for the traceback)")
SCRIPT = """
import importlib, sys
module, _, name = sys.argv[1].rpartition(".")
def boom(*args, **kwargs):
    raise ZeroDivisionError("injected")
setattr(importlib.import_module(module), name, boom)
from reportlint.cli import main
sys.argv = ["reportlint", *sys.argv[2:]]
main()
"""


def _run(tmp_path: Path, target: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "r.md").write_text("## Intro\n\nText.\n")
    return subprocess.run([sys.executable, "-c", SCRIPT, target, *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin"})


def test_every_command_is_covered() -> None:
    assert sorted(INJECT) == sorted(main.commands)


@pytest.mark.parametrize("command", sorted(INJECT))
def test_an_exception_is_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    target, args = INJECT[command]
    r = _run(tmp_path, target, args)
    assert (r.returncode, r.stderr) == (2, MESSAGE + "\n"), r.stderr


@pytest.mark.parametrize("command", sorted(INJECT))
def test_debug_shows_the_traceback(command: str, tmp_path: Path) -> None:
    target, args = INJECT[command]
    for where in ([args[0], "--debug", *args[1:]], ["--debug", *args]):
        r = _run(tmp_path, target, where)
        assert r.returncode == 2, r.stderr
        assert r.stderr.startswith("Traceback (most recent call last):"), r.stderr
        assert 'ZeroDivisionError: injected' in r.stderr
        assert r.stderr.rstrip().endswith("reportlint: internal error: ZeroDivisionError: "
                                          "injected")


def test_on_github_the_message_is_an_error_command(tmp_path: Path) -> None:
    target, args = INJECT["check"]
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.md").write_text("x\n")
    r = subprocess.run([sys.executable, "-c", SCRIPT, target, *args, "-f", "github"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60,
                       env={"PATH": "/usr/bin:/bin"})
    assert (r.returncode, r.stderr) == (
        2, "::error title=reportlint::" + MESSAGE + "\n"), r.stderr
