"""SARIF 2.1.0 for GitHub code scanning and editor SARIF viewers.

One log, one run:

- ``tool.driver``: name, version, semanticVersion, informationUri, every
  enabled rule (id, name, short and full description, help text and Markdown
  from the rule's documentation, helpUri to its page under ``docs/rules/``,
  defaultConfiguration level, properties tags and precision) and, as
  ``notifications``, the tool's own notices RL9xx.
- ``results``: one per finding except the tool's notices, with ruleId,
  ruleIndex, an explicit level, plain message text and exactly one location:
  a URI relative to the project root under ``uriBaseId`` ``%SRCROOT%``
  (``originalUriBaseIds`` maps it to the project folder) and a region with
  start and end line and column (columns count code points, end exclusive:
  ``columnKind`` ``unicodeCodePoints``). Evidence travels as
  ``relatedLocations`` with their own messages; ``partialFingerprints``
  (``reportlint/v1``) are stable across inserted lines (see
  :mod:`reportlint.baseline`). Inline suppressions become ``suppressions``
  of kind ``inSource`` (left out with ``sarif_omit_suppressed``: GitHub
  ignores them and would open alerts); with a baseline, ``baselineState``
  says ``unchanged`` or ``new``.
- ``invocations[0]``: executionSuccessful (false when a notice made the run
  fail with exit code 2), exit code, command line, start and end times, and
  the RL9xx notices as ``toolExecutionNotifications``.

The log is built as plain dicts, each property written only when it carries
information (no ``-1`` indexes or empty defaults) and ``level`` always
explicit, in a fixed key order. It was first built with sarif-om's object
model; importing sarif-om (attrs classes for the whole schema) took 60–90 ms,
more than a third of a whole ``reportlint check`` run, for objects that were
only serialised. The output is byte for byte what that version wrote (the
snapshot test) and is validated against the OASIS schema in the tests. The
output is deterministic apart from the timestamps.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reportlint.baseline import FINGERPRINT_KEY, fingerprints
from reportlint.engine import FileResult
from reportlint.finding import Finding
from reportlint.notices import NOTICES, is_notice
from reportlint.reporters import ReportInfo
from reportlint.ruledoc import docstring, render_doc
from reportlint.span import Span

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://github.com/reportlint/reportlint"
DOCS_URI = INFORMATION_URI + "/blob/main/docs/rules/"
SRCROOT = "%SRCROOT%"
_SPACE_RE = re.compile(r"\s+")


def rule_doc_filename(cls: Any) -> str:
    """``RL306-claim-not-in-source.md``: the rule's page under ``docs/rules/``."""
    return f"{cls.id}-{cls.name}.md"


def help_uri(cls: Any) -> str | None:
    explicit = getattr(cls, "help_uri", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    if cls.__module__.startswith("reportlint.rules.") and cls.id.startswith("RL"):
        return DOCS_URI + rule_doc_filename(cls)
    return None


def _sentence(text: str) -> str:
    text = _SPACE_RE.sub(" ", text).strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def full_description(cls: Any) -> str:
    """The "What it does" section of the docstring, as one paragraph."""
    doc = docstring(cls)
    m = re.search(r"^## What it does\s*\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    if m:
        first = m.group(1).strip().split("\n\n")[0]
        if first.strip():
            return _sentence(first)
    return _sentence(cls.summary)


def _region(span: Span) -> dict[str, int]:
    start_line = max(1, span.start.line)
    start_col = max(1, span.start.column)
    end_line = max(start_line, span.end.line)
    end_col = max(1, span.end.column)
    if end_line == start_line:
        end_col = max(start_col, end_col)
    return {"startLine": start_line, "startColumn": start_col,
            "endLine": end_line, "endColumn": end_col}


def _location(path: str, span: Span, message: str | None = None,
              loc_id: int | None = None) -> dict[str, Any]:
    uri = quote(posixpath.normpath(path) if path else ".", safe="/")
    out: dict[str, Any] = {}
    if loc_id is not None:
        out["id"] = loc_id
    if message is not None:
        out["message"] = {"text": message}
    out["physicalLocation"] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
                               "region": _region(span)}
    return out


def _descriptor_of(rule_id: str, name: str | None, short: str, full: str, help_text: str,
                   help_markdown: str, level: str, uri: str | None = None,
                   properties: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rule_id}
    if name:
        out["name"] = name
    out["shortDescription"] = {"text": short}
    out["fullDescription"] = {"text": full}
    out["defaultConfiguration"] = {"level": level}
    out["help"] = {"text": help_text, "markdown": help_markdown}
    if uri:
        out["helpUri"] = uri
    if properties:
        out["properties"] = properties
    return out


def _descriptor(cls: Any) -> dict[str, Any]:
    doc = render_doc(cls)
    props: dict[str, Any] = {"precision": getattr(cls, "precision", "high")}
    if cls.tags:
        props["tags"] = list(cls.tags)
    return _descriptor_of(cls.id, cls.name, _sentence(cls.summary), full_description(cls), doc,
                          doc, cls.default_severity.value, help_uri(cls), props)


def _fallback_descriptor(f: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule class was not handed over."""
    from reportlint.registry import RegistryError, default_registry

    try:
        return _descriptor(default_registry().get(f.rule_id))
    except RegistryError:
        pass
    text = f"Findings of rule {f.rule_id} {f.rule_name}.".replace("  ", " ")
    return _descriptor_of(f.rule_id, f.rule_name or None, text, text, text, text,
                          f.severity.value)


def _notice_descriptor(n: Any) -> dict[str, Any]:
    full = (_sentence(n.summary) + " A notice of reportlint itself, not a rule: it cannot be "
            "configured" + (", and it fails the run (exit code 2)." if n.fatal else "."))
    return _descriptor_of(n.id, n.name, _sentence(n.summary), full, full,
                          f"**{n.id} {n.name}**: {full}", n.severity.value,
                          DOCS_URI + "README.md#tool-notices")


def build_log(results: list[FileResult], info: ReportInfo) -> dict[str, Any]:
    """The SARIF log for ``results``, as JSON-ready dicts in a fixed key order."""
    rule_classes = list(info.rules)
    rule_index = {cls.id: i for i, cls in enumerate(rule_classes)}
    descriptors = [_descriptor(cls) for cls in rule_classes]
    notice_ids = list(NOTICES)
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        for f, fp in zip(r.findings, fingerprints(r)):
            if is_notice(f.rule_id):
                note: dict[str, Any] = {"level": f.severity.value,
                                        "message": {"text": f.message}}
                if f.rule_id in NOTICES:
                    note["descriptor"] = {"id": f.rule_id,
                                          "index": notice_ids.index(f.rule_id)}
                if f.path:
                    note["locations"] = [_location(f.path, f.span)]
                notifications.append(note)
                continue
            if f.suppressed and info.sarif_omit_suppressed:
                continue
            if f.rule_id not in rule_index:  # a rule missing from info.rules
                rule_index[f.rule_id] = len(descriptors)
                descriptors.append(_fallback_descriptor(f))
            sarif_results.append(_result(f, fp, rule_index[f.rule_id], info))
    driver = {"name": "reportlint", "version": info.version, "semanticVersion": info.version,
              "informationUri": INFORMATION_URI, "rules": descriptors,
              "notifications": [_notice_descriptor(NOTICES[i]) for i in notice_ids]}
    invocation: dict[str, Any] = {"executionSuccessful": info.exit_code != 2,
                                  "exitCode": info.exit_code}
    if info.command_line:
        invocation["commandLine"] = shlex.join(info.command_line)
        if info.command_line[1:]:
            invocation["arguments"] = list(info.command_line[1:])
    if info.start_time:
        invocation["startTimeUtc"] = info.start_time
    if info.end_time:
        invocation["endTimeUtc"] = info.end_time
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
    if info.project_root:
        run["originalUriBaseIds"] = {SRCROOT: {
            "uri": Path(info.project_root).resolve().as_uri().rstrip("/") + "/"}}
    run["invocations"] = [invocation]
    run["results"] = sarif_results
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _result(f: Finding, fp: str, index: int, info: ReportInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.rule_id, "ruleIndex": index, "level": f.severity.value,
                           "message": {"text": f.message},
                           "locations": [_location(f.path, f.span)]}
    if info.baseline:
        out["baselineState"] = "unchanged" if f.baselined else "new"
    out["partialFingerprints"] = {FINGERPRINT_KEY: fp}
    if f.fix:
        out["properties"] = {"fix": f.fix}
    related = [_location(info.related_path(f, rel.span.path), rel.span, rel.message, i)
               for i, rel in enumerate(f.related)]
    if related:
        out["relatedLocations"] = related
    if f.suppressed:
        supp: dict[str, Any] = {"kind": "inSource"}
        if f.suppression_reason is not None:
            supp["justification"] = f.suppression_reason
        out["suppressions"] = [supp]
    return out


def render(results: list[FileResult], info: ReportInfo) -> str:
    return json.dumps(build_log(results, info), indent=2, ensure_ascii=False) + "\n"
