"""The language server: pygls speaks the protocol, the engine lints.

- ``textDocument/didOpen``: lint at once and publish the diagnostics.
- ``textDocument/didChange``: lint once the typing pauses (``debounce``
  seconds, 0.3 by default; the ``debounce`` initialization option sets it).
- ``textDocument/didSave``: a report is linted at once. Any saved file under a
  project's roots may be evidence (a cited file, or one where a number turns
  up elsewhere), so the project's cached source indexes are dropped and its
  open reports linted again; a saved configuration reloads every project.
  ``workspace/didChangeWatchedFiles`` does the same for changes made outside
  the editor (the server asks for them when the client can register them).
- ``textDocument/didClose``: the report's diagnostics are cleared.
- ``textDocument/hover`` on a source tag: where each citation resolved and
  whether the numbers were found (``hover.describe_tag``).
- ``textDocument/codeAction``: a quick fix per reportlint diagnostic that
  inserts a suppression comment (``actions.suppression``).

The text linted is the editor's buffer; cited files are read from disk. A
configuration error is one diagnostic at the top of the report. A handler that
fails logs the error and answers the request with an error: the server goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from reportlint import __version__
from reportlint.discovery import CONFIG_NAMES
from reportlint.document import Document
from reportlint.engine import FileResult
from reportlint.lsp import actions, convert
from reportlint.lsp.hover import describe_tag
from reportlint.lsp.projects import Project, Projects
from reportlint.span import Position

log = logging.getLogger(__name__)
DEBOUNCE = 0.3
CONFIG_FILES = frozenset((*CONFIG_NAMES, "pyproject.toml"))


class ReportlintProtocol(LanguageServerProtocol):
    """pygls's protocol, answering a request it cannot read with an error.

    pygls logs a request whose parameters do not match the method's types and
    drops it; the client would wait forever. The request's id is known, so it
    gets the error response the specification asks for (InvalidParams).
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "method" in data and isinstance(
                    data.get("id"), (int, str)):
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class ReportlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("reportlint", __version__, protocol_cls=ReportlintProtocol)
        self.projects = Projects()
        self.debounce = DEBOUNCE
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.linted: dict[str, tuple[Project, FileResult]] = {}

    # ------------------------------------------------------------------ where

    def _roots(self) -> list[Path]:
        folders = [Path(to_fs_path(f.uri) or "") for f in self.workspace.folders.values()]
        if not folders and self.workspace.root_path:
            folders = [Path(self.workspace.root_path)]
        return [f.resolve() for f in folders if str(f)]

    def _inside_workspace(self, path: Path) -> bool:
        roots = self._roots()
        real = path.resolve()
        return not roots or any(real == r or r in real.parents for r in roots)

    # ------------------------------------------------------------------ linting

    def lint(self, uri: str) -> None:
        """Lint the open document ``uri`` and publish its diagnostics."""
        self.cancel(uri)
        document = self.workspace.get_text_document(uri)
        path = Path(document.path) if document.uri.startswith("file:") else None
        if path is None or not self._inside_workspace(path):
            return
        project = self.projects.for_document(path)
        if project.error is not None:
            self.linted.pop(uri, None)
            self._publish(uri, [types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0),
                                  end=types.Position(line=0, character=0)),
                message=f"reportlint is not linting this file: {project.error}",
                severity=types.DiagnosticSeverity.Error, source=convert.SOURCE,
                code="configuration")], document.version)
            return
        if not project.lints(path):
            self.linted.pop(uri, None)
            self._publish(uri, [], document.version)
            return
        result = project.lint(path, document.source)
        self.linted[uri] = (project, result)
        assert project.run is not None
        codec = self.workspace.position_codec
        diagnostics = convert.diagnostics(
            result, codec, project.run.registry, project.run.project_root,
            lambda rel: self._lines_of(project, rel, codec),
            convert.Support.of(self.client_capabilities))
        self._publish(uri, diagnostics, document.version)

    def _publish(self, uri: str, diagnostics: list[types.Diagnostic],
                 version: int | None) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=version))

    def _lines_of(self, project: Project, rel: str, codec: Any) -> Sequence[str] | None:
        """A related file's lines, to count its columns in the client's units."""
        if codec.encoding == types.PositionEncodingKind.Utf32:
            return None
        path = (project.project_root / rel).resolve()
        if not project.contains(path):
            return None  # never read outside the roots
        try:
            return path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return None

    def schedule(self, uri: str) -> None:
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self._lint_logged, uri)

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def _lint_logged(self, uri: str) -> None:
        self.pending.pop(uri, None)
        try:
            self.lint(uri)
        except Exception:  # a debounced lint has no request to answer: log it
            log.exception("reportlint: linting %s failed", uri)

    def disk_changed(self, path: Path, skip: str | None = None) -> None:
        """A file changed on disk: lint again every open report it may concern."""
        if path.name in CONFIG_FILES:
            self.projects.forget()
            concerned = list(self.workspace.text_documents)  # errors may be fixed too
        else:
            projects = self.projects.containing(path)
            for p in projects:
                p.sources_changed()
            concerned = [u for u, (p, _r) in self.linted.items() if p in projects]
        for uri in concerned:
            if uri != skip and uri in self.workspace.text_documents:
                self.lint(uri)


server = ReportlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: ReportlintServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce"]))


@server.feature(types.INITIALIZED)
async def initialized(ls: ReportlintServer, params: types.InitializedParams) -> None:
    watched = ls.client_capabilities.workspace
    if watched and watched.did_change_watched_files and \
            watched.did_change_watched_files.dynamic_registration:
        try:
            await ls.client_register_capability_async(types.RegistrationParams(
                registrations=[types.Registration(
                    id="reportlint-watched-files",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[types.FileSystemWatcher(glob_pattern="**/*")]))]))
        except Exception as exc:  # saves in the editor still re-lint: carry on
            log.warning("reportlint: the client refused to watch files: %s", exc)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ReportlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ReportlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: ReportlintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.lint(uri)
    path = to_fs_path(uri)
    if path:
        ls.disk_changed(Path(path), skip=uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ReportlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    ls.linted.pop(uri, None)
    ls._publish(uri, [], None)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: ReportlintServer,
                             params: types.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = to_fs_path(change.uri)
        if path:
            ls.disk_changed(Path(path))


def _document(ls: ReportlintServer, uri: str) -> tuple[Project, FileResult,
                                                        TextDocument] | None:
    found = ls.linted.get(uri)
    if found is None or uri not in ls.workspace.text_documents:
        return None
    return found[0], found[1], ls.workspace.get_text_document(uri)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ReportlintServer, params: types.HoverParams) -> types.Hover | None:
    found = _document(ls, params.text_document.uri)
    if found is None:
        return None
    project, result, document = found
    assert project.run is not None
    doc = Document(document.source, result.path)
    at = document.position_codec.position_from_client_units(document.lines, params.position)
    described = describe_tag(doc, project.run.context(result.path),
                             Position(at.line + 1, at.character + 1))
    if described is None:
        return None
    span, text = described
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=convert.to_range(document.position_codec, doc.lines, span))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: ReportlintServer,
                params: types.CodeActionParams) -> list[types.CodeAction] | None:
    found = _document(ls, params.text_document.uri)
    if found is None:
        return None
    _project, result, document = found
    doc = Document(document.source, result.path)
    codec = document.position_codec
    out = []
    for d in params.context.diagnostics:
        rule = d.code if isinstance(d.code, str) else None
        if d.source != convert.SOURCE or rule is None or rule.startswith("RL9") \
                or rule == "configuration":
            continue  # tool notices cannot be suppressed
        start = codec.position_from_client_units(document.lines, d.range.start)
        whole = d.range.start == d.range.end == types.Position(line=0, character=0)
        fix = actions.suppression(doc, rule, start.line + 1, start.character + 1, whole)
        edits = [types.TextEdit(range=types.Range(start=pos, end=pos), new_text=e.text)
                 for e in fix.edits
                 for pos in [convert.position(codec, doc.lines,
                                              Position(e.line + 1, e.column + 1))]]
        out.append(types.CodeAction(
            title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[d],
            edit=types.WorkspaceEdit(changes={params.text_document.uri: edits})))
    return out


def serve() -> None:
    """Run the server on standard input and output until the client ends it."""
    logging.basicConfig(level=logging.WARNING, format="reportlint lsp: %(message)s")
    server.start_io()
