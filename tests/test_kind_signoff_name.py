"""signoff-name kind: sign with a person's name (with an agent: that name)."""

from __future__ import annotations

import pytest

TEAM = {"team_words": ["team", "support", "customer", "care"]}


@pytest.fixture
def rule(make_kind_rule):
    return make_kind_rule("signoff-name", TEAM, checklist="use-your-name", message="{detail}")


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Hi Sarah,\n\nThanks.\n\nBest,\nAna", "Ana"),
        ("Hi Sarah,\n\nThanks.\n\nBest,\nAna Lima\nAcme Support", "Ana"),
        ("Hi Sarah,\n\nThanks.\n\nCheers,\nAna from Acme Support", "Ana"),
        ("Hi Sarah,\n\nThe order shipped.\n\nThanks, Ana", "Ana"),
        ("Hi Sarah,\n\nThe order shipped.\n\n- Ana", "Ana"),
        ("Hi Sarah,\n\nThanks.\n\nBest,\nTom", None),
        ("Hi Sarah,\n\nThanks.\n\nBest,\nAna Lima", "Ana Lima"),
    ],
)
def test_signoff_name_person_passes(rule, lint_rule, text: str, agent: str | None) -> None:
    assert lint_rule(rule, text, agent=agent).findings == ()


def test_signoff_name_name_with_pipe_and_team_passes(rule, lint_rule) -> None:
    # The kind's docstring: a name followed by a team ("Ana | Acme") passes.
    text = "Hi Sarah,\n\nThe order shipped.\n\nBest,\nAna | Acme"
    assert lint_rule(rule, text, agent="Ana").findings == ()


def test_signoff_name_team_is_not_a_person(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Sarah,\n\nThanks.\n\nRegards,\nThe Support Team", agent="Ana").findings
    assert finding.match == "The Support Team"
    assert "not a person's name" in finding.message
    assert not finding.fixable


def test_signoff_name_team_only_last_line(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Sarah,\n\nThanks.\n\nThe Support Team").findings
    assert finding.match == "The Support Team"


def test_signoff_name_missing_signoff(rule, lint_rule) -> None:
    text = "Hi Sarah,\n\nThanks for writing in. We refunded the order."
    doc = lint_rule(rule, text, agent="Ana")
    [finding] = doc.findings
    assert "no sign-off" in finding.message
    assert finding.length == 0


def test_signoff_name_closing_without_name(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Sarah,\n\nThanks.\n\nBest,", agent="Ana").findings
    assert finding.match == "Best,"
    assert "no name" in finding.message


def test_signoff_name_misspelled_agent(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Sarah,\n\nThanks.\n\nBest,\nAnna", agent="Ana Lima").findings
    assert (finding.match, finding.suggestions, finding.fixable) == ("Anna", ("Ana Lima",), True)
    assert "misspelling" in finding.message


def test_signoff_name_other_person(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Sarah,\n\nThe order shipped.\n\nThanks, Tom", agent="Ana").findings
    assert finding.match == "Tom"
    assert "agent is Ana" in finding.message
