"""understand: does the reply address what the customer asked? Needs their message.

Without the customer's message there is nothing to compare against, so the check
skips and says why; the ticket-aware version replaces this module's check.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from .base import Option, SkipCheck

OPTIONS: dict[str, Option] = {}
REGIONS = ("body",)
ALWAYS_SKIPS = True  # its examples are `skip` examples, not pass/fail
MESSAGE_FIELDS = frozenset()


def validate(options: dict) -> None:
    """No options."""


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens"})


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        raise SkipCheck("needs the customer's message to compare with; ticket checks are not available yet")
        yield  # pragma: no cover - makes this a generator like the other checks

    return check
