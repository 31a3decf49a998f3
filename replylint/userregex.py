"""Regular expressions that teams write (rule patterns, vocabulary terms), run with a time bound.

A pattern such as `(a|a)+$` backtracks exponentially: 30 characters keep Python's `re`
busy for minutes, and nothing can stop it. Linear-time engines (RE2) would rule this
out but read patterns differently from `re` (`\\w` is ASCII-only, no look-behind or
back-references, which vocabulary terms and rules use), so every pattern a team
writes is compiled with the `regex` package instead, in its `re`-compatible VERSION0
(same syntax, same matches), and every search runs under a deadline that `regex`
enforces inside the match loop.

The budget is per check of one document: `MIN_SECONDS`, or `SECONDS_PER_100K` per
100,000 characters of the text when that is more, so a check's cost stays linear in
the text's length. A search that runs past the deadline raises `RegexTimeout`; each
caller turns it into an error naming the rule or vocabulary file and line, with the
pattern, so a runaway pattern is found and fixed instead of hanging every run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import regex

MIN_SECONDS = 1.0
SECONDS_PER_100K = 1.0


class RegexTimeout(Exception):
    """A pattern ran past its time budget on a text (the caller names the rule)."""

    def __init__(self, pattern: str, seconds: float) -> None:
        super().__init__(
            f"the regex {pattern!r} ran longer than {seconds:g}s and was stopped; "
            "simplify it (nested repeats such as (a+)+ or (a|a)* can take exponential time)"
        )
        self.pattern = pattern
        self.seconds = seconds


class Deadline:
    """The time one check of one text may spend in regex searches, all searches together."""

    def __init__(self, text_length: int) -> None:
        self.seconds = max(MIN_SECONDS, SECONDS_PER_100K * text_length / 100_000)
        self.ends = time.monotonic() + self.seconds

    def remaining(self) -> float:
        # never 0: regex reads timeout=0 as "already out of time" only after a first step
        return max(self.ends - time.monotonic(), 0.001)


class UserPattern:
    """A compiled user pattern whose searches stop at a Deadline."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        """Compile `pattern`; a bad one raises ValueError saying why."""
        try:
            self._compiled = regex.compile(pattern, flags | regex.VERSION0)
        except (regex.error, OverflowError, RecursionError) as exc:
            raise ValueError(f"regex {pattern!r} does not compile: {exc}") from None
        self.pattern = pattern

    @property
    def flags(self) -> int:
        return self._compiled.flags

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, deadline: Deadline | None = None
    ) -> Iterator[Any]:
        """Matches in text[pos:endpos], like `re.finditer`; RegexTimeout past the deadline."""
        deadline = deadline or Deadline(len(text))
        end = len(text) if endpos is None else endpos
        try:
            yield from self._compiled.finditer(text, pos, end, timeout=deadline.remaining())
        except TimeoutError:
            raise RegexTimeout(self.pattern, deadline.seconds) from None

    def sub(self, template: str, text: str) -> str:
        """`re.sub` with this pattern (to check a replacement template); ValueError when bad."""
        try:
            return self._compiled.sub(template, text, timeout=Deadline(len(text)).remaining())
        except (regex.error, IndexError) as exc:
            raise ValueError(str(exc)) from None
        except TimeoutError:
            raise RegexTimeout(self.pattern, MIN_SECONDS) from None
