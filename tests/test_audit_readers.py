"""Reading exports for the audit: chunks cut at record ends, every format, error rows."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from audit_helpers import audit_export

from replylint.audit import exports
from replylint.audit.conversations import read_chunk as read_conversations
from replylint.audit.messages import AGENT, CUSTOMER, ERROR, channel_of, parse_time, role_of, week_of
from replylint.audit.requests import requests
from replylint.audit.rows import column_map, read_csv_chunk, read_parquet_chunk
from replylint.audit.zendesk import read_chunk as read_tickets
from replylint.audit.zendesk import read_document
from replylint.errors import InputError

CSV_HEADER = "conversation_id,author_role,author_name,channel,created_at,body\n"


def _messages(path: Path, chunk_bytes: int, fmt: str = "auto", **kw):  # type: ignore[no-untyped-def]
    [export] = exports.plan([path], chunk_bytes, fmt)
    out = []
    for chunk in export.chunks:
        if export.format == "csv":
            out += list(read_csv_chunk(chunk, column_map(kw.get("columns", {}))))
        elif export.format == "parquet":
            out += list(read_parquet_chunk(chunk, column_map(kw.get("columns", {}))))
        elif export.format == "conversations":
            out += list(read_conversations(chunk))
        elif export.format == "zendesk":
            out += list(read_tickets(chunk, kw.get("users")))
        else:
            out += list(read_document(chunk, kw.get("users")))
    return export, out


def test_audit_csv_chunks_cut_only_where_quotes_balance(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    audit_export.write_csv(path, 40)  # bodies hold line breaks inside quotes
    whole = _messages(path, 1 << 30)[1]
    export, pieces = _messages(path, 300)  # far smaller than a record: a cut per record
    assert len(export.chunks) > 20
    assert [(m.record, m.body, m.conversation_id) for m in pieces] == [
        (m.record, m.body, m.conversation_id) for m in whole
    ]
    assert all(m.role in (CUSTOMER, AGENT) for m in whole)
    # the record is the file's line where the row starts
    lines = path.read_text(encoding="utf-8").split("\n")
    for m in whole[:10]:
        assert lines[m.record - 1].startswith(m.conversation_id + ",")


def test_audit_csv_bad_rows_are_error_rows_naming_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        (
            CSV_HEADER
            + 'T1,customer,Sam,email,2024-03-04T10:00:00Z,"Hi, where is\nmy parcel?"\n'
            + "T1,robot,Bot,email,2024-03-04T10:01:00Z,beep\n"
            + "T1,agent,Ana,email,yesterday,Hi Sam\n"
            + ",agent,Ana,email,,Hi Sam\n"
            + "T1,agent,Ana,pigeon,,Hi Sam\n"
            + "T1,agent,Ana,email\n"
            + "T1,agent,Ana,email,,   \n"
        ).encode()
        + b"T1,agent,Ana,email,,caf\xe9\n"
        + b"T1,agent,Ana,email,2024-03-04 11:00,Hi Sam\n"
    )
    _, got = _messages(path, 1 << 20)
    errors = [(m.record, m.error_field, m.error) for m in got if m.role == ERROR]
    assert [(line, field) for line, field, _ in errors] == [
        (4, "author_role"),
        (5, "created_at"),
        (6, "conversation_id"),
        (7, "channel"),
        (8, None),
        (9, "body"),
        (10, "body"),
    ]
    assert "'robot'" in errors[0][2] and "expected 6 fields" in errors[4][2]
    assert "UTF-8" in errors[6][2]
    ok = [m for m in got if m.role != ERROR]
    assert [m.record for m in ok] == [2, 11] and ok[0].body == "Hi, where is\nmy parcel?"
    assert ok[1].created_at == parse_time("2024-03-04T11:00:00+00:00")


def test_audit_columns_are_configurable_and_missing_ones_named(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.parquet"
    pq.write_table(
        pa.table(
            {
                "ticket": ["9", "9"],
                "role": ["end-user", "admin"],
                "text": ["Help?", "Hi Jo, done."],
                "who": ["Jo", "Ana"],
            }
        ),
        path,
    )
    columns = {"conversation_id": "ticket", "author_role": "role", "body": "text", "author_name": "who"}
    _, got = _messages(path, 1 << 20, columns=columns)
    assert [(m.role, m.author, m.body, m.source) for m in got] == [
        (CUSTOMER, "Jo", "Help?", "warehouse.parquet:row 1"),
        (AGENT, "Ana", "Hi Jo, done.", "warehouse.parquet:row 2"),
    ]
    from replylint.audit.rows import check_columns

    with pytest.raises(InputError, match=r"no column 'conversation_id'.*--column conversation_id=YOURS"):
        check_columns(["ticket", "role", "text"], column_map({}), str(path))
    with pytest.raises(InputError, match="unknown column 'bodyy'"):
        column_map({"bodyy": "text"})


def test_audit_parquet_chunks_are_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "h.parquet"
    audit_export.write_parquet(path, 50, row_group_size=16)
    export, pieces = _messages(path, 1)
    assert len(export.chunks) == pq.ParquetFile(path).metadata.num_row_groups > 5
    assert [m.record for m in pieces] == list(range(1, len(pieces) + 1))


def test_audit_conversation_lines_and_their_errors(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    good = {
        "id": "C-1",
        "customer": {"name": "Priya"},
        "team": "Billing",
        "messages": [
            {"from": "customer", "text": "Where is my refund?", "created_at": "2024-03-04T09:00:00Z"},
            {"from": "agent", "agent": {"name": "Ana"}, "text": "Hi Priya, it is on its way.", "id": "m2"},
            {"from": "agent", "text": "Following up.", "created_at": "soon"},
        ],
        "agent": "Ben",
    }
    path.write_text(
        json.dumps(good)
        + "\n\n{not json\n"
        + json.dumps([1])
        + "\n"
        + json.dumps({"messages": "x"})
        + "\n"
        + '{"id": "C-2", "messages": [{"from": "agent", "text": "Hi \\ud800"}]}\n'
        + "[" * 5000
        + "]" * 5000
        + "\n",
        encoding="utf-8",
    )
    _, got = _messages(path, 1 << 20)
    assert [(m.record, m.part, m.role) for m in got] == [(1, 0, "customer"), (1, 1, "agent"), (1, 2, "error"),
                                                         (3, 0, "error"), (4, 0, "error"), (5, 0, "error"),
                                                         (6, 0, "error"), (7, 0, "error")]  # fmt: skip
    assert got[1].author == "Ana" and got[1].customer == "Priya" and got[1].team == "Billing"
    assert got[2].error_field == "messages[2].created_at"
    assert got[3].error.startswith("invalid JSON") and got[3].source == "c.jsonl:3"
    assert got[5].error_field == "messages"
    # a lone surrogate would crash spaCy and the Parquet writer; deep nesting any walk
    assert "lone surrogate (\\ud800)" in got[6].error and got[6].source == "c.jsonl:6"
    assert "nested more than 100 levels deep" in got[7].error


def test_audit_zendesk_export_with_users_and_private_notes(tmp_path: Path) -> None:
    path = tmp_path / "tickets.json"
    ticket = {
        "id": 42,
        "requester_id": 1,
        "group_id": 7,
        "via": {"channel": "web"},
        "comments": [
            {"id": 1, "author_id": 1, "body": "My order is late.", "public": True, "created_at": "2024-05-01T10:00:00Z"},
            {"id": 2, "author_id": 2, "body": "Check the warehouse", "public": False},
            {"id": 3, "author_id": 2, "plain_body": "Hi Jo, it ships today.", "body": "ignored",
             "public": True, "created_at": "2024-05-01T11:00:00Z", "via": {"channel": "chat"}},
            {"id": 4, "author_id": 3, "body": "Anything else?", "public": True},
            {"id": 5, "author_id": -1, "body": "Ticket solved", "public": True},
        ],
    }  # fmt: skip
    path.write_text(json.dumps(ticket) + "\n" + json.dumps({"id": 43}) + "\n", encoding="utf-8")
    users = tmp_path / "users.json"
    users.write_text(json.dumps({"users": [{"id": 1, "name": "Jo Reyes", "role": "end-user"},
                                           {"id": 2, "name": "Ana Souza", "role": "agent"}]}))  # fmt: skip
    export, got = _messages(path, 1 << 20, users=str(users))
    assert export.format == "zendesk"
    assert [(m.part, m.role, m.author, m.channel) for m in got] == [
        (0, CUSTOMER, "Jo Reyes", "email"),
        (2, AGENT, "Ana Souza", "chat"),
        (3, AGENT, "agent 3", "email"),  # not in the users export, not the requester: an agent by id
        (0, ERROR, None, None),
    ]
    assert (
        got[1].body == "Hi Jo, it ships today." and got[1].team == "group 7" and got[1].customer == "Jo Reyes"
    )
    assert got[3].error_field == "comments" and got[3].conversation_id == "43"
    # the same tickets as one API-style document with sideloaded users
    doc = tmp_path / "page.json"
    doc.write_text(
        json.dumps({"tickets": [ticket], "users": json.loads(users.read_text())["users"]}, indent=1)
    )
    export, again = _messages(doc, 1 << 20)
    assert export.format == "zendesk-document"
    assert [(m.role, m.author, m.body) for m in again] == [(m.role, m.author, m.body) for m in got[:3]]


def test_audit_requests_use_the_customers_messages_before_each_reply() -> None:
    from replylint.audit.messages import Message

    def msg(part: int, role: str, body: str, author: str, hour: int) -> Message:
        return Message(0, 10 - part, 0, "k", "T", role, body=body, author=author,
                       created_at=parse_time(f"2024-03-04T{hour:02d}:00:00Z"), source=f"x.csv:{10 - part}")  # fmt: skip

    # rows given out of time order (as a time-ordered export of many conversations would be)
    conv = [
        msg(3, AGENT, "Hi Sam, it is fixed now.\n\nBest,\nAna", "Ana Souza", 12),
        msg(0, CUSTOMER, "Hi, the app crashes when I log in.\n\nSam", "Sam Lee", 9),
        msg(1, AGENT, "Hi Sam, which phone do you use?\n\nBest,\nBen", "Ben Okafor", 10),
        msg(2, CUSTOMER, "An old Pixel.", "Sam Lee", 11),
    ]
    got = list(requests(conv, channel="chat"))
    assert [r.message.author for r in got] == ["Ben Okafor", "Ana Souza"]
    assert [r.draft.ticket for r in got] == ["Hi, the app crashes when I log in.\n\nSam", "An old Pixel."]
    assert all(r.draft.customer == "Sam Lee" for r in got)
    assert [r.values.agent for r in got] == ["Ben Okafor", "Ana Souza"] and got[0].values.channel == "chat"


def test_audit_values_roles_channels_and_weeks() -> None:
    assert role_of("End-User") == CUSTOMER and role_of(" admin ") == AGENT
    with pytest.raises(ValueError, match="'bot'"):
        role_of("bot")
    assert (
        channel_of("native_messaging") == "chat"
        and channel_of("") is None
        and channel_of("Twitter") == "social"
    )
    assert week_of(parse_time("2024-12-30T10:00:00Z")) == "2025-W01"
    assert parse_time(1709546400) == parse_time("2024-03-04T10:00:00Z")
    assert week_of(None) is None
