"""phrase kind: whole-token matching on lower/lemma/exact, exceptions, regions, advice."""

from __future__ import annotations

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def test_phrase_lemma_matches_inflected_forms_and_any_case(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["fail to"], "match_on": "lemma"})
    text = BODY.format("You failed to send it. You FAIL TO see it.")
    doc = lint_rule(rule, text)
    assert [f.match for f in doc.findings] == ["failed to", "FAIL TO"]
    assert all(f.rule == "test-rule" for f in doc.findings)


def test_phrase_lower_does_not_match_other_inflections(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["fail to"], "match_on": "lower"})
    doc = lint_rule(rule, BODY.format("You failed to send it. You Fail To see it."))
    assert [f.match for f in doc.findings] == ["Fail To"]


def test_phrase_exact_is_case_sensitive(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["widget"], "match_on": "exact"})
    doc = lint_rule(rule, BODY.format("Widget and widget."))
    assert [(f.match, f.column) for f in doc.findings] == [("widget", 12)]


def test_phrase_matches_whole_tokens_only(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["cache"]})
    doc = lint_rule(rule, BODY.format("The cachet of the brand and the cache."))
    assert [f.match for f in doc.findings] == ["cache"]


def test_phrase_exceptions_excuse_longer_phrases(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["widget"], "exceptions": ["widget box"]})
    doc = lint_rule(rule, BODY.format("The widget box is here. The widget is there."))
    assert len(doc.findings) == 1
    assert doc.findings[0].offset == doc.text.index("widget is")


def test_phrase_only_checks_its_regions(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["widget"]}, regions=["body"])
    doc = lint_rule(rule, "Hi widget,\n\nThe widget.\n\nBest,\nwidget")
    assert [(f.line, f.region) for f in doc.findings] == [(3, "body")]


def test_phrase_ignores_quoted_history_and_placeholders(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["widget"]})
    text = "Hi Sam,\n\nThe {{widget}} is here.\n\nBest,\nAna\n\n> the widget was broken"
    assert lint_rule(rule, text).findings == ()


def test_phrase_advice_becomes_suggestions_not_fixes(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["no idea"], "advice": ["Let me find out"]})
    [finding] = lint_rule(rule, BODY.format("I have no idea.")).findings
    assert finding.suggestions == ("Let me find out",)
    assert not finding.fixable


def test_phrase_templated_phrase_uses_run_names(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("phrase", {"phrases": ["dear {customer}"]})
    text = BODY.format("So, dear Sam, here it is.")
    assert [f.match for f in lint_rule(rule, text, customer="Sam").findings] == ["dear Sam"]
    assert lint_rule(rule, text, customer="Priya").findings == ()
    assert lint_rule(rule, text).findings == ()


def test_phrase_message_fills_match_and_level(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule(
        "phrase", {"phrases": ["widget"]}, level="warning", message="'{match}' for {customer}"
    )
    [finding] = lint_rule(rule, BODY.format("The Widget."), customer="Sam").findings
    assert finding.message == "'Widget' for Sam"
    assert finding.level.value == "warning"
    assert finding.checklist == "proofread"
