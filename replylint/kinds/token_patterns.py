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
