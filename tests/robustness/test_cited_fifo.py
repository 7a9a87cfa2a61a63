"""A cited FIFO never hangs the run: it is found by stat and reported, never opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_cited_fifo_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "pipe.log")
    (tmp_path / "r.md").write_text("# R\n\nThe suite ran 412 tests (source: pipe.log).\n")
    exe = str(Path(sys.executable).with_name("reportlint"))
    # a blocked open would never return: the timeout turns a hang into a failure
    r = subprocess.run([exe, "check", "r.md", "--select", "RL303,RL306"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 0, r.stdout + r.stderr  # a warning: below --fail-on error
    assert ('r.md:3:34: RL303 [warning] cited file "pipe.log" cannot be read: it is a FIFO '
            "(named pipe); nothing was checked against it") in r.stdout
    assert "RL306" not in r.stdout
