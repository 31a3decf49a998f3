"""The two tasks a worker runs: `split` a chunk into buckets, `score` one bucket.

Both are plain functions of picklable values, so the same code runs in this process,
in a process pool or on dask.distributed workers, and both write their one output file
atomically under a name fixed by their input: a task that is retried (its worker
died) or rerun (the audit was killed and started again) writes the same file again,
never a second copy. A task whose file exists has nothing to do.

The Linter is loaded once per process (`engine.linter_for` keeps it); on Dask the
`LinterPlugin` loads it when a worker starts, before its first task.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..config import Config
from ..errors import InputError
from . import messages as msgs
from .exports import Chunk
from .results import error_row, part_stats, reply_row, schema, write_part

LINT_BATCH = 32  # drafts per nlp.pipe call: enough to batch, small enough to stay lean


@dataclass(frozen=True)
class Settings:
    """What every task of one audit needs; shipped to workers with each task."""

    config: Config
    work: str  # the audit's work folder (OUT/.audit)
    buckets: int
    chunks: int
    exports: tuple[str, ...]  # export names as shown in the results, by export index
    columns: Mapping[str, str] = field(default_factory=dict)
    users: str | None = None  # a Zendesk users export
    channel: str | None = None  # --channel: the channel of replies whose export does not say


def split_path(work: str, chunk: int) -> Path:
    return Path(work) / "split" / f"c{chunk:06d}.arrow"


def part_path(work: str, bucket: int) -> Path:
    return Path(work) / "parts" / f"b{bucket:06d}.parquet"


def _read(chunk: Chunk, settings: Settings) -> Iterator[msgs.Message]:
    if chunk.format == "conversations":
        from .conversations import read_chunk

        return read_chunk(chunk)
    if chunk.format == "zendesk":
        from .zendesk import read_chunk as read_tickets

        return read_tickets(chunk, settings.users)
    if chunk.format == "zendesk-document":
        from .zendesk import read_document

        return read_document(chunk, settings.users)
    from .rows import read_csv_chunk, read_parquet_chunk

    if chunk.format == "csv":
        return read_csv_chunk(chunk, settings.columns)
    return read_parquet_chunk(chunk, settings.columns)


def split(chunk: Chunk, settings: Settings) -> int:
    """Read a chunk and write its messages by bucket (an Arrow file, batch i = bucket i)."""
    target = split_path(settings.work, chunk.index)
    if target.exists():
        return -1
    by_bucket: list[list[msgs.Message]] = [[] for _ in range(settings.buckets)]
    count = 0
    for m in _read(chunk, settings):
        by_bucket[msgs.bucket_of(m.conv_key, settings.buckets)].append(m)
        count += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, msgs.SCHEMA) as writer:
        for bucket in by_bucket:
            writer.write_batch(msgs.to_batch(bucket))
    os.replace(tmp, target)
    return count


def _bucket_messages(bucket: int, settings: Settings) -> pa.Table:
    batches = []
    for chunk in range(settings.chunks):
        path = split_path(settings.work, chunk)
        reader = pa.ipc.open_file(pa.memory_map(str(path)))
        batches.append(reader.get_batch(bucket))
    table = pa.Table.from_batches(batches, msgs.SCHEMA)
    return table.sort_by(
        [("conv_key", "ascending"), ("export", "ascending"), ("record", "ascending"), ("part", "ascending")]
    )


def _conversations(table: pa.Table) -> Iterator[list[msgs.Message]]:
    """The bucket's conversations, one list of messages each, a batch of rows at a time."""
    current: list[msgs.Message] = []
    for batch in table.to_batches(max_chunksize=4096):
        for row in batch.to_pylist():
            m = msgs.Message(**row)
            if current and current[0].conv_key != m.conv_key:
                yield current
                current = []
            current.append(m)
    if current:
        yield current


def score(bucket: int, settings: Settings) -> dict[str, int]:
    """Score every agent reply of one bucket's conversations and write its part file."""
    target = part_path(settings.work, bucket)
    if target.exists():
        return part_stats(target)
    from ..engine import linter_for
    from .requests import Request, requests

    linter = linter_for(settings.config)
    rule_ids = [r.id for r in linter.rules]
    rows: list[dict[str, Any]] = []
    stats = dict.fromkeys(("conversations", "messages", "replies", "errors"), 0)
    pending: list[Request] = []
    for conversation in _conversations(_bucket_messages(bucket, settings)):
        stats["messages"] += len(conversation)
        for m in conversation:
            if m.role == msgs.ERROR:
                stats["errors"] += 1
                rows.append(error_row(m, settings.exports[m.export], m.error or "", m.error_field))
        if any(m.role != msgs.ERROR for m in conversation):
            stats["conversations"] += 1
        for request in requests(conversation, settings.channel):
            pending.append(request)
            if len(pending) >= LINT_BATCH:
                rows.extend(_lint(linter, pending, settings, rule_ids, stats))
                pending.clear()
    rows.extend(_lint(linter, pending, settings, rule_ids, stats))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_part(rows, target, schema(rule_ids), stats)
    return stats


def _lint(linter, pending, settings: Settings, rule_ids, stats) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Rows for a batch of requests: one lint call (one nlp.pipe pass) for the lot."""
    from .. import run

    out: list[dict[str, Any]] = []
    ok = []
    for r in pending:
        export = settings.exports[r.message.export]
        if r.draft is None:
            stats["errors"] += 1
            error = r.error or InputError("cannot be checked")
            out.append(error_row(r.message, export, error.message, error.field))
        else:
            ok.append(r)
    if not ok:
        return out
    decided = [run.each_context(linter, [r.draft], r.values)[0] for r in ok]
    fine = [i for i, c in enumerate(decided) if not isinstance(c, Exception)]
    contexts = {i: decided[i] for i in fine}
    # linter.lint checks each reply in isolation: one that replylint fails on comes back
    # with `error` set (scoring.failed) instead of raising, and becomes an error row
    checked = linter.lint([ok[i].draft for i in fine], [contexts[i] for i in fine]).documents
    documents = dict(zip(fine, checked, strict=True))
    for i, r in enumerate(ok):
        export = settings.exports[r.message.export]
        doc = documents.get(i)
        problem = f"{type(decided[i]).__name__}: {decided[i]}" if doc is None else doc.error
        if problem is not None:  # a bug must not lose the whole bucket
            stats["errors"] += 1
            out.append(error_row(r.message, export, f"could not be checked: {problem}", None))
            continue
        stats["replies"] += 1
        out.append(reply_row(r.message, export, doc, contexts[i], rule_ids))
    return out
