"""overlap: one problem, one finding."""

from __future__ import annotations

from replylint.findings import Finding, Level
from replylint.overlap import merge_overlapping


def finding(
    rule: str, offset: int, length: int, level: Level = Level.WARNING, checklist: str = "eli5"
) -> Finding:
    return Finding(rule, checklist, level, "m", offset, length, 1, offset + 1, "x" * length)


def test_overlap_same_words_keep_the_more_serious() -> None:
    blame = finding("blame", 10, 15, Level.ERROR, "no-negative-language")
    negative = finding("negative", 10, 15, Level.WARNING, "no-negative-language")
    assert merge_overlapping([negative, blame]) == [blame]


def test_overlap_same_level_keeps_the_longer_match() -> None:
    short = finding("a", 10, 10)
    long = finding("b", 8, 14)
    assert merge_overlapping([short, long]) == [long]


def test_overlap_a_word_inside_a_sentence_finding_is_its_own_problem() -> None:
    sentence = finding("long-sentence", 0, 150)
    word = finding("filler-words", 40, 5, Level.SUGGESTION, "no-extra-words")
    assert merge_overlapping([sentence, word]) == [sentence, word]


def test_overlap_proofreading_and_missing_things_never_merge() -> None:
    typo = finding("spelling", 12, 6, Level.ERROR, "proofread")
    tone = finding("refusal", 10, 12)
    missing = finding("thank-them", 0, 0)
    assert merge_overlapping([typo, tone, missing]) == [typo, tone, missing]


def test_overlap_same_rule_twice_is_kept() -> None:
    first, second = finding("a", 0, 10), finding("a", 5, 10)
    assert merge_overlapping([first, second]) == [first, second]
