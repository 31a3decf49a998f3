"""substitution: flag a phrase and offer its replacement, which `--fix` can apply.

Each suggestion is the literal text that replaces the match. An empty replacement
deletes the phrase with one neighbouring space; at a sentence start the next word
is taken into the match and capitalised, so the fixed sentence still reads right.
`exceptions` (phrases) and `exception_patterns` (spaCy token patterns) mark where a
match is fine: "just in case", temporal "have just" + verb, "just" meaning "only".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from . import token_patterns
from .base import Option, filter_longest, inside, phrase_matcher, spans_in

OPTIONS = {
    "swap": Option("str-map", required=True, doc="phrase: replacement, or phrase: [replacements]"),
    "match_on": Option("str", "lower", "lower, lemma or exact", choices=("lower", "lemma", "exact")),
    "exceptions": Option("str-list", (), "longer phrases in which a match is fine"),
    "exception_patterns": Option(
        "any-list", [], 'spaCy token patterns in which a match is fine ("have just" + verb: temporal)'
    ),
    "fix": Option("bool", True, "whether --fix may apply the first replacement"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset()


def validate(options: dict) -> None:
    if not options["swap"]:
        raise ValueError("'swap' needs at least one phrase")
    token_patterns.validate_list(options["exception_patterns"], "exception_patterns")


def features(options: dict) -> frozenset[str]:
    needed = {"tokens"} | token_patterns.features(options["exception_patterns"])
    if options["match_on"] == "lemma":
        needed.add("lemma")
    return frozenset(needed)


def _case_like(source: str, replacement: str) -> str:
    if replacement and source[:1].isupper() and not source.isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    """Compile the phrases once; a hit carries the replacements for its exact span."""
    opts = rule.options
    swap: dict[str, tuple[str, ...]] = opts["swap"]
    matcher = phrase_matcher(swap, opts["match_on"], pipeline)
    exceptions = phrase_matcher(opts["exceptions"], opts["match_on"], pipeline)
    exception_matcher = token_patterns.matcher(opts["exception_patterns"], pipeline, rule.id)
    fixable = bool(opts["fix"])
    vocab = pipeline.nlp.vocab

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        found = []
        excused: list[tuple[int, int]] = []
        for region in spans_in(doc, spans):
            found.extend(matcher(region, as_spans=True))
            excused.extend((s.start_char, s.end_char) for s in exceptions(region, as_spans=True))
            if exception_matcher is not None:
                excused.extend((s.start_char, s.end_char) for s in exception_matcher(region, as_spans=True))
        text = doc.text
        for span in filter_longest(found):
            start, end = span.start_char, span.end_char
            if inside(start, end, excused):
                continue
            key = vocab.strings[span.label]
            replacements = swap[key]
            matched = text[start:end]
            if fixable and replacements == ("",):
                yield _deletion(doc, span, start, end)
                continue
            yield Hit(
                start,
                end,
                values={"suggestion": _case_like(matched, replacements[0])},
                suggestions=tuple(_case_like(matched, r) for r in replacements),
                fixable=fixable,
            )

    return check


def _deletion(doc, span, start: int, end: int) -> Hit:  # type: ignore[no-untyped-def]
    """A hit that removes `span` cleanly: a trailing comma and one space go with it.

    At a sentence start the next word is taken into the match and capitalised, so
    "Actually, the parcel left" becomes "The parcel left".
    """
    text = doc.text
    cut = end
    if cut < len(text) and text[cut] == ",":
        cut += 1
    if cut < len(text) and text[cut] == " ":
        cut += 1
    elif start > 0 and text[start - 1] == " " and cut == end:
        start -= 1
    if span[0].is_sent_start and text[start : start + 1].isupper():
        word_end = cut
        while word_end < len(text) and (text[word_end].isalpha() or text[word_end] in "'’-"):
            word_end += 1
        word = text[cut:word_end]
        if word[:1].islower():
            fixed = word[0].upper() + word[1:]
            return Hit(start, word_end, values={"suggestion": fixed}, suggestions=(fixed,), fixable=True)
    return Hit(start, cut, values={"suggestion": "(remove)"}, suggestions=("",), fixable=True)
