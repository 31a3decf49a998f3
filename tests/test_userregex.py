"""Team-written regexes (rule patterns, vocabulary terms) cannot run away: a pattern
that backtracks exponentially is stopped at its time budget and named in a clear error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import kind_rule, lint_rules

from replylint import userregex
from replylint.config import load_config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules
from replylint.errors import ConfigError, RuleFileError
from replylint.userregex import Deadline, RegexTimeout, UserPattern

EVIL = r"(a|a)+$"  # exponential in Python's re: 30 characters take minutes
VICTIM = "Hi Sam,\n\nThe code is " + "a" * 40 + "!\n\nBest,\nAna"


def test_userregex_matches_like_re() -> None:
    pattern = UserPattern(r"(?<!\w)(\w+) \1(?!\w)", 2)
    assert [m.group() for m in pattern.finditer("the the café café x")] == ["the the", "café café"]
    assert [m.span() for m in pattern.finditer("the the the the", 4, 15)] == [(4, 11)]
    assert pattern.sub(r"\1", "so so") == "so"


def test_userregex_bad_pattern_and_template_are_value_errors() -> None:
    with pytest.raises(ValueError, match="does not compile"):
        UserPattern("(unclosed")
    with pytest.raises(ValueError):
        UserPattern("(a)").sub(r"\9", "a")


def test_userregex_runaway_pattern_stops_at_the_deadline() -> None:
    started = time.perf_counter()
    with pytest.raises(RegexTimeout) as caught:
        list(UserPattern(EVIL).finditer("a" * 40 + "!"))
    elapsed = time.perf_counter() - started
    assert EVIL in str(caught.value)
    # the budget is 1 s; generous room for a busy machine, far below the minutes unbounded
    assert elapsed < userregex.MIN_SECONDS * 20, elapsed


def test_userregex_budget_grows_linearly_with_the_text() -> None:
    assert Deadline(10).seconds == userregex.MIN_SECONDS
    assert Deadline(2_000_000).seconds == pytest.approx(20 * userregex.SECONDS_PER_100K)


@pytest.mark.parametrize("kind", ["regex", "occurrence"])
def test_userregex_runaway_rule_is_an_error_naming_the_rule(kind: str) -> None:
    options = {"pattern": EVIL} if kind == "regex" else {"pattern": EVIL, "max": 0}
    rule = kind_rule(kind, options, rule_id="evil-pattern")
    started = time.perf_counter()
    with pytest.raises(RuleFileError) as caught:
        lint_rules(rule, VICTIM)
    assert time.perf_counter() - started < 30
    error = caught.value
    assert "evil-pattern" in str(error) and EVIL in str(error)
    assert error.file == "test-rule.yaml" and error.field == "pattern"


def test_userregex_harmless_rule_still_finds_its_matches() -> None:
    rule = kind_rule("regex", {"pattern": r"a{10,}"})
    [finding] = lint_rules(rule, VICTIM).findings
    assert finding.match == "a" * 40


def test_userregex_runaway_vocabulary_term_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "reject.txt").write_text("# terms\nwidget\n" + EVIL + "\n", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("vocabulary:\n  folder: vocab\n", encoding="utf-8")
    config = load_config(tmp_path / ".replylint.yaml")
    rules = [r for r in configured_rules(config) if r.id == "vocabulary-reject"]
    linter = Linter(rules, config)
    with pytest.raises(ConfigError) as caught:
        linter.lint([Draft(VICTIM)], linter.context())
    assert caught.value.file == str(tmp_path / "vocab" / "reject.txt")
    assert caught.value.line == 3
    assert EVIL in str(caught.value)


def test_userregex_bad_vocabulary_regex_names_the_entry(tmp_path: Path) -> None:
    (tmp_path / ".replylint.yaml").write_text("vocabulary:\n  accept: ['ok', 'a(b']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / ".replylint.yaml")
    assert "a(b" in str(caught.value) and "does not compile" not in str(caught.value)
