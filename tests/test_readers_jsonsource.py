"""JSON positions: every decoded character of a string maps back to its raw character."""

from __future__ import annotations

import json
import random

import pytest

from replylint.errors import InputError
from replylint.readers.jsonsource import literal_origin, parse_json
from replylint.readers.libraryfile import LibraryFile


def _raw_char(literal: str, offset: int) -> str:
    """The decoded character a raw escape (or plain char) at `offset` stands for."""
    if literal[offset] != "\\":
        return literal[offset]
    if literal[offset + 1] == "u":
        end = offset + 6
        high = 0xD800 <= int(literal[offset + 2 : end], 16) <= 0xDBFF
        if (
            high
            and literal.startswith("\\u", end)
            and 0xDC00 <= int(literal[end + 2 : end + 6], 16) <= 0xDFFF
        ):
            end += 6
        return json.loads('"' + literal[offset:end] + '"')
    return json.loads('"' + literal[offset : offset + 2] + '"')


@pytest.mark.parametrize(
    "value",
    [
        "plain words",
        'say "hi"\nthen\\go/',
        "tab\there\r\nand \b\f",
        "caf\u00e9 \u2014 \u201cquoted\u201d",
        "emoji \U0001f600 after",
        "\x00\x1f control",
        "",
    ],
)
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_literal_origin_maps_each_decoded_char_to_its_raw_char(value: str, ensure_ascii: bool) -> None:
    literal = json.dumps(value, ensure_ascii=ensure_ascii)
    origin = literal_origin(literal)
    assert len(origin) == len(value) + 1
    assert origin[-1] == len(literal) - 1  # the end maps to the closing quote
    for i, ch in enumerate(value):
        assert _raw_char(literal, origin[i]) == ch, f"char {i} ({ch!r}) of {literal}"


def test_literal_origin_surrogate_pair_is_one_char_of_twelve_raw() -> None:
    literal = '"a\\ud83d\\ude00b"'
    assert json.loads(literal) == "a\U0001f600b"
    assert literal_origin(literal) == [1, 2, 14, 15]


def test_literal_origin_lone_surrogate_is_one_char_of_six_raw() -> None:
    literal = '"\\ud83dx"'
    assert len(json.loads(literal)) == 2
    assert literal_origin(literal) == [1, 7, 8]


def test_literal_origin_random_strings_round_trip() -> None:
    rng = random.Random(7)
    alphabet = 'ab "\\/\n\t\r\x01é€\U0001f44d\ud800'
    for _ in range(300):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        literal = json.dumps(value)
        origin = literal_origin(literal)
        assert len(origin) == len(value) + 1
        assert [_raw_char(literal, o) for o in origin[:-1]] == list(value), literal


def test_parse_json_records_spans_by_path() -> None:
    text = '{"macros": [{"id": 1, "title": "A\\"b"}, {"k\\u0065y": [true, null, -1.5e3]}]}'
    data, spans = parse_json(text, "x.json")
    assert data["macros"][0]["title"] == 'A"b'
    start, end = spans[("macros", 0, "title")]
    assert text[start:end] == '"A\\"b"'
    assert text[slice(*spans[("macros", 1, "key", 2)])] == "-1.5e3"
    assert text[slice(*spans[("macros", 0)])] == '{"id": 1, "title": "A\\"b"}'
    assert text[slice(*spans[()])] == text


def test_parse_json_error_names_file_line_and_column() -> None:
    text = '[\n  {"id": 1,\n   "body": "Hi"\n   "title": "x"}\n]'
    with pytest.raises(InputError) as info:
        parse_json(text, "lib.json")
    err = info.value
    assert err.file == "lib.json"
    assert err.line == 4
    assert "column 4" in err.message
    assert str(err).startswith("lib.json:4: invalid JSON")


def test_locator_points_at_word_through_escapes() -> None:
    body = (
        'Hi {{ticket.requester.first_name}},\n\n\u201cQuoted\u201d \U0001f600 and "escaped" \\ then recieved.'
    )
    text = json.dumps(
        {"macros": [{"id": 5, "title": "t", "actions": [{"field": "comment_value", "value": body}]}]}
    )
    lib = LibraryFile.parse(text, "m.json", "json")
    locate = lib.locator(("macros", 0, "actions", 0, "value"), body)
    assert locate is not None
    line, column = locate(body.index("recieved"))
    assert line == 1
    assert text[column - 1 : column - 1 + len("recieved")] == "recieved"
    line, column = locate(body.index("escaped"))
    assert text[column - 3 : column - 1 + len("escaped")] == '\\"escaped'


def test_locator_on_pretty_printed_json_gives_real_lines() -> None:
    items = [{"id": i, "title": f"T{i}", "body": f"Line one\nword{i} here"} for i in range(3)]
    text = json.dumps(items, indent=2)
    lib = LibraryFile.parse(text, "r.json", "json")
    raw_lines = text.splitlines()
    for i in range(3):
        body = items[i]["body"]
        line, column = lib.locator((i, "body"), body)(body.index(f"word{i}"))
        assert raw_lines[line - 1][column - 1 :].startswith(f"word{i}")


def test_locator_refuses_a_value_that_is_not_the_literal() -> None:
    lib = LibraryFile.parse('{"a": "abc", "n": 3}', "x.json", "json")
    assert lib.locator(("a",), "abcd") is None
    assert lib.locator(("n",), "3") is None
    assert lib.locator(("missing",), "x") is None
