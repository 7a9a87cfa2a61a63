from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def reportlint_exe() -> str:
    exe = Path(sys.executable).parent / "reportlint"
    found = str(exe) if exe.exists() else shutil.which("reportlint")
    assert found, "the reportlint command is not installed in this environment"
    return found


@pytest.fixture
def run_cli():
    """Run the installed `reportlint` as a user would; returns CompletedProcess."""
    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([reportlint_exe(), *args], cwd=cwd, env=env, input=input,
                              capture_output=True, text=True, timeout=120)
    return run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder (with .git, so it is the project root)."""
    (tmp_path / ".git").mkdir()
    return tmp_path
