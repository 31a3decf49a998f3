"""Collect one run's inputs: files, folders, stdin, .eml files and conversation files.

Every entry point that checks files goes through `collect`: it turns what the caller
named into Drafts and the errors for what could not be read (each naming its file),
so one unreadable file never stops the others; files are read as the run reaches
them. Standard input is passed in as bytes: only the CLI reads it. A `.eml` among
the inputs is the customer's message (the ticket of the run) unless `draft_from_eml`;
who wins between it and a `--ticket` or a draft's own ticket is `run.decide`'s call,
so it is returned, not applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..document import Draft
from ..errors import InputError, ReplylintError
from .eml import draft_from_eml as eml_draft
from .eml import read_eml, ticket_from_eml
from .files import REPLY_SUFFIXES, decode, expand
from .library import ReadOptions, read_path, read_text, suffixes_for
from .libraryfile import Note


@dataclass(frozen=True)
class TicketSource:
    """A customer's message given for a run, and their name when the source says it."""

    text: str
    customer: str | None = None


class Inputs:
    """`collect`'s answer: the drafts, read as they are consumed (a large library is never
    held whole), what could not be read, and a ticket found among the inputs.

    Not a frozen record on purpose: `errors` and `notes` grow while `drafts` is read
    (an unreadable file is found when its turn comes), so they are complete only once
    `drafts` is exhausted. What must be known before any draft is checked is done first:
    the folders are listed and a `.eml` ticket is read; every other file (and standard
    input's bytes) is read or parsed when the drafts reach it.
    """

    def __init__(self, drafts: Iterator[Draft], errors: list[ReplylintError], notes: list[Note],
                 ticket: TicketSource | None, files: int, plain: bool) -> None:  # fmt: skip
        self.drafts = drafts
        self.errors = errors
        self.notes = notes
        self.ticket = ticket
        self.files = files  # how many files (and stdin) the drafts come from
        self.plain = plain  # whether each of them holds exactly one draft (then files counts drafts)

    @property
    def unread(self) -> tuple[ReplylintError, ...]:
        return tuple(self.errors)


def collect(
    paths: Sequence[str],
    *,
    stdin: bytes | None = None,
    input_format: str = "auto",
    draft_from_eml: bool = False,
    conversations: Sequence[str] = (),
    exclude: Callable[[str], bool] | None = None,
    options: ReadOptions | None = None,
) -> Inputs:
    """Drafts from `paths` ("-" is `stdin`) and conversation JSON files, and the errors met.

    `exclude` leaves files out (the config's `exclude` globs), also files named one by
    one, as pre-commit names them. Each file is read when the drafts reach it (see Inputs).
    """
    options = options or ReadOptions()
    errors: list[ReplylintError] = []
    notes: list[Note] = []
    ticket: TicketSource | None = None
    sources: list[str | Path] = []  # "-" or a file, in the order named
    for raw in paths:
        if raw == "-":
            sources.append("-")
            continue
        for path in expand([raw], suffixes_for(input_format)):
            if isinstance(path, ReplylintError):
                errors.append(path)
            elif exclude is not None and exclude(str(path)):
                continue
            elif path.suffix.lower() == ".eml" and not draft_from_eml:
                try:
                    text, sender = ticket_from_eml(read_eml(path, options.max_bytes))
                except ReplylintError as exc:
                    errors.append(exc)
                    continue
                ticket = TicketSource(text, sender)
            else:
                sources.append(path)
    # reply files and e-mails hold one draft each (a library file, CSV or JSON, many)
    one_each = (*REPLY_SUFFIXES, ".eml")
    plain = input_format == "auto" and not conversations
    plain = plain and all(isinstance(s, Path) and s.suffix.lower() in one_each for s in sources)

    def entries() -> Iterator[Draft | ReplylintError | Note]:
        for source in sources:
            if source == "-":
                try:
                    yield from read_text(decode(stdin or b"", "-"), "-", input_format, options=options)
                except ReplylintError as exc:
                    yield exc
            elif isinstance(source, Path) and source.suffix.lower() == ".eml":
                try:
                    yield eml_draft(read_eml(source, options.max_bytes))
                except ReplylintError as exc:
                    yield exc
            else:
                yield from read_path(source, input_format, options)
        for conversation in conversations:
            from .conversation import read_conversation

            try:
                yield read_conversation(Path(conversation), options.max_bytes)
            except InputError as exc:
                yield exc

    def drafts() -> Iterator[Draft]:
        for entry in entries():
            if isinstance(entry, ReplylintError):
                errors.append(entry)
            elif isinstance(entry, Note):
                notes.append(entry)
            else:
                yield entry

    return Inputs(drafts(), errors, notes, ticket, len(sources), plain)


def read_ticket(path: Path, limit: int | None = None) -> TicketSource:
    """The customer's message from a --ticket file (InputError when unusable)."""
    from .eml import read_ticket_file

    text, name = read_ticket_file(path, limit)
    return TicketSource(text, name)
