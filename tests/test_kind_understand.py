"""understand kind: without the customer's message it always skips, never passes."""

from __future__ import annotations


def test_understand_skips_with_a_reason(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("understand", checklist="understand-request")
    doc = lint_rule(rule, "Hi Sam,\n\nThe order shipped.\n\nBest,\nAna")
    item = doc.checklist["understand-request"]
    assert doc.findings == ()
    assert item.status == "skip"
    assert "customer's message" in item.reason
    assert item.score is None


def test_understand_skip_leaves_the_score_alone(make_kind_rule, lint_rule) -> None:
    understand = make_kind_rule("understand", rule_id="u", checklist="understand-request")
    fill = make_kind_rule("fill-in", rule_id="f")
    doc = lint_rule([understand, fill], "Hi Sam,\n\nThe order shipped.\n\nBest,\nAna")
    assert doc.score == 100
