"""Errors a user can cause: each carries where it happened so the CLI can name it."""

from __future__ import annotations


class ReplylintError(Exception):
    """A problem with input, config or rules that the user can fix; the CLI exits 2."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        field = f"'{self.field}': " if self.field else ""
        return f"{where}{field}{self.message}"


class ConfigError(ReplylintError):
    """A bad `.replylint.yaml` or command-line setting."""


class RuleFileError(ReplylintError):
    """A rule YAML file that cannot be loaded: bad YAML, unknown key or kind, bad value."""


class InputError(ReplylintError):
    """A draft that cannot be checked: empty, not UTF-8 text, missing."""


class InternalError(Exception):
    """replylint failed on a document: a bug, not something the user can fix.

    Raised by the single-document API (`replylint.lint`); the CLI, the stream and the
    service report such a document as failed instead, and go on with the others.
    The traceback of the original failure is attached as a note (PEP 678).
    """

    def __init__(self, message: str, traceback: str | None = None) -> None:
        super().__init__(message)
        if traceback:
            self.add_note(traceback.rstrip())
