"""Canned-response libraries: tell which format a file is, and read it into Drafts.

Formats (`INPUT_FORMATS`, the values of `--input-format`):

    auto       by file name and content (below)
    reply      one reply: plain text, Markdown or HTML (front matter allowed)
    list       replylint's own list of replies, YAML or JSON (see `listfile`)
    zendesk    Zendesk macros export (see `zendesk`)
    gorgias    Gorgias macros export (see `gorgias`)
    helpscout  Help Scout saved replies (see `helpscout`)
    freshdesk  Freshdesk canned responses (see `freshdesk`)
    intercom   Intercom macros (see `intercom`)
    csv        a CSV of macros, one per row (see `csvfile`)

`auto` reads `.json`, `.yaml` and `.yml` files as libraries, `.csv` as a CSV of macros,
the reply endings (`.txt .md .html`...) as one reply each; any other ending is an error
that names `--input-format reply`, never a silent one-reply read. Piped text is a library when it parses as JSON and `detect` knows it.
`detect(data)` looks at the parsed content, first rule that matches wins:

    1. an object with `macros` (list) or `macro` (object), or a list of
       objects with an `actions` list                             -> zendesk
    2. an object with `data` (or a list) of macros whose actions have
       `name` and `arguments` (setResponseText)                  -> gorgias
    3. an object with `type: list` and `data` holding macros
       (`body`/`body_text`/`type: macro`), or `type: macro`       -> intercom
    4. an object or list of objects with `content_html`, or
       `content` and `title`                                      -> freshdesk
    5. an object or list of objects with `chatText`, or `name`
       and `text`                                                 -> helpscout
    6. a list (maybe empty) of objects with `body`, or with only
       this project's keys                                        -> list
    otherwise None: the reader says so and names `--input-format`.

Every reader returns `list[Draft | InputError | Note]`: one Draft per item, an
InputError (file, item line, item id in the message) for an item that cannot be
checked, so the other items are still checked, and Notes (inactive macros left out,
one page of a paginated export) that the CLI prints. A file that cannot be parsed at
all gives a single InputError with its line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Draft
from ..errors import InputError, ReplylintError
from ..inputfile import read_bytes
from . import INPUT_FORMATS, freshdesk, gorgias, helpscout, intercom, listfile, zendesk
from .csvfile import read_csv
from .files import HTML_SUFFIXES, LIBRARY_SUFFIXES, REPLY_SUFFIXES, decode, looks_like_html, reply_draft
from .libraryfile import Entry, LibraryFile

CHECKED_SUFFIXES = REPLY_SUFFIXES + LIBRARY_SUFFIXES  # what `auto` picks up when walking a folder


class UnknownFormatError(InputError, ValueError):
    """An input format name that is not one of INPUT_FORMATS."""


# format name -> (looks_like(data) -> bool, read(LibraryFile) -> entries); order = detection order
READERS: dict[str, tuple[Callable[[Any], bool], Callable[..., list[Entry]]]] = {
    "zendesk": (zendesk.looks_like, zendesk.read),
    "gorgias": (gorgias.looks_like, gorgias.read),
    "intercom": (intercom.looks_like, intercom.read),
    "freshdesk": (freshdesk.looks_like, freshdesk.read),
    "helpscout": (helpscout.looks_like, helpscout.read),
    "list": (listfile.looks_like, listfile.read),
}


# readers that skip inactive items unless asked (they take `include_inactive`)
_HAS_INACTIVE = frozenset({"zendesk", "gorgias"})
KNOWN_SUFFIXES = (*REPLY_SUFFIXES, *LIBRARY_SUFFIXES, ".eml")


@dataclass(frozen=True)
class ReadOptions:
    """How to read help-desk exports: inactive macros too, and a CSV's columns."""

    include_inactive: bool = False
    csv_columns: tuple[str | None, str | None, str | None] | None = None
    max_bytes: int | None = None  # the input size cap per file (None: inputfile.DEFAULT_MAX_BYTES)

    @classmethod
    def parse(
        cls, *, include_inactive: bool = False, csv_columns: str | None = None, max_bytes: int | None = None
    ) -> ReadOptions:
        """From the command line's values; `csv_columns` is "BODY[,TITLE[,ID]]"."""
        columns = None
        if csv_columns is not None:
            parts = [p.strip() or None for p in csv_columns.split(",")]
            if not parts or parts[0] is None or len(parts) > 3:
                raise ReplylintError("--csv-columns takes BODY[,TITLE[,ID]]: the column names, body first")
            padded = [*parts, None, None]
            columns = (padded[0], padded[1], padded[2])
        return cls(include_inactive, columns, max_bytes)


def check_format(name: str) -> str:
    """`name` if it is a known input format, else UnknownFormatError listing them."""
    if name not in INPUT_FORMATS:
        raise UnknownFormatError(f"unknown input format '{name}' (choose from: {', '.join(INPUT_FORMATS)})")
    return name


def detect(data: Any) -> str | None:
    """The library format of parsed JSON/YAML content, or None if it is none of them."""
    for name, (looks_like, _) in READERS.items():
        if looks_like(data):
            return name
    return None


def read_library(
    text: str,
    source: str,
    input_format: str = "auto",
    syntax: str | None = None,
    options: ReadOptions = ReadOptions(),
) -> list[Entry]:
    """Items of a library file's text. `syntax` is "json" or "yaml" (default: from the
    name; JSON when the text starts with `{` or `[` and the name does not say).

    A file that does not parse, or whose format is unknown or does not match an
    explicit `input_format`, raises InputError.
    """
    check_format(input_format)
    if syntax is None:
        syntax = _syntax(source, text)
    lib = LibraryFile.parse(text, source, syntax)
    found = detect(lib.data)
    if input_format in ("auto", "reply"):
        if found is None:
            raise InputError(
                "not a reply library this tool knows (Zendesk, Gorgias, Help Scout, Freshdesk, "
                "Intercom, or a list of {id, title, body}); use --input-format to say which it is",
                file=source,
            )
        name = found
    else:
        name = input_format
        if not READERS[name][0](lib.data):
            hint = f" (it looks like {found})" if found else ""
            raise InputError(f"this is not a {name} export{hint}", file=source)
    reader = READERS[name][1]
    entries = reader(lib, options.include_inactive) if name in _HAS_INACTIVE else reader(lib)
    if not entries:
        raise InputError(f"no replies found in this {name} library", file=source)
    return entries


def read_path(path: Path, input_format: str = "auto", options: ReadOptions = ReadOptions()) -> list[Entry]:
    """Drafts (and per-item errors and notes) from one file; never raises InputError, returns it."""
    check_format(input_format)
    source = str(path)
    suffix = path.suffix.lower()
    if input_format == "auto" and suffix and suffix not in KNOWN_SUFFIXES:
        return [
            InputError(
                f"replylint does not know '{suffix}' files (replies: {' '.join(REPLY_SUFFIXES)}; libraries: "
                f"{' '.join(LIBRARY_SUFFIXES)}); to check it as one reply, use --input-format reply",
                file=source,
            )
        ]
    try:
        text = decode(read_bytes(path, options.max_bytes), source)
        return read_text(text, source, input_format, suffix=suffix, options=options)
    except InputError as exc:
        return [exc]


def read_text(
    text: str, source: str, input_format: str = "auto", suffix: str = "", options: ReadOptions = ReadOptions()
) -> list[Entry]:
    """Drafts (and per-item errors) from already-read text (a file's, or stdin's with
    `source` "-"). A problem with the whole text (bad JSON/YAML, unknown library
    format, empty reply) raises InputError; `read_path` returns it instead."""
    check_format(input_format)
    if input_format == "csv" or (input_format == "auto" and suffix == ".csv"):
        return read_csv(text, source, options.csv_columns)
    is_library = input_format not in ("auto", "reply") or (
        input_format == "auto" and (suffix in LIBRARY_SUFFIXES or (not suffix and _json_library(text)))
    )
    if is_library:
        return list(read_library(text, source, input_format, options=options))
    is_html = suffix in HTML_SUFFIXES if suffix else looks_like_html(text)
    if not text.strip():
        raise InputError("the draft is empty", file=source)
    return [reply_draft(text, source, is_html)]


def _syntax(source: str, text: str) -> str:
    lower = source.lower()
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".json") or text.lstrip()[:1] in ("{", "["):
        return "json"
    return "yaml"


def _json_library(text: str) -> bool:
    """Piped text that is a JSON library (so `cat macros.json | replylint check` works)."""
    if text.lstrip()[:1] not in ("{", "["):
        return False
    try:
        lib = LibraryFile.parse(text, "-", "json")
    except InputError:
        return False
    return detect(lib.data) is not None


def split_entries(entries: list[Entry]) -> tuple[list[Draft], list[InputError]]:  # notes left out
    """Drafts and errors apart, each in order."""
    drafts = [e for e in entries if isinstance(e, Draft)]
    errors = [e for e in entries if isinstance(e, InputError)]
    return drafts, errors


def suffixes_for(input_format: str) -> tuple[str, ...]:
    """File endings to pick up when walking a folder for this input format."""
    check_format(input_format)
    if input_format == "auto":
        return CHECKED_SUFFIXES
    if input_format == "csv":
        return (".csv",)
    return REPLY_SUFFIXES if input_format == "reply" else LIBRARY_SUFFIXES
