"""Accuracy of replylint's judgements on a labelled folder of real support replies.

    python benchmarks/accuracy.py                      # ../shared/devset (the default)
    python benchmarks/accuracy.py path/to/labelled/    # any folder in the same layout
    python benchmarks/accuracy.py --json               # the figures as JSON
    python benchmarks/accuracy.py --show negative      # every miss and false alarm of one figure
    python benchmarks/accuracy.py --languagetool http://127.0.0.1:8081/   # real-word recall with and
                                                       # without LanguageTool (make languagetool)

The folder holds `replies/NNN.txt`, `replies/NNN.ticket.txt` (optional), `manifest.yaml`
(per id: channel, ticket) and `labels.yaml` (per id: the hand labels). Its README gives
the label rules; the definitions below are the ones the project's issues fix, so that
figures stay comparable between runs and between label sets.

replylint runs once, in one child process, over the JSON-lines conversation stream
(`replylint check --conversation -`), the way an agent pipeline calls it:

- run A, every reply **without** a ticket and with the default channel: the name,
  sign-off and thanks figures, negative language, filler and spelling;
- run B, every reply that has a ticket, with the ticket as the customer's message and
  the item's own channel: understand-request, empathy, the name from the ticket, echoes.

With a LanguageTool server (`--languagetool URL`, or REPLYLINT_LANGUAGETOOL_URL) run A
is made twice, without and with it, for the real-word recall figure; every other figure
comes from the run without it, so it does not move with the server.

It is a benchmark, not a test: it prints figures and the ids it gets wrong, and exits 0
whatever they are (2 when the folder or replylint cannot be read or run). The texts stay
in the folder; nothing is copied.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "devset"

# Targets from the issues (issue 8: judgements; issue 10: proofreading).
TARGETS: dict[str, tuple[str, float]] = {
    "use-their-name": (">=", 0.95),
    "use-your-name": (">=", 0.95),
    "thank-them": (">=", 0.98),
    "negative recall": (">=", 0.80),
    "negative precision": (">=", 0.85),
    "filler recall": (">=", 0.90),
    "filler precision": (">=", 0.85),
    "understand-request reply": (">=", 0.85),
    "understand-request q recall": (">=", 0.80),
    "understand-request q precision": (">=", 0.75),
    "empathy": (">=", 0.85),
    "name from ticket": (">=", 0.95),
    "echo false alarms / reply": ("<=", 0.02),
    "spelling false alarms / reply": ("<=", 0.03),
    "spelling non-word recall": (">=", 0.90),
    "real-word recall (LanguageTool)": (">=", 0.60),
}

FILLER_RULES = frozenset({"filler-words", "wordy-phrases"})
QUOTE = re.compile(r"[\"“](.+)[\"”]", re.DOTALL)


# ---------------------------------------------------------------------------------
# Reading the labelled folder
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One labelled reply: its text, ticket, channel and labels."""

    id: str
    text: str
    ticket: str | None
    channel: str
    labels: dict[str, Any]


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as exc:
        raise SystemExit(f"accuracy: cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise SystemExit(f"accuracy: {path} is not valid YAML: {exc}") from None


def read_folder(folder: Path) -> list[Item]:
    """Every labelled reply in `folder`, in id order."""
    labels = _load_yaml(folder / "labels.yaml")
    manifest = _load_yaml(folder / "manifest.yaml")
    if not isinstance(labels, dict) or not isinstance(manifest, dict) or "items" not in manifest:
        raise SystemExit(
            f"accuracy: {folder} does not look like a labelled folder (labels.yaml, manifest.yaml)"
        )
    meta = {str(m["id"]): m for m in manifest["items"]}
    items = []
    for key, lab in labels.items():
        if not isinstance(key, str):
            raise SystemExit(f"accuracy: {folder / 'labels.yaml'}: id {key!r} must be a quoted string")
        entry = meta.get(key, {})
        text_path = folder / "replies" / f"{key}.txt"
        ticket_path = folder / "replies" / f"{key}.ticket.txt"
        try:
            text = text_path.read_text(encoding="utf-8")
            ticket = ticket_path.read_text(encoding="utf-8") if entry.get("ticket") else None
        except OSError as exc:
            raise SystemExit(f"accuracy: cannot read {exc.filename}: {exc.strerror}") from None
        items.append(Item(key, text, ticket, entry.get("channel") or "email", lab))
    return sorted(items, key=lambda i: i.id)


# ---------------------------------------------------------------------------------
# Running replylint once
# ---------------------------------------------------------------------------------


def run_replylint(
    items: list[Item], extra_args: list[str], languagetool: str | None = None, run_b: bool = True
) -> tuple[dict[str, dict], dict[str, dict]]:
    """(run A results, run B results) by item id, from one `check --conversation -` process.

    `languagetool` is the server's URL, or None for a run without grammar.
    """
    lines = []
    for item in items:
        lines.append(json.dumps({"id": f"A:{item.id}", "draft": item.text}))
    for item in items if run_b else ():
        if item.ticket is not None:
            request = {
                "id": f"B:{item.id}",
                "draft": item.text,
                "ticket": item.ticket,
                "channel": item.channel,
            }
            lines.append(json.dumps(request))
    command = [sys.executable, "-m", "replylint", "check", "--conversation", "-", *extra_args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPLYLINT_")}
    if languagetool:
        env["REPLYLINT_LANGUAGETOOL_URL"] = languagetool
    # A neutral working folder: no project .replylint.yaml changes the defaults.
    cwd = Path(__file__).resolve().parent
    proc = subprocess.run(
        command, input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, cwd=cwd, check=False
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"accuracy: replylint exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    run_a: dict[str, dict] = {}
    results_b: dict[str, dict] = {}
    for raw in proc.stdout.splitlines():
        result = json.loads(raw)
        if "error" in result:
            raise SystemExit(
                f"accuracy: replylint could not read request line {result['line']}: {result['error']}"
            )
        which, item_id = result["item"].split(":", 1)
        (run_a if which == "A" else results_b)[item_id] = result
    missing = [i.id for i in items if i.id not in run_a]
    missing += [i.id for i in items if run_b and i.ticket and i.id not in results_b]
    if missing:
        raise SystemExit(
            f"accuracy: replylint gave no result for {len(missing)} replies (first: {missing[0]}):\n{proc.stderr[-2000:]}"
        )
    return run_a, results_b


# ---------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------


@dataclass
class Figure:
    """One figure: its value, the counts behind it and the ids it gets wrong."""

    name: str
    value: float | None
    counts: str
    wrong: dict[str, list[str]] = field(default_factory=dict)

    def verdict(self) -> str:
        if self.name not in TARGETS or self.value is None:
            return ""
        op, target = TARGETS[self.name]
        ok = self.value >= target if op == ">=" else self.value <= target
        return f"{op} {target:.2f} {'met' if ok else 'NOT met'}"


def balanced_accuracy(name: str, pairs: Iterable[tuple[str, bool, bool]]) -> Figure:
    """Mean of the hit rate on true labels and the correct-rejection rate on false ones.

    `pairs` are (id, truth, predicted). Misses are true labels predicted false; false
    alarms are false labels predicted true.
    """
    tp = fn = tn = fp = 0
    misses: list[str] = []
    alarms: list[str] = []
    for item_id, truth, predicted in pairs:
        if truth and predicted:
            tp += 1
        elif truth:
            fn += 1
            misses.append(item_id)
        elif predicted:
            fp += 1
            alarms.append(item_id)
        else:
            tn += 1
    rates = [
        x for x in (tp / (tp + fn) if tp + fn else None, tn / (tn + fp) if tn + fp else None) if x is not None
    ]
    value = sum(rates) / len(rates) if rates else None
    counts = f"TP {tp} FN {fn} TN {tn} FP {fp}"
    return Figure(
        name,
        value,
        counts,
        {"missed (true, predicted false)": misses, "false (false, predicted true)": alarms},
    )


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of a labelled phrase in the text."""
    out = []
    start = text.find(phrase)
    while start != -1:
        out.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _finding_span(f: dict) -> tuple[int, int]:
    return f["offset"], f["offset"] + f["length"]


def span_figures(
    label: str,
    items: list[Item],
    results: dict[str, dict],
    phrases_of: Callable[[Item], list[str]],
    is_finding: Callable[[dict], bool],
) -> tuple[Figure, Figure]:
    """Recall over labelled phrases and precision over findings, by character overlap."""
    found = total = 0
    right = flagged = 0
    missed: list[str] = []
    alarms: list[str] = []
    for item in items:
        doc = results[item.id]
        findings = [f for f in doc["findings"] if is_finding(f)]
        labelled = [(p, _spans(item.text, p)) for p in phrases_of(item)]
        for phrase, spans in labelled:
            total += 1
            if any(_overlaps(_finding_span(f), s) for f in findings for s in spans):
                found += 1
            else:
                missed.append(f"{item.id}: {phrase!r}")
        for f in findings:
            flagged += 1
            if any(_overlaps(_finding_span(f), s) for _, spans in labelled for s in spans):
                right += 1
            else:
                alarms.append(f"{item.id}: {f['rule']} {f['match']!r}")
    recall = Figure(f"{label} recall", found / total if total else None, f"{found}/{total} labelled phrases")
    recall.wrong = {"missed": missed}
    precision = Figure(
        f"{label} precision", right / flagged if flagged else None, f"{right}/{flagged} findings"
    )
    precision.wrong = {"false alarms": alarms}
    return recall, precision


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _quoted_questions(finding: dict) -> str | None:
    """The ticket text a finding quotes, without the ellipsis of a shortened quote."""
    match = QUOTE.search(finding["message"])
    return _norm(match.group(1).rstrip(".…")) if match else None


def _question_quoted(question: str, ticket: str, quote: str) -> bool:
    """Whether a finding's quote covers the labelled question (overlapping text in the ticket)."""
    q, t = _norm(question), _norm(ticket)
    at_q = t.find(q)
    at_quote = t.find(quote)
    if at_q == -1 or at_quote == -1:
        return q in quote or quote in q
    return _overlaps((at_q, at_q + len(q)), (at_quote, at_quote + len(quote)))


def understand_figures(items: list[Item], results: dict[str, dict]) -> list[Figure]:
    """Reply-level balanced accuracy and question-level recall/precision."""
    scoped = [i for i in items if i.ticket is not None and i.labels.get("questions")]
    pairs = []
    found = total = right = flagged = 0
    missed: list[str] = []
    alarms: list[str] = []
    for item in scoped:
        doc = results[item.id]
        questions = item.labels["questions"]
        answered = item.labels["answered"]
        unanswered = [q for q, a in zip(questions, answered, strict=True) if not a]
        pairs.append((item.id, bool(unanswered), doc["checklist"]["understand-request"] == "fail"))
        quotes = [
            q for f in doc["findings"] if f["rule"] == "understand-request" and (q := _quoted_questions(f))
        ]
        for question in unanswered:
            total += 1
            if any(_question_quoted(question, item.ticket or "", quote) for quote in quotes):
                found += 1
            else:
                missed.append(f"{item.id}: {question!r}")
        for quote in quotes:
            flagged += 1
            if any(_question_quoted(q, item.ticket or "", quote) for q in unanswered):
                right += 1
            else:
                alarms.append(f"{item.id}: {quote!r}")
    reply = balanced_accuracy("understand-request reply", pairs)
    recall = Figure(
        "understand-request q recall", found / total if total else None, f"{found}/{total} unanswered"
    )
    recall.wrong = {"missed": missed}
    precision = Figure(
        "understand-request q precision", right / flagged if flagged else None, f"{right}/{flagged} findings"
    )
    precision.wrong = {"false alarms": alarms}
    # Not one of the figures: findings on tickets with no labelled question at all
    # (statements and complaints read as requests) are false alarms the user sees too.
    stray = [
        f"{i.id}: {q!r}"
        for i in items
        if i.ticket is not None and not i.labels.get("questions")
        for f in results[i.id]["findings"]
        if f["rule"] == "understand-request" and (q := _quoted_questions(f))
    ]
    no_q = [i for i in items if i.ticket is not None and not i.labels.get("questions")]
    extra = Figure(
        "understand-request on no-question tickets",
        len(stray) / len(no_q) if no_q else None,
        f"{len(stray)} findings on {len(no_q)} tickets (per ticket; not an issue figure)",
    )
    extra.wrong = {"false alarms": stray}
    return [reply, recall, precision, extra]


def compute(items: list[Item], run_a: dict[str, dict], run_b: dict[str, dict]) -> list[Figure]:
    """Every figure, with the definitions of issues 8 and 10."""
    figures: list[Figure] = []
    for name, label in (("use-their-name", "uses_name"), ("use-your-name", "signed_personal_name"),
                        ("thank-them", "thanks")):  # fmt: skip
        pairs = [
            (i.id, i.labels[label] is True, run_a[i.id]["checklist"][name] == "pass")
            for i in items
            if i.labels.get(label) in (True, False)
        ]
        figures.append(balanced_accuracy(name, pairs))

    figures.extend(
        span_figures(
            "negative",
            items,
            run_a,
            lambda i: i.labels.get("negative_language") or [],
            lambda f: f["checklist"] == "no-negative-language",
        )
    )
    figures.extend(
        span_figures(
            "filler",
            items,
            run_a,
            lambda i: i.labels.get("filler") or [],
            lambda f: f["rule"] in FILLER_RULES,
        )
    )
    with_ticket = [i for i in items if i.ticket is not None]
    figures.extend(understand_figures(with_ticket, run_b))
    figures.append(
        balanced_accuracy(
            "empathy",
            (
                (
                    i.id,
                    bool(i.labels.get("upset")) and not i.labels.get("empathy"),
                    any(f["rule"] == "empathy" for f in run_b[i.id]["findings"]),
                )
                for i in with_ticket
            ),
        )
    )
    figures.append(
        balanced_accuracy(
            "name from ticket",
            (
                (
                    i.id,
                    i.labels.get("uses_name") is not True,
                    run_b[i.id]["checklist"]["use-their-name"] == "fail",
                )
                for i in with_ticket
                if i.labels.get("customer_name")
            ),
        )
    )
    echoes = [f"{i.id}: {f['match']!r}" for i in with_ticket for f in run_b[i.id]["findings"]
              if f["rule"] == "echoed-reference"]  # fmt: skip
    echo = Figure(
        "echo false alarms / reply",
        len(echoes) / len(with_ticket) if with_ticket else None,
        f"{len(echoes)} findings on {len(with_ticket)} ticket replies",
    )
    echo.wrong = {"false alarms": echoes}
    figures.append(echo)
    figures.extend(spelling_figures(items, run_a))
    return figures


def spelling_figures(items: list[Item], results: dict[str, dict]) -> list[Figure]:
    """Spelling false alarms per reply and recall on labelled non-words."""
    alarms: list[str] = []
    found = total = 0
    missed: list[str] = []
    for item in items:
        labelled = [(p, _spans(item.text, p)) for p in item.labels.get("misspellings") or []]
        spelling = [f for f in results[item.id]["findings"] if f["rule"] == "spelling"]
        for f in spelling:
            if not any(_overlaps(_finding_span(f), s) for _, spans in labelled for s in spans):
                alarms.append(f"{item.id}: {f['match']!r}")
        for phrase, spans in labelled:
            if " " in phrase.strip():
                continue
            total += 1
            if any(_overlaps(_finding_span(f), s) for f in spelling for s in spans):
                found += 1
            else:
                missed.append(f"{item.id}: {phrase!r}")
    false_alarms = Figure(
        "spelling false alarms / reply", len(alarms) / len(items) if items else None,
        f"{len(alarms)} findings on {len(items)} replies",
    )  # fmt: skip
    false_alarms.wrong = {"false alarms": alarms}
    recall = Figure(
        "spelling non-word recall", found / total if total else None, f"{found}/{total} non-words"
    )
    recall.wrong = {"missed": missed}
    return [false_alarms, recall]


def real_word_recall(items: list[Item], results: dict[str, dict], label: str) -> Figure:
    """Recall on labelled misspellings with a space (real-word errors, given with a
    neighbouring word), for any `proofread` finding that overlaps."""
    found = total = 0
    missed: list[str] = []
    for item in items:
        proofread = [f for f in results[item.id]["findings"] if f["checklist"] == "proofread"]
        for phrase in item.labels.get("misspellings") or []:
            if " " not in phrase.strip():
                continue
            total += 1
            spans = _spans(item.text, phrase)
            if any(_overlaps(_finding_span(f), s) for f in proofread for s in spans):
                found += 1
            else:
                missed.append(f"{item.id}: {phrase!r}")
    figure = Figure(
        f"real-word recall ({label})", found / total if total else None, f"{found}/{total} real-word"
    )
    figure.wrong = {"missed": missed}
    return figure


def languagetool_answers(url: str) -> bool:
    """Whether a LanguageTool server answers GET /v2/languages at `url`."""
    import urllib.request

    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


# ---------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------


def print_table(figures: list[Figure], folder: Path, show: str | None, limit: int) -> None:
    print(f"replylint accuracy on {folder} ({datetime.date.today().isoformat()})\n")
    width = max(len(f.name) for f in figures)
    print(f"{'figure':<{width}}  {'value':>6}  {'target':<16}  counts")
    print(f"{'-' * width}  ------  {'-' * 16}  ------")
    for f in figures:
        value = "  n/a " if f.value is None else f"{f.value:6.2f}"
        print(f"{f.name:<{width}}  {value}  {f.verdict():<16}  {f.counts}")
    print("\nWrong ids per figure" + ("" if show else f" (first {limit}; --show FIGURE for all):"))
    for f in figures:
        if show and show not in f.name:
            continue
        for kind, ids in f.wrong.items():
            if not ids:
                continue
            shown = ids if show else ids[:limit]
            more = "" if len(shown) == len(ids) else f" ... (+{len(ids) - len(shown)})"
            print(f"- {f.name}, {kind} ({len(ids)}): " + "; ".join(shown) + more)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", type=Path, default=DEFAULT_FOLDER, help="labelled folder (default: %(default)s)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--show", metavar="FIGURE", help="list every wrong id of the figures whose name contains this"
    )
    parser.add_argument("--limit", type=int, default=12, help="wrong ids listed per figure (default 12)")
    parser.add_argument(
        "--args", default="", help="extra arguments for `replylint check` (quoted, split on spaces)"
    )
    parser.add_argument(
        "--languagetool",
        metavar="URL",
        default=os.environ.get("REPLYLINT_LANGUAGETOOL_URL"),
        help="a LanguageTool server for the real-word figure (default: REPLYLINT_LANGUAGETOOL_URL)",
    )
    args = parser.parse_args(argv)
    items = read_folder(args.folder)
    if args.languagetool and not languagetool_answers(args.languagetool):
        raise SystemExit(f"accuracy: no LanguageTool answers at {args.languagetool} (make languagetool)")
    run_a, run_b = run_replylint(items, args.args.split())
    figures = compute(items, run_a, run_b)
    figures.append(real_word_recall(items, run_a, "no LanguageTool"))
    if args.languagetool:
        with_lt, _ = run_replylint(items, args.args.split(), args.languagetool, run_b=False)
        figures.append(real_word_recall(items, with_lt, "LanguageTool"))
    if args.json:
        print(
            json.dumps(
                {f.name: {"value": f.value, "counts": f.counts, "wrong": f.wrong} for f in figures}, indent=2
            )
        )
    else:
        print_table(figures, args.folder, args.show, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
