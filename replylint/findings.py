"""What a check reports: levels, findings and the exact fixes they carry."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any


class Level(Enum):
    """How serious a finding is; ordered so `--fail-on` can compare."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Level:
        return cls(value.strip().lower())


_RANK = {Level.SUGGESTION: 0, Level.WARNING: 1, Level.ERROR: 2}

MAX_WEIGHT = 100  # a rule's weight: what one finding costs its checklist item (scoring.py)


def is_weight(value: object) -> bool:
    """Whether `value` is a rule weight, a number from 0 to MAX_WEIGHT (rule files and config alike)."""
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= MAX_WEIGHT


class Applicability(Enum):
    """Whether a fix can be applied without a person reading it (ruff's terms).

    safe: it corrects the text towards what is known to be right (a misspelled name
    the run knows, a known misspelling, a double space) and keeps its meaning.
    unsafe: it may change what the reply says (cut a filler word, a plainer word that
    needs its article changed) or adds text the writer did not choose (thanks, a
    sign-off); `--fix` applies it only with `--unsafe-fixes`.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Fix:
    """An exact edit of the original text: [offset, offset + length) becomes `replacement`.

    A zero length is an insertion at `offset`. Never contains a `...` placeholder: a
    rewrite with a gap for a person to fill is advice, not a fix.
    """

    offset: int
    length: int
    replacement: str
    applicability: Applicability = Applicability.SAFE

    @property
    def is_insertion(self) -> bool:
        return self.length == 0


@dataclass(frozen=True)
class Hit:
    """What a kind's check yields: a span of the checked text and what to say about it.

    Offsets are into the checked text; the engine maps them back to the original.
    `suggestions` are literal replacements for the span when `fixable` (the first is
    the fix, the rest alternatives), else rewrite ideas offered as advice. `unsafe`
    marks a fix that may change the meaning. `edit` is an exact edit somewhere else
    than the flagged span, (start, end, text) in checked-text offsets: a missing thank
    you is flagged where it was looked for but inserted after the greeting line.
    """

    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    fixable: bool = False
    unsafe: bool = False
    edit: tuple[int, int, str] | None = None


@dataclass(frozen=True)
class Finding:
    """One problem placed in the original text, stamped by the engine with its rule."""

    rule: str
    checklist: str
    level: Level
    message: str
    offset: int
    length: int
    line: int
    column: int
    match: str
    suggestions: tuple[str, ...] = ()
    fixable: bool = False
    region: str = "body"
    end_line: int = 0  # 1-based position just after the match, in the same file as line/column
    end_column: int = 0
    fix: Fix | None = None  # the exact edit, when there is one (also for insertions elsewhere)
    advice: tuple[str, ...] = ()  # rewrite ideas for a person; never applied


# Enums by value, for rebuilding findings from stored values (a dict lookup, not an
# Enum call per finding: the result cache and the spool do this in bulk).
LEVELS = {level.value: level for level in Level}
APPLICABILITIES = {a.value: a for a in Applicability}

FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def restored_finding(values: dict[str, Any]) -> Finding:
    """A Finding from the values of all its fields, made without calling `__init__`.

    For the result cache and the report spool, which rebuild tens of thousands of
    findings in a warm library run from data that was a Finding before: the frozen
    dataclass's `__init__` (an `object.__setattr__` per field) was a fifth of rebuilding
    one. Pickle rebuilds objects the same way. `values` must name every field; Finding
    has no `__post_init__` to skip (tests/test_spool.py checks that it stays so).
    """
    finding = object.__new__(Finding)
    finding.__dict__.update(values)
    return finding
