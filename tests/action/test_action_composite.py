"""action.yml: schema-valid, injection-safe, and working when run like a runner runs it.

The simulated runner executes each ``run:`` step with ``bash --noprofile --norc
-eo pipefail`` (the runner's ``shell: bash``), a fresh ``$GITHUB_OUTPUT`` per
step, ``$GITHUB_STEP_SUMMARY``, ``$GITHUB_ACTION_PATH`` = this repository and
``$RUNNER_TEMP``; it evaluates the ``${{ }}`` expressions of ``env:`` and
``outputs:`` (only ``inputs.*`` and ``steps.*.outputs.*`` are allowed), stands
in for ``actions/setup-python`` with this interpreter, and points the install
step at the already-installed ``.venv`` through ``REPORTLINT_ACTION_VENV``.

``simulate(..., pythons=...)`` stands in for setup-python with one interpreter
per ``python-version`` instead (small shims that create a virtual environment's
layout and log pip installs), for the test of two uses in one job; several
simulated uses may share one ``$RUNNER_TEMP``, as the steps of one job do.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.reporters.support import ACTION_SCHEMA, REPO, clean_env, load_schema, validate_sarif

ACTION = REPO / "action.yml"
EXPR_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SHA_RE = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
INPUTS = ("paths", "config", "profile", "fail-on", "sarif-file", "annotations",
          "allow-local-rules", "python-version", "baseline", "args", "working-directory")


def _action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_validates_against_the_schema():
    schema = load_schema(ACTION_SCHEMA)
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(_action()))
    assert not errors, [e.message for e in errors]


def test_inputs_outputs_and_composite():
    action = _action()
    assert tuple(action["inputs"]) == INPUTS
    assert set(action["outputs"]) == {"sarif-file", "errors", "warnings", "notes"}
    assert action["runs"]["using"] == "composite"
    assert action["inputs"]["sarif-file"]["default"] == "reportlint.sarif"
    assert action["inputs"]["allow-local-rules"]["default"] == "false"


def test_no_expression_inside_scripts_and_pinned_actions():
    for step in _action()["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], f"step {step.get('id')}: ${{{{ }}}} in run:"
            assert step["shell"] == "bash"
        if "uses" in step:
            assert SHA_RE.match(step["uses"]), f"{step['uses']} is not pinned to a commit SHA"
        for value in step.get("env", {}).values():
            for expr in EXPR_RE.findall(str(value)):
                assert re.fullmatch(r"inputs\.[\w-]+|steps\.[\w-]+\.outputs\.[\w-]+", expr), expr
    # every input reaches a script, through env:
    text = ACTION.read_text()
    for name in INPUTS:
        assert f"${{{{ inputs.{name} }}}}" in text, name


@dataclass
class ActionRun:
    exit_code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str
    workspace: Path
    steps: dict[str, dict[str, str]] = field(default_factory=dict)


def _read_outputs(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            i += 1
            while lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            out[name] = "\n".join(value)
        elif "=" in line:
            name, value_ = line.split("=", 1)
            out[name] = value_
        i += 1
    return out


def simulate(workspace: Path, inputs: dict[str, str], tmp: Path, *,
             runner_temp: Path | None = None, pythons: dict[str, str] | None = None,
             base_env: dict[str, str] | None = None) -> ActionRun:
    action = _action()
    values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update(inputs)
    steps: dict[str, dict[str, str]] = {}

    def evaluate(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            expr = m.group(1)
            if expr.startswith("inputs."):
                return values[expr.removeprefix("inputs.")]
            parts = expr.split(".")
            assert parts[0] == "steps" and parts[2] == "outputs", expr
            return steps.get(parts[1], {}).get(parts[3], "")
        return EXPR_RE.sub(one, text)

    tmp.mkdir(parents=True, exist_ok=True)
    summary = tmp / "step_summary.md"
    summary.write_text("")
    if runner_temp is None:
        runner_temp = tmp / "runner_temp"
        runner_temp.mkdir()
    stdout, stderr, code = [], [], 0
    for n, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"step{n}")
        if "uses" in step:
            assert step["uses"].startswith("actions/setup-python@")
            version = evaluate(step["with"]["python-version"])
            assert version == values["python-version"]
            steps[sid] = {"python-path": (pythons or {}).get(version, sys.executable)}
            continue
        out_file = tmp / f"output_{sid}"
        out_file.write_text("")
        env = clean_env(
            GITHUB_ACTIONS="true", GITHUB_OUTPUT=str(out_file),
            GITHUB_STEP_SUMMARY=str(summary), GITHUB_ACTION_PATH=str(REPO),
            GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(runner_temp))
        if pythons is None:
            env["REPORTLINT_ACTION_VENV"] = str(Path(sys.executable).parent.parent)
        env.update(base_env or {})
        env.update({k: evaluate(str(v)) for k, v in step.get("env", {}).items()})
        script = tmp / f"{sid}.sh"
        script.write_text(step["run"])
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=workspace, env=env, capture_output=True, timeout=300)
        stdout.append(proc.stdout.decode("utf-8"))  # the action forces UTF-8 output
        stderr.append(proc.stderr.decode("utf-8"))
        steps[sid] = _read_outputs(out_file)
        code = proc.returncode
        if code:
            break  # a failing step ends the action, as on a runner
    outputs = {k: evaluate(v["value"]) for k, v in action["outputs"].items()}
    left = [p.name for p in runner_temp.iterdir()
            if not p.name.startswith("reportlint-action-venv-")]
    assert not left, f"the action left temporary files behind: {left}"
    return ActionRun(code, "".join(stdout), "".join(stderr), outputs, summary.read_text(),
                     workspace, steps)


REPORT = """\
## Results

A world-class tool.

TODO: numbers.

<!-- reportlint-disable-next-line RL211 -- agreed with the team -->
TBD later.

Another TODO.
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "workspace"
    (ws / ".git").mkdir(parents=True)
    (ws / ".reportlint.yml").write_text(
        "rules:\n  mermaid-blocks: {severity: off}\n  placeholders: {severity: error}\n"
        "documents: [docs/*.md]\n")
    (ws / "docs").mkdir()
    (ws / "docs" / "report.md").write_text(REPORT)
    (ws / "docs" / "clean report.md").write_text("## Results\n\nAll done.\n")
    return ws


def test_simulated_run_annotates_summarises_and_fails(workspace: Path, tmp_path: Path):
    run = simulate(workspace, {}, tmp_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert "reportlint 0.1.0" in lines  # the install step's `reportlint --version`
    errors = [ln for ln in lines if ln.startswith("::error ")]
    assert errors == [
        '::error file=docs/report.md,line=5,col=1,endColumn=5,title=RL211 placeholders::'
        'placeholder "TODO" left in the text',
        '::error file=docs/report.md,line=10,col=9,endColumn=13,title=RL211 placeholders::'
        'placeholder "TODO" left in the text']
    assert any(ln.startswith("::warning file=docs/report.md,line=3,col=3,")
               for ln in lines)
    assert run.outputs == {"sarif-file": "reportlint.sarif", "errors": "2", "warnings": "1",
                           "notes": "0"}
    assert "## reportlint" in run.summary
    assert "**3 problems**: 2 errors, 1 warning, 0 notes in 2 files" in run.summary
    assert "| RL211 placeholders | 2 | 0 | 0 | 1 | 0 |" in run.summary
    assert "3 annotated; none left out." in run.summary
    log = validate_sarif((workspace / "reportlint.sarif").read_text())
    results = log["runs"][0]["results"]
    assert len(results) == 3 and not any("suppressions" in r for r in results)


def test_simulated_run_inputs(workspace: Path, tmp_path: Path):
    run = simulate(workspace, {"paths": "'docs/clean report.md'", "fail-on": "warning",
                               "sarif-file": "out/code-scanning.sarif",
                               "annotations": "false"}, tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "No problems in 1 file." in run.stdout
    assert "::" not in run.stdout
    assert run.summary == ""  # text output: no job summary
    assert run.outputs == {"sarif-file": "out/code-scanning.sarif", "errors": "0",
                           "warnings": "0", "notes": "0"}
    validate_sarif((workspace / "out" / "code-scanning.sarif").read_text())


def test_a_missing_output_folder_is_created(workspace: Path, tmp_path: Path):
    run = simulate(workspace, {"sarif-file": "build/reports/deep/reportlint.sarif"}, tmp_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert run.outputs["sarif-file"] == "build/reports/deep/reportlint.sarif"
    validate_sarif((workspace / "build/reports/deep/reportlint.sarif").read_text())


def test_a_stale_sarif_is_never_named(workspace: Path, tmp_path: Path):
    stale = workspace / "reportlint.sarif"
    stale.write_text('{"stale": true}')
    (workspace / ".reportlint.yml").write_text("rules:\n  no-such-rule: {}\n")
    run = simulate(workspace, {}, tmp_path)
    assert run.exit_code == 2  # nothing was linted, so no SARIF was written
    assert run.outputs["sarif-file"] == ""
    assert stale.read_text() == '{"stale": true}'  # set aside, then put back
    (workspace / ".reportlint.yml").write_text("documents: [docs/*.md]\n")
    run = simulate(workspace, {}, tmp_path / "again")
    assert run.outputs["sarif-file"] == "reportlint.sarif"
    validate_sarif(stale.read_text())  # this run's SARIF replaced it


def test_baseline_input(workspace: Path, tmp_path: Path):
    proc = subprocess.run([str(Path(sys.executable).parent / "reportlint"), "check",
                           "--write-baseline", "ci/baseline.json"], cwd=workspace,
                          env=clean_env(), capture_output=True, text=True)
    assert proc.returncode == 2 and "folder ci does not exist" in proc.stderr
    (workspace / "ci").mkdir()
    proc = subprocess.run([str(Path(sys.executable).parent / "reportlint"), "check",
                           "--write-baseline", "ci/baseline.json"], cwd=workspace,
                          env=clean_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    run = simulate(workspace, {"baseline": "ci/baseline.json"}, tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.outputs["errors"] == "0" and run.outputs["warnings"] == "0"
    assert not [ln for ln in run.stdout.splitlines() if ln.startswith(("::error", "::warn"))]
    # a new finding still fails the step
    report = workspace / "docs" / "report.md"
    report.write_text(report.read_text() + "\nTBD: a new gap.\n")
    run = simulate(workspace, {"baseline": "ci/baseline.json"}, tmp_path / "new")
    assert run.exit_code == 1
    assert run.outputs["errors"] == "1"
    run = simulate(workspace, {"baseline": "ci/missing.json"}, tmp_path / "missing")
    assert run.exit_code == 2 and "baseline ci/missing.json: no such file" in run.stderr


def test_args_input_is_a_list_of_arguments(workspace: Path, tmp_path: Path):
    run = simulate(workspace, {"args": "--select 'RL210'\n--fail-on \"warning\"",
                               "annotations": "false"}, tmp_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    lines = [ln for ln in run.stdout.splitlines() if ": RL" in ln]
    assert lines == ['docs/report.md:3:3: RL210 [warning] banned phrase "world-class"']
    marker = tmp_path / "pwned"
    run = simulate(workspace, {"args": f"--select RL210 ; touch {marker} $(touch {marker})"},
                   tmp_path / "hostile")
    assert not marker.exists()
    assert run.exit_code == 2  # `;` and `$(touch` reached reportlint as paths: no such file
    assert "RL904" in run.stdout


@pytest.mark.parametrize("value, message", [
    ("--select 'RL210", "the args input has an unbalanced quote: the single quote (') at "
                        "character 10 is never closed"),
    ('--ignore RL210\n--select "RL2', 'the args input has an unbalanced quote: the double '
                                     'quote (") at line 2, character 10 is never closed'),
])
def test_args_with_an_unbalanced_quote(workspace: Path, tmp_path: Path, value: str,
                                       message: str):
    run = simulate(workspace, {"args": value}, tmp_path)
    assert run.exit_code == 2
    assert f"::error title=reportlint action::{message}" in run.stdout.splitlines()


def test_working_directory(workspace: Path, tmp_path: Path):
    sub = workspace / "reports"
    (sub / "q3").mkdir(parents=True)
    (sub / ".reportlint.yml").write_text("rules:\n  mermaid-blocks: {severity: off}\n"
                                         "documents: ['q3/*.md']\n")
    (sub / "q3" / "summary.md").write_text("## Results\n\nA world-class result.\n")
    run = simulate(workspace, {"working-directory": "reports", "fail-on": "warning"}, tmp_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    # annotations name the file from the repository root, the SARIF from the workspace
    assert any(ln.startswith("::warning file=reports/q3/summary.md,line=3,col=3,")
               for ln in run.stdout.splitlines())
    assert run.outputs["sarif-file"] == "reports/reportlint.sarif"
    assert (workspace / "reports" / "reportlint.sarif").is_file()
    assert not (workspace / "reportlint.sarif").exists()
    run = simulate(workspace, {"working-directory": "no/such"}, tmp_path / "missing")
    assert run.exit_code == 2
    assert ("::error title=reportlint action::the working-directory input names no folder"
            in run.stdout)


def test_paths_expand_globs_like_documents(workspace: Path, tmp_path: Path):
    (workspace / "docs" / "q3").mkdir()
    (workspace / "docs" / "q3" / "deep.md").write_text("## Results\n\nTBD\n")
    (workspace / "docs" / "report [draft].md").write_text("## Results\n\nTODO\n")
    run = simulate(workspace, {"paths": "docs/**/*.md 'docs/report [draft].md' "
                                        "notes/*.md", "annotations": "false"}, tmp_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    linted = sorted({ln.split(":")[0] for ln in run.stdout.splitlines() if ": RL" in ln})
    assert linted == ["docs/q3/deep.md", "docs/report [draft].md", "docs/report.md"]
    assert "Found 5 problems (4 errors, 1 warning) in 3 of 4 files." in run.stdout
    assert ("::warning title=reportlint action::the paths input: notes/*.md matches no file"
            in run.stdout)
    run = simulate(workspace, {"paths": "notes/*.md"}, tmp_path / "none")
    assert run.exit_code == 2
    assert ("::error title=reportlint action::the paths input matched no file: notes/*.md "
            "(nothing was linted)") in run.stdout


def test_backslashes_in_paths_are_kept(workspace: Path, tmp_path: Path):
    # on Linux a backslash is an ordinary character of a name: what a Windows path keeps
    (workspace / "docs\\win.md").write_text("## Results\n\nTODO\n")
    run = simulate(workspace, {"paths": "docs\\win.md", "annotations": "false"}, tmp_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert 'docs\\win.md:3:1: RL211 [error] placeholder "TODO" left in the text' in run.stdout


@pytest.mark.parametrize("annotations", ["true", "false"])
def test_non_ascii_path_on_a_latin_1_runner(workspace: Path, tmp_path: Path,
                                            annotations: str):
    name = "docs/rapport-été-報告.md"
    (workspace / name).write_text("## Results\n\nTODO\n", encoding="utf-8")
    latin = {"PYTHONIOENCODING": "latin-1", "LANG": "C", "LC_ALL": "C"}
    # the runner's encoding cannot write the name: reportlint alone fails there
    alone = subprocess.run([str(Path(sys.executable).parent / "reportlint"), "check", name],
                           cwd=workspace, env=clean_env(**latin), capture_output=True)
    assert b"UnicodeEncodeError" in alone.stderr
    run = simulate(workspace, {"paths": f"'{name}'", "annotations": annotations}, tmp_path,
                   base_env=latin)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert name in run.stdout


def _python_shim(folder: Path, version: str) -> str:
    """Python VERSION as the install step sees it: `-m venv` lays out an environment
    whose reportlint is this one, `-m pip` is logged, anything else runs this Python."""
    exe = folder / version / "bin" / "python"
    exe.parent.mkdir(parents=True)
    real_bin = Path(sys.executable).parent
    exe.write_text(f"""#!/usr/bin/env bash
if [ "${{1:-}}" = -m ] && [ "${{2:-}}" = venv ]; then
  mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && echo {version} > "$3/made-by"
  ln -s "{real_bin / 'reportlint'}" "$3/bin/reportlint"; exit 0
fi
if [ "${{1:-}}" = -m ] && [ "${{2:-}}" = pip ]; then
  echo "$*" >> "$(dirname "$0")/../pip.log"; exit 0
fi
exec "{sys.executable}" "$@"
""")
    exe.chmod(0o755)
    return str(exe)


def test_two_uses_with_different_pythons_do_not_share_a_venv(workspace: Path,
                                                             tmp_path: Path):
    pythons = {v: _python_shim(tmp_path / "toolcache", v) for v in ("3.10", "3.13")}
    job_temp = tmp_path / "runner_temp"
    job_temp.mkdir()
    bins = {}
    for n, version in enumerate(("3.10", "3.13", "3.10")):
        run = simulate(workspace, {"python-version": version}, tmp_path / f"use{n}",
                       runner_temp=job_temp, pythons=pythons)
        assert run.exit_code == 1, run.stdout + run.stderr
        assert run.outputs["errors"] == "2"
        bins[n] = Path(run.steps["install"]["bin"])
    venvs = sorted(job_temp.iterdir())
    assert len(venvs) == 2
    assert bins[0] != bins[1] and bins[0] == bins[2]  # the third use reuses the first's
    assert {(v / "made-by").read_text().strip() for v in venvs} == {"3.10", "3.13"}
    for venv in venvs:  # installed once each, from the action's own checkout
        assert (venv / "pip.log").read_text().splitlines() == [
            f"-m pip install --quiet --disable-pip-version-check {REPO}"]


def test_simulated_run_warning_threshold_and_no_sarif(workspace: Path, tmp_path: Path):
    (workspace / "docs" / "report.md").write_text("## Results\n\nA world-class tool.\n")
    run = simulate(workspace, {"fail-on": "warning", "sarif-file": ""}, tmp_path)
    assert run.exit_code == 1
    assert run.outputs == {"sarif-file": "", "errors": "0", "warnings": "1", "notes": "0"}
    assert not (workspace / "reportlint.sarif").exists()
    run = simulate(workspace, {"fail-on": "error", "sarif-file": ""}, tmp_path / "b")
    assert run.exit_code == 0


@pytest.mark.parametrize("inputs, message", [
    ({"annotations": "yes"}, "the annotations input must be true or false"),
    ({"allow-local-rules": "1; rm -rf /"}, "the allow-local-rules input must be true or false"),
    ({"paths": "'unbalanced"}, "the paths input has an unbalanced quote: the single quote "
                               "(') at character 1 is never closed"),
])
def test_bad_inputs_fail_clearly(workspace: Path, tmp_path: Path, inputs: dict[str, str],
                                 message: str):
    run = simulate(workspace, inputs, tmp_path)
    assert run.exit_code == 2
    assert f"::error title=reportlint action::{message}" in run.stdout


def test_hostile_inputs_are_data_not_code(workspace: Path, tmp_path: Path):
    marker = tmp_path / "pwned"
    run = simulate(workspace, {
        "paths": f"docs/report.md $(touch {marker}) `touch {marker}`",
        "config": f".reportlint.yml\"; touch {marker}; echo \"",
        "sarif-file": f"x.sarif$(touch {marker})"}, tmp_path)
    assert not marker.exists()
    assert run.exit_code == 2  # the config path does not exist: a usage error, nothing ran


def test_config_errors_exit_2_with_outputs_empty(workspace: Path, tmp_path: Path):
    (workspace / ".reportlint.yml").write_text("rules:\n  no-such-rule: {}\n")
    run = simulate(workspace, {}, tmp_path)
    assert run.exit_code == 2
    assert run.outputs["errors"] == "" and run.outputs["sarif-file"] == ""
    assert "no-such-rule" in run.stderr


def test_json_summary_counts_match_the_cli(workspace: Path, tmp_path: Path):
    run = simulate(workspace, {"annotations": "false"}, tmp_path)
    proc = subprocess.run([str(Path(sys.executable).parent / "reportlint"), "check",
                           "--format", "json"], cwd=workspace, env=clean_env(),
                          capture_output=True, text=True)
    summary = json.loads(proc.stdout)["summary"]
    assert run.outputs["errors"] == str(summary["error"])
    assert run.outputs["warnings"] == str(summary["warning"])
