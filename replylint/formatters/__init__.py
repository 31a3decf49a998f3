"""Output formats: each a pure function Report -> str, registered by name.

Formats whose output is a head, one piece per document and a tail (json, text, line,
github, sarif, junit) also expose `head`, `piece` and `tail`, and `stream` writes them a
piece at a time: a spooled run over a large library is then never held whole, as
reports or as text (a SARIF tail and a JUnit head read the documents once more for
what needs all of them). The HTML dashboard is rendered whole.

The registry maps a format name to its module and imports the module on first use:
a text run should not pay for importing the SARIF, JUnit and HTML writers (nor a
JSON run for rich), since start-up time matters when agents check every draft.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report import DocumentReport, Report

Formatter = Callable[..., str]

_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "line": "line",
    "html": "html",
}


class _Registry(Mapping[str, Formatter]):
    """Format name -> render function, importing each formatter module when asked for."""

    def __getitem__(self, name: str) -> Formatter:
        module = importlib.import_module(f".{_MODULES[name]}", __name__)
        return module.render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, Formatter] = _Registry()
# formats whose output for a report is the outputs for its documents one after another
# (the text format less its header and summary)
_PER_DOCUMENT = frozenset({"text", "line", "github"})


def render(
    name: str,
    report: Report,
    *,
    color: bool = False,
    quiet: bool = False,
    json_version: int | None = None,
    unread: tuple = (),
) -> str:
    """Render `report` in the named format (`json_version` picks the JSON shape; `unread`, the
    inputs that could not be read, are listed by the HTML dashboard). See `render_isolated`."""
    return render_isolated(name, report, color=color, quiet=quiet, json_version=json_version, unread=unread)[
        0
    ]


def render_isolated(
    name: str,
    report: Report,
    *,
    color: bool = False,
    quiet: bool = False,
    json_version: int | None = None,
    unread: tuple = (),
) -> tuple[str, tuple[DocumentReport, ...]]:
    """The rendered report, and the documents the formatter failed on.

    A formatter that fails on one document costs only that document: each document is
    then rendered alone to find the ones it fails on, and those are reported as failed
    (`scoring.failed`: an `internal-error` finding naming the error) in the full output.
    """
    options = {"color": color, "quiet": quiet, "json_version": json_version}
    try:
        return _render(name, report, **options, unread=unread), ()
    except Exception:
        if not report.documents:
            raise
    from dataclasses import replace

    documents = []
    broken = []
    for doc in report.documents:
        try:
            _render(name, replace(report, documents=(doc,)), **options)
        except Exception as exc:
            doc = _failed_copy(doc, exc)
            broken.append(doc)
        documents.append(doc)
    fixed = replace(report, documents=tuple(documents))
    try:
        return _render(name, fixed, **options, unread=unread), tuple(broken)
    except Exception as exc:
        if name not in _PER_DOCUMENT:
            raise
        whole = exc
    # The formatter fails on the whole (a summary, a header) though not on any document
    # alone: formats whose output is one document after another are written that way,
    # and the failure is raised as RenderedWithout for the caller to report after it.
    text = "".join(_render(name, replace(fixed, documents=(d,)), **options) for d in documents)
    raise RenderedWithout(text, tuple(broken), whole)


def stream(
    name: str,
    report: Report,
    write: Callable[[str], object],
    *,
    color: bool = False,
    quiet: bool = False,
    json_version: int | None = None,
    unread: tuple = (),
) -> tuple[DocumentReport, ...]:
    """Write the rendered report through `write`, a document at a time where the format
    allows; the same text as `render_isolated`, and the documents the formatter failed on.

    A document the formatter fails on is written as failed (`scoring.failed`), like
    `render_isolated` does; a failure in the head or tail is raised as RenderedWithout
    after the documents are written (its `text` is then empty: it went through `write`).
    """
    module = importlib.import_module(f".{_MODULES[name]}", __name__)
    if not hasattr(module, "piece"):
        text, broken = render_isolated(
            name, report, color=color, quiet=quiet, json_version=json_version, unread=unread
        )
        write(text)
        return broken
    options: dict = {"color": color, "quiet": quiet}
    if name == "json" and json_version is not None:
        options["version"] = json_version
    late: BaseException | None = None
    # A formatter's failure is caught; a failure of `write` (a full disk, a closed pipe)
    # is not: it goes to the caller as it is.
    try:
        head = module.head(report, **options)
    except Exception as exc:
        if name == "json":  # JSON without its head is not JSON: nothing written, raise it
            raise
        head, late = "", exc
    write(head)
    broken: list[DocumentReport] = []
    first = True  # no piece written yet: a piece may be empty (a SARIF document without results)
    for doc in report.documents:
        try:
            text = module.piece(doc, report, first, **options)
        except Exception as exc:
            doc = _failed_copy(doc, exc)
            broken.append(doc)
            text = module.piece(doc, report, first, **options)
        if text:
            write(text)
            first = False
    try:
        tail = module.tail(report, **options)
    except Exception as exc:
        tail, late = "", late or exc
    write(tail)
    if late is not None:
        raise RenderedWithout("", tuple(broken), late)
    return tuple(broken)


def _failed_copy(doc: DocumentReport, exc: BaseException) -> DocumentReport:
    """`doc` reported as failed because the formatter failed on it (its text left out:
    what the formatter choked on may be in it)."""
    import traceback

    from ..document import Draft
    from ..scoring import failed

    draft = Draft("", source=doc.source, item=doc.item, title=doc.title)
    return failed(draft, exc, "".join(traceback.format_exception(exc)))


class RenderedWithout(Exception):
    """The report was rendered document by document, without its parts for the whole
    report (a header, a summary), because rendering those failed with `error`."""

    def __init__(self, text: str, broken: tuple[DocumentReport, ...], error: BaseException) -> None:
        super().__init__(str(error))
        self.text, self.broken, self.error = text, broken, error


def _render(
    name: str,
    report: Report,
    *,
    color: bool = False,
    quiet: bool = False,
    json_version: int | None = None,
    unread: tuple = (),
) -> str:
    if name == "json" and json_version is not None:
        return FORMATTERS[name](report, color=color, quiet=quiet, version=json_version)
    if name == "html":
        return FORMATTERS[name](report, color=color, quiet=quiet, unread=unread)
    return FORMATTERS[name](report, color=color, quiet=quiet)
