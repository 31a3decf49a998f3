"""Read reply files and folders: plain text, Markdown and HTML.

Directories are walked (sorted, hidden entries skipped) for the reply extensions
(and, when the caller asks, the library extensions). A file that cannot be read as
UTF-8 text is an InputError naming it; the caller decides whether other files go on
(the CLI checks them and exits 2 at the end). A reply file may start with YAML front
matter (see `frontmatter`); it is not checked, and positions stay the file's own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..document import Draft
from ..errors import InputError
from ..inputfile import kind_of, read_bytes
from .frontmatter import split_front_matter

REPLY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
LIBRARY_SUFFIXES = (".json", ".yaml", ".yml", ".csv")


def looks_like_html(text: str) -> bool:
    """Whether text with no file name to go by is HTML: starts with a tag and closes one."""
    return text.lstrip()[:1] == "<" and ("</" in text or "<br" in text.lower())


_UTF16_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}
_UTF32_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32"}


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes are text in that encoding (by BOM, or by the
    zero bytes plain text leaves in every other byte), else None."""
    for boms in (_UTF32_BOMS, _UTF16_BOMS):
        for bom, name in boms.items():
            if data.startswith(bom):
                return name
    head = data[:8192]
    if b"\0" not in head:  # the usual case, decided without slicing the bytes apart
        return None
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        # ASCII-range text in UTF-16: one byte of each pair is zero, the other almost never
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) <= 0.1 * len(others):
            try:
                head.decode(codec)
            except UnicodeDecodeError:
                continue
            return "UTF-16"
    return None


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of a file's bytes, or InputError saying why it is not text."""
    wide = wide_encoding(data)
    if wide is not None:
        raise InputError(
            f"{wide} text; replylint checks UTF-8 text: save the file as UTF-8 "
            f"(for example: iconv -f {wide} -t UTF-8)",
            file=source,
        )
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
    return reply_draft(text, source, looks_like_html(text))


def expand(paths: Iterable[str], suffixes: tuple[str, ...] = REPLY_SUFFIXES) -> Iterator[Path | InputError]:
    """Files named or found under folders (those ending in `suffixes`), in order;
    missing paths as errors. Walking a folder skips hidden entries and README files
    (a folder of replies or a library usually has one, and it is not a reply); a
    README named on the command line is still read."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _walk(path, suffixes)
            if not found:
                yield InputError(f"no reply files ({', '.join(suffixes)}) in this folder", file=raw)
            yield from found
        elif path.is_file():
            yield path
        elif path.exists():
            kind = kind_of(path.stat().st_mode) or "not a regular file"
            yield InputError(
                f"cannot read: it is {kind}, not a regular file (use '-' for standard input)", file=raw
            )
        else:
            yield InputError("no such file or folder", file=raw)


def _walk(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files under `folder` that `expand` takes, in Path order (part by part).

    os.scandir with strings, not Path.rglob: a library folder can hold tens of thousands
    of macros, and making, testing and sorting a Path per file was a fifth of a warm
    run's reading (scandir also knows a regular file's type without a stat). Hidden
    folders are pruned rather than walked; symlinked folders are not entered (as rglob
    does not), a symlinked file is taken (as rglob does).
    """
    found: list[tuple[list[str], str]] = []
    todo: list[tuple[str, list[str]]] = [(str(folder), [])]
    while todo:
        where, parts = todo.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue  # as rglob: a folder that cannot be listed is passed over
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, [*parts, name]))
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            stem, dot, suffix = name.rpartition(".")
            if dot and stem and ("." + suffix).lower() in suffixes and stem.upper() != "README":
                found.append(([*parts, name], entry.path))
    found.sort(key=lambda pair: pair[0])
    return [Path(path) for _, path in found]


def read_draft(path: Path, limit: int | None = None) -> Draft:
    """Read one reply file (a regular file of at most `limit` bytes, see `inputfile`)."""
    text = decode(read_bytes(path, limit), str(path))
    return reply_draft(text, str(path), path.suffix.lower() in HTML_SUFFIXES)


def reply_draft(text: str, source: str, is_html: bool) -> Draft:
    """A Draft of one reply's text, with its front matter (if any) applied and left out."""
    front = split_front_matter(text, source)
    if front is None:
        return Draft(text, source=source, is_html=is_html)
    body = text[front.body_start :]
    if not body.strip():
        raise InputError("the draft is empty (nothing after the front matter)", file=source)
    s = front.settings
    return Draft(
        body,
        source=source,
        is_html=is_html,
        title=front.title,
        customer=s.customer,
        agent=s.agent,
        mode=s.mode,
        disable=s.disable,
        channel=s.channel,
        locate=front.locator(text),
        body_offset=front.body_start,
        warnings=front.warnings,
    )
