"""spelling kind: unknown words with suggestions; names, ids, URLs and vocabulary left alone."""

from __future__ import annotations

from replylint.config import Config

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"
OPTIONS = {"common": {"recieve": "receive"}, "ignore": ["zendesk"], "prefixes": ["re"]}


def test_spelling_common_misspelling_is_a_single_fix(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    [finding] = lint_rule(rule, BODY.format("You will recieve it.")).findings
    assert (finding.match, finding.suggestions, finding.fixable) == ("recieve", ("receive",), True)


def test_spelling_unknown_word_gets_dictionary_suggestions(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    [finding] = lint_rule(rule, BODY.format("Thanks for writting in.")).findings
    assert finding.match == "writting"
    assert "writing" in finding.suggestions
    assert len(finding.suggestions) <= 3


def test_spelling_keeps_the_capital_in_suggestions(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    [finding] = lint_rule(rule, BODY.format("Recieve it today.")).findings
    assert finding.suggestions == ("Receive",)


def test_spelling_leaves_names_ids_urls_and_acronyms_alone(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    text = (
        "Hi Priyanka,\n\nZendesk shows order A-48213 at https://acme.example/track and "
        "mail to help@acme.example. NASA rebooked it.\n\nBest,\nAnandhi"
    )
    assert lint_rule(rule, text, customer="Priyanka", agent="Anandhi").findings == ()


def test_spelling_ignore_list_and_prefixes(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    assert lint_rule(rule, BODY.format("We use zendesk and rechecked it.")).findings == ()


def test_spelling_vocabulary_accept_stops_a_finding(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    text = BODY.format("We use the flurbix tool.")
    assert [f.match for f in lint_rule(rule, text).findings] == ["flurbix"]
    config = Config(vocabulary=frozenset({"flurbix"}))
    assert lint_rule(rule, text, config=config).findings == ()


def test_spelling_ignores_quoted_history(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    text = BODY.format("All set.") + "\n\n> i cant recieve the parcle"
    assert lint_rule(rule, text).findings == ()


def test_spelling_joins_split_contractions(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", {"common": {"cant": "can't"}})
    [finding] = lint_rule(rule, BODY.format("We cant do it.")).findings
    assert (finding.match, finding.suggestions) == ("cant", ("can't",))


def test_kind_spelling_without_a_suggestion_says_so() -> None:
    from replylint import lint

    report = lint(
        "Hi Sam,\n\nThe zqxjvwpl is here and it was recieved.\n\nBest,\nAna", customer="Sam", agent="Ana"
    )
    spelling = {f.match: f for f in report.documents[0].findings if f.rule == "spelling"}
    assert spelling["recieved"].message == "'recieved' looks misspelled; did you mean 'received'?"
    lone = spelling["zqxjvwpl"]
    assert not lone.suggestions and "''" not in lone.message and "did you mean" not in lone.message


def test_spelling_sees_a_verb_in_a_noun_slot(make_kind_rule, lint_rule) -> None:
    """A real word a word list accepts, flagged by its class: a verb right after a determiner."""
    rule = make_kind_rule("spelling", OPTIONS)
    [finding] = lint_rule(rule, BODY.format("Type the commend below into the terminal.")).findings
    assert finding.match == "commend"
    assert set(finding.suggestions) >= {"command", "comment"}
    assert not finding.fixable  # the class says it is wrong, not which noun was meant


def test_spelling_class_check_leaves_real_uses_alone(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    for sentence in (
        "We commend the team for it.",  # a verb where a verb belongs
        "The ask is fair.",  # no noun one edit away is more frequent ("task" is rarer)
        "Run the install script again.",  # a modifier before a noun
        "Pick the preset you saved.",  # a technical noun the dictionary lacks, in the lexicon
        "Free shipping is our thank-you for waiting.",  # part of a hyphenated compound
    ):
        assert lint_rule(rule, BODY.format(sentence)).findings == (), sentence


def test_spelling_class_check_respects_the_vocabulary(make_kind_rule, lint_rule) -> None:
    rule = make_kind_rule("spelling", OPTIONS)
    text = BODY.format("Follow the advise on the help page.")
    assert [f.match for f in lint_rule(rule, text).findings] == ["advise"]
    config = Config(vocabulary=frozenset({"advise"}))
    assert lint_rule(rule, text, config=config).findings == ()


def test_protected_spans_are_what_the_whole_pattern_finds() -> None:
    # protected_spans tries the never-prose pattern only in runs holding a character
    # every match needs; it must find exactly the spans the pattern's own scan finds.
    import random

    from replylint.kinds.spelling import _NOT_PROSE, protected_spans

    pieces = [
        "https://help.acme.io/a?b=1", "www.acme.org", "sam.lee+x@mail.acme.co", "C:\\Users\\Ana Ruiz\\x",
        "~/logs/app", "/var/log/a.log", "docs/setup.md", "invoice.pdf", "acme.com/help", "v2.10.3-beta",
        "ORD-48213", "#4521", "@acme_help", "&amp;", "&#8217;", "<a href='x'>", "`npm ci`", "```\nrun it\n```",
        "refund", "Thanks", "it.", "e.g.", "3", "٣", "café", "", "\u00a0", "...", "<", "`", "@", ":", "/",
    ]  # fmt: skip
    rnd = random.Random(20261128)
    texts = [
        "".join(
            rnd.choice(pieces) + rnd.choice(["", " ", "\n", ". ", ", ", "\t"])
            for _ in range(rnd.randint(0, 14))
        )
        for _ in range(3000)
    ]
    texts += [
        "".join(rnd.choice("ab C1.:/@\\~#&<>`-_+\n x") for _ in range(rnd.randint(0, 40)))
        for _ in range(3000)
    ]
    for text in texts:
        assert protected_spans(text) == [m.span() for m in _NOT_PROSE.finditer(text)], repr(text)
