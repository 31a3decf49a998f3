"""summary.json: what a support lead asks of an audit, computed from replies.parquet.

Per agent and per team: replies, mean score, share ready to send and each checklist
item's pass rate (pass / (pass + fail); a skipped item is not judged). Over time:
the same by ISO week, and each agent's mean score by week. The score distribution,
the rules that fire most, the worst replies of each checklist item (lowest item
score, then lowest score, then input order) with where to find them, and the rows
that could not be checked, grouped by reason.

Streamed: the file is read a batch at a time and only counters are kept (their size
grows with agents x weeks, not with replies); the worst replies' findings are read
in a second pass for those few rows only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .. import __version__
from ..checklist import CHECKLIST, SCORED_ITEMS
from ..rules import Rule
from .results import column

BINS = tuple((lo, lo + 9 if lo < 90 else 100) for lo in range(0, 100, 10))
MAX_REASONS = 50  # distinct error reasons listed; the rest are counted as "other"
_BATCH = 8192
NO_DATE = "(no date)"  # replies whose export gives no time: counted, never in the trend


class _Group:
    """Running totals for one agent, team or week."""

    __slots__ = ("fails", "passes", "ready", "replies", "score_sum")

    def __init__(self) -> None:
        self.replies = 0
        self.score_sum = 0
        self.ready = 0
        self.passes: Counter[str] = Counter()
        self.fails: Counter[str] = Counter()

    def add(self, row: Mapping[str, Any]) -> None:
        self.replies += 1
        self.score_sum += row["score"]
        self.ready += bool(row["ready"])
        for item in SCORED_ITEMS:
            status = row[column("status", item)]
            if status == "pass":
                self.passes[item] += 1
            elif status == "fail":
                self.fails[item] += 1

    def out(self) -> dict[str, Any]:
        return {
            "replies": self.replies,
            "mean_score": round(self.score_sum / self.replies, 1) if self.replies else None,
            "ready_rate": _rate(self.ready, self.replies),
            "items": {
                item: _rate(self.passes[item], self.passes[item] + self.fails[item]) for item in SCORED_ITEMS
            },
        }


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _bin(score: int) -> int:
    return min(score // 10, 9)


def summarise(
    path: Path,
    stats: Mapping[str, int],
    rules: Sequence[Rule],
    *,
    exports: Sequence[str] = (),
    top: int = 10,
    link: str | None = None,
) -> dict[str, Any]:
    """The summary of an audit's replies.parquet (see the module docstring)."""
    handle = pq.ParquetFile(path)
    rule_ids = sorted(r.id for r in rules)
    names = [
        "conversation_id", "message_id", "source", "agent", "team", "week", "score", "ready", "error", "error_field",
        *(column("status", i) for i in SCORED_ITEMS), *(column("score", i) for i in SCORED_ITEMS),
        *(column("rule", r) for r in rule_ids),
    ]  # fmt: skip
    overall, agents, teams, weeks = _Group(), defaultdict(_Group), defaultdict(_Group), defaultdict(_Group)
    agent_weeks: dict[str, dict[str, list[int]]] = defaultdict(dict)
    bins = [0] * len(BINS)
    rule_findings: Counter[str] = Counter()
    rule_replies: Counter[str] = Counter()
    reasons: Counter[tuple[str, str | None]] = Counter()
    examples: dict[tuple[str, str | None], str] = {}
    worst: dict[str, list[tuple[float, int, int]]] = {item: [] for item in SCORED_ITEMS}
    statuses = {item: Counter() for item in SCORED_ITEMS}
    index = 0
    for batch in handle.iter_batches(batch_size=_BATCH, columns=names):
        for row in batch.to_pylist():
            if row["error"] is not None:
                key = (row["error"], row["error_field"])
                if key not in reasons and len(reasons) >= MAX_REASONS:
                    key = ("other reasons", None)
                reasons[key] += 1
                examples.setdefault(key, row["source"])
            else:
                _count(row, index, overall, agents, teams, weeks, agent_weeks, bins, statuses, worst, top)
                for r in rule_ids:
                    n = row[column("rule", r)]
                    if n:
                        rule_findings[r] += n
                        rule_replies[r] += 1
            index += 1
    for rows in worst.values():
        rows.sort()
        del rows[top:]
    chosen = {i for rows in worst.values() for _, _, i in rows}
    details = _details(handle, chosen)
    by_id = {r.id: r for r in rules}
    return {
        "replylint": __version__,
        "exports": list(exports),
        "totals": {
            "conversations": stats.get("conversations", 0),
            "messages": stats.get("messages", 0),
            "replies": overall.replies,
            "errors": sum(reasons.values()),
            "agents": len(agents),
            "teams": len(teams),
            "weeks": len([w for w in weeks if w != NO_DATE]),
            "mean_score": overall.out()["mean_score"],
            "ready_rate": overall.out()["ready_rate"],
        },
        "checklist": {
            item: {
                "title": CHECKLIST[item],
                **{s: statuses[item][s] for s in ("pass", "fail", "skip")},
                "pass_rate": _rate(statuses[item]["pass"], statuses[item]["pass"] + statuses[item]["fail"]),
            }
            for item in SCORED_ITEMS
        },
        "overall": overall.out(),
        "score_distribution": [
            {"band": f"{lo}-{hi}", "count": n} for (lo, hi), n in zip(BINS, bins, strict=True)
        ],
        "agents": [{"agent": a, **g.out()} for a, g in sorted(agents.items())],
        "teams": [{"team": t, **g.out()} for t, g in sorted(teams.items())],
        "weeks": [
            {"week": w, **g.out()} for w, g in sorted(weeks.items(), key=lambda kv: (kv[0] == NO_DATE, kv[0]))
        ],
        "agent_weeks": {
            a: {w: round(s / n, 1) for w, (s, n) in sorted(ws.items())}
            for a, ws in sorted(agent_weeks.items())
        },
        "rules": [
            {
                "rule": r,
                "checklist": by_id[r].checklist if r in by_id else None,
                "description": by_id[r].description if r in by_id else "",
                "findings": n,
                "replies": rule_replies[r],
            }
            for r, n in sorted(rule_findings.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "worst": {
            item: [_worst_entry(details[i], item, item_score, link) for item_score, _, i in rows]
            for item, rows in worst.items()
        },
        "errors": [
            {"error": e, "field": f, "count": n, "example": examples[(e, f)]}
            for (e, f), n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or ""))
        ],
    }


def _count(row, index, overall, agents, teams, weeks, agent_weeks, bins, statuses, worst, top) -> None:  # type: ignore[no-untyped-def]
    agent = row["agent"] or "(unknown agent)"
    week = row["week"] or NO_DATE
    overall.add(row)
    agents[agent].add(row)
    teams[row["team"] or "(no team)"].add(row)
    weeks[week].add(row)
    sums = agent_weeks[agent].setdefault(week, [0, 0])
    sums[0] += row["score"]
    sums[1] += 1
    bins[_bin(row["score"])] += 1
    for item in SCORED_ITEMS:
        status = row[column("status", item)]
        statuses[item][status] += 1
        if status == "fail":
            heap = worst[item]
            heap.append((round(row[column("score", item)] or 0.0, 6), row["score"], index))
            if len(heap) > 4 * top:  # keep the lowest `top`, pruning now and then
                heap.sort()
                del heap[top:]


def _details(handle: pq.ParquetFile, wanted: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The full rows (findings, excerpt) of the few chosen row indexes."""
    wanted = set(wanted)
    out: dict[int, dict[str, Any]] = {}
    if not wanted:
        return out
    names = [
        "conversation_id",
        "message_id",
        "source",
        "agent",
        "team",
        "week",
        "score",
        "finding_list",
        "excerpt",
    ]
    index = 0
    for batch in handle.iter_batches(batch_size=_BATCH, columns=names):
        if any(index <= i < index + batch.num_rows for i in wanted):
            for offset, row in enumerate(batch.to_pylist()):
                if index + offset in wanted:
                    out[index + offset] = row
        index += batch.num_rows
    return out


def _worst_entry(row: Mapping[str, Any], item: str, item_score: float, link: str | None) -> dict[str, Any]:
    conversation = row["conversation_id"]
    return {
        "conversation_id": conversation,
        "message_id": row["message_id"],
        "source": row["source"],
        "agent": row["agent"],
        "team": row["team"],
        "week": row["week"],
        "score": row["score"],
        "item_score": item_score,
        "findings": [
            {"rule": f["rule"], "level": f["level"], "message": f["message"], "match": f["match"]}
            for f in row["finding_list"] or []
            if f["checklist"] == item
        ],
        "excerpt": row["excerpt"],
        "link": link.replace("{conversation_id}", str(conversation)) if link and conversation else None,
    }
