"""YAML positions: block scalars and one-line scalars map exactly; the rest to the start line."""

from __future__ import annotations

import pytest

from replylint.errors import InputError
from replylint.readers.libraryfile import LibraryFile

YAML = """\
- id: literal
  body: |
    Hi {{customer.first_name}},

    Your parcel was recieved today.
      An indented line with wrongg spelling.
    Best,
    Ana
- id: folded
  body: >
    Thanks for writing in. We have
    recieved your order and it
    ships tomorrow.

    Best, Ana
- id: double
  body: "Hi Sam,\\n\\tWe \\"have\\" recieved it \\u00e9."
- id: single
  body: 'It''s recieved'
- id: plain
  body: plain recieved here
- id: plain-multi
  body: plain text that
    continues with recieved
    on the next line
- id: quoted-multi
  body: "first line \\
    then recieved"
"""


def _locate_word(item: int, word: str) -> tuple[int, int, str]:
    lib = LibraryFile.parse(YAML, "r.yaml", "yaml")
    value = lib.data[item]["body"]
    locate = lib.locator((item, "body"), value)
    assert locate is not None
    line, column = locate(value.index(word))
    raw_line = YAML.splitlines()[line - 1]
    return line, column, raw_line[column - 1 : column - 1 + len(word)]


@pytest.mark.parametrize(
    ("item", "word", "line"),
    [
        (0, "recieved", 5),
        (0, "wrongg", 6),
        (0, "Ana", 8),
        (1, "recieved", 12),
        (1, "ships", 13),
        (1, "Best", 15),
        (2, "recieved", 17),
        (2, "have", 17),
        (3, "recieved", 19),
        (4, "recieved", 21),
        (5, "recieved", 24),
        (5, "next", 25),
    ],
)
def test_exact_yaml_positions_point_at_the_word(item: int, word: str, line: int) -> None:
    got_line, _, raw = _locate_word(item, word)
    assert (got_line, raw) == (line, word)


def test_indented_literal_line_keeps_its_extra_indent() -> None:
    _, column, _ = _locate_word(0, "An indented")
    assert column == 7  # 4 block indent + 2 more


def test_multi_line_quoted_scalar_falls_back_to_start_line_column_one() -> None:
    lib = LibraryFile.parse(YAML, "r.yaml", "yaml")
    value = lib.data[6]["body"]
    locate = lib.locator((6, "body"), value)
    assert locate(value.index("recieved")) == (27, 1)


def test_end_offset_maps_inside_the_file() -> None:
    lib = LibraryFile.parse(YAML, "r.yaml", "yaml")
    value = lib.data[0]["body"]
    line, _ = lib.locator((0, "body"), value)(len(value))
    assert line == 8


def test_yaml_item_lines_for_errors() -> None:
    lib = LibraryFile.parse(YAML, "r.yaml", "yaml")
    assert lib.line((1,)) == 9
    assert lib.line((1, "body")) == 10
    assert lib.line((99,)) is None


def test_bad_yaml_names_line_and_column() -> None:
    with pytest.raises(InputError) as info:
        LibraryFile.parse("- id: a\n  body: 'unclosed\n- id: b\n", "r.yaml", "yaml")
    assert info.value.file == "r.yaml"
    assert info.value.line == 4
    assert "column 1" in info.value.message
