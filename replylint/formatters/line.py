"""One line per finding, `path:line:col:rule:level:message`, for editors and grep.

The errorformat `%f:%l:%c:%m` (Vim, Emacs compile mode, VS Code problem matchers)
reads it as is. Nothing else is printed: no header, no summary, no colour. Messages
are kept to one line (CR/LF and other line breaks become spaces); stdin is `-`. Control
characters (ESC, and line breaks in a file name) are written as backslash escapes
(`\\x1b`, `\\n`), so no path or message can forge a line or drive the terminal.
"""

from __future__ import annotations

from ..findings import Finding
from ..report import DocumentReport, Report
from .controls import escaped


def _one_line(text: str) -> str:
    return escaped(" ".join(text.splitlines())) if text else ""


def line(doc: DocumentReport, f: Finding) -> str:
    """The line for one finding (control characters and line breaks in the path escaped)."""
    return f"{escaped(doc.source)}:{f.line}:{f.column}:{f.rule}:{f.level.value}:{_one_line(f.message)}"


def head(report: Report, **_: object) -> str:
    return ""


def piece(doc: DocumentReport, report: Report, first: bool, *, quiet: bool = False, **_: object) -> str:
    """One document's findings, one per line."""
    return "".join(
        line(doc, f) + "\n" for f in doc.findings if not quiet or f.level.rank >= report.fail_on.rank
    )


def tail(report: Report, **_: object) -> str:
    return ""


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """Every finding, one per line; `quiet` keeps only findings at or above fail-on."""
    return "".join(piece(doc, report, i == 0, quiet=quiet) for i, doc in enumerate(report.documents))
