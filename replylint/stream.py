"""Check a JSON-lines stream of conversations in one process: one result object per line.

For agent pipelines: each input line is a conversation object (readers/conversation.py);
each output object is the JSON document for it (version 2 unless asked for 1) plus
`line`, or, for a line that cannot be read, `{"line": N, "error": "...", "field": "..."}`.
A bad line never stops the stream. Pure: the caller reads the lines and writes the objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import run as runs
from .errors import InputError
from .formatters.json_format import VERSION, document
from .readers.conversation import read_stream

if TYPE_CHECKING:
    from .engine import Linter


def error_object(line: int, error: InputError) -> dict[str, Any]:
    """The result object for a line that could not be checked."""
    return {"line": line, "error": error.message, "field": error.field}


def check_stream(
    linter: Linter,
    lines: Iterable[str],
    run: runs.RunValues | None = None,
    source: str = "-",
    version: int = VERSION,
) -> Iterator[dict[str, Any]]:
    """One result object per non-blank input line, in order, as soon as it is checked."""
    for number, entry in read_stream(lines, source):
        if isinstance(entry, InputError):
            yield error_object(number, entry)
            continue
        report = runs.lint(linter, [entry], run)
        yield {"line": number, **document(report.documents[0], version)}
