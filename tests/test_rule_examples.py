"""Every built-in rule's embedded examples, each run with only its own rule enabled.

The examples in rules/**/*.yaml are the rules' tests: a `fail` example must be
flagged (exactly its `flags`, when given), a `pass` example must not be, a `skip`
example must make the rule skip, and a `todo-fail` (a known miss) runs as a strict
xfail so it is noticed the day it starts working.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from replylint.config import Config
from replylint.engine import configured_rules
from replylint.rules import Example, Rule
from replylint.ruletest import missing_examples, run_examples

RULES = configured_rules(Config())


def _example_params() -> list:
    params = []
    for rule in RULES:
        for index, example in enumerate(rule.examples):
            marks = [pytest.mark.xfail(strict=True, reason="todo-fail: known miss")]
            params.append(
                pytest.param(
                    rule,
                    example,
                    id=f"{rule.id}-{example.expect}-{index}",
                    marks=marks if example.expect == "todo-fail" else [],
                )
            )
    return params


@pytest.mark.parametrize(("rule", "example"), _example_params())
def test_rule_examples_pass_and_fail_as_documented(rule: Rule, example: Example) -> None:
    only_this = replace(rule, examples=(example,))
    [result] = run_examples(only_this, Config())
    assert result.ok, (
        f"rule '{rule.id}' ({rule.path}:{example.line}): {example.expect} example "
        f"{example.text!r} (customer={example.customer}, agent={example.agent}): {result.detail}"
    )


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples_every_rule_has_pass_and_fail(rule: Rule) -> None:
    missing = missing_examples(rule)
    assert not missing, f"rule '{rule.id}' ({rule.path}) lacks examples: {missing}"


def test_rule_examples_builtin_rules_are_loaded() -> None:
    ids = {r.id for r in RULES}
    assert len(RULES) >= 20
    assert {"greeting-name", "signoff-name", "spelling", "thank-them", "understand-request"} <= ids


def test_ruletest_reports_false_negative_naming_rule_and_example(make_rule) -> None:
    rule = make_rule(
        """
        id: no-widget
        kind: phrase
        checklist: proofread
        level: error
        message: "no widgets"
        description: No widgets.
        options: {phrases: [widget]}
        examples:
          pass: ["Hi Sam,\\n\\nThanks for writing in.\\n\\nBest,\\nAna"]
          fail: ["Hi Sam,\\n\\nThanks for writing in about the gadget.\\n\\nBest,\\nAna"]
        """
    )
    results = run_examples(rule)
    assert [r.ok for r in results] == [True, False]
    assert "false negative" in results[1].detail
    assert "gadget" in results[1].detail
    assert results[1].rule == "no-widget"


def test_ruletest_reports_false_positive_and_wrong_flags(make_rule) -> None:
    rule = make_rule(
        """
        id: no-widget
        kind: phrase
        checklist: proofread
        level: error
        message: "no widgets"
        description: No widgets.
        options: {phrases: [widget, gadget]}
        examples:
          pass: ["Hi Sam,\\n\\nThe widget is here.\\n\\nBest,\\nAna"]
          fail:
            - text: "Hi Sam,\\n\\nThe widget and the gadget are here.\\n\\nBest,\\nAna"
              flags: [widget]
        """
    )
    passed, failed = run_examples(rule)
    assert not passed.ok
    assert "false positive" in passed.detail and "widget" in passed.detail
    assert not failed.ok
    assert "gadget" in failed.detail


def test_ruletest_todo_fail_is_reported_as_todo(make_rule) -> None:
    rule = make_rule(
        """
        id: no-widget
        kind: phrase
        checklist: proofread
        level: error
        message: "no widgets"
        description: No widgets.
        options: {phrases: [widget]}
        examples:
          todo-fail: ["Hi Sam,\\n\\nThe gizmo is here.\\n\\nBest,\\nAna"]
        """
    )
    [result] = run_examples(rule)
    assert result.todo
    assert not result.ok


def test_ruletest_missing_examples_names_the_missing_groups(make_rule) -> None:
    rule = make_rule(
        """
        id: no-widget
        kind: phrase
        checklist: proofread
        level: error
        message: "no widgets"
        description: No widgets.
        options: {phrases: [widget]}
        examples:
          fail: ["Hi Sam,\\n\\nThe widget is here.\\n\\nBest,\\nAna"]
        """
    )
    assert missing_examples(rule) == ["pass"]
    assert missing_examples(replace(rule, examples=())) == ["pass", "fail"]
