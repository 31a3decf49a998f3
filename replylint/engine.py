"""Run compiled rules over parsed documents and turn hits into placed findings.

The engine, not the kinds, stamps rule id, level, checklist and region on each
finding, drops hits inside placeholders (their text is masked) or outside the
rule's regions, and never looks at quoted history. Rules are built once per
Linter; a Linter is built once per configuration and process.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checklist import SCORED_ITEMS
from .config import Config
from .document import Draft, ReplyContext, ReplyDocument, parse_documents
from .errors import ConfigError
from .findings import Finding, Hit
from .kinds import KINDS, kind_features
from .kinds.base import SkipCheck
from .kinds.grammar import RULES_DISABLED
from .nlp import Pipeline, load_pipeline
from .overlap import merge_overlapping
from .report import DocumentReport, ItemResult, Report
from .resources import builtin_rules_dir
from .rules import Rule, load_rules, override
from .scoring import checklist_with_verdict, overall, score_items, verdict


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its check built against the loaded pipeline."""

    rule: Rule
    check: Any
    sees_placeholders: bool


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


_FORMATTER = string.Formatter()


def _message(template: str, values: dict[str, str]) -> str:
    return _FORMATTER.vformat(template, (), _Blank(values))


def configured_rules(config: Config, extra_dirs: Sequence[Path] = ()) -> list[Rule]:
    """Built-in rules, then config rule folders, with config overrides applied."""
    rules = load_rules([builtin_rules_dir(), *config.rule_dirs, *extra_dirs])
    by_id = {r.id: r for r in rules}
    for rule_id, setting in config.rules.items():
        if rule_id not in by_id:
            raise ConfigError(
                f"no rule with id '{rule_id}' (see `replylint rules list`)",
                file=config.path,
                line=setting.line or None,
                field=f"rules.{rule_id}",
            )
        by_id[rule_id] = override(
            by_id[rule_id],
            enabled=setting.enabled,
            level=setting.level,
            weight=setting.weight,
            options=setting.options,
            source=f"{config.path}:{setting.line}" if config.path else "config",
        )
    return list(by_id.values())


def required_features(rules: Iterable[Rule]) -> frozenset[str]:
    """The spaCy features the enabled rules need, together."""
    needed: set[str] = {"tokens", "sentences"}
    for rule in rules:
        if rule.enabled:
            needed |= kind_features(rule.kind, rule.options)
    return frozenset(needed)


class Linter:
    """Compiled rules plus the one pipeline they need; reusable across documents."""

    def __init__(self, rules: Sequence[Rule], config: Config) -> None:
        self.config = config
        self.rules = [r for r in rules if r.enabled]
        self.pipeline: Pipeline = load_pipeline(config.model, required_features(self.rules))
        # A kind with a `session(config, rules, pipeline)` hook gets one shared object per
        # Linter (the grammar kind's LanguageTool client and cache, the spelling kind's
        # vocabulary) passed to each of its rules' build(); `prefetch` runs once per lint().
        self.sessions = {
            kind: KINDS[kind].session(config, self.rules, self.pipeline)
            for kind in dict.fromkeys(r.kind for r in self.rules)
            if hasattr(KINDS[kind], "session")
        }
        self.compiled = [
            CompiledRule(
                r,
                KINDS[r.kind].build(r, self.pipeline, self.sessions[r.kind])
                if r.kind in self.sessions
                else KINDS[r.kind].build(r, self.pipeline),
                getattr(KINDS[r.kind], "SEES_PLACEHOLDERS", False),
            )
            for r in self.rules
        ]
        self.weights = {r.id: r.weight for r in self.rules}
        self.rules_by_item: dict[str, list[str]] = {}
        for r in self.rules:
            self.rules_by_item.setdefault(r.checklist, []).append(r.id)

    def context(
        self, customer: str | None = None, agent: str | None = None, mode: str = "draft"
    ) -> ReplyContext:
        """A run context: explicit names win over the config's."""
        return ReplyContext(
            customer=customer or self.config.customer,
            agent=agent or self.config.agent,
            mode=mode,
            vocabulary=self.config.vocabulary,
            templates=self.config.templates,
            channel=self.config.channel,
        )

    def lint(
        self,
        drafts: Sequence[Draft],
        contexts: ReplyContext | Sequence[ReplyContext],
        jobs: int = 1,
    ) -> Report:
        """Check drafts and build the report, in document order.

        One spaCy pass (nlp.pipe) per process. With jobs > 1 the drafts are split into
        chunks for forked worker processes that inherit this Linter, so the pipeline
        and the compiled rules are not loaded again.
        """
        for session in self.sessions.values():
            if hasattr(session, "prefetch"):  # network work for the whole batch, before any rule
                session.begin()
                session.prefetch(drafts, contexts)
        if jobs > 1 and len(drafts) >= 2 * jobs and _can_fork():
            documents = self._lint_parallel(drafts, contexts, jobs)
        else:
            documents = self._lint_here(drafts, contexts)
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
        self, drafts: Sequence[Draft], contexts: ReplyContext | Sequence[ReplyContext]
    ) -> tuple[DocumentReport, ...]:
        return tuple(self._report(doc) for doc in parse_documents(drafts, contexts, self.pipeline))

    def _lint_parallel(
        self, drafts: Sequence[Draft], contexts: ReplyContext | Sequence[ReplyContext], jobs: int
    ) -> tuple[DocumentReport, ...]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _FORK_WORK
        ctx_list = [contexts] * len(drafts) if isinstance(contexts, ReplyContext) else list(contexts)
        size = max(1, -(-len(drafts) // (jobs * 4)))
        chunks = [range(i, min(i + size, len(drafts))) for i in range(0, len(drafts), size)]
        _FORK_WORK = (self, list(drafts), ctx_list)
        try:
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                parts = list(pool.map(_lint_chunk, [(c.start, c.stop) for c in chunks]))
        finally:
            _FORK_WORK = None
        return tuple(doc for part in parts for doc in part)

    def findings(self, doc: ReplyDocument) -> tuple[list[Finding], dict[str, str]]:
        """All findings for one document, and the rules that skipped (with reasons)."""
        findings: list[Finding] = []
        skipped: dict[str, str] = {}
        seen: set[tuple[str, int, int, str]] = set()
        for compiled in self.compiled:
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
                # several findings at one place (unanswered questions) differ by what they are about
                key = (rule.id, hit.start, hit.end, hit.values.get("about", ""))
                if key in seen:
                    continue
                seen.add(key)
                finding = self._finding(doc, rule, hit)
                if not doc.suppressions.covers(rule.id, finding.offset):
                    findings.append(finding)
        findings = merge_overlapping(findings)
        findings.sort(key=lambda f: (f.offset, f.rule))
        return findings, skipped

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
        return Finding(
            rule=rule.id,
            checklist=rule.checklist,
            level=rule.level,
            message=_message(rule.message, values),
            offset=offset,
            length=length,
            line=line,
            column=column,
            match=doc.draft.text[offset : offset + length],
            suggestions=hit.suggestions,
            fixable=hit.fixable,
            region=doc.regions.name_at(hit.start),
            end_line=end_line,
            end_column=end_column,
        )

    def _report(self, doc: ReplyDocument) -> DocumentReport:
        if not doc.inspectable:
            return self._not_inspectable(doc)
        findings, skipped = self.findings(doc)
        for rule_id in doc.draft.disable:
            skipped.setdefault(rule_id, "disabled for this document")
        items = score_items(findings, self.weights, self.rules_by_item, skipped)
        score = overall(items)
        ready, verdict_item = verdict(score, findings, self.config.min_score, self.config.fail_on)
        return DocumentReport(
            source=doc.draft.source,
            item=doc.draft.item,
            text=doc.draft.text,
            findings=tuple(findings),
            checklist=checklist_with_verdict(items, verdict_item),
            score=score,
            ready_to_send=ready,
            title=doc.draft.title,
        )

    def _not_inspectable(self, doc: ReplyDocument) -> DocumentReport:
        """A body made only of placeholders ({{dc.*}}): nothing to judge, never a pass."""
        names = ", ".join(p.text for p in doc.placeholders) or "nothing"
        reason = f"not inspectable: the body is only placeholders ({names}); check their content instead"
        items = {item: ItemResult("skip", reason) for item in SCORED_ITEMS}
        return DocumentReport(
            source=doc.draft.source,
            item=doc.draft.item,
            text=doc.draft.text,
            findings=(),
            checklist=checklist_with_verdict(items, ItemResult("fail", reason)),
            score=0,
            ready_to_send=False,
            title=doc.draft.title,
        )


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
    return linter._lint_here(drafts[start:stop], contexts[start:stop])


def linter_for(config: Config) -> Linter:
    """The Linter for a configuration, built once per process."""
    key = config.cache_key()
    linter = _LINTERS.get(key)
    if linter is None:
        linter = Linter(configured_rules(config), config)
        _LINTERS[key] = linter
    elif linter.config != config:
        linter = _rebind(linter, config)
    return linter


def _rebind(linter: Linter, config: Config) -> Linter:
    """Same compiled rules, different run settings (names, thresholds)."""
    clone = object.__new__(Linter)
    clone.__dict__.update(linter.__dict__)
    clone.config = config
    return clone
