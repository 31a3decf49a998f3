"""Inline suppression comments in drafts and templates."""

from __future__ import annotations

import replylint
from replylint.suppress import parse

SLOPPY = "Hi Sarah,\n\nThanks for writing in. I just checked and it is really on its way.\n\nBest,\nAna\n"


def _rules(report: replylint.Report) -> list[str]:
    return [f.rule for f in report.documents[0].findings]


def test_suppress_disable_and_enable_a_rule_for_a_stretch() -> None:
    text = SLOPPY.replace(
        "Thanks for writing in. I just checked and it is really on its way.",
        "<!-- replylint-disable filler-words -->\nThanks for writing in. I just checked."
        "\n<!-- replylint-enable filler-words -->\nIt is really on its way.",
    )
    findings = replylint.lint(text, customer="Sarah", agent="Ana").documents[0].findings
    assert [(f.rule, f.match.strip()) for f in findings if f.rule == "filler-words"] == [
        ("filler-words", "really")
    ]


def test_suppress_disable_next_line_only_covers_that_line() -> None:
    text = "Hi Sarah,\n\n<!-- replylint-disable-next-line spelling -->\nThanks for writting in.\nYou will recieve it.\n\nBest,\nAna\n"
    findings = replylint.lint(text, customer="Sarah", agent="Ana").documents[0].findings
    assert [f.match for f in findings if f.rule == "spelling"] == ["recieve"]


def test_suppress_disable_without_a_rule_turns_everything_off_to_the_end() -> None:
    ranges = parse("a <!-- replylint-disable --> b").ranges
    assert ranges == (("*", len("a <!-- replylint-disable -->"), len("a <!-- replylint-disable --> b")),)


def test_suppress_comments_are_not_checked_as_text() -> None:
    text = "Hi Sarah,\n\n<!-- replylint-disable exclamations -->\nThanks for writing in!!!\n\nBest,\nAna\n"
    report = replylint.lint(text, customer="Sarah", agent="Ana")
    assert "exclamations" not in _rules(report)
    assert "spelling" not in _rules(report)  # "replylint" in the comment is not a misspelling
