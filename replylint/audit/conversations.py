"""Read conversation objects, one per JSON line (the stream's format, for a whole history).

    {"id": "T-1001", "customer": {"name": "Priya"}, "channel": "email", "team": "Billing",
     "messages": [
       {"from": "customer", "text": "...", "created_at": "2024-03-04T09:12:00Z"},
       {"from": "agent", "agent": "Ana", "text": "...", "created_at": "2024-03-04T10:02:00Z",
        "id": "m-2"}]}

What the stream reads, plus what an audit needs per message: the agent who wrote it
(`agent`, a name or `{"name": ...}`; else the conversation's `agent`), when
(`created_at`) and the conversation's id (`id` or `conversation_id`). Every agent
message is scored; a `draft` (an unsent reply) is not part of the history and is not.
A line that is not a conversation is one error row; a message that cannot be read is
an error row of its own and the rest of the conversation is still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..readers.jsonsource import checked_json
from .exports import Chunk, read_lines
from .messages import AGENT, Message, channel_of, error_message, parse_time, role_of


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _id(value: Any) -> str | None:
    return None if value is None or isinstance(value, (dict, list)) else str(value)


def read_chunk(chunk: Chunk) -> Iterator[Message]:
    """Every message of every conversation in the chunk, in file order."""
    name = chunk.path.rsplit("/", 1)[-1]
    for line, raw in read_lines(chunk):
        if not raw.strip():
            continue
        source = f"{name}:{line}"
        try:
            obj = checked_json(raw.decode("utf-8-sig"), source, line)
        except UnicodeDecodeError:
            yield error_message(chunk.export, line, source, "not valid UTF-8 text")
            continue
        except InputError as exc:  # syntax, nesting, a huge number, a lone surrogate
            yield error_message(chunk.export, line, source, exc.message)
            continue
        yield from conversation_messages(obj, chunk.export, line, source)


def conversation_messages(obj: Any, export: int, line: int, source: str) -> Iterator[Message]:
    """The messages of one decoded conversation object (error rows for what is unusable)."""
    if not isinstance(obj, dict):
        yield error_message(export, line, source, "a conversation must be a JSON object")
        return
    conv_id = _id(obj.get("id", obj.get("conversation_id")))
    messages = obj.get("messages")
    if not isinstance(messages, list):
        yield error_message(export, line, source, "must be a list of messages", "messages", conv_id)
        return
    try:
        channel = channel_of(obj.get("channel"))
    except ValueError as exc:
        yield error_message(export, line, source, str(exc), "channel", conv_id)
        return
    key = f"{export}:{line}"  # one line, one conversation, whatever its id
    customer = _name(obj.get("customer"))
    team = _name(obj.get("team"))
    default_agent = _name(obj.get("agent"))
    for i, m in enumerate(messages):
        where = f"messages[{i}]"
        problem = None
        if not isinstance(m, dict):
            problem = ("must be an object with 'from' and 'text'", where)
        else:
            text = m.get("text", m.get("body"))
            try:
                role = role_of(m.get("from"))
                created = parse_time(m.get("created_at"))
            except ValueError as exc:
                field = "from" if "customer" in str(exc) else "created_at"
                problem = (str(exc), f"{where}.{field}")
            if problem is None and not isinstance(text, str):
                problem = ("must be a string", f"{where}.text")
        if problem is not None:
            yield Message(
                export, line, i, f"!{export}:{line}:{i}", conv_id, "error",
                source=source, error=problem[0], error_field=problem[1],
            )  # fmt: skip
            continue
        assert isinstance(m, dict)
        author = _name(m.get("agent", m.get("author"))) if role == AGENT else _name(m.get("author"))
        yield Message(
            export,
            line,
            i,
            key,
            conv_id,
            role,
            body=text,
            author=(author or default_agent) if role == AGENT else (author or customer),
            customer=customer,
            team=_name(m.get("team")) or team,
            channel=channel,
            created_at=created,
            message_id=_id(m.get("id")),
            source=source,
        )
