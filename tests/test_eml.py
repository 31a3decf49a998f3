"""Reading .eml files: newest message, quoted history, signature, names, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

import replylint
from replylint.errors import InputError
from replylint.readers.eml import draft_from_eml, read_eml, ticket_from_eml

DATA = Path(__file__).parent / "data" / "eml"


def test_eml_ticket_newest_message_and_customer_name():
    parsed = read_eml(DATA / "customer-priya.eml")
    text, customer = ticket_from_eml(parsed)
    assert customer == "Priya Raman"
    assert text.startswith("Hello,") and "VAT invoice for order 310447" in text
    assert "Lumen Studio" not in text and "shipped in two boxes" not in text
    assert parsed.signature and "Lumen Studio" in parsed.signature
    assert parsed.quoted and parsed.quoted.startswith("Hi Priya,")


def test_eml_html_body_is_read_as_text():
    text, customer = ticket_from_eml(read_eml(DATA / "html-customer.eml"))
    assert customer == "Tomasz Wojcik"
    assert "How do I pair it again?" in text and "<p>" not in text


def test_eml_draft_answers_the_quoted_customer_message():
    draft = draft_from_eml(read_eml(DATA / "draft-reply.eml"))
    assert draft.agent == "Ana Silva" and draft.customer == "Priya Raman"
    assert draft.ticket and "second box arrive" in draft.ticket
    assert "On Tue" not in draft.text
    report = replylint.lint(draft.text, customer=draft.customer, agent=draft.agent, ticket=draft.ticket)
    by_rule = {f.rule: f for f in report.documents[0].findings}
    assert by_rule["greeting-name"].suggestions == ("Priya",)
    assert by_rule["echoed-reference"].match == "314047"
    unanswered = [f.message for f in report.documents[0].findings if f.rule == "understand-request"]
    assert len(unanswered) == 1 and "when will the second box arrive?" in unanswered[0]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-email.eml", "not an e-mail"),
        ("no-text.eml", "no text body"),
        ("empty.eml", "empty"),
    ],
)
def test_eml_bad_input_is_a_clear_error(name, message):
    with pytest.raises(InputError, match=message) as info:
        read_eml(DATA / name)
    assert info.value.file.endswith(name)
