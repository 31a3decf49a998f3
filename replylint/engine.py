"""Run compiled checks over parsed documents and turn hits into placed findings.

The second of the engine's three jobs: `ruleset` loads and compiles the rules,
this module runs them, `scoring` grades the result. The engine, not the kinds,
stamps rule id, level, checklist, region and fix applicability on each finding
(yamllint's loop), drops hits inside placeholders (their text is masked) or outside
the rule's regions, and never looks at quoted history. `finalise` is the one place
where a document's list of findings is settled (duplicates dropped, sorted).

Who wins for customer, agent, channel, mode and ticket is `run.decide`'s job, not the
engine's: contexts arrive decided, or as one run context that `run` decides per draft.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from .config import Config
from .document import Draft, Prepared, ReplyContext, ReplyDocument, parse_prepared, prepare_all
from .errors import ReplylintError
from .findings import Applicability, Finding, Fix, Hit
from .kinds.base import BatchSession, SkipCheck
from .overlap import merge_overlapping
from .report import DocumentReport, Report
from .rules import Rule
from .ruleset import CompiledRule, RuleSet, configured_rules, required_features
from .scoring import failed, grade, not_inspectable

__all__ = ["CompiledRule", "Linter", "configured_rules", "linter_for", "required_features"]

CHUNK_MAX = 32  # drafts a forked worker is given at a time
SOLO_AFTER_FAILURE = 64  # spaCy's batch: drafts parsed one at a time after a batch fails

# A fix whose text has a gap for a person to fill is a rewrite idea, never an edit.
_GAPS = ("...", "…")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


_FORMATTER = string.Formatter()


def _message(template: str, values: dict[str, str]) -> str:
    return _FORMATTER.vformat(template, (), _Blank(values))


class Linter:
    """Compiled rules plus the one pipeline they need; reusable across documents."""

    def __init__(self, rules: Sequence[Rule], config: Config, ruleset: RuleSet | None = None) -> None:
        self.config = config
        self.ruleset = ruleset or RuleSet.compile(rules, config)
        self.rules = list(self.ruleset.rules)
        self.weights = self.ruleset.weights
        self.rules_by_item = self.ruleset.rules_by_item

    # The pipeline, sessions and checks are built on first use (see RuleSet): a run
    # answered from the result cache never loads spaCy.
    @property
    def pipeline(self) -> Any:  # nlp.Pipeline
        return self.ruleset.pipeline

    @property
    def sessions(self) -> dict[str, Any]:
        return self.ruleset.sessions

    @property
    def compiled(self) -> tuple[CompiledRule, ...]:
        return self.ruleset.compiled

    def context(
        self, customer: str | None = None, agent: str | None = None, mode: str = "draft"
    ) -> ReplyContext:
        """A run context with these names (else the config's), for `lint` and `parse_documents`.

        Given to `lint` as the one context of a batch, each draft's own values (front
        matter, item settings, its ticket) are laid over it by `run.decide`.
        """
        from .run import RunValues, decide

        values = RunValues(customer=customer, agent=agent, mode=mode)
        return replace(decide(Draft(""), values, self.config), run=values)

    def lint(
        self,
        drafts: Sequence[Draft],
        contexts: ReplyContext | Sequence[ReplyContext],
        jobs: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> Report:
        """Check drafts with their contexts (one each, decided; or one run context), in order.

        One spaCy pass (nlp.pipe) per process. With jobs > 1 the drafts are split into
        chunks for forked worker processes that inherit this Linter, so the pipeline
        and the compiled rules are not loaded again.
        """
        if isinstance(contexts, ReplyContext) and contexts.run is not None:
            from .run import contexts as decided  # a run context: each draft's own values win

            contexts = decided(self, drafts, contexts.run)
        contexts = [contexts] * len(drafts) if isinstance(contexts, ReplyContext) else list(contexts)
        for session in self.sessions.values():
            if isinstance(session, BatchSession):  # network work for the whole batch, before any rule
                session.begin()
                # Only a head start: if it fails, each document asks on its own, and one
                # whose check then fails is reported as failed (`_lint_here`).
                with contextlib.suppress(Exception):
                    session.prefetch(drafts, contexts)
        if jobs > 1 and len(drafts) >= 2 * jobs and _can_fork():
            documents = self._lint_parallel(drafts, contexts, jobs, progress)
        else:
            documents = self._lint_here(drafts, contexts, progress)
        from .grammar.status import RULES_DISABLED

        return Report(
            documents=documents,
            pipeline=self.pipeline.describe(),
            pipeline_note=self.pipeline.note,
            min_score=self.config.min_score,
            fail_on=self.config.fail_on,
            rules=tuple(self.rules),
            grammar=self.sessions["grammar"].status() if "grammar" in self.sessions else RULES_DISABLED,
        )

    def _lint_here(
        self,
        drafts: Sequence[Draft],
        contexts: Sequence[ReplyContext],
        progress: Callable[[int], None] | None = None,
    ) -> tuple[DocumentReport, ...]:
        """Lint in this process, each document in isolation: an unexpected exception while
        preparing, parsing or checking one becomes that document's `failed` report and the
        others are reported as usual.

        spaCy still gets the drafts in batches (`parse_prepared`); when a batch fails, the
        exception may come from a draft read ahead with the one at its head, so the next
        SOLO_AFTER_FAILURE drafts (spaCy's batch) are parsed one at a time: only the draft
        that fails is blamed, and batching resumes after them.

        A ReplylintError is not a fault of the document: it is the team's input (a rule
        whose pattern runs away, a vocabulary term) and stops the run with exit 2, naming
        the file and field, as it would have at load time.
        """
        out: list[DocumentReport | None] = [None] * len(drafts)
        groups: dict[int, list[Prepared]] = {}
        for i, (draft, context) in enumerate(zip(drafts, contexts, strict=True)):
            try:
                groups[i] = prepare_all(draft, context)
            except ReplylintError:
                raise
            except Exception as exc:
                out[i] = _failed(draft, exc)
                _tick(progress)
        todo = sorted(groups)
        at = 0
        while at < len(todo):
            rest = todo[at:]
            try:
                for doc in parse_prepared(
                    [groups[i] for i in rest], [contexts[i] for i in rest], self.pipeline
                ):
                    out[todo[at]] = self._report_isolated(doc)
                    at += 1
                    _tick(progress)
            except ReplylintError:
                raise
            except Exception:
                for i in todo[at : at + SOLO_AFTER_FAILURE]:
                    try:
                        [doc] = parse_prepared([groups[i]], [contexts[i]], self.pipeline)
                    except ReplylintError:
                        raise
                    except Exception as exc:
                        out[i] = _failed(drafts[i], exc)
                    else:
                        out[i] = self._report_isolated(doc)
                    at += 1
                    _tick(progress)
        return tuple(doc for doc in out if doc is not None)

    def _report_isolated(self, doc: ReplyDocument) -> DocumentReport:
        try:
            return self._report(doc)
        except ReplylintError:
            raise
        except Exception as exc:
            return _failed(doc.draft, exc)

    def _lint_parallel(
        self,
        drafts: Sequence[Draft],
        contexts: Sequence[ReplyContext],
        jobs: int,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[DocumentReport, ...]:
        """Lint in forked workers, in order. A worker that dies (killed, out of memory, a
        crash in native code) loses no results: the chunks it did not finish are linted
        again, each document in a process of its own, so only the document that kills
        its process is reported as failed."""
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        global _FORK_WORK
        # The first document is checked here, before forking: what rules and word lists
        # load on first use (the spelling word list, the lemmatizer's word classes,
        # compiled patterns, the grammar session) is then loaded once and inherited by
        # every worker instead of loaded by each (at 1,000 drafts, a tenth of a worker's time).
        first = self._lint_here(drafts[:1], contexts[:1], progress)
        drafts, contexts = drafts[1:], contexts[1:]
        # Chunks of at most CHUNK_MAX drafts: a worker that finishes early waits for the
        # other's last chunk, and at about 30 drafts/s a 125-draft chunk (1,000 drafts
        # over 2 jobs x 4) can leave one core idle for up to four seconds.
        size = max(1, min(CHUNK_MAX, -(-len(drafts) // (jobs * 4))))
        chunks = [(i, min(i + size, len(drafts))) for i in range(0, len(drafts), size)]
        parts: dict[tuple[int, int], tuple[DocumentReport, ...]] = {}
        _FORK_WORK = (self, list(drafts), list(contexts))
        # The parent's objects out of the collector's sight while the workers live: a
        # collection in a worker would touch every object's header, and so copy every
        # page the parent's objects are on into the worker (fork shares them until then).
        gc.freeze()
        try:
            try:
                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                    for bounds, part in zip(chunks, pool.map(_lint_chunk, chunks), strict=True):
                        parts[bounds] = part
                        if progress is not None:
                            progress(len(part))
            except BrokenProcessPool:
                pass
            for bounds in chunks:
                if bounds not in parts:
                    parts[bounds] = _lint_each_in_own_process(range(*bounds), jobs, progress)
        finally:
            _FORK_WORK = None
            gc.unfreeze()
        return first + tuple(doc for bounds in chunks for doc in parts[bounds])

    def findings(self, doc: ReplyDocument) -> tuple[list[Finding], dict[str, str]]:
        """All findings for one document, final (see `finalise`), and the rules that skipped.

        A branching Liquid template is checked in every variant (each text the customer
        could receive, `ReplyDocument.variants`): a problem in any of them is a finding
        (once per rule and place), so a greeting counts only when every branch has one.
        Grammar is checked on the first variant only (each variant would be another
        LanguageTool request); what is skipped is what the first variant skipped.
        """
        found, skipped = self._checked(doc)
        seen = {(f.rule, f.offset, f.length) for f in found}
        missing = {(f.rule, f.message) for f in found if not f.length}
        for variant in doc.variants:
            for f in self._checked(variant, first=False)[0]:
                # Something missing (a greeting, a next step) is said once, wherever each
                # variant would have wanted it.
                if (f.rule, f.offset, f.length) in seen or (not f.length and (f.rule, f.message) in missing):
                    continue
                seen.add((f.rule, f.offset, f.length))
                if not f.length:
                    missing.add((f.rule, f.message))
                found.append(f)
        return finalise(found), skipped

    def _checked(self, doc: ReplyDocument, first: bool = True) -> tuple[list[Finding], dict[str, str]]:
        found: list[Finding] = []
        skipped: dict[str, str] = {}
        for compiled in self.compiled:
            if not first and compiled.rule.kind == "grammar":
                continue
            rule = compiled.rule
            if rule.id in doc.draft.disable:
                continue
            if rule.channels and doc.context.channel not in rule.channels:
                skipped[rule.id] = f"not checked on {doc.context.channel} replies"
                continue
            spans = doc.regions.spans(rule.regions)
            try:
                hits = list(compiled.check(doc, spans))
            except SkipCheck as skip:
                skipped[rule.id] = skip.reason
                continue
            for hit in hits:
                if not compiled.sees_placeholders and self._in_placeholder(doc, hit):
                    continue
                finding = self._finding(doc, rule, hit)
                if not doc.suppressions.covers(rule.id, finding.offset):
                    found.append(finding)
        return found, skipped

    @staticmethod
    def _in_placeholder(doc: ReplyDocument, hit: Hit) -> bool:
        return any(p.start < hit.end and hit.start < p.end for p in doc.placeholders)

    @staticmethod
    def _finding(doc: ReplyDocument, rule: Rule, hit: Hit) -> Finding:
        offset, length, line, column = doc.position(hit.start, hit.end)
        end_line, end_column = doc.end_position(offset + length) if length else (line, column)
        values = {
            "match": doc.source_text(hit.start, hit.end).strip(),
            "suggestion": hit.suggestions[0] if hit.suggestions else "",
            "customer": doc.context.customer or "",
            "agent": doc.context.agent or "",
            **hit.values,
        }
        match = doc.draft.text[offset : offset + length]
        fix = _fix(doc, rule, hit)
        used = 1 if fix is not None and hit.edit is None else 0
        return Finding(
            rule=rule.id,
            checklist=rule.checklist,
            level=rule.level,
            message=_message(rule.message, values),
            offset=offset,
            length=length,
            line=line,
            column=column,
            match=match,
            suggestions=hit.suggestions,
            fixable=fix is not None,
            region=doc.regions.name_at(hit.start),
            end_line=end_line,
            end_column=end_column,
            fix=fix,
            advice=hit.suggestions[used:],
        )

    def _report(self, doc: ReplyDocument) -> DocumentReport:
        if not doc.inspectable:
            return not_inspectable(doc.draft, [p.text for p in doc.placeholders])
        findings, skipped = self.findings(doc)
        return grade(
            doc.draft,
            findings,
            skipped,
            weights=self.weights,
            rules_by_item=self.rules_by_item,
            min_score=self.config.min_score,
            fail_on=self.config.fail_on,
        )


def _fix(doc: ReplyDocument, rule: Rule, hit: Hit) -> Fix | None:
    """The exact edit a hit asks for, in original-text offsets, or None.

    None when the hit offers no literal replacement, when the replacement has a gap
    (`...`) for a person to fill, or when in HTML the edit would touch markup (a tag or
    an entity) or insert text whose line breaks HTML would not show.
    """
    if hit.edit is not None:
        start, end, text = hit.edit
    elif hit.fixable and hit.suggestions:
        start, end, text = hit.start, hit.end, hit.suggestions[0]
    else:
        return None
    if any(gap in text for gap in _GAPS):
        return None
    offset, length, _, _ = doc.position(start, end)
    if doc.draft.is_html:
        original = doc.draft.text[offset : offset + length]
        if start == end or any(c in original for c in "<>&"):
            return None
    unsafe = hit.unsafe or rule.applicability is Applicability.UNSAFE
    return Fix(offset, length, text, Applicability.UNSAFE if unsafe else Applicability.SAFE)


def finalise(findings: Iterable[Finding]) -> list[Finding]:
    """A document's findings, settled: the one place they are deduplicated and ordered.

    A rule reporting the same place twice keeps one finding; several findings of one
    rule at one place (unanswered questions) differ by their message and are all kept.
    Findings of different rules on the same words merge (overlap.py).
    Fixes never overlap, so a program can apply every safe fix (or every fix) at once:
    of two overlapping fixes the safe one wins, then the earlier (then the longer),
    and the other finding keeps its replacement as advice for the next round.
    """
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.rule, f.offset, f.length, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    out = merge_overlapping(out)  # one problem, one finding: the more specific rule's
    out = _without_overlapping_fixes(out)
    out.sort(key=lambda f: (f.offset, f.rule))
    return out


def _without_overlapping_fixes(findings: list[Finding]) -> list[Finding]:
    order = sorted(
        (i for i, f in enumerate(findings) if f.fix is not None),
        key=lambda i: (findings[i].fix.applicability is not Applicability.SAFE,  # type: ignore[union-attr]
                       findings[i].fix.offset, -findings[i].fix.length),  # type: ignore[union-attr]
    )  # fmt: skip
    kept: list[Fix] = []
    out = list(findings)
    for i in order:
        fix = findings[i].fix
        assert fix is not None
        if any(_clash(fix, other) for other in kept):
            f = findings[i]
            idea = fix.replacement.strip()
            advice = f.advice if not idea or idea in f.advice else (idea, *f.advice)
            out[i] = replace(f, fix=None, fixable=False, advice=advice)
        else:
            kept.append(fix)
    return out


def _clash(a: Fix, b: Fix) -> bool:
    """Whether two edits cannot both be made: they overlap, or an insertion touches the other."""
    if a.length and b.length:
        return a.offset < b.offset + b.length and b.offset < a.offset + a.length
    if not a.length and not b.length:
        return a.offset == b.offset
    insertion, edit = (a, b) if not a.length else (b, a)
    return edit.offset <= insertion.offset <= edit.offset + edit.length


_LINTERS: dict[tuple, Linter] = {}
_FORK_WORK: tuple[Linter, list[Draft], list[ReplyContext]] | None = None


def _can_fork() -> bool:
    """Workers must inherit the loaded pipeline; only the fork start method does that."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _lint_chunk(bounds: tuple[int, int]) -> tuple[DocumentReport, ...]:
    """Worker: lint drafts[start:stop] of the work the parent set up before forking."""
    assert _FORK_WORK is not None
    linter, drafts, contexts = _FORK_WORK
    start, stop = bounds
    try:
        return linter._lint_here(drafts[start:stop], contexts[start:stop])
    finally:
        _trim_heap()


def _trim_heap() -> None:
    """Hand the C heap's free pages back to the system (glibc's malloc_trim; a no-op
    elsewhere). A chunk's parsing leaves its working memory free but mapped, scattered
    between live objects, and over a long run a worker's resident size grew with it."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        import ctypes

        try:  # glibc's soname; elsewhere (macOS, musl) there is none and nothing is done
            _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM: Any = None  # glibc's malloc_trim once looked up, False where there is none


class WorkerDied(RuntimeError):
    """The process checking one document ended without an answer (killed or crashed)."""


def _lint_each_in_own_process(
    indices: range, jobs: int, progress: Callable[[int], None] | None
) -> tuple[DocumentReport, ...]:
    """Lint each of drafts[indices] in a forked process of its own, `jobs` at a time.

    The way back after a worker died: a document whose process dies too gets a failed
    report naming how it ended (a signal or an exit status); the others their results.
    """
    import multiprocessing
    import pickle

    assert _FORK_WORK is not None
    linter, drafts, contexts = _FORK_WORK
    fork = multiprocessing.get_context("fork")
    out: dict[int, DocumentReport] = {}
    pending = list(indices)
    running: list[tuple[int, Any, Any]] = []

    def finish(i: int, process: Any, receiver: Any) -> None:
        result = None
        try:
            if receiver.poll():
                result = pickle.loads(receiver.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            result = None
        process.join()
        receiver.close()
        if result is None:
            code = process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            result = failed(drafts[i], WorkerDied(f"the process checking this document ended ({how})"))
        if isinstance(result, ReplylintError):
            raise result
        out[i] = result
        _tick(progress)

    while pending or running:
        while pending and len(running) < jobs:
            i = pending.pop(0)
            receiver, sender = fork.Pipe(duplex=False)
            process = fork.Process(target=_lint_one_and_send, args=(linter, drafts[i], contexts[i], sender))
            process.start()
            sender.close()
            running.append((i, process, receiver))
        i, process, receiver = running.pop(0)
        # the answer comes before the process ends; reading it first keeps a large one from
        # blocking the child on a full pipe
        receiver.poll(None)
        finish(i, process, receiver)
    return tuple(out[i] for i in indices)


def _lint_one_and_send(linter: Linter, draft: Draft, context: ReplyContext, sender: Any) -> None:
    import pickle

    try:
        [result] = linter._lint_here([draft], [context])
    except ReplylintError as exc:  # the team's input, not this document: the parent raises it
        result = exc
    sender.send_bytes(pickle.dumps(result))
    sender.close()


def _failed(draft: Draft, exc: BaseException) -> DocumentReport:
    import traceback

    return failed(draft, exc, "".join(traceback.format_exception(exc)))


def _tick(progress: Callable[[int], None] | None) -> None:
    if progress is not None:
        progress(1)


def linter_for(config: Config) -> Linter:
    """The Linter for a configuration, built once per process."""
    key = config.cache_key()
    linter = _LINTERS.get(key)
    if linter is None:
        linter = Linter(configured_rules(config), config)
        _LINTERS[key] = linter
    elif linter.config != config:
        linter = Linter((), config, linter.ruleset)  # same compiled rules, other run settings
    return linter
