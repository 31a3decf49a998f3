"""One LanguageTool client per Linter: batch prefetch, bounded concurrency, disk cache.

The engine calls `begin()` once per run and `prefetch(docs)` once per batch of parsed
documents, before any rule runs; the grammar checks then only look results up, so no
rule ever waits on the network one document at a time. A check asked about a
document that was not prefetched (`replylint rules test` runs examples one by one)
fetches it on the spot.

The real language-tool-python client does the talking (`check()` -> POST /v2/check,
and GET /v2/languages when the client is built). It is built lazily, only when some
text is missing from the cache, so a re-run over an unchanged library makes no
requests at all. Its request timeout is a class attribute, so a subclass carries
ours. language-tool-python retries a failed request once, so a server that hangs
costs up to twice the timeout; after the first unreachable, timed-out or
rate-limited request the rest of the run is skipped with the same reason instead of
waiting on every document.

Characters outside the Basic Multilingual Plane (emoji) are sent as U+FFFD: the
server counts them as two UTF-16 units, and the client's correction for that keeps
process-wide state that concurrent checks would race on. One BMP character for one
keeps every offset equal to the checked text's.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import ResultCache, cache_key
from .mapping import LTMatch
from .settings import LanguageToolSettings
from .status import NOT_CONFIGURED, GrammarStatus

if TYPE_CHECKING:
    from ..document import Draft, ReplyContext, ReplyDocument

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Outcome:
    """What LanguageTool said about one text, or why it could not say."""

    matches: tuple[LTMatch, ...] = ()
    reason: str | None = None  # set when the text was not checked
    cached: bool = False


def text_to_send(doc: ReplyDocument) -> str:
    """The checked text (placeholders masked, quoted history blanked), trailing blanks cut."""
    return _ASTRAL.sub("\ufffd", doc.text.rstrip())


class GrammarService:
    """Checks texts against one LanguageTool server for one Linter."""

    def __init__(
        self,
        settings: LanguageToolSettings,
        *,
        language: str,
        cache_dir: Path | None,
        rule_ids: Iterable[str] = (),
    ) -> None:
        self.settings = settings
        self.language = language
        self.cache = ResultCache(cache_dir)
        self.rule_ids = frozenset(rule_ids)
        self._client: Any = None
        self._lock = threading.Lock()
        self._outcomes: dict[str, Outcome] = {}
        self._broken: str | None = None
        self._tally: Counter[str] = Counter()
        self._reasons: Counter[str] = Counter()
        self.requests = 0  # requests sent to /v2/check by this service (for tests and benchmarks)

    # -- run bookkeeping -------------------------------------------------------------

    def begin(self) -> None:
        """Start a run: forget the last run's outcomes, failures and counts."""
        with self._lock:
            self._outcomes.clear()
            self._broken = None
            self._tally.clear()
            self._reasons.clear()

    def status(self) -> GrammarStatus:
        """How grammar went over the documents of this run."""
        if not self.settings.configured:
            return GrammarStatus("not checked", NOT_CONFIGURED)
        total = self._tally["total"]
        skipped = self._tally["skipped"]
        if skipped:
            reason = "; ".join(self._reasons)
            if skipped < total:
                reason += f" ({skipped} of {total} documents)"
            return GrammarStatus("skipped", reason)
        cached = self._tally["cached"]
        note = f"LanguageTool at {self.settings.where}"
        if cached:
            note += f", {cached} of {total} from cache"
        return GrammarStatus("checked", note)

    # -- checking --------------------------------------------------------------------

    def _settings_key(self) -> dict[str, Any]:
        s = self.settings
        return {
            "server": s.url if s.mode == "remote" else s.mode,
            "language": self.language,
            "disabled_rules": sorted(s.disabled_rules),
            "enabled_rules": sorted(s.enabled_rules),
            "disabled_categories": sorted(s.disabled_categories),
            "enabled_categories": sorted(s.enabled_categories),
        }

    def _wanted(self, doc: ReplyDocument) -> bool:
        return not self.rule_ids or not self.rule_ids <= doc.draft.disable

    def prefetch(self, docs: Sequence[ReplyDocument]) -> None:
        """Check every document not yet known: disk cache first, then the server, in parallel.

        `docs` need only `.text` (the checked text) and `.draft`.
        """
        if not self.settings.configured:
            return
        todo: dict[str, str] = {}
        settings_key = self._settings_key()
        for doc in docs:
            if not self._wanted(doc):
                continue
            text = text_to_send(doc)
            key = cache_key(text, settings_key)
            self._tally["total"] += 1
            outcome = self._outcomes.get(key)
            if outcome is None and key not in todo:
                outcome = self._from_cache(key, text)
                if outcome is None:
                    todo[key] = text
                    continue
                self._outcomes[key] = outcome
            if outcome is not None:
                self._count(outcome)
        if not todo:
            return
        fetched = self._fetch_all(todo)
        for key, outcome in fetched.items():
            self._outcomes[key] = outcome
            if outcome.reason is None:
                self.cache.put(key, [m.to_json() for m in outcome.matches])
        # count every document whose text was fetched (two documents may share a text)
        for doc in docs:
            if self._wanted(doc):
                key = cache_key(text_to_send(doc), settings_key)
                if key in fetched:
                    self._count(fetched[key])

    def prefetch_drafts(
        self, drafts: Sequence[Draft], contexts: ReplyContext | Sequence[ReplyContext]
    ) -> None:
        """Prefetch from drafts before spaCy runs (or before worker processes fork)."""
        if not self.settings.configured:
            return
        # The same preparation parse_documents applies, so the texts match the Docs' texts.
        from ..document import contexts_for, prepare

        drafts = list(drafts)
        self.prefetch([prepare(d, c) for d, c in zip(drafts, contexts_for(drafts, contexts), strict=True)])

    def _count(self, outcome: Outcome) -> None:
        if outcome.reason is not None:
            self._tally["skipped"] += 1
            self._reasons[outcome.reason] += 1
        elif outcome.cached:
            self._tally["cached"] += 1

    def result(self, doc: ReplyDocument) -> Outcome:
        """LanguageTool's matches for `doc` (fetched now if it was not prefetched)."""
        if not self.settings.configured:
            return Outcome(reason=NOT_CONFIGURED)
        text = text_to_send(doc)
        key = cache_key(text, self._settings_key())
        outcome = self._outcomes.get(key)
        if outcome is None:
            outcome = self._from_cache(key, text) or self._fetch_all({key: text})[key]
            self._outcomes[key] = outcome
            if outcome.reason is None and not outcome.cached:
                self.cache.put(key, [m.to_json() for m in outcome.matches])
        return outcome

    def _from_cache(self, key: str, text: str) -> Outcome | None:
        raw = self.cache.get(key, len(text))
        if raw is None:
            return None
        try:
            return Outcome(tuple(LTMatch.from_json(m) for m in raw), cached=True)
        except (KeyError, TypeError, ValueError, OverflowError):
            return None

    def _fetch_all(self, todo: dict[str, str]) -> dict[str, Outcome]:
        client = self._client_or_reason()
        if isinstance(client, str):
            return {key: Outcome(reason=client) for key in todo}
        workers = max(1, min(self.settings.concurrency, len(todo)))
        if workers == 1:
            return {key: self._fetch(client, text) for key, text in todo.items()}
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="replylint-lt") as pool:
            futures = {key: pool.submit(self._fetch, client, text) for key, text in todo.items()}
            return {key: future.result() for key, future in futures.items()}

    def _fetch(self, client: Any, text: str) -> Outcome:
        if self._broken is not None:
            return Outcome(reason=self._broken)
        if not text.strip():
            return Outcome()
        try:
            with self._lock:
                self.requests += 1
            matches = client.check(text)
            return Outcome(tuple(LTMatch.from_client(m) for m in matches))
        except Exception as exc:  # any failure becomes a visible skip, never a crash or a silent pass
            reason, fatal = describe_failure(exc, self.settings)
            if fatal:
                with self._lock:
                    self._broken = self._broken or reason
            return Outcome(reason=reason)

    def _client_or_reason(self) -> Any:
        with self._lock:
            if self._client is not None:
                return self._client
            if self._broken is not None:
                return self._broken
            try:
                self._client = make_client(self.settings, self.language)
            except Exception as exc:
                reason, _ = describe_failure(exc, self.settings, starting=True)
                self._broken = reason
                return reason
            return self._client


def make_client(settings: LanguageToolSettings, language: str) -> Any:
    """A language-tool-python client for the settings (GET /v2/languages happens here)."""
    import language_tool_python as ltp

    client_class = type("ReplylintLanguageTool", (ltp.LanguageTool,), {"_TIMEOUT": settings.timeout})
    client = client_class(language, remote_server=settings.url)
    client.disabled_rules = set(settings.disabled_rules)
    client.enabled_rules = set(settings.enabled_rules)
    client.disabled_categories = set(settings.disabled_categories)
    client.enabled_categories = set(settings.enabled_categories)
    return client


def describe_failure(
    exc: BaseException, settings: LanguageToolSettings, *, starting: bool = False
) -> tuple[str, bool]:
    """A one-line reason for the report, and whether the server is unusable for this run."""
    import requests
    from language_tool_python.exceptions import LanguageToolError, RateLimitError

    where = settings.where
    causes: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(causes) < 5:
        causes.append(seen)
        seen = seen.__cause__ or seen.__context__
    if any(isinstance(c, RateLimitError) for c in causes):
        return f"LanguageTool at {where} is rate-limiting requests (HTTP 426)", True
    if any(isinstance(c, requests.Timeout) for c in causes):
        return f"LanguageTool at {where} did not answer within {settings.timeout:g} s", True
    if any(isinstance(c, requests.ConnectionError) for c in causes):
        return f"LanguageTool at {where} is unreachable", True
    if any(isinstance(c, json.JSONDecodeError) for c in causes):
        return f"LanguageTool at {where} sent a malformed response (not JSON: {_first_line(exc)})", True
    if any(isinstance(c, (KeyError, TypeError, AttributeError)) for c in causes):
        return f"LanguageTool at {where} sent a malformed response (missing {_first_line(exc)})", True
    if isinstance(exc, ValueError) and "language" in str(exc):
        return f"LanguageTool at {where} does not support the language ({_first_line(exc)})", True
    if isinstance(exc, LanguageToolError):
        return f"LanguageTool at {where} answered with an error ({_first_line(exc)})", starting
    return f"LanguageTool at {where} failed ({type(exc).__name__}: {_first_line(exc)})", starting


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return line if len(line) <= 120 else line[:117] + "..."
