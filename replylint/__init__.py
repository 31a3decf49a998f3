"""replylint: check a customer-support reply against the team's reply checklist.

The Python API is the CLI's API (both are thin layers over `replylint.run`):

    >>> import replylint
    >>> report = replylint.lint("Hi Sarah,\\n\\nThanks for writing in...", customer="Sarah")
    >>> report.documents[0].score, report.ready_to_send
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, InternalError, ReplylintError

if TYPE_CHECKING:
    from .config import Config
    from .findings import Finding, Level
    from .report import DocumentReport, Report

__version__ = "0.1.0"
# Names the API exports from other modules, imported on first use: `replylint --help`
# and `rules list` import this package and must not pay for the document model.
_LAZY = {
    "Config": "config",
    "DocumentReport": "report",
    "Finding": "findings",
    "Level": "findings",
    "Report": "report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'replylint' has no attribute {name!r}")


__all__ = [
    "Config",
    "DocumentReport",
    "Finding",
    "InputError",
    "InternalError",
    "Level",
    "ReplylintError",
    "Report",
    "__version__",
    "lint",
]


def lint(
    text: str | None = None,
    *,
    customer: str | None = None,
    agent: str | None = None,
    config: Config | str | Path | None = None,
    html: bool = False,
    source: str = "-",
    ticket: str | None = None,
    conversation: dict | str | None = None,
    channel: str | None = None,
    mode: str | None = None,
) -> Report:
    """Check one draft reply and return its Report.

    `config` is a Config, a path to a `.replylint.yaml`, or None for the defaults
    (the API never searches for a config file or reads the environment).
    `ticket` is the customer's message the draft answers (plain text, Markdown or
    HTML). `conversation` is a conversation object (or its JSON text, see README);
    its `draft` is checked unless `text` is given, and its own names, channel and
    ticket win over the arguments (the README's precedence table). `channel` is
    email, chat or social; `mode` draft or template. InternalError when replylint itself
    fails on the draft (the CLI reports such a document as failed and goes on).
    """
    from dataclasses import replace

    from . import run
    from .channels import CHANNELS, MODES
    from .config import Config, load_config
    from .document import Draft
    from .engine import linter_for
    from .readers.inputs import TicketSource

    draft = Draft(text or "", source=source, is_html=html)
    if conversation is not None:
        from .readers.conversation import parse_conversation, parse_conversation_text

        read = parse_conversation_text if isinstance(conversation, str) else parse_conversation
        from_conversation = read(conversation, source)
        draft = replace(from_conversation, text=text, is_html=html) if text is not None else from_conversation
    if not draft.text.strip():
        raise InputError("the draft is empty", file=source)
    if ticket is not None and not ticket.strip():
        raise InputError("the ticket is empty", file=source, field="ticket")
    if channel is not None and channel not in CHANNELS:
        raise InputError(f"must be one of: {', '.join(CHANNELS)}", field="channel")
    if mode is not None and mode not in MODES:
        raise InputError(f"must be one of: {', '.join(MODES)}", field="mode")
    if isinstance(config, (str, Path)):
        config = load_config(Path(config))
    linter = linter_for(config or Config())
    values = run.RunValues(
        customer=customer,
        agent=agent,
        channel=channel,
        mode=mode,
        ticket=TicketSource(ticket) if ticket else None,
    )
    report = run.lint(linter, [draft], values)
    for doc in report.failed:
        raise InternalError(f"{doc.source}: {doc.error}", doc.traceback)
    return report
