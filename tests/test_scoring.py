"""scoring: checklist status and the 0-100 score from findings alone (pure functions)."""

from __future__ import annotations

import pytest

from replylint.checklist import CHECKLIST, SCORED_ITEMS, VERDICT
from replylint.findings import Finding, Level
from replylint.report import ItemResult
from replylint.scoring import ITEM_BUDGET, PENALTY, checklist_with_verdict, overall, score_items, verdict

ALL_ITEMS = {item: [f"{item}-rule"] for item in SCORED_ITEMS}
WEIGHTS = {f"{item}-rule": 5.0 for item in SCORED_ITEMS}


def finding(item: str, level: Level = Level.ERROR, rule: str | None = None) -> Finding:
    return Finding(
        rule=rule or f"{item}-rule",
        checklist=item,
        level=level,
        message="m",
        offset=0,
        length=1,
        line=1,
        column=1,
        match="x",
    )


def test_scoring_no_findings_is_all_pass_and_100() -> None:
    items = score_items([], WEIGHTS, ALL_ITEMS, {})
    assert {r.status for r in items.values()} == {"pass"}
    assert list(items) == list(SCORED_ITEMS)
    assert overall(items) == 100


def test_scoring_penalty_is_weight_times_level_over_budget() -> None:
    items = score_items([finding("proofread", Level.ERROR)], WEIGHTS, ALL_ITEMS, {})
    assert items["proofread"].score == pytest.approx(1 - 5.0 * PENALTY[Level.ERROR] / ITEM_BUDGET)
    assert items["proofread"].status == "fail"
    # 7 items at 1.0 and one at 0.5
    assert overall(items) == round(100 * 7.5 / 8)


def test_scoring_levels_cost_differently() -> None:
    scores = {
        level: score_items([finding("eli5", level)], WEIGHTS, ALL_ITEMS, {})["eli5"].score for level in Level
    }
    assert scores[Level.ERROR] < scores[Level.WARNING] < scores[Level.SUGGESTION] < 1.0
    assert scores[Level.WARNING] == pytest.approx(1 - 5 * 0.5 / 10)
    assert scores[Level.SUGGESTION] == pytest.approx(1 - 5 * 0.2 / 10)


def test_scoring_weights_scale_the_penalty() -> None:
    weights = {**WEIGHTS, "heavy": 10.0, "light": 1.0}
    rules = {**ALL_ITEMS, "proofread": ["heavy", "light"]}
    heavy = score_items([finding("proofread", rule="heavy")], weights, rules, {})["proofread"].score
    light = score_items([finding("proofread", rule="light")], weights, rules, {})["proofread"].score
    assert heavy == pytest.approx(0.0)
    assert light == pytest.approx(0.9)


def test_scoring_item_score_never_below_zero() -> None:
    found = [finding("proofread")] * 5
    item = score_items(found, WEIGHTS, ALL_ITEMS, {})["proofread"]
    assert item.score == 0.0
    assert "5 finding(s)" in item.reason


def test_scoring_suggestion_only_item_passes_with_lower_score() -> None:
    item = score_items([finding("no-extra-words", Level.SUGGESTION)], WEIGHTS, ALL_ITEMS, {})[
        "no-extra-words"
    ]
    assert item.status == "pass"
    assert item.score < 1.0
    assert "1 suggestion(s)" in item.reason


def test_scoring_warning_fails_the_item() -> None:
    item = score_items([finding("eli5", Level.WARNING)], WEIGHTS, ALL_ITEMS, {})["eli5"]
    assert item.status == "fail"


def test_scoring_skipped_items_leave_the_denominator() -> None:
    skipped = {"understand-request-rule": "needs the customer's message"}
    found = [finding("proofread")]
    with_skip = score_items(found, WEIGHTS, ALL_ITEMS, skipped)
    assert with_skip["understand-request"].status == "skip"
    assert with_skip["understand-request"].score is None
    assert with_skip["understand-request"].reason == "needs the customer's message"
    assert overall(with_skip) == round(100 * 6.5 / 7)


def test_scoring_item_without_rules_is_skipped() -> None:
    rules = {k: v for k, v in ALL_ITEMS.items() if k != "eli5"}
    items = score_items([], WEIGHTS, rules, {})
    assert items["eli5"].status == "skip"
    assert items["eli5"].score is None


def test_scoring_item_skips_only_when_all_its_rules_skip() -> None:
    rules = {**ALL_ITEMS, "eli5": ["a", "b"]}
    assert score_items([], WEIGHTS, rules, {"a": "short"})["eli5"].status == "pass"
    assert score_items([], WEIGHTS, rules, {"a": "short", "b": "short"})["eli5"].status == "skip"


def test_scoring_everything_skipped_scores_100() -> None:
    assert overall({"eli5": ItemResult("skip", "x")}) == 100


def test_scoring_verdict_min_score() -> None:
    ready, item = verdict(79, [], 80, Level.ERROR)
    assert not ready
    assert item.status == "fail"
    assert "79" in item.reason and "80" in item.reason
    ready, item = verdict(80, [], 80, Level.ERROR)
    assert ready
    assert item.status == "pass"


def test_scoring_verdict_fail_on_levels() -> None:
    warning = [finding("eli5", Level.WARNING)]
    suggestion = [finding("eli5", Level.SUGGESTION)]
    assert verdict(100, warning, 0, Level.ERROR)[0]
    assert not verdict(100, warning, 0, Level.WARNING)[0]
    assert verdict(100, suggestion, 0, Level.WARNING)[0]
    assert not verdict(100, suggestion, 0, Level.SUGGESTION)[0]
    assert not verdict(100, [finding("eli5", Level.ERROR)], 0, Level.ERROR)[0]


def test_scoring_checklist_with_verdict_is_in_contract_order() -> None:
    items = score_items([], WEIGHTS, ALL_ITEMS, {})
    full = checklist_with_verdict(items, ItemResult("pass"))
    assert list(full) == list(CHECKLIST)
    assert list(full)[-1] == VERDICT
