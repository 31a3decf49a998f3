"""CR LF, a lone CR and LF each end a line: same regions, same findings, same lines."""

from __future__ import annotations

import pytest

from replylint import lint
from replylint.formatters import FORMATTERS
from replylint.suppress import parse
from replylint.textmap import LineIndex

DRAFT = (
    "Hi Sarah,\n\nThanks for writing in. Your refund is on its wey.\nI just checked the tracking.\n\n"
    "Best,\nAna\n\n> On Monday you wrote:\n> where is it"
)


def _found(text: str) -> list[tuple[str, int, int, str]]:
    doc = lint(text, customer="Sarah", agent="Ana").documents[0]
    return [(f.rule, f.line, f.column, f.match) for f in doc.findings]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_give_the_same_findings_as_lf(newline: str) -> None:
    expected = _found(DRAFT)
    assert ("spelling", 3, 46, "wey") in expected
    assert not any(rule == "signoff-name" for rule, *_ in expected)
    assert _found(DRAFT.replace("\n", newline)) == expected


def test_line_endings_cr_only_draft_is_not_one_line() -> None:
    doc = lint(DRAFT.replace("\n", "\r"), customer="Sarah", agent="Ana").documents[0]
    assert {f.line for f in doc.findings} != {1}
    assert doc.score == lint(DRAFT, customer="Sarah", agent="Ana").documents[0].score
    out = FORMATTERS["text"](lint(DRAFT.replace("\n", "\r"), customer="Sarah", agent="Ana"))
    assert "Your refund is on its wey." in out and "\r" not in out


def test_line_endings_line_index_counts_every_kind_of_break() -> None:
    text = "a\r\nbb\rccc\nd"
    index = LineIndex.of(text)
    assert [index.position(text.index(c)) for c in "abcd"] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert [index.line_span(n, text) for n in (1, 2, 3, 4)] == [(0, 1), (3, 5), (6, 9), (10, 11)]
    assert index.bounds(text.index("ccc") + 1, text) == (6, 9)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_disable_next_line_covers_the_next_line(newline: str) -> None:
    text = newline.join(["<!-- replylint-disable-next-line spelling -->", "wey one", "wey two"])
    [(rule, start, end)] = parse(text).ranges
    assert rule == "spelling" and text[start:end] == "wey one"
