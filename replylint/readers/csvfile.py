"""A CSV of macros: one macro per row, the reply text, title and id in named columns.

Help desks and spreadsheets export canned responses as CSV. The columns are named by
`--csv-columns BODY[,TITLE[,ID]]`, or found in the header row: the first header (case
and spaces ignored) in `BODY_NAMES`, `TITLE_NAMES` and `ID_NAMES`. A file whose header
names no body column is an error that says so, never a one-reply read. Each row is a
template (library items are); a row with an empty body is an error entry naming its
line. Positions point into the file when the field's text appears in it as written
(no doubled quotes inside), else into the reply text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..document import Draft
from ..errors import InputError
from ..textmap import LineIndex
from .files import looks_like_html
from .libraryfile import Entry, item_label

BODY_NAMES = ("body", "body_text", "body_html", "text", "content", "reply", "response", "message",
              "comment_value", "comment_value_html", "template")  # fmt: skip
TITLE_NAMES = ("title", "name", "subject", "macro")
ID_NAMES = ("id", "macro_id", "key", "slug")


def _norm(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _column(header: list[str], wanted: str | None, names: Sequence[str], source: str) -> int | None:
    folded = [_norm(h) for h in header]
    if wanted is not None:
        if _norm(wanted) not in folded:
            raise InputError(f"no column '{wanted}' in the header ({', '.join(header)})", file=source, line=1)
        return folded.index(_norm(wanted))
    return next((folded.index(n) for n in names if n in folded), None)


def read_csv(
    text: str, source: str, columns: tuple[str | None, str | None, str | None] | None = None
) -> list[Entry]:
    """Drafts (and per-row errors) from CSV text; InputError when no body column can be found."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"not a CSV of macros: {exc or 'no header row'}", file=source, line=1) from None
    body_name, title_name, id_name = columns or (None, None, None)
    body = _column(header, body_name, BODY_NAMES, source)
    if body is None:
        raise InputError(
            f"a CSV with no reply column: the header ({', '.join(header)}) names none of "
            f"{', '.join(BODY_NAMES)}; say which with --csv-columns BODY[,TITLE[,ID]]",
            file=source,
            line=1,
        )
    title = _column(header, title_name, TITLE_NAMES, source)
    ident = _column(header, id_name, ID_NAMES, source)
    index = LineIndex.of(text)
    entries: list[Entry] = []
    start_line = reader.line_num + 1
    try:
        for row in reader:
            line = start_line
            start_line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            item_id = (
                row[ident].strip()
                if ident is not None and ident < len(row) and row[ident].strip()
                else f"row {line}"
            )
            name = (
                row[title].strip() if title is not None and title < len(row) and row[title].strip() else None
            )
            value = row[body] if body < len(row) else ""
            if not value.strip():
                entries.append(
                    InputError(
                        f"{item_label(item_id, name)}: no reply text; nothing to check",
                        file=source,
                        line=line,
                    )
                )
                continue
            entries.append(
                Draft(
                    value,
                    source=source,
                    item=item_id,
                    title=name,
                    is_html=looks_like_html(value),
                    implied_mode="template",
                    locate=_locator(text, index, line, value),
                    body_offset=None,
                )
            )
    except csv.Error as exc:
        raise InputError(f"not a readable CSV: {exc}", file=source, line=reader.line_num) from None
    if not entries:
        raise InputError("no replies found in this CSV", file=source)
    return entries


def _locator(text: str, index: LineIndex, line: int, value: str):  # type: ignore[no-untyped-def]
    """Offset in `value` -> (line, column) in the file, when the value is written there as is."""
    if '"' in value:
        return None
    start = text.find(value, index.starts[min(line, len(index.starts)) - 1])
    if start < 0:
        return None
    return lambda offset: index.position(start + min(max(offset, 0), len(value)))
