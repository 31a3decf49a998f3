"""replies.parquet: one row per agent reply, written per bucket and merged in input order.

A row holds where the reply is (export, source line or row, conversation and message
ids), who and when (agent, team, customer, channel, created_at, ISO week), how it did
(score, ready, each checklist item's status and score, finding counts per rule, the
findings themselves, a short excerpt), or, for a row that could not be checked, the
error and the field. Column names are SQL-friendly: `status_use_their_name`,
`rule_blame_language`.

Parts are sorted by (export, record, part) and merged with a k-way merge a batch at a
time, so the final file is in input order whatever the buckets were and however many
workers wrote them, and merging never holds more than a batch per part.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..checklist import SCORED_ITEMS
from ..document import ReplyContext
from ..report import DocumentReport
from .messages import Message, week_of

EXCERPT = 240
STATS_KEY = b"replylint.audit.stats"

FINDING = pa.struct(
    [
        ("rule", pa.string()),
        ("checklist", pa.string()),
        ("level", pa.string()),
        ("message", pa.string()),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("match", pa.string()),
    ]
)


def column(prefix: str, name: str) -> str:
    """`status_use_their_name` from ('status', 'use-their-name')."""
    return f"{prefix}_{name.replace('-', '_')}"


def schema(rule_ids: Sequence[str]) -> pa.Schema:
    """The row schema for a rule set (one count column per enabled rule, in id order)."""
    fields = [
        ("export_index", pa.int32()),
        ("record", pa.int64()),
        ("part", pa.int32()),
        ("export", pa.string()),
        ("source", pa.string()),
        ("conversation_id", pa.string()),
        ("message_id", pa.string()),
        ("agent", pa.string()),
        ("team", pa.string()),
        ("customer", pa.string()),
        ("channel", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("week", pa.string()),
        ("score", pa.int16()),
        ("ready", pa.bool_()),
        ("findings", pa.int32()),
    ]
    fields += [(column("status", item), pa.string()) for item in SCORED_ITEMS]
    fields += [(column("score", item), pa.float32()) for item in SCORED_ITEMS]
    fields += [(column("rule", r), pa.int32()) for r in sorted(rule_ids)]
    fields += [
        ("finding_list", pa.list_(FINDING)),
        ("excerpt", pa.string()),
        ("error", pa.string()),
        ("error_field", pa.string()),
    ]
    return pa.schema(fields)


def _base(m: Message, export: str) -> dict[str, Any]:
    return {
        "export_index": m.export,
        "record": m.record,
        "part": m.part,
        "export": export,
        "source": m.source,
        "conversation_id": m.conversation_id,
        "message_id": m.message_id,
        "agent": m.author,
        "team": m.team,
        "customer": m.customer,
        "channel": m.channel,
        "created_at": m.created_at,
        "week": week_of(m.created_at),
    }


def reply_row(
    m: Message, export: str, doc: DocumentReport, context: ReplyContext, rule_ids: Sequence[str]
) -> dict[str, Any]:
    """The row of a checked reply; customer and channel as the run decided them."""
    counts = dict.fromkeys(rule_ids, 0)
    for f in doc.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    row = _base(m, export)
    row.update(
        customer=context.customer,
        channel=context.channel,
        score=doc.score,
        ready=doc.ready_to_send,
        findings=len(doc.findings),
        finding_list=[
            {
                "rule": f.rule,
                "checklist": f.checklist,
                "level": f.level.value,
                "message": f.message,
                "line": f.line,
                "column": f.column,
                "match": f.match,
            }
            for f in doc.findings
        ],
        excerpt=" ".join(doc.text.split())[:EXCERPT],
    )
    for item in SCORED_ITEMS:
        result = doc.checklist[item]
        row[column("status", item)] = result.status
        row[column("score", item)] = result.score
    for rule_id, count in counts.items():
        row[column("rule", rule_id)] = count
    return row


def error_row(m: Message, export: str, error: str, field: str | None) -> dict[str, Any]:
    """The row of a message or reply that could not be checked."""
    row = _base(m, export)
    row.update(error=error, error_field=field)
    return row


def order_key(row: dict[str, Any]) -> tuple[int, int, int]:
    """Input order: export, then line or row, then message within it."""
    return row["export_index"], row["record"], row["part"]


def write_part(
    rows: list[dict[str, Any]], target: Path, row_schema: pa.Schema, stats: dict[str, int]
) -> None:
    """Write one bucket's rows, sorted, atomically: a part file exists whole or not at all."""
    import json

    rows.sort(key=order_key)
    table = pa.Table.from_pylist(rows, schema=row_schema)
    table = table.replace_schema_metadata({STATS_KEY: json.dumps(stats, sort_keys=True).encode()})
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, target)


def part_stats(path: Path) -> dict[str, int]:
    """The counts a part file carries (conversations, messages, replies, errors)."""
    import json

    meta = pq.read_schema(path).metadata or {}
    return json.loads(meta.get(STATS_KEY, b"{}"))


def _rows(path: Path, batch_size: int) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield from batch.to_pylist()


def merge(
    parts: Iterable[Path], target: Path, row_schema: pa.Schema, stats: dict[str, int], batch_size: int = 4096
) -> int:
    """Merge sorted part files into `target` in input order, atomically; the number of rows."""
    import json

    streams = [_rows(p, batch_size) for p in parts]
    meta = {STATS_KEY: json.dumps(stats, sort_keys=True).encode()}
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    written = 0
    with pq.ParquetWriter(tmp, row_schema.with_metadata(meta), compression="zstd") as writer:
        buffer: list[dict[str, Any]] = []
        for row in heapq.merge(*streams, key=order_key):
            buffer.append(row)
            if len(buffer) >= batch_size * 4:
                writer.write_table(pa.Table.from_pylist(buffer, schema=writer.schema))
                written += len(buffer)
                buffer.clear()
        if buffer or not written:
            writer.write_table(pa.Table.from_pylist(buffer, schema=writer.schema))
            written += len(buffer)
    os.replace(tmp, target)
    return written
