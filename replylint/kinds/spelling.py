"""spelling: unknown words, with suggestions, that leave names and ids alone.

Backed by pyspellchecker: pure Python, ships its English word-frequency list (no
download), loads in about 0.2 s. Only edit-distance-1 candidates are generated for
suggestions, because distance 2 can take half a second for one long word; the rule's
list of common misspellings is checked first and covers the usual distance-2 typos.
Never flagged: the customer's and agent's names, the config vocabulary, capitalised
proper nouns, acronyms, and anything that is not purely alphabetic (URLs, e-mails,
numbers, order ids, versions). Placeholders are masked before this runs. A word made
of a known prefix and a known word ("rebooked", "autopay") and the other of the
British/American pair ("recognise") are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..findings import Hit
from .base import Option

OPTIONS = {
    "common": Option("str-map", {}, "common misspelling: correction (checked first)"),
    "ignore": Option("str-list", (), "words never flagged (case-insensitive)"),
    "prefixes": Option("str-list", (), "prefixes that may join a known word (re, un, auto...)"),
    "max_suggestions": Option("int", 3, "how many corrections to offer"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset()

_VARIANTS = (
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"yse(d|s)?$"), r"yze\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
)


def validate(options: dict) -> None:
    """No cross-option rules."""


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "pos"})


@lru_cache(maxsize=1)
def dictionary():  # type: ignore[no-untyped-def]
    """The English word list, loaded once per process."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def _like_case(source: str, word: str) -> str:
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _words(span) -> Iterator[list]:  # type: ignore[no-untyped-def]
    """Runs of alphabetic tokens written together ("ca"+"nt" is the typo "cant")."""
    group: list = []
    for token in span:
        if group and (group[-1].whitespace_ or not token.is_alpha):
            yield group
            group = []
        if token.is_alpha:
            group.append(token)
        elif token.text[:1] not in "'’" or not group:
            continue
    if group:
        yield group


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    opts = rule.options
    common = {k.lower(): v for k, v in opts["common"].items()}
    ignore = {w.lower() for w in opts["ignore"]}
    prefixes = sorted({p.lower() for p in opts["prefixes"]}, key=len, reverse=True)
    limit = opts["max_suggestions"]
    has_pos = "pos" in pipeline.features
    spell = dictionary()
    frequency = spell.word_frequency

    def known(word: str) -> bool:
        if word in frequency:
            return True
        for prefix in prefixes:
            rest = word[len(prefix) :].lstrip("-")
            if word.startswith(prefix) and len(rest) >= 3 and rest in frequency:
                return True
        return any(rx.search(word) and rx.sub(repl, word) in frequency for rx, repl in _VARIANTS)

    def suggestions(word: str) -> tuple[str, ...]:
        lower = word.lower()
        if lower in common:
            return tuple(_like_case(word, c) for c in common[lower])
        candidates = spell.candidates(lower) or set()
        ranked = sorted(candidates - {lower}, key=lambda c: (-frequency[c], c))
        return tuple(_like_case(word, c) for c in ranked[:limit])

    def skip(tokens: list, text: str, names: frozenset[str]) -> bool:
        lower = text.lower()
        if lower in common:
            return False
        if len(text) < 2 or lower in ignore or lower in names or text.isupper():
            return True
        first = tokens[0]
        if text[0].isupper():
            if has_pos:
                if first.pos_ == "PROPN" or first.tag_ in ("NNP", "NNPS"):
                    return True
            elif not first.is_sent_start:
                return True
        return known(lower)

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        names = doc.context.name_words | doc.context.vocabulary
        for start, end in spans:
            span = doc.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for group in _words(span):
                w_start = group[0].idx
                w_end = group[-1].idx + len(group[-1].text)
                text = doc.text[w_start:w_end]
                if skip(group, text, names):
                    continue
                offered = suggestions(text)
                yield Hit(
                    w_start,
                    w_end,
                    values={"suggestion": offered[0] if offered else ""},
                    suggestions=offered,
                    fixable=len(offered) == 1,
                )

    return check
