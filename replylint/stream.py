"""Check a JSON-lines stream of conversations in one process: one result object per line.

For agent pipelines: each input line is a conversation object (readers/conversation.py);
each output object is the version-1 JSON document for it plus `line`, or, for a line
that cannot be read, `{"line": N, "error": "...", "field": "..."}`. A bad line never
stops the stream. Pure: the caller reads the lines and writes the objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .document import ReplyContext
from .engine import Linter
from .errors import InputError
from .formatters.json_format import document
from .readers.conversation import read_stream


def error_object(line: int, error: InputError) -> dict[str, Any]:
    """The result object for a line that could not be checked."""
    return {"line": line, "error": error.message, "field": error.field}


def check_stream(
    linter: Linter, lines: Iterable[str], context: ReplyContext | None = None, source: str = "-"
) -> Iterator[dict[str, Any]]:
    """One result object per non-blank input line, in order, as soon as it is checked."""
    context = context or linter.context()
    for number, entry in read_stream(lines, source):
        if isinstance(entry, InputError):
            yield error_object(number, entry)
            continue
        report = linter.lint([entry], context)
        yield {"line": number, **document(report.documents[0])}
