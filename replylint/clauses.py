"""Who does what in a sentence: clause facts read off spaCy's dependency parse.

Tone is about meaning, not words: "we can't refund it" is a refusal, "you mentioned you
can't log in" restates the customer's problem, "if you can't log in, reply here" is a
condition and "you won't need to pay" is reassurance, though all four contain a negated
verb. The tone and empathy kinds ask the same questions of a clause (who is the subject,
is the predicate negated, what verb does it really mean, is it a question, a condition,
or the customer's own situation retold) and this module answers them from the parse.

Parties: the *agent* side is "I", "we", "our team", a team word ("support", "staff");
the *customer* is "you" or "your X"; anything else is *other* (it, this, the app).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Token = Any  # spacy.tokens.Token; kept loose so importing this module stays cheap

AGENT_WORDS = frozenset({"i", "we", "us", "me", "myself", "ourselves"})
CUSTOMER_WORDS = frozenset({"you", "yourself", "yourselves"})
TEAM_NOUNS = frozenset({"team", "support", "staff", "company", "department", "store", "service", "desk"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Words that turn a predicate into "can do X": the verb that carries the meaning is X.
WRAPPERS = frozenset({"able", "possible", "allowed", "permitted", "going", "go", "try", "manage", "decide",
                      "plan", "want", "need", "have", "fail", "willing", "likely", "sure", "happy", "glad"})  # fmt: skip
CONDITION_MARKS = frozenset({"if", "unless", "whether", "when", "whenever"})
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "csubj", "acl", "ROOT"})
# Words under which a negated clause retells the customer's situation rather than states
# the agent's own position: sympathy ("sorry you can't ..."), the customer telling us
# ("you mentioned the app doesn't open") and us perceiving it ("it sounds like the code
# didn't arrive", "I see the page doesn't load").
SYMPATHY = frozenset({
    "sorry", "apologize", "apologise", "frustrating", "annoying", "frustrate", "hate", "shame", "pity",
    "upsetting", "disappointing", "awful", "terrible", "unfortunate", "bad", "worrying", "stressful",
})  # fmt: skip
TELLING = frozenset({"mention", "say", "tell", "write", "report", "note", "explain", "describe", "indicate",
                     "state", "complain", "share", "let"})  # fmt: skip
PERCEIVING = frozenset({"understand", "see", "hear", "notice", "realize", "realise", "gather", "sound",
                        "seem", "appear", "look", "read"})  # fmt: skip
CLAUSE_HEAD_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "csubj", "acl", "parataxis"}
)


@dataclass(frozen=True)
class Clause:
    """One predicate and what the parse says about it."""

    head: Token  # the token the negation or modal hangs on (verb, copula or adjective)
    verb: Token  # the predicate that carries the meaning ("reproduce" in "not able to reproduce")
    subject: Token | None
    party: str  # "agent", "customer", "other" or "none" (imperatives, fragments)
    negation: Token | None  # "not", "n't", "never", "no longer"'s "longer", or None
    passive: bool

    @property
    def lemma(self) -> str:
        return self.verb.lemma_.lower()


def party_of(subject: Token | None) -> str:
    """Whose clause it is: the agent side, the customer, something else, or nobody."""
    if subject is None:
        return "none"
    word = subject.lower_
    if word in AGENT_WORDS:
        return "agent"
    if word in CUSTOMER_WORDS:
        return "customer"
    for child in subject.children:
        if child.dep_ == "poss":
            owner = child.lower_
            if owner in ("our", "my"):
                return "agent"
            if owner == "your":
                return "other"  # "your order": a thing of the customer's, not the customer acting
    if subject.lemma_.lower() in TEAM_NOUNS and subject.pos_ in ("NOUN", "PROPN"):
        return "agent"
    return "other"


def subject_of(token: Token) -> Token | None:
    """The subject of `token`'s clause, looking up through xcomp/acomp/conj links."""
    current = token
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # The nearest one before the verb: a vocative ("Kurt, the store doesn't ...")
            # is sometimes parsed as a second subject further left.
            before = [c for c in subjects if c.i < current.i]
            return before[-1] if before else subjects[0]
        if current.dep_ in ("xcomp", "acomp", "conj", "aux", "auxpass") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "relcl":  # "issues that are not going to be addressed": the noun it describes
            return current.head
        return None
    return None


def meaning_verb(head: Token) -> Token:
    """Follow "able to X", "going to be X-ed", "decided not to X" down to X."""
    current = head
    for _ in range(5):
        nxt = None
        for child in current.children:
            if child.dep_ == "acomp" and child.lemma_.lower() in WRAPPERS:
                nxt = child
                break
            if child.dep_ == "xcomp" and (current.lemma_.lower() in WRAPPERS or current.pos_ == "AUX"):
                nxt = child
                break
        if nxt is None:
            return current
        current = nxt
    return current


def is_passive(token: Token) -> bool:
    """Whether the predicate is passive ("cannot be reproduced")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def negation_of(token: Token) -> Token | None:
    """The negation on `token`: a `neg` child, "never", or "no longer"."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return child
        if child.lower_ == "longer" and child.i > 0 and child.doc[child.i - 1].lower_ == "no":
            return child
    return None


def clause_at(head: Token) -> Clause:
    """The clause whose predicate is `head` (the token carrying aux, neg and subject)."""
    verb = meaning_verb(head)
    subject = subject_of(head)
    return Clause(
        head=head,
        verb=verb,
        subject=subject,
        party=party_of(subject),
        negation=negation_of(head) or negation_of(verb),
        passive=is_passive(verb) or is_passive(head),
    )


def negated_clauses(sent: Any) -> Iterator[Clause]:
    """Every negated predicate in a sentence span, once each."""
    seen: set[int] = set()
    for token in sent:
        if (
            token.dep_ != "neg"
            and token.lower_ != "never"
            and not (token.lower_ == "longer" and token.i > 0 and token.doc[token.i - 1].lower_ == "no")
        ):
            continue
        head = token.head
        if head.i in seen:
            continue
        seen.add(head.i)
        clause = clause_at(head)
        if clause.negation is None:
            clause = Clause(clause.head, clause.verb, clause.subject, clause.party, token, clause.passive)
        yield clause


def chain(token: Token) -> list[Token]:
    """`token` and the heads above it, up to the sentence root."""
    out = [token]
    current = token
    for _ in range(12):
        if current.head.i == current.i:  # spaCy makes a new Token object on each access
            break
        current = current.head
        out.append(current)
    return out


def clause_head(token: Token) -> Token:
    """The verb (or predicate) heading the clause `token` belongs to."""
    current = token
    for _ in range(8):
        if current.dep_ in CLAUSE_HEAD_DEPS and current.pos_ in ("VERB", "AUX", "ADJ"):
            return current
        if current.dep_ == "ROOT" or current.head.i == current.i:
            return current
        current = current.head
    return current


def is_question(token: Token) -> bool:
    """Whether the token's clause asks something.

    The sentence must end with "?", and the clause must be the one asking: its auxiliary
    comes before its subject ("Can't you log in?", "Did the code not arrive?"), or it is
    the sentence's last main clause ("You can't log in?"). In "I don't know what that
    is, but have you checked your spam?" only the second clause asks.
    """
    sent = token.sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or "?" not in last.text:
        return False
    head = clause_head(token)
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    first_aux = next((c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i), None)
    if subject is not None and first_aux is not None and first_aux.i < subject.i:
        return True
    if head.lower_ in ("what", "why", "how", "when", "where", "which", "who"):
        return True
    if any(c.tag_ in ("WP", "WRB", "WDT") and c.i < head.i for c in head.children):
        return True
    if head.dep_ not in ("ROOT", "conj"):
        return False
    # The last main clause before the question mark asks; earlier ones state.
    later = [t for t in sent if t.i > head.i and t.dep_ in ("ROOT", "conj") and t.pos_ in ("VERB", "AUX")]
    return not later


def is_conditional(token: Token) -> bool:
    """Whether the token sits in an if/unless/when clause ("if you can't log in, ...")."""
    for current in chain(token):
        for child in current.children:
            if child.lower_ in CONDITION_MARKS and child.dep_ in ("mark", "advmod") and child.i < current.i:
                return True
        if current.dep_ in CLAUSE_DEPS:
            return False  # left the clause without meeting a condition
    return False


def is_retold(token: Token) -> bool:
    """Whether the clause is the customer's situation told back ("sorry you can't ...",
    "you mentioned the app doesn't open", "it sounds like the code didn't arrive").

    Climbs only out of complement clauses (not across "and"/"but": "we apologize but
    can't help" is still a refusal). Under sympathy any clause is retold; under telling
    only when the customer is the teller ("you said", not "please note that we ...");
    under perceiving only when the clause is not about us ("I see the page doesn't load",
    not "I can see we don't stock it").
    """
    inner = clause_head(token)
    inner_party = party_of(subject_of(inner))
    current = inner
    for _ in range(6):
        if current.dep_ not in (
            "ccomp",
            "xcomp",
            "advcl",
            "acomp",
            "pcomp",
            "pobj",
            "prep",
            "aux",
            "auxpass",
        ):
            return False
        current = current.head
        lemma = current.lemma_.lower()
        if lemma in SYMPATHY or any(
            c.dep_ in ("acomp", "attr", "dobj") and c.lemma_.lower() in SYMPATHY for c in current.children
        ):
            return True
        teller = party_of(subject_of(current))
        if lemma in TELLING and teller == "customer":
            return True
        if lemma in PERCEIVING and inner_party != "agent":
            return True
    return False


def in_quotation(token: Token) -> bool:
    """Whether the token is inside double quotation marks on its line: words the reply
    quotes (the customer's, an error message) are not the reply's own tone."""
    doc = token.doc
    line_start = doc.text.rfind("\n", 0, token.idx) + 1
    before = doc.text[line_start : token.idx]
    return (before.count('"') % 2 == 1) or (before.count("\u201c") > before.count("\u201d"))


def span_of(tokens: list[Token]) -> tuple[int, int]:
    """Character span from the first to the last of `tokens`."""
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def predicate_tokens(clause: Clause) -> list[Token]:
    """The words that say what is refused: aux, negation and the meaning verb (with
    "have"'s object and a verb particle), e.g. "can't refund", "do not have access"."""
    tokens = [clause.head, clause.verb]
    if clause.negation is not None:
        tokens.append(clause.negation)
        if clause.negation.lower_ == "longer":
            tokens.append(clause.negation.doc[clause.negation.i - 1])
    for child in clause.head.children:
        if child.dep_ in ("aux", "auxpass") and child.i < clause.head.i:
            tokens.append(child)
    for child in clause.verb.children:
        if child.dep_ == "prt" or (clause.lemma in ("have", "offer", "provide") and child.dep_ == "dobj"):
            tokens.append(child)
        if clause.lemma == "be" and child.dep_ in ("acomp", "attr") and child.i > clause.verb.i:
            tokens.append(child)  # "is not eligible", "isn't an option": the state is the refusal
    subject = clause.subject
    first = min(t.i for t in tokens)
    if subject is not None and subject.pos_ == "PRON" and 0 < first - subject.i <= 2:
        tokens.append(subject)  # "We don't offer", "It's not possible": who refuses is part of it
    return tokens


def is_negated(token: Token, whole_clause: bool = False) -> bool:
    """Whether the predicate `token` is itself negated, also by its subject ("No signature is
    required"). With `whole_clause`, a negation on any verb the token's phrase depends on
    counts too ("you don't need to do anything on your end"); without it, a negation
    elsewhere in the sentence does not ("as per our policy we can't" still cites policy)."""
    targets = [token, token.head] if token.dep_ in ("acomp", "xcomp", "attr") else [token]
    if whole_clause:
        targets = chain(token)[:6]
    for target in targets:
        if negation_of(target) is not None:
            return True
        subject = next((c for c in target.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.lower_ in ("nothing", "nobody", "none"):
                return True
            if any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
                return True
        if whole_clause and any(c.dep_ == "dobj" and c.lower_ in ("nothing",) for c in target.children):
            return True
        if whole_clause and target.dep_ in ("ccomp", "advcl", "relcl", "ROOT"):
            break
    return False


_RESOLUTION = frozenset(
    {"now", "again", "once", "after", "since", "fixed", "resolved", "updated", "will", "'ll", "should"}
)


def is_resolution(token: Token) -> bool:
    """Whether the token's sentence tells of a fix, now or to come ("it works as expected
    now that ...", "once you restart it should work as intended"): good news, not a verdict."""
    return any(t.lower_ in _RESOLUTION for t in token.sent)
