"""fill-in kind: leftover placeholders are errors; known names become the fix."""

from __future__ import annotations


def test_fill_in_flags_every_placeholder_with_name_fixes(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("fill-in")
    text = (
        "Hi {{first_name}},\n\nYour code is XXX and [Agent Name] will call. {{ticket.id}}\n\n"
        "Best,\n[Your Name]"
    )
    doc = lint_rule(rule, text, customer="Sarah Jones", agent="Ana Lima")
    got = [(f.match, f.suggestions, f.fixable, f.region) for f in doc.findings]
    assert got == [
        ("{{first_name}}", ("Sarah",), True, "greeting"),
        ("XXX", (), False, "body"),
        ("[Agent Name]", ("Ana",), True, "body"),
        ("{{ticket.id}}", (), False, "body"),
        ("[Your Name]", ("Ana",), True, "signoff"),
    ]


def test_fill_in_customer_name_placeholder_uses_full_name(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("fill-in")
    [finding] = lint_rule(
        rule, "Hi [Customer Name],\n\nThanks.\n\nBest,\nAna", customer="Sarah Jones"
    ).findings
    assert finding.suggestions == ("Sarah Jones",)


def test_fill_in_without_names_has_no_fix(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("fill-in")
    [finding] = lint_rule(rule, "Hi {{first_name}},\n\nThanks.\n\nBest,\nAna").findings
    assert finding.suggestions == ()
    assert not finding.fixable


def test_fill_in_ignores_quoted_history(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("fill-in")
    text = "Hi Sarah,\n\nThanks.\n\nBest,\nAna\n\n> Hi [Customer Name], your code is XXX"
    assert lint_rule(rule, text).findings == ()


def test_fill_in_clean_draft_passes(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("fill-in")
    doc = lint_rule(rule, "Hi Sarah,\n\nYour code is 4411.\n\nBest,\nAna")
    assert doc.findings == ()
    assert doc.checklist["proofread"].status == "pass"
