"""Output integrity: atomic writes, an earlier output survives a failed run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.outputs import OutputError, write_atomic

EXE = str(Path(sys.executable).parent / "reportlint")


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    return tmp_path


def test_failed_run_leaves_earlier_output_untouched(tmp_path: Path) -> None:
    project = _project(tmp_path)
    args = [EXE, "check", "r.md", "--select", "RL210", "-o", "json:out.json"]
    subprocess.run(args, cwd=project, check=False, capture_output=True, timeout=60)
    before = (project / "out.json").read_bytes()
    assert json.loads(before)["findings"]
    (project / ".reportlint.yml").write_text("rules: {word-count: {min: many}}\n")
    r = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert (project / "out.json").read_bytes() == before


def test_interrupted_write_keeps_old_file_and_no_temp(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.sarif"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match=r"cannot write .*out\.sarif: No space left on device"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sarif"]


def test_missing_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    r = subprocess.run([EXE, "check", "r.md", "-o", "json:nowhere/out.json"], cwd=project,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == "cannot write nowhere/out.json: folder nowhere does not exist"


def test_concurrent_runs_never_leave_a_corrupt_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    args = [EXE, "check", "r.md", "--select", "RL210", "-o", "json:out.json"]
    procs = [subprocess.Popen(args, cwd=project, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(4)]
    for p in procs:
        p.wait(timeout=60)
    data = json.loads((project / "out.json").read_text())
    assert data["findings"][0]["rule_id"] == "RL210"
    assert [p.name for p in project.iterdir() if p.name.endswith(".tmp")] == []
