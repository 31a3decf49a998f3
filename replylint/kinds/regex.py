"""regex: flag what a regular expression matches in the checked text.

For surface problems tokens hide: repeated words, double spaces, runs of '!'. The
regex is compiled at load time; a bad one is a rule-file error naming the rule. It runs
with a time budget (replylint/userregex.py): a pattern that runs away on a text is an
error naming the rule, not a hang.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Hit
from ..userregex import Deadline, RegexTimeout
from .base import Option, OptionError, compile_regex, runaway

OPTIONS = {
    "pattern": Option("str", required=True, doc="a Python regular expression"),
    "ignore_case": Option("bool", False, "match case-insensitively"),
    "replace": Option("str", None, r"replacement template (\1 for groups); makes the hit fixable"),
    "exceptions": Option("str-list", (), "matched texts (case-insensitive) that are fine"),
    "fix": Option("bool", True, "whether --fix may apply the replacement"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset()


def validate(options: dict) -> None:
    try:
        regex = compile_regex(options["pattern"], re.I if options["ignore_case"] else 0)
    except ValueError as exc:
        raise OptionError("pattern", str(exc)) from None
    if options["replace"] is not None:
        try:
            regex.sub(options["replace"], "")
        except ValueError as exc:
            raise OptionError("replace", f"bad 'replace' template: {exc}") from None


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    opts = rule.options
    regex = compile_regex(opts["pattern"], re.I if opts["ignore_case"] else 0)
    template = opts["replace"]
    exceptions = {e.lower() for e in opts["exceptions"]}
    fixable = bool(opts["fix"]) and template is not None

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        try:
            yield from hits(doc, spans, Deadline(len(doc.text)))
        except RegexTimeout as exc:
            raise runaway(rule, exc) from None

    def hits(doc, spans, deadline: Deadline) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        for start, end in spans:
            for m in regex.finditer(doc.text, start, end, deadline):
                if m.end() == m.start() or m.group(0).lower() in exceptions:
                    continue
                if template is None:
                    yield Hit(m.start(), m.end())
                    continue
                replacement = m.expand(template)
                shown = replacement if replacement.strip() else repr(replacement)
                yield Hit(
                    m.start(),
                    m.end(),
                    values={"suggestion": shown},
                    suggestions=(replacement,),
                    fixable=fixable,
                )

    return check
