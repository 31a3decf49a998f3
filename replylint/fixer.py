"""--fix and --diff: apply single-replacement suggestions, and write files atomically.

Only findings marked fixable are applied (substitutions, filler removal, double
spaces, repeated words, known misspellings, names the run knows), first suggestion,
never two edits that overlap. In HTML an edit whose original span crosses a tag or an
entity is left alone, so markup is never damaged. Writing goes to a temporary file in
the same folder, then os.replace: the original is either fully replaced or untouched.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding


@dataclass(frozen=True)
class Edit:
    """One replacement in the original text."""

    offset: int
    length: int
    replacement: str
    rule: str
    match: str
    line: int


def plan(findings: Iterable[Finding], *, html: bool = False) -> list[Edit]:
    """The non-overlapping edits the fixable findings ask for, in text order."""
    edits: list[Edit] = []
    end = -1
    for f in sorted(findings, key=lambda f: (f.offset, -f.length)):
        if not f.fixable or not f.suggestions:
            continue
        if html and ("<" in f.match or ">" in f.match or "&" in f.match):
            continue
        if f.offset < end or (f.length == 0 and f.offset == end):
            continue
        edits.append(Edit(f.offset, f.length, f.suggestions[0], f.rule, f.match, f.line))
        end = f.offset + f.length
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
