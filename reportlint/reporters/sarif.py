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

The log is built with sarif-om's object model (the classes of the SARIF 2.1.0
schema) and serialised by :func:`to_json`, a walk over its attrs fields that
writes a property only when it carries information: sarif-om fills unset
indexes with ``-1`` and every property with its schema default, and
``jschema_to_python``'s serialiser drops defaults but also drops ``level:
"warning"``, which GitHub and several viewers expect to be explicit. So
``level`` is always written and nothing else equal to its default is.
sarif-om (attrs classes for the whole schema) costs 60–90 ms to import, so it is
imported only when a SARIF output is requested: text, JSON and GitHub runs do not
pay for it (a test checks). The log is validated against the OASIS schema in
the tests; the output is deterministic apart from the timestamps.
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


def _region(span: Span) -> Any:
    from sarif_om import Region

    start_line = max(1, span.start.line)
    start_col = max(1, span.start.column)
    end_line = max(start_line, span.end.line)
    end_col = max(1, span.end.column)
    if end_line == start_line:
        end_col = max(start_col, end_col)
    return Region(start_line=start_line, start_column=start_col, end_line=end_line,
                  end_column=end_col)


def _location(path: str, span: Span, message: str | None = None,
              loc_id: int | None = None) -> Any:
    from sarif_om import ArtifactLocation, Location, Message, PhysicalLocation

    uri = quote(posixpath.normpath(path) if path else ".", safe="/")
    return Location(
        id=-1 if loc_id is None else loc_id,  # -1 is sarif-om's "unset", left out
        message=Message(text=message) if message is not None else None,
        physical_location=PhysicalLocation(
            artifact_location=ArtifactLocation(uri=uri, uri_base_id=SRCROOT),
            region=_region(span)))


def _descriptor_of(rule_id: str, name: str | None, short: str, full: str, help_text: str,
                   help_markdown: str, level: str, uri: str | None = None,
                   properties: dict[str, Any] | None = None) -> Any:
    from sarif_om import MultiformatMessageString as Text
    from sarif_om import ReportingConfiguration, ReportingDescriptor

    return ReportingDescriptor(
        id=rule_id, name=name or None, short_description=Text(text=short),
        full_description=Text(text=full),
        default_configuration=ReportingConfiguration(level=level),
        help=Text(text=help_text, markdown=help_markdown), help_uri=uri or None,
        properties=properties or None)


def _descriptor(cls: Any) -> Any:
    doc = render_doc(cls)
    props: dict[str, Any] = {"precision": getattr(cls, "precision", "high")}
    if cls.tags:
        props["tags"] = list(cls.tags)
    return _descriptor_of(cls.id, cls.name, _sentence(cls.summary), full_description(cls), doc,
                          doc, cls.default_severity.value, help_uri(cls), props)


def _fallback_descriptor(f: Finding) -> Any:
    """A descriptor for a finding whose rule class was not handed over."""
    from reportlint.registry import RegistryError, default_registry

    try:
        return _descriptor(default_registry().get(f.rule_id))
    except RegistryError:
        pass
    text = f"Findings of rule {f.rule_id} {f.rule_name}.".replace("  ", " ")
    return _descriptor_of(f.rule_id, f.rule_name or None, text, text, text, text,
                          f.severity.value)


def _notice_descriptor(n: Any) -> Any:
    full = (_sentence(n.summary) + " A notice of reportlint itself, not a rule: it cannot be "
            "configured" + (", and it fails the run (exit code 2)." if n.fatal else "."))
    return _descriptor_of(n.id, n.name, _sentence(n.summary), full, full,
                          f"**{n.id} {n.name}**: {full}", n.severity.value,
                          DOCS_URI + "README.md#tool-notices")


def build_log(results: list[FileResult], info: ReportInfo) -> Any:
    """The SARIF log for ``results``, as a ``sarif_om.SarifLog``."""
    from sarif_om import (
        ArtifactLocation,
        Invocation,
        Message,
        Notification,
        ReportingDescriptorReference,
        Run,
        SarifLog,
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
                    level=f.severity.value, message=Message(text=f.message),
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
            sarif_results.append(_result(f, fp, rule_index[f.rule_id], info))
    driver = ToolComponent(
        name="reportlint", version=info.version, semantic_version=info.version,
        information_uri=INFORMATION_URI, rules=descriptors,
        notifications=[_notice_descriptor(NOTICES[i]) for i in notice_ids])
    cmd = info.command_line
    invocation = Invocation(
        execution_successful=info.exit_code != 2, exit_code=info.exit_code,
        command_line=shlex.join(cmd) if cmd else None,
        arguments=list(cmd[1:]) if cmd[1:] else None,
        start_time_utc=info.start_time or None, end_time_utc=info.end_time or None,
        tool_execution_notifications=notifications or None)
    base_ids = None
    if info.project_root:
        base_ids = {SRCROOT: ArtifactLocation(
            uri=Path(info.project_root).resolve().as_uri().rstrip("/") + "/")}
    run = Run(tool=Tool(driver=driver), column_kind="unicodeCodePoints",
              original_uri_base_ids=base_ids, invocations=[invocation],
              results=sarif_results)
    return SarifLog(schema_uri=SCHEMA_URI, version="2.1.0", runs=[run])


def _result(f: Finding, fp: str, index: int, info: ReportInfo) -> Any:
    from sarif_om import Message, Result, Suppression

    suppression = None
    if f.suppressed:
        suppression = [Suppression(kind="inSource", justification=f.suppression_reason)]
    return Result(
        rule_id=f.rule_id, rule_index=index, level=f.severity.value,
        message=Message(text=f.message), locations=[_location(f.path, f.span)],
        baseline_state=("unchanged" if f.baselined else "new") if info.baseline else None,
        partial_fingerprints={FINGERPRINT_KEY: fp},
        properties={"fix": f.fix} if f.fix else None,
        related_locations=[_location(info.related_path(f, rel.span.path), rel.span,
                                     rel.message, i)
                           for i, rel in enumerate(f.related)] or None,
        suppressions=suppression)


# Properties written even when equal to sarif-om's default: design.md asks for an
# explicit level on every result, rule configuration and notification.
_ALWAYS = frozenset({"level"})


def to_json(obj: Any) -> Any:
    """A sarif-om object as JSON-ready data: unset and default-valued properties left out.

    Keys follow sarif-om's field order (required properties first), except that a
    log starts with ``$schema`` and ``version`` as readers expect.
    """
    import attr

    if attr.has(type(obj)):
        out: dict[str, Any] = {}
        for a in attr.fields(type(obj)):
            value = getattr(obj, a.name)
            factory = getattr(a.default, "factory", None)  # an attr.Factory (a list, a dict)
            default = factory() if callable(factory) else a.default
            name = a.metadata.get("schema_property_name", a.name)
            if value is None or (value == default and name not in _ALWAYS):
                continue
            out[name] = to_json(value)
        if "$schema" in out:
            out = {"$schema": out.pop("$schema"), "version": out.pop("version"), **out}
        return out
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj


def render(results: list[FileResult], info: ReportInfo) -> str:
    return json.dumps(to_json(build_log(results, info)), indent=2, ensure_ascii=False) + "\n"
