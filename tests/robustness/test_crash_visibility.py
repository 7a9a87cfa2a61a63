"""A rule that crashes mid-run: the others still run, every format shows the notice, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.registry import NO_PLUGINS_ENV
from tests.core.test_cli import LOCAL_RULE

EXE = str(Path(sys.executable).parent / "reportlint")
CRASHING = LOCAL_RULE.replace("for p in doc.paragraphs:",
                              "raise KeyError('boom')\n        for p in []:")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "crash.py").write_text(CRASHING)
    (tmp_path / ".reportlint.yml").write_text("rules_dirs: [lint]\n")
    (tmp_path / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    return tmp_path


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "check", "r.md", "--select", "ACME101,RL210",
                           "--allow-local-rules", *args], cwd=project, capture_output=True,
                          text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", NO_PLUGINS_ENV: "1"})


MESSAGE = "rule ACME101 no-acme crashed on r.md: KeyError: 'boom'"


def test_text(project: Path) -> None:
    r = _run(project)
    assert r.returncode == 2
    assert f"r.md:1:1: RL903 [error] {MESSAGE}" in r.stdout
    assert 'r.md:3:3: RL210 [warning] banned phrase "world-class"' in r.stdout


def test_json(project: Path) -> None:
    r = _run(project, "--format", "json")
    ids = [(f["rule_id"], f["message"]) for f in json.loads(r.stdout)["findings"]]
    assert ("RL903", MESSAGE) in ids and any(i == "RL210" for i, _m in ids)


def test_sarif(project: Path) -> None:
    r = _run(project, "--format", "sarif")
    run = json.loads(r.stdout)["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [MESSAGE]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [res["ruleId"] for res in run["results"]] == ["RL210"]


def test_github(project: Path) -> None:
    r = _run(project, "--format", "github")
    assert any(line.startswith("::error ") and "RL903" in line and "crashed on r.md" in line
               for line in r.stdout.splitlines())


def test_parser_failure_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint import engine
    from reportlint.testing import make_run

    def broken(text: str, path: str = "") -> None:
        raise TypeError("cannot unpack non-iterable NoneType object")

    monkeypatch.setattr(engine, "Document", broken)
    result = engine.lint_text(make_run({"RL210": None}), "world-class\n", "r.md")
    assert [(f.rule_id, f.message) for f in result.findings] == [
        ("RL906", "r.md: not linted: the Markdown parser failed (TypeError: cannot unpack "
                  "non-iterable NoneType object)")]
