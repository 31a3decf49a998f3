"""Collect one run's inputs: files, folders, stdin, .eml files and conversation files.

Every entry point that checks files goes through `collect`: it turns what the caller
named into Drafts and the errors for what could not be read (each naming its file),
so one unreadable file never stops the others. Standard input is passed in as bytes:
only the CLI reads it. A `.eml` among the inputs is the customer's message (the
ticket of the run) unless `draft_from_eml`; who wins between it and a `--ticket` or a
draft's own ticket is `run.decide`'s call, so it is returned, not applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..document import Draft
from ..errors import InputError, ReplylintError
from .eml import draft_from_eml as eml_draft
from .eml import read_eml, ticket_from_eml
from .files import decode, expand
from .library import ReadOptions, read_path, read_text, suffixes_for
from .libraryfile import Note


@dataclass(frozen=True)
class TicketSource:
    """A customer's message given for a run, and their name when the source says it."""

    text: str
    customer: str | None = None


@dataclass(frozen=True)
class Inputs:
    """Drafts to check, in order, what could not be read, and a ticket found among them."""

    drafts: tuple[Draft, ...] = ()
    errors: tuple[ReplylintError, ...] = ()
    ticket: TicketSource | None = None  # from a .eml among the inputs
    stdin: bool = False  # whether one of the drafts came from standard input
    notes: tuple[Note, ...] = ()  # what readers said (inactive macros skipped, one page of several)

    @property
    def unread(self) -> tuple[ReplylintError, ...]:
        """What could not be read, each with its reason (the HTML dashboard lists them)."""
        return self.errors


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
    one, as pre-commit names them.
    """
    options = options or ReadOptions()
    drafts: list[Draft] = []
    errors: list[ReplylintError] = []
    notes: list[Note] = []
    ticket: TicketSource | None = None
    entries: list[Draft | InputError | Note] = []
    used_stdin = False
    for raw in paths:
        if raw == "-":
            used_stdin = True
            try:
                entries.extend(read_text(decode(stdin or b"", "-"), "-", input_format, options=options))
            except ReplylintError as exc:
                errors.append(exc)
            continue
        for path in expand([raw], suffixes_for(input_format)):
            if isinstance(path, ReplylintError):
                errors.append(path)
            elif exclude is not None and exclude(str(path)):
                continue
            elif path.suffix.lower() == ".eml":
                try:
                    parsed = read_eml(path, options.max_bytes)
                except ReplylintError as exc:
                    errors.append(exc)
                    continue
                if draft_from_eml:
                    entries.append(eml_draft(parsed))
                else:
                    text, sender = ticket_from_eml(parsed)
                    ticket = TicketSource(text, sender)
            else:
                entries.extend(read_path(path, input_format, options))
    for conversation in conversations:
        from .conversation import read_conversation

        try:
            entries.append(read_conversation(Path(conversation), options.max_bytes))
        except InputError as exc:
            entries.append(exc)
    for entry in entries:
        if isinstance(entry, ReplylintError):
            errors.append(entry)
        elif isinstance(entry, Note):
            notes.append(entry)
        else:
            drafts.append(entry)
    return Inputs(tuple(drafts), tuple(errors), ticket, used_stdin, tuple(notes))


def read_ticket(path: Path, limit: int | None = None) -> TicketSource:
    """The customer's message from a --ticket file (InputError when unusable)."""
    from .eml import read_ticket_file

    text, name = read_ticket_file(path, limit)
    return TicketSource(text, name)
