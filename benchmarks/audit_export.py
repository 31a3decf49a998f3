"""Generate a help-desk history export for the audit's tests and benchmark.

Our own sentences, mixed so that replies score across the range: some greet the
customer by name, thank them, answer and sign off; others blame, pad, misspell or
forget the name. Deterministic for a seed. Formats: conversation JSON lines, CSV and
Parquet (one row per message, rows in time order so conversations interleave), and
Zendesk's one-ticket-per-line JSON export with comments (+ its users export).

    python benchmarks/audit_export.py 1000 --format csv -o /tmp/history.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

AGENTS = (("Ana Souza", "Billing"), ("Ben Okafor", "Billing"), ("Chloe Park", "Shipping"),
          ("Dev Iyer", "Shipping"), ("Elif Kaya", "Accounts"), ("Femi Adeyemi", "Accounts"))  # fmt: skip
CUSTOMERS = (
    "Priya Raman",
    "Tom Becker",
    "Lucia Moreno",
    "Hana Sato",
    "Omar Haddad",
    "Grace Liu",
    "Mateo Rossi",
)
TOPICS = (
    ("my parcel has not arrived yet", "The parcel left our warehouse on Monday and should reach you by Thursday."),
    ("I was charged twice for my order", "I have refunded the second charge; it will show on your card within five days."),
    ("how do I change the email on my account", "Open Settings, choose Profile and type the new address under Email."),
    ("the discount code did not work", "I have applied the discount to your order by hand, so the total is now lower."),
    ("can I return the jacket I bought", "Yes: print the return label from your order page and drop the parcel at any post office."),
)  # fmt: skip
OPENERS = ("Hi {first},", "Hello {first},", "Dear {first},", "Hi there,", "Hey,")
THANKS = (
    "Thanks for writing in.",
    "Thank you for letting us know.",
    "Thanks for reaching out about this.",
    "",
)
PADDING = (
    "",
    "",
    "I just wanted to basically reach out and say that we are actually looking into it.",
    "Please be advised that you failed to include your order number, which is why this took so long.",
    "Unfortunately that is our policy and we cannot do anything else.",
    "I recieve a lot of these and its definately on our list.",
)  # fmt: skip
CLOSERS = ("Best,\n{agent}", "Kind regards,\n{agent}", "Thanks,\n{agent}", "Cheers", "")


@dataclass(frozen=True)
class Row:
    conversation_id: str
    author_role: str
    author_name: str
    channel: str
    created_at: str
    body: str
    message_id: str
    team: str


def _reply(rng: random.Random, customer: str, agent: str, answer: str) -> str:
    first = customer.split()[0]
    parts = [rng.choice(OPENERS).format(first=first), " ".join(p for p in (rng.choice(THANKS), answer) if p)]
    pad = rng.choice(PADDING)
    if pad:
        parts.append(pad)
    close = rng.choice(CLOSERS).format(agent=agent.split()[0])
    if close:
        parts.append(close)
    return "\n\n".join(parts)


def conversations(count: int, seed: int = 7) -> Iterator[list[Row]]:
    """`count` conversations, about 1.5 agent replies each, over ten weeks from 2024-03-04."""
    rng = random.Random(seed)
    start = datetime(2024, 3, 4, 8, tzinfo=UTC)
    for n in range(count):
        customer = rng.choice(CUSTOMERS)
        agent, team = rng.choice(AGENTS)
        question, answer = rng.choice(TOPICS)
        channel = "chat" if rng.random() < 0.2 else "email"
        when = start + timedelta(minutes=rng.randrange(0, 70 * 24 * 60))
        conv = f"T-{100000 + n}"
        rows = []
        turns = 2 if rng.random() < 0.5 else 1
        for turn in range(turns):
            ask = f"Hello,\n\n{question[0].upper()}{question[1:]}{'?' if question.startswith('how') or question.startswith('can') else '.'}"
            if turn:
                ask = "Thanks, but it still is not sorted. What happens now?"
            ask += f"\n\n{customer.split()[0]}"
            rows.append(
                Row(conv, "customer", customer, channel, when.isoformat(), ask, f"{conv}-{2 * turn}", team)
            )
            when += timedelta(minutes=rng.randrange(5, 600))
            body = _reply(rng, customer, agent, answer)
            rows.append(
                Row(conv, "agent", agent, channel, when.isoformat(), body, f"{conv}-{2 * turn + 1}", team)
            )
            when += timedelta(minutes=rng.randrange(5, 600))
        yield rows


def write_jsonl(path: Path, count: int, seed: int = 7) -> None:
    with path.open("w", encoding="utf-8") as out:
        for rows in conversations(count, seed):
            first = rows[0]
            obj = {
                "id": first.conversation_id,
                "customer": {"name": first.author_name},
                "channel": first.channel,
                "team": first.team,
                "messages": [
                    {"from": r.author_role, "text": r.body, "created_at": r.created_at, "id": r.message_id,
                     **({"agent": r.author_name} if r.author_role == "agent" else {})}
                    for r in rows
                ],
            }  # fmt: skip
            out.write(json.dumps(obj) + "\n")


def _time_ordered(count: int, seed: int) -> list[Row]:
    rows = [r for conv in conversations(count, seed) for r in conv]
    rows.sort(key=lambda r: (r.created_at, r.message_id))
    return rows


FIELDS = (
    "conversation_id",
    "author_role",
    "author_name",
    "channel",
    "created_at",
    "body",
    "message_id",
    "team",
)


def write_csv(path: Path, count: int, seed: int = 7) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(FIELDS)
        for r in _time_ordered(count, seed):
            writer.writerow([getattr(r, f) for f in FIELDS])


def write_parquet(path: Path, count: int, seed: int = 7, row_group_size: int = 20_000) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _time_ordered(count, seed)
    table = pa.table({f: [getattr(r, f) for r in rows] for f in FIELDS})
    pq.write_table(table, path, row_group_size=row_group_size)


def write_zendesk(path: Path, count: int, seed: int = 7) -> Path:
    """One ticket per line with comments; the users export is written beside it (returned)."""
    ids: dict[str, int] = {}

    def uid(name: str) -> int:
        return ids.setdefault(name, 9000 + len(ids))

    with path.open("w", encoding="utf-8") as out:
        for rows in conversations(count, seed):
            first = rows[0]
            ticket = {
                "id": int(first.conversation_id[2:]),
                "requester_id": uid(first.author_name),
                "group_id": {"Billing": 1, "Shipping": 2, "Accounts": 3}[first.team],
                "via": {"channel": "chat" if first.channel == "chat" else "email"},
                "comments": [
                    {"id": 10 * int(first.conversation_id[2:]) + i, "author_id": uid(r.author_name), "body": r.body,
                     "public": True, "created_at": r.created_at.replace("+00:00", "Z")}
                    for i, r in enumerate(rows)
                ],
            }  # fmt: skip
            out.write(json.dumps(ticket) + "\n")
    users = path.with_name(path.stem + "-users.json")
    roles = {a for a, _ in AGENTS}
    users.write_text(
        json.dumps(
            {
                "users": [
                    {"id": i, "name": n, "role": "agent" if n in roles else "end-user"}
                    for n, i in ids.items()
                ]
            }
        ),
        encoding="utf-8",
    )
    return users


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet, "zendesk": write_zendesk}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("conversations", type=int)
    parser.add_argument("--format", choices=list(WRITERS), default="csv")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    WRITERS[args.format](args.output, args.conversations, args.seed)


if __name__ == "__main__":
    main()
