"""occurrence: at most / at least N of something, e.g. no more than one '!'."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..userregex import Deadline, RegexTimeout
from .base import Option, compile_regex, filter_longest, phrase_matcher, runaway, spans_in

OPTIONS = {
    "phrases": Option("str-list", (), "phrases to count (whole tokens)"),
    "pattern": Option("str", None, "or a regular expression to count"),
    "match_on": Option("str", "lower", "lower, lemma or exact", choices=("lower", "lemma", "exact")),
    "max": Option("int", None, "flag every occurrence after the first `max`"),
    "min": Option("int", None, "flag the region when fewer than `min` occur"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset({"count", "max", "min"})


def validate(options: dict) -> None:
    if bool(options["phrases"]) == (options["pattern"] is not None):
        raise ValueError("give either 'phrases' or 'pattern'")
    if options["max"] is None and options["min"] is None:
        raise ValueError("give 'max', 'min' or both")
    if options["pattern"] is not None:
        compile_regex(options["pattern"])


def features(options: dict) -> frozenset[str]:
    return frozenset(
        {"tokens", "lemma"} if options["match_on"] == "lemma" and options["phrases"] else {"tokens"}
    )


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    opts = rule.options
    regex = compile_regex(opts["pattern"]) if opts["pattern"] is not None else None
    matcher = phrase_matcher(opts["phrases"], opts["match_on"], pipeline) if not regex else None
    most, least = opts["max"], opts["min"]

    def occurrences(doc, spans) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
        if regex is not None:
            deadline = Deadline(len(doc.text))
            try:
                return [
                    m.span()
                    for s, e in spans
                    for m in regex.finditer(doc.text, s, e, deadline)
                    if m.end() > m.start()
                ]
            except RegexTimeout as exc:
                raise runaway(rule, exc) from None
        found = [m for region in spans_in(doc, spans) for m in matcher(region, as_spans=True)]
        return [(m.start_char, m.end_char) for m in filter_longest(found)]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        found = occurrences(doc, spans)
        counts = {"count": str(len(found)), "max": str(most), "min": str(least)}
        if most is not None and len(found) > most:
            for start, end in found[most:]:
                yield Hit(start, end, values=counts)
        if least is not None and len(found) < least:
            at = spans[0][0] if spans else 0
            yield Hit(at, at, values=counts)

    return check
