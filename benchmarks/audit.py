"""Benchmark `replylint audit`: throughput on 1 and 2 Dask workers, memory, Dask overhead.

A generated export (benchmarks/audit_export.py: our own replies, CSV, rows in time
order so conversations interleave) is audited three times with the same tasks:

  * a LocalCluster with 1 worker process, then with 2;
  * a plain `concurrent.futures.ProcessPoolExecutor` of 2 processes (each loads the
    Linter once in its initializer), the reference for Dask's overhead.

Each cluster or pool is started and its Linter loaded before the clock starts, so
the figures are the audit's (read, shuffle, score, merge, summary, report). Peak
memory is each worker process's maximum resident set (getrusage), taken after the
run. The 10-million-reply estimates scale the measured 1-worker throughput by the
number of workers and the measured 2-worker efficiency.

    python benchmarks/audit.py --conversations 100000     # the issue's size (~150,000 replies)
    python benchmarks/audit.py --conversations 2000       # what a busy 2-core machine affords

Targets: speed-up 2 vs 1 worker >= 1.7x; peak memory per worker < 400 MiB; Dask's
time over the process pool's < 15%.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import audit_export

from replylint.audit import cluster, driver
from replylint.config import Config

MIB = 1 << 20


def _load(config: Config) -> None:
    from replylint.engine import linter_for

    linter_for(config)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class PoolExecutor:
    """The audit's tasks on a plain process pool: no scheduler, no worker plugin."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool

    def prepare(self, config: Config) -> None:
        pass

    def map(
        self, name: str, fn: Callable[[Any, Any], Any], items: list[Any], settings: Any, progress=None
    ) -> list[Any]:  # type: ignore[no-untyped-def]
        futures = {self.pool.submit(fn, item, settings): i for i, item in enumerate(items)}
        out: list[Any] = [None] * len(items)
        for future in as_completed(futures):
            out[futures[future]] = future.result()
        return out


def _options(export: Path, out: Path, partition: int) -> driver.AuditOptions:
    return driver.AuditOptions(exports=(export,), out=out, config=Config(), partition_size=partition)


def run_dask(export: Path, work: Path, workers: int, partition: int) -> dict[str, Any]:
    from distributed import Client

    with cluster.local_cluster(workers) as local, Client(local) as client:
        executor = cluster.DaskExecutor(client)
        executor.prepare(Config())  # every worker loads the Linter now, off the clock
        client.run(_load, Config())
        began = time.perf_counter()
        result = driver.run(_options(export, work / f"dask-{workers}", partition), executor)
        seconds = time.perf_counter() - began
        peaks = sorted(client.run(_peak_mib).values())
    return {"seconds": seconds, "replies": result.scored, "peak_mib": peaks, "partitions": result.partitions}


def run_pool(export: Path, work: Path, workers: int, partition: int) -> dict[str, Any]:
    with ProcessPoolExecutor(workers, initializer=_load, initargs=(Config(),)) as pool:
        list(pool.map(abs, range(workers * 4)))  # start every process (and its initializer) off the clock
        time.sleep(1)
        began = time.perf_counter()
        result = driver.run(_options(export, work / f"pool-{workers}", partition), PoolExecutor(pool))
        seconds = time.perf_counter() - began
    return {"seconds": seconds, "replies": result.scored}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument(
        "--partition-size", type=int, help="bytes per scoring task (default: 4 MB, less for small exports)"
    )
    parser.add_argument(
        "--work", type=Path, help="where the export and outputs go (default: a temporary folder)"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="replylint-audit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / f"history-{args.conversations}.csv"
    if not export.exists():
        audit_export.write_csv(export, args.conversations)
    load_start = os.getloadavg()
    size = export.stat().st_size
    # at least 16 partitions, so two workers (and the tail of the run) have work to share
    partition = args.partition_size or max(4096, min(driver.PARTITION_SIZE, size // 16))
    print(
        f"export: {export} ({args.conversations:,} conversations, {size / MIB:.1f} MiB), cores: {os.cpu_count()}"
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)}")
    one = run_dask(export, work, 1, partition)
    two = run_dask(export, work, 2, partition)
    pool = run_pool(export, work, 2, partition)
    load_end = os.getloadavg()
    replies = one["replies"]
    assert replies == two["replies"] == pool["replies"]
    rate1, rate2 = replies / one["seconds"], replies / two["seconds"]
    speedup = rate2 / rate1
    overhead = two["seconds"] / pool["seconds"] - 1
    efficiency = speedup / 2
    peak = max(one["peak_mib"] + two["peak_mib"])
    print(f"replies scored: {replies:,} in {two['partitions']} partitions")
    print(f"dask, 1 worker : {one['seconds']:8.1f} s  {rate1:7.1f} replies/s  peak RSS {one['peak_mib']} MiB")
    print(f"dask, 2 workers: {two['seconds']:8.1f} s  {rate2:7.1f} replies/s  peak RSS {two['peak_mib']} MiB")
    print(f"process pool, 2: {pool['seconds']:8.1f} s  {replies / pool['seconds']:7.1f} replies/s")
    print(f"speed-up 2 vs 1 worker: {speedup:.2f}x (target >= 1.7x)")
    print(f"peak memory per worker: {peak:.0f} MiB (target < 400 MiB)")
    print(f"dask over the process pool: {100 * overhead:+.1f}% (target < 15%)")
    for workers in (32, 128):
        ideal = 10_000_000 / (rate1 * workers)
        scaled = ideal / efficiency if efficiency > 0 else float("nan")
        print(
            f"10 million replies on {workers} workers: {ideal / 3600:.2f} h at the 1-worker rate per core, "
            f"{scaled / 3600:.2f} h at the measured 2-worker efficiency ({100 * efficiency:.0f}%)"
        )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in load_end)}")
    print(json.dumps({"conversations": args.conversations, "replies": replies, "one": one, "two": two, "pool": pool,
                      "speedup": speedup, "overhead": overhead, "load_start": load_start, "load_end": load_end}))  # fmt: skip


if __name__ == "__main__":
    main()
