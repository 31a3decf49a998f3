"""occurrence kind: flag occurrences past `max`, or the region when under `min`."""

from __future__ import annotations

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def test_occurrence_max_flags_each_one_after_the_allowed(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("occurrence", {"pattern": "!+", "max": 1}, message="{count} over {max}")
    text = BODY.format("Great! Yes!! Ok!")
    doc = lint_rule(rule, text)
    assert [(f.match, f.offset) for f in doc.findings] == [("!!", text.index("!!")), ("!", text.rindex("!"))]
    assert doc.findings[0].message == "3 over 1"


def test_occurrence_at_max_passes(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("occurrence", {"pattern": "!+", "max": 1})
    assert lint_rule(rule, BODY.format("Great! Yes.")).findings == ()


def test_occurrence_min_flags_the_region_once(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("occurrence", {"phrases": ["sorry"], "min": 1}, message="{count} under {min}")
    [finding] = lint_rule(rule, BODY.format("The order shipped.")).findings
    assert finding.length == 0
    assert finding.message == "0 under 1"
    assert lint_rule(rule, BODY.format("Sorry, the order shipped.")).findings == ()


def test_occurrence_phrases_are_counted_as_tokens(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("occurrence", {"phrases": ["sorry"], "max": 1})
    doc = lint_rule(rule, BODY.format("Sorry. So sorry. Very sorry. Sorryish."))
    assert [f.match for f in doc.findings] == ["sorry", "sorry"]


def test_occurrence_counts_only_its_regions(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("occurrence", {"pattern": "!", "max": 0}, regions=["body"])
    doc = lint_rule(rule, "Hi Sam!\n\nAll set.\n\nCheers!\nAna\n\n> help!")
    assert doc.findings == ()
