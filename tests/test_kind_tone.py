"""tone kind: negated clauses judged by who refuses, patterns with context filters."""

from __future__ import annotations

import pytest

from replylint.errors import RuleFileError

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"
REFUSAL = {
    "clauses": "refusal",
    "burdens": ["need", "have", "pay", "wait", "worry"],
    "harms": ["charge", "share"],
    "provide": ["offer", "include", "support"],
    "passive": ["support", "reproduce", "refund"],
    "states": ["possible", "available"],
    "refuse": ["fail", "decline"],
}


@pytest.fixture(scope="module")
def refusal(make_kind_rule):  # type: ignore[no-untyped-def]
    return make_kind_rule("tone", REFUSAL, checklist="no-negative-language", message="'{match}' {what}")


def _flags(lint_rule, rule, sentence: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.match for f in lint_rule(rule, BODY.format(sentence)).findings]


def test_tone_refusals_by_us_by_rule_and_limits_on_the_customer(refusal, lint_rule) -> None:
    assert _flags(lint_rule, refusal, "We don't offer refunds after 30 days.") == ["We don't offer refunds"]
    assert _flags(lint_rule, refusal, "That version isn't supported anymore.") == ["isn't supported"]
    assert _flags(lint_rule, refusal, "The free plan doesn't include exports.") == ["doesn't include"]
    assert _flags(lint_rule, refusal, "It's not possible to merge accounts.") == ["It's not possible"]
    assert _flags(lint_rule, refusal, "You can't change it online.") == ["You can't change"]
    assert _flags(lint_rule, refusal, "I tried and failed to reproduce it.") == ["failed to reproduce"]


def test_tone_reassurance_is_not_a_refusal(refusal, lint_rule) -> None:
    assert _flags(lint_rule, refusal, "You won't need to pay anything, and we won't charge shipping.") == []
    assert _flags(lint_rule, refusal, "You don't have to wait for the courier.") == []


def test_tone_questions_conditions_and_retold_problems_are_excused(refusal, lint_rule) -> None:
    assert _flags(lint_rule, refusal, "If you can't log in, reply to this e-mail.") == []
    assert _flags(lint_rule, refusal, "You mentioned you can't log in since Tuesday.") == []
    assert _flags(lint_rule, refusal, "I'm sorry the parcel didn't arrive.") == []
    assert _flags(lint_rule, refusal, "Can't you see the download button?") == []
    # A refusal in a sentence that also asks something is still a refusal.
    assert _flags(lint_rule, refusal, "I can't reset passwords, but have you checked your spam folder?") == [
        "I can't reset"
    ]


def test_tone_quoted_words_are_not_the_replys_tone(refusal, lint_rule) -> None:
    assert _flags(lint_rule, refusal, 'You wrote "we do not offer refunds" in your review.') == []


def test_tone_patterns_carry_their_meaning_and_contexts(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule(
        "tone",
        {
            "patterns": [
                {"what": "cites policy", "pattern": [{"LOWER": "our"}, {"LEMMA": "policy"}]},
                {
                    "what": "states a rule",
                    "pattern": [{"LEMMA": "be"}, {"LOWER": "required"}],
                    "skip_in": ["negated"],
                },
            ]
        },
        checklist="no-negative-language",
        message="'{match}' {what}",
    )
    doc = lint_rule(rule, BODY.format("That is our policy. A receipt is required. No signature is required."))
    assert [(f.match, f.message) for f in doc.findings] == [
        ("our policy", "'our policy' cites policy"),
        ("is required", "'is required' states a rule"),
    ]


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"clauses": "refusal", "skip_in": ["sometimes"]}, "skip_in"),
        ({"patterns": [{"pattern": [{"LOWER": {"BAD": 1}}]}]}, "patterns"),
        ({"patterns": [{"what": "x"}]}, "patterns"),
        ({"patterns": [{"pattern": [{"LOWER": "x"}], "skip_in": ["never"]}]}, "patterns"),
    ],
)
def test_tone_bad_options_name_the_key(make_kind_rule, options: dict, key: str) -> None:
    with pytest.raises(RuleFileError) as info:
        make_kind_rule("tone", options)
    assert key in str(info.value)


def test_tone_needs_something_to_check(make_kind_rule) -> None:
    with pytest.raises(RuleFileError, match="patterns"):
        make_kind_rule("tone", {})
