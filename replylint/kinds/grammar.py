"""grammar: LanguageTool's grammar, spelling and style matches, as replylint findings.

The checks never talk to the network: the Linter builds one `GrammarSession` for all
grammar rules (one language-tool-python client, the disk cache) and the engine calls
its `prefetch` once per run with every draft, before any rule runs. A check looks
its document's matches up and keeps those that:

- have the rule's `severity` (misspellings and grammar are `error`, style,
  typography and casing `suggestion`; see replylint/grammar/mapping.py), so the
  `grammar` and `grammar-style` rules split LanguageTool's matches between them;
- lie in the rule's regions (not the signature, never quoted history);
- are not about a placeholder (the engine drops those), the customer's or agent's
  name, a vocabulary word, a proper noun, a URL/e-mail/path/version/id or code;
- are not about a word replylint's own `spelling` rule already flags (one finding
  per typo: replylint's stands, because it knows the names, the team vocabulary and
  support words, and works without a server). While that rule is enabled the
  server's own spell checker is not even asked (rules/lexicon/languagetool.yaml lists
  it with the other LanguageTool rules replylint turns off).

No server configured, or the server failed: the check raises SkipCheck with the
reason, and the run's report says grammar was not checked or skipped, and why.
LanguageTool's replacements become the finding's suggestions (fixable when there is
exactly one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Hit
from ..grammar.service import NOT_CONFIGURED, GrammarService
from ..grammar.status import GrammarStatus
from ..spanindex import SpanIndex
from . import spelling
from .base import Option, SkipCheck, inside

OPTIONS = {
    "severity": Option(
        "str", "error", "which LanguageTool matches this rule reports", choices=("error", "suggestion")
    ),
    "ignore_rules": Option("str-list", (), "LanguageTool rule ids this rule never reports"),
    "max_suggestions": Option("int", 3, "how many of LanguageTool's replacements to offer"),
}
REGIONS = ("greeting", "body", "signoff")
MESSAGE_FIELDS = frozenset({"message", "lt_rule", "category"})
# Without a LanguageTool server every check skips, so the built-in rules carry `skip`
# examples; tests/test_grammar.py runs real pass/fail cases against a real LanguageTool.
ALWAYS_SKIPS = True


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "pos"})


@dataclass
class GrammarSession:
    """The service plus what the checks need to drop LanguageTool's noise."""

    service: GrammarService
    speller: spelling.Speller  # for names, vocabulary, proper nouns, non-prose spans
    spelling_enabled: bool  # replylint's spelling rule reports misspellings itself

    def begin(self) -> None:
        self.service.begin()

    def prefetch(self, drafts: Any, contexts: Any) -> None:
        self.service.prefetch_drafts(drafts, contexts)

    def status(self) -> GrammarStatus:
        return self.service.status()


def session(config: Any, rules: Any, pipeline: Any) -> GrammarSession:
    """One session per Linter: the service (no network yet) and the spelling judgement."""
    from ..grammar.ruleset import with_rules_off
    from ..grammar.settings import LanguageToolSettings

    settings = getattr(config, "languagetool", None) or LanguageToolSettings()
    settings = with_rules_off(settings, [r.id for r in rules])
    variant = getattr(config, "spelling_variant", None)
    language = settings.language or ("en-GB" if variant == "en-GB" else "en-US")
    service = GrammarService(
        settings,
        language=language,
        cache_dir=getattr(config, "cache_dir", None),
        rule_ids=[r.id for r in rules if r.kind == "grammar"],
    )
    spelling_rules = [r for r in rules if r.kind == "spelling"]
    spelling_settings = spelling.session(config, rules, pipeline)
    options = spelling_rules[0].options if spelling_rules else {}
    speller = spelling.Speller(options, pipeline, spelling_settings)
    return GrammarSession(service, speller, bool(spelling_rules))


def _words(doc: Any, start: int, end: int) -> list:
    span = doc.doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if t.is_alpha] if span is not None else []


def keep(session: GrammarSession, doc: Any, match: Any, accepted: SpanIndex) -> bool:
    """Whether a LanguageTool match is worth a finding (see the module docstring)."""
    text = doc.text[match.offset : match.end]
    speller = session.speller
    words = _words(doc, match.offset, match.end)
    names = doc.context.name_words
    if words and all(t.text.lower() in names for t in words):
        return False
    if accepted.contains(match.offset, match.end):
        return False
    # One finding per typo: where replylint's spelling rule flags a word of this match
    # ("thats", "wont"), its finding stands and LanguageTool's is dropped.
    if (
        session.spelling_enabled
        and words
        and any(True for _ in speller.hits(doc, [(match.offset, match.end)], accepted))
    ):
        return False
    if not match.is_spelling or not words:
        return True
    if not text.strip() or any(speller.never_misspelled(doc, [t], t.text, accepted) for t in words):
        return False
    # A word the spelling rule accepts on purpose (support vocabulary, a prefix, the other
    # variant) is not LanguageTool's to flag; a word merely in the frequency list may be.
    return not any(speller.accepted_on_purpose(t.text.lower()) for t in words)


def build(rule, pipeline, session: GrammarSession | None = None):  # type: ignore[no-untyped-def]
    opts = rule.options
    wanted = opts["severity"]
    ignore = set(opts["ignore_rules"])
    limit = opts["max_suggestions"]

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        if session is None:
            raise SkipCheck(NOT_CONFIGURED)
        outcome = session.service.result(doc)
        if outcome.reason is not None:
            raise SkipCheck(outcome.reason)
        accepted = None
        for match in outcome.matches:
            if match.severity != wanted or match.rule_id in ignore:
                continue
            if not inside(match.offset, match.end, spans):
                continue
            if accepted is None:
                accepted = session.speller.accepted_spans(doc)
            if not keep(session, doc, match, accepted):
                continue
            offered = tuple(r for r in match.replacements[:limit])
            yield Hit(
                match.offset,
                match.end,
                values={
                    "message": match.message,
                    "lt_rule": match.rule_id,
                    "category": match.category,
                    "suggestion": offered[0] if offered else "",
                },
                suggestions=offered,
                fixable=len(match.replacements) == 1,
            )

    return check
