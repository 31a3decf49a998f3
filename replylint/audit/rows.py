"""Read one-row-per-message exports: CSV and Parquet from help desks and warehouses.

Columns (names configurable with `--column NAME=THEIRS`): `conversation_id`,
`author_role` (customer or agent; end-user, requester, admin... are understood),
`body`, and optionally `author_name`, `channel`, `created_at`, `message_id` and `team`.
A row that cannot be read (a missing id, an unknown role, an unreadable time, a CSV
row with the wrong number of fields) is an error row, never the end of the run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import InputError
from .exports import Chunk
from .messages import AGENT, CUSTOMER, Message, channel_of, error_message, parse_time, role_of

COLUMNS = (
    "conversation_id",
    "author_role",
    "author_name",
    "channel",
    "created_at",
    "body",
    "message_id",
    "team",
)
REQUIRED = ("conversation_id", "author_role", "body")


def column_map(overrides: Mapping[str, str]) -> dict[str, str]:
    """Our column name -> the export's, with the user's overrides (InputError for unknown names)."""
    unknown = sorted(set(overrides) - set(COLUMNS))
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r} in --column (known: {', '.join(COLUMNS)})")
    return {name: overrides.get(name, name) for name in COLUMNS}


def check_columns(present: list[str] | tuple[str, ...], columns: Mapping[str, str], path: str) -> None:
    """InputError naming the export when a required column is missing."""
    for name in REQUIRED:
        if columns[name] not in present:
            hint = "" if columns[name] != name else f" (name yours with --column {name}=YOURS)"
            raise InputError(
                f"no column {columns[name]!r} for {name}{hint}; columns are: {', '.join(present)}", file=path
            )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def row_message(
    row: Mapping[str, Any], columns: Mapping[str, str], export: int, record: int, source: str
) -> Message:
    """One row as a Message, or an error Message naming the bad column."""
    conv = _text(row.get(columns["conversation_id"]))
    if conv is None:
        return error_message(export, record, source, "missing conversation id", columns["conversation_id"])
    field = columns["author_role"]
    try:
        role = role_of(row.get(field))
        field = columns["channel"]
        channel = channel_of(row.get(field))
        field = columns["created_at"]
        created = parse_time(row.get(field))
    except (ValueError, OverflowError, OSError) as exc:
        return error_message(export, record, source, str(exc), field, conv)
    body = row.get(columns["body"])
    body = "" if body is None else str(body)
    if role == AGENT and not body.strip():
        return error_message(export, record, source, "the agent's reply is empty", columns["body"], conv)
    try:
        body.encode("utf-8")  # fails on the surrogates that undecodable CSV bytes became
    except UnicodeEncodeError:
        return error_message(export, record, source, "not valid UTF-8 text", columns["body"], conv)
    return Message(
        export,
        record,
        0,
        f"{export}|{conv}",  # a conversation's rows may be anywhere in its export
        conv,
        role,
        body=body,
        author=_text(row.get(columns["author_name"])),
        customer=_text(row.get(columns["author_name"])) if role == CUSTOMER else None,
        team=_text(row.get(columns["team"])),
        channel=channel,
        created_at=created,
        message_id=_text(row.get(columns["message_id"])),
        source=source,
    )


def read_csv_chunk(chunk: Chunk, columns: Mapping[str, str]) -> Iterator[Message]:
    """Every row of a CSV chunk (whole records; the header is the chunk's)."""
    name = chunk.path.rsplit("/", 1)[-1]
    with open(chunk.path, "rb") as handle:
        handle.seek(chunk.start)
        data = handle.read(chunk.end - chunk.start)
    # surrogateescape keeps undecodable bytes visible to row_message, which makes that row an error
    text = data.decode("utf-8", "surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = chunk.header
    consumed = 0
    while True:
        line = chunk.first_line + consumed
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            consumed = reader.line_num
            yield error_message(chunk.export, line, f"{name}:{line}", f"not a CSV row: {exc}")
            continue
        consumed = reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        source = f"{name}:{line}"
        if len(fields) != len(header):
            yield error_message(
                chunk.export,
                line,
                source,
                f"expected {len(header)} fields as in the header, found {len(fields)}",
            )
            continue
        yield row_message(dict(zip(header, fields, strict=True)), columns, chunk.export, line, source)


def read_parquet_chunk(chunk: Chunk, columns: Mapping[str, str]) -> Iterator[Message]:
    """Every row of a Parquet chunk's row groups, read a batch at a time."""
    import pyarrow.parquet as pq

    name = chunk.path.rsplit("/", 1)[-1]
    handle = pq.ParquetFile(chunk.path)
    wanted = [c for c in dict.fromkeys(columns.values()) if c in handle.schema_arrow.names]
    row = chunk.first_row
    for batch in handle.iter_batches(batch_size=4096, row_groups=list(chunk.row_groups), columns=wanted):
        for values in batch.to_pylist():
            yield row_message(values, columns, chunk.export, row, f"{name}:row {row}")
            row += 1
