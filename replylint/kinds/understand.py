"""understand: does the reply address each thing the customer asked or needs?

The ticket analysis (replylint/ticket.py) lists the customer's asks: questions,
requests ("please cancel ...") and, when they asked nothing outright, the problems
they describe. A sentence that names nothing ("Can you fix it?") borrows the things
named in the sentence before it. An ask is addressed when the reply's body mentions
enough of the things it names: each run of nouns is one unit ("meal kit
subscription"), met by its noun (lemma or a synonym from rules/lexicon/ticket.yaml,
or a shared stem / near spelling when it has no modifiers) or by one of its
modifiers, and at least `head_share` of the units (at most `max_heads`) must be met.
Asking about the billing address and being told about the shipping address does not
meet "billing address": same noun, another modifier. In a question, what comes after
the main verb is what they asked ("does the blender come with [a travel cup]"), so
at least one of those units must be met. Each unaddressed ask is one finding that
quotes it. Without the customer's message the check skips and says why.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Hit
from ..ticket import Ask, Term, covered
from .base import Option, SkipCheck, spans_in

OPTIONS: dict[str, Option] = {
    "head_share": Option("number", 0.5, "share of an ask's named things the reply must mention"),
    "max_heads": Option("int", 3, "never require more than this many named things"),
    "kinds": Option(
        "str-list",
        ("question", "request", "problem"),
        "which asks to check: question, request, problem",
    ),
}
REGIONS = ("body",)
MESSAGE_FIELDS = frozenset({"question", "ask"})
_ASK_WORDS = {"question": "question", "request": "request", "problem": "problem"}


def validate(options: dict) -> None:
    """head_share is a fraction."""
    if not 0 < options["head_share"] <= 1:
        raise ValueError("head_share must be a fraction from 0 to 1")


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "lemma", "pos"})


@dataclass(frozen=True)
class ReplyWords:
    """The reply's words and lemmas, and the nouns or adjectives written before each noun."""

    vocab: frozenset[str]
    modifiers: dict[str, frozenset[str]]


def reply_words(doc, spans) -> ReplyWords:  # type: ignore[no-untyped-def]
    """Lower-cased words and lemmas of the reply's checked regions."""
    vocab: set[str] = set()
    mods: dict[str, set[str]] = {}
    for span in spans_in(doc, spans):
        previous = None
        for tok in span:
            if tok.is_space or tok.is_punct:
                previous = None
                continue
            lemma = (tok.lemma_ or tok.text).lower()
            vocab.add(tok.text.lower())
            vocab.add(lemma)
            if tok.text.startswith("#"):
                vocab.add(tok.text[1:].lower())
            if tok.pos_ in ("NOUN", "PROPN") and previous is not None:
                mods.setdefault(lemma, set()).add(previous)
            previous = lemma if tok.pos_ in ("NOUN", "PROPN", "ADJ") else None
    return ReplyWords(frozenset(vocab), {k: frozenset(v) for k, v in mods.items()})


def _unit_covered(term: Term, reply: ReplyWords) -> bool:
    """A head term is met by its noun or one of its modifiers; "shipping address" does not
    meet "billing address" (same noun, another modifier, theirs never mentioned)."""
    if any(covered(Term(m, m, False), reply.vocab, synonyms=False) for m in term.mods):
        return True
    if not covered(term, reply.vocab, loose=not term.mods):
        return False
    if term.mods:
        written = reply.modifiers.get(term.lemma, frozenset()) - set(term.mods)
        if written and not reply.modifiers.get(term.lemma, frozenset()) & set(term.mods):
            return False
    return True


def addressed(ask: Ask, reply: ReplyWords, head_share: float = 0.66, max_heads: int = 3) -> bool:
    """Whether the reply mentions enough of `ask`'s key terms."""
    vocab = reply.vocab
    refs_named = any(r.value.lower() in vocab or r.text.lower() in vocab for r in ask.references)
    heads = [t for t in ask.terms if t.head]
    if heads:
        need = min(max_heads, math.ceil(head_share * len(heads) - 1e-9))
        met = [t for t in heads if _unit_covered(t, reply)]
        focus = [t for t in heads if t.focus]
        if ask.kind == "question" and focus and len(focus) < len(heads) and not any(t.focus for t in met):
            return False  # it talks about their product but not about what they asked of it
        return len(met) + (1 if refs_named else 0) >= need
    others = list(ask.terms)
    if not others:
        return refs_named or not ask.references
    return sum(covered(t, vocab) for t in others) + (1 if refs_named else 0) >= math.ceil(len(others) / 2)


def _quote(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    share = rule.options["head_share"]
    most = rule.options["max_heads"]
    kinds = set(rule.options["kinds"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        ticket = doc.context.ticket
        if ticket is None:
            raise SkipCheck("needs the customer's message to compare with (give --ticket or a conversation)")
        reply = reply_words(doc, spans)
        at = spans[0][0] if spans else (doc.regions.body[0] if doc.regions.body else 0)
        for ask in ticket.asks:
            if ask.kind not in kinds or addressed(ask, reply, share, most):
                continue
            quoted = _quote(ask.text)
            yield Hit(at, at, values={"about": quoted, "question": quoted, "ask": _ASK_WORDS[ask.kind]})

    return check
