"""empathy: when the customer is upset, the reply acknowledges it, about their situation.

The ticket's mood (replylint/ticket.py: VADER plus support cues such as "third
time", "still", caps and "!!") decides whether empathy is needed; calm tickets need
none. An acknowledgement is a sentence with an empathy marker ("I'm sorry", "I
understand", "that doesn't sound good") that is about what happened to them: a word
from their message ("sorry your parcel arrived damaged"), a word about their ordeal
("you've had to wait", "again"), or a plain reference to it ("sorry to hear that",
"I'm so sorry this happened", "apologies for the delay"). It does not count when it is
hedged into a formula ("sorry for any inconvenience", "if this caused trouble"), when
it apologises for their feelings instead of what happened ("sorry you feel that way")
or for our not understanding them ("sorry, I don't follow"). A formula alone is
pointed at by the finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..phrases import phrase_regex
from ..ticket import Term, covered
from .base import Option, SkipCheck, spans_in

OPTIONS = {
    "markers": Option("str-list", required=True, doc="phrases that express empathy or apology"),
    "situation": Option("str-list", (), "words that refer to what the customer went through"),
    "not_situation": Option(
        "str-list", (), "words that never count as referring to their situation (inconvenience, ...)"
    ),
    "hedges": Option("str-list", (), "words that turn an apology into a formula (any, if, may have)"),
    "not_empathy": Option(
        "str-list", (), "what an apology is about when it is not empathy: 'you feel', 'i don't understand'"
    ),
}
REGIONS = ("greeting", "body")
MESSAGE_FIELDS = frozenset({"detail", "cues"})


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "lemma", "pos"})


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    markers = phrase_regex(rule.options["markers"])
    situation = {w.lower() for w in rule.options["situation"]}
    never = {w.lower() for w in rule.options["not_situation"]}
    hedges = phrase_regex(rule.options["hedges"]) if rule.options["hedges"] else None
    not_empathy = phrase_regex(rule.options["not_empathy"]) if rule.options["not_empathy"] else None

    def judge(sent, found, theirs: list[Term]) -> str:  # type: ignore[no-untyped-def]
        """ "empathy", "stock" or "none" for a sentence with an empathy marker."""
        after = sent.text[found.end() : found.end() + 60]
        if not_empathy is not None and not_empathy.search(after):
            return "none"  # sorry you feel that way / sorry, I don't understand
        words = {t.lower_ for t in sent if t.is_alpha} | {t.lemma_.lower() for t in sent if t.is_alpha}
        words -= never
        if words & situation or any(covered(t, words) for t in theirs):
            return "empathy"
        if hedges is not None and hedges.search(sent.text):
            return "stock"
        return "empathy"  # "Sorry to hear that!", "Apologies.", "this sounds concerning"

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        ticket = doc.context.ticket
        if ticket is None:
            raise SkipCheck("needs the customer's message to tell whether they are upset")
        mood = ticket.mood
        if not mood.upset:
            return
        theirs = [Term(t, t, True) for t in sorted(ticket.terms) if t not in never]
        stock = None
        for span in spans_in(doc, spans):
            for sent in span.sents:
                for found in markers.finditer(sent.text):
                    verdict = judge(sent, found, theirs)
                    if verdict == "empathy":
                        return
                    if verdict == "stock" and stock is None:
                        stock = (sent.start_char + found.start(), sent.start_char + found.end())
        cues = ", ".join(mood.cues[:3])
        if stock is not None:
            yield Hit(
                stock[0],
                stock[1],
                values={"detail": "a stock apology alone; say what you are sorry about", "cues": cues},
            )
            return
        at = doc.regions.body[0] if doc.regions.body else (spans[0][0] if spans else 0)
        yield Hit(at, at, values={"detail": "the reply does not acknowledge it", "cues": cues})

    return check
