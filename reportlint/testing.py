"""Helpers for testing rules on fixtures, for reportlint's tests and plugin authors.

``lint_string(markdown, rules={...})`` lints text with only the named rules
enabled, configured with the given options, and returns the findings;
``render_findings`` turns them into the stable text used in snapshots:
``LINE:COL-ENDLINE:ENDCOL RULE severity message`` plus indented related
locations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from reportlint.config import Config, _rule_config
from reportlint.engine import Run, lint_text
from reportlint.finding import Finding
from reportlint.registry import Registry, default_registry
from reportlint.yamlload import LineDict


def make_run(rules: Mapping[str, Mapping[str, Any] | None], root: Path | None = None,
             registry: Registry | None = None, evidence: Mapping[str, Any] | None = None) -> Run:
    """A Run with exactly ``rules`` enabled (keyed by id or name, valued by options)."""
    reg = registry or default_registry()
    base = root or Path.cwd()
    cfg = Config(file=None, base_dir=base, evidence=LineDict(evidence or {}))
    for ref, opts in rules.items():
        cls = reg.get(ref)
        raw = LineDict(opts or {})
        cfg.rules[cls.id] = _rule_config(cls, raw, cfg)
    return Run.create(cfg, reg, base, base)


def lint_string(text: str, rules: Mapping[str, Mapping[str, Any] | None],
                path: str = "report.md", root: Path | None = None,
                evidence: Mapping[str, Any] | None = None) -> list[Finding]:
    run = make_run(rules, root, evidence=evidence)
    return lint_text(run, text, path).findings


def render_findings(findings: Iterable[Finding]) -> str:
    lines = []
    for f in findings:
        s = f.span
        flag = " (suppressed)" if f.suppressed else ""
        lines.append(f"{s.start.line}:{s.start.column}-{s.end.line}:{s.end.column} "
                     f"{f.rule_id} {f.severity.value} {f.message}{flag}")
        for r in f.related:
            rs = r.span
            lines.append(f"    -> {rs.path}:{rs.start.line}:{rs.start.column}-"
                         f"{rs.end.line}:{rs.end.column} {r.message}")
    return "\n".join(lines) + ("\n" if lines else "")
