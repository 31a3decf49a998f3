"""Side-by-side speed benchmark for agents: warm stream and HTTP vs cold peers, in one run.

    python benchmarks/side_by_side.py                 # table (installs the peers on first use)
    python benchmarks/side_by_side.py --drafts 100 --cold-runs 5 --json

Per ~150-word draft (the generator in benchmarks/run.py, fixed seed):
- the spaCy floor: `nlp(text)` of the pipeline replylint loads (same components, its
  own process, warm), p50;
- replylint's warm JSON-lines stream (`check --conversation -`, one line in, one
  result out, timed at the pipe) and warm HTTP service (`replylint serve`, POST
  /v1/lint from one keep-alive http.client connection), p50 and p95, interleaved
  draft by draft with the floor so that load drift hits all three alike;
- a cold process per draft of proselint (PyPI), write-good and alex (npm), median;
- a cold `replylint check` of one draft vs a bare spaCy load-and-parse of it;
- a cold `replylint rules list` vs a cold proselint on one draft;
- peak memory (ru_maxrss) of every process.
Every figure is measured in this run; the verdicts are ratios between them.

The peers are installed by this script into benchmarks/.cache/ (git-ignored):
proselint into its own virtualenv, write-good and alex with npm. Nothing is timed
before its warm-up. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as base  # noqa: E402  (benchmarks/run.py: the draft generator and process timer)

CACHE = HERE / ".cache"
PEERS_NPM = ("write-good@1.0.8", "alex@11.0.1")
PROSELINT = "proselint==0.16.0"
TARGETS = {
    "stream_vs_floor": 1.25,  # warm stream p50 <= 1.25x spaCy's own nlp(text) p50
    "http_extra_ms": 2.0,  # HTTP p50 - stream p50
    "p95_vs_p50": 2.0,
    "proselint_vs_stream": 10.0,  # a cold proselint per draft is at least 10x the warm stream
    "cold_vs_bare": 1.15,
    "rules_list_vs_proselint": 1.3,
}

FLOOR_CODE = """\
import json, resource, sys, time
import spacy
model, exclude = sys.argv[1], json.loads(sys.argv[2])
nlp = spacy.load(model, exclude=exclude)
print(json.dumps({"pipe_names": nlp.pipe_names}), flush=True)
for line in sys.stdin:
    text = json.loads(line)
    start = time.perf_counter()
    nlp(text)
    print(json.dumps(time.perf_counter() - start), flush=True)
"""

INFO_CODE = """\
import json, sys
sys.path.insert(0, sys.argv[1])
import run
print(json.dumps(run.pipeline_info()))
"""


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# -- peers -------------------------------------------------------------------------------


def install_peers() -> dict[str, list[str]]:
    """Install proselint (venv) and write-good + alex (npm) under benchmarks/.cache once."""
    CACHE.mkdir(exist_ok=True)
    venv = CACHE / "proselint-venv"
    proselint = venv / "bin" / "proselint"
    if not proselint.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", PROSELINT], check=True)
    npm_dir = CACHE / "npm"
    bins = npm_dir / "node_modules" / ".bin"
    if not (bins / "write-good").exists() or not (bins / "alex").exists():
        npm_dir.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(npm_dir), *PEERS_NPM],
            check=True,
        )
    return {
        "proselint": [str(proselint)],
        "write-good": [str(bins / "write-good")],
        "alex": [str(bins / "alex")],
    }


# -- warm replylint ----------------------------------------------------------------------


def _wait_for(url: str, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def _reap(proc: subprocess.Popen, grace: float = 30) -> float:
    """Wait for a child to end and return its peak RSS in MiB (killed after `grace` s)."""
    deadline = time.monotonic() + grace
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0
            return base._maxrss_mib(usage.ru_maxrss)
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.05)


class Stream:
    """`replylint check --conversation -`: one JSON line in, one result line out."""

    def __init__(self, workdir: str) -> None:
        # --no-cache: every draft is checked, never answered from an earlier run's results
        self.command = [sys.executable, "-m", "replylint", "check", "--no-cache", "--conversation", "-"]
        self.proc = subprocess.Popen(
            self.command, cwd=workdir, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip

    def ask(self, text: str, customer: str, agent: str) -> float:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        line = json.dumps({"draft": text, "customer": customer, "agent": agent}) + "\n"
        start = time.perf_counter()
        self.proc.stdin.write(line)
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        elapsed = time.perf_counter() - start
        if '"score"' not in answer:
            raise SystemExit(f"stream answered: {answer!r}")
        return elapsed

    def close(self) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.close()  # end of input: the stream exits
        return _reap(self.proc)


class Http:
    """`replylint serve` and one keep-alive client (the standard library's http.client)
    posting to /v1/lint: the lightest client, so the figure is the service's own cost."""

    def __init__(self, workdir: str) -> None:
        import http.client

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.command = [sys.executable, "-m", "replylint", "serve", "--no-cache", "--port", str(port)]
        self.proc = subprocess.Popen(
            self.command, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        self.client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def ask(self, text: str, customer: str, agent: str) -> float:
        body = json.dumps({"draft": text, "customer": customer, "agent": agent})
        start = time.perf_counter()
        self.client.request("POST", "/v1/lint", body, {"Content-Type": "application/json"})
        response = self.client.getresponse()
        answer = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise SystemExit(f"service answered {response.status}: {answer[:200]!r}")
        return elapsed

    def close(self) -> float:
        self.client.close()
        self.proc.terminate()
        return _reap(self.proc)


class Floor:
    """spaCy alone, the same components, warm: times `nlp(text)` inside its own process."""

    def __init__(self, info: dict) -> None:
        self.command = [sys.executable, "-c", FLOOR_CODE, info["model"], json.dumps(info["exclude"])]
        self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        pipes = json.loads(self.proc.stdout.readline())["pipe_names"]
        if pipes != info["spacy_components"]:
            raise SystemExit(f"floor pipeline {pipes} differs from replylint's {info['spacy_components']}")

    def ask(self, text: str, customer: str, agent: str) -> float:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(text) + "\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return _reap(self.proc)


def warm(drafts: list[tuple[str, str, str]], info: dict, workdir: str) -> dict:
    """Floor, stream and HTTP, interleaved draft by draft so load drift hits all three alike."""
    servers = {"floor": Floor(info), "stream": Stream(workdir), "http": Http(workdir)}
    for d in drafts[:20]:  # warm-up
        for server in servers.values():
            server.ask(*d)
    times: dict[str, list[float]] = {name: [] for name in servers}
    for d in drafts:
        for name, server in servers.items():
            times[name].append(server.ask(*d))
    peaks = {name: server.close() for name, server in servers.items()}
    commands = {name: shlex.join(server.command) for name, server in servers.items() if name != "floor"}
    return {"times": times, "peak_mib": peaks, "commands": commands}


# -- the run -----------------------------------------------------------------------------


def measure(args: argparse.Namespace) -> dict:
    load_start = os.getloadavg()[0]
    # pipeline_info loads spaCy: do it in a child, so this process stays small (on Linux a
    # child's ru_maxrss starts from its parent's size at fork, even across exec)
    info = json.loads(
        subprocess.run(
            [sys.executable, "-c", INFO_CODE, str(HERE)], capture_output=True, text=True, check=True
        ).stdout
    )
    peers = install_peers()
    drafts = base.generate_drafts(args.drafts)
    sample, customer, agent = base.sample_draft()
    with tempfile.TemporaryDirectory(prefix="replylint-side-") as workdir:
        draft_path = Path(workdir, "draft.txt")
        draft_path.write_text(sample, encoding="utf-8")
        out = str(Path(workdir, "out.txt"))
        warm_run = warm(drafts, info, workdir)

        # cold processes, interleaved so drift hits all alike
        cold_cmds = {
            "replylint check": [sys.executable, "-m", "replylint", "check", str(draft_path), "--customer",
                                customer, "--agent", agent, "--no-color"],
            "bare spaCy load+parse": [sys.executable, "-c", base.BARE_CODE, info["model"], str(draft_path),
                                      json.dumps(info["exclude"])],
            "replylint rules list": [sys.executable, "-m", "replylint", "rules", "list"],
            "proselint": [*peers["proselint"], "check", str(draft_path)],
            "write-good": [*peers["write-good"], str(draft_path)],
            "alex": [*peers["alex"], str(draft_path)],
        }  # fmt: skip
        # a cold check keeps its rule and word-list caches, never the draft's result
        env, results = base.cold_env(workdir)
        for name, cmd in cold_cmds.items():  # warm the OS file cache; check each really ran
            _, _, _, code, output = base._timed_process(cmd, workdir, out, env)
            # write-good exits with the number of its suggestions; the others 0 (clean) or 1
            if code < 0 or (name != "write-good" and code not in (0, 1)) or "usage:" in output.lower():
                raise SystemExit(f"{shlex.join(cmd)} failed (exit {code}):\n{output[-2000:]}")
        cold: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cold_cmds}
        for _ in range(args.cold_runs):
            for name, cmd in cold_cmds.items():
                shutil.rmtree(results, ignore_errors=True)
                cold[name].append(base._timed_process(cmd, workdir, out, env)[:3])

    def p(name: str, q: float) -> float:
        return 1000 * _pct(warm_run["times"][name], q)

    floor_p50, stream_p50, http_p50 = p("floor", 0.5), p("stream", 0.5), p("http", 0.5)
    stream_p95, http_p95 = p("stream", 0.95), p("http", 0.95)
    cold_ms = {name: 1000 * statistics.median(r[0] for r in runs) for name, runs in cold.items()}
    cold_peak = {name: statistics.median(r[2] for r in runs) for name, runs in cold.items()}
    ratios = {
        "stream_vs_floor": stream_p50 / floor_p50,
        "http_extra_ms": http_p50 - stream_p50,
        "stream_p95_vs_p50": stream_p95 / stream_p50,
        "http_p95_vs_p50": http_p95 / http_p50,
        "proselint_vs_stream": cold_ms["proselint"] / stream_p50,
        "cold_vs_bare": cold_ms["replylint check"] / cold_ms["bare spaCy load+parse"],
        "rules_list_vs_proselint": cold_ms["replylint rules list"] / cold_ms["proselint"],
    }
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load": (load_start, os.getloadavg()[0]),
        "pipeline": info["description"],
        "drafts": len(drafts),
        "words_per_draft": statistics.median(base._word_count(t) for t, _, _ in drafts),
        "cold_runs": args.cold_runs,
        "floor_ms": {"p50": floor_p50, "p95": p("floor", 0.95)},
        "stream_ms": {"p50": stream_p50, "p95": stream_p95},
        "http_ms": {"p50": http_p50, "p95": http_p95},
        "cold_ms": cold_ms,
        "peak_mib": {
            "spaCy floor (warm process)": warm_run["peak_mib"]["floor"],
            "replylint stream (warm process)": warm_run["peak_mib"]["stream"],
            "replylint serve (warm process)": warm_run["peak_mib"]["http"],
            **{f"cold {k}": v for k, v in cold_peak.items()},
        },
        "ratios": ratios,
        "commands": {**warm_run["commands"], **{k: shlex.join(v) for k, v in cold_cmds.items()}},
    }


def _verdict(value: float, target: float, at_least: bool = False) -> str:
    ok = value >= target if at_least else value <= target
    return "yes" if ok else "**no**"


def table(r: dict) -> str:
    ratios = r["ratios"]
    f, s, h, c = r["floor_ms"], r["stream_ms"], r["http_ms"], r["cold_ms"]
    rows = [
        ("spaCy floor: `nlp(text)`, warm", f"{f['p50']:.1f} ms", f"{f['p95']:.1f} ms", "", ""),
        (
            "replylint stream (`check --conversation -`), warm",
            f"{s['p50']:.1f} ms",
            f"{s['p95']:.1f} ms",
            "",
            "",
        ),
        ("replylint HTTP (`serve`, keep-alive), warm", f"{h['p50']:.1f} ms", f"{h['p95']:.1f} ms", "", ""),
    ]
    for name in (
        "proselint",
        "write-good",
        "alex",
        "replylint check",
        "bare spaCy load+parse",
        "replylint rules list",
    ):
        rows.append((f"cold process: {name}", f"{c[name]:.0f} ms", "", "", ""))
    lines = [
        f"replylint side by side: {r['drafts']} drafts of ~{r['words_per_draft']:.0f} words; "
        f"cold runs: median of {r['cold_runs']}; Python {r['python']}, {r['cpus']} CPUs, "
        f"1-minute load average {r['load'][0]:.2f} at start, {r['load'][1]:.2f} at end; pipeline {r['pipeline']}",
        "",
        "| per draft | p50 / median | p95 |",
        "| --- | --- | --- |",
        *(f"| {a} | {b} | {c_} |" for a, b, c_, _, _ in rows),
        "",
        "| target | measured | target | met? |",
        "| --- | --- | --- | --- |",
        f"| warm stream p50 / spaCy floor p50 | {ratios['stream_vs_floor']:.2f}x | <= {TARGETS['stream_vs_floor']}x | "
        f"{_verdict(ratios['stream_vs_floor'], TARGETS['stream_vs_floor'])} |",
        f"| HTTP p50 - stream p50 | {ratios['http_extra_ms']:+.1f} ms | <= {TARGETS['http_extra_ms']} ms | "
        f"{_verdict(ratios['http_extra_ms'], TARGETS['http_extra_ms'])} |",
        f"| stream p95 / p50 | {ratios['stream_p95_vs_p50']:.2f} | <= {TARGETS['p95_vs_p50']} | "
        f"{_verdict(ratios['stream_p95_vs_p50'], TARGETS['p95_vs_p50'])} |",
        f"| HTTP p95 / p50 | {ratios['http_p95_vs_p50']:.2f} | <= {TARGETS['p95_vs_p50']} | "
        f"{_verdict(ratios['http_p95_vs_p50'], TARGETS['p95_vs_p50'])} |",
        f"| cold proselint per draft / warm stream p50 | {ratios['proselint_vs_stream']:.0f}x | >= "
        f"{TARGETS['proselint_vs_stream']:.0f}x | "
        f"{_verdict(ratios['proselint_vs_stream'], TARGETS['proselint_vs_stream'], at_least=True)} |",
        f"| cold `replylint check` / bare spaCy load+parse | {ratios['cold_vs_bare']:.2f}x | <= "
        f"{TARGETS['cold_vs_bare']}x | {_verdict(ratios['cold_vs_bare'], TARGETS['cold_vs_bare'])} |",
        f"| cold `rules list` / cold proselint | {ratios['rules_list_vs_proselint']:.2f}x | <= "
        f"{TARGETS['rules_list_vs_proselint']}x | "
        f"{_verdict(ratios['rules_list_vs_proselint'], TARGETS['rules_list_vs_proselint'])} |",
        "",
        "| peak memory (ru_maxrss) | MiB |",
        "| --- | --- |",
        *(f"| {k} | {v:.0f} |" for k, v in r["peak_mib"].items()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drafts", type=int, default=200, help="drafts through the warm stream and HTTP")
    parser.add_argument("--cold-runs", type=int, default=7, help="runs of each cold process (median)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    # Children write and use compiled bytecode, as an installed replylint does: a session
    # with PYTHONDONTWRITEBYTECODE would otherwise recompile replylint at every cold start.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    result = measure(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(result))
        print(
            f"\ncommand: python benchmarks/side_by_side.py --drafts {args.drafts} --cold-runs {args.cold_runs}"
        )


if __name__ == "__main__":
    main()
