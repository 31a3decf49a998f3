"""A canned-response library in CI, side by side: replylint cold and warm, proselint, write-good.

    python benchmarks/library_ci.py                  # 1,000 and 10,000 generated drafts
    python benchmarks/library_ci.py --sizes 1000     # one size

For each size, in one run on the same files (one generated draft per .txt file, from
benchmarks/run.py's generator):

- replylint, result cache empty ("cold"), with 1 job and with 2 jobs (`-j`), then the
  same run again over the unchanged files ("warm": every document from the cache);
  the cache folder is new for each size and warmed first with one draft, so the word
  list and the validated rules (built once per machine) are not what is measured;
- proselint 0.16 (`proselint check FILES`, PyPI) and write-good 1.0.8 (`write-good FILES`,
  npm), installed by this script into benchmarks/.cache (git-ignored).

Each is one process over all the files, as CI runs it, timed wall-clock, with its peak
resident memory (GNU time's %M: the largest process of the run). The 1-minute load
average is printed at start and end: on a shared machine the figures are only as quiet
as it was. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as base  # noqa: E402  (the draft generator)
import side_by_side  # noqa: E402  (installs the peers under benchmarks/.cache)

TIME = shutil.which("time") or "/usr/bin/time"
TARGETS = {"warm_drafts_per_s": 5000, "warm_vs_proselint": 10.0, "two_jobs_vs_one": 1.6}


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall seconds and peak MiB of one command (its exit status does not matter: linters fail)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        subprocess.run(
            [TIME, "-f", "%e %M", "-o", out.name, *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        seconds, kib = out.read().split()[-2:]
    return {"seconds": float(seconds), "peak_mib": int(kib) / 1024}


def measure(size: int, peers: dict[str, list[str]], workdir: Path) -> dict[str, dict[str, float]]:
    folder = workdir / f"drafts-{size}"
    folder.mkdir()
    for i, (text, _, _) in enumerate(base.generate_drafts(size)):
        (folder / f"draft-{i:05d}.txt").write_text(text, encoding="utf-8")
    files = sorted(str(p) for p in folder.iterdir())
    replylint = [sys.executable, "-m", "replylint", "check", "--format", "json", "--agent", "Ana"]
    out: dict[str, dict[str, float]] = {}
    for jobs in (1, 2):
        cache = workdir / f"cache-{size}-{jobs}"
        env = {**os.environ, "REPLYLINT_CACHE_DIR": str(cache)}
        subprocess.run(
            [*replylint, files[0]], env=env, stdout=subprocess.DEVNULL, check=False
        )  # rules, words
        out[f"replylint cold, -j {jobs}"] = timed([*replylint, "-j", str(jobs), str(folder)], env)
        if jobs == 2:
            out["replylint warm, -j 2"] = timed([*replylint, "-j", "2", str(folder)], env)
    out["proselint"] = timed([*peers["proselint"], "check", *files])
    out["write-good"] = timed([*peers["write-good"], *files])
    for row in out.values():
        row["drafts_per_s"] = size / row["seconds"] if row["seconds"] else float("inf")
    return out


def table(results: dict[int, dict[str, dict[str, float]]], load: tuple[float, float]) -> str:
    lines = ["| drafts | tool | wall s | drafts/s | peak MiB |", "|---|---|---|---|---|"]
    for size, rows in results.items():
        for name, r in rows.items():
            lines.append(
                f"| {size:,} | {name} | {r['seconds']:.1f} | {r['drafts_per_s']:,.0f} | {r['peak_mib']:.0f} |"
            )
    lines.append("")
    lines.append("| drafts | target | measured |")
    lines.append("|---|---|---|")
    for size, rows in results.items():
        warm = rows["replylint warm, -j 2"]
        two = rows["replylint cold, -j 2"]["seconds"]
        one = rows["replylint cold, -j 1"]["seconds"]
        lines.append(
            f"| {size:,} | warm >= {TARGETS['warm_drafts_per_s']:,} drafts/s | {warm['drafts_per_s']:,.0f} |"
        )
        ratio = rows["proselint"]["seconds"] / warm["seconds"]
        lines.append(f"| {size:,} | warm >= {TARGETS['warm_vs_proselint']:g}x proselint | {ratio:.1f}x |")
        lines.append(f"| {size:,} | cold -j 2 >= {TARGETS['two_jobs_vs_one']:g}x -j 1 | {one / two:.2f}x |")
    lines.append("")
    lines.append(
        f"1-minute load average {load[0]:.2f} at start, {load[1]:.2f} at end; {os.cpu_count()} cores"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    peers = side_by_side.install_peers()
    start_load = os.getloadavg()[0]
    began = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        results = {size: measure(size, peers, Path(tmp)) for size in args.sizes}
    load = (start_load, os.getloadavg()[0])
    print(table(results, load))
    print(f"(benchmark took {time.time() - began:.0f} s)")
    if args.json:
        print(json.dumps({"results": results, "load": load}, indent=2))


if __name__ == "__main__":
    main()
