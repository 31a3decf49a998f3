"""Placeholder dialects, roles, masking and template problems (replylint.placeholders)."""

from __future__ import annotations

import pytest

from replylint.placeholders import Role, inspectable, mask, scan


@pytest.mark.parametrize(
    ("text", "dialect", "customer", "agent"),
    [
        ("Hi {{ticket.requester.first_name | capitalize}}, {{current_user.first_name}}", "zendesk",
         "ticket.requester.first_name", "current_user.first_name"),
        ("Hi {%customer.firstName,fallback=there%}, {%user.firstName%}", "helpscout",
         "customer.firstName", "user.firstName"),
        ('Hi {{first_name | fallback: "there"}}, {{teammate.first_name}}', "intercom", "first_name",
         "teammate.first_name"),
        ("Hi {{ticket.requester.firstname}}, {{ticket.agent.name}}", "freshdesk",
         "ticket.requester.firstname", "ticket.agent.name"),
        ("Hi {{recipient.first_name}}, {{user.first_name}}", "front", "recipient.first_name", "user.first_name"),
        ("Hi {{ticket.customer.firstname}}, {{current_user.firstname}}", "gorgias",
         "ticket.customer.firstname", "current_user.firstname"),
        ("Hi {{ contact.firstname }}, {{ sender.firstname }}", "hubspot", "contact.firstname", "sender.firstname"),
    ],
)  # fmt: skip
def test_placeholders_dialect_detected_and_names_understood(
    text: str, dialect: str, customer: str, agent: str
) -> None:
    found = scan(text)
    assert found.dialect == dialect
    roles = {p.variable: p.role for p in found.placeholders}
    assert roles[customer] is Role.CUSTOMER_NAME
    assert roles[agent] is Role.AGENT_NAME
    assert found.issues == ()


def test_placeholders_intercom_attribute_tag_is_a_customer_name() -> None:
    found = scan('Hi <attribute key="user.name" default="there"/>, thanks!', "intercom")
    assert [(p.variable, p.role) for p in found.placeholders] == [("user.name", Role.CUSTOMER_NAME)]


def test_placeholders_user_means_the_agent_in_front_and_the_customer_in_intercom() -> None:
    assert scan("{{user.first_name}}", "front").placeholders[0].role is Role.AGENT_NAME
    assert scan("{{user.first_name}}", "intercom").placeholders[0].role is Role.CUSTOMER_NAME


def test_placeholders_unknown_variable_for_the_dialect_is_an_issue() -> None:
    found = scan("Hi {{ticket.requester.first_name}}, about {{ticket.requestor.email}}", "zendesk")
    assert [i.problem for i in found.issues] == ["'ticket.requestor.email' is not a zendesk placeholder"]


def test_placeholders_unclosed_and_stray_liquid_tags_are_issues() -> None:
    text = "{% if ticket.id %}a{% else %}b {% endif %} {% unless x %}c {% endfor %}"
    problems = [i.problem for i in scan(text, "zendesk").issues]
    assert "'{% endfor %}' closes no open tag" in problems
    assert "'{% unless %}' is never closed with '{% endunless %}'" in problems
    assert not any("'{% if %}'" in p for p in problems)


def test_placeholders_unbalanced_braces_are_issues() -> None:
    text = "Hi {{ticket.requester.first_name}, order {ticket.id}} done"
    issues = scan(text, "zendesk").issues
    assert [text[i.start : i.end] for i in issues] == ["{{", "}}"]


def test_placeholders_hubspot_missing_token_is_always_an_issue() -> None:
    issues = scan("Thanks from [[MISSING TOKEN - company.name]]!").issues
    assert [i.problem for i in issues] == ["HubSpot could not fill this token"]


def test_placeholders_fill_ins_and_their_roles() -> None:
    found = scan("Hi [Customer Name], code XXX for <NAME>. [Your Name] FILLIN")
    got = [(p.text, p.kind, p.role) for p in found.placeholders]
    assert got == [
        ("[Customer Name]", "fill-in", Role.CUSTOMER_NAME),
        ("XXX", "fill-in", Role.OTHER),
        ("<NAME>", "fill-in", Role.CUSTOMER_NAME),
        ("[Your Name]", "fill-in", Role.AGENT_NAME),
        ("FILLIN", "fill-in", Role.OTHER),
    ]


def test_placeholders_mask_keeps_length_and_tags_become_spaces() -> None:
    text = "Hi {{first_name}},\n{% if x %}ok{% endif %}"
    found = scan(text)
    masked = mask(text, found.placeholders)
    assert len(masked) == len(text)
    assert masked.startswith("Hi X" + "x" * 13 + ",\n")
    assert masked.endswith("          ok           ")


def test_placeholders_dynamic_content_only_body_is_not_inspectable() -> None:
    text = "{{dc.refund_policy}}\n\n{{dc.signature}}"
    assert not inspectable(text, scan(text).placeholders)
    text = "Hi {{ticket.requester.first_name}}, {{dc.refund_policy}}"
    assert inspectable(text, scan(text).placeholders)
