"""spaCy token patterns given as rule options: validated at load time, compiled once.

Shared by the kinds that take patterns as data (pattern, tone, substitution's
exception patterns), so every kind checks them against spaCy's schema the same way
and asks the pipeline for the features their attributes need.
"""

from __future__ import annotations

from typing import Any

from .base import OptionError

# Which pipeline feature a pattern attribute needs; LOWER, ORTH, IS_* need only tokens.
FEATURE_OF = {
    "LEMMA": "lemma",
    "POS": "pos",
    "TAG": "pos",
    "MORPH": "pos",
    "DEP": "parse",
    "ENT_TYPE": "entities",
    "ENT_IOB": "entities",
    "ENT_ID": "entities",
}


def attributes(patterns: list) -> set[str]:
    """Every token attribute the patterns use, upper-cased."""
    found = set()
    for pattern in patterns:
        for token in pattern:
            found.update(str(k).upper() for k in token)
    return found


def features(patterns: list) -> frozenset[str]:
    """The pipeline features the patterns need."""
    return frozenset(FEATURE_OF[a] for a in attributes(patterns) if a in FEATURE_OF)


def validate_list(patterns: Any, key: str) -> None:
    """Raise OptionError naming `key` unless `patterns` is a list of valid token patterns."""
    from spacy.schemas import validate_token_pattern

    if not isinstance(patterns, list):
        raise OptionError(key, "must be a list of spaCy token patterns")
    for index, pattern in enumerate(patterns):
        if not isinstance(pattern, list) or not pattern:
            raise OptionError(key, f"pattern {index + 1} must be a non-empty list of token specs")
        errors = validate_token_pattern(pattern)
        if errors:
            raise OptionError(key, f"pattern {index + 1} is not a valid spaCy token pattern: {errors[0]}")


def matcher(patterns: list, pipeline: Any, key: str) -> Any:
    """A Matcher for the `patterns` the pipeline can serve, under one key; None if none.

    A pattern on tags or lemmas is left out when the pipeline has no tagger (the blank
    fallback): exception and alternative patterns then simply do not apply.
    """
    usable = [list(p) for p in patterns if features([p]) <= pipeline.features]
    if not usable:
        return None
    from spacy.matcher import Matcher

    compiled = Matcher(pipeline.nlp.vocab, validate=True)
    compiled.add(key, usable)
    return compiled


_ANCHOR_ATTRS = ("LOWER", "ORTH", "LEMMA", "NORM")


# Words in nearly every sentence: an anchor made of them would skip nothing.
_COMMON = frozenset({"be", "is", "are", "was", "the", "a", "an", "you", "we", "i", "do", "did", "does", "not",
                     "n't", "have", "has", "had", "to", "of", "on", "in", "with", "at", "will", "'ll", "my",
                     "our", "your", "it", "this", "that", "and", "or", "for", "can", "please", "me", "us"})  # fmt: skip


def anchored(patterns: list) -> bool:
    """Whether every pattern names words a sentence must hold, so a PatternSet of them
    skips the sentences without those words (else it matches every sentence)."""
    return all(_anchor(pattern) is not None for pattern in patterns)


def _anchor(pattern: list) -> frozenset[str] | None:
    """The words one required token of `pattern` must be (lower-cased), or None when no
    required token names its words (a pattern on tags only). Of the candidate sets the
    one free of very common words wins, then the smallest, then the later token."""
    best: frozenset[str] | None = None

    def rank(words: frozenset[str]) -> tuple[bool, int]:
        return bool(words & _COMMON), len(words)

    for words in _requirements(pattern):
        if best is None or rank(words) <= rank(best):
            best = words
    return best


def _requirements(pattern: list) -> tuple[frozenset[str], ...]:
    """For each required token of `pattern` that names its words (LOWER, ORTH, LEMMA or
    NORM, a string or an IN list), those words lower-cased: a sentence where the pattern
    matches has a word (text, lemma or norm) from every one of these sets."""
    out = []
    for spec in pattern:
        if spec.get("OP") in ("?", "*", "!"):
            continue
        for attr in _ANCHOR_ATTRS:
            value = spec.get(attr)
            if isinstance(value, str):
                out.append(frozenset({value.lower()}))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                out.append(frozenset(str(v).lower() for v in value["IN"]))
    return tuple(out)


def _words_of(doc: Any, start: int, end: int) -> frozenset[str]:
    """The texts, lemmas and norms (lower-cased) of tokens start..end, computed once per
    document and span: every rule's PatternSet asks about the same sentences."""
    cache = doc.user_data.setdefault("replylint.words", {})
    key = (start, end)
    words = cache.get(key)
    if words is None:
        words = frozenset(w for t in doc[start:end] for w in (t.lower_, t.lemma_.lower(), t.norm_))
        cache[key] = words
    return words


class PatternSet:
    """Token patterns run only on the sentences that contain one of their anchor words.

    spaCy's Matcher tries every pattern at every token, and `IN` predicates are checked in
    Python: a rule with thirty patterns costs milliseconds per reply, though most
    sentences contain none of the words the patterns need ("policy", "design", "fault").
    Each pattern's anchor is the smallest set of words one of its required tokens must
    be; a sentence is matched only when its words or lemmas meet some anchor (or a
    pattern has none). Matches come back as (span, index of the pattern).
    """

    def __init__(self, patterns: list, pipeline: Any, key: str) -> None:
        from spacy.matcher import Matcher

        self._matcher = Matcher(pipeline.nlp.vocab, validate=True)
        self._index: dict[int, int] = {}
        anchors: set[str] = set()
        self._always = False
        requirements = []
        for index, pattern in enumerate(patterns):
            name = f"{key}:{index}"
            self._matcher.add(name, [list(pattern)], greedy="LONGEST")
            self._index[pipeline.nlp.vocab.strings[name]] = index
            anchor = _anchor(pattern)
            if anchor is None:
                self._always = True
            else:
                anchors |= anchor
            requirements.append(_requirements(pattern))
        self._anchors = frozenset(anchors)
        self._requirements = tuple(requirements)
        self._count = len(patterns)

    def __bool__(self) -> bool:
        return self._count > 0

    def find(self, region: Any) -> list[tuple[Any, int]]:
        """Matches in the region span, sentence by sentence."""
        found = []
        anchors = self._anchors
        for sent in region.sents:
            start, end = max(sent.start, region.start), min(sent.end, region.end)
            if end <= start:
                continue
            part = region.doc[start:end]
            if not self._always:
                # One anchor word first, then every pattern's required words: the matcher
                # (a Python predicate per IN list per token) runs only when some pattern
                # could match ("you did not send" needs "you", a "not" and a verb).
                words = _words_of(region.doc, start, end)
                if anchors.isdisjoint(words):
                    continue
                if not any(all(not need.isdisjoint(words) for need in r) for r in self._requirements):
                    continue
            found.extend((span, self._index[span.label]) for span in self._matcher(part, as_spans=True))
        return found
