"""Read conversations for tools and agents: one JSON object, or JSON lines on stdin.

    {"customer": {"name": "Priya Raman"}, "agent": {"name": "Ana"}, "channel": "email",
     "messages": [{"from": "customer", "text": "..."}, {"from": "agent", "text": "..."}],
     "draft": "..."}

Only `draft` is required. The ticket the draft answers is the customer's messages
after the agent's last message (or the last customer message), unless a `ticket`
string is given. An `id` is kept as the document's item id so results can be matched
to requests. Unknown keys are ignored so callers can carry their own data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import datacheck, names
from ..channels import CHANNELS
from ..document import Draft
from ..errors import InputError
from .jsonsource import decode_json


def _name(obj: dict, key: str, source: str, line: int | None) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        if name is None:
            return None
        if isinstance(name, str):
            return name.strip() or None
    raise InputError("must be an object with a 'name' string", file=source, line=line, field=f"{key}.name")


def _person(obj: dict, key: str, source: str, line: int | None, warnings: list[str]) -> str | None:
    """The customer's or agent's name, or None with a warning when it has no letter."""
    value = _name(obj, key, source, line)
    if value is not None and names.usable(value) is None:
        where = source if line is None else f"{source}:{line}"
        warnings.append(f"{where}: '{key}': {names.nobody(key, value)}")
        return None
    return value


def _ticket(messages: list[dict]) -> str | None:
    last_agent = max((i for i, m in enumerate(messages) if m["from"] == "agent"), default=-1)
    after = [m["text"] for m in messages[last_agent + 1 :] if m["from"] == "customer"]
    if not after:
        earlier = [m["text"] for m in messages if m["from"] == "customer"]
        after = earlier[-1:]
    return "\n\n".join(after) or None


def parse_conversation(obj: Any, source: str = "-", line: int | None = None) -> Draft:
    """A Draft from a decoded conversation object; InputError names the bad field."""
    if not isinstance(obj, dict):
        raise InputError("a conversation must be a JSON object", file=source, line=line)
    found = datacheck.problem(obj)
    if found is not None:
        raise InputError(found.message, file=source, line=line, field=found.field)
    draft = obj.get("draft")
    if draft is None:
        raise InputError("missing required field", file=source, line=line, field="draft")
    if not isinstance(draft, str) or not draft.strip():
        raise InputError("must be a non-empty string", file=source, line=line, field="draft")
    channel = obj.get("channel")
    if channel is not None and channel not in CHANNELS:
        raise InputError(f"must be one of: {', '.join(CHANNELS)}", file=source, line=line, field="channel")
    raw_messages = obj.get("messages", [])
    if not isinstance(raw_messages, list):
        raise InputError("must be a list of messages", file=source, line=line, field="messages")
    messages = []
    for i, m in enumerate(raw_messages):
        where = f"messages[{i}]"
        if not isinstance(m, dict):
            raise InputError("must be an object with 'from' and 'text'", file=source, line=line, field=where)
        if m.get("from") not in ("customer", "agent"):
            raise InputError("must be 'customer' or 'agent'", file=source, line=line, field=f"{where}.from")
        if not isinstance(m.get("text"), str):
            raise InputError("must be a string", file=source, line=line, field=f"{where}.text")
        messages.append(m)
    ticket = obj.get("ticket")
    if ticket is not None and not isinstance(ticket, str):
        raise InputError("must be a string", file=source, line=line, field="ticket")
    ticket = ticket if ticket and ticket.strip() else _ticket(messages)
    item = obj.get("id")
    warnings: list[str] = []
    customer = _person(obj, "customer", source, line, warnings)
    agent = _person(obj, "agent", source, line, warnings)
    return Draft(
        draft,
        source=source if line is None else f"{source}:{line}",
        item=None if item is None else str(item),
        customer=customer,
        agent=agent,
        ticket=ticket if ticket and ticket.strip() else None,
        channel=channel,
        warnings=tuple(warnings),
    )


def parse_conversation_text(text: str, source: str = "-", line: int | None = None) -> Draft:
    """A Draft from conversation JSON text."""
    return parse_conversation(decode_json(text, source, line), source, line)


def read_conversation(path: Path, limit: int | None = None) -> Draft:
    """Read one conversation JSON file (a regular file of at most `limit` bytes)."""
    from ..inputfile import read_bytes

    try:
        text = read_bytes(path, limit).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not valid UTF-8 text", file=str(path)) from None
    return parse_conversation_text(text, str(path))


def read_stream(lines: Iterable[str], source: str = "-") -> Iterator[tuple[int, Draft | InputError]]:
    """(line number, Draft or the InputError for that line) for each non-blank JSON line."""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            yield number, parse_conversation_text(raw, source, number)
        except InputError as exc:
            yield number, exc
