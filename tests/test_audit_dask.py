"""The audit on a real dask.distributed cluster: worker processes over TCP on 127.0.0.1.

The reference is the same audit run in this process (no Dask): the cluster's output
must be identical to it, whatever the number of buckets, when a worker is killed in
the middle, and when the whole audit (client and cluster) is killed and run again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from audit_helpers import audit_export, read_out
from distributed import Client

from replylint.audit import cluster, driver
from replylint.config import Config

pytestmark = pytest.mark.dask

CONVERSATIONS = 40
PARTITION = 2048  # bytes: many small buckets, so a run has a middle to kill things in


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("exports")
    csv_path, jsonl_path = folder / "history.csv", folder / "chats.jsonl"
    audit_export.write_csv(csv_path, CONVERSATIONS, seed=3)
    audit_export.write_jsonl(jsonl_path, 10, seed=4)
    with csv_path.open("a", encoding="utf-8") as handle:
        handle.write("T-9,agent,Ana,email,not a date,Hi\n")  # one malformed row: an error row
    return csv_path, jsonl_path


def _options(exports: tuple[Path, Path], out: Path, partition: int = PARTITION) -> driver.AuditOptions:
    return driver.AuditOptions(exports=exports, out=out, config=Config(), partition_size=partition)


@pytest.fixture(scope="module")
def reference(exports: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("reference")
    driver.run(_options(exports, out), cluster.InProcess())
    return read_out(out)


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    with cluster.local_cluster(2) as local, Client(local) as c:
        yield c


def test_audit_local_cluster_uses_separate_worker_processes_over_tcp(client: Client) -> None:
    workers = client.scheduler_info()["workers"]
    assert len(workers) == 2 and all(a.startswith("tcp://127.0.0.1:") for a in workers)
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_audit_on_dask_equals_the_single_process_run(exports, reference, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = driver.run(_options(exports, tmp_path), cluster.DaskExecutor(client))
    table, summary, page = read_out(tmp_path)
    ref_table, ref_summary, ref_page = reference
    assert table.equals(ref_table)
    assert summary == ref_summary and page == ref_page
    assert result.partitions > 10 and result.errors == 1
    last_line = exports[0].read_bytes().count(b"\n")
    assert summary["totals"]["errors"] == 1 and summary["errors"][0]["example"] == f"history.csv:{last_line}"
    # every agent message is one row: no duplicates, none lost
    keys = list(
        zip(
            table["export_index"].to_pylist(),
            table["record"].to_pylist(),
            table["part"].to_pylist(),
            strict=True,
        )
    )
    assert len(keys) == len(set(keys)) == summary["totals"]["replies"] + 1


def test_audit_output_order_is_input_order_whatever_the_buckets(
    exports, reference, client, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    result = driver.run(_options(exports, tmp_path, partition=1 << 20), cluster.DaskExecutor(client))
    assert result.partitions == 1
    table, _, _ = read_out(tmp_path)
    assert table.equals(reference[0])
    keys = list(
        zip(
            table["export_index"].to_pylist(),
            table["record"].to_pylist(),
            table["part"].to_pylist(),
            strict=True,
        )
    )
    assert keys == sorted(keys)


def test_audit_killed_worker_is_retried(exports, reference, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parts = tmp_path / ".audit" / "parts"
    killed: dict[str, int] = {}
    before = client.run(os.getpid)

    def kill_one_worker_mid_run() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            done = len(list(parts.glob("b*.parquet"))) if parts.exists() else 0
            if done >= 2:
                busy = [a for a, tasks in client.processing().items() if tasks]
                address = busy[0] if busy else next(iter(before))
                os.kill(before[address], signal.SIGKILL)
                killed.update(pid=before[address], parts_done=done)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_worker_mid_run)
    killer.start()
    result = driver.run(_options(exports, tmp_path), cluster.DaskExecutor(client))
    killer.join()
    assert killed, "the run ended before a worker could be killed"
    assert killed["parts_done"] < result.partitions
    assert (
        not psutil.pid_exists(killed["pid"]) or psutil.Process(killed["pid"]).status() == psutil.STATUS_ZOMBIE
    )
    table, summary, _ = read_out(tmp_path)
    assert table.equals(reference[0]) and summary == reference[1]
    client.wait_for_workers(2, timeout=120)  # the nanny started a new worker in its place


def test_audit_killed_client_and_cluster_resume_to_the_same_output(
    exports, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    command = [sys.executable, "-m", "replylint", "audit", *map(str, exports), "-o", str(out), "--workers", "2",
               "--partition-size", str(PARTITION), "--no-cache"]  # fmt: skip
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    parts = out / ".audit" / "parts"
    worker_killed = False
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            done = len(list(parts.glob("b*.parquet"))) if parts.exists() else 0
            if done >= 1 and not worker_killed:
                workers = [
                    p
                    for p in psutil.Process(proc.pid).children(recursive=True)
                    if "spawn_main" in " ".join(p.cmdline())
                ]
                if workers:
                    workers[0].kill()  # a worker first...
                    worker_killed = True
            if done >= 4:
                os.killpg(proc.pid, signal.SIGKILL)  # ...then the client and its whole cluster
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert worker_killed
    assert not (out / "replies.parquet").exists()
    finished = len(list(parts.glob("b*.parquet")))
    again = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0, again.stderr
    assert f"{finished} of" in again.stderr and "from an earlier run" in again.stderr
    table, summary, page = read_out(out)
    assert table.equals(reference[0]) and summary == reference[1] and page == reference[2]
    assert not list(out.glob(".*.tmp")) and not list(parts.glob(".*"))


def test_audit_on_an_external_scheduler_equals_the_single_process_run(
    exports, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """`replylint audit --scheduler tcp://...` on a cluster it did not start: a `dask
    scheduler` and two `dask worker` processes, as a team would run them on their
    machines (here all on 127.0.0.1, so the workers see the same paths)."""
    dask = str(Path(sys.executable).with_name("dask"))
    info = tmp_path / "scheduler.json"
    started = [
        subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                          "--scheduler-file", str(info)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert info.exists(), "the scheduler did not start"
        for _ in range(2):
            started.append(
                subprocess.Popen([dask, "worker", "--scheduler-file", str(info), "--nthreads", "1",
                                  "--no-dashboard", "--host", "127.0.0.1"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )  # fmt: skip
        import json

        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        with Client(address) as c:
            c.wait_for_workers(2, timeout=60)
        out = tmp_path / "out"
        command = [sys.executable, "-m", "replylint", "audit", *map(str, exports), "-o", str(out),
                   "--scheduler", address, "--partition-size", str(PARTITION), "--no-cache"]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stderr
        table, summary, page = read_out(out)
        assert table.equals(reference[0]) and summary == reference[1] and page == reference[2]
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
