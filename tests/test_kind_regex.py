"""regex kind: matches in the checked text, replace templates, exceptions, ignore_case."""

from __future__ import annotations

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def test_regex_replace_template_uses_groups(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule(
        "regex",
        {"pattern": r"\b(\w+) \1\b", "ignore_case": True, "replace": r"\1", "exceptions": ["had had"]},
    )
    doc = lint_rule(rule, BODY.format("The the parcel had had a trip."))
    assert [(f.match, f.suggestions, f.fixable) for f in doc.findings] == [("The the", ("The",), True)]


def test_regex_is_case_sensitive_by_default(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("regex", {"pattern": r"\b(\w+) \1\b"})
    doc = lint_rule(rule, BODY.format("The the parcel and the the box."))
    assert [f.match for f in doc.findings] == ["the the"]


def test_regex_without_replace_is_not_fixable(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("regex", {"pattern": r"!{2,}"})
    [finding] = lint_rule(rule, BODY.format("Great!! Yes!")).findings
    assert (finding.match, finding.length, finding.suggestions, finding.fixable) == ("!!", 2, (), False)


def test_regex_position_is_line_and_column(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("regex", {"pattern": r"(?<=\S) {2,}(?=\S)", "replace": " "})
    text = "Hi Sam,\n\nOne line.\nTwo  spaces here.\n\nBest,\nAna"
    [finding] = lint_rule(rule, text).findings
    assert (finding.line, finding.column, finding.offset) == (4, 4, text.index("  "))
    assert finding.suggestions == (" ",)


def test_regex_skips_quoted_history(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("regex", {"pattern": "XYZZY"})
    text = "Hi Sam,\n\nAll good.\n\nBest,\nAna\n\nOn Mon, 3 Mar 2025, Sam wrote:\n> XYZZY"
    assert lint_rule(rule, text).findings == ()
