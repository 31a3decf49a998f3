"""Read reply files and folders: plain text, Markdown and HTML.

Directories are walked (sorted, hidden entries skipped) for the reply extensions.
A file that cannot be read as UTF-8 text is an InputError naming it; the caller
decides whether other files go on (the CLI checks them and exits 2 at the end).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..document import Draft
from ..errors import InputError

REPLY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of a file's bytes, or InputError saying why it is not text."""
    if b"\x00" in data[:8192]:
        raise InputError("not a text file (binary data); replylint checks UTF-8 text", file=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=source,
            line=line,
        ) from None
    if not text.strip():
        raise InputError("the draft is empty", file=source)
    return text


def draft_from_text(text: str, source: str) -> Draft:
    """A Draft from already-read text (stdin); HTML is recognised by its content."""
    if not text.strip():
        raise InputError("the draft is empty", file=source)
    looks_html = text.lstrip()[:1] == "<" and ("</" in text or "<br" in text.lower())
    return Draft(text, source=source, is_html=looks_html)


def expand(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named or found under folders, in order; missing paths as errors."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in REPLY_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield InputError(f"no reply files ({', '.join(REPLY_SUFFIXES)}) in this folder", file=raw)
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputError("no such file or folder", file=raw)


def read_draft(path: Path) -> Draft:
    """Read one reply file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None
    text = decode(data, str(path))
    return Draft(text, source=str(path), is_html=path.suffix.lower() in HTML_SUFFIXES)
