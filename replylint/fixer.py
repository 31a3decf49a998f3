"""Fixes: choose the edits to make, make them, show them as a diff, write files atomically.

Only a finding's `fix` is ever applied (never advice), safe ones only unless unsafe
fixes are asked for, never two edits that overlap. The engine has already refused
fixes that would touch HTML markup or leave a `...` gap. Writing goes to a temporary
file in the same folder, then os.replace: the original is fully replaced or untouched,
and the file keeps its identity (BOM, line endings, mode, owner, group; a symlink's
target is what is rewritten; see `write_atomic` for what is refused).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from .findings import Applicability, Finding

T = TypeVar("T")


@dataclass(frozen=True)
class Edit:
    """One replacement in the original text."""

    offset: int
    length: int
    replacement: str
    rule: str
    match: str
    line: int


def plan(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Edit]:
    """The non-overlapping edits the findings' fixes ask for, in text order.

    Safe fixes only, unless `unsafe`. Of two overlapping edits the first (then the
    longer) wins; the other is left for the next round, when it is found again.
    """
    edits: list[Edit] = []
    end = -1
    chosen = [
        (f.fix, f)
        for f in findings
        if f.fix is not None and (unsafe or f.fix.applicability is Applicability.SAFE)
    ]
    for fix, f in sorted(chosen, key=lambda pair: (pair[0].offset, -pair[0].length)):
        if fix.offset < end or (fix.length == 0 and fix.offset == end):
            continue
        edits.append(Edit(fix.offset, fix.length, fix.replacement, f.rule, f.match, f.line))
        end = fix.offset + fix.length
    return edits


def apply(text: str, edits: Iterable[Edit]) -> str:
    """`text` with the edits made (they must not overlap)."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.offset):
        out.append(text[pos : e.offset])
        out.append(e.replacement)
        pos = e.offset + e.length
    out.append(text[pos:])
    return "".join(out)


def diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=path if path.startswith("/") else f"a/{path}",
        tofile=path if path.startswith("/") else f"b/{path}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


TEMP_SUFFIX = ".replylint-tmp"


class IdentityError(Exception):
    """The file's identity (its links, owner or group) cannot be kept by a rewrite."""


def line_ending(text: str) -> str:
    """The text's most common line ending ("\r\n", "\r" or "\n"; "\n" when it has none)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (cr, "\r"), (lf, "\n"))
    return best[1] if best[0] else "\n"


_BREAK = re.compile(r"\r\n|\r|\n")


def in_line_endings(edit: Edit, newline: str) -> Edit:
    """`edit` with the line breaks it inserts written as `newline` (the file's own)."""
    if newline == "\n" or not any(c in edit.replacement for c in "\r\n"):
        return edit
    return replace(edit, replacement=_BREAK.sub(newline, edit.replacement))


def write_atomic(path: Path, text: str, *, bom: bool = False) -> None:
    """Replace the file's contents with `text` (UTF-8, with a BOM when `bom`) atomically,
    keeping its identity: mode, owner and group (see `write_atomic_with`)."""
    write_atomic_with(path, lambda write: write(text), bom=bom)


def write_atomic_with(path: Path, produce: Callable[[Callable[[str], object]], T], *, bom: bool = False) -> T:
    """Replace the file's contents with what `produce(write)` writes, a piece at a time
    (a large report is never held whole), atomically, keeping its identity; returns what
    `produce` returns. If `produce` raises, the file is left as it was.

    A symlink is followed: its target is rewritten in place (a temporary file beside
    the target, then os.replace), and the link is left as it is. A file with several
    hard links, or whose owner or group this process may not set, is refused with
    IdentityError: replacing it would split the links or hand the file to another owner.
    The temporary file is named for this process (`.NAME.replylint-PID-XXXX.replylint-tmp`);
    one left by a killed run is removed by the next write to the same file.
    """
    target = Path(os.path.realpath(path))
    info = target.stat()
    if info.st_nlink > 1:
        raise IdentityError(
            f"has {info.st_nlink} hard links; rewriting it would split them (fix it by hand, or use --diff)"
        )
    _remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.replylint-{os.getpid()}-", suffix=TEMP_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            if bom:
                handle.write(b"\xef\xbb\xbf")

            def write(piece: str) -> None:
                handle.write(piece.encode("utf-8"))

            result = produce(write)
            handle.flush()
            os.fsync(handle.fileno())
        if hasattr(os, "chown"):
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except PermissionError:
                raise IdentityError(
                    f"owned by uid {info.st_uid} and gid {info.st_gid}, which this user cannot give a "
                    "new file; rewriting it would change its owner (fix it by hand, or use --diff)"
                ) from None
        os.chmod(tmp, info.st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return result


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary files of `target` left by runs that were killed (their process is gone)."""
    prefix = f".{target.name}.replylint-"
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
