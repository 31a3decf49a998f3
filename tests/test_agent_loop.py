"""The agent loop: lint, apply every safe fix from the JSON blindly, re-lint.

This is what an AI agent does with replylint's JSON (version 2): it never reads the
fixes, it applies them all at their offsets, in one go, and checks again. The loop
must make every draft better or leave it alone: the text never gets a second
greeting, a broken word or a `...` gap, the score never drops, and after at most two
rounds no safe fix is left. With unsafe fixes too (insertions of a greeting, thanks
or a sign-off that may fall on the same place and wait for the next round) the text
must still never break, and the loop ends within three rounds. It runs on every
example draft (with the names from examples/README.md) and on generated drafts with
the slips agents make.
"""

from __future__ import annotations

import random
import re
import shlex
from pathlib import Path

import pytest

from replylint import run
from replylint.config import load_config
from replylint.document import Draft
from replylint.engine import linter_for
from replylint.formatters.json_format import document

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
COMMAND = re.compile(r"`replylint check (examples/drafts/[^`]+)`")
GREETING = re.compile(
    r"^\s*(?:@\w+\s+)?(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b", re.I | re.M
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MAX_ROUNDS = {False: 2, True: 3}  # safe only / safe and unsafe


def _example_cases() -> list[tuple[str, str, str, str]]:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    cases = []
    for match in COMMAND.finditer(text):
        args = shlex.split(match.group(1))
        path = REPO / args[0]
        customer = args[args.index("--customer") + 1]
        agent = args[args.index("--agent") + 1]
        cases.append((path.name, path.read_text(encoding="utf-8"), customer, agent))
    return cases


GREETINGS = ["Hi {c},", "Hello {c},", "Dear {c},", "Hello,", "Hi there,", "Hey {typo},", ""]
OPENERS = [
    "Thanks for getting in touch about your order.",
    "I checked your account this morning.",
    "Sorry for the wait on this one.",
    "",
]
SENTENCES = [
    "In order to speed things up, i have sent a new label to your adress.",
    "You will recieve it by Friday, and the the tracking link will update.",
    "Due to the fact that the item was on sale, the refund is $20.",
    "Please note that the charge will drop off your statement within 5 days.",
    "We will definately keep an eye on it  for you.",
    "your replacement ships tomorrow from our warehouse.",
    "I have just really checked with the courier and it is basically on its way.",
    "Unfortunately we can't refund the shipping, but I have added a credit.",
    "At this point in time the router is in stock.",
    "The [Customer Name] account was updated, and XXX will call you.",
    "Your ticket has been escalated to our billing team.",
    "If it has not arrived by Monday, reply to this email and I will send another.",
]
SIGNOFFS = ["Best,\n{a}", "Kind regards,\n{a}", "Thanks,\n{a}", "Best,\nThe Support Team", "Cheers,", ""]


def _generated_cases(count: int = 40) -> list[tuple[str, str, str, str]]:
    """Drafts with the slips agents make: typos, filler, missing parts, wrong names."""
    rng = random.Random(20261122)
    out = []
    for i in range(count):
        customer = rng.choice(["Sarah", "Tom", "Priya", "Marco", "Olivia", "Kenji"])
        agent = rng.choice(["Ana", "Sam", "Leo"])
        typo = customer[:-1] + customer[-1] * 2
        parts = [
            rng.choice(GREETINGS).format(c=customer, typo=typo),
            " ".join(filter(None, [rng.choice(OPENERS), *rng.sample(SENTENCES, rng.randint(2, 5))])),
            rng.choice(SIGNOFFS).format(a=agent),
        ]
        out.append((f"generated-{i}", "\n\n".join(p for p in parts if p) + "\n", customer, agent))
    return out


CASES = _example_cases() + _generated_cases()


def _apply_all(text: str, fixes: list[dict]) -> str:
    """What a blind agent does: every fix at its offset, last offset first."""
    for fix in sorted(fixes, key=lambda f: f["offset"], reverse=True):
        start = fix["offset"]
        end = start + fix.get("length", 0)
        text = text[:start] + fix.get("replacement", fix.get("insert", "")) + text[end:]
    return text


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


@pytest.fixture(scope="module")
def linter():  # type: ignore[no-untyped-def]
    return linter_for(load_config(EXAMPLES / ".replylint.yaml"))


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "safe+unsafe"])
@pytest.mark.parametrize(("name", "text", "customer", "agent"), CASES, ids=[c[0] for c in CASES])
def test_agent_loop_applies_fixes_blindly_and_the_draft_gets_better(
    linter, name: str, text: str, customer: str, agent: str, unsafe: bool
) -> None:  # type: ignore[no-untyped-def]
    values = run.RunValues(customer=customer, agent=agent)
    html = name.endswith(".html")
    wanted = ("safe", "unsafe") if unsafe else ("safe",)

    def lint(current: str) -> dict:
        report = run.lint(linter, [Draft(current, source=name, is_html=html)], values)
        return document(report.documents[0])

    result = lint(text)
    greetings = len(GREETING.findall(text))
    rounds = MAX_ROUNDS[unsafe]
    for round_number in range(1, rounds + 2):
        fixes = [f["fix"] for f in result["findings"] if f["fix"] and f["fix"]["applicability"] in wanted]
        if not fixes:
            break
        assert round_number <= rounds, f"{name}: fixes still left after {rounds} rounds: {fixes}"
        fixed = _apply_all(text, fixes)
        new_words = _words(fixed) - _words(text)
        offered = _words(" ".join(f.get("replacement", f.get("insert", "")) for f in fixes))
        assert new_words <= offered, f"{name}: broken words {sorted(new_words - offered)} in {fixed!r}"
        assert "..." not in fixed.replace("...", "", text.count("...")), f"{name}: a gap was inserted"
        assert len(GREETING.findall(fixed)) <= max(greetings, 1), f"{name}: greeting duplicated: {fixed!r}"
        after = lint(fixed)
        if not unsafe:  # unsafe fixes add text (thanks, a sign-off) that may cost a point elsewhere
            assert after["score"] >= result["score"], f"{name}: score {result['score']} -> {after['score']}"
        text, result = fixed, after


def test_agent_loop_covers_fixes_of_both_kinds() -> None:
    """The cases above are only worth something if they contain fixes of both kinds."""
    linter = linter_for(load_config(EXAMPLES / ".replylint.yaml"))
    kinds: set[tuple[str, str]] = set()
    for name, text, customer, agent in CASES:
        report = run.lint(linter, [Draft(text, source=name)], run.RunValues(customer=customer, agent=agent))
        for f in document(report.documents[0])["findings"]:
            if f["fix"]:
                kinds.add((f["fix"]["applicability"], "insert" if "insert" in f["fix"] else "replace"))
    assert {("safe", "replace"), ("unsafe", "insert"), ("unsafe", "replace")} <= kinds
