"""How to use a machine's cores: replylint's fork workers against spaCy's own n_process.

    python benchmarks/jobs.py                    # 600 generated drafts, 2 repeats
    python benchmarks/jobs.py --drafts 2000 --json

`--jobs N` forks N workers that inherit the loaded pipeline and the compiled rules, and
each lints a share of the drafts end to end (spaCy and the rules). The alternative is to
keep one process for the rules and let spaCy parse with `nlp.pipe(..., n_process=N)`,
which starts N fresh processes that load the pipeline again and send Docs back by
pickling. This script times, in one run on the same drafts:

- `Linter.lint(drafts, jobs=1)` and `jobs=2` (fork workers; wall time, the parent's view);
- spaCy alone: `list(nlp.pipe(texts))` with n_process=1 and n_process=2 on the same
  pipeline, which bounds what n_process could give the whole lint (the rules would still
  run in one process after it).

Wall time is what CI waits for; the 1-minute load average is printed at start and end,
because on a shared machine the figures are only as quiet as it was. Never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as base  # the draft generator


def _best(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=600, help="generated drafts (default 600)")
    parser.add_argument("--repeats", type=int, default=2, help="timings of each, best kept (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from replylint.config import Config
    from replylint.document import Draft
    from replylint.engine import linter_for

    load_start = os.getloadavg()[0]
    linter = linter_for(Config())
    drafts = [Draft(text) for text, *_ in base.generate_drafts(args.drafts)]
    context = linter.context()
    linter.lint(drafts[:20], context)  # warm-up: word list, matchers, caches inside rules
    nlp = linter.pipeline.nlp
    texts = [d.text for d in drafts]

    figures = {
        "drafts": args.drafts,
        "cores": os.cpu_count(),
        "pipeline": linter.pipeline.describe(),
        "lint_jobs_1_s": _best(lambda: linter.lint(drafts, context, jobs=1), args.repeats),
        "lint_jobs_2_s": _best(lambda: linter.lint(drafts, context, jobs=2), args.repeats),
        "spacy_n_process_1_s": _best(lambda: list(nlp.pipe(texts, batch_size=64)), args.repeats),
        "spacy_n_process_2_s": _best(lambda: list(nlp.pipe(texts, batch_size=64, n_process=2)), args.repeats),
        "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "parent_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loadavg_start": load_start,
        "loadavg_end": os.getloadavg()[0],
    }
    figures["fork_speedup"] = figures["lint_jobs_1_s"] / figures["lint_jobs_2_s"]
    figures["n_process_speedup_spacy_only"] = figures["spacy_n_process_1_s"] / figures["spacy_n_process_2_s"]
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{args.drafts} drafts, {figures['cores']} cores, {figures['pipeline']}")
    print(f"load average {figures['loadavg_start']:.2f} at start, {figures['loadavg_end']:.2f} at end\n")
    print(f"replylint lint, 1 job (fork)     {figures['lint_jobs_1_s']:7.2f} s")
    print(
        f"replylint lint, 2 jobs (fork)    {figures['lint_jobs_2_s']:7.2f} s   speed-up {figures['fork_speedup']:.2f}x"
    )
    print(f"spaCy only, n_process=1          {figures['spacy_n_process_1_s']:7.2f} s")
    print(
        f"spaCy only, n_process=2          {figures['spacy_n_process_2_s']:7.2f} s   "
        f"speed-up {figures['n_process_speedup_spacy_only']:.2f}x (the rules would still run in one process)"
    )
    print(
        f"\npeak memory: parent {figures['parent_peak_mib']:.0f} MiB, largest child {figures['children_peak_mib']:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
