"""Inline suppression comments in drafts and templates.

`<!-- replylint-disable RULE[, RULE] -->` ... `<!-- replylint-enable RULE -->` turns
rules off for a stretch (no rule named: all rules), and
`<!-- replylint-disable-next-line RULE -->` for the line after the comment. Ranges are
offsets into the original text, so they work the same for plain text and HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(r"<!--\s*replylint-(disable-next-line|disable|enable)\b([^>]*?)-->")
ALL = "*"


@dataclass(frozen=True)
class Suppressions:
    """Where each rule is switched off: (rule id or ALL, start, end) in original offsets."""

    ranges: tuple[tuple[str, int, int], ...] = ()

    def covers(self, rule: str, offset: int) -> bool:
        return any(r in (ALL, rule) and s <= offset < e for r, s, e in self.ranges)


def _rules(arg: str) -> list[str]:
    names = [n for n in re.split(r"[\s,]+", arg.strip()) if n]
    return names or [ALL]


def parse(text: str) -> Suppressions:
    """The suppression ranges that the directives in `text` set up."""
    if "replylint-" not in text:
        return Suppressions()
    ranges: list[tuple[str, int, int]] = []
    open_at: dict[str, int] = {}
    for m in _DIRECTIVE.finditer(text):
        action, names = m.group(1), _rules(m.group(2))
        if action == "disable-next-line":
            line_end = text.find("\n", m.end())
            if line_end < 0:
                continue
            next_end = text.find("\n", line_end + 1)
            for name in names:
                ranges.append((name, line_end + 1, len(text) if next_end < 0 else next_end))
        elif action == "disable":
            for name in names:
                open_at.setdefault(name, m.end())
        else:
            for name in names if names != [ALL] else list(open_at):
                if name in open_at:
                    ranges.append((name, open_at.pop(name), m.start()))
    for name, start in open_at.items():
        ranges.append((name, start, len(text)))
    return Suppressions(tuple(ranges))
