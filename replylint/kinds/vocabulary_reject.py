"""vocabulary-reject: terms the team does not use, with the term it uses instead.

Terms come from the rule's `terms` option (term: preferred) and from the config's
`vocabulary.reject` list and reject.txt files (see replylint/vocabulary.py): each a
word, phrase or regex, matched on whole tokens only, case kept per entry. A finding
offers the preferred term as its fix when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..findings import Hit
from ..vocabulary import Term, Vocabulary, compile_term
from .base import Option, inside

OPTIONS = {
    "terms": Option("str-map", {}, "rejected term (word, phrase or regex): preferred term"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset({"preferred"})


def validate(options: dict) -> None:
    """Every term must compile as a regex."""
    for term in options["terms"]:
        try:
            compile_term(term, "rule")
        except Exception as exc:
            raise ValueError(str(exc)) from None


def session(config: Any, rules: Any, pipeline: Any) -> Vocabulary:
    """The config's vocabulary (its reject entries are used here)."""
    return getattr(config, "terms", Vocabulary())


def build(rule, pipeline, vocabulary: Vocabulary | None = None):  # type: ignore[no-untyped-def]
    own = [
        compile_term(t, rule.path or "rule", 0, (p[0] if p else None))
        for t, p in rule.options["terms"].items()
    ]
    terms: list[Term] = [*own, *(vocabulary.reject if vocabulary else ())]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        taken: list[tuple[int, int]] = []
        for term in terms:
            for start, end in term.spans(doc.text):
                if not inside(start, end, spans) or any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                preferred = term.preferred or ""
                if preferred and term.regex.flags & re.I and doc.text[start].isupper():
                    preferred = preferred[0].upper() + preferred[1:]  # "E-mail" -> "Email"
                yield Hit(
                    start,
                    end,
                    values={"preferred": preferred, "suggestion": preferred},
                    suggestions=(preferred,) if preferred else (),
                    fixable=bool(preferred),
                )

    return check
