"""The ticket analysis and the ticket-aware checks, through the public lint API."""

from __future__ import annotations

import pytest

import replylint
from replylint.nlp import load_pipeline
from replylint.references import find_references, near_miss
from replylint.ticket import analyze, mood_of

TICKET = (
    "Hi,\n\nThis is the THIRD time I'm asking!! How do I change the billing address on my account? "
    "Also, please cancel order #48123.\n\nThanks,\nPriya Raman"
)


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline(None, frozenset({"tokens", "sentences", "lemma", "pos"}))


def _rules(report):
    return [f.rule for f in report.documents[0].findings]


def test_ticket_finds_questions_requests_name_and_references(pipeline):
    ticket = analyze(TICKET, pipeline)
    kinds = [(a.kind, a.text) for a in ticket.asks]
    assert ("question", "How do I change the billing address on my account?") in kinds
    assert ("request", "Also, please cancel order #48123.") in kinds
    assert ticket.customer_name == "Priya Raman"
    assert [r.value for r in ticket.references] == ["48123"]
    assert ticket.mood.upset


def test_ticket_ignores_quoted_history_and_rhetorical_questions(pipeline):
    text = "Is this a joke? My parcel never arrived.\n\nOn Mon, Ana wrote:\n> Can I help with anything else?"
    ticket = analyze(text, pipeline)
    assert [a.text for a in ticket.asks] == ["My parcel never arrived."]


def test_mood_calm_and_upset():
    assert not mood_of("Hi, does the kettle work with 110 V? Thanks").upset
    assert mood_of("I'm fed up. Still no refund after three weeks.").upset
    assert mood_of("URGENT: my flight leaves tomorrow and the booking is wrong").upset
    # acronyms and reference codes are not shouting
    assert "capitals" not in mood_of("Please resend INV-2024-0042 as a PDF.").cues


def test_references_near_misses():
    (mine,) = find_references("order #48213")
    (theirs,) = find_references("Order 48123")
    assert near_miss(mine, theirs)
    (other,) = find_references("order 99120")
    assert not near_miss(other, theirs)
    a, b = find_references("$59.90 and $59.99")
    assert near_miss(a, b)
    (d1,) = find_references("on 12 March")
    (d2,) = find_references("March 21")
    assert near_miss(d1, d2)


def test_lint_names_the_unanswered_question():
    report = replylint.lint(
        "Hi Priya,\n\nI'm sorry you've had to ask three times. I've cancelled order #48123, "
        "so you won't be charged.\n\nBest,\nAna",
        ticket=TICKET,
        agent="Ana",
    )
    msgs = [f.message for f in report.documents[0].findings if f.rule == "understand-request"]
    assert msgs == [
        "The reply does not address the customer's question: "
        '"How do I change the billing address on my account?"'
    ]


def test_lint_answering_a_different_question_fails():
    report = replylint.lint(
        "Hi Priya,\n\nTo change your shipping address, open Settings > Shipping and click Edit.\n\nBest,\nAna",
        ticket="How do I change the billing address on my invoices?\n\nPriya",
    )
    assert "understand-request" in _rules(report)


def test_lint_without_ticket_skips_understand_request():
    report = replylint.lint("Hi Sarah,\n\nYour refund is on its way.\n\nBest,\nAna", customer="Sarah")
    doc = report.documents[0]
    assert doc.checklist["understand-request"].status == "skip"
    assert "customer's message" in doc.checklist["understand-request"].reason
    assert not {"empathy", "echoed-reference", "breezy-opener"} & set(_rules(report))


def test_lint_name_from_ticket_signoff_is_checked():
    report = replylint.lint(
        "Hi Pryia,\n\nYes, I've cancelled order #48123 today.\n\nBest,\nAna",
        ticket="Please cancel order #48123.\n\nThanks, Priya",
    )
    (finding,) = [f for f in report.documents[0].findings if f.rule == "greeting-name"]
    assert finding.suggestions == ("Priya",)
    ok = replylint.lint(
        "Dear Ms Raman,\n\nI've cancelled order #48123 today.\n\nKind regards,\nAna",
        ticket="Please cancel order #48123.\n\nThanks,\nPriya Raman",
    )
    assert "greeting-name" not in _rules(ok)


def test_lint_mistyped_order_number_is_an_error_with_the_fix():
    report = replylint.lint(
        "Hi Priya,\n\nI've cancelled order #48213 today.\n\nBest,\nAna",
        ticket="Please cancel order #48123.\n\nThanks, Priya",
    )
    (finding,) = [f for f in report.documents[0].findings if f.rule == "echoed-reference"]
    assert finding.level is replylint.Level.ERROR
    assert finding.match == "48213" and finding.suggestions == ("48123",)


def test_empathy_only_when_upset():
    reply = "Hi Sam,\n\nYour parcel will arrive on Friday.\n\nBest,\nAna"
    calm = replylint.lint(reply, ticket="Hi, when will my parcel arrive? Thanks, Sam")
    upset = replylint.lint(reply, ticket="My parcel STILL hasn't arrived. Third time I'm asking!!\n\nSam")
    assert "empathy" not in _rules(calm)
    assert "empathy" in _rules(upset)
    kind = replylint.lint(
        "Hi Sam,\n\nI'm sorry your parcel still hasn't arrived. It will arrive on Friday.\n\nBest,\nAna",
        ticket="My parcel STILL hasn't arrived. Third time I'm asking!!\n\nSam",
    )
    assert "empathy" not in _rules(kind)


def test_channel_profiles():
    chat = replylint.lint("Hi Sam! Which browser are you using?", channel="chat", customer="Sam")
    doc = chat.documents[0]
    assert "signoff-name" not in _rules(chat) and "next-step" not in _rules(chat)
    assert doc.checklist["use-your-name"].status == "skip"
    social = replylint.lint("Sorry about the outage, Sam. " * 12, channel="social", customer="Sam")
    rules = _rules(social)
    assert "social-length" in rules and "greeting-name" not in rules
    email = replylint.lint("Sorry about the outage. " * 12, customer="Sam")
    assert "social-length" not in _rules(email) and "greeting-name" in _rules(email)


def test_vague_promise_is_a_suggestion():
    report = replylint.lint("Hi Sam,\n\nThanks for flagging this. We'll look into it.\n\nBest,\nAna")
    (finding,) = [f for f in report.documents[0].findings if f.rule == "vague-promise"]
    assert finding.level is replylint.Level.SUGGESTION


def test_lint_rejects_empty_ticket_and_bad_channel():
    with pytest.raises(replylint.InputError, match="ticket is empty"):
        replylint.lint("Hi Sam,\n\nDone.\n\nBest,\nAna", ticket="  \n")
    with pytest.raises(replylint.InputError, match="email, chat, social"):
        replylint.lint("Hi Sam,\n\nDone.\n\nBest,\nAna", channel="fax")
