"""required kind: a phrase must appear in the rule's regions; a sign-off does not count."""

from __future__ import annotations

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"
THANKS = {
    "phrases": ["thank you for", "thanks for", "thanks, {customer}"],
    "advice": ["Thanks for writing in."],
}


def test_required_missing_phrase_gives_one_zero_length_finding(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("required", THANKS, checklist="thank-them", level="warning")
    doc = lint_rule(rule, BODY.format("The order shipped."))
    [finding] = doc.findings
    assert (finding.offset, finding.length, finding.match) == (0, 0, "")
    assert finding.suggestions == ("Thanks for writing in.",)
    assert doc.checklist["thank-them"].status == "fail"


def test_required_present_phrase_passes(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("required", THANKS, checklist="thank-them")
    doc = lint_rule(rule, BODY.format("Thanks for writing. The order shipped."))
    assert doc.findings == ()
    assert doc.checklist["thank-them"].status == "pass"


def test_required_signoff_thanks_does_not_count(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("required", {"phrases": ["thanks"]}, checklist="thank-them")
    doc = lint_rule(rule, "Hi Sam,\n\nThe order shipped.\n\nThanks,\nAna")
    assert len(doc.findings) == 1


def test_required_templated_phrase_needs_the_name(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("required", THANKS, checklist="thank-them")
    text = BODY.format("Thanks, Sam. The order shipped.")
    assert lint_rule(rule, text, customer="Sam").findings == ()
    assert len(lint_rule(rule, text).findings) == 1


def test_required_lemma_matching(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("required", {"phrases": ["appreciate"], "match_on": "lemma"})
    assert lint_rule(rule, BODY.format("We appreciated the note.")).findings == ()
    assert len(lint_rule(rule, BODY.format("We read the note.")).findings) == 1
