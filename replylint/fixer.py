"""Fixes: choose the edits to make, make them, show them as a diff, write files atomically.

Only a finding's `fix` is ever applied (never advice), safe ones only unless unsafe
fixes are asked for, never two edits that overlap. The engine has already refused
fixes that would touch HTML markup or leave a `...` gap. Writing goes to a temporary
file in the same folder, then os.replace: the original is fully replaced or untouched.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .findings import Applicability, Finding


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


def write_atomic(path: Path, text: str) -> None:
    """Replace `path`'s contents with `text` (UTF-8) atomically, keeping its permissions."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".replylint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
