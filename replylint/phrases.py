"""Phrase lists as regular expressions: one way to turn words into a pattern.

Region detection (greetings, closings), the tone kinds (empathy markers, breezy
openers, vague promises), context phrases ("thanks, {agent}") and the ticket reader all
match phrase lists on whole words with flexible whitespace; they share this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def alternation(phrases: Iterable[str]) -> str:
    """A regex body matching any phrase, longest first, any run of whitespace between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


def phrase_regex(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Any of `phrases` as whole words (not inside a word or a contraction)."""
    return re.compile(rf"(?<![\w'])(?:{alternation(phrases)})(?![\w'])", flags)


@lru_cache(maxsize=4096)
def _one(phrase: str) -> re.Pattern[str]:
    return phrase_regex([phrase], flags=0)


def has_phrase(text: str, phrase: str) -> bool:
    """Whether `text` contains `phrase` as whole words (case-sensitive; punctuation-led
    phrases such as '!!' are plain substring tests)."""
    if not phrase[:1].isalnum():
        return phrase in text
    return _one(phrase).search(text) is not None
