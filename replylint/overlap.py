"""One problem, one finding: overlapping findings of different rules on the same words merge.

"You should have" flagged as negative *and* as blame, or "simply" as filler *and* as
condescension, is one problem reported twice: the reader sees the same words underlined
twice and two rewrites that fight. Two findings of different rules are on the same words
when their overlap covers at least half of the longer one (a whole-sentence finding such
as long-sentence is about something else than a word inside it). Of such findings the
more specific one is kept: the more serious level first (its rule judged more), then the
longer match (it says more about what is wrong). Proofreading findings never merge: a
typo inside a refusal is a second problem, not the same one. Findings without a span
(something missing) never overlap anything.
"""

from __future__ import annotations

from .findings import Finding

NEVER_MERGED = frozenset({"proofread"})


def _specificity(finding: Finding) -> tuple[int, int]:
    return finding.level.rank, finding.length


def same_words(a: Finding, b: Finding) -> bool:
    """Whether two findings underline the same words (overlap >= half the longer span)."""
    overlap = min(a.offset + a.length, b.offset + b.length) - max(a.offset, b.offset)
    return overlap > 0 and 2 * overlap >= max(a.length, b.length)


def merge_overlapping(findings: list[Finding]) -> list[Finding]:
    """The findings with each overlapping group of different rules reduced to its most specific."""
    kept: list[Finding] = []
    candidates = sorted(
        (f for f in findings if f.length and f.checklist not in NEVER_MERGED),
        key=_specificity,
        reverse=True,
    )
    for finding in candidates:
        if any(k.rule != finding.rule and same_words(k, finding) for k in kept):
            continue
        kept.append(finding)
    chosen = {id(f) for f in kept}
    return [f for f in findings if id(f) in chosen or not f.length or f.checklist in NEVER_MERGED]
