"""Library readers: format detection, one Draft per item, per-item errors, dispatch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.document import Draft
from replylint.errors import InputError
from replylint.readers.files import expand
from replylint.readers.library import (
    INPUT_FORMATS,
    UnknownFormatError,
    check_format,
    detect,
    read_library,
    read_path,
    read_text,
    split_entries,
    suffixes_for,
)

REPO = Path(__file__).resolve().parent.parent
LIBRARY = REPO / "examples" / "library"

ZENDESK = {
    "macros": [
        {
            "id": 101,
            "title": "Refund sent",
            "actions": [
                {"field": "status", "value": "solved"},
                {
                    "field": "comment_value",
                    "value": ["channel:all", "Hi {{ticket.requester.first_name}}, done."],
                },
            ],
        },
        {
            "id": 102,
            "title": "Html one",
            "actions": [{"field": "comment_value_html", "value": "<p>Hi there</p>"}],
        },
        {"id": 103, "title": "Plain string", "actions": [{"field": "comment_value", "value": "Hello."}]},
        {"id": 104, "title": "Only tags", "actions": [{"field": "set_tags", "value": "spam"}]},
        {"id": 105, "title": "Empty", "actions": [{"field": "comment_value", "value": ""}]},
    ],
    "count": 5,
}
HELPSCOUT = [
    {"id": 7, "name": "Reset", "text": "<p>Hi {%customer.firstName,fallback=there%}</p>", "chatText": "Hi!"},
    {"id": 8, "name": "Chat only", "text": "", "chatText": "Still there?"},
]
FRESHDESK = [
    {
        "id": 43,
        "title": "Cancel",
        "content": "Hi",
        "content_html": "<div>Hi {{ticket.requester.firstname}}</div>",
    },
    {"id": 44, "title": "Plain", "content": "Hi plain", "content_html": ""},
]
INTERCOM = {
    "type": "list",
    "data": [
        {
            "type": "macro",
            "id": "88",
            "name": "Tracking",
            "body": '<p>Hi {{first_name | fallback: "there"}}</p>',
        },
        {
            "type": "macro",
            "id": "89",
            "name": "Attr",
            "body": '<p>Hi <attribute key="user.first_name"/>,</p>',
            "body_text": 'Hi {{first_name | fallback: "there"}},',
        },
    ],
}
OWN_LIST = [
    {"id": "a", "title": "First", "body": "Hi Sam, thanks.", "customer": "Sam", "agent": "Ana"},
    {"id": 2, "body": "<p>Hi</p>", "replylint": {"disable": ["exclamations"]}},
]


def _read(data: object, name: str = "lib.json", fmt: str = "auto") -> list[Draft | InputError]:
    return read_text(json.dumps(data, indent=2), name, fmt, suffix=Path(name).suffix)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ZENDESK, "zendesk"),
        ({"macro": ZENDESK["macros"][0]}, "zendesk"),
        (ZENDESK["macros"], "zendesk"),
        (HELPSCOUT, "helpscout"),
        (HELPSCOUT[0], "helpscout"),
        (FRESHDESK, "freshdesk"),
        (FRESHDESK[0], "freshdesk"),
        (INTERCOM, "intercom"),
        (INTERCOM["data"][0], "intercom"),
        (OWN_LIST, "list"),
        ([], "list"),
        ([{"id": "x", "title": "no body yet"}], "list"),
        ({"name": "config", "version": 2}, None),
        ([{"foo": 1}], None),
        ("just a string", None),
        ({"type": "list", "data": [{"type": "contact", "id": "1"}]}, None),
    ],
)
def test_detect_names_each_format(data: object, expected: str | None) -> None:
    assert detect(data) == expected


def test_input_formats_lists_every_format() -> None:
    assert INPUT_FORMATS == (
        "auto",
        "reply",
        "list",
        "zendesk",
        "gorgias",
        "helpscout",
        "freshdesk",
        "intercom",
        "csv",
    )


def test_unknown_format_is_an_error_listing_the_formats() -> None:
    with pytest.raises(UnknownFormatError) as info:
        check_format("kayako")
    assert isinstance(info.value, ValueError) and isinstance(info.value, InputError)
    for name in INPUT_FORMATS:
        assert name in str(info.value)
    with pytest.raises(ValueError):
        read_text("Hi", "-", "zendsk")


def test_zendesk_items_ids_titles_html_and_mode() -> None:
    drafts, errors = split_entries(_read(ZENDESK))
    assert [(d.item, d.title, d.is_html) for d in drafts] == [
        ("101", "Refund sent", False),
        ("102", "Html one", True),
        ("103", "Plain string", False),
    ]
    assert drafts[0].text == "Hi {{ticket.requester.first_name}}, done."
    assert all(d.implied_mode == "template" and d.source == "lib.json" for d in drafts)
    # the tags-only macro is not a reply; the empty one is an error for that item only
    assert len(errors) == 1
    assert "105" in errors[0].message and "Empty" in errors[0].message
    assert errors[0].file == "lib.json"


def test_zendesk_prefers_the_html_comment_when_both_exist() -> None:
    macro = {
        "id": 9,
        "title": "Both",
        "actions": [
            {"field": "comment_value", "value": "plain"},
            {"field": "comment_value_html", "value": "<p>html</p>"},
        ],
    }
    (draft,) = _read({"macros": [macro]})
    assert isinstance(draft, Draft)
    assert draft.text == "<p>html</p>" and draft.is_html


def test_helpscout_text_is_html_and_chat_text_is_the_fallback() -> None:
    drafts, errors = split_entries(_read(HELPSCOUT))
    assert not errors
    assert [(d.item, d.title, d.is_html, d.implied_channel) for d in drafts] == [
        ("7", "Reset", True, None),
        ("8", "Chat only", False, "chat"),
    ]
    assert drafts[1].text == "Still there?"


def test_freshdesk_content_html_first_then_content() -> None:
    drafts, _ = split_entries(_read(FRESHDESK))
    assert [(d.item, d.title, d.is_html, d.text) for d in drafts] == [
        ("43", "Cancel", True, "<div>Hi {{ticket.requester.firstname}}</div>"),
        ("44", "Plain", False, "Hi plain"),
    ]


def test_intercom_body_is_html_unless_it_holds_attribute_elements() -> None:
    drafts, _ = split_entries(_read(INTERCOM))
    assert [(d.item, d.title, d.is_html) for d in drafts] == [("88", "Tracking", True), ("89", "Attr", False)]
    assert drafts[1].text == 'Hi {{first_name | fallback: "there"}},'


def test_own_list_settings_and_html_guess() -> None:
    drafts, errors = split_entries(_read(OWN_LIST))
    assert not errors
    first, second = drafts
    assert (first.item, first.title, first.customer, first.agent, first.is_html) == (
        "a",
        "First",
        "Sam",
        "Ana",
        False,
    )
    assert (second.item, second.title, second.is_html) == ("2", None, True)
    assert second.disable == frozenset({"exclamations"})


def test_own_list_in_yaml_with_item_errors() -> None:
    text = (
        "- id: ok\n"
        "  body: Hi Sam, thanks.\n"
        "  mode: draft\n"
        "  channel: Chat\n"
        "- id: no-body\n"
        "  title: Later\n"
        "- id: typo\n"
        "  boddy: Hi\n"
        "- id: bad-mode\n"
        "  body: Hi\n"
        "  replylint: {mode: final}\n"
        "- just a string\n"
    )
    entries = read_text(text, "r.yaml", suffix=".yaml")
    drafts, errors = split_entries(entries)
    assert [(d.item, d.mode, d.channel) for d in drafts] == [("ok", "draft", "chat")]
    assert [(e.line, e.file) for e in errors] == [
        (5, "r.yaml"),
        (8, "r.yaml"),
        (11, "r.yaml"),
        (12, "r.yaml"),
    ]
    assert "no-body" in errors[0].message and "'Later'" in errors[0].message
    assert "unknown key 'boddy'" in errors[1].message
    assert "replylint.mode" in errors[2].message and "draft, template" in errors[2].message
    assert "#5" in errors[3].message


def test_items_without_id_are_numbered_by_position() -> None:
    drafts, _ = split_entries(_read([{"body": "One"}, {"body": "Two"}]))
    assert [d.item for d in drafts] == ["#1", "#2"]


def test_explicit_format_that_does_not_match_is_an_error() -> None:
    with pytest.raises(InputError, match=r"not a freshdesk export.*looks like zendesk"):
        read_library(json.dumps(ZENDESK), "m.json", "freshdesk")


def test_unknown_library_content_names_the_option(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--input-format") as info:
        _read({"name": "package", "version": "1.0"})
    assert info.value.file == "lib.json"
    path = tmp_path / "package.json"
    path.write_text('{"name": "package"}', encoding="utf-8")
    (error,) = read_path(path)  # read_path returns file errors instead of raising
    assert isinstance(error, InputError) and "--input-format" in error.message


def test_malformed_yaml_library_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- id: a\n  body: Hi\n- id: b\n  body: [unclosed\n  title: x\n", encoding="utf-8")
    (error,) = read_path(path)
    assert isinstance(error, InputError)
    assert error.file == str(path)
    assert error.line == 5
    assert "column 8" in error.message


def test_malformed_json_library_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"macros": [\n  {"id": 1,, "title": "x"}\n]}\n', encoding="utf-8")
    (error,) = read_path(path)
    assert isinstance(error, InputError)
    assert (error.file, error.line) == (str(path), 2)
    assert "column 12" in error.message


def test_empty_library_is_an_error() -> None:
    with pytest.raises(InputError, match="no replies"):
        read_library("[]", "e.json")


def test_reply_format_reads_a_json_file_as_plain_text() -> None:
    (draft,) = read_text('{"not": "a library"}', "odd.json", "reply", suffix=".json")
    assert isinstance(draft, Draft) and draft.item is None and draft.text == '{"not": "a library"}'


def test_piped_json_library_is_detected_but_piped_prose_is_a_reply() -> None:
    entries = read_text(json.dumps(ZENDESK), "-")
    assert [e.item for e in entries if isinstance(e, Draft)] == ["101", "102", "103"]
    (reply,) = read_text("[Customer Name], thanks!", "-")
    assert isinstance(reply, Draft) and reply.item is None


def test_folder_walk_picks_up_library_files_for_auto() -> None:
    found = [p.name for p in expand([str(LIBRARY)], suffixes_for("auto")) if isinstance(p, Path)]
    assert "zendesk-macros.json" in found and "replies.yaml" in found and "refund-approved.md" in found
    assert "README.md" not in found  # a folder's README is not a reply
    named = [p for p in expand([str(LIBRARY / "README.md")]) if isinstance(p, Path)]
    assert [p.name for p in named] == ["README.md"]  # unless named on purpose
    library_only = [p.name for p in expand([str(LIBRARY)], suffixes_for("zendesk")) if isinstance(p, Path)]
    assert library_only and all(n.endswith((".json", ".yaml", ".yml")) for n in library_only)


def test_folder_walk_order_and_what_it_leaves_out(tmp_path: Path) -> None:
    """Files come in Path order (part by part: "a/z.txt" before "a-b.txt", which a plain
    string sort would reverse); hidden files and folders, READMEs, other suffixes and
    symlinked folders are left out; a symlinked file and an upper-case suffix are taken."""
    for name in ("a/z.txt", "a-b.txt", "a/b/c.md", "B.TXT", ".hidden/x.txt", "a/.x.txt", "a/README.md",
                 "notes.rst", "deep/er/est.html"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Hi Sam, thanks. Ana", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "o.txt").write_text("Hi", encoding="utf-8")
    (tmp_path / "linked").symlink_to(outside, target_is_directory=True)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a-b.txt")
    found = [p.relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)]) if isinstance(p, Path)]
    assert found == ["B.TXT", "a/b/c.md", "a/z.txt", "a-b.txt", "deep/er/est.html", "link.txt"]
    assert found == sorted(found, key=lambda f: Path(f).parts)  # the order rglob + sorted gave


@pytest.mark.parametrize(
    ("name", "items", "errors"),
    [
        ("zendesk-macros.json", 5, 0),  # its one empty macro is inactive, so left out
        ("helpscout-saved-replies.json", 3, 0),
        ("freshdesk-canned-responses.json", 3, 0),
        ("intercom-macros.json", 3, 0),
        ("replies.yaml", 4, 1),
        ("replies.json", 2, 0),
    ],
)
def test_example_libraries_read_as_documented(name: str, items: int, errors: int) -> None:
    drafts, errs = split_entries(read_path(LIBRARY / name))
    assert (len(drafts), len(errs)) == (items, errors), [str(e) for e in errs]
    assert all(d.locate is not None for d in drafts)
