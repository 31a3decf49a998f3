"""Output formats: each a pure function Report -> str, registered by name."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import json_format, text

Formatter = Callable[..., str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
}


def render(name: str, report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """Render `report` in the named format."""
    return FORMATTERS[name](report, color=color, quiet=quiet)
