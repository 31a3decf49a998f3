"""What every rule kind shares: the kind contract, option specs, the skip signal,
region-limited matching.

The contract. A kind is a module with OPTIONS, REGIONS, MESSAGE_FIELDS and build()
(`KindModule`, a typed Protocol), and may add hooks: validate(options) for checks
across options (it may import spaCy, e.g. for its pattern schema, so it is skipped when
rules are only listed), features(options) for the spaCy
features it needs beyond tokens, session(config, rules, pipeline) for one object its
rules share per Linter (passed to build as a third argument), SEES_PLACEHOLDERS (its
hits inside placeholders are kept) and ALWAYS_SKIPS (without a service every check
skips, so its rules carry `skip` examples). `Kind.of(module)` reads the hooks once,
filling the defaults, so the engine and the rule loader call typed fields and never
probe a module again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .. import names
from ..errors import RuleFileError
from ..phrases import alternation
from ..userregex import RegexTimeout, UserPattern

if TYPE_CHECKING:
    from ..document import ReplyDocument
    from ..findings import Hit
    from ..nlp import Pipeline
    from ..rules import Rule

_MISSING = object()


class SkipCheck(Exception):
    """Raised by a check that cannot judge this document; the reason reaches the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OptionError(ValueError):
    """A bad option value found by a kind's validate(); `key` names the option."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Option:
    """One kind option: its type, default and a one-line doc for `rules show`."""

    type: str  # "str", "int", "number", "bool", "str-list", "str-map", "any-list"
    default: Any = None
    doc: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        """Return `value` converted to the option's type, or raise ValueError."""
        kind = self.type
        if value is None and self.default is None and not self.required:
            return None
        if isinstance(value, tuple):
            value = list(value)
        if kind == "str":
            if not isinstance(value, str):
                raise ValueError("must be a string")
            if self.choices and value not in self.choices:
                raise ValueError(f"must be one of: {', '.join(self.choices)}")
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError("must be a whole number >= 0")
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError("must be a number >= 0")
            return float(value)
        if kind == "bool":
            if not isinstance(value, bool):
                raise ValueError("must be true or false")
            return value
        if kind == "str-list":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ValueError("must be a list of non-empty strings")
            return tuple(value)
        if kind == "str-map":
            if not isinstance(value, dict):
                raise ValueError("must be a mapping of phrase to replacement(s)")
            out: dict[str, tuple[str, ...]] = {}
            for key, repl in value.items():
                if not isinstance(key, str) or not key.strip():
                    raise ValueError("keys must be non-empty strings")
                if repl is None:
                    repl = [""]
                if isinstance(repl, str):
                    repl = [repl]
                if isinstance(repl, tuple):
                    repl = list(repl)
                if not isinstance(repl, list) or not all(isinstance(r, str) for r in repl):
                    raise ValueError(f"'{key}': replacement must be a string or list of strings")
                out[key] = tuple(repl)
            return out
        if kind == "any-list":
            if not isinstance(value, list):
                raise ValueError("must be a list")
            return value
        raise AssertionError(f"unknown option type {kind}")


Check = Callable[["ReplyDocument", list[tuple[int, int]]], Iterable["Hit"]]


class KindModule(Protocol):
    """What every kind module must define (the hooks in the module docstring are optional)."""

    OPTIONS: Mapping[str, Option]
    REGIONS: tuple[str, ...]
    MESSAGE_FIELDS: frozenset[str]

    def build(self, rule: Rule, pipeline: Pipeline, /, *session: Any) -> Check: ...


@runtime_checkable
class BatchSession(Protocol):
    """A kind session that works on a whole batch before any rule runs (LanguageTool)."""

    def begin(self) -> None: ...

    def prefetch(self, drafts: Any, contexts: Any) -> None: ...


def _no_validation(options: dict) -> None:
    return None


def _tokens_only(options: dict) -> frozenset[str]:
    return frozenset({"tokens"})


@dataclass(frozen=True)
class Kind:
    """A kind's contract with every optional hook filled in (defaults when left out)."""

    name: str
    module: ModuleType
    options: Mapping[str, Option]
    regions: tuple[str, ...]
    message_fields: frozenset[str]
    validate: Callable[[dict], None] = _no_validation
    features: Callable[[dict], frozenset[str]] = _tokens_only
    session: Callable[[Any, Any, Pipeline], Any] | None = None
    sees_placeholders: bool = False
    always_skips: bool = False

    @classmethod
    def of(cls, name: str, module: ModuleType) -> Kind:
        """Read a kind module's contract once; the only place its optional hooks are looked up."""
        hooks = vars(module)
        return cls(
            name=name,
            module=module,
            options=module.OPTIONS,
            regions=tuple(module.REGIONS),
            message_fields=frozenset(module.MESSAGE_FIELDS),
            validate=hooks.get("validate", _no_validation),
            features=hooks.get("features", _tokens_only),
            session=hooks.get("session"),
            sees_placeholders=bool(hooks.get("SEES_PLACEHOLDERS", False)),
            always_skips=bool(hooks.get("ALWAYS_SKIPS", False)),
        )

    def build(self, rule: Rule, pipeline: Pipeline, session: Any = None) -> Check:
        """The rule's check, compiled once; kinds with a session get it as a third argument."""
        if self.session is not None:
            return self.module.build(rule, pipeline, session)
        return self.module.build(rule, pipeline)


def compile_regex(pattern: str, flags: int = 0) -> UserPattern:
    """Compile a rule's regex with a time bound (see userregex); ValueError says why it is bad."""
    return UserPattern(pattern, flags)


def runaway(rule: Any, exc: RegexTimeout) -> RuleFileError:
    """The error for a rule whose pattern ran past its time budget: names the rule and file."""
    return RuleFileError(f"rule '{rule.id}': {exc}", file=rule.path or None, field="pattern")


def match_attr(match_on: str, pipeline: Pipeline) -> str:
    """spaCy attribute to match on; lemma falls back to lowercase without a lemmatizer."""
    if match_on == "lemma" and pipeline.has_lemmas:
        return "LEMMA"
    return "ORTH" if match_on == "exact" else "LOWER"


def phrase_matcher(phrases: Iterable[str], match_on: str, pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """A PhraseMatcher over `phrases`; match ids are the phrase texts."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline.nlp
    attr = match_attr(match_on, pipeline)
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    phrases = [p for p in phrases if "{" not in p]
    docs = list(nlp.pipe(phrases)) if attr == "LEMMA" else [nlp.make_doc(p) for p in phrases]
    for phrase, doc in zip(phrases, docs, strict=True):
        matcher.add(phrase, [doc])
    return matcher


def templated(phrases: Iterable[str]) -> tuple[str, ...]:
    """The phrases that take values from the run context, e.g. 'thanks, {agent}'."""
    return tuple(p for p in phrases if "{customer}" in p or "{agent}" in p)


def context_regexes(phrases: Iterable[str], doc: ReplyDocument) -> list[re.Pattern[str]]:
    """Whole-word, case-insensitive regexes for templated phrases, filled from context."""
    values = {"customer": names.usable(doc.context.customer), "agent": names.usable(doc.context.agent)}
    out = []
    for phrase in phrases:
        if any(f"{{{k}}}" in phrase and not v for k, v in values.items()):
            continue
        filled = phrase.format_map({k: v or "" for k, v in values.items()})
        out.append(re.compile(rf"(?<!\w)(?:{alternation([filled])})(?!\w)", re.I))
    return out


def spans_in(doc: ReplyDocument, spans: list[tuple[int, int]]) -> Iterator[Any]:
    """spaCy Spans covering each region span (expanded to token boundaries)."""
    cache = doc.span_cache
    for bounds in spans:
        if bounds not in cache:
            cache[bounds] = doc.doc.char_span(bounds[0], bounds[1], alignment_mode="expand")
        span = cache[bounds]
        if span is not None and len(span):
            yield span


def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies within one of `spans`."""
    return any(s <= start and end <= e for s, e in spans)


def filter_longest(spans: list[Any]) -> list[Any]:
    """Drop overlapping spaCy spans, keeping the longest (then the first)."""
    from spacy.util import filter_spans

    return sorted(filter_spans(spans), key=lambda s: s.start)


def missing_features(needed: frozenset[str], pipeline: Pipeline) -> Check | None:
    """A check that skips with the reason when the pipeline lacks features the rule needs
    (the blank fallback has no tagger or parser), else None."""
    missing = needed - pipeline.features
    if not missing:
        return None
    reason = f"needs {', '.join(sorted(missing))} from a spaCy pipeline ({pipeline.describe()})"

    def skipped(doc, spans):  # type: ignore[no-untyped-def]
        raise SkipCheck(reason)

    return skipped
