"""phrase: flag words and phrases (existence), matched on whole tokens.

Phrases go to one spaCy PhraseMatcher compiled once per process; `match_on` picks
lowercase or lemma so "fail to" also catches "failed to" without hand-written forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from .base import Option, context_regexes, filter_longest, inside, phrase_matcher, spans_in, templated

OPTIONS = {
    "phrases": Option("str-list", required=True, doc="words or phrases to flag ({customer}/{agent} allowed)"),
    "match_on": Option("str", "lower", "lower, lemma or exact", choices=("lower", "lemma", "exact")),
    "exceptions": Option("str-list", (), "longer phrases in which a match is fine, e.g. 'just in time'"),
    "advice": Option("str-list", (), "rewrites to offer as suggestions (not applied by --fix)"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset()


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "lemma"} if options["match_on"] == "lemma" else {"tokens"})


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    """Compile the phrase list once; the check runs the matcher over the rule's regions."""
    opts = rule.options
    matcher = phrase_matcher(opts["phrases"], opts["match_on"], pipeline)
    exceptions = phrase_matcher(opts["exceptions"], opts["match_on"], pipeline)
    dynamic = templated(opts["phrases"])
    advice = tuple(opts["advice"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        found = []
        excused: list[tuple[int, int]] = []
        for region in spans_in(doc, spans):
            found.extend(matcher(region, as_spans=True))
            excused.extend((s.start_char, s.end_char) for s in exceptions(region, as_spans=True))
        for span in filter_longest(found):
            if not inside(span.start_char, span.end_char, excused):
                yield Hit(span.start_char, span.end_char, suggestions=advice)
        for regex in context_regexes(dynamic, doc):
            for start, end in spans:
                for m in regex.finditer(doc.text, start, end):
                    yield Hit(m.start(), m.end(), suggestions=advice)

    return check
