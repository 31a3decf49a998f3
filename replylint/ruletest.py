"""Run rules' embedded examples: how the suite and teams test rules.

Each example is checked with only its own rule enabled. A `fail` example must give
a finding (exactly its `flags`, when named); a `pass` example must give none; a
`skip` example must make the rule skip; a `todo-fail` is a known miss and is
reported as "still missing" until it starts failing, then as "fixed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .config import Config
from .document import Draft, parse_documents
from .engine import Linter
from .kinds import KINDS
from .rules import Example, Rule
from .run import RunValues, contexts


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example."""

    rule: str
    example: Example
    ok: bool
    detail: str
    todo: bool = False


def missing_examples(rule: Rule) -> list[str]:
    """What example groups a rule lacks (every rule needs a pass and a fail)."""
    groups = {e.expect for e in rule.examples}
    if KINDS[rule.kind].always_skips:
        return [] if "skip" in groups else ["skip"]
    return [g for g in ("pass", "fail") if g not in groups]


def _short(text: str) -> str:
    flat = text.replace("\n", "\\n")
    return flat if len(flat) <= 70 else flat[:67] + "..."


def run_examples(rule: Rule, config: Config | None = None) -> list[ExampleResult]:
    """Check every example of `rule` with only that rule enabled."""
    config = config or Config()
    linter = Linter([rule], config)
    results = []
    for example in rule.examples:
        draft = Draft(example.text, source=rule.path, ticket=example.ticket, channel=example.channel)
        [context] = contexts(linter, [draft], RunValues(customer=example.customer, agent=example.agent))
        doc = next(parse_documents([draft], context, linter.pipeline))
        findings, skipped = linter.findings(doc)
        matches = [f.match.strip() for f in findings]
        label = f"{example.expect} example (line {example.line}) '{_short(example.text)}'"
        if example.expect == "skip":
            ok = rule.id in skipped
            detail = "skipped as expected" if ok else f"did not skip: {matches or 'no findings'}"
        elif rule.id in skipped:
            ok, detail = False, f"skipped: {skipped[rule.id]}"
        elif example.expect == "pass":
            ok = not findings
            detail = "no findings" if ok else f"false positive on {label}: flagged {matches}"
        else:
            if example.flags:
                ok = sorted(matches) == sorted(example.flags)
                detail = f"flagged {matches}" if ok else f"expected {list(example.flags)}, flagged {matches}"
            else:
                ok = bool(findings)
                detail = f"flagged {matches}" if ok else "nothing flagged"
            if not ok and example.expect == "fail":
                detail = f"false negative on {label}: {detail}"
        todo = example.expect == "todo-fail"
        results.append(ExampleResult(rule.id, example, ok, detail, todo))
    return results


def run_all(rules: Iterable[Rule], config: Config | None = None) -> list[ExampleResult]:
    """Examples of all rules, in rule order."""
    out: list[ExampleResult] = []
    for rule in rules:
        out.extend(run_examples(rule, config))
    return out
