"""The result of a run: per-document checklist, findings, score and verdict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .findings import Finding, Level
from .grammar.status import GrammarStatus
from .rules import Rule


@dataclass(frozen=True)
class ItemResult:
    """One checklist item's status for one document."""

    status: str  # "pass", "fail" or "skip"
    reason: str = ""
    score: float | None = None  # 0..1; None when skipped


_ITEM_RESULTS: dict[tuple[str, str, float | None], ItemResult] = {}


def item_result(status: str, reason: str, score: float | None) -> ItemResult:
    """The ItemResult of these values, shared: a library's documents repeat a few dozen
    of them ("pass", "greets Sam"...), and the result cache and the spool rebuild one per
    item per document. ItemResult is frozen, so sharing one is safe."""
    key = (status, reason, score)
    found = _ITEM_RESULTS.get(key)
    if found is None:
        if len(_ITEM_RESULTS) > 10_000:  # reasons that name a person vary: stay bounded
            _ITEM_RESULTS.clear()
        found = _ITEM_RESULTS[key] = ItemResult(status, reason, score)
    return found


@dataclass(frozen=True)
class DocumentReport:
    """Everything known about one checked document."""

    source: str
    item: str | None
    text: str
    findings: tuple[Finding, ...]
    checklist: Mapping[str, ItemResult] = field(hash=False)
    score: int
    ready_to_send: bool
    title: str | None = None
    # Set when replylint itself failed on this document (a bug, not the draft's fault):
    # "ValueError: ..." for every output format, the traceback for --debug. Such a
    # report has no findings, every item skipped, and is never ready to send.
    error: str | None = None
    traceback: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Report:
    """A run over one or more documents, and how it was configured."""

    documents: Sequence[DocumentReport]  # a tuple, or a DocumentSpool on disk for a large run
    pipeline: str
    pipeline_note: str | None
    min_score: int
    fail_on: Level
    rules: tuple[Rule, ...] = ()  # the enabled rules, for formats that describe them (SARIF)
    # whether LanguageTool checked the run: checked, not checked or skipped, and why
    grammar: GrammarStatus = field(default_factory=GrammarStatus)
    cached: int = 0  # how many documents came from the result cache (no NLP work for them)

    @property
    def ready_to_send(self) -> bool:
        # a spooled run (spool.DocumentSpool) kept the answer as its documents came
        kept = getattr(self.documents, "all_ready", None)
        return kept if kept is not None else all(d.ready_to_send for d in self.documents)

    @property
    def failed(self) -> tuple[DocumentReport, ...]:
        """The documents replylint could not check because of an internal error."""
        kept = getattr(self.documents, "failed", None)
        if kept is not None:
            return tuple(kept)
        return tuple(d for d in self.documents if d.error is not None)
