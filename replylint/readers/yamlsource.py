"""YAML with positions: the node of every value by path, and a map from a decoded
string's characters back to the raw file.

How exact a position is depends on how the string was written:

* block scalars (`|` literal and `>` folded): exact. Each raw content line, minus
  the block's indentation, must appear in the decoded value in order, separated
  only by the line breaks or spaces the scalar style put there; every character
  maps to its own line and column.
* one-line plain, `'single'` or `"double"` scalars: exact (escapes and `''` are
  read one by one).
* multi-line plain scalars: exact when the folded lines can be matched the same
  way as a block scalar.
* anything that cannot be matched (multi-line quoted scalars with escapes, block
  scalars with unusual indentation indicators, CRLF quirks): every offset maps to
  the line where the value's text starts, column 1. The line is still right; only
  the column is approximate.

Every exact mapping is checked against what PyYAML decoded, so a mapping that
would be wrong falls back instead of pointing at the wrong word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ..errors import InputError
from ..textmap import LineIndex
from ..yamlfile import compose_checked

Path = tuple[str | int, ...]
Locate = Callable[[int], tuple[int, int]]

_DOUBLE_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_DOUBLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def parse_yaml_nodes(text: str, source: str) -> tuple[Any, dict[Path, yaml.Node]]:
    """Decoded data and the node of every value, keyed by path.

    A syntax error is an InputError naming the file, line and column.
    """
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # checked up front: a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        raise InputError(
            f"invalid YAML: character #x{exc.character:04x} is not allowed (line {line})",
            file=source,
            line=line,
        ) from None
    try:
        node = compose_checked(loader, source, InputError)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        if mark is None:
            raise InputError(f"invalid YAML: {problem}", file=source) from None
        raise InputError(
            f"invalid YAML: {problem} (line {mark.line + 1}, column {mark.column + 1})",
            file=source,
            line=mark.line + 1,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=source) from None
    finally:
        loader.dispose()
    nodes: dict[Path, yaml.Node] = {}
    if node is not None:
        _walk(node, (), nodes, set())
    return data, nodes


def _walk(node: yaml.Node, path: Path, nodes: dict[Path, yaml.Node], seen: set[int]) -> None:
    nodes[path] = node
    if id(node) in seen:  # an alias back to an ancestor: stop
        return
    if isinstance(node, yaml.MappingNode):
        seen = seen | {id(node)}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                _walk(value_node, (*path, key_node.value), nodes, seen)
    elif isinstance(node, yaml.SequenceNode):
        seen = seen | {id(node)}
        for index, child in enumerate(node.value):
            _walk(child, (*path, index), nodes, seen)


def scalar_locator(node: yaml.Node, value: str, text: str, index: LineIndex) -> Locate:
    """Offset in the decoded `value` -> 1-based (line, column) in the YAML file."""
    origin = _origin(node, value, text)
    if origin is None:
        line = _content_line(node, text)
        return lambda offset: (line, 1)
    last = len(origin) - 1
    return lambda offset: index.position(origin[min(max(offset, 0), last)])


def _content_line(node: yaml.Node, text: str) -> int:
    """1-based line where the value's text starts (after a block scalar's header)."""
    line = node.start_mark.line + 1
    if getattr(node, "style", None) in ("|", ">"):
        line += 1
    return line


def _origin(node: yaml.Node, value: str, text: str) -> list[int] | None:
    """Absolute raw offset of each decoded char (plus the end), or None if not exact."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    if style in ("|", ">"):
        return _block_origin(value, text, start, end)
    raw = text[start:end]
    if "\n" not in raw:
        if style is None:
            return _checked([start + i for i in range(len(raw) + 1)], value, raw == value)
        if style == "'":
            return _single_origin(value, raw, start)
        if style == '"':
            return _double_origin(value, raw, start)
        return None
    if style is None:
        lines = _raw_lines(text, start, end, first_col=start)
        return _walk_lines(value, [(pos, piece.strip(" \t")) for pos, piece in _stripped(lines)])
    return None


def _checked(origin: list[int], value: str, ok: bool) -> list[int] | None:
    return origin if ok and len(origin) == len(value) + 1 else None


def _single_origin(value: str, raw: str, start: int) -> list[int] | None:
    origin: list[int] = []
    decoded: list[str] = []
    i, last = 1, len(raw) - 1
    while i < last:
        origin.append(start + i)
        decoded.append(raw[i])
        i += 2 if raw.startswith("''", i) else 1
    origin.append(start + last)
    return _checked(origin, value, "".join(decoded) == value)


def _double_origin(value: str, raw: str, start: int) -> list[int] | None:
    origin: list[int] = []
    decoded: list[str] = []
    i, last = 1, len(raw) - 1
    while i < last:
        origin.append(start + i)
        if raw[i] != "\\":
            decoded.append(raw[i])
            i += 1
            continue
        m = _DOUBLE_ESCAPE.match(raw, i)
        if m is None:
            return None
        esc = m.group(0)[1:]
        if esc[0] in "xuU":
            decoded.append(chr(int(esc[1:], 16)))
        elif esc in _DOUBLE_ESCAPES:
            decoded.append(_DOUBLE_ESCAPES[esc])
        else:
            return None
        i = m.end()
    origin.append(start + last)
    return _checked(origin, value, "".join(decoded) == value)


def _raw_lines(text: str, start: int, end: int, first_col: int) -> list[tuple[int, str]]:
    """(absolute offset, text) of each raw line touching [start, end)."""
    out = []
    pos = first_col
    while pos < end:
        nl = text.find("\n", pos)
        stop = end if nl < 0 or nl >= end else nl
        out.append((pos, text[pos:stop].removesuffix("\r")))
        if nl < 0 or nl >= end:
            break
        pos = nl + 1
    return out


def _stripped(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with leading blanks dropped, offsets moved past them."""
    out = []
    for pos, piece in lines:
        lead = len(piece) - len(piece.lstrip(" \t"))
        out.append((pos + lead, piece[lead:]))
    return out


def _block_origin(value: str, text: str, start: int, end: int) -> list[int] | None:
    header_end = text.find("\n", start)
    if header_end < 0 or header_end >= end:
        return [start] * (len(value) + 1) if not value else None
    lines = _raw_lines(text, header_end + 1, end, first_col=header_end + 1)
    filled = [piece for _, piece in lines if piece.strip()]
    if not filled:
        return _walk_lines(value, [])
    indent = len(filled[0]) - len(filled[0].lstrip(" "))
    pieces = [(pos + indent, piece[indent:]) if piece.strip() else (pos, "") for pos, piece in lines]
    return _walk_lines(value, pieces)


def _walk_lines(value: str, pieces: list[tuple[int, str]]) -> list[int] | None:
    """Match each raw line's text, in order, against `value`; what lies between two
    lines must be the spaces or line breaks that line folding or chomping produced."""
    origin: list[int] = []
    pos = 0
    gap_at: int | None = None  # raw offset that separators map to: end of the previous line
    for raw_pos, piece in pieces:
        if not piece.strip():
            continue
        found = value.find(piece, pos)
        if found < 0 or value[pos:found].strip(" \n\t"):
            return None
        if found > pos and gap_at is None:
            return None  # text before the first line
        origin.extend([gap_at] * (found - pos))  # type: ignore[list-item]
        origin.extend(range(raw_pos, raw_pos + len(piece)))
        pos = found + len(piece)
        gap_at = raw_pos + len(piece)
    if value[pos:].strip(" \n\t") or (pos < len(value) and gap_at is None):
        return None
    origin.extend([gap_at] * (len(value) - pos))  # type: ignore[list-item]
    origin.append(gap_at if gap_at is not None else 0)
    return origin if len(origin) == len(value) + 1 else None
