"""Memory of a large library check: peak resident, proportional and unshared memory of
the replylint process and of each `--jobs` worker.

    python benchmarks/library_memory.py                  # 50,000 generated drafts, -j 2
    python benchmarks/library_memory.py --drafts 5000    # a quick look

One generated ~150-word draft per .txt file (benchmarks/run.py's generator), checked
with `replylint check -j N --no-cache --format json`; /proc/PID/smaps_rollup of the
process and its children is sampled every 0.5 s (Linux only). Resident memory counts
pages a forked worker shares with its parent; proportional (PSS) splits them between
the processes that share them; unshared (USS) is what the process alone holds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as base  # noqa: E402  (the draft generator)


def _memory(pid: int) -> dict[str, float] | None:
    """Rss, Pss and Uss of a process in MiB, or None when it is gone."""
    fields: dict[str, float] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    fields[key] = int(rest.split()[0]) / 1024
    except OSError:
        return None
    return {
        "Rss": fields["Rss"],
        "Pss": fields["Pss"],
        "Uss": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="replylint-memory-") as tmp:
        work = Path(tmp)
        library = work / "drafts"
        library.mkdir()
        for i, (text, *_) in enumerate(base.generate_drafts(args.drafts)):
            (library / f"d{i:05d}.txt").write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "replylint", "check", "--no-cache", "--format", "json", "--agent", "Ana",
                   "-j", str(args.jobs), str(library)]  # fmt: skip
        peak: dict[str, dict[str, float]] = {}
        began = time.perf_counter()
        with open(work / "out.json", "w", encoding="utf-8") as out:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=work)
            while proc.poll() is None:
                for pid in [proc.pid, *_children(proc.pid)]:
                    sample = _memory(pid)
                    if sample is not None:
                        role = peak.setdefault("replylint" if pid == proc.pid else "worker", {})
                        for key, value in sample.items():
                            role[key] = max(role.get(key, 0.0), value)
                time.sleep(0.5)
        seconds = time.perf_counter() - began
        documents = len(json.loads((work / "out.json").read_text(encoding="utf-8"))["documents"])
    print(
        f"{args.drafts:,} drafts, -j {args.jobs}: {seconds:.0f} s, exit {proc.returncode}, {documents:,} documents out"
    )
    for role, values in peak.items():
        print(f"  {role:9} peak MiB: resident {values['Rss']:.0f}, proportional {values['Pss']:.0f}, "
              f"unshared {values['Uss']:.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
