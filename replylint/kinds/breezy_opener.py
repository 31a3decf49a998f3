"""breezy-opener: a cheerful opener ("Great question!", "Happy Friday!") to an upset customer.

Only judged when the ticket's mood is upset (replylint/ticket.py); to a calm
customer the same opener is fine. Looks at the greeting and the first two sentences
of the body, where the tone is set.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..phrases import phrase_regex
from .base import Option, SkipCheck, spans_in

OPTIONS = {
    "phrases": Option("str-list", required=True, doc="openers that read as breezy to an upset customer"),
    "sentences": Option("int", 2, "how many body sentences count as the opening"),
}
REGIONS = ("greeting", "body")
MESSAGE_FIELDS = frozenset({"cues"})


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    phrases = phrase_regex(rule.options["phrases"])
    opening = rule.options["sentences"]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        ticket = doc.context.ticket
        if ticket is None:
            raise SkipCheck("needs the customer's message to tell whether they are upset")
        if not ticket.mood.upset:
            return
        seen = 0
        cues = ", ".join(ticket.mood.cues[:3])
        for span in spans_in(doc, spans):
            for sent in span.sents:
                if seen > opening:
                    return
                seen += 1
                for m in phrases.finditer(sent.text):
                    yield Hit(sent.start_char + m.start(), sent.start_char + m.end(), values={"cues": cues})

    return check
