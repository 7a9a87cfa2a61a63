"""Both pre-commit hooks, run by the real ``pre-commit`` in a temporary git repository.

The hook repository is a commit of this checkout as it is now (tracked and new
files), so the hooks tested are the ones in ``.pre-commit-hooks.yaml``; pre-commit
builds their ``language: python`` environment itself (a virtualenv and
``pip install .``). Tests never use the network: pip gets no index, only the
wheels ``make install`` saved in ``.venv/wheelhouse`` (reportlint's dependencies
and setuptools). Without those wheels, or without pre-commit, the tests are
skipped and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reporters.support import REPO, clean_env

BIN = Path(sys.executable).parent
WHEELHOUSE = BIN.parent / "wheelhouse"
GIT = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")


def _git(*args: str, cwd: Path) -> str:
    proc = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this checkout's files as they are now, committed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("hook-repo")
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], cwd=REPO, capture_output=True,
                           check=True, timeout=60).stdout.split(b"\0")
    for raw in filter(None, names):
        name = os.fsdecode(raw)
        source = REPO / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "hooks under test", cwd=repo)
    return repo, _git("rev-parse", "HEAD", cwd=repo).strip()


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    exe = BIN / "pre-commit"
    if not exe.exists():
        pytest.skip("pre-commit is not installed in this environment (pip install -e "
                    "'.[test]')")
    if not any(WHEELHOUSE.glob("setuptools-*.whl")):
        pytest.skip(f"no wheels in {WHEELHOUSE} to build the hook environment offline "
                    "(`make install` saves them)")
    home = tmp_path_factory.mktemp("pre-commit-home")
    return clean_env(PRE_COMMIT_HOME=str(home), PIP_NO_INDEX="1",
                     PIP_FIND_LINKS=str(WHEELHOUSE), PIP_CONFIG_FILE=os.devnull,
                     VIRTUALENV_NO_PERIODIC_UPDATE="1", PRE_COMMIT_COLOR="never",
                     PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


CONFIG = """\
rules:
  mermaid-blocks: {severity: off}
  placeholders: {severity: error}
documents: [docs/*.md]
"""
REPORT = "## Results\n\nThe cache cut latency to 42 ms (source: results/perf.txt).\n"


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str],
            pre_commit_env: dict[str, str]) -> Path:
    repo, rev = hook_repo
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "results").mkdir()
    (root / ".reportlint.yml").write_text(CONFIG)
    (root / "docs" / "report.md").write_text(REPORT)
    (root / "results" / "perf.txt").write_text("p50 latency: 42 ms\n")
    (root / "notes.md").write_text("TODO: not a report, and not listed in documents\n")
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_uri()}\n    rev: {rev}\n    hooks:\n"
        "      - id: reportlint\n        files: ^docs/\n"
        "      - id: reportlint-all\n")
    _git("init", "-q", cwd=root)
    _git("add", "-A", cwd=root)
    _git("commit", "-q", "-m", "a clean report", cwd=root)
    # building the hooks' environment is the one step that may not work offline
    proc = subprocess.run([str(BIN / "pre-commit"), "install-hooks"], cwd=root,
                          env=pre_commit_env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.skip("pre-commit could not build the hooks' environment offline:\n"
                    + (proc.stdout + proc.stderr)[-1500:])
    return root


def _run(project: Path, env: dict[str, str], *hooks: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "pre-commit"), "run", *hooks], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def _status(output: str, name: str) -> str:
    """pre-commit's verdict on the hook NAME: Passed, Failed or Skipped."""
    (line,) = [ln for ln in output.splitlines() if ln.startswith(name + ".")]
    return line.rstrip(".").rsplit(".", 1)[-1].removeprefix("(no files to check)")


def test_a_staged_report_is_linted_by_both_hooks(project: Path,
                                                 pre_commit_env: dict[str, str]):
    (project / "docs" / "report.md").write_text(REPORT + "\nTODO: the cost table.\n")
    _git("add", "docs/report.md", cwd=project)
    r = _run(project, pre_commit_env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert _status(r.stdout, "reportlint") == "Failed"
    assert _status(r.stdout, "reportlint (all configured reports)") == "Failed"
    line = 'docs/report.md:5:1: RL211 [error] placeholder "TODO" left in the text'
    assert r.stdout.count(line) == 2  # once per hook
    assert "notes.md" not in r.stdout  # not staged and not a configured document


def test_a_changed_cited_file_is_caught_by_reportlint_all(project: Path,
                                                          pre_commit_env: dict[str, str]):
    (project / "results" / "perf.txt").write_text("p50 latency: 47 ms\n")
    _git("add", "results/perf.txt", cwd=project)
    r = _run(project, pre_commit_env)
    assert r.returncode == 1, r.stdout + r.stderr
    # no report is staged: the staged-files hook has nothing to check
    assert "reportlint....." in r.stdout and "(no files to check)Skipped" in r.stdout
    assert _status(r.stdout, "reportlint (all configured reports)") == "Failed"
    assert ("docs/report.md:3:26: RL306 [error] 42 ms is not in the cited source "
            "(results/perf.txt)") in r.stdout


def test_reportlint_all_runs_with_nothing_staged_and_checks_what_is_committed(
        project: Path, pre_commit_env: dict[str, str]):
    r = _run(project, pre_commit_env, "reportlint-all")
    assert r.returncode == 0, r.stdout + r.stderr
    assert _status(r.stdout, "reportlint (all configured reports)") == "Passed"
    # an unstaged edit is stashed while the hooks run: what is committed is checked
    (project / "docs" / "report.md").write_text(REPORT + "\nTBD\n")
    (project / "docs" / "new.md").write_text("## Results\n\nAll done.\n")
    _git("add", "docs/new.md", cwd=project)
    r = _run(project, pre_commit_env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert _status(r.stdout, "reportlint") == "Passed"
    assert _status(r.stdout, "reportlint (all configured reports)") == "Passed"
    assert (project / "docs" / "report.md").read_text().endswith("TBD\n")  # restored
