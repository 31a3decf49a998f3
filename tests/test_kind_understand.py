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


def _unanswered(linter, draft: str, ticket: str, channel: str = "email") -> list[str]:
    from replylint.document import Draft

    report = linter.lint([Draft(draft, ticket=ticket, channel=channel)], linter.context())
    return [f.message for f in report.documents[0].findings if f.rule == "understand-request"]


def test_understand_a_redirect_answers_nothing(default_linter) -> None:
    ticket = "@shop Where is my order? It was due on Monday."
    draft = "@sam_k We're here to help! Please DM us your order number so we can look into it. ^Ana"
    [message] = _unanswered(default_linter, draft, ticket, "social")
    assert "Where is my order?" in message


def test_understand_a_fix_they_already_tried_is_no_answer(default_linter) -> None:
    ticket = "The app crashes when I upload a photo. I've reinstalled it twice. What should I do?"
    tried = "Hi Rosa,\n\nHave you tried reinstalling the app?\n\nBest,\nAna"
    assert len(_unanswered(default_linter, tried, ticket)) == 1
    new = "Hi Rosa,\n\nHave you tried turning off battery saver? It blocks uploads.\n\nBest,\nAna"
    assert _unanswered(default_linter, new, ticket) == []


def test_understand_a_refusal_answers_a_yes_no_question(default_linter) -> None:
    ticket = "Is it possible to get a refund for the course I bought last year?"
    draft = "Hi Sam,\n\nIt's not possible after 30 days, but I can move you to the new edition for free.\n\nBest,\nAna"
    assert _unanswered(default_linter, draft, ticket) == []


def test_understand_help_me_is_met_by_an_action(default_linter) -> None:
    ticket = "My card was charged twice for the yearly plan. Can you help me?"
    assert (
        _unanswered(default_linter, "I've refunded the second charge; it shows in 3-5 days.", ticket, "chat")
        == []
    )
    assert (
        len(
            _unanswered(default_linter, "Sorry to hear that! Could you email us the details?", ticket, "chat")
        )
        == 1
    )


def test_understand_second_question_needs_its_own_answer(default_linter) -> None:
    ticket = "How do I check my gift card balance? And can I use two gift cards on one order?"
    draft = "Hi Mei,\n\nYou can check your gift card balance at example.com/card.\n\nBest,\nAna"
    [message] = _unanswered(default_linter, draft, ticket)
    assert "two gift cards on one order" in message


def test_understand_complaints_are_asks_only_on_request(make_kind_rule, lint_rule) -> None:
    from replylint.config import Config
    from replylint.document import Draft
    from replylint.engine import Linter

    ticket = "The export button on the reports page does nothing when I click it."
    draft = "Hi Jonas,\n\nDid you know you can schedule reports by e-mail?\n\nBest,\nAna"
    default = Linter([make_kind_rule("understand", {}, checklist="understand-request")], Config())
    report = default.lint([Draft(draft, ticket=ticket)], default.context())
    assert report.documents[0].findings == ()
    opted = Linter(
        [
            make_kind_rule(
                "understand", {"kinds": ["question", "request", "problem"]}, checklist="understand-request"
            )
        ],
        Config(),
    )
    report = opted.lint([Draft(draft, ticket=ticket)], opted.context())
    assert len(report.documents[0].findings) == 1
