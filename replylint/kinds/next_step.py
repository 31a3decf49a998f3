"""next-step: the reply says what happens next or what the customer should do.

A next step is a time frame ("within 2 business days", "by Friday"), a step for the
customer (an imperative such as "Click Save" or "Reply with your postcode", or "you
can / you'll need to ..."), what they will see ("you'll receive a confirmation"), or
a commitment tied to an event ("we'll email you once it ships"). Chat and social
replies may be lighter (option `light_on`): a question back to the customer or "let
me know" is enough there, because the conversation is still open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..timeframes import TIME_FRAME, WE_WHEN, YOU_NEXT, imperative_steps
from .base import Option, spans_in

OPTIONS = {
    "light_on": Option(
        "str-list", ("chat", "social"), "channels where a question or 'let me know' is enough"
    ),
}
REGIONS = ("body",)
MESSAGE_FIELDS = frozenset({"detail"})
_LIGHT = re.compile(r"\b(?:let (?:me|us) know|just reply|reply here|dm us|send us a dm|feel free to)\b", re.I)


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "pos", "lemma"})


def has_next_step(sentences, light: bool) -> bool:  # type: ignore[no-untyped-def]
    """Whether any of the spaCy sentences gives a next step."""
    for sent in sentences:
        text = sent.text
        if TIME_FRAME.search(text) or YOU_NEXT.search(text) or WE_WHEN.search(text):
            return True
        if imperative_steps(sent):
            return True
        if light and (text.rstrip().endswith("?") or _LIGHT.search(text)):
            return True
    return False


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    light_on = set(rule.options["light_on"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        sentences = [s for span in spans_in(doc, spans) for s in span.sents]
        if has_next_step(sentences, doc.context.channel in light_on):
            return
        at = spans[-1][1] if spans else (doc.regions.body[1] if doc.regions.body else len(doc.text))
        yield Hit(
            at, at, values={"detail": "tell the customer what happens next or what they should do, and when"}
        )

    return check
