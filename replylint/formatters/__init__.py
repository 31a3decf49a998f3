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
    from ..report import Report

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
    inputs that could not be read, are listed by the HTML dashboard)."""
    if name == "json" and json_version is not None:
        return FORMATTERS[name](report, color=color, quiet=quiet, version=json_version)
    if name == "html":
        return FORMATTERS[name](report, color=color, quiet=quiet, unread=unread)
    return FORMATTERS[name](report, color=color, quiet=quiet)
