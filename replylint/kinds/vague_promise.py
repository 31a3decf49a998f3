"""vague-promise: a promise with no time frame ("we'll look into it", "we'll get back to you").

"Solve problems quickly": a customer told "we'll look into it" does not know whether
to wait an hour or a week. A promise phrase counts as vague unless its sentence also
has a time frame (replylint/timeframes.py); "soon" and "shortly" are not time frames.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..phrases import phrase_regex
from ..timeframes import TIME_FRAME
from .base import Option, spans_in

OPTIONS = {
    "promises": Option("str-list", required=True, doc="promise phrases that need a time frame"),
    "advice": Option("str-list", (), "rewrites to offer"),
}
REGIONS = ("body",)
MESSAGE_FIELDS = frozenset()


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    promises = phrase_regex(rule.options["promises"])
    advice = tuple(rule.options["advice"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        # Most replies make no promise: look for one before paying for sentences and
        # the (long) time-frame pattern.
        if not any(promises.search(doc.text, start, end) for start, end in spans):
            return
        for span in spans_in(doc, spans):
            for sent in span.sents:
                found = list(promises.finditer(sent.text))
                if not found or TIME_FRAME.search(sent.text):
                    continue
                for m in found:
                    yield Hit(sent.start_char + m.start(), sent.start_char + m.end(), suggestions=advice)

    return check
