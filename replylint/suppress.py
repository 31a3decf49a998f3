"""Inline suppression comments in drafts and templates.

`<!-- replylint-disable RULE[, RULE] -->` ... `<!-- replylint-enable RULE -->` turns
rules off for a stretch (no rule named: all rules), and
`<!-- replylint-disable-next-line RULE -->` for the line after the comment. Ranges are
offsets into the original text, so they work the same for plain text and HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A directive is `<!--`, the action, then its rule list up to the first `>`, which must
# close the comment (`-->`): what `<!--\s*replylint-(...)\b([^>]*?)-->` matches, found
# in linear time (that regex rescanned to the next `>` from every unclosed opener).
_DIRECTIVE_START = re.compile(r"<!--\s*replylint-(disable-next-line|disable|enable)\b")
_LINE_END = re.compile(r"\r\n?|\n")
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


def _directives(text: str) -> list[tuple[str, str, int, int]]:
    """(action, rule list, start, end) of each directive comment, left to right."""
    found = []
    pos = 0
    next_close = -1  # the first '>' at or after `pos` once looked up; stays valid as pos grows
    while (m := _DIRECTIVE_START.search(text, pos)) is not None:
        if next_close < m.end():
            next_close = text.find(">", m.end())
        if next_close < 0:
            break  # no '>' anywhere after: no later directive can close either
        if next_close - 2 >= m.end() and text[next_close - 2 : next_close] == "--":
            found.append((m.group(1), text[m.end() : next_close - 2], m.start(), next_close + 1))
            pos = next_close + 1
        else:
            pos = m.start() + 1
    return found


def parse(text: str) -> Suppressions:
    """The suppression ranges that the directives in `text` set up."""
    if "replylint-" not in text:
        return Suppressions()
    ranges: list[tuple[str, int, int]] = []
    open_at: dict[str, int] = {}
    for action, args, start, end in _directives(text):
        names = _rules(args)
        if action == "disable-next-line":
            line_end = _LINE_END.search(text, end)
            if line_end is None:
                continue
            next_end = _LINE_END.search(text, line_end.end())
            for name in names:
                ranges.append((name, line_end.end(), len(text) if next_end is None else next_end.start()))
        elif action == "disable":
            for name in names:
                open_at.setdefault(name, end)
        else:
            for name in names if names != [ALL] else list(open_at):
                if name in open_at:
                    ranges.append((name, open_at.pop(name), start))
    for name, start in open_at.items():
        ranges.append((name, start, len(text)))
    return Suppressions(tuple(ranges))
