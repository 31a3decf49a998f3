"""Many character spans, asked about many times: overlap and containment in log time.

Checks ask "is this word inside an accepted span?" once per word; with a list that is
words x spans, which on a long text (thousands of URLs, ids, vocabulary hits) grew
with the square of its length. Sorted starts and a running maximum of the ends answer
the same questions with one binary search.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """A fixed set of (start, end) spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.spans = ordered
        self._starts = [s for s, _ in ordered]
        self._max_end = list(accumulate((e for _, e in ordered), max))

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span has s < end and start < e (shares a character with [start, end))."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether any span has s <= start and end <= e (holds all of [start, end))."""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._max_end[i - 1] >= end
