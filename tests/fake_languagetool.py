"""An imitation LanguageTool server for the faults a real one cannot be made to show, on 127.0.0.1.

The grammar tests run against a real LanguageTool (scripts/languagetool.sh; .ci/run
starts one). This server is for what a real server will not do on request: answer
slowly (timeouts), rate-limit (HTTP 426), send a malformed answer; and for counting
requests and requests in flight. With `upstream=URL` it forwards every request to a
real server and returns its answer, so those tests still see real matches; without
it, it answers from recordings of a real server (tests/data/languagetool/, written by
make_recordings.py and checked against the real server by test_grammar.py).

Implements the two endpoints language-tool-python uses: `GET /v2/languages` and
`POST /v2/check` (form-encoded `text`, `language`, `disabledRules`, `enabledRules`,
`disabledCategories`, `enabledCategories`, `enabledOnly`). A check is answered from
the recording whose `text` equals the posted text, in LanguageTool's response shape
(`software`, `warnings`, `language`, `matches[]`); like a real server it drops the
matches of disabled rules and categories. A text with no recording gets no matches
and is remembered in `unknown_texts`, so a test can assert every text was known.

Failure modes for tests: `status=426` (the public API's rate limit, a plain-text
body), `malformed=True` (JSON without `matches`), `delay=` seconds before answering
a check. The server binds port 0, runs in a daemon thread, and shuts itself down
after `lifetime` seconds or `max_requests` requests, so a failing test cannot leave
it running.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDINGS = Path(__file__).parent / "data" / "languagetool"
SOFTWARE = {
    "name": "LanguageTool",
    "version": "6.8",
    "buildDate": "2026-05-05 16:34:58 +0200",
    "apiVersion": 1,
    "premium": False,
    "premiumHint": "You might be missing errors only the Premium version can find.",
    "status": "",
}
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
_LANGUAGE_NAMES = {entry["longCode"]: entry["name"] for entry in LANGUAGES}


def envelope(matches: list[dict[str, Any]], language: str = "en-US") -> dict[str, Any]:
    """A /v2/check response around `matches`, in LanguageTool's shape."""
    name = _LANGUAGE_NAMES.get(language, language)
    return {
        "software": SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {
            "name": name,
            "code": language,
            "detectedLanguage": {"name": name, "code": language, "confidence": 0.99},
        },
        "matches": matches,
    }


def load_recordings(folder: Path = RECORDINGS) -> dict[str, dict[str, Any]]:
    """Recorded responses keyed by the exact text they answer."""
    out = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["text"]] = data["response"]
    return out


class FakeLanguageTool:
    """The server; use as a context manager or call start()/stop()."""

    def __init__(
        self,
        recordings: dict[str, dict[str, Any]] | None = None,
        *,
        delay: float = 0.0,
        status: int | None = None,
        malformed: bool = False,
        upstream: str | None = None,
        lifetime: float = 60.0,
        max_requests: int = 1000,
    ) -> None:
        self.recordings = load_recordings() if recordings is None else recordings
        self.upstream = upstream.rstrip("/") + "/" if upstream else None
        self.delay = delay
        self.status = status
        self.malformed = malformed
        self.lifetime = lifetime
        self.max_requests = max_requests
        self.checks: list[dict[str, str]] = []  # the form of every /v2/check request
        self.language_requests = 0
        self.unknown_texts: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._timer: threading.Timer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> FakeLanguageTool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                path = urllib.parse.urlsplit(self.path).path
                if path.rstrip("/") != "/v2/languages":
                    self._send(404, b"not found", "text/plain")
                    return
                with fake._lock:
                    fake.language_requests += 1
                fake._count()
                body = fake._forward("v2/languages") if fake.upstream else json.dumps(LANGUAGES).encode()
                self._send(200, body, "application/json")

            def do_POST(self) -> None:
                path = urllib.parse.urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
                if path.rstrip("/") != "/v2/check":
                    self._send(404, b"not found", "text/plain")
                    return
                fake._count()
                with fake._lock:
                    fake.checks.append(form)
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                # The request stops counting as in flight before its answer is written:
                # the client may send its next request the moment it has read this one.
                try:
                    if fake.delay:
                        time.sleep(fake.delay)
                    if fake.status is None:
                        body = {"software": SOFTWARE, "warnings": {}} if fake.malformed else fake.answer(form)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1
                if fake.status is not None:
                    self._send(fake.status, b"Too many requests. Please slow down.", "text/plain")
                    return
                self._send(200, json.dumps(body).encode(), "application/json")

            def _send(self, code: int, body: bytes, kind: str) -> None:
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="fake-lt"
        ).start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()

    def _count(self) -> None:
        with self._lock:
            served = len(self.checks) + self.language_requests
        if served >= self.max_requests:
            threading.Thread(target=self.stop, daemon=True).start()

    def stop(self) -> None:
        server, self._server = self._server, None
        if self._timer is not None:
            self._timer.cancel()
        if server is not None:
            server.shutdown()
            server.server_close()

    def _forward(self, path: str, form: dict[str, str] | None = None) -> bytes:
        """The upstream (real) server's answer to the same request."""
        assert self.upstream is not None
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        with urllib.request.urlopen(self.upstream + path, data, timeout=60) as response:
            return response.read()

    def answer(self, form: dict[str, str]) -> dict[str, Any]:
        """The LanguageTool response to one /v2/check form."""
        if self.upstream:
            return json.loads(self._forward("v2/check", form))
        text = form.get("text", "")
        language = form.get("language", "en-US")
        recorded = self.recordings.get(text)
        if recorded is None:
            with self._lock:
                self.unknown_texts.append(text)
            matches: list[dict[str, Any]] = []
        else:
            matches = recorded["matches"]

        def ids(key: str) -> set[str]:
            return {v for v in form.get(key, "").split(",") if v}

        disabled_rules, enabled_rules = ids("disabledRules"), ids("enabledRules")
        disabled_cats, enabled_cats = ids("disabledCategories"), ids("enabledCategories")
        only = form.get("enabledOnly") == "true"
        kept = []
        for match in matches:
            rule_id, category = match["rule"]["id"], match["rule"]["category"]["id"]
            if rule_id in disabled_rules or category in disabled_cats:
                continue
            if only and rule_id not in enabled_rules and category not in enabled_cats:
                continue
            kept.append(match)
        return envelope(kept, language)
