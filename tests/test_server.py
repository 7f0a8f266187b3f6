"""The language server, driven over stdio by a real LSP client (pygls' LanguageClient) in a
separate process: initialize, didOpen, didChange (incremental and full), codeAction, didClose,
shutdown/exit. Ranges are checked in UTF-16 code units with astral-plane characters before the
finding, and applying a code action's edit must remove the finding."""

from __future__ import annotations

import asyncio
import sys

import pytest

pytest.importorskip("pygls")
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from lint.server.positions import LineIndex, apply_change, units  # noqa: E402

TIMEOUT = 60  # seconds for one diagnostic round trip (the first one imports every rule)
ASTRAL = "😀𝄞"  # an emoji and a musical symbol: two UTF-16 units each (not a script S001 flags)


# -- the position arithmetic on its own -----------------------------------------------------------
def test_units_per_encoding():
    assert units("a😀é", "utf-16") == 4
    assert units("a😀é", "utf-8") == 1 + 4 + 2
    assert units("a😀é", "utf-32") == 3


def test_line_index_round_trip_with_astral_characters_and_all_line_ends():
    text = f"one\r\n{ASTRAL} the the\rthird 😀 line\nlast"
    index = LineIndex(text, "utf-16")
    start = text.index("the the")
    assert index.position(start) == (1, 5)  # two astral characters = 4 units, then a space
    assert index.offset(1, 5) == start
    third = text.index("third")
    assert index.position(third) == (2, 0)
    for offset in range(len(text) + 1):
        if text[offset - 1:offset + 1] == "\r\n":
            continue  # between CR and LF is no position
        assert index.offset(*index.position(offset)) == offset
    # Past the end of a line is its end; past the last line is the end of the text.
    assert index.offset(0, 99) == 3 and index.offset(9, 0) == len(text)


def test_incremental_change_in_utf16_units():
    text = f"{ASTRAL} said the the plan.\n"
    start = text.index("the the")
    index = LineIndex(text)
    a, b = index.position(start), index.position(start + 4)
    assert apply_change(text, a, b, "") == f"{ASTRAL} said the plan.\n"


# -- the real server process ----------------------------------------------------------------------
class Session:
    """A client connected to ``mtlint server``; collects published diagnostics per URI."""

    def __init__(self, client: LanguageClient):
        self.client = client
        self.published: dict[str, list] = {}
        self.versions: dict[str, list] = {}  # versions published, in order
        self.events: dict[str, asyncio.Event] = {}

    def expect(self, uri: str) -> asyncio.Event:
        self.events[uri] = asyncio.Event()
        return self.events[uri]

    async def wait(self, event: asyncio.Event):
        await asyncio.wait_for(event.wait(), TIMEOUT)


async def start(root, initialization_options=None) -> Session:
    client = LanguageClient("mtlint-test", "1")
    session = Session(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams):
        session.published[params.uri] = params.diagnostics
        session.versions.setdefault(params.uri, []).append(params.version)
        event = session.events.get(params.uri)
        if event is not None:
            event.set()

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_message(params):
        session.published.setdefault("messages", []).append(params.message)

    await client.start_io(sys.executable, "-m", "lint", "server", cwd=str(root))
    result = await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=root.as_uri(),
        initialization_options=initialization_options or {"debounce": 0.05},
    ))
    caps = result.capabilities
    assert caps.position_encoding in (None, types.PositionEncodingKind.Utf16)
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    client.initialized(types.InitializedParams())
    return session


async def stop(session: Session) -> None:
    await session.client.shutdown_async(None)
    session.client.exit(None)
    await asyncio.wait_for(session.client.stop(), TIMEOUT)
    assert session.client._server.returncode == 0


def open_doc(session: Session, uri: str, text: str, language: str = "markdown", version=1):
    session.client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version,
                                             text=text)))


def change_doc(session: Session, uri: str, version: int, *changes):
    session.client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=list(changes)))


def flagged(text: str, diagnostic) -> str:
    """The text a diagnostic's range covers, reading the range as UTF-16 code units."""
    index = LineIndex(text, "utf-16")
    r = diagnostic.range
    return text[index.offset(r.start.line, r.start.character):
                index.offset(r.end.line, r.end.character)]


def apply_edits(text: str, edits) -> str:
    index = LineIndex(text, "utf-16")
    spans = sorted(((index.offset(e.range.start.line, e.range.start.character),
                     index.offset(e.range.end.line, e.range.end.character), e.new_text)
                    for e in edits), reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def run(coro):
    return asyncio.run(coro)


def test_server_diagnostics_code_actions_and_sync(tmp_path):
    # On disk the file is clean; the editor's unsaved buffer is what must be linted.
    path = tmp_path / "notes.md"
    path.write_text("Nothing here.\n", encoding="utf-8")
    uri = path.as_uri()
    text = f"# Notes\n\nThe {ASTRAL} minister said the the plan was ready.\n"

    async def scenario():
        session = await start(tmp_path)
        try:
            got = session.expect(uri)
            open_doc(session, uri, text)
            await session.wait(got)
            diags = session.published[uri]
            doubled = [d for d in diags if d.code == "G001"]
            assert len(doubled) == 1
            d = doubled[0]
            assert d.source == "mtlint" and d.severity == types.DiagnosticSeverity.Warning
            # UTF-16: "The " + 2 astral chars (4 units) + " minister said " = 4+4+15
            assert (d.range.start.line, d.range.start.character) == (2, 23)
            assert (d.range.end.line, d.range.end.character) == (2, 30)
            assert flagged(text, d) == "the the"

            # The quick fix under the cursor; applying it removes the finding.
            actions = await session.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=types.Range(start=d.range.start, end=d.range.start),
                    context=types.CodeActionContext(diagnostics=[d])))
            quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
            assert len(quick) == 1 and quick[0].diagnostics[0].code == "G001"
            edits = quick[0].edit.changes[uri]
            fixed = apply_edits(text, edits)
            assert "said the plan" in fixed and ASTRAL in fixed

            # Hovering the finding shows the rule's documentation.
            hover = await session.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(2, 25)))
            assert hover.contents.kind == types.MarkupKind.Markdown
            assert hover.contents.value.startswith("**G001** `doubled-word` (warning)")
            assert "*Fix:* Delete the second word" in hover.contents.value
            assert hover.range == d.range
            nothing = await session.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(2, 0)))
            assert nothing is None

            # Send the fix back as an incremental change: the finding goes away.
            got = session.expect(uri)
            change_doc(session, uri, 2, types.TextDocumentContentChangePartial(
                range=edits[0].range, text=edits[0].new_text))
            await session.wait(got)
            assert not [x for x in session.published[uri] if x.code == "G001"]

            # A full-text change brings a new finding, on another line.
            text3 = f"{ASTRAL}{ASTRAL}\n\n{ASTRAL} The council approved the the budget.\n"
            got = session.expect(uri)
            change_doc(session, uri, 3, types.TextDocumentContentChangeWholeDocument(
                text=text3))
            await session.wait(got)
            [d3] = [x for x in session.published[uri] if x.code == "G001"]
            assert (d3.range.start.line, d3.range.start.character) == (2, 5 + 21)
            assert flagged(text3, d3) == "the the"

            # Closing the document clears its diagnostics.
            got = session.expect(uri)
            session.client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            await session.wait(got)
            assert not session.published[uri]
        finally:
            await stop(session)

    run(scenario())


def test_server_honours_project_config_and_suppressions(tmp_path):
    project = tmp_path / "project"
    (project / "docs" / "legacy").mkdir(parents=True)
    (project / "mtlint.toml").write_text(
        'ignore = ["F"]\nexclude = ["drafts/"]\n[per-file-ignores]\n"docs/legacy/*" = ["G001"]\n',
        encoding="utf-8")
    doubled = "The minister said the the plan was ready.\n"
    furniture = "Advertisement\n\nThe minister said the the plan was ready.\n"
    suppressed = ("<!-- mtlint-disable-next-line G001 -->\n"
                  "The minister said the the plan was ready.\n")
    docs = {
        (project / "docs" / "a.md").as_uri(): furniture,
        (project / "docs" / "legacy" / "b.md").as_uri(): doubled,
        (project / "docs" / "c.md").as_uri(): suppressed,
        (tmp_path / "outside.md").as_uri(): furniture,  # no config above: defaults
    }

    async def scenario():
        session = await start(project)
        try:
            excluded = (project / "drafts" / "d.md").as_uri()
            open_doc(session, excluded, doubled)  # linted first (one worker): never published
            events = [session.expect(uri) for uri in docs]
            for uri, text in docs.items():
                open_doc(session, uri, text)
            for event in events:
                await session.wait(event)
            codes = {uri.rsplit("/", 1)[1]: sorted({d.code for d in session.published[uri]})
                     for uri in docs}
            assert codes["a.md"] == ["G001"]  # F ignored by the project
            assert codes["b.md"] == []  # per-file-ignores, relative to the config file
            assert codes["c.md"] == []  # inline suppression
            assert "G001" in codes["outside.md"]
            assert any(c.startswith("F") for c in codes["outside.md"])
            assert excluded not in session.published
        finally:
            await stop(session)

    run(scenario())


def test_server_relints_open_documents_when_the_config_is_saved(tmp_path):
    config = tmp_path / "mtlint.toml"
    config.write_text("ignore = []\n", encoding="utf-8")
    uri = (tmp_path / "a.md").as_uri()

    async def scenario():
        session = await start(tmp_path)
        try:
            got = session.expect(uri)
            open_doc(session, uri, "The minister said the the plan was ready.\n")
            await session.wait(got)
            assert [d.code for d in session.published[uri]] == ["G001"]
            config.write_text('ignore = ["G001"]\n', encoding="utf-8")
            got = session.expect(uri)
            session.client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
            await session.wait(got)
            assert not session.published[uri]
        finally:
            await stop(session)

    run(scenario())


def test_server_ignores_code_and_reports_broken_config(tmp_path):
    (tmp_path / "mtlint.toml").write_text("selectt = ['G']\n", encoding="utf-8")
    code_uri = (tmp_path / "tool.py").as_uri()
    md_uri = (tmp_path / "a.md").as_uri()

    async def scenario():
        session = await start(tmp_path)
        try:
            got_md = session.expect(md_uri)
            open_doc(session, code_uri, "# the the\nx = 1\n", language="python")
            open_doc(session, md_uri, "The the the end.\n")
            await session.wait(got_md)
            assert not session.published[md_uri]
            assert code_uri not in session.published
            assert any("unknown key 'selectt'" in m for m in session.published["messages"])
        finally:
            await stop(session)

    run(scenario())


def test_server_lints_plain_text_and_untitled_buffers(tmp_path):
    uri = "untitled:Untitled-1"
    text = f"{ASTRAL} 𝄞 He said the the report was late.\n"

    async def scenario():
        session = await start(tmp_path)
        try:
            got = session.expect(uri)
            open_doc(session, uri, text, language="plaintext")
            await session.wait(got)
            spans = [flagged(text, d) for d in session.published[uri] if d.code == "G001"]
            assert spans == ["the the"]
        finally:
            await stop(session)

    run(scenario())


def test_server_debounces_a_typing_burst_and_answers_code_actions_for_the_newest_text(
        tmp_path):
    uri = (tmp_path / "draft.md").as_uri()
    base = f"{ASTRAL} The council approved the budget.\n"

    async def scenario():
        session = await start(tmp_path, {"debounce": 0.5})
        try:
            got = session.expect(uri)
            open_doc(session, uri, base)
            await session.wait(got)
            assert session.versions[uri] == [1] and not session.published[uri]
            got = session.expect(uri)
            # Type " the" after "approved" one character at a time (incremental changes).
            col = LineIndex(base).position(base.index(" the budget"))[1]
            for i, ch in enumerate(" the", start=2):
                pos = types.Position(0, col + i - 2)
                change_doc(session, uri, i, types.TextDocumentContentChangePartial(
                    range=types.Range(start=pos, end=pos), text=ch))
            # Asked before the debounced lint has run: answered for the newest text.
            actions = await session.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=types.Range(start=types.Position(0, 0), end=types.Position(1, 0)),
                    context=types.CodeActionContext(diagnostics=[])))
            final = f"{ASTRAL} The council approved the the budget.\n"
            kinds = sorted(a.kind for a in actions)
            assert kinds == ["quickfix", "source.fixAll.mtlint"]
            fix_all = [a for a in actions if a.kind == "source.fixAll.mtlint"][0]
            assert apply_edits(final, fix_all.edit.changes[uri]) == base
            await session.wait(got)
            assert session.versions[uri] == [1, 5]  # one lint for the burst, the last version
            [d] = session.published[uri]
            assert flagged(final, d) == "the the"
        finally:
            await stop(session)

    run(scenario())


def test_server_start_up_is_lazy():
    """Building the server and answering initialize import no rule module and no reader: the
    rules load in the background after `initialized` (or at the first lint)."""
    import subprocess

    code = ("import sys; from lint.server.app import build_server; build_server(); "
            "print(sorted(m for m in sys.modules if m.startswith(('rules', 'lint.readers'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


# -- a minimal JSON-RPC client of our own: framing, --stdio, and a negotiated UTF-8 encoding ------
def _send(proc, message: dict) -> None:
    import json

    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def _receive(proc) -> dict:
    import json

    length = None
    while True:
        line = proc.stdout.readline()
        assert line, "server closed its output"
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))


def test_raw_json_rpc_with_utf8_positions(tmp_path):
    import subprocess
    import threading

    proc = subprocess.Popen([sys.executable, "-m", "lint", "server", "--stdio"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=tmp_path)
    timer = threading.Timer(TIMEOUT, proc.kill)  # never hang the suite
    timer.start()
    try:
        _send(proc, {"id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": tmp_path.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}})
        reply = _receive(proc)
        while "id" not in reply:
            reply = _receive(proc)
        assert reply["result"]["capabilities"]["positionEncoding"] == "utf-8"
        _send(proc, {"method": "initialized", "params": {}})
        uri = (tmp_path / "a.txt").as_uri()
        text = f"{ASTRAL} The council approved the the budget.\n"
        _send(proc, {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
        message = _receive(proc)
        while message.get("method") != "textDocument/publishDiagnostics":
            message = _receive(proc)
        [d] = message["params"]["diagnostics"]
        start = len(f"{ASTRAL} The council approved ".encode())
        assert d["range"] == {"start": {"line": 0, "character": start},
                              "end": {"line": 0, "character": start + 7}}
        assert d["code"] == "G001" and d["source"] == "mtlint"
        _send(proc, {"id": 2, "method": "shutdown"})
        while _receive(proc).get("id") != 2:
            pass
        _send(proc, {"method": "exit"})
        assert proc.wait(TIMEOUT) == 0
    finally:
        timer.cancel()
        proc.kill()
        proc.wait()


def test_server_open_documents_share_one_identifier_vocabulary(tmp_path):
    # b.md alone: `packageName` in prose is a glued-word finding; with a.md open, which writes
    # it as code, it is an identifier; closing a.md brings the finding back.
    a_uri = (tmp_path / "a.md").as_uri()
    b_uri = (tmp_path / "b.md").as_uri()
    b_text = "The loader reads the packageName of the build and stops.\n"

    async def scenario():
        session = await start(tmp_path)
        try:
            got = session.expect(b_uri)
            open_doc(session, b_uri, b_text)
            await session.wait(got)
            assert [flagged(b_text, d) for d in session.published[b_uri]
                    if d.code == "G002"] == ["packageName"]
            got = session.expect(b_uri)
            open_doc(session, a_uri, "Set `packageName` in the config file.\n")
            await session.wait(got)  # b.md published again, without the finding
            assert not [d for d in session.published[b_uri] if d.code == "G002"]
            got = session.expect(b_uri)
            session.client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=a_uri)))
            await session.wait(got)
            assert [d.code for d in session.published[b_uri]] == ["G002"]
        finally:
            await stop(session)

    run(scenario())
