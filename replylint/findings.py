"""What a check reports: levels and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


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


@dataclass(frozen=True)
class Hit:
    """What a kind's check yields: a span of the checked text and what to say about it.

    Offsets are into the checked text; the engine maps them back to the original.
    `suggestions` are literal replacements for the span when `fixable`, else rewrites
    offered as advice.
    """

    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    fixable: bool = False


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
