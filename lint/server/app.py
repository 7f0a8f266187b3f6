"""The language server: buffers in, diagnostics and quick fixes out (pygls over stdio).

The server keeps the text of each open document itself (full and incremental sync), lints it
in one worker thread a short while after the last change (the event loop stays free to take
more changes; a result for an older version is dropped), and publishes the findings with
ranges in the position encoding agreed at initialisation (UTF-16 code units unless the client
offers another). Code actions are the safe fixes of the findings under the cursor, and one
``source.fixAll.mtlint`` action for every fix in the file; hovering a finding shows its rule's
documentation.

The open documents are one run for the identifier vocabulary (:mod:`lint.identifiers`): a word
one of them writes as code is an identifier in all, so no spelling or name finding is shown on
it; when a lint or a close changes that vocabulary, the other documents whose diagnostics it
changes are published again.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint import __version__
from lint.identifiers import RunVocabulary
from lint.server.linting import Outcome, ProjectLinter
from lint.server.positions import LineIndex, apply_change

log = logging.getLogger("mtlint.server")

#: Seconds to wait after a change before linting (typing bursts lint once).
DEFAULT_DEBOUNCE = 0.3
FIX_ALL_KIND = "source.fixAll.mtlint"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: int | None
    language_id: str | None
    path: str | None  # None for an unsaved new buffer (untitled:)


@dataclass
class Linted:
    """The findings of one version of a document: ``findings`` as the document alone gives
    them, ``shown`` those left by the open documents' identifier vocabulary (what is
    published and what the code actions offer)."""

    version: int | None
    text: str
    findings: list = field(default_factory=list)
    vocabulary: frozenset = frozenset()
    shown: list = field(default_factory=list)


class MtlintServer(LanguageServer):
    def __init__(self):
        super().__init__("mtlint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, OpenDocument] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.debounce = DEFAULT_DEBOUNCE
        self.linter: ProjectLinter | None = None
        # One thread: the runner keeps the current plan in a module global.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mtlint-lint")
        self.reported_errors: set[str] = set()
        self.vocabulary = RunVocabulary()  # of the documents in self.linted

    @property
    def encoding(self) -> str:
        try:
            return str(self.workspace.position_encoding or "utf-16")
        except RuntimeError:  # before initialize
            return "utf-16"

    # -- linting ---------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        doc = self.documents.get(uri)
        if doc is None:
            return
        had_diagnostics = uri in self.linted
        version = doc.version
        linted = await self.lint_now(doc)
        current = self.documents.get(uri)
        if current is None or current.version != version:
            return  # closed, or changed meanwhile: the newer change has its own task
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        if linted is not None:
            self.publish(uri, linted)
        elif had_diagnostics:  # excluded since the last lint (the configuration changed)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[]))

    async def lint_now(self, doc: OpenDocument) -> Linted | None:
        version, text = doc.version, doc.text
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(self.executor, self.linter.lint, doc.path,
                                                 text, doc.language_id)
        except Exception as exc:  # a broken config or a bug: say so once, keep serving
            self.report_error(exc)
            outcome = Outcome([], frozenset())
        if outcome is None:  # not a document mtlint reads (code, an excluded file)
            if self.linted.pop(doc.uri, None) is not None:
                self.vocabulary_changed(doc.uri)
            return None
        linted = Linted(version, text, outcome.findings, outcome.vocabulary)
        if doc.uri in self.documents:  # not closed while it was linted
            old = self.linted.get(doc.uri)
            self.linted[doc.uri] = linted
            if old is None or old.vocabulary != linted.vocabulary:
                self.vocabulary_changed(doc.uri)
        linted.shown = self.vocabulary.filter(linted.findings)
        return linted

    def vocabulary_changed(self, uri: str) -> None:
        """The identifier vocabulary of the open documents after ``uri``'s lint or close;
        the other documents whose shown findings it changes are published again."""
        self.vocabulary = RunVocabulary()
        for linted in self.linted.values():
            self.vocabulary.add(linted.vocabulary)
        for other, linted in self.linted.items():
            if other == uri:
                continue
            shown = self.vocabulary.filter(linted.findings)
            if shown != linted.shown:
                linted.shown = shown
                doc = self.documents.get(other)
                if doc is not None and doc.version == linted.version:
                    self.publish(other, linted)

    def report_error(self, exc: Exception) -> None:
        from lint.config import ConfigError

        message = str(exc) if isinstance(exc, ConfigError) else (
            f"internal error: {type(exc).__name__}: {exc}")
        log.warning("mtlint: %s", message)
        if message not in self.reported_errors:
            self.reported_errors.add(message)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"mtlint: {message}"))

    def publish(self, uri: str, linted: Linted) -> None:
        index = LineIndex(linted.text, self.encoding)
        diagnostics = [to_diagnostic(f, index) for f in linted.shown]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=linted.version))

    def relint_all(self) -> None:
        self.reported_errors.clear()
        for uri in list(self.documents):
            self.schedule(uri, 0)


def to_range(index: LineIndex, start: int, end: int) -> types.Range:
    a, b = index.position(start), index.position(end)
    return types.Range(start=types.Position(*a), end=types.Position(*b))


def to_diagnostic(finding, index: LineIndex) -> types.Diagnostic:
    message = finding.message
    if finding.suggestions:
        text = finding.suggestions[0]
        message += f" (suggestion: {text if text.strip() else 'delete it'})"
    return types.Diagnostic(
        range=to_range(index, finding.offset, finding.end_offset),
        message=message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        source="mtlint",
        data={"rule": finding.rule, "fixable": finding.fix is not None},
    )


def fix_edit(index: LineIndex, fix) -> types.TextEdit:
    return types.TextEdit(range=to_range(index, fix.offset, fix.end_offset),
                          new_text=fix.replacement)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p):
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _wanted(kind: str, only) -> bool:
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def code_actions(uri: str, linted: Linted, request: types.Range, only, encoding: str):
    from lint.fix import apply_to_text

    index = LineIndex(linted.text, encoding)
    actions = []
    fixable = [f for f in linted.shown if f.fix is not None]
    if _wanted(types.CodeActionKind.QuickFix, only):
        for f in fixable:
            diagnostic = to_diagnostic(f, index)
            if not _overlaps(diagnostic.range, request):
                continue
            replacement = f.fix.replacement
            title = (f"Fix {f.code}: replace with '{replacement}'" if replacement
                     else f"Fix {f.code}: delete '{linted.text[f.fix.offset:f.fix.end_offset]}'")
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [fix_edit(index, f.fix)]})))
    if fixable and _wanted(FIX_ALL_KIND, only):
        _, chosen = apply_to_text(linted.text, [f.fix for f in fixable])
        actions.append(types.CodeAction(
            title="Fix all safe mtlint findings", kind=FIX_ALL_KIND,
            edit=types.WorkspaceEdit(changes={uri: [fix_edit(index, fx) for fx in chosen]})))
    return actions


def hover_text(findings) -> str:
    """Markdown for the findings under the cursor: the message, then the rule's *Why it
    matters* and *Fix* (what ``mtlint explain`` prints, shortened)."""
    from lint.registry import find_rule, section

    parts = []
    for f in findings:
        text = f"**{f.code}** `{f.rule}` ({f.severity}): {f.message}"
        rule = find_rule(f.code)
        if rule is not None:
            for title in ("Why it matters", "Fix"):
                body = section(rule.doc, title)
                if body:
                    text += f"\n\n*{title}:* {' '.join(body.split())}"
            text += f"\n\n`mtlint explain {f.code}` for more."
        parts.append(text)
    return "\n\n---\n\n".join(parts)


def _path_of(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def build_server() -> MtlintServer:
    server = MtlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: MtlintServer, params: types.InitializeParams):
        options = params.initialization_options or {}
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, float(options["debounce"]))
        root = None
        if params.workspace_folders:
            root = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = to_fs_path(params.root_uri)
        ls.linter = ProjectLinter(root or params.root_path)

    @server.feature(types.INITIALIZED)
    def initialized(ls: MtlintServer, params):
        # Import the rules while the editor is still opening files (start-up stays instant).
        asyncio.get_running_loop().run_in_executor(ls.executor, ls.linter.warm_up)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MtlintServer, params: types.DidOpenTextDocumentParams):
        item = params.text_document
        ls.documents[item.uri] = OpenDocument(item.uri, item.text, item.version,
                                              item.language_id, _path_of(item.uri))
        ls.schedule(item.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MtlintServer, params: types.DidChangeTextDocumentParams):
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        for change in params.content_changes:
            if getattr(change, "range", None) is None:
                doc.text = change.text
            else:
                r = change.range
                doc.text = apply_change(doc.text, (r.start.line, r.start.character),
                                        (r.end.line, r.end.character), change.text,
                                        ls.encoding)
        doc.version = params.text_document.version
        ls.schedule(doc.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MtlintServer, params: types.DidSaveTextDocumentParams):
        if params.text_document.uri.endswith(("mtlint.toml", "pyproject.toml")):
            ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: MtlintServer, params):
        ls.relint_all()  # a configuration file may have changed

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MtlintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.documents.pop(uri, None)
        if ls.linted.pop(uri, None) is not None:
            ls.vocabulary_changed(uri)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    async def code_action(ls: MtlintServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        doc = ls.documents.get(uri)
        if doc is None:
            return []
        linted = ls.linted.get(uri)
        if linted is None or linted.version != doc.version:
            linted = await ls.lint_now(doc)  # asked before the debounced lint ran
            if linted is None:
                return []
        return code_actions(uri, linted, params.range, params.context.only, ls.encoding)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MtlintServer, params: types.HoverParams):
        doc = ls.documents.get(params.text_document.uri)
        linted = ls.linted.get(params.text_document.uri)
        if doc is None or linted is None or linted.version != doc.version:
            return None
        index = LineIndex(linted.text, ls.encoding)
        offset = index.offset(params.position.line, params.position.character)
        under = [f for f in linted.shown if f.offset <= offset <= f.end_offset]
        if not under:
            return None
        start = min(f.offset for f in under)
        end = max(f.end_offset for f in under)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value=hover_text(under)),
            range=to_range(index, start, end))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: MtlintServer, params):
        for task in ls.pending.values():
            task.cancel()
        ls.pending.clear()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server


def serve() -> int:
    import sys

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # The protocol owns stdout: a stray print() anywhere must not corrupt the stream.
    sys.stdout = sys.stderr
    build_server().start_io(stdin, stdout)
    return 0
