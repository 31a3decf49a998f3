"""pattern: spaCy token patterns (Matcher), e.g. passive voice or a lowercase 'i'.

Patterns are validated against spaCy's token-pattern schema at load time. The
features a rule needs follow from the attributes its patterns use, so a pattern on
LOWER alone never makes the pipeline load the tagger.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from . import token_patterns
from .base import Option, filter_longest, missing_features, spans_in

OPTIONS = {
    "patterns": Option("any-list", required=True, doc="a list of spaCy token patterns"),
    "replace": Option("str", None, "literal replacement for the match (fixable)"),
    "transform": Option(
        "str", "none", "replacement made from the match", choices=("none", "capitalize", "upper", "lower")
    ),
    "fix": Option("bool", True, "whether --fix may apply the replacement"),
    "flag": Option(
        "int",
        None,
        "flag only this token of the match (0 is the first), the rest being its context: "
        "'its' in 'its not' (the replacement then stands for that token, capitalised like it)",
    ),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset()


def validate(options: dict) -> None:
    patterns = options["patterns"]
    if not patterns:
        raise ValueError("'patterns' needs at least one pattern")
    token_patterns.validate_list(patterns, "patterns")
    if options["replace"] is not None and options["transform"] != "none":
        raise ValueError("give either 'replace' or 'transform', not both")
    flag = options["flag"]
    if flag is not None and (flag < 0 or any(flag >= len(p) for p in options["patterns"])):
        raise ValueError(
            f"'flag' must be the index of a token in every pattern (0 to its length - 1), not {flag}"
        )


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "sentences"}) | token_patterns.features(options["patterns"])


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    """Compile the Matcher once (validate=True); the check yields the longest matches."""
    from spacy.matcher import Matcher

    opts = rule.options
    unavailable = missing_features(features(opts), pipeline)
    if unavailable is not None:
        return unavailable
    patterns = [list(p) for p in opts["patterns"]]
    if token_patterns.anchored(patterns):
        # Every pattern names its words ("i", "its", "anymore"): only the sentences that
        # hold them go through the Matcher, whose per-token Python predicates cost
        # more than the rest of such a rule.
        anchored = token_patterns.PatternSet(patterns, pipeline, rule.id)

        def matches(region):  # type: ignore[no-untyped-def]
            return [span for span, _ in anchored.find(region)]
    else:  # a pattern on tags alone (passive voice): one Matcher call per region
        matcher = Matcher(pipeline.nlp.vocab, validate=True)
        matcher.add(rule.id, patterns, greedy="LONGEST")

        def matches(region):  # type: ignore[no-untyped-def]
            return matcher(region, as_spans=True)

    transform = opts["transform"]
    fixed_text = opts["replace"]
    fixable = bool(opts["fix"]) and (fixed_text is not None or transform != "none")
    flag = opts["flag"]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        found = []
        for region in spans_in(doc, spans):
            found.extend(matches(region))
        for span in filter_longest(found):
            if flag is not None:
                # The matcher's match is the token and its context; the token is the problem.
                # Quantifiers can make a match shorter than the pattern: then its last token.
                span = span[min(flag, len(span) - 1) : min(flag, len(span) - 1) + 1]
            text = span.text
            if fixed_text is not None:
                replacement = fixed_text
                if flag is not None and text[:1].isupper():
                    replacement = replacement[:1].upper() + replacement[1:]  # "Its not" -> "It's"
            elif transform == "capitalize":
                replacement = text[:1].upper() + text[1:]
            elif transform == "upper":
                replacement = text.upper()
            elif transform == "lower":
                replacement = text.lower()
            else:
                replacement = None
            if replacement is None:
                yield Hit(span.start_char, span.end_char)
            else:
                yield Hit(
                    span.start_char,
                    span.end_char,
                    values={"suggestion": replacement},
                    suggestions=(replacement,),
                    fixable=fixable,
                )

    return check
