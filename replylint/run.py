"""The run layer: a request in, a Report out, whatever the entry point.

The CLI, `replylint.lint()`, the JSON-lines stream and the HTTP service are thin
layers over this module (Vale's `cmd/` over `internal/`): they turn argv, arguments,
a JSON line or an HTTP body into drafts plus the run's own values (`RunValues`),
and this module decides each draft's context (`decide`, the one place where who wins
for customer, agent, channel, mode and ticket is decided), lints, and applies fixes.
It never prints, exits or reads argv, the environment or stdin.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import names
from .config import Config
from .document import Draft, ReplyContext
from .errors import InputError, ReplylintError
from .readers.inputs import TicketSource
from .report import DocumentReport, Report

if TYPE_CHECKING:
    from .engine import Linter
    from .fixer import Edit
    from .grammar.status import GrammarStatus
    from .resultcache import ResultCache
    from .ticket import Ticket

FIX_ROUNDS = 3  # an edit left out because it overlapped another is made in the next round


@dataclass(frozen=True)
class RunValues:
    """What the caller says for the whole run (layer 2 of the precedence table).

    Flags on the command line (REPLYLINT_AGENT for the agent, through click), the
    arguments of `replylint.lint()`, or nothing for the stream and the service,
    whose requests carry their own values.
    """

    customer: str | None = None
    agent: str | None = None
    channel: str | None = None
    mode: str | None = None
    ticket: TicketSource | None = None  # --ticket FILE, or lint(ticket=...)
    inputs_ticket: TicketSource | None = None  # an .eml found among the inputs


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _first_name(*values: str | None) -> str | None:
    """The first name that names someone: one without a letter (`names.usable`) is passed
    over as if not given (the readers and the CLI warn where it came from)."""
    return next((v for v in values if v and names.usable(v) is not None), None)


def decide(
    draft: Draft,
    run: RunValues,
    config: Config,
    analyse: Callable[[str], Ticket] | None = None,
) -> ReplyContext:
    """Who wins for customer, agent, channel, mode and ticket: decided here and only here.

    Highest first (the README's precedence table):
      1. the document itself: front matter, library item settings, the conversation
         object, an .eml draft;
      2. the run (`RunValues`): flags, API arguments;
      3. what the input format implies: library items are templates, Help Scout's
         chatText is chat;
      4. the ticket: the sender's name from its e-mail header, then the name in its own
         sign-off ("Thanks, Priya"); a ticket found among the inputs (.eml) is used
         when neither the document nor the run gives one;
      5. the config file (`customer`, `agent`, `channel`, `template_paths`);
      6. defaults: no names, channel email, mode draft.
    `analyse` turns the chosen ticket text into a Ticket (it needs the pipeline); the
    placeholder dialect is the config's when set, else what the reader found.
    """
    source = run.ticket if run.ticket else run.inputs_ticket
    ticket_text = draft.ticket or (source.text if source else None)
    from_header = source.customer if source and not draft.ticket else None
    ticket = analyse(ticket_text) if analyse and ticket_text else None
    template_path = "template" if config.mode_for(draft.source) == "template" else None
    return ReplyContext(
        customer=_first_name(
            draft.customer,
            run.customer,
            from_header,
            ticket.customer_name if ticket else None,
            config.customer,
        ),
        agent=_first_name(draft.agent, run.agent, config.agent),
        mode=_first(draft.mode, run.mode, draft.implied_mode, template_path) or "draft",
        channel=_first(draft.channel, run.channel, draft.implied_channel, config.channel) or "email",
        vocabulary=config.vocabulary,
        templates=config.templates if config.templates != "auto" else draft.templates or "auto",
        ticket=ticket,
    )


def contexts(linter: Linter, drafts: Sequence[Draft], run: RunValues) -> list[ReplyContext]:
    """Each draft's context; a ticket text is analysed once however many drafts share it."""
    decided = each_context(linter, drafts, run)
    for context in decided:
        if isinstance(context, Exception):
            raise context
    return decided  # type: ignore[return-value]


def each_context(linter: Linter, drafts: Sequence[Draft], run: RunValues) -> list[ReplyContext | Exception]:
    """`contexts`, each decided on its own: a draft whose context cannot be decided (its
    ticket cannot be analysed) gets the exception in its place, and the others their context."""
    cache: dict[str, Ticket] = {}

    def analyse(text: str) -> Ticket:
        if text not in cache:
            from .ticket import analyze  # only runs with a ticket pay for its analysis imports

            cache[text] = analyze(text, linter.pipeline)
        return cache[text]

    out: list[ReplyContext | Exception] = []
    for draft in drafts:
        try:
            out.append(decide(draft, run, linter.config, analyse))
        except Exception as exc:
            out.append(exc)
    return out


WINDOW = 2_000  # documents linted at a time: a larger run is linted window by window, spooled


def lint(
    linter: Linter,
    drafts: Iterable[Draft],
    run: RunValues | None = None,
    jobs: int = 1,
    *,
    use_cache: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Check drafts under the run's values: the one path from drafts to a Report.

    With a cache folder in the config (the CLI's default; `--no-cache` or
    `use_cache=False` turns it off), a document checked before under the same key
    (`resultcache`) is taken from the cache; the rest are linted together, and a run
    where every document is a hit loads no spaCy at all.

    Each document is checked in isolation: an unexpected exception on one (deciding its
    context, parsing, a rule, a worker process dying) becomes that document's report
    with `error` set (`scoring.failed`), never cached, and the others are reported as
    usual, in order. The cache is only a shortcut: a key, read or write that fails is a miss.

    Memory is bounded by WINDOW documents, not by the run: `drafts` is read lazily, a
    window at a time, and when there is more than one window the reports are kept in a
    `DocumentSpool` on disk (the Report's `documents` is then the spool, read back in
    order), so a 50,000-macro library costs what 2,000 do.
    """
    run = run or RunValues()
    cache = result_cache(linter) if use_cache else None
    windows = _windows(drafts, WINDOW)
    parts = [_lint_window(linter, next(windows, []), run, jobs, cache, progress)]
    spool = None
    for window in windows:
        if spool is None:
            from .spool import DocumentSpool

            spool = DocumentSpool(parts[0].report.documents)
            parts[0] = _Part(replace(parts[0].report, documents=()), parts[0].linted)
        part = _lint_window(linter, window, run, jobs, cache, progress)
        spool.extend(part.report.documents)
        parts.append(_Part(replace(part.report, documents=()), part.linted))
    documents = spool if spool is not None else parts[0].report.documents
    return _joined(linter, parts, documents, cache)


def _windows(drafts: Iterable[Draft], size: int) -> Iterator[list[Draft]]:
    window: list[Draft] = []
    for draft in drafts:
        window.append(draft)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


@dataclass(frozen=True)
class _Part:
    """One window's report, and whether any of it was linted here (not all from the cache)."""

    report: Report
    linted: bool


def _joined(
    linter: Linter, parts: list[_Part], documents: Sequence[DocumentReport], cache: ResultCache | None
) -> Report:
    """The run's Report from its windows: their documents in order, the pipeline and
    grammar status of the windows linted here (a skipped grammar wins: the run did not
    check it), and the cache hits counted over all windows."""
    hits = sum(p.report.cached for p in parts)
    linted = [p.report for p in parts if p.linted]
    if not linted:
        return replace(
            parts[0].report, documents=documents, cached=hits, grammar=_cached_grammar(linter, hits)
        )
    base = linted[0]
    grammar = next((r.grammar for r in linted if r.grammar.status == "skipped"), base.grammar)
    if cache is not None and hits and grammar.checked:
        grammar = replace(grammar, reason=f"{grammar.reason}; {hits} documents from the result cache")
    return replace(base, documents=documents, cached=hits if cache is not None else 0, grammar=grammar)


def _lint_window(
    linter: Linter,
    drafts: Sequence[Draft],
    run: RunValues,
    jobs: int,
    cache: ResultCache | None,
    progress: Callable[[int], None] | None,
) -> _Part:
    """`lint` on one window of drafts."""
    drafts = with_path_settings(linter, drafts)
    keys: list[str | None] = [_quietly(cache.key, d, run) for d in drafts] if cache else [None] * len(drafts)
    found: list[DocumentReport | None] = [
        _quietly(cache.get, k, d) if cache and k else None for k, d in zip(keys, drafts, strict=True)
    ]
    hits = sum(doc is not None for doc in found)
    if progress is not None and hits:
        progress(hits)
    if cache is not None and drafts and hits == len(drafts):
        return _Part(_all_cached(linter, cache, found, hits), linted=False)
    todo: list[int] = []
    todo_contexts: list[ReplyContext] = []
    missing = [i for i, doc in enumerate(found) if doc is None]
    for i, context in zip(missing, each_context(linter, [drafts[i] for i in missing], run), strict=True):
        if isinstance(context, Exception):
            from .scoring import failed

            found[i] = failed(drafts[i], context, _trace(context))
            if progress is not None:
                progress(1)
        else:
            todo.append(i)
            todo_contexts.append(context)
    report = linter.lint([drafts[i] for i in todo], todo_contexts, jobs=jobs, progress=progress)
    # A run whose grammar was skipped (server down) is not kept: the next run checks it.
    keep = cache is not None and report.grammar.status != "skipped"
    for i, doc in zip(todo, report.documents, strict=True):
        found[i] = doc
        key = keys[i]
        if keep and key is not None and doc.error is None:
            _quietly(cache.put, key, doc)  # type: ignore[union-attr]
    documents = tuple(d for d in found if d is not None)
    if cache is None:
        return _Part(replace(report, documents=documents), linted=True)
    _quietly(cache.remember_pipeline, report.pipeline, report.pipeline_note)
    return _Part(replace(report, documents=documents, cached=hits), linted=True)


def _all_cached(linter: Linter, cache: ResultCache, found: list[DocumentReport | None], hits: int) -> Report:
    """The report of a run whose every document came from the cache (no spaCy loaded)."""
    pipeline = _quietly(cache.pipeline) or (linter.pipeline.describe(), linter.pipeline.note)
    return Report(
        documents=tuple(d for d in found if d is not None),
        pipeline=pipeline[0],
        pipeline_note=pipeline[1],
        min_score=linter.config.min_score,
        fail_on=linter.config.fail_on,
        rules=tuple(linter.rules),
        grammar=_cached_grammar(linter, hits),
        cached=hits,
    )


def _quietly(call: Callable[..., Any], *args: Any) -> Any:
    """`call(*args)`, or None when it raises: for the result cache, a shortcut that must
    never cost a result (a corrupt entry, a full disk, a key it cannot make)."""
    try:
        return call(*args)
    except Exception:
        return None


def _trace(exc: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(exc))


def with_path_settings(linter: Linter, drafts: Sequence[Draft]) -> list[Draft]:
    """Drafts with the rules the config's `per_path` turns off for their files added to `disable`."""
    if not linter.config.per_path:
        return list(drafts)
    out = []
    for draft in drafts:
        ids = linter.config.disabled_for(draft.source)
        off = {r.id for r in linter.rules if r.id in ids or r.checklist in ids}
        out.append(replace(draft, disable=draft.disable | off) if off - draft.disable else draft)
    return out


_CACHES: weakref.WeakKeyDictionary[Linter, ResultCache | None] = weakref.WeakKeyDictionary()


def result_cache(linter: Linter) -> ResultCache | None:
    """The Linter's result cache (one per Linter, so its fingerprint is computed once), or None."""
    if linter not in _CACHES:
        from .resultcache import DEFAULT_MAX_BYTES, ResultCache

        folder = linter.config.cache_dir
        limit = linter.config.cache_max_bytes or DEFAULT_MAX_BYTES
        _CACHES[linter] = ResultCache(folder, linter, limit) if folder is not None else None
    return _CACHES[linter]


def _cached_grammar(linter: Linter, hits: int) -> GrammarStatus:
    """What the report says about grammar when every document came from the cache."""
    from .grammar.status import NOT_CONFIGURED, RULES_DISABLED, GrammarStatus

    if not any(r.kind == "grammar" for r in linter.rules):
        return RULES_DISABLED
    settings = linter.config.languagetool
    if not settings.configured:
        return GrammarStatus("not checked", NOT_CONFIGURED)
    return GrammarStatus(
        "checked", f"LanguageTool at {settings.where}; {hits} documents from the result cache"
    )


# -- fixes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fixed:
    """One draft before and after its fixes, and the edits made (over all rounds)."""

    draft: Draft  # as read
    text: str  # the fixed text (the draft's checked text, front matter not included)
    edits: tuple[Edit, ...]

    @property
    def changed(self) -> bool:
        return self.text != self.draft.text


@dataclass(frozen=True)
class FixRun:
    """The drafts' outcomes and the reports before and after their fixes."""

    fixed: tuple[Fixed, ...]
    before: Report
    after: Report


def fix(
    linter: Linter,
    drafts: Sequence[Draft],
    run: RunValues | None = None,
    *,
    unsafe: bool = False,
    jobs: int = 1,
    rounds: int = FIX_ROUNDS,
    progress: Callable[[int], None] | None = None,
) -> FixRun:
    """Apply every safe fix (and unsafe ones when asked), re-checking until none is left.

    At most `rounds` rounds: an edit skipped because it overlapped another is made in
    the next one. Nothing is written: see `write_fixed`.
    """
    from .fixer import apply, in_line_endings, line_ending, plan

    run = run or RunValues()
    current = list(drafts)
    made: list[list[Edit]] = [[] for _ in drafts]
    endings = [line_ending(d.text) for d in drafts]  # inserted line breaks are the file's own
    report = before = lint(linter, current, run, jobs, progress=progress)
    for _ in range(rounds):
        changed = False
        for i, doc in enumerate(report.documents):
            edits = [in_line_endings(e, endings[i]) for e in plan(doc.findings, unsafe=unsafe)]
            if edits:
                current[i] = replace(current[i], text=apply(current[i].text, edits))
                made[i].extend(edits)
                changed = True
        if not changed:
            break
        report = lint(linter, current, run, jobs)
    fixed = tuple(Fixed(d, c.text, tuple(m)) for d, c, m in zip(drafts, current, made, strict=True))
    return FixRun(fixed, before, report)


def unfixable(drafts: Sequence[Draft]) -> ReplylintError | None:
    """Why these drafts cannot be rewritten in place (library values, e-mail, conversations)."""
    if any(d.body_offset is None for d in drafts):
        return ReplylintError(
            "--fix/--diff rewrite reply files (.txt .md .html) and stdin only; "
            "library files (JSON/YAML) and e-mail or conversation files are not rewritten, "
            "so nothing was changed"
        )
    return None


@dataclass(frozen=True)
class FileText:
    """A reply file's text before and after its fix, and how it is stored (its BOM)."""

    before: str
    after: str
    bom: bool = False


def whole_file(fixed: Fixed) -> FileText:
    """The file's text before and after the fix, front matter and BOM kept as they were.

    The file is read again as bytes (no newline translation, so CRLF files compare as
    read) and must still hold exactly what was checked: InputError when it changed since
    (then it is not fixed).
    """
    draft = fixed.draft
    if draft.source == "-":
        return FileText(draft.text, fixed.text)
    from .inputfile import read_bytes

    offset = draft.body_offset or 0
    # UTF-8 takes at most 4 bytes a character: a file longer than that has changed
    raw = read_bytes(draft.source, 4 * (offset + len(draft.text)) + 3)
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        whole = raw[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        whole = None
    if whole is None or whole[offset:] != draft.text:
        raise InputError("changed while being checked; not fixed", file=draft.source)
    prefix = whole[:offset]
    return FileText(prefix + draft.text, prefix + fixed.text, bom)


def write_fixed(fixed: Fixed) -> None:
    """Write one fixed reply file atomically, keeping its identity (ReplylintError naming
    the file when it cannot be written, or its identity could not be kept)."""
    from .fixer import IdentityError, write_atomic

    text = whole_file(fixed)
    try:
        write_atomic(Path(fixed.draft.source), text.after, bom=text.bom)
    except IdentityError as exc:
        raise ReplylintError(f"{exc}; not fixed", file=fixed.draft.source) from None
    except OSError as exc:
        raise ReplylintError(
            f"could not write the fix: {exc.strerror}; file unchanged", file=fixed.draft.source
        ) from None
