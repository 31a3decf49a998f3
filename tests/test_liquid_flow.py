"""Liquid templates read by python-liquid (replylint.liquid_flow): every branch checked as the
customer could receive it, syntax problems and unknown variables placed in the file."""

from __future__ import annotations

import json

import pytest

from replylint import run
from replylint.document import Draft
from replylint.engine import Linter
from replylint.liquid_flow import analyse
from replylint.placeholders import scan
from replylint.readers.library import read_text

SIGN = "\n\nThanks for writing in. I have sent the refund to your card today.\n\nBest,\n{{current_user.first_name}}\n"
IF_ELSE = (
    "{% if ticket.requester.first_name %}Hi {{ticket.requester.first_name}},{% else %}Hi there,{% endif %}"
    + SIGN
)


def _template(linter: Linter, text: str, source: str = "macro.txt"):  # type: ignore[no-untyped-def]
    return run.lint(linter, [Draft(text, source=source)], run.RunValues(mode="template")).documents[0]


def _rules(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in doc.findings]


def test_liquid_greeting_in_every_branch_counts(default_linter: Linter) -> None:
    doc = _template(default_linter, IF_ELSE)
    assert "greeting-name" not in _rules(doc), doc.findings
    assert doc.checklist["use-their-name"].status == "pass"


def test_liquid_branch_without_a_greeting_is_reported(default_linter: Linter) -> None:
    no_else = "{% if ticket.requester.first_name %}Hi {{ticket.requester.first_name}},{% endif %}" + SIGN
    doc = _template(default_linter, no_else)
    [finding] = [f for f in doc.findings if f.rule == "greeting-name"]
    assert "no greeting" in finding.message
    unless = "{% unless ticket.requester.first_name %}Hello,{% endunless %}" + SIGN
    assert "greeting-name" in _rules(_template(default_linter, unless))


def test_liquid_generic_greeting_outside_the_empty_name_branch_is_still_generic(
    default_linter: Linter,
) -> None:
    other = "{% if ticket.id %}Hi there,{% else %}Hello there,{% endif %}" + SIGN
    assert _rules(_template(default_linter, other)).count("greeting-name") == 2


def test_liquid_problem_in_any_branch_is_found_at_its_place(default_linter: Linter) -> None:
    text = (
        "Hi {{ticket.requester.first_name}},\n\nThanks for writing in. {% case ticket.status %}"
        "{% when 'solved' %}We will refund it today.{% when 'open' %}Your refund will be sent recieved "
        "today.{% else %}I have sent the refund.{% endcase %}\n\nBest,\n{{current_user.first_name}}\n"
    )
    doc = _template(default_linter, text)
    [typo] = [f for f in doc.findings if f.rule == "spelling"]
    assert typo.match == "recieved" and (typo.line, text[typo.offset : typo.offset + typo.length]) == (
        3,
        "recieved",
    )


def test_liquid_unclosed_tag_is_placed_at_its_opening_tag_in_the_export(default_linter: Linter) -> None:
    body = "Hi {{ticket.requester.first_name}},\n\n{% if ticket.id %}Your ticket is {{ticket.id}}." + SIGN
    export = json.dumps(
        {"macros": [{"id": 5, "title": "T", "actions": [{"field": "comment_value", "value": body}]}]}
    )
    [draft] = read_text(export, "macros.json", suffix=".json")
    doc = run.lint(default_linter, [draft]).documents[0]
    [issue] = [f for f in doc.findings if f.rule == "template-syntax"]
    assert issue.match == "{% if ticket.id %}"
    assert "never closed with '{% endif %}'" in issue.message
    assert export[issue.column - 1 :].startswith("{% if ticket.id %}") and issue.line == 1


@pytest.mark.parametrize(
    ("text", "flagged", "problem"),
    [
        ("a {% endif %} b", "{% endif %}", "'{% endif %}' closes no open tag"),
        ("a {% iff x %}b{% endif %}", "{% iff x %}", "'{% iff %}' is not a Liquid tag"),
        (
            "Ticket {{ticket.id}.\n\nBest,\n{{current_user.first_name}}",
            "{{",
            "is not closed where it should be",
        ),
        ("Hi {{ticket.requester.first_name", "{{", "'{{' has no matching '}}'"),
        (
            "{% if ticket.requestor.first_name %}Hi{% endif %}",
            "ticket.requestor.first_name",
            "'ticket.requestor.first_name' is not a zendesk placeholder",
        ),
    ],
)
def test_liquid_problems_are_placed(text: str, flagged: str, problem: str) -> None:
    issues = scan(text, "zendesk").issues
    assert any(text[i.start : i.end] == flagged and problem in i.problem for i in issues), issues


def test_liquid_variants_keep_every_offset_and_pair_repeated_conditions() -> None:
    text = "{% if a %}Hi Sam,{% else %}Hi there,{% endif %} body {% if a %}Best, Ana{% else %}Best{% endif %}"
    analysis = analyse(text)
    assert not analysis.problems
    texts = []
    for variant in analysis.variants:
        chars = list(text)
        for start, end in variant.blank:
            chars[start:end] = " " * (end - start)
        texts.append(" ".join("".join(chars).split()))
    assert texts == ["Hi Sam, body Best, Ana", "Hi there, body Best"]
    assert [sorted(v.empty) for v in analysis.variants] == [[], ["a"]]


def test_liquid_capture_and_comment_are_not_text_the_customer_gets() -> None:
    text = "Hi {% capture x %}secret{% endcapture %}there {% comment %}note{% endcomment %}!"
    [variant] = analyse(text).variants
    kept = "".join(c for i, c in enumerate(text) if not any(s <= i < e for s, e in variant.blank))
    assert kept == "Hi there !"


def test_liquid_helpscout_syntax_is_not_parsed_as_liquid() -> None:
    found = scan("Hi {%customer.firstName,fallback=there%}, {%user.firstName%}")
    assert found.dialect == "helpscout" and found.issues == () and found.variants == ()
