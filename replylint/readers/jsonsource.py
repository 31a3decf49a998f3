"""JSON with positions: where every value starts in the raw file, and a map from a
decoded string's characters back to the raw characters of its literal.

`json.loads` parses and reports syntax errors (its line and column are exact); a
small scanner then walks the already-valid text once and records the raw span of
every value by its path (`("macros", 3, "actions", 0, "value")`). A finding in a
macro's reply text is placed by `literal_origin`, which reads the raw string
literal escape by escape: `\\n`, `\\"`, `\\\\`, `\\/`, `\\uXXXX` and a surrogate
pair (`\\ud83d\\ude00`, twelve raw characters that decode to one) each map to the
position of their backslash, so the reported column points at the word in the file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import datacheck
from ..errors import InputError

Path = tuple[str | int, ...]

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BARE = re.compile(r"[^\s,\]}]+")  # numbers, true, false, null, NaN, Infinity
_SIMPLE_ESCAPES = frozenset('"\\/bfnrt')


def parse_json(text: str, source: str) -> tuple[Any, dict[Path, tuple[int, int]]]:
    """Decoded data and the raw (start, end) offsets of every value, keyed by path.

    A syntax error is an InputError naming the file, line and column.
    """
    data = decode_json(text, source)
    found = datacheck.problem(data)
    if found is not None and found.kind == "nesting":
        # before _scan, which recurses once per level
        raise InputError(found.message, file=source, field=found.field)
    spans: dict[Path, tuple[int, int]] = {}
    _scan(text, 0, (), spans)
    if found is not None:
        start = spans.get(found.path, (0, 0))[0]
        line = text.count("\n", 0, start) + 1
        raise InputError(found.message, file=source, line=line, field=found.field)
    return data, spans


def decode_json(text: str, source: str, line: int | None = None) -> Any:
    """`json.loads(text)`, every way it can fail an InputError naming the source and line.

    `line` is the line of `text` in its file when `text` is one line of it (JSON lines);
    otherwise the line is the decoder's. Nesting and numbers past the decoder's limits
    are refused here too; `datacheck.problem` then checks what did decode.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if line is None else f"column {exc.colno}"
        raise InputError(
            f"invalid JSON: {exc.msg} ({where})", file=source, line=exc.lineno if line is None else line
        ) from None
    except RecursionError:
        raise InputError(
            f"invalid JSON: nested more than {datacheck.MAX_DEPTH} levels deep", file=source, line=line
        ) from None
    except ValueError:  # a number past Python's int<->str digit limit
        offset = datacheck.long_number_offset(text) or 0
        raise InputError(
            f"invalid JSON: a number with more than {datacheck.MAX_INT_DIGITS:,} digits",
            file=source,
            line=line if line is not None else text.count("\n", 0, offset) + 1,
        ) from None


def checked_json(text: str, source: str, line: int | None = None) -> Any:
    """`decode_json(text)`, and what decoded checked by `datacheck.problem` (lone
    surrogates, nesting, long numbers): for readers that hand the data on whole (the
    service, the audit's exports) rather than walking it field by field."""
    data = decode_json(text, source, line)
    found = datacheck.problem(data)
    if found is not None:
        raise InputError(found.message, file=source, line=line, field=found.field)
    return data


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def _key(literal: str) -> str:
    return json.loads(literal) if "\\" in literal else literal[1:-1]


def _scan(text: str, pos: int, path: Path, spans: dict[Path, tuple[int, int]]) -> int:
    """Record the span of the value at `pos` (and of everything inside it); return its end."""
    pos = _skip(text, pos)
    start = pos
    ch = text[pos]
    if ch == '"':
        end = _STRING.match(text, pos).end()  # type: ignore[union-attr]
    elif ch in "{[":
        closing = "}" if ch == "{" else "]"
        pos = _skip(text, pos + 1)
        index = 0
        while text[pos] != closing:
            if ch == "{":
                key_end = _STRING.match(text, pos).end()  # type: ignore[union-attr]
                key: str | int = _key(text[pos:key_end])
                pos = _skip(text, key_end) + 1  # past ':'
            else:
                key = index
                index += 1
            pos = _skip(text, _scan(text, pos, (*path, key), spans))
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        end = pos + 1
    else:
        end = _BARE.match(text, pos).end()  # type: ignore[union-attr]
    spans[path] = (start, end)
    return end


def literal_origin(literal: str) -> list[int]:
    """For a raw JSON string literal (with its quotes), the offset within `literal` of
    each decoded character, plus one more entry for the closing quote (the end).

    `len(result) == len(json.loads(literal)) + 1`.
    """
    origin: list[int] = []
    i, last = 1, len(literal) - 1  # inside the quotes
    while i < last:
        if literal[i] != "\\":
            origin.append(i)
            i += 1
            continue
        kind = literal[i + 1]
        if kind in _SIMPLE_ESCAPES:
            origin.append(i)
            i += 2
            continue
        # \uXXXX; a high surrogate followed by a low one decodes to one character
        unit = int(literal[i + 2 : i + 6], 16)
        origin.append(i)
        if (
            0xD800 <= unit <= 0xDBFF
            and literal.startswith("\\u", i + 6)
            and 0xDC00 <= int(literal[i + 8 : i + 12] or "0", 16) <= 0xDFFF
        ):
            i += 12
        else:
            i += 6
    origin.append(last)
    return origin
