"""VADER's compound sentiment score, in time linear in the text's length.

`SentimentIntensityAnalyzer.polarity_scores` rebuilds the whole word list for every
sentiment-bearing word (negation and idiom checks) and looks each score up by value
for the "but" rule, so its cost grows with the square of the words: a ticket with a
run of 4,000 emoji (each becomes a few descriptive words) took most of a minute.

Texts up to `EXACT_UP_TO` words go to VADER unchanged, so ordinary tickets score
exactly as VADER scores them. Longer texts are scored by the same steps with the same
lexicons and VADER's own per-word function, given only the words it reads (three
before the word, two after), and the "but" rule applied by position: VADER's version
finds each score by value and can scale an earlier equal score instead, which only
matters to the fourth decimal on long texts.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

EXACT_UP_TO = 400  # words; VADER's own cost at this size is a few milliseconds
_BEFORE, _AFTER = 3, 2  # the words sentiment_valence reads around a word


def _expand_emoji(analyzer: Any, text: str) -> str:
    """`polarity_scores`'s first step: each emoji replaced by its description."""
    emojis = analyzer.emojis
    parts: list[str] = []
    prev_space = True
    for char in text:
        description = emojis.get(char)
        if description is not None:
            if not prev_space:
                parts.append(" ")
            parts.append(description)
            prev_space = False
        else:
            parts.append(char)
            prev_space = char == " "
    return "".join(parts).strip()


def compound(analyzer: Any, text: str) -> float:
    """VADER's compound score of `text`, from -1 (most negative) to 1 (most positive)."""
    from vaderSentiment import vaderSentiment as vader

    expanded = _expand_emoji(analyzer, text)
    words = vader.SentiText(expanded).words_and_emoticons
    if len(words) <= EXACT_UP_TO:
        return float(analyzer.polarity_scores(text)["compound"])
    is_cap_diff = vader.allcap_differential(words)
    sentiments: list[float] = []
    for i, item in enumerate(words):
        lower = item.lower()
        if lower in vader.BOOSTER_DICT or (
            lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"
        ):
            sentiments.append(0)
            continue
        start = max(0, i - _BEFORE)
        window = SimpleNamespace(words_and_emoticons=words[start : i + _AFTER + 1], is_cap_diff=is_cap_diff)
        sentiments.append(analyzer.sentiment_valence(0, window, item, i - start, [])[-1])
    lowered = [w.lower() for w in words]
    if "but" in lowered:
        at = lowered.index("but")
        sentiments = [s * 0.5 if i < at else s * 1.5 if i > at else s for i, s in enumerate(sentiments)]
    total = float(sum(sentiments))
    emphasis = analyzer._punctuation_emphasis(expanded)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(vader.normalize(total), 4) if sentiments else 0.0
