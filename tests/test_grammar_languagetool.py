"""LanguageTool through language-tool-python, against a stub server speaking its HTTP API.

The stub answers ``GET /v2/languages`` and ``POST /v2/check`` in LanguageTool's documented
JSON format (offsets and lengths in UTF-16 code units). A real server is tested too when
``MTLINT_LANGUAGETOOL_URL`` names one.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lint.cli import main

PROBE = "mtlint checks the server."

#: needle -> (rule id, category, issue type, replacement)
RULES = {
    "govrenment": ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "government"),
    "Zelenskky": ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Zelensky"),
    "a apple": ("EN_A_VS_AN", "MISC", "misspelling", "an apple"),
    "bad😀word": ("EMOJI_IN_WORD", "TYPOGRAPHY", "typographical", "bad word"),
    "very very": ("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", "very"),
}


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def check_response(text: str, params: dict) -> dict:
    disabled = set(filter(None, params.get("disabledRules", "").split(",")))
    disabled |= set(filter(None, params.get("disabledCategories", "").split(",")))
    matches = []
    for needle, (rule_id, cat, issue, repl) in RULES.items():
        start = text.find(needle)
        if start < 0 or rule_id in disabled or cat in disabled:
            continue
        offset, length = utf16_len(text[:start]), utf16_len(needle)
        matches.append({
            "message": f"Stub: {rule_id}.", "shortMessage": "",
            "replacements": [{"value": repl}],
            "offset": offset, "length": length,
            "context": {"text": text, "offset": offset, "length": length},
            "sentence": text, "type": {"typeName": "Other"},
            "rule": {"id": rule_id, "description": "stub", "issueType": issue,
                     "category": {"id": cat, "name": cat.title()}},
            "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
        })
    return {
        "software": {"name": "LanguageTool", "version": "6.4-stub", "buildDate": "2024-01-01",
                     "apiVersion": 1, "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": "English (US)", "code": params.get("language", "en-US")},
        "matches": matches,
    }


class Stub:
    def __init__(self):
        self.requests: list[dict] = []  # form fields of every /v2/check
        self.fail = None  # None | "500" | "sleep"
        self.fail_languages = False
        self.sleep = 5.0

    def checks(self):
        return [r for r in self.requests if r["text"] != PROBE]


def make_handler(stub: Stub):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status, body, ctype="application/json"):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except OSError:
                pass

        def do_GET(self):
            if self.path.startswith("/v2/languages"):
                if stub.fail_languages:
                    time.sleep(stub.sleep)
                langs = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
                         {"name": "English (GB)", "code": "en", "longCode": "en-GB"}]
                return self._send(200, json.dumps(langs))
            self._send(404, "not found", "text/plain")

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
            params = {k: v[0] for k, v in form.items()}
            if not self.path.startswith("/v2/check"):
                return self._send(404, "not found", "text/plain")
            stub.requests.append(params)
            if params.get("text") != PROBE:
                if stub.fail == "500":
                    return self._send(500, "Error: internal error in the stub", "text/plain")
                if stub.fail == "sleep":
                    time.sleep(stub.sleep)
            self._send(200, json.dumps(check_response(params.get("text", ""), params)))

    return Handler


def serve(stub: Stub, port: int = 0) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(stub))
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def stub():
    s = Stub()
    server = serve(s)
    s.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, url, *args):
    argv = ["check", "--grammar", "languagetool", "--format", "json", "-j", "1", "--select", "LT"]
    if url:
        argv += ["--languagetool-url", url]
    code = main(argv + list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def found(report):
    return [(f["code"], f["offset"], f["end_offset"]) for f in report["findings"]]


def test_offsets_after_characters_outside_the_bmp(stub, project, capsys):
    src = "Title line\n\nWe 😀😀 ate govrenment cake and a apple.\n\nA bad😀word here.\n"
    (project / "a.txt").write_text(src, encoding="utf-8")
    code, report, err = run(capsys, stub.url, "a.txt")
    assert code == 1, err
    typo, apple, bad = src.index("govrenment"), src.index("a apple"), src.index("bad😀word")
    assert found(report) == [
        ("LT:MORFOLOGIK_RULE_EN_US", typo, typo + len("govrenment")),
        ("LT:EN_A_VS_AN", apple, apple + len("a apple")),
    ]  # EMOJI_IN_WORD is in TYPOGRAPHY, off by default
    f = report["findings"][0]
    assert (f["line"], f["rule"], f["suggestions"]) == (3, "morfologik-rule-en-us", ["government"])
    # the span that contains an emoji, once its category is enabled
    (project / "mtlint.toml").write_text('[grammar]\nenabled-categories = ["TYPOGRAPHY"]\n')
    _, report, _ = run(capsys, stub.url, "a.txt")
    assert ("LT:EMOJI_IN_WORD", bad, bad + len("bad😀word")) in found(report)
    sev = {f["code"]: f["severity"] for f in report["findings"]}
    assert sev["LT:EMOJI_IN_WORD"] == "info" and sev["LT:EN_A_VS_AN"] == "warning"


def test_markdown_code_never_checked(stub, project, capsys):
    src = "Some govrenment prose with `bad code` inline.\n\n```\ncode fenced\n```\n"
    (project / "a.md").write_text(src)
    _, report, _ = run(capsys, stub.url, "a.md")
    assert found(report) == [("LT:MORFOLOGIK_RULE_EN_US", 5, 15)]
    assert all("fenced" not in r["text"] and "bad code" not in r["text"]
               for r in stub.checks())


def test_spelling_of_a_word_written_as_code_is_not_reported(stub, project, capsys):
    # the document writes the word as code: in its prose it is an identifier
    src = "Some govrenment prose with `govrenment` inline.\n"
    (project / "a.md").write_text(src)
    _, report, _ = run(capsys, stub.url, "a.md")
    assert found(report) == []


def test_capitalised_spelling_filtered(stub, project, capsys):
    (project / "a.txt").write_text("The Zelenskky team spoke.\n")
    _, report, _ = run(capsys, stub.url, "a.txt")
    assert report["findings"] == []


def test_rules_categories_and_language_are_passed(stub, project, capsys):
    (project / "mtlint.toml").write_text(
        '[grammar]\nlanguage = "en-GB"\nenabled-rules = ["EN_QUOTES", "MY_RULE"]\n'
        'disabled-rules = ["EN_A_VS_AN"]\nenabled-categories = ["STYLE"]\n'
        'disabled-categories = ["CASING"]\n')
    (project / "a.txt").write_text("We ate a apple and very very much.\n")
    _, report, _ = run(capsys, stub.url, "a.txt")
    req = stub.checks()[0]
    assert req["language"] == "en-GB"
    disabled = set(req["disabledRules"].split(","))
    assert {"EN_A_VS_AN", "TOO_LONG_SENTENCE", "ENGLISH_WORD_REPEAT_RULE"} <= disabled
    assert "EN_QUOTES" not in disabled
    assert set(req["enabledRules"].split(",")) == {"EN_QUOTES", "MY_RULE"}
    assert req["enabledCategories"] == "STYLE"
    cats = set(req["disabledCategories"].split(","))
    assert "CASING" in cats and "TYPOGRAPHY" in cats and "STYLE" not in cats
    assert report["findings"] == []  # both stub rules were disabled in the request


def test_cache_second_run_sends_nothing(stub, project, capsys):
    (project / "a.txt").write_text("We ate govrenment cake.\n\nAnother paragraph here.\n")
    _, first, _ = run(capsys, stub.url, "a.txt")
    assert len(stub.checks()) == 2
    _, second, _ = run(capsys, stub.url, "a.txt")
    assert len(stub.checks()) == 2 and second["findings"] == first["findings"]
    run(capsys, stub.url, "a.txt", "--no-cache")
    assert len(stub.checks()) == 4


def one_line_error(err):
    return err.count("\n") == 1 and err.startswith("mtlint: error: ") and "Traceback" not in err


def test_server_error_mid_run(stub, project, capsys):
    stub.fail = "500"
    (project / "a.txt").write_text("We ate govrenment cake.\n")
    code, report, err = run(capsys, stub.url, "a.txt", "--no-cache")
    assert code == 2 and report is None and one_line_error(err)
    assert stub.url in err and "internal error in the stub" in err


def test_unreachable_server(project, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens
    (project / "a.txt").write_text("We ate govrenment cake.\n")
    code, report, err = run(capsys, f"http://127.0.0.1:{port}", "a.txt")
    assert code == 2 and report is None and one_line_error(err)
    assert f"127.0.0.1:{port}" in err and "--languagetool-url" in err


def test_timeout_mid_run_is_bounded(stub, project, capsys):
    stub.fail, stub.sleep = "sleep", 4.0
    (project / "mtlint.toml").write_text("[grammar]\ntimeout = 0.5\n")
    (project / "a.txt").write_text("One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n")
    t0 = time.monotonic()
    code, report, err = run(capsys, stub.url, "a.txt", "--no-cache")
    assert code == 2 and one_line_error(err) and "timed out" in err
    assert time.monotonic() - t0 < stub.sleep


def test_timeout_at_startup_is_bounded(stub, project, capsys):
    stub.fail_languages, stub.sleep = True, 4.0
    (project / "mtlint.toml").write_text("[grammar]\ntimeout = 0.5\n")
    (project / "a.txt").write_text("We ate govrenment cake.\n")
    t0 = time.monotonic()
    code, _, err = run(capsys, stub.url, "a.txt")
    assert code == 2 and one_line_error(err) and "/v2/languages" in err
    assert time.monotonic() - t0 < stub.sleep


def test_no_url_and_no_local_languagetool(project, capsys, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(project / "empty"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    (project / "a.txt").write_text("We ate govrenment cake.\n")
    code, report, err = run(capsys, None, "a.txt")
    assert code == 2 and report is None and one_line_error(err)
    assert "no URL is configured" in err and "--languagetool-url" in err
    assert not (project / "empty").exists() or not any((project / "empty").iterdir())


def test_bad_url_setting(project, capsys):
    (project / "a.txt").write_text("We ate govrenment cake.\n")
    code, _, err = run(capsys, "localhost:8081", "a.txt")
    assert code == 2 and one_line_error(err) and "http" in err


def test_local_languagetool_started_with_java(stub, project, capsys, monkeypatch):
    """A LanguageTool on disk is started with `java -cp JAR ...HTTPServer --port P`."""
    jar_dir = project / "lt"
    jar_dir.mkdir()
    (jar_dir / "languagetool-server.jar").write_bytes(b"not a real jar")
    bin_dir = project / "bin"
    bin_dir.mkdir()
    here = os.path.dirname(os.path.abspath(__file__))
    import sys

    java = bin_dir / "java"
    java.write_text(f"""#!{sys.executable}
import sys
if sys.argv[1:] == ["-version"]:
    sys.stderr.write('openjdk version "17.0.2" 2022-01-18\\n')
    sys.exit(0)
assert sys.argv[1] == "-cp" and sys.argv[3] == "org.languagetool.server.HTTPServer", sys.argv
port = int(sys.argv[sys.argv.index("--port") + 1])
sys.path.insert(0, {here!r})
from test_grammar_languagetool import Stub, serve
import time
serve(Stub(), port)
time.sleep(60)
""")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(jar_dir))
    (project / "a.txt").write_text("We ate govrenment cake.\n")
    code, report, err = run(capsys, None, "a.txt")
    assert code == 1, err
    assert found(report) == [("LT:MORFOLOGIK_RULE_EN_US", 7, 17)]
    from lint.grammar import languagetool

    languagetool._LOCAL.terminate()
    languagetool._LOCAL.wait(5)


REAL = os.environ.get("MTLINT_LANGUAGETOOL_URL")


@pytest.mark.skipif(not REAL, reason="set MTLINT_LANGUAGETOOL_URL to a LanguageTool server "
                    "(e.g. http://localhost:8081) to test against it")
def test_real_server(project, capsys):
    src = "A heading\n\nShe have a apple 😀 and the govrenment agreed.\n"
    (project / "a.txt").write_text(src, encoding="utf-8")
    code, report, err = run(capsys, REAL, "a.txt", "--no-cache")
    assert code == 1, err
    spans = {(f["offset"], f["end_offset"]) for f in report["findings"]}
    typo = src.index("govrenment")
    assert (typo, typo + len("govrenment")) in spans  # offset after the emoji is exact
    assert any(f["code"].startswith("LT:") and f["offset"] < src.index("😀")
               for f in report["findings"])
