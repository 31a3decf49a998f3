"""required: something must be present in the rule's regions, e.g. thanks in the body.

What prose linters cannot do: fail when a phrase is missing. The finding sits at
the start of the first region looked in, with zero length, so it can still be placed.
With `insert`, the fix inserts that sentence as the body's first paragraph (after
the greeting line, never before it); it is unsafe, since it adds words the writer
did not choose, and offered only when the greeting has a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from . import token_patterns
from .base import Option, context_regexes, phrase_matcher, spans_in, templated

OPTIONS = {
    "phrases": Option(
        "str-list", required=True, doc="any one of these must appear ({customer}/{agent} allowed)"
    ),
    "match_on": Option("str", "lower", "lower, lemma or exact", choices=("lower", "lemma", "exact")),
    "patterns": Option("any-list", [], "spaCy token patterns that also count as present"),
    "advice": Option("str-list", (), "example sentences to offer as suggestions"),
    "insert": Option("str", None, "a sentence the fix inserts at the start of the body"),
}
REGIONS = ("greeting", "body")
MESSAGE_FIELDS = frozenset()


def validate(options: dict) -> None:
    if not options["phrases"]:
        raise ValueError("'phrases' needs at least one phrase")
    token_patterns.validate_list(options["patterns"], "patterns")


def features(options: dict) -> frozenset[str]:
    needed = {"tokens"} | token_patterns.features(options["patterns"])
    if options["match_on"] == "lemma":
        needed.add("lemma")
    return frozenset(needed)


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    opts = rule.options
    matcher = phrase_matcher(opts["phrases"], opts["match_on"], pipeline)
    pattern_matcher = token_patterns.matcher(opts["patterns"], pipeline, rule.id)
    dynamic = templated(opts["phrases"])
    advice = tuple(opts["advice"])
    insert = opts["insert"]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        for region in spans_in(doc, spans):
            if matcher(region) or (pattern_matcher is not None and pattern_matcher(region)):
                return
        for regex in context_regexes(dynamic, doc):
            if any(regex.search(doc.text, s, e) for s, e in spans):
                return
        at = spans[0][0] if spans else 0
        yield Hit(at, at, suggestions=advice, edit=_insertion(doc, insert), unsafe=True)

    return check


def _insertion(doc, sentence: str | None) -> tuple[int, int, str] | None:  # type: ignore[no-untyped-def]
    """Insert `sentence` as the body's first paragraph, separated as the greeting is."""
    regions = doc.regions
    if not sentence or regions.body is None:
        return None
    start = regions.body[0]
    if regions.greeting is None:
        return (start, start, sentence + "\n\n")
    gap = doc.text[regions.greeting[1] : start]
    if "\n" not in gap:  # "Hi Sam, your order...": no place for a paragraph of its own
        return None
    return (start, start, sentence + gap)
