"""The message table: what every export reader produces, one row per message.

Readers of very different exports (conversation JSON lines, CSV and Parquet rows,
Zendesk tickets) meet here, so the scoring stage has one input shape. A message that
could not be read is still a row (`role` "error", with `error` and `error_field`), so
it is counted in the summary instead of being lost or stopping the run.

`export`, `record` and `part` place a message in the input (which export, which line
or row, which message of that line); they order the output, and `source` names the
place for people ("tickets.csv:17").
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

CUSTOMER, AGENT, ERROR = "customer", "agent", "error"

SCHEMA = pa.schema(
    [
        ("export", pa.int32()),
        ("record", pa.int64()),
        ("part", pa.int32()),
        ("conv_key", pa.string()),  # groups a conversation's messages; unique per conversation
        ("conversation_id", pa.string()),
        ("message_id", pa.string()),
        ("role", pa.string()),
        ("author", pa.string()),
        ("customer", pa.string()),  # the customer's name when the export says it per conversation
        ("team", pa.string()),
        ("channel", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("body", pa.string()),
        ("source", pa.string()),
        ("error", pa.string()),
        ("error_field", pa.string()),
    ]
)


@dataclass(frozen=True)
class Message:
    """One message of a conversation as read from an export (or why it could not be read)."""

    export: int
    record: int
    part: int
    conv_key: str
    conversation_id: str | None
    role: str  # CUSTOMER, AGENT or ERROR
    body: str | None = None
    author: str | None = None
    customer: str | None = None
    team: str | None = None
    channel: str | None = None
    created_at: datetime | None = None
    message_id: str | None = None
    source: str = ""
    error: str | None = None
    error_field: str | None = None


def error_message(
    export: int,
    record: int,
    source: str,
    error: str,
    field: str | None = None,
    conversation_id: str | None = None,
) -> Message:
    """A message that could not be read: it becomes an error row in the results."""
    return Message(
        export,
        record,
        0,
        f"!{export}:{record}",  # its own conversation: nothing is judged against it
        conversation_id,
        ERROR,
        source=source,
        error=error,
        error_field=field,
    )


def to_batch(messages: list[Message]) -> pa.RecordBatch:
    """The messages as one record batch of SCHEMA."""
    columns = {name: [getattr(m, name) for m in messages] for name in SCHEMA.names}
    return pa.RecordBatch.from_pydict(columns, schema=SCHEMA)


def bucket_of(conv_key: str, buckets: int) -> int:
    """The bucket a conversation goes to: stable across processes and runs (not hash())."""
    return zlib.crc32(conv_key.encode("utf-8", "surrogatepass")) % buckets


def parse_time(value: Any) -> datetime | None:
    """A created_at value as an aware UTC datetime; None when empty; ValueError when unreadable.

    ISO 8601 text (a trailing Z, a space instead of T, no zone meaning UTC), epoch
    seconds, or a datetime already (Parquet timestamps).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.isdigit():
            return datetime.fromtimestamp(int(text), UTC)
        parsed = datetime.fromisoformat(text)  # Python 3.11 reads "Z" and "2024-03-05 10:15"
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    raise ValueError(f"not a date and time: {value!r}")


def week_of(moment: datetime | None) -> str | None:
    """The ISO week of a moment, as '2024-W05' (sorts in time order)."""
    if moment is None:
        return None
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


_ROLES = {
    CUSTOMER: (
        "customer",
        "end-user",
        "end_user",
        "enduser",
        "requester",
        "user",
        "contact",
        "visitor",
        "lead",
    ),
    AGENT: ("agent", "admin", "staff", "operator", "teammate", "support"),
}
_CHANNELS = {
    "email": ("email", "e-mail", "mail", "web", "web_form", "webform", "api", "ticket", "form"),
    "chat": (
        "chat",
        "live_chat",
        "livechat",
        "messaging",
        "native_messaging",
        "messenger",
        "sms",
        "whatsapp",
    ),
    "social": ("social", "twitter", "x", "facebook", "instagram", "any_channel"),
}


def role_of(value: Any) -> str:
    """customer or agent from an export's author role (ValueError naming the accepted values)."""
    text = str(value or "").strip().lower()
    for role, names in _ROLES.items():
        if text in names:
            return role
    raise ValueError(f"must be 'customer' or 'agent' (or end-user, requester; admin, staff), not {value!r}")


def channel_of(value: Any) -> str | None:
    """email, chat or social from an export's channel name; None when empty (ValueError if unknown)."""
    text = str(value or "").strip().lower().replace(" ", "_")
    if not text:
        return None
    for channel, names in _CHANNELS.items():
        if text in names:
            return channel
    known = ", ".join(n for names in _CHANNELS.values() for n in names)
    raise ValueError(f"unknown channel {value!r} (known: {known})")
