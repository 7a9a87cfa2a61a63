"""Several outputs in one run, written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.reporters.support import run_cli, validate_sarif

REPORT = ("## Intro\n\nA world-class tool.\n\n"
          "<!-- reportlint-disable-next-line RL211 -- tracked in #12 -->\nTODO one\n")


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.md").write_text(REPORT)
    return tmp_path


def test_text_on_stdout_and_sarif_file(tmp_path: Path):
    project = _project(tmp_path)
    r = run_cli("check", "r.md", "--select", "RL210,RL211", "--format", "text",
                "--sarif-file", "out.sarif", cwd=project)
    assert r.returncode == 0, r.stderr  # RL210 is a warning
    assert r.stdout.startswith("r.md:3:3: RL210 [warning]")
    log = validate_sarif((project / "out.sarif").read_text())
    assert [res["ruleId"] for res in log["runs"][0]["results"]] == ["RL210", "RL211"]


def test_repeated_outputs_and_sarif_shortcut(tmp_path: Path):
    project = _project(tmp_path)
    (project / "reports").mkdir()
    r = run_cli("check", "r.md", "--select", "RL210,RL211",
                "--output", "json:reports/out.json", "-o", "sarif:reports/a.sarif",
                "--sarif-file", "reports/b.sarif", "-o", "github:reports/gh.txt",
                "-o", "text:reports/out.txt", cwd=project)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("r.md:3:3: RL210")  # text still on standard output
    out = project / "reports"
    assert json.loads((out / "out.json").read_text())["summary"]["suppressed"] == 1
    a = validate_sarif((out / "a.sarif").read_text())
    b = validate_sarif((out / "b.sarif").read_text())
    for log in (a, b):
        del log["runs"][0]["invocations"]
    assert a == b
    assert (out / "gh.txt").read_text().startswith("::warning file=r.md,line=3,")
    assert (out / "out.txt").read_text() == r.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "a.sarif", "b.sarif", "gh.txt", "out.json", "out.txt"]  # no temporary files left


def test_bare_output_path_replaces_stdout(tmp_path: Path):
    project = _project(tmp_path)
    r = run_cli("check", "r.md", "--select", "RL210", "--format", "sarif", "-o", "x.sarif",
                cwd=project)
    assert r.returncode == 0 and r.stdout == ""
    validate_sarif((project / "x.sarif").read_text())


def test_sarif_omit_suppressed(tmp_path: Path):
    project = _project(tmp_path)
    run_cli("check", "r.md", "--select", "RL210,RL211", "--sarif-file", "all.sarif",
            cwd=project)
    run_cli("check", "r.md", "--select", "RL210,RL211", "--sarif-file", "gh.sarif",
            "--sarif-omit-suppressed", cwd=project)
    full = validate_sarif((project / "all.sarif").read_text())["runs"][0]["results"]
    gh = validate_sarif((project / "gh.sarif").read_text())["runs"][0]["results"]
    assert [("suppressions" in r) for r in full] == [False, True]
    assert [("suppressions" in r) for r in gh] == [False]


def test_output_replaced_atomically(tmp_path: Path):
    project = _project(tmp_path)
    target = project / "out.sarif"
    target.write_text("old")
    os.chmod(target, 0o600)
    run_cli("check", "r.md", "--select", "RL210", "--sarif-file", "out.sarif", cwd=project)
    validate_sarif(target.read_text())
    # no temporary file left behind, and nothing else written
    assert sorted(p.name for p in project.iterdir()) == [".git", "out.sarif", "r.md"]


def test_unwritable_output_exits_2(tmp_path: Path):
    project = _project(tmp_path)
    r = run_cli("check", "r.md", "--sarif-file", "missing/out.sarif", cwd=project)
    assert r.returncode == 2
    assert "cannot write missing/out.sarif: folder missing does not exist" in r.stderr


def test_help_documents_the_output_flags(tmp_path: Path):
    r = run_cli("check", "--help", cwd=tmp_path)
    for flag in ("--sarif-file", "--sarif-omit-suppressed", "--baseline", "--write-baseline",
                 "text|json|sarif|github", "GITHUB_ACTIONS=true"):
        assert flag in r.stdout, flag
