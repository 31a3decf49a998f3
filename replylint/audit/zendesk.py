"""Read a Zendesk ticket export with its comments.

Zendesk's JSON export (Admin Center > Account > Tools > Reports > Export, JSON) writes
one ticket per line; each ticket carries its `comments` (`id`, `author_id`, `body` or
`plain_body`, `html_body`, `public`, `created_at`, `via.channel`). A JSON document of
`{"tickets": [...], "users": [...]}` (API pages with comments and sideloaded users)
or a list of tickets is read too, as one chunk.

Who wrote a comment: the users (a `users` list in the document, or `--users FILE`,
Zendesk's users export) give names and roles (end-user is the customer; agent and
admin are agents). Without them the ticket's requester is the customer and anyone
else an agent named by id. Private comments are internal notes, not replies: skipped.
The team is the ticket's group. Channels Zendesk names that are not email, chat or
social (voice, rule, system...) count as email, the default.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from typing import Any

from .. import datacheck
from ..errors import InputError
from ..readers.jsonsource import checked_json, decode_json
from .exports import Chunk, read_lines
from .messages import AGENT, CUSTOMER, Message, channel_of, error_message, parse_time

SYSTEM_AUTHOR = -1  # Zendesk's id for comments made by the system


@functools.lru_cache(maxsize=4)
def _users_file(path: str, mtime: float) -> dict[str, tuple[str | None, str | None]]:
    """id -> (name, role) from a Zendesk users export (JSON lines, a list, or {"users": [...]})."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path) from None
    except UnicodeDecodeError:
        raise InputError("not valid UTF-8 text", file=path) from None
    try:
        data: Any = decode_json(text, path)
    except InputError:  # not one document: JSON lines, each checked on its own
        data = [
            checked_json(line, path, number)
            for number, line in enumerate(text.splitlines(), 1)
            if line.strip()
        ]
    else:
        found = datacheck.problem(data)  # lone surrogates, nesting, long numbers
        if found is not None:
            raise InputError(found.message, file=path, field=found.field)
    return users_map(data.get("users", []) if isinstance(data, dict) else data)


def users_map(users: Any) -> dict[str, tuple[str | None, str | None]]:
    """id -> (name, role) from a list of Zendesk user objects (others ignored)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and user.get("id") is not None:
            out[str(user["id"])] = (_str(user.get("name")), _str(user.get("role")))
    return out


def users_from(path: str | None) -> dict[str, tuple[str | None, str | None]]:
    """The users of a --users file (cached per process), or none."""
    return _users_file(path, os.path.getmtime(path)) if path else {}


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_chunk(chunk: Chunk, users_path: str | None) -> Iterator[Message]:
    """The messages of every ticket in a chunk of the one-ticket-per-line export."""
    name = chunk.path.rsplit("/", 1)[-1]
    users = users_from(users_path)
    for line, raw in read_lines(chunk):
        if not raw.strip():
            continue
        source = f"{name}:{line}"
        try:
            ticket = checked_json(raw.decode("utf-8-sig"), source, line)
        except UnicodeDecodeError:
            yield error_message(chunk.export, line, source, "not valid UTF-8 text")
            continue
        except InputError as exc:  # syntax, nesting, a huge number, a lone surrogate
            yield error_message(chunk.export, line, source, exc.message)
            continue
        yield from ticket_messages(ticket, users, chunk.export, line, source)


def read_document(chunk: Chunk, users_path: str | None) -> Iterator[Message]:
    """The messages of every ticket in one JSON document (read whole: it cannot be cut)."""
    name = chunk.path.rsplit("/", 1)[-1]
    try:
        with open(chunk.path, "rb") as handle:
            data = checked_json(handle.read().decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        yield error_message(chunk.export, 1, name, "not valid UTF-8 text")
        return
    except InputError as exc:  # syntax, nesting, a huge number, a lone surrogate
        line = exc.line or 1
        yield error_message(chunk.export, line, f"{name}:{line}", exc.message)
        return
    users = dict(users_from(users_path))
    if isinstance(data, dict):
        users.update(users_map(data.get("users")))
        tickets = data.get("tickets", [data["ticket"]] if isinstance(data.get("ticket"), dict) else None)
    else:
        tickets = data
    if not isinstance(tickets, list):
        yield error_message(chunk.export, 1, name, "expected a list of tickets", "tickets")
        return
    for number, ticket in enumerate(tickets, 1):
        yield from ticket_messages(ticket, users, chunk.export, number, f"{name}: tickets[{number - 1}]")


def ticket_messages(
    ticket: Any, users: Mapping[str, tuple[str | None, str | None]], export: int, record: int, source: str
) -> Iterator[Message]:
    """One ticket's public comments as messages (error rows for unusable comments)."""
    if not isinstance(ticket, dict):
        yield error_message(export, record, source, "a ticket must be a JSON object")
        return
    ticket_id = None if ticket.get("id") is None else str(ticket["id"])
    comments = ticket.get("comments")
    if not isinstance(comments, list):
        yield error_message(export, record, source, "must be a list of comments", "comments", ticket_id)
        return
    requester = None if ticket.get("requester_id") is None else str(ticket["requester_id"])
    requester_name = (users.get(requester or "") or (None, None))[0] or _name_of(ticket.get("requester"))
    group = ticket.get("group")
    team = _name_of(group) or (f"group {ticket['group_id']}" if ticket.get("group_id") is not None else None)
    ticket_channel = _channel(ticket.get("via"))
    key = f"{export}:{record}"
    for i, comment in enumerate(comments):
        where = f"comments[{i}]"
        if not isinstance(comment, dict):
            yield _bad(export, record, i, source, "must be an object", where, ticket_id)
            continue
        if comment.get("public") is False:
            continue  # an internal note, not a reply to the customer
        author = comment.get("author_id")
        if author is None or author == SYSTEM_AUTHOR:
            if author is None:
                yield _bad(export, record, i, source, "missing author", f"{where}.author_id", ticket_id)
            continue
        body = comment.get("plain_body", comment.get("body"))
        if not isinstance(body, str):
            yield _bad(export, record, i, source, "must be a string", f"{where}.body", ticket_id)
            continue
        try:
            created = parse_time(comment.get("created_at"))
        except (ValueError, OverflowError, OSError) as exc:
            yield _bad(export, record, i, source, str(exc), f"{where}.created_at", ticket_id)
            continue
        name, role = users.get(str(author), (None, None))
        name = name or _name_of(comment.get("author"))
        if role is None:
            is_customer = str(author) == requester if requester else False
        else:
            is_customer = role == "end-user"
        if not is_customer and not body.strip():
            yield _bad(export, record, i, source, "the agent's reply is empty", f"{where}.body", ticket_id)
            continue
        yield Message(
            export,
            record,
            i,
            key,
            ticket_id,
            CUSTOMER if is_customer else AGENT,
            body=body,
            author=name or (None if is_customer else f"agent {author}"),
            customer=requester_name,
            team=team,
            channel=_channel(comment.get("via")) or ticket_channel,
            created_at=created,
            message_id=None if comment.get("id") is None else str(comment["id"]),
            source=source,
        )


def _bad(
    export: int, record: int, part: int, source: str, error: str, field: str, ticket: str | None
) -> Message:
    return Message(
        export, record, part, f"!{export}:{record}:{part}", ticket, "error",
        source=source, error=error, error_field=field,
    )  # fmt: skip


def _name_of(value: Any) -> str | None:
    return _str(value.get("name")) if isinstance(value, dict) else None


def _channel(via: Any) -> str | None:
    if not isinstance(via, dict):
        return None
    try:
        return channel_of(via.get("channel"))
    except ValueError:
        return None  # voice, rule, system...: not a channel replylint profiles
