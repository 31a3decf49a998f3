"""spelling: unknown words, with ranked suggestions, that leave support text alone.

Backed by pyspellchecker: pure Python, ships its English word-frequency list (no
download), loads in about 0.2 s.

Never flagged: the customer's and agent's names; capitalised words the pipeline tags
as proper nouns or entities; acronyms; URLs, e-mail addresses, file paths, file
names, version strings, order/ticket ids and anything else with digits; code spans
(`...` and fenced blocks); placeholders (masked before this runs); and the team
vocabulary (`vocabulary.accept` and accept.txt, matched on whole tokens, case kept
per entry: see replylint/vocabulary.py). Contractions and possessives are checked
without their clitic ("Sarah's", "don't"); hyphenated compounds part by part; a word
made of a known prefix and a known word ("rebooked", "autopay") is accepted.

British and American spellings: with `spelling: {variant: en-US}` in the config the
British form of a word in the rule's `variants` list is flagged with the American one
(and the other way round for en-GB); without a variant both are accepted.

Suggestions: the rule's list of common support-writing misspellings is checked
first; then candidates within edit distance 2 (Damerau: a swap counts as one edit),
ranked by distance, then by whether the word is common in support replies (the
rule's `domain_words`), then by word frequency. Distance-1 candidates come from
pyspellchecker; distance 2 uses rapidfuzz over the frequent words of similar length,
because pyspellchecker's own distance-2 search takes over a second a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..findings import Hit
from ..vocabulary import Vocabulary
from .base import Option

OPTIONS = {
    "common": Option("str-map", {}, "common misspelling: correction (checked first)"),
    "ignore": Option("str-list", (), "words never flagged (case-insensitive)"),
    "prefixes": Option("str-list", (), "prefixes that may join a known word (re, un, auto...)"),
    "max_suggestions": Option("int", 3, "how many corrections to offer"),
    "domain_words": Option("str-list", (), "words common in support replies, ranked first among equals"),
    "variants": Option("str-map", {}, "British spelling: American spelling (used with spelling.variant)"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset()
VARIANTS = ("en-US", "en-GB")

_VARIANT_RULES = (
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"yse(d|s)?$"), r"yze\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
)
# Text that is never prose: where a word inside it is not a spelling question.
_NOT_PROSE = re.compile(
    r"```.*?```"  # fenced code
    r"|`[^`\n]+`"  # inline code
    r"|\b(?:https?|ftp)://\S+|\bwww\.\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?:[A-Za-z]:)?(?:\\[\w .-]+){2,}\\?"  # Windows paths
    r"|(?<![\w/])~?(?:/[\w.-]+){2,}/?"  # Unix paths
    r"|\b[\w-]+(?:/[\w.-]+)+\.\w{1,5}\b"  # relative paths with a file name
    r"|\b[\w-]+\.(?:pdf|csv|xlsx?|docx?|txt|png|jpe?g|gif|zip|json|ya?ml|html?|log|exe|dmg|apk|ics)\b"
    r"|\b[\w-]+(?:\.[a-z]{2,})+(?:/\S*)?(?=[\s,;)]|$|\.\s)"  # bare domains: acme.com/help
    r"|\bv?\d+(?:\.\d+)+(?:[-+][\w.]+)?\b"  # versions: 2.3.1, v10.4-beta
    r"|\b[A-Za-z]{1,6}[-_#]?\d[\w-]*\b|#\d+\b",  # ids: ORD-48213, INC0042, A-48213, #4521
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class SpellingSession:
    """What a run's config adds: the team vocabulary and the preferred variant."""

    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    variant: str | None = None


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "pos"})


def session(config: Any, rules: Any, pipeline: Any) -> SpellingSession:
    """The config's vocabulary and variant, once per Linter."""
    dictionary(getattr(config, "cache_dir", None))  # loaded now, from the cache folder when there is one
    return SpellingSession(
        vocabulary=getattr(config, "terms", Vocabulary()),
        variant=getattr(config, "spelling_variant", None),
    )


_DICTIONARY: list = []  # the one SpellChecker of the process, once loaded


def dictionary(cache_dir: Path | None = None):  # type: ignore[no-untyped-def]
    """The English word list, loaded once per process (through the cache folder when given)."""
    if not _DICTIONARY:
        from ..wordlist import load

        _DICTIONARY.append(load(cache_dir))
    return _DICTIONARY[0]


@lru_cache(maxsize=1)
def _frequent_by_length() -> dict[int, list[str]]:
    """Frequent alphabetic words bucketed by length, for distance-2 suggestions."""
    buckets: dict[int, list[str]] = {}
    for word, count in dictionary().word_frequency.dictionary.items():
        if count >= 50 and word.isalpha():
            buckets.setdefault(len(word), []).append(word)
    return buckets


def _like_case(source: str, word: str) -> str:
    if source[:1].isupper() and not word[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _words(span) -> Iterator[list]:  # type: ignore[no-untyped-def]
    """Runs of alphabetic tokens written together ("do"+"nt" is the typo "dont").

    Clitics ("'s", "n't", "'re") and hyphens end a run, so possessives and
    contractions are checked without them and compounds part by part.
    """
    group: list = []
    for token in span:
        if group and (group[-1].whitespace_ or not token.is_alpha):
            yield group
            group = []
        if token.is_alpha:
            group.append(token)
    if group:
        yield group


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are URLs, e-mails, paths, file names, versions, ids or code."""
    return [m.span() for m in _NOT_PROSE.finditer(text)]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


class Speller:
    """One spelling rule's judgement, usable by other kinds (grammar drops duplicates with it)."""

    def __init__(self, options: dict, pipeline: Any, settings: SpellingSession | None = None) -> None:
        settings = settings or SpellingSession()
        self.common = {k.lower(): v for k, v in (options.get("common") or {}).items()}
        self.ignore = {w.lower() for w in options.get("ignore") or ()}
        self.prefixes = sorted({p.lower() for p in options.get("prefixes") or ()}, key=len, reverse=True)
        self.limit = options.get("max_suggestions", 3)
        self.domain = {w.lower() for w in options.get("domain_words") or ()}
        variants = {k.lower(): v[0].lower() for k, v in (options.get("variants") or {}).items() if v}
        if settings.variant == "en-US":
            self.wrong_variant = variants
        elif settings.variant == "en-GB":
            self.wrong_variant = {american: british for british, american in variants.items()}
        else:
            self.wrong_variant = {}
        self.vocabulary = settings.vocabulary
        self.case_terms = [
            (re.compile(r"(?<!\w)" + re.escape(t.pattern) + r"(?!\w)", re.I), t.pattern)
            for t in self.vocabulary.accept
            if t.literal and any(c.isupper() for c in t.pattern)
        ]
        self.has_pos = "pos" in pipeline.features
        self.has_entities = "entities" in pipeline.features
        self.spell = dictionary()
        self.frequency = self.spell.word_frequency

    # -- judgement ---------------------------------------------------------------

    def known(self, word: str) -> bool:
        """Whether a lowercased word is English (directly, via a prefix, or as the other variant)."""
        frequency = self.frequency
        if word in frequency or word in self.ignore:
            return True
        for prefix in self.prefixes:
            rest = word[len(prefix) :].lstrip("-")
            if word.startswith(prefix) and len(rest) >= 3 and rest in frequency:
                return True
        return any(rx.search(word) and rx.sub(repl, word) in frequency for rx, repl in _VARIANT_RULES)

    def accepted_on_purpose(self, word: str) -> bool:
        """Known through the rule's ignore list, a prefix or the other variant, not the word list."""
        if word in self.ignore:
            return True
        return word not in self.frequency and self.known(word)

    def accepted_spans(self, doc: Any) -> list[tuple[int, int]]:
        """Spans never judged in this document: vocabulary, URLs, paths, ids, code."""
        return self.vocabulary.accepted_spans(doc.text) + protected_spans(doc.text)

    def never_misspelled(self, doc: Any, tokens: list, text: str, accepted: list[tuple[int, int]]) -> bool:
        """Names, proper nouns, entities, acronyms, accepted and non-prose words."""
        lower = text.lower()
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        if _overlaps(start, end, accepted):
            return True
        if lower in doc.context.name_words:
            return True
        # The run's lowercased word set is only a fallback for callers that set nothing
        # else; the compiled vocabulary keeps each entry's case.
        if not self.vocabulary.accept and lower in doc.context.vocabulary:
            return True
        if len(text) < 2 or text.isupper():
            return True
        first = tokens[0]
        if text[0].isupper() and lower not in self.common:
            if self.has_entities and first.ent_type_:
                return True
            if self.has_pos:
                if first.pos_ == "PROPN" or first.tag_ in ("NNP", "NNPS"):
                    return True
            elif not first.is_sent_start:
                return True
        return False

    def suggestions(self, word: str) -> tuple[str, ...]:
        """Corrections: the common list first, then ranked by distance, domain, frequency."""
        lower = word.lower()
        if lower in self.common:
            return tuple(_like_case(word, c) for c in self.common[lower])
        if lower in self.wrong_variant:
            return (_like_case(word, self.wrong_variant[lower]),)
        scored: dict[str, int] = {c: 1 for c in (self.spell.candidates(lower) or ()) if c != lower}
        if len(scored) < self.limit and len(lower) <= 14:
            from rapidfuzz import process
            from rapidfuzz.distance import DamerauLevenshtein

            buckets = _frequent_by_length()
            choices = [w for n in range(len(lower) - 2, len(lower) + 3) for w in buckets.get(n, ())]
            for candidate, distance, _ in process.extract(
                lower, choices, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=40
            ):
                if candidate != lower:
                    scored[candidate] = min(int(distance), scored.get(candidate, 2))
        frequency = self.frequency
        ranked = sorted(scored, key=lambda c: (scored[c], c not in self.domain, -frequency[c], c))
        return tuple(_like_case(word, c) for c in ranked[: self.limit])

    def hits(self, doc: Any, spans: list[tuple[int, int]]) -> Iterator[Hit]:
        """Misspelled words inside `spans` of the document."""
        accepted = self.accepted_spans(doc)
        for start, end in spans:
            span = doc.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for group in _words(span):
                w_start = group[0].idx
                w_end = group[-1].idx + len(group[-1].text)
                text = doc.text[w_start:w_end]
                lower = text.lower()
                if self.never_misspelled(doc, group, text, accepted):
                    continue
                if lower in self.common or lower in self.wrong_variant:
                    offered = self.suggestions(text)
                    yield self._hit(w_start, w_end, offered, fixable=len(offered) == 1)
                    continue
                cased = self._case_fix(text)
                if cased is not None:
                    # "flurbix-cli", "flurbix.yaml": part of an identifier, where case is not prose
                    before, after = doc.text[w_start - 1 : w_start], doc.text[w_end : w_end + 2]
                    if before in ("-", "_", "/", ".") or (
                        after[:1] in ("-", "_", "/", ".") and after[1:].isalnum()
                    ):
                        continue
                    yield self._hit(w_start, w_end, (cased,), fixable=True)
                    continue
                if self.known(lower):
                    continue
                offered = self.suggestions(text)
                # Only a known common misspelling is safe to fix without a person.
                yield self._hit(w_start, w_end, offered, fixable=False)

    def _case_fix(self, text: str) -> str | None:
        """The team's spelling of a vocabulary word written in another case ('Github' -> 'GitHub')."""
        for regex, preferred in self.case_terms:
            if regex.fullmatch(text) and text != preferred:
                return preferred
        return None

    @staticmethod
    def _hit(start: int, end: int, offered: tuple[str, ...], fixable: bool) -> Hit:
        return Hit(
            start,
            end,
            values={"suggestion": offered[0] if offered else ""},
            suggestions=offered,
            fixable=fixable,
        )


def build(rule, pipeline, settings: SpellingSession | None = None):  # type: ignore[no-untyped-def]
    speller = Speller(rule.options, pipeline, settings)

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        yield from speller.hits(doc, spans)

    check.speller = speller  # type: ignore[attr-defined]
    return check
