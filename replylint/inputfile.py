"""Read outside input safely: regular files only, never more than a size cap.

Every file replylint reads on a user's word (drafts, libraries, e-mails, tickets,
conversations, the config, rule and vocabulary files), standard input and each line of
a JSON-lines stream goes through here, because the obvious `path.read_bytes()` hangs
for ever on a FIFO (`--ticket <(slow command)` that never writes, a named pipe) and
reads until memory runs out on `/dev/zero`. So:

* a path is opened without blocking and checked with `fstat` on the opened file (no
  race with a rename): anything but a regular file (a FIFO, a device, a socket, a
  folder) is refused with an error naming it and what it is;
* at most `limit + 1` bytes are read; more is an error naming the limit and how to
  raise it (REPLYLINT_MAX_INPUT_MB, or `max_input_mb` in the config);
* a stream is read line by line with the same cap per line: an over-long line is
  skipped to its end and reported as `Oversized`, and the next line is read as usual.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, ReplylintError

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB  # per input: a reply is kilobytes, a big help-desk export a few MiB
_CHUNK = 1024 * 1024  # how much of an over-long line is read at a time while skipping it
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
HOW_TO_RAISE = "set REPLYLINT_MAX_INPUT_MB or max_input_mb in the config to allow more"


def describe_limit(limit: int) -> str:
    """`10 MiB` (or bytes, for limits below a MiB)."""
    return f"{limit / MIB:g} MiB" if limit >= MIB else f"{limit:,} bytes"


def too_large(limit: int, source: str, error: type[ReplylintError] = InputError) -> ReplylintError:
    """The error for an input over the cap."""
    return error(f"larger than the {describe_limit(limit)} input limit ({HOW_TO_RAISE})", file=source)


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO (named pipe)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(
    path: Path | str, error: type[ReplylintError] = InputError, source: str | None = None
) -> BinaryIO:
    """An open binary file, when `path` is a regular file; else `error` naming it."""
    fd = _regular_fd(path, error, str(path) if source is None else source)
    try:
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _regular_fd(path: Path | str, error: type[ReplylintError], where: str) -> int:
    """A blocking descriptor open on `path`, when it is a regular file; else `error`.

    Opened without blocking (a FIFO's open would wait for a writer) and checked on the
    opened descriptor, so nothing can swap the file in between.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", file=where) from None
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise error(f"cannot read: it is {kind}, not a regular file", file=where)
        os.set_blocking(fd, True)
        return fd
    except BaseException:
        os.close(fd)
        raise


def read_bytes(
    path: Path | str,
    limit: int | None = None,
    error: type[ReplylintError] = InputError,
    source: str | None = None,
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default DEFAULT_MAX_BYTES).

    `error` (an InputError, ConfigError...) names `source` (default: the path) when the
    file cannot be opened, is not a regular file or is over the limit.
    """
    limit = DEFAULT_MAX_BYTES if limit is None else limit
    where = str(path) if source is None else source
    fd = _regular_fd(path, error, where)
    # Read on the descriptor, not through a file object: a library run reads tens of
    # thousands of small files, and the buffered reader's set-up cost more than the read.
    try:
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", file=where) from None
    finally:
        os.close(fd)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(data) > limit:
        raise too_large(limit, where, error)
    return data


def read_text(
    path: Path | str,
    limit: int | None = None,
    error: type[ReplylintError] = InputError,
    encoding: str = "utf-8",
) -> str:
    """`read_bytes` decoded (an error naming the file and line when it is not `encoding`)."""
    data = read_bytes(path, limit, error)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=str(path),
            line=line,
        ) from None


def read_handle(handle: BinaryIO, source: str, limit: int | None = None) -> bytes:
    """All of an open binary stream (standard input), at most `limit` bytes."""
    limit = DEFAULT_MAX_BYTES if limit is None else limit
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit, source)
    return data


@dataclass(frozen=True)
class Oversized:
    """A stream line longer than the cap (skipped to its end, never held in memory)."""

    size: int  # bytes read before giving up on it (at least limit + 1)
    limit: int

    def error(self, source: str, line: int) -> InputError:
        return InputError(
            f"the line is longer than the {describe_limit(self.limit)} input limit ({HOW_TO_RAISE})",
            file=source,
            line=line,
        )


def lines(handle: BinaryIO, limit: int | None = None) -> Iterator[bytes | Oversized]:
    """The lines of a binary stream (each with its line break), or Oversized for a line
    longer than `limit` bytes; never holds more than `limit + 1` bytes of one line."""
    limit = DEFAULT_MAX_BYTES if limit is None else limit
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or (line.endswith(b"\n") and len(line) == limit + 1):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(_CHUNK)
            if not line:
                break
            size += len(line)
        yield Oversized(size, limit)
