"""Shared by the reporter and action tests: schemas, the installed command, sample results.

The schemas live in ``../shared/schemas`` beside the repository (never copied
in). A missing schema fails the test that needs it: CI must validate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from reportlint.document import Document
from reportlint.engine import FileResult
from reportlint.finding import Finding, Related, Severity
from reportlint.notices import notice
from reportlint.options import NoOptions
from reportlint.registry import default_registry
from reportlint.reporters import ReportInfo
from reportlint.span import Span
from reportlint.stats import document_stats

REPO = Path(__file__).resolve().parents[2]


def _schemas_folder() -> Path:
    """``../shared/schemas`` beside this checkout, or beside the checkout it was cloned
    from (a clone made elsewhere, e.g. ``git clone . /tmp/x``, still finds them)."""
    beside = (REPO / ".." / "shared" / "schemas").resolve()
    if beside.is_dir():
        return beside
    try:
        origin = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=REPO,
                                capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        origin = ""
    if origin and Path(origin).is_dir():
        source = (Path(origin) / ".." / "shared" / "schemas").resolve()
        if source.is_dir():
            return source
    return beside  # missing: load_schema says so and the test fails


SCHEMAS = _schemas_folder()
SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"
ACTION_SCHEMA = SCHEMAS / "github-action.json"


def load_schema(path: Path) -> dict[str, Any]:
    assert path.is_file(), (f"schema {path} is missing: the tests validate against "
                            "../shared/schemas (beside the repository, or beside the one it "
                            "was cloned from), which CI must provide")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = load_schema(SARIF_SCHEMA)
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def validate_sarif(log: str | dict[str, Any]) -> dict[str, Any]:
    """Parse (if needed) and validate a SARIF log against the official 2.1.0 schema."""
    data = json.loads(log) if isinstance(log, str) else log
    errors = sorted(_sarif_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "SARIF does not validate:\n" + "\n".join(
        f"  {'/'.join(map(str, e.path))}: {e.message}" for e in errors[:20])
    return data


def reportlint_exe() -> str:
    exe = Path(sys.executable).parent / "reportlint"
    found = str(exe) if exe.exists() else shutil.which("reportlint")
    assert found, "the reportlint command is not installed in this environment"
    return found


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that changes reportlint's defaults."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "RUNNER_")) and k not in ("NO_COLOR", "CI")}
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([reportlint_exe(), *args], cwd=cwd,
                          env=env if env is not None else clean_env(),
                          capture_output=True, text=True, timeout=120)


def rule_classes(*ids: str) -> list[Any]:
    reg = default_registry()
    return [reg.get(i) for i in ids]


REPORT = """\
# Quarterly report

## Results

Latency fell to 42 ms after the cache change (source: perf.md §Latency).

TODO: add the cost table.
"""


def sample_results(text: str = REPORT, path: str = "docs/report.md") -> list[FileResult]:
    """One report with an error carrying evidence, a warning, a note, a suppressed
    finding and an RL9xx notice; plus an unreadable file."""
    doc = Document(text, path)
    lines = text.split("\n")
    claim = next(i for i, line in enumerate(lines, 1) if "42 ms" in line)
    todo = next(i for i, line in enumerate(lines, 1) if line.startswith("TODO"))
    col = lines[claim - 1].index("42") + 1
    findings = [
        Finding(span=Span.at(claim, col, claim, col + 5, path), rule_id="RL306",
                rule_name="claim-not-in-source", severity=Severity.ERROR,
                message='"42 ms" appears in none of the cited files',
                related=(Related(Span.at(7, 1, 7, 30, "sources/perf.md"),
                                 "expected in perf.md §Latency, which says 47 ms"),
                         Related(Span.at(3, 5, 3, 9, "sources/bench/run.md"),
                                 "42 ms occurs here")),
                fix="cite bench/run.md"),
        Finding(span=Span.at(claim, 1, claim, 8, path), rule_id="RL210",
                rule_name="banned-phrases", severity=Severity.WARNING,
                message='banned phrase "Latency"'),
        Finding(span=Span.at(todo, 1, todo, 5, path), rule_id="RL211",
                rule_name="placeholders", severity=Severity.NOTE,
                message='placeholder "TODO" left in the text'),
        Finding(span=Span.at(todo, 7, todo, 10, path), rule_id="RL211",
                rule_name="placeholders", severity=Severity.ERROR,
                message='placeholder "add" left in the text', suppressed=True,
                suppression_reason="agreed with finance"),
        notice("RL901", "disable names unknown rule 'RL999'", path, Span.at(1, 1, 1, 3)),
    ]
    findings.sort(key=Finding.sort_key)
    return [FileResult(path, findings, doc, doc.lines, document_stats(doc)),
            FileResult("docs/broken.md", [notice("RL904", "docs/broken.md: not UTF-8",
                                                 "docs/broken.md")])]


class FakeRule:
    """Stands in for RL306 until the evidence rules land: a rule class's metadata."""

    id = "RL306"
    name = "claim-not-in-source"
    summary = "A number of a sourced claim appears in the cited files."
    __doc__ = ("## What it does\nChecks every number of a sourced claim against the cited "
               "files.\n\n## Why is this bad?\nInvented numbers.\n\n## Example\n`x`\n")
    __module__ = "reportlint.rules.rl306_claim_not_in_source"
    default_severity = Severity.ERROR
    tags = ("evidence",)
    precision = "high"
    enabled_by_default = True
    Options = NoOptions


def fake_rule(rule_id: str, name: str, severity: Severity, tags: tuple[str, ...] = ()) -> Any:
    """A stand-in rule class with fixed metadata (snapshots must not follow real docstrings)."""
    return type(f"Fake{rule_id}", (FakeRule,), {
        "id": rule_id, "name": name, "summary": f"Summary of {name}.",
        "default_severity": severity, "tags": tags,
        "__doc__": f"## What it does\nChecks {name}.\n\n## Why is this bad?\nIt is.\n\n"
                   "## Example\n`x`\n",
        "__module__": f"reportlint.rules.{rule_id.lower()}"})


FAKE_RULES = [FakeRule, fake_rule("RL210", "banned-phrases", Severity.WARNING, ("wording",)),
              fake_rule("RL211", "placeholders", Severity.ERROR)]


def sample_info(**kw: Any) -> ReportInfo:
    rules = [FakeRule, *rule_classes("RL210", "RL211")]
    defaults: dict[str, Any] = dict(
        version="0.1.0", rules=rules, command_line=["reportlint", "check", "docs"],
        start_time="2024-01-01T00:00:00.000Z", end_time="2024-01-01T00:00:01.000Z",
        exit_code=2, project_root=str(REPO), sources_root="sources")
    defaults.update(kw)
    return ReportInfo(**defaults)
