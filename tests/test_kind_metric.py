"""metric kind: sentence length, the Flesch-Kincaid grade, its syllable counter, min_words."""

from __future__ import annotations

import pytest

from replylint.kinds.metric import grade, syllables

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("the", 1),
        ("a", 1),
        ("make", 1),
        ("makes", 1),
        ("shipped", 1),
        ("wanted", 2),
        ("needed", 2),
        ("refund", 2),
        ("hello", 2),
        ("processed", 2),
        ("agrees", 2),
        ("yesterday", 3),
        ("beautiful", 3),
        ("readability", 5),
        ("you're", 1),
    ],
)
def test_metric_syllables_counts_common_words(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("word", "count"), [("table", 2), ("little", 2), ("simple", 2), ("apple", 2), ("people", 2)]
)
def test_metric_syllables_consonant_le_ending(word: str, count: int) -> None:
    assert syllables(word) == count


def test_metric_syllables_empty_word_is_zero() -> None:
    assert syllables("") == 0
    assert syllables("'") == 0


def test_metric_grade_is_flesch_kincaid() -> None:
    # 0.39 * (100 / 5) + 11.8 * (150 / 100) - 15.59
    assert grade(100, 5, 150) == pytest.approx(9.91)
    assert grade(10, 1, 10) == pytest.approx(0.39 * 10 + 11.8 - 15.59)


def test_metric_grade_of_nothing_is_zero() -> None:
    assert grade(0, 0, 0) == 0.0
    assert grade(10, 0, 5) == 0.0


def test_metric_sentence_words_flags_long_sentences(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule(
        "metric", {"metric": "sentence-words", "max": 5}, checklist="eli5", message="{value} words, max {max}"
    )
    text = BODY.format("One two three four five. One two three four five six seven.")
    [finding] = lint_rule(rule, text).findings
    assert finding.match == "One two three four five six seven."
    assert finding.message == "7 words, max 5"


def test_metric_sentence_continues_over_a_wrapped_line(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("metric", {"metric": "sentence-words", "max": 5}, checklist="eli5")
    [finding] = lint_rule(rule, BODY.format("One two three\nfour five six.")).findings
    assert finding.match == "One two three\nfour five six."


def test_metric_grade_skips_below_min_words(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("metric", {"metric": "grade", "max": 8, "min_words": 100}, checklist="eli5")
    doc = lint_rule(rule, BODY.format("The cat sat. " * 10))
    assert doc.findings == ()
    assert doc.checklist["eli5"].status == "skip"
    assert "30 words" in doc.checklist["eli5"].reason


def test_metric_grade_passes_plain_text(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("metric", {"metric": "grade", "max": 8, "min_words": 100}, checklist="eli5")
    doc = lint_rule(rule, BODY.format("The cat sat on the mat. " * 20))
    assert doc.findings == ()
    assert doc.checklist["eli5"].status == "pass"


def test_metric_grade_flags_hard_text_with_value(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule(
        "metric",
        {"metric": "grade", "max": 8, "min_words": 100},
        checklist="eli5",
        message="grade {value} max {max} words {words}",
    )
    hard = "Comprehensive organizational modernization necessitates considerable coordination. "
    easy = "We sent it. "
    doc = lint_rule(rule, BODY.format(easy + hard * 20))
    [finding] = doc.findings
    assert finding.match == hard.strip()
    assert finding.message.startswith("grade ")
    assert float(finding.message.split()[1]) > 8
    assert finding.message.endswith("words 123")
