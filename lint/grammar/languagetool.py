"""LanguageTool through ``language-tool-python``, always against an HTTP server.

The server is either one the user names (``--languagetool-url`` / ``url``; the public API is
used only when its URL is configured) or a LanguageTool the user already has on disk
(``$LTP_JAR_DIR_PATH`` or a ``LanguageTool-*`` directory in ``$LTP_PATH``, default
``~/.cache/language_tool_python``), which mtlint starts on a free local port with Java, the
command language-tool-python itself uses. Nothing is ever downloaded: when neither exists,
:func:`prepare` fails with one line saying how to configure it.

Offsets: LanguageTool counts UTF-16 code units (a character outside the BMP, e.g. an emoji,
counts 2); they are converted to code points here. language-tool-python's own conversion is
not used: it keeps per-class state that is not thread-safe and leaves the length unconverted.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from lint.config import ConfigError
from lint.grammar import FILTERS, GrammarError, kebab, skip_spelling
from lint.grammar.cache import settings_key

#: Categories off by default: style and typography advice, not errors.
DEFAULT_DISABLED_CATEGORIES = (
    "STYLE", "TYPOGRAPHY", "REDUNDANCY", "REPETITIONS_STYLE", "PLAIN_ENGLISH",
    "CREATIVE_WRITING", "TEXT_ANALYSIS", "WIKIPEDIA",
)
#: Rules off by default (some are off in LanguageTool already; listed to be sure).
DEFAULT_DISABLED_RULES = (
    "TOO_LONG_SENTENCE", "TOO_LONG_PARAGRAPH",  # length is style
    "UPPERCASE_SENTENCE_START",  # headings, list items and quoted fragments
    "PUNCTUATION_PARAGRAPH_END",  # headings and list items end without a stop
    "WHITESPACE_RULE", "CONSECUTIVE_SPACES", "SENTENCE_WHITESPACE",  # mtlint's spacing rules
    "ENGLISH_WORD_REPEAT_RULE",  # mtlint's doubled-word rule
    "EN_UNPAIRED_BRACKETS", "EN_UNPAIRED_QUOTES",  # quotes span paragraphs; mtlint's own rules
    "EN_QUOTES", "DASH_RULE",  # typography
)
SPELLING_PREFIX = "MORFOLOGIK_RULE_"
INFO_ISSUE_TYPES = {"style", "typographical", "whitespace", "register", "locale-violation"}
THREADS = 4
_DIALECT_LANGUAGE = {"american": "en-US", "british": "en-GB", "australian": "en-AU",
                     "canadian": "en-CA", "indian": "en-US"}

_CLIENT: tuple | None = None  # (pid, url, settings key, client): one per process
_LOCAL: subprocess.Popen | None = None
_LOCK = threading.Lock()


def _client_class():
    try:
        from language_tool_python import LanguageTool
    except ImportError as exc:
        raise ConfigError(f"grammar engine 'languagetool' needs the language-tool-python "
                          f"package: {exc}") from None

    class Client(LanguageTool):
        """A client with a bounded timeout that returns LanguageTool's raw JSON."""

        def __init__(self, url: str, language: str, timeout: float):
            self._TIMEOUT = timeout  # read by every request, including the one in __init__
            super().__init__(language=language, remote_server=url)

        def check_raw(self, text: str) -> dict:
            url = urllib.parse.urljoin(self._url, "check")
            return self._query_server(url, self._create_params(text), num_tries=1,
                                      method="post")

    return Client


def _how_to_configure() -> str:
    return ("set --languagetool-url URL or [tool.mtlint.grammar] url "
            "(e.g. a LanguageTool server in docker), or use --grammar harper")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    for marker in ("Connection refused", "timed out", "Read timed out",
                   "Name or service not known", "No route to host"):
        if marker in text:
            return marker.lower()
    return text[:160]


def _connect(url: str, language: str, timeout: float, configured: bool):
    try:
        client = _client_class()(url, language, timeout)
    except ValueError as exc:  # language-tool-python: unsupported language
        raise ConfigError(f"LanguageTool at {url}: {exc}") from None
    except Exception as exc:
        where = "server" if configured else "local LanguageTool"
        raise ConfigError(f"LanguageTool {where} at {url} did not answer /v2/languages within "
                          f"{timeout:g}s ({_short(exc)}); start it or "
                          f"{_how_to_configure()}") from None
    return client


# -- a LanguageTool the user has on disk ---------------------------------------------------------
def find_local_jar() -> str | None:
    """The user's languagetool-server.jar, or None. Never downloads anything."""
    candidates = []
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        candidates.append(jar_dir)
    base = os.environ.get("LTP_PATH") or os.path.join(os.path.expanduser("~"), ".cache",
                                                         "language_tool_python")
    candidates.extend(sorted(glob.glob(os.path.join(base, "LanguageTool-*")), reverse=True))
    for directory in candidates:
        for name in ("languagetool-server.jar", "languagetool.jar"):
            path = os.path.join(directory, name)
            if os.path.isfile(path):
                return path
    return None


def _java_major(java: str) -> int:
    import re

    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"LanguageTool: cannot run Java ({java}): {_short(exc)}") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return 0
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_local(jar: str, startup_timeout: float) -> str:
    global _LOCAL
    java = shutil.which("java")
    if java is None:
        raise ConfigError(f"LanguageTool found at {os.path.dirname(jar)} but Java is not "
                          f"installed (Java >= 17 needed); install it or "
                          f"{_how_to_configure()}")
    if _java_major(java) < 17:
        raise ConfigError(f"LanguageTool needs Java >= 17 ({java} is older); "
                          f"{_how_to_configure()}")
    port = _free_port()
    cmd = [java, "-cp", jar, "org.languagetool.server.HTTPServer", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    owner = os.getpid()

    def stop():
        if os.getpid() == owner and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()

    atexit.register(stop)
    _LOCAL = proc
    url = f"http://127.0.0.1:{port}"
    import requests

    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ConfigError(f"local LanguageTool ({jar}) exited at start (code "
                              f"{proc.returncode}); {_how_to_configure()}")
        try:
            if requests.get(url + "/v2/languages", timeout=2).ok:
                return url
        except requests.RequestException:
            pass
        time.sleep(0.25)
    stop()
    raise ConfigError(f"local LanguageTool ({jar}) did not start within {startup_timeout:g}s; "
                      f"{_how_to_configure()}")


# -- the engine interface ---------------------------------------------------------------------
def prepare(settings: dict) -> dict:
    timeout = float(settings.get("timeout", 20))
    language = settings.get("language")
    if language is None:
        dialect = str(settings.get("dialect", "american")).lower()
        if dialect not in _DIALECT_LANGUAGE:
            raise ConfigError(f"grammar 'dialect' must be one of "
                              f"{', '.join(_DIALECT_LANGUAGE)}, not {dialect!r}")
        language = _DIALECT_LANGUAGE[dialect]
    url = settings.get("url")
    configured = bool(url)
    if not url:
        jar = find_local_jar()
        if jar is None:
            raise ConfigError("grammar engine 'languagetool' needs a LanguageTool server: no "
                              "URL is configured and no local LanguageTool was found "
                              "($LTP_JAR_DIR_PATH, $LTP_PATH or ~/.cache/language_tool_python); "
                              + _how_to_configure())
        url = _start_local(jar, float(settings.get("startup-timeout", 60)))
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"grammar 'url' must be an http(s) URL such as "
                          f"http://localhost:8081, not {url!r}")
    client = _connect(url, language, timeout, configured)
    try:
        probe = client.check_raw("mtlint checks the server.")
    except Exception as exc:
        raise ConfigError(f"LanguageTool server at {url} failed a check request "
                          f"({_short(exc)}); {_how_to_configure()}") from None
    if not isinstance(probe, dict) or not isinstance(probe.get("matches"), list):
        raise ConfigError(f"{url} does not answer like a LanguageTool server (/v2/check "
                          f"gave no 'matches')")
    software = probe.get("software") or {}
    enabled_rules = sorted(set(settings.get("enabled-rules", [])))
    enabled_cats = sorted(set(settings.get("enabled-categories", [])))
    resolved = {
        "url": url,
        "language": str(client.language),
        "enabled_rules": enabled_rules,
        "disabled_rules": sorted((set(DEFAULT_DISABLED_RULES) - set(enabled_rules))
                                 | set(settings.get("disabled-rules", []))),
        "enabled_categories": enabled_cats,
        "disabled_categories": sorted((set(DEFAULT_DISABLED_CATEGORIES) - set(enabled_cats))
                                      | set(settings.get("disabled-categories", []))),
        "capitalised_spelling": bool(settings.get("capitalised-spelling", False)),
        "version": f"{software.get('name', 'LanguageTool')} {software.get('version', '?')} "
                   f"{software.get('buildDate', '')}".strip(),
        "filters": FILTERS,
    }
    # The URL is not part of the key: the same LanguageTool version answers the same anywhere.
    resolved["key"] = settings_key({k: v for k, v in resolved.items() if k != "url"})
    global _CLIENT
    _CLIENT = (os.getpid(), url, resolved["key"], _configure(client, resolved))
    return resolved


def _configure(client, settings: dict):
    client.enabled_rules = set(settings["enabled_rules"])
    client.disabled_rules = set(settings["disabled_rules"])
    client.enabled_categories = set(settings["enabled_categories"])
    client.disabled_categories = set(settings["disabled_categories"])
    return client


def _client(settings: dict):
    global _CLIENT
    with _LOCK:
        c = _CLIENT
        if c and c[:3] == (os.getpid(), settings["url"], settings["key"]):
            return c[3]
        try:
            client = _client_class()(settings["url"], settings["language"], settings["timeout"])
        except Exception as exc:
            raise GrammarError(f"LanguageTool server at {settings['url']} stopped answering "
                               f"({_short(exc)})") from None
        _CLIENT = (os.getpid(), settings["url"], settings["key"], _configure(client, settings))
        return _CLIENT[3]


def utf16_to_cp(text: str):
    """A function mapping UTF-16 offsets in ``text`` to code point offsets."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    table = []  # table[u] = code point index of UTF-16 unit u
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)  # the low surrogate belongs to the same character
    table.append(len(text))

    def convert(u: int) -> int:
        return table[u] if 0 <= u < len(table) else len(text)

    return convert


def results_from_json(text: str, data: dict, settings: dict) -> list:
    """Convert one /v2/check response for ``text`` into mtlint results."""
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise GrammarError(f"LanguageTool server at {settings['url']} gave an answer without "
                           f"'matches'")
    to_cp = utf16_to_cp(text)
    caps = settings["capitalised_spelling"]
    results = []
    for m in data["matches"]:
        try:
            rule = m.get("rule") or {}
            rule_id = str(rule["id"])
            u = int(m["offset"])
            start, end = to_cp(u), to_cp(u + int(m["length"]))
        except (KeyError, TypeError, ValueError):
            continue
        if end <= start:
            continue
        if rule_id.startswith(SPELLING_PREFIX) and skip_spelling(text, start, end, caps):
            continue
        issue = str(rule.get("issueType", ""))
        severity = "info" if issue in INFO_ISSUE_TYPES else "warning"
        suggestions = [r.get("value", "") for r in m.get("replacements") or []
                       if isinstance(r, dict) and r.get("value")]
        results.append([start, end, f"LT:{rule_id}", kebab(rule_id), severity,
                        str(m.get("message", "")), suggestions[:5]])
    results.sort()
    return results


def _check_one(client, text: str, settings: dict) -> list:
    try:
        data = client.check_raw(text)
    except Exception as exc:
        raise GrammarError(f"LanguageTool server at {settings['url']} failed "
                           f"({_short(exc)}); timeout is {settings['timeout']:g}s "
                           f"(grammar 'timeout')") from None
    return results_from_json(text, data, settings)


def check_many(texts: list[str], settings: dict) -> list[list]:
    client = _client(settings)
    if len(texts) == 1:
        return [_check_one(client, texts[0], settings)]
    with ThreadPoolExecutor(min(THREADS, len(texts))) as pool:
        futures = [pool.submit(_check_one, client, t, settings) for t in texts]
        try:
            return [f.result() for f in futures]
        except GrammarError:
            for f in futures:
                f.cancel()
            raise
