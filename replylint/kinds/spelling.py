"""spelling: unknown words, with ranked suggestions, that leave support text alone.

The words: wordfreq's English frequencies (replylint/wordlist.py: about 99,000 words
with a Zipf frequency of 2 or more, loaded from a compact pre-built file), so the web
and support words teams write every day (admin, config, github, signup, hotspot) are
known; plus general technical terms and chat abbreviations kept as data
(rules/lexicon/spelling.yaml: cmdlet, traceback, oauth, pls, hth, accts).

A word is judged in this order:

1. the rule's `ignore` list, the lexicon's terms, the team vocabulary: fine;
2. the rule's `common` misspellings ("recieve", "definately", "seperate"): flagged,
   with the correction, however often the web writes them;
3. a contraction without its apostrophe ("dont", "thats", "wont"), when the
   contraction is at least ten times as frequent as the bare word ("its", "ill",
   "lets" and "id" are left alone): flagged, with the contraction;
4. Zipf >= 3.5 (once in 300,000 words): fine;
5. a likely typo: a word one edit (a swap counts as one) from a word at least 100
   times as frequent ("writting", "wierd", "untill", "adn"): flagged, even though the
   web has it;
6. Zipf >= 2: fine; a known prefix on a known word ("rebooked", "autopay"), a plural
   or a past tense of a known word, or the other British/American spelling: fine;
7. two words glued together: with a small word such as "and", "you", "the"
   ("Accountand", "thankyou") it is a typo, flagged with the two words; two content
   words ("taskboard", "mailqueue") are a compound, fine;
8. anything else: flagged.

Never judged: the customer's and agent's names; URLs, e-mail addresses, file paths,
file names, versions, ids, hashtags and @handles, HTML tags and entities, code spans;
placeholders (masked before this runs); acronyms ("SDKs" too); identifiers with capitals
inside ("MailboxFolderPermission", "iPhone"), whose parts are only checked for the common
misspellings and likely typos; words in other scripts. A capitalised word that is a
proper noun or stands inside a sentence is taken for a name, and so is a capitalised
sentence start that is not near any frequent word: those are only flagged by steps 2,
3, 5 and 7. Contractions and possessives are checked without their clitic ("Sarah's",
"don't"); hyphenated compounds part by part.

Apostrophe slips, seen with a token of context: a clitic on a possessive ("your's",
"its's"), a doubled clitic ("it's's"), a plural written with 's before a verb
("the new card's will arrive"), and "your" where "you" was meant ("we'll call your shortly",
"thank your for").

A real word in a slot its class cannot fill, with the pipeline's lemmatizer loaded
(`nlp.word_classes`: WordNet's part-of-speech lists): a word the dictionary knows only
as a verb, adjective or adverb, tagged as a noun right after a determiner and heading
its phrase ("run this commend when ..."), where a noun one edit away is at least
three times as frequent ("command", "comment"). A word list cannot see this typo:
"commend" is a word. Everyday verbs (Zipf 4.5 and up: "a thank-you", "the ask") are
used as nouns on purpose and never judged; a noun WordNet does not know (a technical
"preset", "parse") is the risk, so the lexicon's terms, the team vocabulary, parts of
hyphenated compounds and words one edit from no frequent noun are left alone.

British and American spellings: with `spelling: {variant: en-US}` in the config the
British form of a word in the rule's `variants` list is flagged with the American one
(and the other way round for en-GB); without a variant both are accepted.

Suggestions: the common list first; then candidates within edit distance 2, ranked
by distance, then by whether the word is common in support replies (the rule's
`domain_words`), then by frequency.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..findings import Hit
from ..nlp import WordClasses, word_classes
from ..resources import builtin_rules_dir
from ..spanindex import SpanIndex
from ..vocabulary import Vocabulary
from ..wordlist import LOW, WordList
from ..wordlist import load as load_wordlist
from ..yamlfile import load_yaml_file
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
# {advice}: "did you mean 'about'?", or what to do when no word is close enough to offer
MESSAGE_FIELDS = frozenset({"advice"})
NO_SUGGESTION = "no close word to offer (if it is right, add it to the vocabulary)"
VARIANTS = ("en-US", "en-GB")

HIGH = 3.5  # Zipf at or above which a word is a word, whatever its neighbours
TYPO_MARGIN = 2.0  # a neighbour this much more frequent (100 times) makes a word a likely typo
CONTRACTION_MARGIN = 1.0  # "dont" is a slip when "don't" is 10 times as frequent
MISFIT_FLOOR = 3.0  # a noun offered for a misfit word is at least this frequent
MISFIT_MARGIN = 0.5  # ... and three times as frequent as the word it replaces
# Everyday verbs are used as nouns on purpose ("a thank-you", "the ask", "a big help"):
# a misfit is only judged for words rarer than this (a verb typed for a noun is rarer).
MISFIT_CEILING = 4.5
# Words after which a noun must come: a verb-only word here is being used as a noun.
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "any",
        "each",
        "every",
        "another",
    ]
)
COMPOUND_PART = 3.0  # each part of an accepted closed compound ("taskboard") at least this frequent
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FINE_MAX = 200_000  # words remembered as fine per rule (a few MiB)
_CLITICS = frozenset({"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "s"})
_SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)
_SUFFIXES += (("er", ""), ("ers", ""), ("r", ""), ("rs", ""), ("ly", ""), ("able", ""), ("able", "e"))

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
    # e-mail addresses, from the start of the run only: without the look-behind the
    # engine tried the address at every letter of every word (quadratic per word)
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:[A-Za-z]:)?(?:\\[\w .-]+){2,}\\?"  # Windows paths
    r"|(?<![\w/])~?(?:/[\w.-]+){2,}/?"  # Unix paths
    r"|\b[\w-]+(?:/[\w.-]+)+\.\w{1,5}\b"  # relative paths with a file name
    r"|\b[\w-]+\.(?:pdf|csv|xlsx?|docx?|txt|png|jpe?g|gif|zip|json|ya?ml|html?|log|exe|dmg|apk|ics)\b"
    r"|\b[\w-]+(?:\.[a-z]{2,})+(?:/\S*)?(?=[\s,;)]|$|\.\s)"  # bare domains: acme.com/help
    r"|\bv?\d+(?:\.\d+)+(?:[-+][\w.]+)?\b"  # versions: 2.3.1, v10.4-beta
    r"|\b[A-Za-z]{1,6}[-_#]?\d[\w-]*\b|#\d+\b"  # ids: ORD-48213, INC0042, A-48213, #4521
    r"|(?<![\w&])[#@][\w.-]*[A-Za-z][\w-]*"  # hashtags and @handles: #SoHappy, @acme_help
    r"|&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});"  # HTML entities: &gt; &amp; &#8217;
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>",  # HTML tags in plain text: <div>, <a href="...">
    re.DOTALL | re.IGNORECASE,
)
_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")


@dataclass(frozen=True)
class Lexicon:
    """rules/lexicon/spelling.yaml: accepted terms and the closed lists the mechanisms use."""

    terms: frozenset[str] = frozenset()
    glue: frozenset[str] = frozenset()
    possessives: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The built-in spelling lexicon, read once per process."""
    data = load_yaml_file(builtin_rules_dir() / "lexicon" / "spelling.yaml")
    terms = {str(w).lower() for key in ("technical_terms", "abbreviations") for w in data.get(key) or ()}
    return Lexicon(
        frozenset(terms),
        frozenset(str(w).lower() for w in data.get("glue_words") or ()),
        {str(k).lower(): str(v) for k, v in (data.get("possessives") or {}).items()},
    )


@dataclass(frozen=True)
class SpellingSession:
    """What a run's config adds: the team vocabulary, the preferred variant, the cache folder."""

    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    variant: str | None = None
    cache_dir: Path | None = None  # where the compact word list is kept (None: built in memory)


def features(options: dict) -> frozenset[str]:
    # lemma: the lemmatizer's word classes, for a real word in a slot its class cannot fill
    return frozenset({"tokens", "pos", "lemma"})


def session(config: Any, rules: Any, pipeline: Any) -> SpellingSession:
    """The config's vocabulary, variant and cache folder, once per Linter."""
    return SpellingSession(
        vocabulary=getattr(config, "terms", Vocabulary()),
        variant=getattr(config, "spelling_variant", None),
        cache_dir=getattr(config, "cache_dir", None),
    )


def dictionary(cache_dir: Path | None = None) -> WordList:
    """The English word list, loaded once per process (see replylint/wordlist.py)."""
    return load_wordlist(cache_dir)


def _edits1(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    out.update(a + c + b for a, b in splits for c in _LETTERS)
    out.discard(word)
    return out


def _inflects(word: str, other: str) -> bool:
    """Whether `word` is `other` plus an inflection ("admins" of "admin")."""
    return any(word == other + ending for ending in ("s", "es", "d", "ed"))


@lru_cache(maxsize=8)
def _frequent_by_length(words: WordList) -> dict[int, list[str]]:
    """Frequent alphabetic words bucketed by length, for distance-2 suggestions."""
    buckets: dict[int, list[str]] = {}
    for word in words.values:
        if words.zipf(word) >= 3.0 and word.isalpha():
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


# Every _NOT_PROSE match holds one of these characters, and what comes before the first
# of them in the match has no whitespace (a URL's "https", an address's local part, a
# file's name, an id's letters, a path's drive letter; the others start with one).
_MARKED_RUN = re.compile(r"(?<!\S)\S*?[`.:@\\/~#&<\d]\S*")  # a run of non-space holding one


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are URLs, e-mails, paths, file names, versions, ids, tags or code.

    The same spans as `_NOT_PROSE.finditer(text)`, found by trying the pattern only where
    a match can start: inside a run of non-space characters that holds one of the
    characters every match needs (`_MARKED_RUN`). The scanner itself tried all
    13 alternatives at every character of the text, half a millisecond of a 150-word
    draft; most words have none of those characters. `match(text, at)` sees the text
    before `at` as finditer does (look-behinds, word boundaries), and after a match the
    search goes on from its end, as finditer's does.
    """
    spans: list[tuple[int, int]] = []
    match = _NOT_PROSE.match
    done = 0  # the end of the last match: no match starts before it
    for run in _MARKED_RUN.finditer(text):
        start, end = run.span()
        if end <= done:
            continue
        at = max(start, done)
        while at < end:
            found = match(text, at)
            if found is None:
                at += 1
            else:  # no alternative matches the empty string, so this moves on
                spans.append(found.span())
                at = done = found.end()
    return spans


def _latin(text: str) -> bool:
    """Whether every letter is Latin (words in other scripts are not English spelling questions)."""
    return text.isascii() or all(
        not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text
    )


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only spaces, quotes or brackets stand between `start` and a sentence or line start."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘([*-":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\r"


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
        self.words = dictionary(settings.cache_dir)
        self.lexicon = lexicon()
        self.classes: WordClasses | None = word_classes(pipeline) if self.has_pos else None
        # Lower-case words already judged fine under this rule's settings: most words of
        # a reply recur across replies ("order", "refund"), and their verdict cannot change.
        self._fine: set[str] = set()

    # -- judgement of one lowercased word ----------------------------------------

    def _listed(self, word: str) -> bool:
        terms = self.lexicon.terms
        return word in self.ignore or word in terms or (word.endswith("s") and word[:-1] in terms)

    def _known_form(self, word: str) -> bool:
        """A frequent word, or a prefix, inflection or the other variant of one."""
        words = self.words
        if words.zipf(word) >= LOW or words.in_dictionary(word) or self._prefixed(word):
            return True
        for ending, base in _SUFFIXES:
            stem = word[: -len(ending)] + base if word.endswith(ending) else ""
            if len(stem) >= 3 and (
                words.zipf(stem) >= LOW or words.in_dictionary(stem) or self._listed(stem)
            ):
                return True
        return any(rx.search(word) and rx.sub(repl, word) in words for rx, repl in _VARIANT_RULES)

    def _prefixed(self, word: str) -> bool:
        """A known prefix on a known word ("prepending", "rebooked", "autopay")."""
        words = self.words
        for prefix in self.prefixes:
            rest = word[len(prefix) :].lstrip("-")
            # the rest must be a real word, not a frequent fragment ("realy" is not re + "aly")
            real = (words.in_dictionary(rest) and words.zipf(rest) >= COMPOUND_PART) or self._listed(rest)
            if word.startswith(prefix) and len(rest) >= 3 and real:
                return True
        return False

    def _likely_typo(self, word: str) -> bool:
        """Not a dictionary word, and one edit from a word at least TYPO_MARGIN more frequent
        (and not just its inflection): "untill", "wierd", but not "pane" or "stale"."""
        words = self.words
        if words.in_dictionary(word):
            return False
        floor = max(HIGH, words.zipf(word) + TYPO_MARGIN)
        return any(words.zipf(c) >= floor and not _inflects(word, c) for c in _edits1(word) if c in words)

    def _split(self, word: str) -> tuple[str, str, bool] | None:
        """(first, second, glued): the split of an unknown word into two known words.

        glued is True when one part is a small word ("account" + "and"): a typo. Two
        content words ("bug" + "tracker") make a compound.
        """
        words, glue = self.words, self.lexicon.glue
        best = None
        for i in range(1, len(word)):
            first, second = word[:i], word[i:]
            if (first in glue and len(second) >= 3 and words.zipf(second) >= COMPOUND_PART) or (
                second in glue and len(first) >= 3 and words.zipf(first) >= COMPOUND_PART
            ):
                return first, second, True
            if (
                best is None
                and len(first) >= 3
                and len(second) >= 3
                and words.zipf(first) >= COMPOUND_PART
                and words.zipf(second) >= COMPOUND_PART
            ):
                best = (first, second, False)
        return best

    def verdict(
        self, word: str, *, name_like: bool = False, part: bool = False, typo_check: bool = True
    ) -> tuple[str, ...] | None:
        """Corrections when the lowercased `word` is misspelled, else None.

        name_like: a capitalised word that may be a name; part: a piece of an identifier.
        Both are flagged only for a common misspelling, a missing apostrophe, a likely
        typo (when `typo_check`) or (name_like) glued words, never for merely being unknown.
        """
        if self._listed(word):
            return None
        if word in self.common:
            return tuple(self.common[word])
        if word in self.wrong_variant:
            return (self.wrong_variant[word],)
        words = self.words
        contraction = words.contractions.get(word)
        if contraction and not part and words.zipf(contraction) - words.zipf(word) >= CONTRACTION_MARGIN:
            return (contraction,)
        zipf = words.zipf(word)
        if zipf >= HIGH:
            return None
        if self._prefixed(word):
            return None
        shortest = 5 if part else 4 if name_like else 3
        if typo_check and len(word) >= shortest and (not name_like or zipf < LOW) and self._likely_typo(word):
            split = None if part or zipf >= LOW else self._split(word)
            glued = (f"{split[0]} {split[1]}",) if split is not None and split[2] else ()
            return glued + self.suggestions(word)  # "Accountand": "Account and", then "Accountant"
        if self._known_form(word):
            return None
        if part:
            return None
        split = self._split(word)
        if split is not None:
            first, second, glued = split
            return (f"{first} {second}",) if glued else None
        return None if name_like else self.suggestions(word)

    def known(self, word: str) -> bool:
        """Whether a lowercased word is accepted as it is."""
        return self.verdict(word) is None

    def accepted_on_purpose(self, word: str) -> bool:
        """Accepted through a list, a prefix, an inflection or the other variant, not by frequency."""
        if self._listed(word):
            return True
        words = self.words
        return words.zipf(word) < LOW and not words.in_dictionary(word) and self.known(word)

    def accepted_spans(self, doc: Any) -> SpanIndex:
        """Spans never judged in this document: vocabulary, URLs, paths, ids, tags, code."""
        return SpanIndex(self.vocabulary.accepted_spans(doc.text) + protected_spans(doc.text))

    def never_misspelled(self, doc: Any, tokens: list, text: str, accepted: SpanIndex) -> bool:
        """Names, accepted and non-prose words, acronyms and words in other scripts."""
        lower = text.lower()
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        if accepted.overlaps(start, end):
            return True
        if lower in doc.context.name_words:
            return True
        # The run's lowercased word set is only a fallback for callers that set nothing
        # else; the compiled vocabulary keeps each entry's case.
        if not self.vocabulary.accept and lower in doc.context.vocabulary:
            return True
        if len(text) < 2 or text.isupper() or not _latin(text):
            return True
        return bool(re.fullmatch(r"[A-Z]{2,}s", text))  # acronym plurals: SDKs, PTRs

    def _typo_check_for_capital(self, doc: Any, tokens: list) -> bool:
        """Whether a capitalised word may be judged a likely typo of a frequent word.

        Only at a sentence start, where any word is capitalised; inside a sentence a
        capital means a name or a brand, and an entity is one. The tagger's PROPN is no
        guide at a sentence start: it tags unknown capitalised words (typos too) PROPN.
        """
        first = tokens[0]
        if self.has_entities and first.ent_type_:
            return False
        return _starts_sentence(doc.text, first.idx)

    def suggestions(self, word: str) -> tuple[str, ...]:
        """Corrections: the common list first, then ranked by distance, domain, frequency."""
        lower = word.lower()
        if lower in self.common:
            return tuple(_like_case(word, c) for c in self.common[lower])
        if lower in self.wrong_variant:
            return (_like_case(word, self.wrong_variant[lower]),)
        words = self.words
        scored: dict[str, int] = {c: 1 for c in _edits1(lower) if c in words}
        if len(scored) < self.limit and len(lower) <= 14:
            from rapidfuzz import process
            from rapidfuzz.distance import DamerauLevenshtein

            buckets = _frequent_by_length(words)
            choices = [w for n in range(len(lower) - 2, len(lower) + 3) for w in buckets.get(n, ())]
            for candidate, distance, _ in process.extract(
                lower, choices, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=40
            ):
                if candidate != lower:
                    scored[candidate] = min(int(distance), scored.get(candidate, 2))
        ranked = sorted(scored, key=lambda c: (scored[c], c not in self.domain, -words.zipf(c), c))
        return tuple(_like_case(word, c) for c in ranked[: self.limit])

    # -- a document --------------------------------------------------------------

    def hits(
        self, doc: Any, spans: list[tuple[int, int]], accepted: SpanIndex | None = None
    ) -> Iterator[Hit]:
        """Misspelled words and apostrophe slips inside `spans` of the document.

        `accepted` is `accepted_spans(doc)` when the caller already has it (it reads the
        whole text, so asking once per LanguageTool match would be quadratic).
        """
        accepted = accepted if accepted is not None else self.accepted_spans(doc)
        for start, end in spans:
            span = doc.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            text, fine = doc.text, self._fine
            for group in _words(span):
                last = group[-1]
                if text[group[0].idx : last.idx + len(last.text)] in fine:
                    continue  # most words of a reply, known fine: no generator made for them
                yield from self._group_hits(doc, group, accepted)
            yield from self._slips(doc, span, accepted)
            if self.classes is not None:
                yield from self._misfits(doc, span, accepted)

    def _group_hits(self, doc: Any, group: list, accepted: SpanIndex) -> Iterator[Hit]:
        w_start = group[0].idx
        w_end = group[-1].idx + len(group[-1].text)
        text = doc.text[w_start:w_end]
        if text in self._fine:
            return
        lower = text.lower()
        if self.never_misspelled(doc, group, text, accepted):
            return
        cased = self._case_fix(text)
        if cased is not None:
            # "flurbix-cli", "flurbix.yaml": part of an identifier, where case is not prose
            before, after = doc.text[w_start - 1 : w_start], doc.text[w_end : w_end + 2]
            if before in ("-", "_", "/", ".") or (after[:1] in ("-", "_", "/", ".") and after[1:].isalnum()):
                return
            yield self._hit(w_start, w_end, (cased,), fixable=True)
            return
        if any(c.isupper() for c in text[1:]):
            # an identifier or brand with capitals inside: only its parts' clear typos
            for match in _CAMEL_PART.finditer(text):
                offered = self.verdict(match.group().lower(), part=True)
                if offered:
                    s, e = w_start + match.start(), w_start + match.end()
                    yield self._hit(s, e, tuple(_like_case(match.group(), o) for o in offered), False)
            return
        name_like = text[0].isupper()
        typo_check = not name_like or self._typo_check_for_capital(doc, group)
        offered = self.verdict(lower, name_like=name_like, typo_check=typo_check)
        if offered is None:
            # A lower-case word with no case fix and no verdict is fine wherever it
            # stands (what the document adds, names and accepted spans, only excuses).
            if text == lower and len(self._fine) < _FINE_MAX:
                self._fine.add(text)
            return
        offered = tuple(_like_case(text, o) for o in offered[: self.limit])
        # Only a listed misspelling, a missing apostrophe or a glued pair is safe to fix
        # unattended; a correction picked by edit distance needs a person.
        sure = (
            lower in self.common
            or lower in self.wrong_variant
            or lower in self.words.contractions
            or bool(offered and " " in offered[0])
        )
        yield self._hit(w_start, w_end, offered, fixable=sure and len(offered) == 1)

    def _slips(self, doc: Any, span: Any, accepted: SpanIndex) -> Iterator[Hit]:
        """Apostrophe slips and "your" for "you", seen with one token of context."""
        possessives = self.lexicon.possessives
        tokens = list(span)
        for i, token in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            glued = nxt is not None and not token.whitespace_
            lower = token.text.lower().replace("’", "'")
            if not glued and lower != "your":
                continue  # a slip is a word glued to a clitic, or "your": most tokens are neither
            if accepted.overlaps(token.idx, token.idx + len(token.text)):
                continue
            if glued:
                clitic = nxt.text.lower().replace("’", "'")
                after = tokens[i + 2] if i + 2 < len(tokens) else None
                if clitic in ("'s", "'re") and (lower in possessives or lower.endswith(("'s", "'re"))):
                    # "your's", "its's", "it's's"
                    end = nxt.idx + len(nxt.text)
                    base = lower.split("'")[0] if "'" in lower else lower
                    fix = possessives.get(lower) or possessives.get(base) or base
                    yield self._hit(token.idx, end, (_like_case(token.text, fix),), fixable=True)
                    continue
                if (
                    clitic == "'s"
                    and self.has_pos
                    and token.tag_ == "NN"
                    and token.text.islower()
                    and after is not None
                    and (after.tag_ == "MD" or after.lower_ in ("are", "were", "have", "do"))
                ):
                    # "the new card's will arrive": a plural written with an apostrophe
                    end = nxt.idx + len(nxt.text)
                    yield self._hit(token.idx, end, (token.text + "s",), fixable=False)
                    continue
            if lower == "your" and nxt is not None and self._you_meant(tokens, i):
                yield self._hit(
                    token.idx, token.idx + len(token.text), (_like_case(token.text, "you"),), False
                )

    def _misfits(self, doc: Any, span: Any, accepted: SpanIndex) -> Iterator[Hit]:
        """Real words in a noun slot that only other classes fill: "run this commend".

        The slot is read from the tagger and one token either side: a singular noun tag
        right after a determiner, not followed by a noun or adjective (then it may be a
        modifier: "the install script"). The word must be one WordNet knows, but not as
        a noun; a word it does not know at all ("signup", "login") may be a noun it
        lacks, and is left alone. The correction is a noun one edit away that is
        clearly more frequent, so a rare but real use ("the ask") is not second-guessed
        against a rarer neighbour ("task" is rarer than "ask").
        """
        classes = self.classes
        assert classes is not None
        words = self.words
        tokens = list(span)
        for i in range(1, len(tokens)):
            token = tokens[i]
            word = token.text
            if token.tag_ != "NN" or len(word) < 4 or not (word.isalpha() and word.islower()):
                continue
            if tokens[i - 1].lower_ not in _DETERMINERS:
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.tag_.startswith(("NN", "JJ")):
                continue
            if nxt is not None and not token.whitespace_ and nxt.text[:1] in "-/'’_":
                continue  # part of a compound or a name: "a thank-you", "the opt-in"
            if word in classes.noun or not (
                word in classes.verb or word in classes.adj or word in classes.adv
            ):
                continue
            if self._listed(word) or self.never_misspelled(doc, [token], word, accepted):
                continue
            frequency = words.zipf(word)
            if frequency >= MISFIT_CEILING:
                continue
            floor = max(MISFIT_FLOOR, frequency + MISFIT_MARGIN)
            offered = sorted(
                (c for c in _edits1(word) if c in classes.noun and words.zipf(c) >= floor),
                key=lambda c: (-words.zipf(c), c),
            )[: self.limit]
            if offered:
                yield self._hit(token.idx, token.idx + len(word), tuple(offered), fixable=False)

    def _you_meant(self, tokens: list, i: int) -> bool:
        """ "your" not followed by anything it could own: "we'll call your shortly", "thank your for"."""
        nxt = tokens[i + 1]
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        if nxt.is_punct and nxt.text in ".!?,;":
            return True
        if not self.has_pos:
            return False
        if (
            nxt.tag_ == "IN"
            and nxt.whitespace_
            and nxt.lower_ in ("for", "to", "with", "about", "from", "at")
        ):
            return True
        if nxt.tag_ == "RB" and nxt.lower_.endswith("ly"):
            return after is None or after.is_punct or after.tag_ in ("IN", "DT", "CC", "TO")
        return False

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
            values={
                "suggestion": offered[0] if offered else "",
                "advice": f"did you mean '{offered[0]}'?" if offered else NO_SUGGESTION,
            },
            suggestions=offered,
            fixable=fixable,
        )


def build(rule, pipeline, settings: SpellingSession | None = None):  # type: ignore[no-untyped-def]
    speller = Speller(rule.options, pipeline, settings)

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        yield from speller.hits(doc, spans)

    check.speller = speller  # type: ignore[attr-defined]
    return check
