"""empathy: when the customer is upset, the reply acknowledges it, about their situation.

The ticket's mood (replylint/ticket.py: VADER plus support cues such as "third
time", "still", caps and "!!") decides whether empathy is needed; calm tickets need
none. An acknowledgement is a sentence with an empathy marker ("I'm sorry", "I
understand", "that's not the experience ...") that also refers to what happened to
them: a word from their message ("sorry your parcel arrived damaged") or a word about
their ordeal ("you've had to wait", "again"). "Sorry for any inconvenience" alone is a
stock phrase and does not count; the finding then points at it.
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
}
REGIONS = ("greeting", "body")
MESSAGE_FIELDS = frozenset({"detail", "cues"})


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "lemma", "pos"})


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    markers = phrase_regex(rule.options["markers"])
    situation = {w.lower() for w in rule.options["situation"]}
    never = {w.lower() for w in rule.options["not_situation"]}

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
                found = markers.search(sent.text)
                if not found:
                    continue
                words = {t.lower_ for t in sent if t.is_alpha} | {
                    t.lemma_.lower() for t in sent if t.is_alpha
                }
                words -= never
                if words & situation or any(covered(t, words) for t in theirs):
                    return
                if stock is None:
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
