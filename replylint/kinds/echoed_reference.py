"""echoed-reference: order, ticket, invoice and tracking numbers, amounts and dates in
the reply that look like the customer's but differ (a transposed digit, a different amount).

References are found and compared in replylint/references.py. A reference equal to
one of the customer's is fine, and so is one unlike any of theirs (a new tracking
number, a refund of a different size); a near miss is the error, with the customer's
value as the fix. Without the customer's message the check skips.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..references import find_references, near_miss
from .base import Option, SkipCheck

OPTIONS: dict[str, Option] = {}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset({"expected", "what"})
_WHAT = {"amount": "amount", "date": "date"}


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        ticket = doc.context.ticket
        if ticket is None:
            raise SkipCheck("needs the customer's message to compare references with")
        theirs = ticket.references
        if not theirs:
            return
        values = {r.value for r in theirs}
        for start, end in spans:
            for mine in find_references(doc.text[start:end]):
                if mine.value in values:
                    continue
                meant = next((t for t in theirs if near_miss(mine, t)), None)
                if meant is None:
                    continue
                what = _WHAT.get(mine.kind) or (meant.label if meant.label != "number" else "number")
                yield Hit(
                    start + mine.start,
                    start + mine.end,
                    values={"expected": meant.text, "what": what},
                    suggestions=(meant.text,),
                    fixable=True,
                )

    return check
