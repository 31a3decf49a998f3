"""understand: does the reply answer each thing the customer asked for?

The ticket analysis (replylint/ticket.py) lists the customer's asks: questions
("are you paying for the class?"), requests ("please cancel ...", "Fix this") and, when
`kinds` includes them, problems stated without a question. A question is judged by the
clause that asks ("I'm off until Tuesday, so are you paying for the class?" asks about
paying for the class); an ask that names nothing ("Can you help me?") is generic.

Real replies fail in one way above all: they say something, but not an answer ("We're
here to help! Please DM us your account number."). So the reply's sentences are sorted
first (see `substance`): answers (information, a decision, an action, an instruction),
steps (redirects and questions back) and formulas (thanks, sorry, happy to help). An
ask is answered when:

- it is generic, and the reply has any answer;
- an answer mentions what it is about (a named thing or the verb that carries it, by
  lemma, synonym from rules/lexicon/ticket.yaml, shared stem or near spelling; "billing
  address" is not met by "shipping address"), or points to a page;
- it is a yes/no question and an answer says yes or no in some form ("it's not
  possible", "yes, you can");
- a step is about its topic: a next step specific to it ("forward the receipt for the
  refund to billing@"), unlike a generic "DM us"; for a request, including one put as a
  question ("Can you please refund ...?"), a step about the action it asks for.

A "why?" about nothing named ("Why is that?" after a story with no nouns to look for)
is answered only by a reason ("because ...", "due to ...").

Each ask left open is one finding that quotes it. Without the customer's message the
check skips and says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Hit
from ..phrases import phrase_regex
from ..ticket import Ask, Term, covered
from .base import Option, SkipCheck, missing_features, spans_in

OPTIONS: dict[str, Option] = {
    "kinds": Option(
        "str-list",
        ("question", "request"),
        "which asks to check: question, request, problem (a complaint with no question in it)",
    ),
    "formula": Option(
        "str-list", (), "words of support formulas that answer nothing (help, happy, dm, sorry, ...)"
    ),
    "redirect": Option("str-list", (), "verbs that send the customer elsewhere (dm, contact, send, ...)"),
    "suggest": Option("str-list", (), "question openers that propose a fix ('have you tried')"),
    "details": Option(
        "str-list", (), "what a reply asks for when it only wants details (number, screenshot, email, ...)"
    ),
}
REGIONS = ("body",)
MESSAGE_FIELDS = frozenset({"question", "ask"})
_ASK_WORDS = {"question": "question", "request": "request", "problem": "problem"}
_KINDS = frozenset(_ASK_WORDS)
# A direct yes or no: an opening word, or possibility said outright ("it's not possible").
_POLAR = re.compile(
    r"^(?:[@#]\w+\s+)*(?:yes|yep|yeah|no|nope|sure|of course|absolutely|unfortunately|sadly|i'm afraid)\b"
    r"|\b(?:not |im)?possible\b|\bunable\b|\b(?:not|n't) be able\b|\b(?:can't|cannot|can not)\b",
    re.I,
)
_PART_BREAK = re.compile(r"(?:,|;|\bbut\b|\bso\b)\s+")
_ASKING_OPENING = re.compile(
    r"^(?:[@#]\w+\s+)*(?:please\s+)?(?:can|could|would|will|do|does|did|is|are|have|has|what|which|where|when|"
    r"why|how|who|may)\b"
)
_POLITE_REQUEST = re.compile(r"^(?:[@#]\w+\s+)*(?:please\s+)?(?:can|could|would|will)\s+you\b")
_YES_NO = re.compile(
    r"^(?:[@#]\w+\s+)*(?:is|are|can|could|would|will|do|does|did|should|may|has|have|was|were)\b", re.I
)


def validate(options: dict) -> None:
    unknown = set(options["kinds"]) - _KINDS
    if unknown:
        raise ValueError(f"kinds: {', '.join(sorted(unknown))} not one of {', '.join(sorted(_KINDS))}")


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "lemma", "pos", "parse"})


@dataclass(frozen=True)
class ReplyWords:
    """The reply's words and lemmas, and the nouns or adjectives written before each noun."""

    vocab: frozenset[str]
    modifiers: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Substance:
    """What the reply says that can answer anything.

    `answers` are the words of sentences that inform, decide, act or instruct; `steps`
    those of redirects and questions back, which meet an ask only when they are about
    its topic. `links` says whether an answer points to a page, and `polar` whether one
    says yes or no in some form.
    """

    answers: ReplyWords
    steps: ReplyWords
    sentences: int
    links: bool
    polar: bool
    reasons: bool = False  # some answer gives a reason ("because ...", "due to ...")


def reply_words(doc, spans) -> ReplyWords:  # type: ignore[no-untyped-def]
    """Lower-cased words and lemmas of the given spans of the reply."""
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


def substance(  # type: ignore[no-untyped-def]
    doc,
    spans,
    formula: frozenset[str],
    redirect: frozenset[str],
    suggest,
    theirs: frozenset[str] = frozenset(),
    details: frozenset[str] = frozenset(),
) -> Substance:
    """Sort the reply's sentences into answers, steps and formulas.

    A sentence answers nothing when it is only a support formula ("We're here to help",
    "Sorry to hear that", "We'd be happy to look into this": every content word is a
    formula word). It is a step, not an answer, when its main verb sends the customer
    elsewhere ("DM us", "Please send us your email") or when it asks them something
    ("Which version are you on?"); a question that proposes a fix ("Have you tried
    clearing your cache?") and a statement before a question in the same sentence ("We
    hired more people, can you share your email?") still answer, unless it proposes what
    the customer says they already did ("Have you tried reinstalling?" to "I reinstalled
    it twice"): every content word of it is in their message (`theirs`).
    """
    answers: list[tuple[int, int]] = []
    steps: list[tuple[int, int]] = []
    links = polar = reasons = last_was_step = False
    for region in spans_in(doc, spans):
        for sent in region.sents:
            words = [t for t in sent if not t.is_space and not t.is_punct]
            if not words:
                continue
            text = sent.text.strip()
            low = text.lower()
            # Names, handles and hashtags say who, not what: "I'll help if I can, Chris."
            content = [
                t
                for t in words
                if t.pos_ in ("NOUN", "VERB", "ADJ", "NUM", "ADV")
                and not t.is_stop
                and not t.text.startswith(("@", "#"))
                and not t.like_url  # a bare link goes with the sentence before it
                and t.lemma_.lower() not in formula
                and t.lower_ not in formula
            ]
            has_link = "http" in low or "www." in low
            span = (sent.start_char, sent.end_char)
            if not content and has_link and last_was_step:
                steps.append(span)  # the link that goes with "DM us here:"
                continue
            proposes = suggest is not None and suggest.search(low)
            if proposes and theirs and content and all(t.lemma_.lower() in theirs for t in content):
                last_was_step = True
                continue  # they told us they did that already
            if text.endswith("?") and not proposes:
                statement = _PART_BREAK.split(text)[0]
                declarative = statement != text and not _ASKING_OPENING.match(statement.lower())
                if not declarative:
                    # "Could you forward the receipt?" asks them to act: a step. "Which
                    # device do you use?" asks back and meets nothing.
                    if _POLITE_REQUEST.match(low) and not _wants_details(sent, details):
                        steps.append(span)
                    last_was_step = True
                    continue
            elif _redirects(sent, redirect, formula):
                if not _wants_details(sent, details):
                    steps.append(span)
                last_was_step = True
                continue
            if not content and not has_link:
                continue
            last_was_step = False
            if not answers:  # a yes or no comes first, or it is not a yes or no
                polar = bool(_POLAR.search(text))
            answers.append(span)
            links = links or has_link
            reasons = reasons or _gives_reason(sent)
    return Substance(reply_words(doc, answers), reply_words(doc, steps), len(answers), links, polar, reasons)


def _gives_reason(sent) -> bool:  # type: ignore[no-untyped-def]
    """Whether the sentence explains: a causal subordinator the parser marks ("because
    it expired", "since the card was declined", "as the page moved"), "due to", "because
    of", "caused by", or a reason named ("the reason is", "that's why")."""
    for tok in sent:
        low = tok.lower_
        if low == "because" or (low in ("since", "as") and tok.dep_ == "mark"):
            return True
        if low in ("due", "owing") and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            return True
        if low in ("reason", "cause", "caused", "causing", "why", "means"):
            return True
    return False


def _wants_details(sent, details: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """Whether a step only asks for details ("DM us your order number", "Could you send a
    screenshot?"): not a next step specific to what they asked, however topical."""
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in details for t in sent)


def _redirects(sent, redirect: frozenset[str], formula: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """Whether the sentence asks the customer to go or do something elsewhere: its main
    verb is a redirect verb with no subject or "you" ("DM us", "You can contact
    billing@"), not one we do ("We'll send you a new one", "SDKs don't provide it")."""
    root = sent.root
    opening = next(
        (t for t in sent if t.is_alpha and t.lower_ not in ("please", "kindly", "just", "simply")), None
    )
    # "Please click here to send ...", "DM us your number": the order is the first word
    # (the tagger often reads "DM" as a noun, so its tag is not asked).
    if (
        opening is not None
        and (opening.lemma_.lower() in redirect or opening.lower_ in redirect)
        and (
            opening.tag_ in ("VB", "VBP")
            or opening.i == sent.start
            or opening.nbor(-1).lower_ in ("please", "kindly")
        )
    ):
        return True
    if root.lemma_.lower() not in redirect:
        # "We cover the course, but you can reach out to Matt for this": the clause after
        # "but" sends them elsewhere, and that is what the sentence does. A yes or no
        # before it ("Yes, but you'll need to call billing") still answers.
        return not _POLAR.search(sent.text.strip()) and any(
            _sends_elsewhere(c, redirect) for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"
        )
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ != "you":
        return False
    others = [
        c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() not in formula
    ]
    return all(v.lemma_.lower() in redirect for v in others)


def _sends_elsewhere(verb, redirect: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """A conjoined verb after "but" that sends the customer elsewhere: a redirect verb
    with "you" as its subject, or none ("..., but please contact billing")."""
    if verb.lemma_.lower() not in redirect or not any(c.lower_ == "but" for c in verb.head.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.lower_ == "you"


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


def mentions(ask: Ask, reply: ReplyWords, heads_only: bool = False) -> bool:
    """Whether the reply's words mention anything the ask is about (a named thing, a verb
    that carries it, a reference number), by lemma, synonym or near spelling."""
    if any(r.value.lower() in reply.vocab or r.text.lower() in reply.vocab for r in ask.references):
        return True
    heads = [t for t in ask.terms if t.head]
    if not ask.named and not heads_only:
        # "Can you send another one?" is met by sending, not by talking about the parcel.
        return any(covered(t, reply.vocab) for t in ask.own)
    if heads or heads_only:
        # What they asked about is named by its nouns; a shared verb ("change", "get") is
        # not enough when the thing differs ("billing address" vs "shipping address"). In a
        # question what comes after the main verb is what they asked ("does the blender
        # come with [a travel cup]"): when the question has both, that part must be met.
        met = [t for t in heads if _unit_covered(t, reply)]
        focus = [t for t in heads if t.focus]
        if ask.kind == "question" and focus and len(focus) < len(heads):
            return any(t.focus for t in met)
        return bool(met)
    return any(covered(t, reply.vocab) for t in ask.terms)


_WHY = re.compile(r"^(?:[@#]\w+\s+)*(?:why|how come)\b", re.I)
# "Can you please refund ...?", "Could someone reset ...?": a request put as a question.
_ASKS_ACTION = re.compile(
    r"^(?:[@#]\w+\s+)*(?:can|could|would|will)\s+(?:you|u|y'all|someone|somebody|anyone)\s+(?:please\s+)?",
    re.I,
)


def answered(ask: Ask, said: Substance) -> bool:
    """Whether the reply answers the ask (the rules are in the module docstring)."""
    # A page answers a question ("this guide shows how"); it does not carry out a request.
    link = said.links and ask.kind == "question"
    if _WHY.match(ask.text) and not any(t.head for t in ask.terms):
        # "Why is that?" with nothing named before it: only a reason answers it (with the
        # problem named before it, an answer about that problem does, as for any ask).
        return said.reasons
    if said.sentences and (ask.generic or link or mentions(ask, said.answers)):
        return True
    # "Can I get a refund?" / "Please refund me": a yes, or a refusal, answers it.
    if said.sentences and said.polar and (ask.kind == "request" or _YES_NO.match(ask.text)):
        return True
    if ask.generic:
        return False
    # A step about the ask's topic, or about the action a request asks for ("forward the
    # receipt for the one to be refunded"), is a next step specific to it.
    acting = ask.kind == "request" or bool(_ASKS_ACTION.match(ask.text))
    return mentions(ask, said.steps) or (
        acting and any(covered(t, said.steps.vocab) for t in ask.own if not t.head)
    )


def _distinct_met(ask: Ask, asks: list[Ask], said: Substance) -> bool:
    """With several asks about one thing ("how do I check my gift card balance? And can I
    use two gift cards on one order?"), an answer to the first mentions the shared
    thing; the second is answered only if what sets it apart ("order") is met too."""
    others = {lemma for a in asks if a is not ask for t in a.terms if t.head for lemma in t.lemmas}
    distinct = [t for t in ask.own if t.head and t.lemma not in others]
    if not others or not distinct or len(distinct) == len([t for t in ask.own if t.head]):
        return True
    return any(_unit_covered(t, said.answers) or _unit_covered(t, said.steps) for t in distinct)


def _quote(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    unavailable = missing_features(features(rule.options), pipeline)
    if unavailable is not None:
        return unavailable
    kinds = set(rule.options["kinds"])
    formula = frozenset(w.lower() for w in rule.options["formula"])
    redirect = frozenset(w.lower() for w in rule.options["redirect"])
    suggest = phrase_regex(rule.options["suggest"]) if rule.options["suggest"] else None
    details = frozenset(w.lower() for w in rule.options["details"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        ticket = doc.context.ticket
        if ticket is None:
            raise SkipCheck("needs the customer's message to compare with (give --ticket or a conversation)")
        said = substance(doc, spans, formula, redirect, suggest, ticket.terms, details)
        at = spans[0][0] if spans else (doc.regions.body[0] if doc.regions.body else 0)
        asks = [a for a in ticket.asks if a.kind in kinds]
        for ask in asks:
            if answered(ask, said) and _distinct_met(ask, asks, said):
                continue
            quoted = _quote(ask.text)
            yield Hit(at, at, values={"about": quoted, "question": quoted, "ask": _ASK_WORDS[ask.kind]})

    return check
