"""required: something must be present in the rule's regions, e.g. thanks in the body.

What prose linters cannot do: fail when a phrase is missing. The finding sits at
the start of the first region looked in, with zero length, so it can still be placed.
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

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        for region in spans_in(doc, spans):
            if matcher(region) or (pattern_matcher is not None and pattern_matcher(region)):
                return
        for regex in context_regexes(dynamic, doc):
            if any(regex.search(doc.text, s, e) for s, e in spans):
                return
        at = spans[0][0] if spans else 0
        yield Hit(at, at, suggestions=advice)

    return check
