"""substitution kind: replacements as suggestions, casing, deletions, exceptions, fix flag."""

from __future__ import annotations

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def test_substitution_offers_replacements_in_the_matched_case(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"utilize": "use", "prior to": ["before", "ahead of"]}})
    doc = lint_rule(rule, BODY.format("Please utilize it prior to Friday. Utilize it."))
    got = [(f.match, f.suggestions, f.fixable) for f in doc.findings]
    assert got == [
        ("utilize", ("use",), True),
        ("prior to", ("before", "ahead of"), True),
        ("Utilize", ("Use",), True),
    ]


def test_substitution_suggestion_fills_the_message(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"utilize": "use"}}, message="'{match}' -> '{suggestion}'")
    [finding] = lint_rule(rule, BODY.format("Utilize it.")).findings
    assert finding.message == "'Utilize' -> 'Use'"


def test_substitution_fix_false_keeps_suggestions_but_not_fixable(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"utilize": "use"}, "fix": False})
    [finding] = lint_rule(rule, BODY.format("Please utilize it.")).findings
    assert finding.suggestions == ("use",)
    assert not finding.fixable


def test_substitution_deletion_at_sentence_start_takes_next_word(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"just": ""}})
    [finding] = lint_rule(rule, BODY.format("Just click the link.")).findings
    assert finding.match == "Just click"
    assert finding.suggestions == ("Click",)


def test_substitution_deletion_mid_sentence_takes_one_space(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"just": ""}})
    text = BODY.format("I just checked.")
    [finding] = lint_rule(rule, text).findings
    assert finding.match == "just "
    assert finding.suggestions == ("",)
    fixed = text[: finding.offset] + finding.suggestions[0] + text[finding.offset + finding.length :]
    assert "I checked." in fixed


def test_substitution_exceptions_are_not_flagged(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"just": ""}, "exceptions": ["just in time"]})
    assert lint_rule(rule, BODY.format("It came just in time.")).findings == ()


def test_substitution_prefers_the_longest_phrase(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"at this time": "now", "at this point in time": "now"}})
    [finding] = lint_rule(rule, BODY.format("At this point in time it is late.")).findings
    assert finding.match == "At this point in time"
    assert finding.suggestions == ("Now",)


def test_substitution_lemma_matching(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("substitution", {"swap": {"utilize": "use"}, "match_on": "lemma"})
    [finding] = lint_rule(rule, BODY.format("We utilized it.")).findings
    assert finding.match == "utilized"
