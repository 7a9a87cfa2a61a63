"""SARIF 2.1.0 for GitHub code scanning and editor SARIF viewers, built with sarif-om.

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

sarif-om's attrs classes carry placeholder defaults (``-1`` indexes,
``rank``, ``language``, ``newlineSequences``…); the serializer below writes a
property only when it differs from its default, except ``level``, which is
always explicit. The output is deterministic apart from the timestamps.
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
ALWAYS = frozenset({"level"})  # written even when equal to sarif-om's default
# properties first in this order (sarif-om's own order is required-first, then alphabetical)
KEY_ORDER = ("$schema", "id", "name", "version", "ruleId", "ruleIndex", "level", "kind",
             "message", "descriptor", "locations", "semanticVersion", "informationUri",
             "shortDescription", "fullDescription", "defaultConfiguration", "help", "helpUri",
             "physicalLocation", "artifactLocation", "uri", "uriBaseId", "region", "startLine",
             "startColumn", "endLine", "endColumn", "tool", "driver", "rules", "notifications",
             "executionSuccessful", "exitCode", "commandLine", "arguments", "startTimeUtc",
             "endTimeUtc", "columnKind", "originalUriBaseIds", "invocations", "results")
_RANK = {k: i for i, k in enumerate(KEY_ORDER)}

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


def to_json(obj: Any) -> Any:
    """Serialise sarif-om objects: no property equal to its default, except ``level``."""
    import attr

    if attr.has(type(obj)):
        out: dict[str, Any] = {}
        for a in attr.fields(type(obj)):
            value = getattr(obj, a.name)
            if value is None:
                continue
            name = a.metadata.get("schema_property_name", a.name)
            default = a.default
            factory = getattr(default, "factory", None)  # an attr.Factory
            if callable(factory):
                default = factory()
            if default is not attr.NOTHING and value == default and name not in ALWAYS:
                continue
            out[name] = to_json(value)
        return {k: out[k] for k in sorted(out, key=lambda k: _RANK.get(k, len(_RANK)))}
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj


def _region(span: Span) -> Any:
    from sarif_om import Region

    start_line = max(1, span.start.line)
    start_col = max(1, span.start.column)
    end_line = max(start_line, span.end.line)
    end_col = max(1, span.end.column)
    if end_line == start_line:
        end_col = max(start_col, end_col)
    return Region(start_line=start_line, start_column=start_col,
                  end_line=end_line, end_column=end_col)


def _location(path: str, span: Span, message: str | None = None,
              loc_id: int | None = None) -> Any:
    from sarif_om import ArtifactLocation, Location, Message, PhysicalLocation

    uri = quote(posixpath.normpath(path) if path else ".", safe="/")
    return Location(
        id=loc_id if loc_id is not None else -1,
        physical_location=PhysicalLocation(
            artifact_location=ArtifactLocation(uri=uri, uri_base_id=SRCROOT),
            region=_region(span)),
        message=Message(text=message) if message is not None else None)


def _descriptor(cls: Any) -> Any:
    from sarif_om import MultiformatMessageString, ReportingConfiguration, ReportingDescriptor

    doc = render_doc(cls)
    props: dict[str, Any] = {"precision": getattr(cls, "precision", "high")}
    if cls.tags:
        props["tags"] = list(cls.tags)
    return ReportingDescriptor(
        id=cls.id, name=cls.name,
        short_description=MultiformatMessageString(text=_sentence(cls.summary)),
        full_description=MultiformatMessageString(text=full_description(cls)),
        help=MultiformatMessageString(text=doc, markdown=doc),
        help_uri=help_uri(cls),
        default_configuration=ReportingConfiguration(level=cls.default_severity.value),
        properties=props)


def _fallback_descriptor(f: Finding) -> Any:
    """A descriptor for a finding whose rule class was not handed over."""
    from sarif_om import MultiformatMessageString, ReportingConfiguration, ReportingDescriptor

    from reportlint.registry import RegistryError, default_registry

    try:
        return _descriptor(default_registry().get(f.rule_id))
    except RegistryError:
        pass
    text = f"Findings of rule {f.rule_id} {f.rule_name}.".replace("  ", " ")
    return ReportingDescriptor(
        id=f.rule_id, name=f.rule_name or None,
        short_description=MultiformatMessageString(text=text),
        full_description=MultiformatMessageString(text=text),
        help=MultiformatMessageString(text=text, markdown=text),
        default_configuration=ReportingConfiguration(level=f.severity.value))


def _notice_descriptor(n: Any) -> Any:
    from sarif_om import MultiformatMessageString, ReportingConfiguration, ReportingDescriptor

    full = (_sentence(n.summary) + " A notice of reportlint itself, not a rule: it cannot be "
            "configured" + (", and it fails the run (exit code 2)." if n.fatal else "."))
    return ReportingDescriptor(
        id=n.id, name=n.name,
        short_description=MultiformatMessageString(text=_sentence(n.summary)),
        full_description=MultiformatMessageString(text=full),
        help=MultiformatMessageString(text=full, markdown=f"**{n.id} {n.name}**: {full}"),
        help_uri=DOCS_URI + "README.md#tool-notices",
        default_configuration=ReportingConfiguration(level=n.severity.value))


def build_log(results: list[FileResult], info: ReportInfo) -> Any:
    """The sarif-om ``SarifLog`` for ``results``."""
    from sarif_om import (
        ArtifactLocation,
        Invocation,
        Message,
        Notification,
        ReportingDescriptorReference,
        Result,
        Run,
        SarifLog,
        Suppression,
        Tool,
        ToolComponent,
    )

    rule_classes = list(info.rules)
    rule_index = {cls.id: i for i, cls in enumerate(rule_classes)}
    descriptors = [_descriptor(cls) for cls in rule_classes]
    notice_ids = list(NOTICES)
    sarif_results: list[Any] = []
    notifications: list[Any] = []
    for r in results:
        for f, fp in zip(r.findings, fingerprints(r)):
            if is_notice(f.rule_id):
                notifications.append(Notification(
                    message=Message(text=f.message), level=f.severity.value,
                    descriptor=ReportingDescriptorReference(
                        id=f.rule_id, index=notice_ids.index(f.rule_id))
                    if f.rule_id in NOTICES else None,
                    locations=[_location(f.path, f.span)] if f.path else None))
                continue
            if f.suppressed and info.sarif_omit_suppressed:
                continue
            if f.rule_id not in rule_index:  # a rule missing from info.rules
                rule_index[f.rule_id] = len(descriptors)
                descriptors.append(_fallback_descriptor(f))
            sarif_results.append(_result(f, fp, rule_index[f.rule_id], info,
                                         Result, Message, Suppression))
    driver = ToolComponent(
        name="reportlint", version=info.version, semantic_version=info.version,
        information_uri=INFORMATION_URI, rules=descriptors,
        notifications=[_notice_descriptor(NOTICES[i]) for i in notice_ids])
    invocation = Invocation(
        execution_successful=info.exit_code != 2,
        exit_code=info.exit_code,
        command_line=shlex.join(info.command_line) if info.command_line else None,
        arguments=list(info.command_line[1:]) or None,
        start_time_utc=info.start_time or None,
        end_time_utc=info.end_time or None,
        tool_execution_notifications=notifications or None)
    base_ids = None
    if info.project_root:
        base_ids = {SRCROOT: ArtifactLocation(uri=Path(info.project_root).resolve().as_uri()
                                              .rstrip("/") + "/")}
    run = Run(tool=Tool(driver=driver), results=sarif_results, invocations=[invocation],
              original_uri_base_ids=base_ids, column_kind="unicodeCodePoints")
    return SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def _result(f: Finding, fp: str, index: int, info: ReportInfo, Result: Any, Message: Any,
            Suppression: Any) -> Any:
    related = [_location(info.related_path(f, rel.span.path), rel.span, rel.message, i)
               for i, rel in enumerate(f.related)]
    props = {"fix": f.fix} if f.fix else None
    return Result(
        rule_id=f.rule_id, rule_index=index, level=f.severity.value,
        message=Message(text=f.message),
        locations=[_location(f.path, f.span)],
        related_locations=related or None,
        partial_fingerprints={FINGERPRINT_KEY: fp},
        suppressions=[Suppression(kind="inSource", justification=f.suppression_reason)]
        if f.suppressed else None,
        baseline_state=("unchanged" if f.baselined else "new") if info.baseline else None,
        properties=props)


def render(results: list[FileResult], info: ReportInfo) -> str:
    return json.dumps(to_json(build_log(results, info)), indent=2, ensure_ascii=False) + "\n"
