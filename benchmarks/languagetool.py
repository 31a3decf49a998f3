"""What proofreading costs: LanguageTool per draft, what its cache saves, the word list's load.

    python benchmarks/languagetool.py --languagetool http://127.0.0.1:PORT/   # make languagetool
    python benchmarks/languagetool.py                                         # word list only

(a) Warm per-draft latency: one Linter with the default rules, LanguageTool configured
    and no disk cache, after a warm-up; each of N generated drafts (benchmarks/run.py's
    generator, ~150 words) is linted on its own, as an agent checks one draft at a time.
    The same drafts with no LanguageTool give the difference LanguageTool adds.
(b) The disk cache: the N drafts as one batch into an empty cache folder (the server
    answers every one), then the same batch again (every answer from the cache, no
    request): wall time of each and requests sent.
(c) The spelling word list: loaded from its compact file in the cache folder, next to
    building it from wordfreq and pyspellchecker (what the first run, or --no-cache, pays),
    each in a fresh process, median of --runs.

Prints a table; it is a benchmark, not a test, and exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import generate_drafts  # noqa: E402

from replylint.config import Config  # noqa: E402
from replylint.document import Draft  # noqa: E402
from replylint.engine import linter_for  # noqa: E402
from replylint.grammar.settings import LanguageToolSettings  # noqa: E402


def _linter(url: str | None, cache: Path | None):  # type: ignore[no-untyped-def]
    settings = LanguageToolSettings().with_url(url) if url else LanguageToolSettings()
    return linter_for(Config(languagetool=settings, cache_dir=cache))


def per_draft(url: str | None, drafts: list[tuple[str, str, str]]) -> list[float]:
    """Seconds to lint each draft on its own, after one warm-up draft."""
    linter = _linter(url, None)
    warm, customer, agent = drafts[0]
    linter.lint([Draft(warm)], linter.context(customer=customer, agent=agent))
    times = []
    for text, customer, agent in drafts[1:]:
        start = time.perf_counter()
        report = linter.lint([Draft(text)], linter.context(customer=customer, agent=agent))
        times.append(time.perf_counter() - start)
        if url and not report.grammar.checked:
            raise SystemExit(f"languagetool: grammar was not checked: {report.grammar.reason}")
    return times


def cache_runs(url: str, drafts: list[tuple[str, str, str]]) -> list[tuple[float, int, str]]:
    """(seconds, requests, grammar note) for a batch into an empty cache, then again."""
    out = []
    with tempfile.TemporaryDirectory() as folder:
        texts = [Draft(t) for t, _, _ in drafts]
        for _ in range(2):
            linter = _linter(url, Path(folder))
            service = linter.sessions["grammar"].service
            before = service.requests  # linter_for may hand back the same Linter
            start = time.perf_counter()
            report = linter.lint(texts, linter.context())
            out.append((time.perf_counter() - start, service.requests - before, report.grammar.reason))
    return out


_LOAD = """
import sys, time
from pathlib import Path
from replylint import wordlist
folder = Path(sys.argv[1]) if sys.argv[1] != "-" else None
start = time.perf_counter()
wordlist.load(folder)
print(time.perf_counter() - start)
"""


def wordlist_load(runs: int) -> tuple[float, float]:
    """Median seconds to load the word list from its compact file, and to build it."""
    with tempfile.TemporaryDirectory() as folder:
        cmd = [sys.executable, "-c", _LOAD]
        subprocess.run([*cmd, folder], check=True, capture_output=True)  # builds the file once
        cached = [float(subprocess.check_output([*cmd, folder], text=True)) for _ in range(runs)]
        built = [float(subprocess.check_output([*cmd, "-"], text=True)) for _ in range(runs)]
    return statistics.median(cached), statistics.median(built)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languagetool", metavar="URL", default=os.environ.get("REPLYLINT_LANGUAGETOOL_URL"))
    parser.add_argument("--drafts", type=int, default=40, help="generated drafts (default 40)")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per word-list figure")
    args = parser.parse_args(argv)
    drafts = generate_drafts(args.drafts + 1)
    print(f"{'figure':<52} value")
    cached, built = wordlist_load(args.runs)
    print(f"{'word list: load from compact file (median)':<52} {cached * 1000:.0f} ms")
    print(f"{'word list: build from wordfreq + pyspellchecker':<52} {built * 1000:.0f} ms")
    if not args.languagetool:
        print("(no LanguageTool: pass --languagetool URL for the grammar figures)")
        return 0
    without = per_draft(None, drafts)
    with_lt = per_draft(args.languagetool, drafts)
    m_without, m_with = statistics.median(without), statistics.median(with_lt)
    print(f"{'per draft, warm, no LanguageTool (median)':<52} {m_without * 1000:.0f} ms")
    print(f"{'per draft, warm, LanguageTool, no cache (median)':<52} {m_with * 1000:.0f} ms")
    print(f"{'  LanguageTool adds (median difference)':<52} {(m_with - m_without) * 1000:.0f} ms")
    print(f"{'  LanguageTool, 90th percentile':<52} {statistics.quantiles(with_lt, n=10)[-1] * 1000:.0f} ms")
    (first, first_requests, _), (second, second_requests, note) = cache_runs(args.languagetool, drafts[1:])
    n = len(drafts) - 1
    print(f"{f'batch of {n}, empty cache':<52} {first:.2f} s, {first_requests} requests")
    print(f"{f'batch of {n}, re-run from cache':<52} {second:.2f} s, {second_requests} requests ({note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
