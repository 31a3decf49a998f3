"""What each export is, and how it is cut into chunks that workers read on their own.

Formats: `conversations` (JSON lines of conversation objects, the stream's format),
`zendesk` (the Zendesk JSON export: one ticket with its `comments` per line, or one
JSON document of `tickets`), `csv` and `parquet` (one row per message).

Chunks are cut so that no record is split: JSON lines and CSV at a line end (for CSV
only where the quotes are balanced, since a quoted body may hold line breaks),
Parquet at row-group boundaries. Planning reads the text files once, in blocks, to
find those ends and count lines (so errors name the file's line); it holds no more
than one block. A single JSON document cannot be cut and is one chunk.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

FORMATS = ("auto", "conversations", "zendesk", "csv", "parquet")
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Chunk:
    """A piece of one export that one task reads: a byte range of lines, or row groups."""

    index: int  # over the whole audit, in input order
    export: int  # which export (its position on the command line)
    path: str
    format: str  # conversations | zendesk | zendesk-document | csv | parquet
    start: int = 0  # byte range [start, end) of whole lines (text formats)
    end: int = 0
    first_line: int = 1  # the file's line number at `start`
    header: tuple[str, ...] = ()  # CSV column names
    row_groups: tuple[int, ...] = ()  # Parquet
    first_row: int = 1  # Parquet: the file's row number of the first row
    size: int = 0  # bytes of text (for Parquet: uncompressed), for sizing the buckets


@dataclass(frozen=True)
class ExportFile:
    """One export named on the command line, with its format decided."""

    index: int
    path: str
    format: str
    chunks: tuple[Chunk, ...] = field(default=(), compare=False)


def detect(path: Path, forced: str = "auto") -> str:
    """The export's format: from --input-format, else the extension, else its first line."""
    if forced != "auto":
        if forced == "zendesk" and _is_document(path):
            return "zendesk-document"
        return forced
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix not in (".jsonl", ".ndjson", ".json"):
        raise InputError(
            "cannot tell the export's format from its name: use .jsonl/.ndjson, .json, .csv or "
            ".parquet, or give --input-format",
            file=str(path),
        )
    if _is_document(path):
        return "zendesk-document"
    first = _first_line(path)
    try:
        obj = json.loads(first) if first else None
    except json.JSONDecodeError:
        obj = None
    if isinstance(obj, dict) and ("comments" in obj or "requester_id" in obj):
        return "zendesk"
    return "conversations"


def _first_line(path: Path) -> str:
    with _open(path) as handle:
        for raw in handle:
            if raw.strip():
                return raw.decode("utf-8-sig", "replace").strip()
    return ""


def _is_document(path: Path) -> bool:
    """Whether a .json file is one JSON document (an array, or an object over several lines)."""
    with _open(path) as handle:
        head = handle.read(_BLOCK).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        return True
    if not head.startswith(b"{"):
        return False
    line = head.split(b"\n", 1)[0]
    try:
        json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return True  # the first object does not end on its line: a document
    return False


def _open(path: Path):  # type: ignore[no-untyped-def]
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None


def plan(paths: list[Path], chunk_bytes: int, forced: str = "auto") -> list[ExportFile]:
    """Every export with its format and chunks, chunks numbered in input order."""
    out: list[ExportFile] = []
    index = 0
    for number, path in enumerate(paths):
        if not path.is_file():
            raise InputError("no such export file", file=str(path))
        fmt = detect(path, forced)
        if fmt == "parquet":
            chunks = list(_parquet_chunks(path, number, chunk_bytes))
        elif fmt == "zendesk-document":
            size = path.stat().st_size
            chunks = [Chunk(0, number, str(path), fmt, 0, size, 1, size=size)]
        else:
            chunks = list(_text_chunks(path, number, fmt, chunk_bytes))
        chunks = [_renumber(c, index + i) for i, c in enumerate(chunks)]
        index += len(chunks)
        out.append(ExportFile(number, str(path), fmt, tuple(chunks)))
    return out


def _renumber(chunk: Chunk, index: int) -> Chunk:
    from dataclasses import replace

    return replace(chunk, index=index)


def _text_chunks(path: Path, export: int, fmt: str, chunk_bytes: int) -> Iterator[Chunk]:
    """Byte ranges of whole lines (for CSV: whole records, quotes balanced at the cut)."""
    quoted = fmt == "csv"
    header: tuple[str, ...] = ()
    start, line, pos = 0, 1, 0
    parity = 0  # quotes seen since `start`, modulo 2 (CSV only)
    lines_since = 0  # newlines since `start`
    target = chunk_bytes
    with _open(path) as handle:
        if quoted:
            header, start, line = _csv_header(handle, path)
            pos = start
            target = start + chunk_bytes
            handle.seek(start)
        while True:
            block = handle.read(_BLOCK)
            if not block:
                break
            cut_from = 0
            while pos + len(block) > target:
                # the first line end at or after `target` (in this block) where quotes balance
                at = max(target - pos, cut_from)
                nl = block.find(b"\n", at)
                while nl != -1 and quoted and (parity + block.count(b'"', cut_from, nl)) % 2:
                    nl = block.find(b"\n", nl + 1)
                if nl == -1:
                    break
                end = pos + nl + 1
                if quoted:
                    parity = (parity + block.count(b'"', cut_from, nl + 1)) % 2
                lines_since += block.count(b"\n", cut_from, nl + 1)
                yield Chunk(0, export, str(path), fmt, start, end, line, header, size=end - start)
                line += lines_since
                lines_since = 0
                start = end
                cut_from = nl + 1
                target = start + chunk_bytes
            if quoted:
                parity = (parity + block.count(b'"', cut_from)) % 2
            lines_since += block.count(b"\n", cut_from)
            pos += len(block)
    if pos > start:
        yield Chunk(0, export, str(path), fmt, start, pos, line, header, size=pos - start)


def _csv_header(handle, path: Path) -> tuple[tuple[str, ...], int, int]:  # type: ignore[no-untyped-def]
    """The CSV header's column names, the byte offset after it, and the next line's number."""
    import csv
    import io

    head = handle.read(_BLOCK)
    end, parity = -1, 0
    for i, byte in enumerate(head):
        if byte == 0x22:
            parity ^= 1
        elif byte == 0x0A and not parity:
            end = i + 1
            break
    if end == -1:
        end = len(head)
    try:
        text = head[:end].decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the CSV header is not valid UTF-8", file=str(path), line=1) from None
    names = next(csv.reader(io.StringIO(text)), [])
    if not names:
        raise InputError("the CSV file has no header row", file=str(path), line=1)
    return tuple(n.strip() for n in names), end, 1 + head[:end].count(b"\n")


def _parquet_chunks(path: Path, export: int, chunk_bytes: int) -> Iterator[Chunk]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError...
        raise InputError(f"not a readable Parquet file: {exc}", file=str(path)) from None
    groups: list[int] = []
    size = 0
    row = first = 1
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        groups.append(g)
        size += rg.total_byte_size
        row += rg.num_rows
        if size >= chunk_bytes:
            yield Chunk(0, export, str(path), "parquet", row_groups=tuple(groups), first_row=first, size=size)
            groups, size, first = [], 0, row
    if groups:
        yield Chunk(0, export, str(path), "parquet", row_groups=tuple(groups), first_row=first, size=size)


def read_lines(chunk: Chunk) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) for every line of a text chunk."""
    with open(chunk.path, "rb") as handle:
        handle.seek(chunk.start)
        data = handle.read(chunk.end - chunk.start)
    line = chunk.first_line
    for raw in data.split(b"\n"):
        yield line, raw
        line += 1
