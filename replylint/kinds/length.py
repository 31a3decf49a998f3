"""length: the reply's characters over its regions, against a limit (social posts).

Social replies are read in a feed and some platforms cut them off; the finding
marks the text past the limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from .base import Option

OPTIONS = {"max_chars": Option("int", required=True, doc="the most characters the reply may have")}
REGIONS = ("greeting", "body", "signoff", "signature")
MESSAGE_FIELDS = frozenset({"chars", "max"})


def validate(options: dict) -> None:
    """max_chars must be positive."""
    if options["max_chars"] < 1:
        raise ValueError("max_chars must be at least 1")


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    most = rule.options["max_chars"]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        if not spans:
            return
        first, last = spans[0][0], spans[-1][1]
        total = len(doc.source_text(first, last).strip())
        if total <= most:
            return
        yield Hit(first + most, last, values={"chars": str(total), "max": str(most)})

    return check
