"""Library items through the whole linter: findings point at the word in the raw file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import run
from replylint.engine import Linter
from replylint.errors import InputError
from replylint.readers.files import decode, wide_encoding
from replylint.readers.library import read_path, read_text, split_entries

REPO = Path(__file__).resolve().parent.parent
LIBRARY = REPO / "examples" / "library"


def _findings(linter: Linter, drafts: list, rule: str) -> list:
    report = run.lint(linter, drafts)
    return [(doc, f) for doc in report.documents for f in doc.findings if f.rule == rule]


def _raw_at(text: str, line: int, column: int, length: int) -> str:
    return text.splitlines()[line - 1][column - 1 : column - 1 + length]


def test_json_spelling_finding_points_at_the_raw_word(default_linter: Linter) -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\n"
        'Thanks for the \u201cdetails\u201d \U0001f44d and the "photos". I\'ll recieve the parcel\\box today.\n\n'
        "Best,\n{{current_user.first_name}}"
    )
    macro = {"id": 1, "title": "T", "actions": [{"field": "comment_value", "value": ["channel:all", body]}]}
    for indent in (None, 2):
        text = json.dumps({"macros": [macro]}, indent=indent)
        drafts, _ = split_entries(read_text(text, "m.json", suffix=".json"))
        found = _findings(default_linter, drafts, "spelling")
        assert [f.match for _, f in found] == ["recieve"]
        ((_, finding),) = found
        assert _raw_at(text, finding.line, finding.column, len("recieve")) == "recieve"


def test_html_macro_finding_maps_through_tags_and_escapes(default_linter: Linter) -> None:
    html = '<p>Hi {{ticket.requester.first_name}},</p>\n<p>Thanks! Your <b class="x">adress</b> is saved.</p>'
    text = json.dumps(
        {"macros": [{"id": 2, "title": "H", "actions": [{"field": "comment_value_html", "value": html}]}]}
    )
    drafts, _ = split_entries(read_text(text, "m.json", suffix=".json"))
    ((_, finding),) = _findings(default_linter, drafts, "spelling")
    assert _raw_at(text, finding.line, finding.column, len("adress")) == "adress"


def test_template_placeholders_are_not_missing_names(default_linter: Linter) -> None:
    drafts, _ = split_entries(read_path(LIBRARY / "zendesk-macros.json"))
    report = run.lint(default_linter, drafts)
    by_item = {doc.item: doc for doc in report.documents}
    good = by_item["360011204511"]
    assert not [f for f in good.findings if f.rule in ("greeting-name", "signoff-name")]
    assert good.ready_to_send
    leftover = [f for f in by_item["360011204532"].findings if f.rule == "leftover-fill-in"]
    assert [f.match for f in leftover] == ["[Customer Name]"]


def test_yaml_and_front_matter_findings_point_at_the_raw_word(default_linter: Linter) -> None:
    for path, word in (
        (LIBRARY / "replies.yaml", "minuts"),
        (LIBRARY / "templates" / "exchange-policy.md", "insted"),
    ):
        drafts, _ = split_entries(read_path(path))
        found = [(d, f) for d, f in _findings(default_linter, drafts, "spelling") if f.match == word]
        assert len(found) == 1, path
        ((_, finding),) = found
        assert _raw_at(path.read_text(encoding="utf-8"), finding.line, finding.column, len(word)) == word


def test_item_disable_skips_the_rule(default_linter: Linter) -> None:
    drafts, _ = split_entries(read_path(LIBRARY / "replies.yaml"))
    report = run.lint(default_linter, drafts)
    chat = next(doc for doc in report.documents if doc.item == "chat-hold")
    assert not [f for f in chat.findings if f.rule == "exclamations"]


# -- UTF-16 and UTF-32 files are named for what they are ----------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("Hi Sam,\n\nThanks.\n".encode("utf-16"), "UTF-16"),  # with a BOM
        ("Hi Sam,\n\nThanks.\n".encode("utf-16-le"), "UTF-16"),
        ("Hi Sam,\n\nThanks.\n".encode("utf-16-be"), "UTF-16"),
        ("Hi Sam,\n\nThanks.\n".encode("utf-32"), "UTF-32"),
    ],
)
def test_readers_wide_encodings_are_named_not_binary(tmp_path: Path, data: bytes, name: str) -> None:
    assert wide_encoding(data) == name
    with pytest.raises(InputError) as caught:
        decode(data, "reply.txt")
    assert f"{name} text" in str(caught.value) and "UTF-8" in str(caught.value)
    assert "binary" not in str(caught.value)


def test_readers_binary_and_utf8_are_unchanged() -> None:
    assert wide_encoding(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00") is None
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "x.txt")
    assert decode("Hi Sam, café".encode(), "x.txt") == "Hi Sam, café"
