"""`reportlint lsp` end to end: pytest-lsp (pygls's LSP client) drives the real server over
stdio the way an editor does, with Visual Studio Code's client capabilities (so positions
are in UTF-16 code units).

Covered: diagnostics on open equal to `reportlint check`'s findings (rule, range, severity,
message, related locations, the rule page of SARIF's helpUri), on change and on save; a
saved cited file re-linting the open report; hover on a source tag; the suppression quick
fix; a configuration error; files that are not reports; malformed requests answered with
an error while the server goes on.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.reporters.support import clean_env, run_cli

CONFIG = """\
rules:
  mermaid-blocks: {severity: off}
  placeholders: {severity: error}
  banned-phrases: {severity: warning}
documents: [docs/*.md]
"""
# a line with an emoji (two UTF-16 units) before a finding: columns must be converted
REPORT = """\
## Results

The cache cut latency to 42 ms (source: results/perf.md §Latency).

Throughput rose to 900 rps (source: results/perf.md §Throughput).

Shipped 🚀 a world-class TODO list.
"""
PERF = """\
# Performance

## Latency

p50 latency: 42 ms

## Throughput

peak: 850 rps
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "results").mkdir()
    (root / ".reportlint.yml").write_text(CONFIG)
    (root / "docs" / "report.md").write_text(REPORT, encoding="utf-8")
    (root / "results" / "perf.md").write_text(PERF)
    (root / "README.md").write_text("TODO: not a report\n")
    return root


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "reportlint", "lsp"], server_env=clean_env()))
async def client(lsp_client: LanguageClient, project: Path):
    registered: list[types.Registration] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # as an editor does
        registered.extend(params.registrations)

    lsp_client.registered = registered  # type: ignore[attr-defined]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=project.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=project.as_uri(), name="project")],
        initialization_options={"debounce": 0.05}))
    yield
    await lsp_client.shutdown_session()


TIMEOUT = 30.0  # a bound against a hang, not a timing assertion


async def published(client: LanguageClient, uri: str, before: object = None,
                    ) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` once a publication newer than ``before`` arrived."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while client.diagnostics.get(uri) is before or uri not in client.diagnostics:
        assert loop.time() < deadline, f"no diagnostics published for {uri}"
        await asyncio.sleep(0.02)
    return list(client.diagnostics[uri])


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1,
            text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _utf16(line: str, column: int) -> int:
    """A 1-based code-point column as a 0-based UTF-16 character offset."""
    return len(line[:column - 1].encode("utf-16-le")) // 2


def _expected(project: Path, report: str) -> list[tuple]:
    """`reportlint check`'s findings as (code, range, severity, message, related)."""
    r = run_cli("check", "--format", "json", report, cwd=project)
    lines = {report: (project / report).read_text(encoding="utf-8").split("\n")}
    sev = {"error": 1, "warning": 2, "note": 3}
    out = []
    for f in json.loads(r.stdout)["findings"]:
        if f["suppressed"]:
            continue
        text = lines[f["path"]]
        related = []
        for rel in f["related"]:
            rlines = lines.setdefault(rel["path"], (project / rel["path"]).read_text(
                encoding="utf-8").split("\n"))
            related.append(((project / rel["path"]).as_uri(), rel["line"] - 1,
                            _utf16(rlines[rel["line"] - 1], rel["column"]), rel["message"]))
        out.append((f["rule_id"], f["line"] - 1, _utf16(text[f["line"] - 1], f["column"]),
                    f["end_line"] - 1, _utf16(text[f["end_line"] - 1], f["end_column"]),
                    sev[f["severity"]], f["message"], related))
    return out


def _actual(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line,
             d.range.end.character, int(d.severity or 0), d.message,
             [(r.location.uri, r.location.range.start.line,
               r.location.range.start.character, r.message)
              for r in d.related_information or []]) for d in diagnostics]


@pytest.mark.asyncio
async def test_diagnostics_on_open_equal_check(client: LanguageClient, project: Path):
    uri = _open(client, project / "docs" / "report.md")
    diagnostics = await published(client, uri)
    expected = _expected(project, "docs/report.md")
    assert {e[0] for e in expected} == {"RL210", "RL211", "RL306"}
    assert _actual(diagnostics) == expected
    # the emoji counts two UTF-16 units: "world-class" starts at code point 12, unit 13
    (banned,) = [d for d in diagnostics if d.code == "RL210"]
    assert (banned.range.start.character, banned.range.end.character) == (13, 24)
    # every diagnostic links its rule page: the URL of SARIF's helpUri
    sarif = json.loads(run_cli("check", "--format", "sarif", "docs/report.md",
                               cwd=project).stdout)
    help_uris = {r["id"]: r["helpUri"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for d in diagnostics:
        assert d.source == "reportlint"
        assert d.code_description is not None
        assert d.code_description.href == help_uris[d.code]
    (claim,) = [d for d in diagnostics if d.code == "RL306"]
    assert claim.related_information
    assert claim.related_information[0].location.uri == (project / "results" /
                                                         "perf.md").as_uri()


@pytest.mark.asyncio
async def test_change_is_linted_and_save_too(client: LanguageClient, project: Path):
    path = project / "docs" / "report.md"
    uri = _open(client, path)
    first = await published(client, uri)
    assert "RL211" in {d.code for d in first}
    # several quick edits: the server lints the last text
    _change(client, uri, 2, REPORT.replace("TODO", "TO"))
    _change(client, uri, 3, REPORT.replace("TODO", "TODO-ish"))
    fixed = REPORT.replace(" TODO list", " list").replace("world-class", "solid")
    _change(client, uri, 4, fixed)
    after = await published(client, uri, client.diagnostics[uri])
    while {d.code for d in after} != {"RL306"}:  # an earlier edit's lint may land first
        after = await published(client, uri, client.diagnostics[uri])
    path.write_text(fixed, encoding="utf-8")
    check = _expected(project, "docs/report.md")
    assert _actual(after) == check
    # save: linted again, from the buffer
    _change(client, uri, 5, fixed + "\nTBD\n")
    before = client.diagnostics[uri]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    saved = await published(client, uri, before)
    while "RL211" not in {d.code for d in saved}:
        saved = await published(client, uri, client.diagnostics[uri])
    (tbd,) = [d for d in saved if d.code == "RL211"]
    assert tbd.range.start.line == 8
    # closing the report clears its diagnostics
    before = client.diagnostics[uri]
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await published(client, uri, before) == []


@pytest.mark.asyncio
async def test_saving_a_cited_file_lints_the_open_report_again(client: LanguageClient,
                                                               project: Path):
    uri = _open(client, project / "docs" / "report.md")
    diagnostics = await published(client, uri)
    assert [d.message for d in diagnostics if d.code == "RL306"] == [
        "900 rps is not in the cited source (results/perf.md)"]
    perf = project / "results" / "perf.md"
    perf_uri = _open(client, perf)
    assert await published(client, perf_uri) == []  # a cited file is not a report
    perf.write_text(PERF.replace("850 rps", "900 rps"))
    before = client.diagnostics[uri]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=perf_uri)))
    again = await published(client, uri, before)
    assert "RL306" not in {d.code for d in again}
    assert _actual(again) == _expected(project, "docs/report.md")


@pytest.mark.asyncio
async def test_a_file_changed_outside_the_editor(client: LanguageClient, project: Path):
    uri = _open(client, project / "docs" / "report.md")
    assert "RL306" in {d.code for d in await published(client, uri)}
    # the server asked the editor to watch the workspace's files
    registered = client.registered  # type: ignore[attr-defined]
    assert [r.method for r in registered] == ["workspace/didChangeWatchedFiles"]
    perf = project / "results" / "perf.md"
    perf.write_text(PERF.replace("850 rps", "900 rps"))  # a `git checkout`, say
    before = client.diagnostics[uri]
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=perf.as_uri(), type=types.FileChangeType.Changed)]))
    again = await published(client, uri, before)
    assert {d.code for d in again} == {"RL210", "RL211"}


@pytest.mark.asyncio
async def test_hover_on_a_source_tag(client: LanguageClient, project: Path):
    uri = _open(client, project / "docs" / "report.md")
    await published(client, uri)
    lines = REPORT.split("\n")

    async def hover_at(line: int, text: str) -> types.Hover | None:
        return await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=lines[line].index(text))))

    found = await hover_at(2, "results/perf.md")
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert "`results/perf.md` → `results/perf.md`, §Latency (lines 3–6)" in found.contents.value
    assert "- 42 ms: found in the cited part (`results/perf.md:5`)" in found.contents.value
    assert found.range is not None and found.range.start == types.Position(
        line=2, character=lines[2].index("(source"))
    missing = await hover_at(4, "§Throughput")
    assert missing is not None and isinstance(missing.contents, types.MarkupContent)
    assert "§Throughput (lines 7–9)" in missing.contents.value
    assert "- 900 rps: **not found** in the cited files" in missing.contents.value
    assert await hover_at(4, "Throughput rose") is None  # not on a tag


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Insert-only edits (as the quick fix makes) applied to ASCII-before-the-edit text."""
    lines = text.split("\n")
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        line = lines[e.range.start.line]
        units = line.encode("utf-16-le")
        cut = len(units[:e.range.start.character * 2].decode("utf-16-le"))
        lines[e.range.start.line] = line[:cut] + e.new_text + line[cut:]
    return "\n".join(lines)


@pytest.mark.asyncio
async def test_the_quick_fix_suppresses_one_finding(client: LanguageClient, project: Path):
    uri = _open(client, project / "docs" / "report.md")
    diagnostics = await published(client, uri)
    (todo,) = [d for d in diagnostics if d.code == "RL211"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=todo.range,
        context=types.CodeActionContext(diagnostics=[todo])))
    assert actions is not None
    (action,) = actions
    assert isinstance(action, types.CodeAction)
    assert action.title == "Disable RL211 for this line"
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.edit is not None and action.edit.changes is not None
    text = _apply(REPORT, list(action.edit.changes[uri]))
    assert "\n<!-- reportlint-disable-next-line RL211 -->\nShipped 🚀" in text
    before = client.diagnostics[uri]
    _change(client, uri, 2, text)
    after = await published(client, uri, before)
    assert sorted(d.code for d in after) == ["RL210", "RL306"]


@pytest.mark.asyncio
async def test_a_configuration_error_is_one_diagnostic(client: LanguageClient, project: Path):
    (project / ".reportlint.yml").write_text("rules:\n  no-such-rule: {}\n")
    uri = _open(client, project / "docs" / "report.md")
    (d,) = await published(client, uri)
    assert d.code == "configuration" and d.severity == types.DiagnosticSeverity.Error
    assert "no such rule 'no-such-rule'" in d.message
    # the configuration is fixed and saved: the report is linted again
    config = project / ".reportlint.yml"
    config.write_text(CONFIG)
    config_uri = _open(client, config, CONFIG)
    before = client.diagnostics[uri]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config_uri)))
    again = await published(client, uri, before)
    assert {x.code for x in again} == {"RL210", "RL211", "RL306"}


@pytest.mark.asyncio
async def test_files_that_are_not_reports_get_no_diagnostics(client: LanguageClient,
                                                              project: Path, tmp_path: Path):
    readme = _open(client, project / "README.md")
    assert await published(client, readme) == []  # not in the configuration's documents
    outside = tmp_path / "elsewhere.md"
    outside.write_text("TODO\n")
    other = _open(client, outside)
    report = _open(client, project / "docs" / "report.md")
    await published(client, report)
    assert other not in client.diagnostics  # outside the workspace: not linted at all


async def _frame(writer: asyncio.StreamWriter, body: bytes) -> None:
    writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    await writer.drain()


async def _message(reader: asyncio.StreamReader) -> dict:
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    assert length, "the server closed the stream"
    return json.loads(await reader.readexactly(length))


async def _response(reader: asyncio.StreamReader, request_id: object) -> dict:
    while True:
        msg = await asyncio.wait_for(_message(reader), TIMEOUT)
        if "method" not in msg and msg.get("id") == request_id:
            return msg


@pytest.mark.asyncio
async def test_malformed_requests_get_an_error_and_the_server_goes_on(project: Path):
    """Bytes no editor would send, written straight to the server's standard input."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "reportlint", "lsp", stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=clean_env())
    assert proc.stdin is not None and proc.stdout is not None
    reader, writer = proc.stdout, proc.stdin

    async def request(rid: int, method: str, params: object) -> dict:
        await _frame(writer, json.dumps({"jsonrpc": "2.0", "id": rid, "method": method,
                                         "params": params}).encode())
        return await _response(reader, rid)

    try:
        init = await request(1, "initialize", {"processId": None, "rootUri":
                                               project.as_uri(), "capabilities": {}})
        assert init["result"]["serverInfo"]["name"] == "reportlint"
        await _frame(writer, b'{"jsonrpc": "2.0", "method": "initialized", "params": {}}')
        # parameters of the wrong shape
        bad = await request(2, "textDocument/hover", {"textDocument": {"uri": 42},
                                                      "position": "nowhere"})
        assert bad["error"]["code"] in (-32602, -32603), bad  # invalid params / internal
        # a method nobody defined
        unknown = await request(3, "reportlint/no-such-method", {})
        assert unknown["error"]["code"] == -32601, unknown
        # a body that is not JSON at all: no answer is possible, the server must survive
        await _frame(writer, b"{this is not json")
        # a hover on a document the server never saw: no result, no error
        none = await request(4, "textDocument/hover", {
            "textDocument": {"uri": (project / "nope.md").as_uri()},
            "position": {"line": 0, "character": 0}})
        assert none == {"jsonrpc": "2.0", "id": 4, "result": None}
        # still serving: open the report and get its diagnostics
        uri = (project / "docs" / "report.md").as_uri()
        await _frame(writer, json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                                         "params": {"textDocument": {
                                             "uri": uri, "languageId": "markdown",
                                             "version": 1, "text": REPORT}}}).encode())
        while True:
            msg = await asyncio.wait_for(_message(reader), TIMEOUT)
            if msg.get("method") == "textDocument/publishDiagnostics":
                break
        assert msg["params"]["uri"] == uri
        assert {d["code"] for d in msg["params"]["diagnostics"]} == {"RL210", "RL211", "RL306"}
        shutdown = await request(5, "shutdown", None)
        assert "error" not in shutdown
        await _frame(writer, b'{"jsonrpc": "2.0", "method": "exit"}')
        assert await asyncio.wait_for(proc.wait(), TIMEOUT) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
