"""Checklist status and the 0-100 score, from findings alone (pure functions).

Each scored checklist item starts at 1.0 and loses weight x level penalty per
finding, out of a budget of 10 (so one error of weight 10 empties it). The score is
the mean over items that did not skip, times 100. An item fails on any error or
warning; suggestions lower the score but do not fail the item. The verdict,
ready-to-send, needs score >= min_score and no finding at or above fail_on.

The third of the engine's jobs (load and compile / run checks / score): `grade`
turns one document's final findings into its DocumentReport.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .checklist import SCORED_ITEMS, VERDICT
from .findings import Finding, Level
from .report import DocumentReport, ItemResult

if TYPE_CHECKING:
    from .document import Draft

PENALTY = {Level.ERROR: 1.0, Level.WARNING: 0.5, Level.SUGGESTION: 0.2}
ITEM_BUDGET = 10.0


def score_items(
    findings: Iterable[Finding],
    weights: Mapping[str, float],
    rules_by_item: Mapping[str, list[str]],
    skipped: Mapping[str, str],
) -> dict[str, ItemResult]:
    """Status and score of each scored checklist item.

    `weights` maps rule id to weight, `rules_by_item` lists the enabled rules of each
    item, `skipped` maps rule id to why it could not judge this document.
    """
    by_item: dict[str, list[Finding]] = {}
    for f in findings:
        by_item.setdefault(f.checklist, []).append(f)
    out: dict[str, ItemResult] = {}
    for item in SCORED_ITEMS:
        rules = rules_by_item.get(item, [])
        if not rules:
            out[item] = ItemResult("skip", "no rules enabled for this item")
            continue
        if all(r in skipped for r in rules):
            out[item] = ItemResult("skip", "; ".join(dict.fromkeys(skipped[r] for r in rules)))
            continue
        found = by_item.get(item, [])
        lost = sum(weights.get(f.rule, 1.0) * PENALTY[f.level] for f in found)
        score = max(0.0, 1.0 - lost / ITEM_BUDGET)
        failing = [f for f in found if f.level is not Level.SUGGESTION]
        if failing:
            rules_hit = ", ".join(dict.fromkeys(f.rule for f in failing))
            out[item] = ItemResult("fail", f"{len(failing)} finding(s): {rules_hit}", score)
        else:
            note = f"{len(found)} suggestion(s)" if found else ""
            out[item] = ItemResult("pass", note, score)
    return out


def overall(items: Mapping[str, ItemResult]) -> int:
    """The 0-100 score: mean of the items that did not skip."""
    scores = [r.score for r in items.values() if r.score is not None]
    if not scores:
        return 100
    return round(100 * sum(scores) / len(scores))


def verdict(
    score: int, findings: Iterable[Finding], min_score: int, fail_on: Level
) -> tuple[bool, ItemResult]:
    """Whether the document is ready to send, and the ready-to-send item saying why."""
    blocking = [f for f in findings if f.level.rank >= fail_on.rank]
    reasons = []
    if score < min_score:
        reasons.append(f"score {score} is below {min_score}")
    if blocking:
        reasons.append(f"{len(blocking)} finding(s) at or above '{fail_on.value}'")
    if reasons:
        return False, ItemResult("fail", "; ".join(reasons))
    return True, ItemResult("pass", f"score {score} >= {min_score}")


def checklist_with_verdict(items: Mapping[str, ItemResult], ready: ItemResult) -> dict[str, ItemResult]:
    """The full checklist in contract order, verdict last."""
    return {**items, VERDICT: ready}


def grade(
    draft: Draft,
    findings: Sequence[Finding],
    skipped: Mapping[str, str],
    *,
    weights: Mapping[str, float],
    rules_by_item: Mapping[str, list[str]],
    min_score: int,
    fail_on: Level,
) -> DocumentReport:
    """One document's report: checklist, score and verdict from its final findings."""
    skipped = dict(skipped)
    for rule_id in draft.disable:
        skipped.setdefault(rule_id, "disabled for this document")
    items = score_items(findings, weights, rules_by_item, skipped)
    score = overall(items)
    ready, verdict_item = verdict(score, findings, min_score, fail_on)
    return DocumentReport(
        source=draft.source,
        item=draft.item,
        text=draft.text,
        findings=tuple(findings),
        checklist=checklist_with_verdict(items, verdict_item),
        score=score,
        ready_to_send=ready,
        title=draft.title,
    )


def not_inspectable(draft: Draft, placeholders: Sequence[str]) -> DocumentReport:
    """A body made only of placeholders ({{dc.*}}): nothing to judge, never a pass."""
    names = ", ".join(placeholders) or "nothing"
    reason = f"not inspectable: the body is only placeholders ({names}); check their content instead"
    items = {item: ItemResult("skip", reason) for item in SCORED_ITEMS}
    return DocumentReport(
        source=draft.source,
        item=draft.item,
        text=draft.text,
        findings=(),
        checklist=checklist_with_verdict(items, ItemResult("fail", reason)),
        score=0,
        ready_to_send=False,
        title=draft.title,
    )


INTERNAL_ERROR = "internal-error"  # the rule id of the finding that says a document failed


def failed(draft: Draft, error: BaseException, trace: str | None = None) -> DocumentReport:
    """The report of a document replylint failed on: it names the error, judges nothing.

    Every item is skipped and the verdict fails (an unchecked reply is never ready to
    send), so one document's crash costs only that document's result. Its one finding
    (rule `internal-error`, at the start of the document) carries the error into every
    output format, line-based and CI ones included, as an error naming the document.
    """
    message = describe(error)
    reason = f"not checked: internal error ({message})"
    items = {item: ItemResult("skip", reason) for item in SCORED_ITEMS}
    try:
        line, column = draft.locate(0) if draft.locate is not None else (1, 1)
    except Exception:
        line, column = 1, 1
    finding = Finding(
        rule=INTERNAL_ERROR,
        checklist=VERDICT,
        level=Level.ERROR,
        message=f"replylint failed on this document, which was not checked: {message} "
        "(a bug in replylint; --debug shows the traceback)",
        offset=0,
        length=0,
        line=line,
        column=column,
        match="",
        region="body",
        end_line=line,
        end_column=column,
    )
    return DocumentReport(
        source=draft.source,
        item=draft.item,
        text=draft.text,
        findings=(finding,),
        checklist=checklist_with_verdict(items, ItemResult("fail", reason)),
        score=0,
        ready_to_send=False,
        title=draft.title,
        error=message,
        traceback=trace,
    )


def describe(error: BaseException) -> str:
    """`ExcType: message` on one line, at most 300 characters, printable in any output."""
    text = " ".join(str(error).split())
    message = f"{type(error).__name__}: {text}" if text else type(error).__name__
    if len(message) > 300:
        message = message[:299] + "…"
    return message.encode("utf-8", "backslashreplace").decode("utf-8")
