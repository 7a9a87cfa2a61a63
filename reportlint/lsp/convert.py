"""Findings as LSP diagnostics.

reportlint's positions are 1-based lines and columns counted in code points;
LSP's are 0-based, with columns in the code units the client and server agreed
on (UTF-16 unless the client offers another). A span is converted on the text
it points into: the report's own lines, or the cited file's for a related
location (read only when the units differ from code points).

Each diagnostic carries the rule id as ``code``, a ``codeDescription`` linking
the rule's page (the URL SARIF's ``helpUri`` gives), the severity (note is
Information), the message, the evidence as ``relatedInformation`` and, in
``data``, the rule id for the suppression code action. Suppressed findings are
left out, as the text output leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from reportlint.engine import FileResult
from reportlint.finding import Finding, Severity
from reportlint.registry import Registry
from reportlint.reporters.sarif import help_uri
from reportlint.span import Position, Span

SOURCE = "reportlint"
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error,
            Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.NOTE: types.DiagnosticSeverity.Information}

LinesOf = Callable[[str], "Sequence[str] | None"]  # project-relative path -> its lines


@dataclass(frozen=True)
class Support:
    """What the client said it understands in published diagnostics."""

    related: bool = True
    code_description: bool = True
    data: bool = True

    @classmethod
    def of(cls, caps: types.ClientCapabilities) -> Support:
        pd = caps.text_document.publish_diagnostics if caps.text_document else None
        if pd is None:
            return cls(False, False, False)
        return cls(bool(pd.related_information), bool(pd.code_description_support),
                   bool(pd.data_support))


def position(codec: PositionCodec, lines: Sequence[str] | None, at: Position) -> types.Position:
    point = types.Position(line=max(0, at.line - 1), character=max(0, at.column - 1))
    if lines is None or codec.encoding == types.PositionEncodingKind.Utf32:
        return point
    if point.line >= len(lines):
        return point  # the end of the document: no text to count in
    return codec.position_to_client_units(lines, point)


def to_range(codec: PositionCodec, lines: Sequence[str] | None, span: Span) -> types.Range:
    return types.Range(start=position(codec, lines, span.start),
                       end=position(codec, lines, span.end))


def rule_page(registry: Registry, rule_id: str) -> str | None:
    """The rule's documentation page: the same URL as SARIF's ``helpUri``."""
    if registry.resolve(rule_id) is None:
        return None  # a tool notice (RL9xx) has no page of its own
    return help_uri(registry.get(rule_id))


def diagnostic(f: Finding, report_lines: Sequence[str] | None, codec: PositionCodec,
               registry: Registry, project_root: Path, lines_of: LinesOf,
               support: Support) -> types.Diagnostic:
    page = rule_page(registry, f.rule_id) if support.code_description else None
    related = None
    if support.related and f.related:
        related = []
        for r in f.related:
            lines = report_lines if r.span.path == f.path else lines_of(r.span.path)
            related.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=(project_root / r.span.path).as_uri(),
                                        range=to_range(codec, lines, r.span)),
                message=r.message))
    return types.Diagnostic(
        range=to_range(codec, report_lines, f.span), message=f.message,
        severity=SEVERITY[f.severity], code=f.rule_id, source=SOURCE,
        code_description=types.CodeDescription(href=page) if page else None,
        related_information=related,
        data={"rule": f.rule_id, "name": f.rule_name} if support.data else None)


def diagnostics(result: FileResult, codec: PositionCodec, registry: Registry,
                project_root: Path, lines_of: LinesOf,
                support: Support) -> list[types.Diagnostic]:
    return [diagnostic(f, result.lines, codec, registry, project_root, lines_of, support)
            for f in result.findings if not f.suppressed]
