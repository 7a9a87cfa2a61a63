"""Helpers for testing rules, for reportlint's own tests and for plugin authors.

``lint_string(markdown, rules=[MyRule], config={...}, files={...})`` lints a
report with the given rules, which need not be installed: a plugin author can
test a rule before packaging it. Only those rules run; ``config`` is what a
``.reportlint.yml`` would hold (the rules' options and severities,
``evidence:``, ``sources:``) and is validated the same way, so a mistake
raises the same ``ConfigError`` the command line prints; ``files`` are the
other files of the project (the sources a report cites), written with the
report into a temporary folder that is the project and sources root. Installed
plugins never take part: the registry holds the built-in rules and the given
classes.

``lint_string(markdown, {"RL101": {...options...}})`` (a mapping of rule ids
or names to options) lints in place, with ``root`` as the sources root, as
reportlint's fixture tests do.

``render_findings`` turns findings into the stable text used in snapshots:
``LINE:COL-ENDLINE:ENDCOL RULE severity message`` plus indented related
locations.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from reportlint.config import (
    Config,
    ConfigError,
    _rule_config,
    apply_selection,
    display,
    load_config,
)
from reportlint.engine import Run, lint_text
from reportlint.finding import Finding
from reportlint.registry import Registry, default_registry
from reportlint.rule import Rule
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


def registry_with(rules: Iterable[type[Rule]] = ()) -> Registry:
    """The built-in rules and ``rules``; no installed plugin."""
    reg = Registry()
    reg.load_entry_points(plugins=False)
    for cls in rules:
        if reg.resolve(cls.id) is None or reg.get(cls.id) is not cls:
            reg.add(cls, f"{cls.__module__} (lint_string)")
    return reg


def lint_string(text: str,
                rules: Iterable[type[Rule] | str] | Mapping[str, Mapping[str, Any] | None] = (),
                config: Mapping[str, Any] | str | None = None,
                files: Mapping[str, str | bytes] | None = None,
                path: str = "report.md", root: Path | None = None,
                evidence: Mapping[str, Any] | None = None) -> list[Finding]:
    """Lint ``text`` (the report at ``path``) with ``rules``; its findings, sorted.

    ``rules``: rule classes (installed or not) and ids or names of built-in
    rules; only these run (all that ``config`` enables when empty).
    ``config``: a ``.reportlint.yml`` as a mapping or as YAML text.
    ``files``: ``{relative path: content}`` of the files around the report.
    """
    if isinstance(rules, Mapping):
        run = make_run(rules, root, evidence=evidence)
        return lint_text(run, text, path).findings
    if root is not None or evidence is not None:
        raise TypeError("root and evidence go with a mapping of rules; "
                        "use config={'evidence': ...} and files={...}")
    chosen = list(rules)
    registry = registry_with(r for r in chosen if isinstance(r, type))
    with tempfile.TemporaryDirectory(prefix="reportlint-test-") as tmp:
        base = Path(tmp).resolve()
        (base / ".git").mkdir()  # the project root, as in a checkout
        for name, content in {**(files or {}), path: text}.items():
            target = base / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        config_file = base / ".reportlint.yml"
        if isinstance(config, str):
            config_file.write_text(config, encoding="utf-8")
        else:
            import yaml

            config_file.write_text(yaml.safe_dump(dict(config or {}), sort_keys=False),
                                   encoding="utf-8")
        try:
            cfg, registry = load_config(config_file, cwd=base, registry=registry)
        except ConfigError as exc:  # name the file as the caller knows it
            shown = ".reportlint.yml" if exc.file == display(config_file) else exc.file
            raise ConfigError(exc.message, shown, exc.line) from None
        if chosen:
            refs = [r.id if isinstance(r, type) else r for r in chosen]
            apply_selection(cfg, registry, select=refs)
        run = Run.create(cfg, registry, base)
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
