"""pattern kind: spaCy token patterns, replace/transform suggestions, features."""

from __future__ import annotations

import pytest

from replylint.kinds import pattern

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def test_pattern_orth_with_transform_upper(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("pattern", {"patterns": [[{"ORTH": "i"}]], "transform": "upper"})
    doc = lint_rule(rule, BODY.format("Yes i did. I know. i'm here."))
    assert [(f.match, f.suggestions, f.fixable) for f in doc.findings] == [
        ("i", ("I",), True),
        ("i", ("I",), True),
    ]


def test_pattern_pos_and_lemma_find_passive_voice(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("pattern", {"patterns": [[{"LEMMA": "be", "POS": "AUX"}, {"TAG": "VBN"}]]})
    doc = lint_rule(rule, BODY.format("The refund was processed today. We processed it."))
    assert [f.match for f in doc.findings] == ["was processed"]
    assert doc.findings[0].suggestions == ()


def test_pattern_replace_gives_a_literal_fix(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("pattern", {"patterns": [[{"LOWER": "asap"}]], "replace": "soon"})
    [finding] = lint_rule(rule, BODY.format("We will reply ASAP.")).findings
    assert (finding.match, finding.suggestions, finding.fixable) == ("ASAP", ("soon",), True)


def test_pattern_capitalize_sentence_start(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule(
        "pattern",
        {
            "patterns": [[{"IS_SENT_START": True, "IS_LOWER": True, "IS_ALPHA": True}]],
            "transform": "capitalize",
        },
        regions=["body"],
    )
    doc = lint_rule(rule, BODY.format("It left. the parcel is late."))
    assert [(f.match, f.suggestions) for f in doc.findings] == [("the", ("The",))]


def test_pattern_features_follow_the_attributes_used() -> None:
    base = {"replace": None, "transform": "none", "fix": True}
    assert pattern.features({"patterns": [[{"LOWER": "x"}]], **base}) == {"tokens", "sentences"}
    assert "pos" in pattern.features({"patterns": [[{"POS": "AUX"}]], **base})
    assert "lemma" in pattern.features({"patterns": [[{"LEMMA": "be"}]], **base})
    assert "parse" in pattern.features({"patterns": [[{"DEP": "nsubj"}]], **base})


def test_pattern_flag_reports_one_token_of_the_match(make_kind_rule, lint_rule) -> None:
    """`flag` keeps the rest of the match as context: only 'its' is underlined and
    replaced, and the replacement takes the token's capital."""
    rule = make_kind_rule(
        "pattern",
        {"patterns": [[{"LOWER": "its"}, {"LOWER": {"IN": ["not", "been"]}}]], "replace": "it's", "flag": 0},
    )
    doc = lint_rule(rule, BODY.format("Its not broken, and its been fixed. Its settings stay."))
    assert [(f.match, f.suggestions, f.length) for f in doc.findings] == [
        ("Its", ("It's",), 3),
        ("its", ("it's",), 3),
    ]


def test_pattern_flag_must_point_into_every_pattern() -> None:
    options = {"patterns": [[{"LOWER": "a"}], [{"LOWER": "a"}, {"LOWER": "b"}]], "replace": None,
               "transform": "none", "fix": True, "flag": 1}  # fmt: skip
    with pytest.raises(ValueError, match="'flag' must be the index of a token in every pattern"):
        pattern.validate(options)
