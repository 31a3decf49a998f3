"""participle kind: a verb in its base form after the auxiliary "have"."""

from __future__ import annotations

import pytest

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


@pytest.fixture(scope="module")
def rule(make_kind_rule):  # type: ignore[no-untyped-def]
    return make_kind_rule(
        "participle",
        {"same_form": ["read", "cost"]},
        message="after {auxiliary}: '{suggestion}' for '{match}'",
    )


def _found(lint_rule, rule, sentence: str) -> list[tuple[str, tuple[str, ...], str]]:  # type: ignore[no-untyped-def]
    return [(f.match, f.suggestions, f.message) for f in lint_rule(rule, BODY.format(sentence)).findings]


def test_base_form_after_have_gets_its_participle(rule, lint_rule) -> None:
    assert _found(lint_rule, rule, "Our team has review the case.") == [
        ("review", ("reviewed",), "after has: 'reviewed' for 'review'")
    ]
    assert [m for m, *_ in _found(lint_rule, rule, "We have already update your address.")] == ["update"]
    assert [s for _, s, _ in _found(lint_rule, rule, "I have attach the invoice.")] == [("attached",)]


def test_spelling_of_the_participle_comes_from_the_lemmatizer(rule, lint_rule) -> None:
    # doubled consonants and y -> ied are in the lemmatizer's exception table
    assert [s for _, s, _ in _found(lint_rule, rule, "I have stop the payment.")] == [("stopped",)]


def test_have_as_the_main_verb_is_left_alone(rule, lint_rule) -> None:
    assert _found(lint_rule, rule, "We have to respond to the bank first.") == []
    assert _found(lint_rule, rule, "You can have them call us any time.") == []
    assert _found(lint_rule, rule, "They have access now and have help available.") == []


def test_participles_and_base_form_participles_are_left_alone(rule, lint_rule) -> None:
    assert _found(lint_rule, rule, "We have reviewed it and the courier has come.") == []
    assert _found(lint_rule, rule, "I have put it back and she has set it up.") == []  # irregular
    assert _found(lint_rule, rule, "I have read your note; it has cost nothing.") == []  # same_form


def test_same_form_is_what_the_rule_says(make_kind_rule, lint_rule) -> None:
    bare = make_kind_rule("participle", {})
    assert [m for m, *_ in _found(lint_rule, bare, "I have read your note.")] == ["read"]
