"""replylint: check a customer-support reply against the team's reply checklist.

The Python API is the CLI's API:

    >>> import replylint
    >>> report = replylint.lint("Hi Sarah,\\n\\nThanks for writing in...", customer="Sarah")
    >>> report.documents[0].score, report.ready_to_send
"""

from __future__ import annotations

from pathlib import Path

from .config import Config, load_config
from .document import Draft
from .errors import InputError, ReplylintError
from .findings import Finding, Level
from .report import DocumentReport, Report

__version__ = "0.1.0"
__all__ = [
    "Config",
    "DocumentReport",
    "Finding",
    "InputError",
    "Level",
    "ReplylintError",
    "Report",
    "__version__",
    "lint",
]


def lint(
    text: str,
    *,
    customer: str | None = None,
    agent: str | None = None,
    config: Config | str | Path | None = None,
    html: bool = False,
    source: str = "-",
) -> Report:
    """Check one draft reply and return its Report.

    `config` is a Config, a path to a `.replylint.yaml`, or None for the defaults
    (the API never searches for a config file or reads the environment).
    """
    from .engine import linter_for

    if not text.strip():
        raise InputError("the draft is empty", file=source)
    if isinstance(config, (str, Path)):
        config = load_config(Path(config))
    linter = linter_for(config or Config())
    context = linter.context(customer=customer, agent=agent)
    return linter.lint([Draft(text, source=source, is_html=html)], context)
