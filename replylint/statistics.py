"""`check --statistics`: how many findings each rule made over a run (ruff's --statistics).

Pure: a Report in, a table (text) or a JSON document out. Rows are sorted by count,
most first, then rule id; `fixable` counts findings carrying an exact fix.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from .report import Report


@dataclass(frozen=True)
class RuleCount:
    """One rule's findings over a run."""

    rule: str
    checklist: str
    level: str
    count: int
    fixable: int
    documents: int  # how many documents it flagged


def counts(report: Report) -> list[RuleCount]:
    """Per-rule counts, most findings first."""
    total: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    about: dict[str, tuple[str, str]] = {}
    for doc in report.documents:
        for rule in {f.rule for f in doc.findings}:
            docs[rule] += 1
        for f in doc.findings:
            total[f.rule] += 1
            fixable[f.rule] += f.fix is not None
            about.setdefault(f.rule, (f.checklist, f.level.value))
    rows = [RuleCount(r, *about[r], total[r], fixable[r], docs[r]) for r in total]
    return sorted(rows, key=lambda r: (-r.count, r.rule))


def render(report: Report, fmt: str = "text") -> str:
    """The statistics as a text table or, with fmt "json", a JSON document."""
    rows = counts(report)
    ready = sum(d.ready_to_send for d in report.documents)
    if fmt == "json":
        data = {
            "version": 2,
            "documents": len(report.documents),
            "ready_to_send": ready,
            "from_cache": report.cached,
            "statistics": [r.__dict__ for r in rows],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not rows:
        return f"no findings in {len(report.documents)} documents\n"
    width = max(len(r.rule) for r in rows)
    item_width = max(len(r.checklist) for r in rows)
    lines = [
        f"{'count':>6}  {'rule':<{width}}  {'checklist':<{item_width}}  {'level':<10}  {'fixable':>7}  documents"
    ]
    for r in rows:
        lines.append(
            f"{r.count:>6}  {r.rule:<{width}}  {r.checklist:<{item_width}}  {r.level:<10}  {r.fixable:>7}  {r.documents}"
        )
    total = sum(r.count for r in rows)
    lines.append(
        f"{total} findings in {len(report.documents)} documents ({ready} ready to send, "
        f"{report.cached} from the cache)"
    )
    return "\n".join(lines) + "\n"
