"""Front matter: settings apply, the text after it is checked, lines stay the file's."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.document import Draft
from replylint.errors import InputError
from replylint.readers.files import read_draft
from replylint.readers.library import read_path

TEMPLATE = """\
---
title: Refund approved
customer: Sarah
agent: Ana
channel: email
mode: template
disable: [exclamations]
replylint:
  disable: [filler-words]
layout: macro
---
Hi {{customer.first_name}},

Your refund was recieved.
"""


def _write(tmp_path: Path, text: str, name: str = "t.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_settings_apply_and_are_not_checked(tmp_path: Path) -> None:
    draft = read_draft(_write(tmp_path, TEMPLATE))
    assert draft.text.startswith("Hi {{customer.first_name}},")
    assert "title:" not in draft.text
    assert (draft.title, draft.customer, draft.agent, draft.channel, draft.mode) == (
        "Refund approved",
        "Sarah",
        "Ana",
        "email",
        "template",
    )
    assert draft.disable == frozenset({"exclamations", "filler-words"})
    assert draft.item is None


def test_front_matter_positions_are_the_files_real_lines(tmp_path: Path) -> None:
    draft = read_draft(_write(tmp_path, TEMPLATE))
    assert draft.locate is not None
    assert draft.locate(0) == (12, 1)
    line, column = draft.locate(draft.text.index("recieved"))
    assert (line, column) == (14, 17)
    assert TEMPLATE.splitlines()[line - 1][column - 1 :].startswith("recieved")


def test_crlf_front_matter_keeps_lines(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(TEMPLATE.replace("\n", "\r\n").encode())
    draft = read_draft(path)
    assert draft.text.startswith("Hi ")
    assert draft.locate(draft.text.index("recieved"))[0] == 14


def test_file_without_front_matter_is_unchanged(tmp_path: Path) -> None:
    text = "Hi Sam,\n---\nnot: front matter\n---\n"
    draft = read_draft(_write(tmp_path, text, "plain.txt"))
    assert draft == Draft(text, source=str(tmp_path / "plain.txt"))
    assert draft.locate is None


def test_unclosed_opening_line_is_reply_text(tmp_path: Path) -> None:
    text = "---\nHi Sam, thanks.\n"
    assert read_draft(_write(tmp_path, text)).text == text


def test_bad_front_matter_yaml_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "---\ntitle: ok\ncustomer: [unclosed\nagent: Ana\n---\nHi\n")
    (error,) = read_path(path)
    assert isinstance(error, InputError)
    assert error.file == str(path)
    assert error.line == 4


def test_bad_front_matter_setting_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "---\ntitle: ok\nmode: final\n---\nHi\n")
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert info.value.line == 3
    assert "mode" in info.value.message and "draft, template" in info.value.message


def test_front_matter_only_is_an_empty_draft(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_draft(_write(tmp_path, "---\ntitle: x\n---\n\n"))


def test_html_file_with_front_matter_stays_html(tmp_path: Path) -> None:
    (draft,) = read_path(_write(tmp_path, "---\nagent: Ana\n---\n<p>Hi</p>\n", "r.html"))
    assert isinstance(draft, Draft) and draft.is_html and draft.agent == "Ana"
