"""Reporters turn results into text for people, JSON for scripts, SARIF, GitHub.

Each reporter module has ``render(results, report) -> str``; ``REPORTERS``
maps a format name to its module path, imported only when used (SARIF's
dependency is slow to import).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlint.engine import FileResult
from reportlint.finding import Finding

REPORTERS = {
    "text": "reportlint.reporters.text",
    "json": "reportlint.reporters.json",
    "sarif": "reportlint.reporters.sarif",
    "github": "reportlint.reporters.github",
}


@dataclass(eq=False)
class ReportInfo:
    """What a reporter may need besides the findings."""

    version: str
    rules: list[Any] = field(default_factory=list)  # enabled rule classes, in id order
    show_suppressed: bool = False
    color: bool = False
    command_line: list[str] = field(default_factory=list)
    start_time: str = ""
    end_time: str = ""
    exit_code: int = 0
    project_root: str = ""
    # where citations resolve, posix and relative to project_root ("" when the same):
    # related locations in other files are relative to it
    sources_root: str = ""
    sarif_omit_suppressed: bool = False  # for GitHub code scanning, which ignores suppressions
    baseline: bool = False  # a baseline was applied (SARIF then sets baselineState)
    fail_on: str = "error"
    extra: dict[str, Any] = field(default_factory=dict)

    def related_path(self, finding: Finding, path: str) -> str:
        """A related location's path: the engine already made it project-relative."""
        return path


def get(name: str) -> Callable[[list[FileResult], ReportInfo], str]:
    module = importlib.import_module(REPORTERS[name])
    return module.render


def visible(findings: list[Finding], info: ReportInfo) -> list[Finding]:
    return [f for f in findings if info.show_suppressed or not f.suppressed]


def counts(results: list[FileResult]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "note": 0, "suppressed": 0, "baselined": 0}
    for r in results:
        for f in r.findings:
            if f.suppressed:
                out["suppressed"] += 1
            elif f.baselined:
                out["baselined"] += 1
            else:
                out[f.severity.value] += 1
    return out
