"""Plan an audit, run its two stages on an executor, and write OUT/.

OUT/replies.parquet, OUT/summary.json and OUT/report.html are written last, each
atomically. Work in progress lives in OUT/.audit/: the manifest (what this audit is:
its exports with sizes and modification times, its settings), the split chunks and
the part files. Run again with the same arguments, an audit that was killed keeps
every finished file and does only the rest; with other arguments or changed exports
it starts over. The split chunks are removed once every part is written.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .. import __version__
from ..config import Config
from ..errors import InputError
from . import exports as ex
from . import tasks
from .results import merge, part_stats, schema

PARTITION_SIZE = 4 << 20  # bytes of export per scoring task (about 4,000 replies)
CHUNK_FACTOR = 4  # a reading chunk is this many partitions (a split task holds one chunk's messages)


class Executor(Protocol):
    def prepare(self, config: Config) -> None: ...

    def map(
        self,
        name: str,
        fn: Callable[[Any, Any], Any],
        items: list[Any],
        settings: Any,
        progress: Callable[[int], None] | None = None,
    ) -> list[Any]: ...


@dataclass(frozen=True)
class AuditOptions:
    """What the command line (or a caller) asks of one audit."""

    exports: tuple[Path, ...]
    out: Path
    config: Config
    input_format: str = "auto"
    columns: Mapping[str, str] = field(default_factory=dict)
    users: Path | None = None
    channel: str | None = None
    partition_size: int = PARTITION_SIZE
    top: int = 10
    link: str | None = None  # a URL template with {conversation_id}


@dataclass(frozen=True)
class AuditResult:
    """What a finished audit did."""

    replies: int  # rows in replies.parquet (scored replies and error rows)
    scored: int
    errors: int
    conversations: int
    partitions: int
    resumed: int  # partitions already finished by an earlier, interrupted run
    out: Path


def _stat(path: Path) -> list[Any]:
    st = path.stat()
    return [str(path.resolve()), st.st_size, st.st_mtime_ns]


def fingerprint(options: AuditOptions) -> str:
    """What makes two runs the same audit: exports as they are on disk and every setting."""
    config = options.config
    config_file = Path(config.path) if config.path else None
    data = {
        "replylint": __version__,
        "exports": [_stat(p) for p in options.exports],
        "format": options.input_format,
        "columns": sorted(options.columns.items()),
        "users": _stat(options.users) if options.users else None,
        "channel": options.channel,
        "partition_size": options.partition_size,
        "config": _stat(config_file) if config_file and config_file.exists() else None,
        "config_key": repr(config.cache_key()[:4]),
        "min_score": config.min_score,
        "fail_on": config.fail_on.value,
        "rule_dirs": [_stat(d) for d in config.rule_dirs if d.exists()],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass
class Plan:
    """The audit's chunks and buckets, and the settings every task gets."""

    settings: tasks.Settings
    chunks: list[ex.Chunk]
    work: Path


def plan(options: AuditOptions) -> Plan:
    """Read the exports' shapes, cut chunks, size the buckets, and prepare OUT/.audit."""
    from .rows import check_columns, column_map

    columns = column_map(options.columns)
    files = ex.plan(list(options.exports), options.partition_size * CHUNK_FACTOR, options.input_format)
    chunks = [c for f in files for c in f.chunks]
    for f in files:
        _check_file(f, columns, check_columns)
    total = sum(c.size for c in chunks)
    buckets = max(1, math.ceil(total / options.partition_size))
    work = options.out / ".audit"
    manifest = work / "manifest.json"
    stamp = fingerprint(options)
    if manifest.exists():
        try:
            same = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") == stamp
        except (OSError, json.JSONDecodeError):
            same = False
        if not same:
            shutil.rmtree(work)
    for stale in [*work.glob("*/.*.tmp"), *options.out.glob(".*.tmp")]:
        stale.unlink()  # half-written by a run that was killed; its task runs again
    if not manifest.exists():
        work.mkdir(parents=True, exist_ok=True)
        tmp = manifest.with_name(".manifest.json.tmp")
        tmp.write_text(json.dumps({"fingerprint": stamp, "buckets": buckets, "chunks": len(chunks)}), "utf-8")
        os.replace(tmp, manifest)
    settings = tasks.Settings(
        config=options.config,
        work=str(work),
        buckets=buckets,
        chunks=len(chunks),
        exports=tuple(Path(f.path).name for f in files),
        columns=columns,
        users=str(options.users) if options.users else None,
        channel=options.channel,
    )
    return Plan(settings, chunks, work)


def _check_file(f: ex.ExportFile, columns: Mapping[str, str], check) -> None:  # type: ignore[no-untyped-def]
    """A row export must have the columns asked for: that is one message for the whole export."""
    if f.format == "csv" and f.chunks:
        check(f.chunks[0].header, columns, f.path)
    elif f.format == "parquet":
        import pyarrow.parquet as pq

        check(pq.read_schema(f.path).names, columns, f.path)


def run(
    options: AuditOptions,
    executor: Executor,
    progress: Callable[[str, int, int], None] | None = None,
) -> AuditResult:
    """The whole audit: split, score, merge, summarise, report."""
    from .report import render
    from .summary import summarise

    if not options.exports:
        raise InputError("no exports to audit")
    p = plan(options)
    settings = p.settings

    def tell(stage: str, total: int) -> Callable[[int], None] | None:
        return (lambda done: progress(stage, done, total)) if progress else None

    buckets = list(range(settings.buckets))
    todo = [b for b in buckets if not tasks.part_path(settings.work, b).exists()]
    resumed = len(buckets) - len(todo)
    executor.prepare(settings.config)
    if todo:
        chunks = [c for c in p.chunks if not tasks.split_path(settings.work, c.index).exists()]
        executor.map("split", tasks.split, chunks, settings, tell("read", len(chunks)))
        executor.map("score", tasks.score, todo, settings, tell("score", len(todo)))
    shutil.rmtree(p.work / "split", ignore_errors=True)
    parts = [tasks.part_path(settings.work, b) for b in buckets]
    stats = {"conversations": 0, "messages": 0, "replies": 0, "errors": 0}
    for part in parts:
        for k, v in part_stats(part).items():
            stats[k] = stats.get(k, 0) + v
    from ..ruleset import configured_rules

    rules = [r for r in configured_rules(settings.config, deep=False) if r.enabled]  # no spaCy here
    rule_ids = [r.id for r in rules]
    out = options.out
    rows = merge(parts, out / "replies.parquet", schema(rule_ids), stats)
    summary = summarise(
        out / "replies.parquet", stats, rules, exports=settings.exports, top=options.top, link=options.link
    )
    _write(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=False) + "\n")
    _write(out / "report.html", render(summary))
    return AuditResult(
        rows, stats["replies"], stats["errors"], stats["conversations"], len(buckets), resumed, out
    )


def _write(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
