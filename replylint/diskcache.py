"""Files in a cache folder: written whole or not at all, read without trust, kept under a size.

The one place the on-disk caches (checked documents, LanguageTool answers) write,
read and evict. Concurrent runs share a folder safely: an entry is written to a
temporary file in its own folder and renamed over the name (`os.replace` is atomic on
POSIX and Windows), so a reader sees the old entry, the new one or none, never half
of one; two writers of one key write the same bytes and the last rename wins. A read
or write that fails for any reason is a miss or a skipped write, never an error: it is
only a cache. Eviction deletes the least recently used entries (a hit touches its
entry's modification time) until the folder is well under its bound, and leaves other
processes' temporary files alone unless they are an hour old (a crashed writer's).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

ENTRY_SUFFIX = ".json"
STALE_TEMP_SECONDS = 3600
KEEP_AFTER_EVICTION = 0.8  # evict down to this share of the bound, so it does not run every time


def entry_path(folder: Path | str, key: str) -> Path:
    """Where the entry for a hex `key` lives: fanned out by its first two characters."""
    return Path(entry_file(folder, key))


def entry_file(folder: Path | str, key: str) -> str:
    """`entry_path` as a string: a warm run looks up one entry per document, and joining
    Paths there cost more than reading the entry."""
    return f"{folder}{os.sep}{key[:2]}{os.sep}{key}{ENTRY_SUFFIX}"


def read(path: Path | str, *, touch: bool = False) -> bytes | None:
    """The entry's bytes, or None when it is missing or cannot be read.

    `touch` marks it as recently used, for eviction (least recently used first).
    Read on a descriptor (no buffered file object), touched through it where the OS
    allows: this runs once per document of a warm run.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        if touch:
            with contextlib.suppress(OSError, NotImplementedError):
                os.utime(fd if os.utime in os.supports_fd else path)
    except OSError:
        return None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def write(path: Path | str, data: bytes) -> bool:
    """Write an entry atomically (temporary file, then rename); False when it could not be."""
    tmp: str | None = None
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


def evict(folder: Path, max_bytes: int) -> int:
    """Delete least recently used entries until `folder` holds under its bound; how many went.

    Entries another process deletes at the same time are simply not counted.
    """
    entries: list[tuple[float, int, str]] = []
    total = 0
    now = time.time()
    try:
        shards = list(os.scandir(folder))
    except OSError:
        return 0
    for shard in shards:
        if not shard.is_dir(follow_symlinks=False):
            continue
        try:
            files = list(os.scandir(shard.path))
        except OSError:
            continue
        for entry in files:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.endswith(".tmp"):
                if now - st.st_mtime > STALE_TEMP_SECONDS:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                continue
            entries.append((st.st_mtime, st.st_size, entry.path))
            total += st.st_size
    if total <= max_bytes:
        return 0
    target = int(max_bytes * KEEP_AFTER_EVICTION)
    removed = 0
    for _, size, path in sorted(entries):
        if total <= target:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
        total -= size
    return removed


def size(folder: Path) -> tuple[int, int]:
    """(entries, bytes) held in a cache folder."""
    count = total = 0
    for path in folder.rglob(f"*{ENTRY_SUFFIX}"):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
            count += 1
    return count, total
