"""Hostile JSON and YAML: lone surrogates, huge numbers, deep nesting and alias bombs
are clear errors naming the source, line and field, never a crash or a hang."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import pytest

from replylint import datacheck, lint
from replylint.errors import ConfigError, InputError, RuleFileError
from replylint.readers.conversation import parse_conversation, parse_conversation_text, read_stream
from replylint.readers.frontmatter import split_front_matter
from replylint.readers.library import read_text
from replylint.yamlfile import parse_yaml

DRAFT = "Hi Sam,\n\nYour refund is on its way.\n\nBest,\nAna"
DEEP = 100_000


def _conv(**fields: object) -> str:
    """Conversation JSON text (a lone surrogate in a value is written as its escape)."""
    return json.dumps({"draft": DRAFT, **fields})


def _error(call) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


# -- datacheck itself ---------------------------------------------------------------------


def test_datacheck_problem_names_the_path() -> None:
    data = {"macros": [{"id": 1}, {"title": "ok", "actions": [{"value": "a\ud83db"}]}]}
    found = datacheck.problem(data)
    assert found is not None and found.kind == "surrogate"
    assert found.field == "macros[1].actions[0].value"
    assert "\\ud83d" in found.message


def test_datacheck_problem_reports_nesting_before_anything_else() -> None:
    data: list = ["\ud800"]
    for _ in range(150):
        data = [data]
    found = datacheck.problem(data)
    assert found is not None and found.kind == "nesting"


def test_datacheck_problem_huge_int_and_clean_data() -> None:
    assert datacheck.problem({"id": 10**1200}).kind == "number"  # type: ignore[union-attr]
    assert datacheck.problem({"id": 10**30, "a": [1.5, None, True, "\U0001f600 ok"]}) is None


def test_datacheck_shown_escapes_surrogates() -> None:
    assert datacheck.shown("a\udc80b") == "a\\udc80b"
    assert datacheck.shown("plain é") == "plain é"


# -- conversations (JSON text, JSON lines and the API's dicts) ----------------------------


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"draft": "Hi \\ud800 Sam"}', "draft"),
        (_conv(customer={"name": "Sam\udfff"}), "customer.name"),
        (_conv(messages=[{"from": "customer", "text": "\ud83d"}]), "messages[0].text"),
        (_conv(extra={"\ud800": 1}), "extra.\\ud800"),
    ],
)
def test_datacheck_conversation_lone_surrogate_names_the_field(text: str, field: str) -> None:
    error = _error(lambda: parse_conversation_text(text, "conv.json"))
    assert "lone surrogate" in str(error)
    assert error.field == field
    str(error).encode("utf-8")  # printable as it is


def test_datacheck_conversation_deep_nesting_and_huge_numbers() -> None:
    deep = _error(lambda: parse_conversation_text("[" * DEEP + "]" * DEEP, "conv.json"))
    assert "nested" in str(deep)
    deep_field = _conv(x=0).replace("0}", "[" * 150 + "]" * 150 + "}")
    assert "nested" in str(_error(lambda: parse_conversation_text(deep_field, "c.json")))
    huge = _error(lambda: parse_conversation_text(_conv(id=0).replace("0}", "9" * 5000 + "}"), "c.json"))
    assert "digits" in str(huge) and huge.line == 1
    big = _error(lambda: parse_conversation_text(_conv(id=int("9" * 1500)), "c.json"))
    assert "digits" in str(big) and big.field == "id"


def test_datacheck_conversation_id_of_any_shape_is_kept_as_text() -> None:
    """Nesting and number size are bounded first, so any id can be shown."""
    assert parse_conversation({"draft": "Hi Sam", "id": [[1]]}).item == "[[1]]"
    assert parse_conversation({"draft": "Hi Sam", "id": 7}).item == "7"
    assert parse_conversation({"draft": "Hi Sam", "id": 10**999}).item == str(10**999)


def test_datacheck_conversation_stream_answers_each_bad_line_with_its_line() -> None:
    lines = [
        _conv(),
        '{"draft": "Hi \\ud800"}',
        "[" * DEEP + "]" * DEEP,
        _conv(id=0).replace("0}", "1" * 5000 + "}"),
        _conv(id="last"),
    ]
    results = list(read_stream(lines, "-"))
    assert [n for n, _ in results] == [1, 2, 3, 4, 5]
    kinds = [type(entry).__name__ for _, entry in results]
    assert kinds == ["Draft", "InputError", "InputError", "InputError", "Draft"]
    assert [entry.line for _, entry in results[1:4]] == [2, 3, 4]  # type: ignore[union-attr]


def test_datacheck_api_conversation_dict_with_a_surrogate_is_an_input_error() -> None:
    error = _error(lambda: lint(conversation={"draft": "Hi Sam,\n\nDone \udc00.\n\nBest,\nAna"}))
    assert error.field == "draft"


# -- library files (every JSON reader goes through the same parser) -----------------------

ZENDESK = {"macros": [{"id": 1, "title": "Ok", "actions": [{"field": "comment_value", "value": "Hi Sam"}]}]}
LIBRARIES = {
    "zendesk": (ZENDESK, ("macros", 0, "actions", 0, "value")),
    "helpscout": ([{"id": 7, "name": "Reset", "text": "Hi Sam"}], (0, "text")),
    "freshdesk": (
        [{"id": 4, "title": "Cancel", "content": "Hi", "content_html": "<p>Hi</p>"}],
        (0, "content_html"),
    ),
    "intercom": (
        {"type": "list", "data": [{"type": "macro", "id": "8", "name": "T", "body": "Hi"}]},
        ("data", 0, "body"),
    ),
    "list": ([{"id": "a", "body": "Hi Sam"}], (0, "body")),
}


def _set(data: object, path: tuple, value: object) -> object:
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    return data


@pytest.mark.parametrize("fmt", sorted(LIBRARIES))
def test_datacheck_library_json_lone_surrogate_names_line_and_field(fmt: str) -> None:
    data, path = LIBRARIES[fmt]
    text = json.dumps(_set(data, path, "Hi \ud800 there"), indent=2)
    assert "\\ud800" in text
    error = _error(lambda: read_text(text, "lib.json", fmt, suffix=".json"))
    assert error.file == "lib.json" and error.line is not None and error.line > 1
    assert error.field == datacheck.format_path(path)
    assert '"Hi \\ud800 there"' in text.splitlines()[error.line - 1]


@pytest.mark.parametrize("fmt", sorted(LIBRARIES))
def test_datacheck_library_json_huge_number_and_deep_nesting(fmt: str) -> None:
    data, _ = LIBRARIES[fmt]
    text = json.dumps(data, indent=2).replace("{", '{\n"n": %s,' % ("7" * 5000), 1)
    error = _error(lambda: read_text(text, "lib.json", fmt, suffix=".json"))
    assert "digits" in str(error)
    assert error.line == text.count("\n", 0, text.index("7777")) + 1
    deep = "[" * DEEP + "]" * DEEP
    assert "nested" in str(_error(lambda: read_text(deep, "lib.json", fmt, suffix=".json")))


def test_datacheck_library_json_number_inside_an_item_names_its_line() -> None:
    text = '{"macros": [\n  {"id": %s, "actions": []}\n]}' % ("3" * 5000)
    error = _error(lambda: read_text(text, "z.json", "zendesk", suffix=".json"))
    assert error.line == 2


# -- YAML: library files, front matter, rule and config files ------------------------------


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join([*lines, "items:", "  - body: *a8", ""])


def test_datacheck_yaml_alias_bomb_is_refused_fast() -> None:
    bomb = _alias_bomb()
    assert len(bomb) < 500
    started = time.perf_counter()
    error = _error(lambda: read_text(bomb, "bomb.yaml", "auto", suffix=".yaml"))
    elapsed = time.perf_counter() - started
    assert "alias" in str(error) and error.file == "bomb.yaml"
    assert error.line == 6  # a5: the first anchor that alone expands past the limit
    assert elapsed < 10, f"alias bomb took {elapsed:.1f}s"  # unbounded it ran for minutes


def test_datacheck_yaml_bomb_in_rule_config_and_front_matter() -> None:
    bomb = _alias_bomb()
    with pytest.raises(RuleFileError, match="alias"):
        parse_yaml(bomb, "rule.yaml", RuleFileError)
    with pytest.raises(ConfigError, match="alias"):
        parse_yaml(bomb, ".replylint.yaml", ConfigError)
    with pytest.raises(InputError, match="alias"):
        split_front_matter("---\n" + bomb + "---\nHi Sam,\n", "draft.md")


def test_datacheck_yaml_legitimate_aliases_still_load() -> None:
    text = "base: &base {agent: Ana}\nitems:\n" + "".join(
        f"  - {{id: {i}, body: Hi, replylint: *base}}\n" for i in range(200)
    )
    data = parse_yaml(text, "ok.yaml")
    assert data["items"][199]["replylint"] == {"agent": "Ana"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('- body: ok\n- body: "Hi \\ud800"\n', "lone surrogate", 2),
        ("- id: " + "4" * 5000 + "\n  body: Hi\n", "digits", 1),
        ("- body: " + "[" * 150 + "]" * 150 + "\n", "nested", None),
        ("- body: " + "[" * 5000 + "]" * 5000 + "\n", "nested", None),
    ],
)
def test_datacheck_yaml_library_problems_name_the_line(text: str, message: str, line: int | None) -> None:
    error = _error(lambda: read_text(text, "lib.yaml", "list", suffix=".yaml"))
    assert message in str(error)
    if line is not None:
        assert error.line == line
    # Config and rule files use libyaml, which refuses some of these itself; either way
    # the error is a ConfigError naming the file, never a crash.
    with pytest.raises(ConfigError) as config_error:
        parse_yaml(text, ".replylint.yaml", ConfigError)
    assert config_error.value.file == ".replylint.yaml" and config_error.value.line is not None


def test_datacheck_yaml_recursive_alias_does_not_hang() -> None:
    text = "- &a [*a, body]\n"
    started = time.perf_counter()
    with contextlib.suppress(InputError):
        read_text(text, "lib.yaml", "auto", suffix=".yaml")
    assert time.perf_counter() - started < 10


def test_datacheck_example_libraries_still_read(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent / "examples" / "library"
    for path in sorted(repo.glob("*.*")):
        if path.suffix in (".json", ".yaml"):
            entries = read_text(path.read_text(encoding="utf-8"), str(path), "auto", suffix=path.suffix)
            assert entries, path
