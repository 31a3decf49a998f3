"""metric: readability grade and sentence length, measured over the rule's regions.

The grade is the Flesch-Kincaid grade level, computed here with a small syllable
counter (textstat needs an NLTK download offline and fails). It is only judged when
the region has `min_words` words, because on a short reply the formula means little;
below that the rule skips and says so. The finding highlights the hardest sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..findings import Hit
from .base import Option, SkipCheck, spans_in

OPTIONS = {
    "metric": Option(
        "str",
        required=True,
        doc="grade (Flesch-Kincaid) or sentence-words",
        choices=("grade", "sentence-words"),
    ),
    "max": Option("number", required=True, doc="the highest acceptable value"),
    "min_words": Option("int", 0, "skip when the regions have fewer words than this"),
}
REGIONS = ("body",)
MESSAGE_FIELDS = frozenset({"value", "max", "words"})

_VOWELS = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(r"(?:[^l]e|es|ed)$")


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Estimated syllables in an English word (vowel groups, less a silent ending)."""
    w = word.lower().strip("'")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWELS.findall(w))
    if _SILENT_E.search(w) and not w.endswith(("ted", "ded", "ees", "ies", "oes")) and count > 1:
        count -= 1
    return max(1, count)


def grade(words: int, sentences: int, syllable_count: int) -> float:
    """Flesch-Kincaid grade level."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "sentences"})


def _sentences(doc, spans) -> list:  # type: ignore[no-untyped-def]
    """The sentences of the regions with their words, once per document and regions:
    the sentence-length and readability rules both read them."""
    cache = doc.doc.user_data.setdefault("replylint.metric-sentences", {})
    key = tuple(spans)
    if key not in cache:
        out = []
        for region in spans_in(doc, spans):
            for sent in region.sents:
                words = [t for t in sent if t.is_alpha or t.like_num]
                if words:
                    out.append((sent, words))
        cache[key] = out
    return cache[key]


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    opts = rule.options
    metric, most, min_words = opts["metric"], opts["max"], opts["min_words"]

    def trim(sent) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        toks = [t for t in sent if not t.is_space]
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        sents = _sentences(doc, spans)
        total = sum(len(w) for _, w in sents)
        if total < min_words:
            raise SkipCheck(f"only {total} words; needs {min_words} for a meaningful {metric}")
        if metric == "sentence-words":
            for sent, words in sents:
                if len(words) > most:
                    start, end = trim(sent)
                    yield Hit(
                        start,
                        end,
                        values={"value": str(len(words)), "max": f"{most:g}", "words": str(len(words))},
                    )
            return
        syl = sum(syllables(t.text) for _, words in sents for t in words if t.is_alpha)
        value = grade(total, len(sents), syl)
        if value <= most:
            return
        hardest = max(
            sents,
            key=lambda sw: grade(len(sw[1]), 1, sum(syllables(t.text) for t in sw[1] if t.is_alpha)),
        )
        start, end = trim(hardest[0])
        yield Hit(start, end, values={"value": f"{value:.1f}", "max": f"{most:g}", "words": str(total)})

    return check
