"""dask.distributed for the audit: a LocalCluster or a named scheduler, and the executor.

Workers are separate processes (threads_per_worker=1: spaCy work holds the GIL, so
a thread more per worker buys nothing) over TCP on 127.0.0.1 when the cluster is
local. Each worker loads the Linter once, when it starts (`LinterPlugin`), so no
task pays for spaCy. When a worker dies, the scheduler runs its tasks again on
another (a task writes one file atomically, so a rerun cannot duplicate rows);
`retries` covers a task that raised (a file system hiccup).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from ..config import Config

RETRIES = 2


class LinterPlugin(WorkerPlugin):
    """Loads the audit's Linter when a worker starts: once per worker process."""

    name = "replylint-linter"

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        from ..engine import linter_for

        linter_for(self.config)


def local_cluster(workers: int) -> LocalCluster:
    """A cluster of `workers` single-threaded worker processes on 127.0.0.1."""
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )


class DaskExecutor:
    """Runs the audit's tasks on a dask.distributed cluster, in any order, results by input."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.token = uuid.uuid4().hex[:8]  # task keys unique to this run on a shared scheduler

    def prepare(self, config: Config) -> None:
        self.client.register_plugin(LinterPlugin(config))

    def map(
        self,
        name: str,
        fn: Callable[[Any, Any], Any],
        items: Sequence[Any],
        settings: Any,
        progress: Callable[[int], None] | None = None,
    ) -> list[Any]:
        if not items:
            return []
        [shared] = self.client.scatter([settings], broadcast=True, hash=False)
        futures = [
            self.client.submit(
                fn, item, shared, key=f"replylint-{name}-{i}-{self.token}", pure=False, retries=RETRIES
            )
            for i, item in enumerate(items)
        ]
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(items)
        for done, future in enumerate(as_completed(futures), 1):
            results[index[future.key]] = future.result()
            if progress:
                progress(done)
        return results


class InProcess:
    """Runs the tasks here, one after another: the reference a distributed run must equal."""

    def prepare(self, config: Config) -> None:
        pass

    def map(
        self,
        name: str,
        fn: Callable[[Any, Any], Any],
        items: Sequence[Any],
        settings: Any,
        progress: Callable[[int], None] | None = None,
    ) -> list[Any]:
        out = []
        for done, item in enumerate(items, 1):
            out.append(fn(item, settings))
            if progress:
                progress(done)
        return out
