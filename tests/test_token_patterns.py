"""token_patterns: validation, features, and PatternSet's anchor words."""

from __future__ import annotations

import pytest

from replylint.kinds import token_patterns
from replylint.kinds.base import OptionError


def test_token_patterns_features_follow_the_attributes() -> None:
    assert token_patterns.features([[{"LOWER": "x"}]]) == frozenset()
    assert token_patterns.features([[{"LEMMA": "be"}, {"TAG": "VBN"}]]) == {"lemma", "pos"}


def test_token_patterns_bad_pattern_names_the_key() -> None:
    with pytest.raises(OptionError) as info:
        token_patterns.validate_list([[{"LOWER": {"BAD": 1}}]], "exception_patterns")
    assert info.value.key == "exception_patterns"


def test_token_patterns_anchor_avoids_common_words() -> None:
    pattern = [
        {"LOWER": "you"},
        {"LOWER": {"IN": ["did", "do"]}},
        {"LOWER": "not"},
        {"LEMMA": {"IN": ["send", "attach"]}},
    ]
    assert token_patterns._anchor(pattern) == {"send", "attach"}
    assert token_patterns._anchor([{"POS": "VERB"}]) is None
    assert token_patterns._anchor([{"LOWER": "the", "OP": "?"}, {"LOWER": "wrong"}]) == {"wrong"}


def test_token_patterns_patternset_finds_what_a_matcher_finds(default_linter) -> None:
    pipeline = default_linter.pipeline
    patterns = [
        [{"LOWER": "our"}, {"LEMMA": "policy"}],
        [{"LOWER": "by"}, {"LOWER": "design"}],
        [{"POS": "PROPN"}],  # no anchor: runs on every sentence
    ]
    found = token_patterns.PatternSet(patterns, pipeline, "t")
    doc = pipeline.nlp("That is our policy. It works by design.\nAsk Maria.")
    matches = sorted((span.text, index) for span, index in found.find(doc[:]))
    assert matches == [("Maria", 2), ("by design", 1), ("our policy", 0)]
