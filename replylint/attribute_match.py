"""The English pipeline's attribute ruler, matched token by token from a memo.

spaCy's `attribute_ruler` sets each token's coarse part of speech, morphology and some
lemmas from its tag, text and dependency label (en_core_web_sm: 179 Matcher patterns,
"PRP" -> PRON, "'d" tagged MD -> lemma "would", "I" as nsubj -> Case=Nom). Its Matcher
tries every pattern at every token, and that was about 5 ms of a 150-word draft, as
much as the parser (`benchmarks/run.py`'s stage breakdown).

Almost all of those patterns look at one token, and a one-token pattern's answer
depends only on that token's text, tag and dependency label. `MemoMatch` replaces the
ruler's `match` method: for each (text, tag, label) it asks a Matcher holding only the
one-token patterns once, on a one-token Doc carrying the same three values, and
remembers which patterns matched; the rest of the patterns (several tokens, operators,
or attributes that are not the token's own: POS, MORPH, LEMMA, extensions...) stay in
a second, small Matcher run on the whole Doc as before. The matches are then sorted
exactly as `AttributeRuler.match` sorts them and `set_annotations` is the ruler's own,
so every token gets the same attributes in the same order of precedence
(`tests/test_attribute_match.py` compares the two token by token).

This module does not load spaCy: `nlp.load_pipeline` hands it the loaded ruler.
"""

from __future__ import annotations

from typing import Any

MEMO_MAX = 50_000  # (text, tag, label) triples remembered; cleared when full

# Token attributes a one-token pattern may test and still be answered from the memo:
# the token's text and what follows from it alone (lexical attributes), its tag and
# its dependency label. Anything else keeps the pattern in the whole-Doc Matcher.
_FROM_KEY = frozenset(
    {"ORTH", "TEXT", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
     "IS_TITLE", "IS_PUNCT", "IS_SPACE", "LIKE_NUM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP"}
)  # fmt: skip


def _one_token(pattern: list[dict[str, Any]]) -> bool:
    """Whether a Matcher pattern matches exactly one token, testing only memo-key values."""
    if len(pattern) != 1:
        return False
    return all(isinstance(k, str) and k.upper() in _FROM_KEY for k in pattern[0])


class MemoMatch:
    """A drop-in for `AttributeRuler.match(doc)`: the same (attr_id, match_id, start,
    end) list, in the same order."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.single = Matcher(ruler.vocab, validate=False)
        self.rest = Matcher(ruler.vocab, validate=False)
        self.rest_size = 0
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            found = ruler.matcher.get(key)
            if found is None:
                continue
            patterns = found[1]
            # A key is memoised only when all its patterns are: a key split over both
            # matchers could report a span twice where spaCy's Matcher reports it once.
            target = self.single if all(_one_token(p) for p in patterns) else self.rest
            target.add(key, patterns)
            if target is self.rest:
                self.rest_size += 1
        self.memo: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    def _single_matches(self, orth: int, tag: int, dep: int) -> tuple[tuple[int, int], ...]:
        """(attr_id, match_id) of the one-token patterns a token with these values matches."""
        from spacy.tokens import Doc

        doc = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
        token = doc[0]
        token.tag = tag
        token.dep = dep
        found = self.single(doc, allow_missing=True, as_spans=False)
        return tuple((int(self.vocab.strings[m_id]), m_id) for m_id, _, _ in found)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, ORTH, TAG

        memo = self.memo
        matches = []
        columns = doc.to_array([ORTH, TAG, DEP]).T.tolist() if len(doc) else [[], [], []]
        for i, key in enumerate(zip(*columns, strict=True)):
            hits = memo.get(key)
            if hits is None:
                if len(memo) >= MEMO_MAX:
                    memo.clear()
                hits = memo[key] = self._single_matches(*key)
            for attr_id, m_id in hits:
                matches.append((attr_id, m_id, i, i + 1))
        if self.rest_size:
            for m_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                matches.append((int(self.vocab.strings[m_id]), m_id, start, end))
        matches.sort()  # as AttributeRuler.match: later patterns take precedence
        return matches


def install(nlp: Any) -> None:
    """Give the pipeline's attribute ruler (if it has one) the memoised match."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = MemoMatch(ruler)
