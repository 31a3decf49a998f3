"""participle: a verb left in its base form after the auxiliary "have" ("has respond").

"We have update your address", "our team has review the case": the auxiliary "have"
takes a past participle, and a verb written as its base form there is a real-word
slip no spelling checker sees (both words exist) and LanguageTool 6.8 did not report.

The parse says which verb the auxiliary belongs to (its head, so "have already
refund" is seen and "have to respond", "have them call" are not: there "have" is the
main verb). The verb must be written as its own lemma and be a verb WordNet knows.
Whether its participle differs from its base form comes from the lemmatizer's own
exception table, which lists every verb whose forms are not base + "ed":
- a verb in the table with an "-ed" form ("stopped", "applied") takes that form;
- a verb in the table without one ("sent", "came", or only "putting") is irregular,
  and its base may be its participle ("has come", "has put"): left alone;
- a verb not in the table is regular (base + "ed", or + "d" after "e"), except the few
  whose participle is their base form without a doubled consonant ("has read", "has
  spread"), named in the rule's `same_form` option.
The suggestion is offered for a person to accept, never applied unattended: a tagger
slip could make a noun look like a verb.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Hit
from .base import Option, SkipCheck, spans_in

OPTIONS = {
    "same_form": Option(
        "str-list", (), "verbs whose past participle is their base form, not in the lemmatizer's exceptions"
    ),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset({"auxiliary"})
_BASE_TAGS = frozenset({"VB", "VBP", "VBN"})  # the tagger may call "respond" after "has" VBN


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "sentences", "lemma", "pos", "parse"})


def _participles(pipeline: Any) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(verb -> its "-ed" form, for verbs the exceptions spell; irregular verbs; known verbs)."""
    lemmatizer = pipeline.nlp.get_pipe("lemmatizer")
    exceptions = lemmatizer.lookups.get_table("lemma_exc")["verb"]
    spelled: dict[str, str] = {}
    listed: set[str] = set()
    for form, lemmas in exceptions.items():
        for lemma in lemmas:
            listed.add(lemma)
            if form.endswith("ed") and form != lemma:
                spelled.setdefault(lemma, form)
    verbs = frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])
    return spelled, frozenset(listed - spelled.keys()), verbs


def _regular(verb: str) -> str:
    return verb + "d" if verb.endswith("e") else verb + "ed"


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    if "lemma" not in pipeline.features or "parse" not in pipeline.features:
        return _skipping("needs the English pipeline's tagger, parser and lemmatizer")
    try:
        spelled, irregular, verbs = _participles(pipeline)
    except (KeyError, ValueError):
        return _skipping("the pipeline's lemmatizer has no exception table")
    same_form = frozenset(w.lower() for w in rule.options["same_form"])

    def participle(verb: str) -> str | None:
        if verb not in verbs or verb in same_form or verb in irregular:
            return None
        return spelled.get(verb) or _regular(verb)

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        for span in spans_in(doc, spans):
            for token in span:
                if token.tag_ not in _BASE_TAGS or token.dep_ == "aux":
                    continue
                word = token.text
                if not word.isalpha() or word.lower() != token.lemma_.lower():
                    continue
                auxiliary = next(
                    (
                        c
                        for c in token.children
                        if c.dep_ == "aux" and c.i < token.i and c.lemma_.lower() == "have"
                    ),
                    None,
                )
                if auxiliary is None:
                    continue
                if any(t.tag_ == "TO" for t in token.doc[auxiliary.i + 1 : token.i]):
                    continue
                form = participle(word.lower())
                if form is None:
                    continue
                yield Hit(
                    token.idx,
                    token.idx + len(word),
                    values={"auxiliary": auxiliary.text},
                    suggestions=(form if word.islower() else form.capitalize(),),
                )

    return check


def _skipping(reason: str):  # type: ignore[no-untyped-def]
    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        raise SkipCheck(reason)
        yield  # a generator, like every check

    return check
