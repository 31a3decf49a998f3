"""Output formats: each a pure function Report -> str, registered by name.

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

    from ..document import Draft
    from ..scoring import failed

    documents = []
    broken = []
    for doc in report.documents:
        try:
            _render(name, replace(report, documents=(doc,)), **options)
        except Exception as exc:
            import traceback

            # its text left out: what the formatter choked on may be in it
            draft = Draft("", source=doc.source, item=doc.item, title=doc.title)
            doc = failed(draft, exc, "".join(traceback.format_exception(exc)))
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
