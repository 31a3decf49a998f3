"""Checks on data decoded from JSON or YAML, before anything else touches it.

Decoders accept things the rest of replylint cannot handle: a `\\ud800` escape decodes
to a lone surrogate, which no UTF-8 output (nor spaCy) can write; nesting a few
thousand levels deep overflows any recursive walk; a number with thousands of digits
cannot even be printed (Python refuses int->str past 4,300 digits). Every reader of
outside JSON or YAML runs its decoded data through `problem` and turns the answer
into its own error, naming the field (and the line where it knows it), so the bad
item or line is refused with a clear message instead of crashing a later step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 100  # real exports nest 5-8 levels; the limit keeps every walk shallow
MAX_INT_DIGITS = 1_000  # ids and counts; far below Python's own 4,300-digit limit
# bit_length above which an int has more than MAX_INT_DIGITS decimal digits
_MAX_INT_BITS = int(MAX_INT_DIGITS * 3.3219280948873626)
_SURROGATE = re.compile("[\ud800-\udfff]")

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """What is wrong with a decoded value, and where (its path from the top)."""

    path: Path
    message: str
    kind: str  # "nesting", "surrogate" or "number"

    @property
    def field(self) -> str | None:
        """The path as a field name (`macros[3].title`), or None at the top."""
        return format_path(self.path) or None


def format_path(path: Path) -> str:
    """`("macros", 3, "title")` -> `macros[3].title` (a key's lone surrogates escaped)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{shown(part)}" if out else shown(part))
    return out


def shown(text: str) -> str:
    """`text` safe to print: lone surrogates written as `\\udXXX` escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def surrogate_problem(text: str, path: Path = ()) -> Problem | None:
    """A Problem when `text` holds a lone surrogate (an unpaired `\\ud800`-style escape)."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    code = f"\\u{ord(found.group()):04x}"
    return Problem(path, f"holds a lone surrogate ({code}), which is not text; fix the escape", "surrogate")


def problem(data: Any, max_depth: int = MAX_DEPTH) -> Problem | None:
    """The first thing in `data` nothing downstream can handle, or None.

    Walks iteratively (never recursion, whatever the depth) and checks every key and
    value: nesting deeper than `max_depth`, lone surrogates, ints too long to print.
    Nesting is reported first: any later walk over deeper data could overflow.
    """
    first: Problem | None = None
    stack: list[tuple[Any, Path]] = [(data, ())]
    seen: set[int] = set()  # YAML aliases share containers; walk each once
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if first is None:
                first = surrogate_problem(value, path)
            continue
        if isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        if isinstance(value, int):
            if first is None and value.bit_length() > _MAX_INT_BITS:
                first = Problem(path, f"a number with more than {MAX_INT_DIGITS:,} digits", "number")
            continue
        if not isinstance(value, (dict, list, tuple)) or id(value) in seen:
            continue
        seen.add(id(value))
        if len(path) >= max_depth:
            return Problem(path, f"nested more than {max_depth} levels deep", "nesting")
        if isinstance(value, dict):
            for key, item in value.items():
                child = (*path, key if isinstance(key, (str, int)) else str(key))
                if isinstance(key, str) and first is None:
                    first = surrogate_problem(key, child)
                stack.append((item, child))
        else:
            stack.extend(((item, (*path, i)) for i, item in enumerate(value)))
    return first


_JSON_STRING_OR_LONG_NUMBER = re.compile(r'"(?:[^"\\]|\\.)*"|\d{' + str(MAX_INT_DIGITS + 1) + ",}", re.DOTALL)


def long_number_offset(text: str) -> int | None:
    """Offset of the first JSON number literal in `text` with too many digits, if any.

    Python's decoder refuses such a number without saying where it is; this finds it
    (strings are skipped whole, so digits inside them never count).
    """
    for match in _JSON_STRING_OR_LONG_NUMBER.finditer(text):
        if match.group()[0] != '"':
            return match.start()
    return None
