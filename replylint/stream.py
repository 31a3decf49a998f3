"""Check a JSON-lines stream of conversations in one process: one result object per line.

For agent pipelines: each input line is a conversation object (readers/conversation.py);
each output object is the JSON document for it (version 2 unless asked for 1) plus
`line`, or, for a line that cannot be read, `{"line": N, "error": "...", "field": "..."}`.
A line is answered whatever it holds, and a bad line never stops the stream: bytes that
are not UTF-8 (each line is decoded on its own, strictly), a line over the input size
cap, JSON that is not an object, lone surrogates, deep nesting, huge numbers, a bad
field: each is an error object for its line. What a line's reader set aside (a name
without a letter) is listed in its result's `warnings`. A document replylint itself fails on is
its JSON document with `error` set (an internal error; see `scoring.failed`), and an
unexpected failure before that is an error object saying "internal error".
Pure: the caller reads the lines (bytes, as read; or already decoded text) and writes
the objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import run as runs
from .errors import InputError, ReplylintError
from .formatters.json_format import VERSION, document
from .inputfile import Oversized
from .readers.conversation import parse_conversation_text

if TYPE_CHECKING:
    from .engine import Linter

_BOM = "\ufeff"


def error_object(line: int, error: ReplylintError) -> dict[str, Any]:
    """The result object for a line that could not be checked."""
    return {"line": line, "error": error.message, "field": error.field}


def decode_line(raw: bytes, source: str, number: int) -> str:
    """One stream line as text: strict UTF-8 (InputError naming the byte and column)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
            "send each line as UTF-8 JSON",
            file=source,
            line=number,
        ) from None


def answer(
    linter: Linter,
    number: int,
    raw: bytes | str | Oversized,
    run: runs.RunValues | None = None,
    source: str = "-",
    version: int = VERSION,
) -> dict[str, Any] | None:
    """The result object for one input line (None for a blank line). Never raises but
    for KeyboardInterrupt and the like: whatever the line holds, it gets an answer."""
    from .scoring import describe

    try:
        if isinstance(raw, Oversized):
            raise raw.error(source, number)
        text = decode_line(raw, source, number) if isinstance(raw, bytes) else raw
        if number == 1:
            text = text.removeprefix(_BOM)
        text = text.removesuffix("\n").removesuffix("\r")  # so a column is one of this line
        if not text.strip():
            return None
        draft = parse_conversation_text(text, source, number)  # JSON checked by datacheck
        report = runs.lint(linter, [draft], run)
        result = {"line": number, **document(report.documents[0], version)}
        if draft.warnings:
            result["warnings"] = list(draft.warnings)
        json.dumps(result, ensure_ascii=False).encode("utf-8")  # must be writable as it is
        return result
    except ReplylintError as exc:
        return error_object(number, exc)
    except Exception as exc:
        return {
            "line": number,
            "error": f"internal error: {describe(exc)} (a bug in replylint)",
            "field": None,
        }


def check_stream(
    linter: Linter,
    lines: Iterable[bytes | str | Oversized],
    run: runs.RunValues | None = None,
    source: str = "-",
    version: int = VERSION,
) -> Iterator[dict[str, Any]]:
    """One result object per non-blank input line, in order, as soon as it is checked."""
    for number, raw in enumerate(lines, 1):
        result = answer(linter, number, raw, run, source, version)
        if result is not None:
            yield result
