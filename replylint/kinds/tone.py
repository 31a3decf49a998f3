"""tone: negative framing found by meaning (refusals, rule-speak, deflection), not by word lists.

A phrase list cannot tell "we can't refund it" (a refusal) from "you mentioned you can't
log in" (the customer's problem retold), "if you can't log in, reply here" (a condition)
or "you won't need to pay" (reassurance). This kind reads the dependency parse
(replylint/clauses.py) and judges two things:

- **negated clauses** (`clauses: refusal`): a negated predicate whose subject is the agent
  side ("we don't offer", "I can't reset", "we weren't able to reproduce"), a rule stated
  about a thing ("that version isn't supported", "cannot be reproduced", "the plan doesn't
  include exports"), or a limit put on the customer ("you won't be able to revert"). Not
  when the negated verb reassures ("we won't charge you", "you won't need to"), when the
  clause is a question or a condition, or when it retells the customer's situation.
- **patterns** (`patterns`): spaCy token patterns, each with what it means ("states a
  rule", "puts the cause on the customer's side"), for wording the parse alone does not
  mark ("as per our policy", "works as expected", "you didn't send"). The same context
  filters apply (`skip_in`).

Findings are advice (rewrite ideas), never applied by --fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import clauses
from ..findings import Hit
from ..phrases import phrase_regex
from . import token_patterns
from .base import Option, OptionError, filter_longest, missing_features, spans_in

OPTIONS = {
    "clauses": Option("str", "none", "judge negated clauses: refusal, or none", choices=("refusal", "none")),
    "patterns": Option(
        "any-list",
        [],
        "list of {what: text, pattern: spaCy token pattern, skip_in: contexts (default: the rule's)}",
    ),
    "skip_in": Option(
        "str-list",
        ("question", "condition", "retold"),
        "contexts where a match is not negative: question, condition, retold, negated, negated-clause, resolved",
    ),
    "burdens": Option(
        "str-list", (), "verbs whose negation with the customer as subject reassures (need, pay, wait)"
    ),
    "harms": Option(
        "str-list", (), "verbs whose negation with us or a thing as subject reassures (charge, share)"
    ),
    "experience": Option(
        "str-list", (), "verbs that, negated in the perfect with us as subject, report experience"
    ),
    "provide": Option(
        "str-list", (), "verbs that refuse when negated with a thing as subject (offer, support, ...)"
    ),
    "passive": Option(
        "str-list", (), "verbs that refuse when negated in the passive (reproduce, refund, ...)"
    ),
    "states": Option(
        "str-list", (), "adjectives that refuse when negated (possible, available, eligible, ...)"
    ),
    "ability": Option("str-list", ("can", "able", "allow", "permit", "possible"), "modal words of ability"),
    "refuse": Option(
        "str-list", (), "verbs that refuse with the agent side as subject (decline, fail to, ...)"
    ),
    "idioms": Option(
        "str-list", (), "negations that praise or look forward ('can't wait', 'couldn't agree more')"
    ),
    "suggestions": Option("str-list", (), "rewrite ideas shown with every finding"),
    "refusal_what": Option("str", "is a refusal", "what a negated-clause finding means, for {what}"),
}
REGIONS = ("greeting", "body")
MESSAGE_FIELDS = frozenset({"what"})
_CONTEXTS = ("question", "condition", "retold", "negated", "negated-clause", "resolved")


def validate(options: dict) -> None:
    for context in options["skip_in"]:
        if context not in _CONTEXTS:
            raise OptionError("skip_in", f"'{context}' is not one of: {', '.join(_CONTEXTS)}")
    for index, entry in enumerate(options["patterns"]):
        if (
            not isinstance(entry, dict)
            or set(entry) - {"what", "pattern", "skip_in"}
            or "pattern" not in entry
        ):
            raise OptionError(
                "patterns",
                f"entry {index + 1} must be a mapping with 'pattern', and optional 'what' and 'skip_in'",
            )
        for context in entry.get("skip_in") or ():
            if context not in _CONTEXTS:
                raise OptionError(
                    "patterns", f"entry {index + 1}: '{context}' is not one of: {', '.join(_CONTEXTS)}"
                )
    token_patterns.validate_list([e["pattern"] for e in options["patterns"]], "patterns")
    if options["clauses"] == "none" and not options["patterns"]:
        raise ValueError("give 'patterns', or 'clauses: refusal', or both")


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "sentences", "lemma", "pos", "parse"})


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    """Compile the patterns once; the check walks each sentence's negated clauses."""
    opts = rule.options
    unavailable = missing_features(features(opts), pipeline)
    if unavailable is not None:
        return unavailable

    skip_in = frozenset(opts["skip_in"])
    patterns = token_patterns.PatternSet([e["pattern"] for e in opts["patterns"]], pipeline, rule.id)
    meanings = [
        (e.get("what") or "", skip_in if e.get("skip_in") is None else frozenset(e["skip_in"]))
        for e in opts["patterns"]
    ]
    judge = _RefusalJudge(opts) if opts["clauses"] == "refusal" else None
    suggestions = tuple(opts["suggestions"])
    idioms = phrase_regex(opts["idioms"]) if opts["idioms"] else None
    refusal_what = opts["refusal_what"]

    def excused(token, contexts: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
        return bool(
            clauses.in_quotation(token)
            or ("question" in contexts and clauses.is_question(token))
            or ("condition" in contexts and clauses.is_conditional(token))
            or ("retold" in contexts and clauses.is_retold(token))
            or ("negated" in contexts and clauses.is_negated(token))
            or ("negated-clause" in contexts and clauses.is_negated(token, whole_clause=True))
            or ("resolved" in contexts and clauses.is_resolution(token))
        )

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        found: list[tuple[int, int, str]] = []
        for region in spans_in(doc, spans):
            if patterns:
                matches = patterns.find(region)
                which = {(m.start, m.end): index for m, index in matches}
                for span in filter_longest([m for m, _ in matches]):
                    what, contexts = meanings[which[(span.start, span.end)]]
                    if not excused(span.root, contexts):
                        found.append((span.start_char, span.end_char, what))
            if judge is not None:
                for sent in _sentences(region):
                    for clause in judge.clauses(sent):
                        if judge.refuses(clause) and not excused(clause.verb, skip_in):
                            start, end = clauses.span_of(clauses.predicate_tokens(clause))
                            if idioms is not None and any(
                                m.start() <= end - sent.start_char and start - sent.start_char < m.end()
                                for m in idioms.finditer(sent.text)
                            ):
                                continue  # "we can't wait to see it", "I couldn't agree more"
                            found.append((start, end, refusal_what))
        last_end = -1
        for start, end, what in sorted(found):
            if start < last_end:  # one finding per stretch of words
                continue
            last_end = end
            yield Hit(start, end, values={"what": what}, suggestions=suggestions, fixable=False)

    return check


def _sentences(region):  # type: ignore[no-untyped-def]
    """The sentences of a region span, clipped to it."""
    for sent in region.sents:
        start = max(sent.start, region.start)
        end = min(sent.end, region.end)
        if end > start:
            yield region.doc[start:end]


class _RefusalJudge:
    """Decides whether a negated clause refuses, restricts or lays a limit on the customer."""

    def __init__(self, opts: dict) -> None:
        self.burdens = frozenset(opts["burdens"])
        self.harms = frozenset(opts["harms"])
        self.provide = frozenset(opts["provide"])
        self.passive = frozenset(opts["passive"])
        self.states = frozenset(opts["states"])
        self.ability = frozenset(opts["ability"])
        self.refuse = frozenset(opts["refuse"])
        self.experience = frozenset(opts["experience"])

    def clauses(self, sent) -> Iterator[clauses.Clause]:  # type: ignore[no-untyped-def]
        """Negated clauses, and clauses whose verb refuses by itself ("we declined to")."""
        seen = set()
        for clause in clauses.negated_clauses(sent):
            seen.add(clause.head.i)
            yield clause
        for token in sent:
            if token.lemma_.lower() not in self.refuse or token.i in seen or token.pos_ != "VERB":
                continue
            # "we failed to reproduce", "we declined the claim"; not "we don't want to fail".
            if not any(c.dep_ in ("xcomp", "dobj") for c in token.children):
                continue
            if any(clauses.negation_of(t) is not None for t in clauses.chain(token)[1:3]):
                continue
            clause = clauses.clause_at(token)
            if clause.party == "agent":
                yield clauses.Clause(token, clause.verb, clause.subject, "agent", token, clause.passive)

    def _ability(self, clause: clauses.Clause) -> bool:
        words = {clause.head.lemma_.lower(), clause.verb.lemma_.lower()}
        for tok in (clause.head, clause.verb):
            words.update(c.lemma_.lower() for c in tok.children if c.dep_ in ("aux", "acomp"))
        words.update(t.lemma_.lower() for t in clause.head.subtree if t.dep_ == "acomp")
        return bool(words & self.ability)

    @staticmethod
    def _lifted(token, words: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
        """Whether negating `token` lifts a burden or rules out a harm ("won't need to",
        "won't charge"). "have" counts only as "have to": "we don't have access" refuses."""
        lemma = token.lemma_.lower()
        if lemma == "have":
            return "have" in words and any(c.dep_ == "xcomp" for c in token.children)
        return lemma in words

    def refuses(self, clause: clauses.Clause) -> bool:
        lemma = clause.lemma
        party = clause.party
        relief = {"customer": self.burdens, "agent": self.harms}.get(party, self.harms | self.burdens)
        if self._lifted(clause.verb, relief) or self._lifted(clause.head, relief):
            return False
        if clause.subject is None and clause.head.dep_ != "ROOT":
            return False  # "features not available with X": a description, not a clause
        if party == "agent":
            # "I haven't seen this error before" reports experience; "we aren't seeing any
            # problem" or "I can't see your order" refuses.
            perfect = any(
                c.lower_ in ("have", "has", "had", "'ve", "'d")
                for c in clause.head.children
                if c.dep_ == "aux"
            )
            return not (perfect and lemma in self.experience)
        if party == "customer":
            # "you can't change it online" limits the customer; "you won't see a charge" does not.
            return self._ability(clause) and not clause.passive
        # A thing as subject (or an expletive "there"/"it"): a rule about the service.
        if clause.passive:
            return lemma in self.passive
        if lemma in self.provide:
            return True
        if lemma == "be" or clause.verb.pos_ == "ADJ":
            if clause.head.pos_ == "ADJ" and clause.head.dep_ != "ROOT":
                return False  # no copula: "features not available with X" describes, it doesn't state
            subject = clause.subject
            if subject is not None and subject.pos_ == "PROPN" and not list(subject.children):
                return False  # "Lizzie is not available": a colleague, not the service
            states = {clause.verb.lemma_.lower()} | {
                c.lemma_.lower() for c in clause.verb.children if c.dep_ in ("acomp", "attr")
            }
            return bool(states & self.states)
        return False
