"""A conversation's agent messages as run-layer requests: the draft, its ticket, its agent.

Each agent message is checked as the stream checks a conversation object: the
message is the `draft`, the messages before it are the conversation's `messages`
(so its ticket is what the customer wrote since the previous agent message, by the
stream's own rule in readers/conversation.py), the customer's name is the export's,
and the agent's name is the run's `agent` value, as `--agent` would give it. Who wins
is then `run.decide`'s job, as for every other entry point.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..document import Draft
from ..errors import InputError
from ..readers.conversation import parse_conversation
from ..run import RunValues
from .messages import AGENT, CUSTOMER, Message


@dataclass(frozen=True)
class Request:
    """One agent message to score: the draft and run values, or why it cannot be checked."""

    message: Message
    draft: Draft | None
    values: RunValues
    error: InputError | None = None


def in_order(messages: Sequence[Message]) -> list[Message]:
    """A conversation's messages in the order they were written.

    Rows of a CSV or Parquet export (several records) go by created_at, then by their
    place in the file; the messages of one conversation object keep their array order.
    """
    ordered = sorted(messages, key=lambda m: (m.export, m.record, m.part))
    if len({(m.export, m.record) for m in ordered}) > 1:
        ordered.sort(key=lambda m: (m.created_at is None, m.created_at.timestamp() if m.created_at else 0.0))
    return ordered


def requests(messages: Sequence[Message], channel: str | None = None) -> Iterator[Request]:
    """A request for every agent message of one conversation (its messages, any order)."""
    ordered = in_order(messages)
    customer = next((m.customer for m in ordered if m.customer), None) or next(
        (m.author for m in ordered if m.role == CUSTOMER and m.author), None
    )
    history: list[dict[str, str]] = []
    for m in ordered:
        if m.role == CUSTOMER:
            history.append({"from": "customer", "text": m.body or ""})
            continue
        if m.role != AGENT:
            continue
        values = RunValues(agent=m.author, channel=channel)
        obj = {"messages": list(history), "draft": m.body, "customer": customer, "channel": m.channel}
        if m.message_id is not None:
            obj["id"] = m.message_id
        try:
            draft = parse_conversation(obj, m.source)
        except InputError as exc:
            yield Request(m, None, values, exc)
        else:
            yield Request(m, draft, values)
        history.append({"from": "agent", "text": m.body or ""})
