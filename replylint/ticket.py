"""The customer's message, read once per document: what they ask, what they name, how they feel.

A ticket is analysed when a draft is parsed (not once per rule): its newest part is
split from quoted history and signature, each sentence is sorted into a question, a
request, a problem statement or neither, and the key terms of each ask (nouns, names,
numbers, the verbs that carry the request) are kept as lemmas. References (order
numbers, amounts, dates) come from `references`; the mood combines VADER's sentiment
(it ships its lexicon) with support cues VADER does not know ("third time", "still",
caps, "!!"). The customer's name is taken from their own sign-off ("Thanks, Priya").

The analysis uses the pipeline the rules already load: lemmas and part-of-speech tags,
and the dependency parse where a rule that needs it has it loaded (the tone and
understand kinds do); never NER.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import names, sentiment
from .phrases import has_phrase
from .references import Reference, find_references
from .regions import split_regions
from .resources import builtin_rules_dir
from .textmap import strip_html
from .yamlfile import load_yaml_file

if TYPE_CHECKING:
    from .nlp import Pipeline

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "X"}
_HEAD_POS = {"NOUN", "PROPN", "NUM", "X"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\w-]*")
_CAPS_WORD = re.compile(r"(?<![\w-])[A-Z]{2,}(?![\w-])")
_NOT_SHOUTING = frozenset({"ASAP", "USA", "UK", "EU", "PDF", "SMS", "GPS", "VPN", "API", "URL", "FAQ", "ETA"})


@dataclass(frozen=True)
class Term:
    """A key word of an ask: its lemma, and whether it names a thing (a head term)."""

    text: str
    lemma: str
    head: bool
    mods: tuple[str, ...] = ()  # lemmas of the nouns before it in a compound ("billing" address)
    focus: bool = True  # after the question's main verb ("does the X come with [a travel cup]")

    @property
    def lemmas(self) -> tuple[str, ...]:
        return (*self.mods, self.lemma)


@dataclass(frozen=True)
class Ask:
    """Something the customer asked or needs: a question, a request or a problem."""

    text: str
    kind: str  # "question", "request" or "problem"
    terms: tuple[Term, ...]
    references: tuple[Reference, ...] = ()
    # Names no topic of its own ("Can you help me?", "Please fix it"): its terms are
    # borrowed from the sentence before, and any answer, action or step meets it.
    generic: bool = False
    # Names the thing it is about itself ("Can I change my billing address?"), rather
    # than only an action on something said before ("Can you send another one?").
    named: bool = True
    own: tuple[Term, ...] = ()  # its own terms, without those borrowed from before


@dataclass(frozen=True)
class Mood:
    """How the customer sounds: VADER's compound score plus support cues."""

    compound: float
    cues: tuple[str, ...]
    score: int
    upset: bool
    urgent: bool


@dataclass(frozen=True)
class Ticket:
    """The analysed customer message a draft answers."""

    text: str  # the newest message as the customer wrote it (quoted history removed)
    asks: tuple[Ask, ...]
    references: tuple[Reference, ...]
    mood: Mood
    customer_name: str | None
    terms: frozenset[str] = field(default=frozenset(), hash=False)  # content lemmas of the whole message


@dataclass(frozen=True)
class Lexicon:
    """Word lists from rules/lexicon/ticket.yaml."""

    generic: frozenset[str]
    rhetorical: tuple[str, ...]
    synonyms: dict[str, frozenset[str]]
    problem: tuple[str, ...]
    request: tuple[str, ...]
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    urgency: tuple[str, ...]
    accusation: re.Pattern[str]  # "you closed my case", "charged twice"
    displeasure: re.Pattern[str]  # eye-rolls and angry faces, "#fail"
    let_down: re.Pattern[str]  # "hasn't arrived", "no reply", "on hold"
    neutral: tuple[str, ...]  # VADER words that only name a problem
    not_orders: frozenset[str]  # base verbs that open a sentence without ordering anything
    boilerplate: tuple[str, ...]  # disclaimers and template prompts: not the customer speaking
    help_verbs: frozenset[str]  # verbs of a request that names no action ("help", "assist", "fix")
    emphasis: frozenset[str]  # words that shout when written in capitals


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The ticket lexicon, loaded once."""
    data = load_yaml_file(builtin_rules_dir() / "lexicon" / "ticket.yaml")
    groups: dict[str, set[str]] = {}
    for group in data["synonyms"]:
        words = {str(w).lower() for w in group}
        for w in words:
            groups.setdefault(w, set()).update(words)
    return Lexicon(
        generic=frozenset(str(w).lower() for w in data["generic"]),
        rhetorical=tuple(str(p).lower() for p in data["rhetorical"]),
        synonyms={k: frozenset(v) for k, v in groups.items()},
        problem=tuple(str(p).lower() for p in data["problem"]),
        request=tuple(str(p).lower() for p in data["request"]),
        strong=tuple(str(p).lower() for p in data["frustration"]["strong"]),
        weak=tuple(str(p).lower() for p in data["frustration"]["weak"]),
        urgency=tuple(str(p).lower() for p in data["urgency"]),
        accusation=re.compile("|".join(data["frustration"]["accusation"]), re.IGNORECASE),
        displeasure=re.compile("|".join(data["frustration"]["displeasure"]), re.IGNORECASE),
        let_down=re.compile("|".join(data["frustration"]["let_down"]), re.IGNORECASE),
        neutral=tuple(str(w).lower() for w in data["neutral_problem_words"]),
        not_orders=frozenset(str(w).lower() for w in data["not_orders"]),
        boilerplate=tuple(str(p).lower() for p in data["boilerplate"]),
        help_verbs=frozenset(str(w).lower() for w in data["help_verbs"]),
        emphasis=frozenset(str(w).lower() for w in data["frustration"]["emphasis"]),
    )


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    for word in lexicon().neutral:  # "error", "failed": what broke, not how they feel
        analyzer.lexicon.pop(word, None)
    return analyzer


def newest_part(text: str, is_html: bool = False) -> tuple[str, str | None]:
    """The customer's newest words (no quoted history or signature) and their sign-off name."""
    plain = strip_html(text).text if is_html else html.unescape(text)
    regions = split_regions(plain)
    end = len(plain)
    if regions.quoted:
        end = min(end, regions.quoted[0][0])
    if regions.signature:
        end = min(end, regions.signature[0])
    kept = "\n".join(line for line in plain[:end].splitlines() if not line.lstrip().startswith(">")).strip()
    name = None
    if regions.signoff_name:
        raw = plain[regions.signoff_name[0] : regions.signoff_name[1]].splitlines()[0].strip()
        raw = re.split(r"\s*[|,(]\s*|\s+-\s+", raw)[0].strip()
        words = raw.split()
        if 0 < len(words) <= 3 and all(w[:1].isupper() for w in words) and names.words(raw):
            name = raw
    return kept or plain.strip(), name


def _shouting(text: str) -> list[str]:
    """Words written in capitals to shout ("I have NOT been refunded"), not acronyms (ADFS).

    When a quarter of the message's letters are capitals, every capitalised word shouts;
    otherwise only words that are emphasis in English (NOT, STILL, NEVER, ...).
    """
    letters = [c for c in text if c.isalpha()]
    words = [w for w in _CAPS_WORD.findall(text) if w not in _NOT_SHOUTING]
    if len(words) >= 3 and len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.25 * len(letters):
        return words
    return [w for w in words if w.lower() in lexicon().emphasis]


def mood_of(text: str) -> Mood:
    """Frustration and urgency: strong cues 2 points, weak cues 1, VADER up to 2; upset at 2.

    Upset covers anger, distress, sarcasm and complaints about a service failure. Strong
    cues are words of anger and insult, displeased emoji, accusations ("you closed my
    case", "charged twice") and repeat contact; weak cues are words of persistence
    ("still", "again") and statements that something promised did not happen ("hasn't
    arrived", "no reply"). VADER reads the text with the plain names of a problem
    ("error", "failed", "blocked") made neutral: a bug report is not anger.
    """
    lex = lexicon()
    low = text.lower()
    cues: list[str] = []
    score = 0
    for phrase in lex.strong:
        if has_phrase(low, phrase):
            cues.append(phrase)
            score += 2
    # a weak cue inside a strong one ("still" in "still waiting") is not counted twice
    for phrase in sorted(lex.weak, key=len, reverse=True):
        if has_phrase(low, phrase) and not any(phrase in c for c in cues):
            cues.append(phrase)
            score += 1
    for pattern, weight in ((lex.accusation, 2), (lex.displeasure, 2)):
        found = pattern.search(text)
        if found:
            cues.append(found.group().strip())
            score += weight
    # Each thing that did not happen is one point, up to two ("no reply ... still not shipped").
    let_down = list(dict.fromkeys(m.group().strip().lower() for m in lex.let_down.finditer(text)))[:2]
    cues.extend(let_down)
    score += len(let_down)
    urgent = False
    for phrase in lex.urgency:
        if has_phrase(low, phrase):
            cues.append(phrase)
            score += 1
            urgent = True
    shouting = _shouting(text)
    if shouting:
        cues.append("capitals")
        score += 2 if len(shouting) >= 2 else 1
    marks = re.search(r"[!?]{2,}", text)
    if marks:
        cues.append("repeated '!'")
        score += 2 if len(marks.group()) >= 3 else 1
    compound = sentiment.compound(_vader(), text)
    if compound <= -0.6:
        cues.append(f"negative sentiment {compound:.2f}")
        score += 2
    elif compound <= -0.3:
        cues.append(f"negative sentiment {compound:.2f}")
        score += 1
    return Mood(compound, tuple(cues), score, score >= 2, urgent)


_LEADING_HANDLES = re.compile(r"^(?:[@#]\w+[\s,:]*)+")
_WH_QUESTION = re.compile(
    r"^(?:how|why)\b"
    r"|^(?:what|where|who|which|when)(?:'s|\s+(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|"
    r"the hell|in the world|on earth|in blazes))\b"
    r"|^(?:wtf|wth)\b"
    r"|^(?:is|are|can|could|would|will|do|does|did|should|may|has|have)\s+"
    r"(?:i|you|we|it|there|this|that|someone|anyone|somebody|anybody|they|he|she)\b"
)


# Verbs that carry no action of their own in a request ("could you [help] me get ...").
_NOT_ACTIONS = frozenset(
    {
        "be",
        "have",
        "do",
        "get",
        "can",
        "could",
        "would",
        "will",
        "want",
        "need",
        "like",
        "let",
        "know",
        "think",
        "wonder",
        "please",
        "thank",
        "try",
        "go",
        "make",
        "seem",
        "appear",
    }
)
_CLAUSE_BREAK = frozenset({",", ";", ":", "-", "–", "—", "...", "…", "so", "but"})


# Exasperated questions asked without a question mark, anywhere in the sentence.
_WHAT_IS_GOING_ON = re.compile(
    r"\b(?:wtf|wth|what the (?:hell|heck)|what(?:'s| is) (?:going on|happening|wrong))\b"
)


_LIST_ITEM = re.compile(
    r"^(?:\d{1,2}\s*[-.)]|[-*•]\s)"
)  # "1- create the room", "- restarted it": their own steps


def _quoted_line(sent: Any) -> bool:
    """Whether the sentence sits inside quotation marks (it is what a page or an error said)."""
    doc = sent.doc
    line_start = doc.text.rfind("\n", 0, sent.start_char) + 1
    before = doc.text[line_start : sent.start_char]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _asking_part(sent: Any, any_sentence: bool = False) -> list[Any]:
    """The tokens of the part of a question sentence that asks: after the last clause break
    before the question mark ("I'm off until Tuesday, so are you paying for the class?"
    asks about paying for the class). Other sentences are whole, unless `any_sentence`."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens or ("?" not in tokens[-1].text and not any_sentence):
        return list(sent)
    for i in range(len(tokens) - 2, 0, -1):
        # A dash breaks a clause only with a space before it: "in-store" is one word.
        spaced = tokens[i].text not in ("-", "–", "—") or bool(tokens[i - 1].whitespace_)
        if spaced and tokens[i].lower_ in _CLAUSE_BREAK and sum(t.is_alpha for t in tokens[i + 1 :]) >= 2:
            if tokens[i + 1].lower_ in ("or", "and", "nor"):
                continue  # "Does it come with a cup, or is that sold separately?" is one question
            return tokens[i + 1 :]
        # "... in 2020 why is that?": a wh-word with a verb after it opens the asking clause
        if tokens[i].tag_ in ("WRB", "WP") and tokens[i + 1].pos_ in ("AUX", "VERB", "PRON"):
            return tokens[i:]
    return tokens


def _classify(sent: Any) -> str | None:
    """ "question", "request", "problem" or None for one sentence of the customer's message.

    A question mark makes a question unless the sentence is only an interjection
    ("WHAT?", "seriously?"); without one, an interrogative opening does ("how do I get
    a refund", "can you check my order"), but not a clause that merely starts with a
    wh-word ("When I open the app it crashes."). Requests are polite forms ("please",
    "could you", "I'd like") and bare orders ("Fix this", "Help!!").
    """
    lex = lexicon()
    text = _LEADING_HANDLES.sub("", sent.text.strip())
    low = text.lower()
    words = [t for t in sent if t.is_alpha and not t.text.startswith(("@", "#"))]
    if not words or any(has_phrase(low, p) for p in lex.rhetorical):
        return None
    if low.startswith(("#", "**")) or _LIST_ITEM.match(low) or any(p in low for p in lex.boilerplate):
        return None  # a heading, a list of their own steps, a disclaimer, an issue-template prompt
    if _quoted_line(sent):
        return None  # an error message or a page they quote, not their own words
    if re.match(r"^(?:thanks|thank you|cheers|regards|best|hi|hello|hey|dear)\b[^?]*$", low):
        return None
    if "?" in text:
        if len(words) <= 2 and all(
            t.is_stop or t.pos_ in ("INTJ", "PRON") or t.lower_ in lex.generic for t in words
        ):
            return None  # "WHAT?", "huh?", "anyone?"
        return "question"
    last_part = " ".join(t.lower_ for t in _asking_part(sent, any_sentence=True) if not t.is_space)
    if _WH_QUESTION.match(low) or _WHAT_IS_GOING_ON.search(low) or re.match(r"^(?:how|why)\b", last_part):
        return "question"
    if any(has_phrase(low, p) for p in lex.request):
        return "request"
    first = words[0]
    if first.lower_ == "help":
        return "request"  # "Help me out!", "Help with my order please" (the tagger often reads a noun)
    if (
        first.tag_ in ("VB", "VBP")
        and first.lower_ not in lex.not_orders
        and not any(
            t.dep_ in ("nsubj", "nsubjpass") and t.i < first.i and not t.text.startswith(("@", "#"))
            for t in sent
        )
    ):
        return "request"  # "Fix this now", "Make the fast track fast", "Send me the invoice"
    if any(has_phrase(low, p) for p in lex.problem):
        return "problem"
    return None


def _keep(tok: Any, has_pos: bool, skip: frozenset[str]) -> str | None:
    """The token's lemma if it can be a key term, else None."""
    lex = lexicon()
    text = tok.text
    if not _WORD.fullmatch(text) or tok.is_stop or len(text) < 2:
        return None
    lemma = (tok.lemma_ or text).lower() if has_pos else text.lower()
    low = text.lower()
    if lemma in lex.generic or low in lex.generic or lemma in skip or low in skip:
        return None
    if has_pos and tok.pos_ not in _CONTENT_POS:
        return None
    if text.isdigit() and len(text) < 3:
        return None
    return lemma


def _terms(tokens: Sequence[Any], has_pos: bool, skip: frozenset[str]) -> tuple[Term, ...]:
    """Key terms: each run of nouns is one head term (its last noun) with the others as modifiers."""
    out: dict[str, Term] = {}
    run: list[tuple[Any, str]] = []
    seen_verb = not has_pos

    def flush() -> None:
        if run:
            tok, lemma = run[-1]
            mods = tuple(m for _, m in run[:-1] if m != lemma)
            if lemma not in out or len(mods) > len(out[lemma].mods):
                out[lemma] = Term(tok.text, lemma, True, mods, seen_verb)
            run.clear()

    for tok in tokens:
        lemma = _keep(tok, has_pos, skip)
        is_noun = not has_pos or tok.pos_ in _HEAD_POS
        if lemma is not None and is_noun:
            run.append((tok, lemma))
            continue
        flush()
        if has_pos and tok.pos_ == "VERB":
            seen_verb = True
        if lemma is not None and lemma not in out:
            out[lemma] = Term(tok.text, lemma, False)
    flush()
    return tuple(out.values())


def analyze(text: str, pipeline: Pipeline, *, is_html: bool = False) -> Ticket:
    """Read a customer message: asks, references, mood and the name they signed with."""
    body, name = newest_part(text, is_html)
    lex = lexicon()
    doc = next(pipeline.parse([body]))
    has_pos = "pos" in pipeline.features or "lemma" in pipeline.features
    skip = frozenset(names.words(name)) if name else frozenset()
    refs = find_references(body)
    asks: list[Ask] = []
    all_terms: set[str] = set()
    context: tuple[Term, ...] = ()
    for sent in doc.sents:
        sentence = sent.text.strip()
        terms = _terms(_asking_part(sent), has_pos, skip)
        all_terms.update(lemma for t in terms for lemma in t.lemmas)
        s_refs = tuple(r for r in refs if sent.start_char <= r.start < sent.end_char)
        ref_words = {w.lower() for r in s_refs for w in _WORD.findall(r.text)}
        kept = tuple(t for t in terms if t.text.lower() not in ref_words)
        kind = _classify(sent)
        # "Can you help me?" names nothing of its own; "Can you send another one?" names
        # an action, so the thing it acts on comes from the sentence before.
        named = any(t.head for t in kept) or bool(s_refs)
        # The actions it asks for, even common ones the term list leaves out ("send").
        actions = tuple(
            Term(t.text, t.lemma_.lower(), False)
            for t in _asking_part(sent, any_sentence=True)
            if t.pos_ == "VERB"
            and t.lemma_.lower() not in lex.help_verbs
            and t.lemma_.lower() not in _NOT_ACTIONS
        )
        generic = not named and not actions
        own = (*kept, *actions)
        if kind is not None and not named and context:
            # "Can you fix it?", "I need this sorted today": the thing is in an earlier sentence
            kept = (*context, *kept)
        if any(t.head for t in kept):
            context = tuple(t for t in kept if t.head)
        if kind is None or (not kept and not s_refs and kind == "problem"):
            continue
        if kind == "question":
            # Quote what they asked, not the story before it.
            part = _asking_part(sent, any_sentence=True)
            sentence = sent.doc.text[part[0].idx : sent.end_char].strip() if part else sentence
        asks.append(Ask(sentence, kind, kept, s_refs, generic, named, own))
    explicit = [a for a in asks if a.kind != "problem"]
    # Problem statements are needs only when the customer asked for nothing outright:
    # "It still doesn't work" next to "Can you reset my router?" is context, not a second ask.
    chosen = explicit or asks
    return Ticket(
        text=body,
        asks=tuple(chosen),
        references=tuple(refs),
        mood=mood_of(body),
        customer_name=name,
        terms=frozenset(all_terms),
    )


def covered(term: Term, vocabulary: Iterable[str], loose: bool = True, synonyms: bool = True) -> bool:
    """Whether a reply whose lemmas and words are `vocabulary` mentions `term`.

    Exact lemmas and synonyms always count; `loose` also accepts a shared stem
    ("cancellation" for "cancel") and near spellings ("recieve").
    """
    from rapidfuzz import fuzz

    vocab = vocabulary if isinstance(vocabulary, (set, frozenset)) else set(vocabulary)
    lex = lexicon()
    wanted = {term.lemma, term.text.lower()}
    if not synonyms:
        return bool(wanted & vocab)
    wanted |= lex.synonyms.get(term.lemma, frozenset()) | lex.synonyms.get(term.text.lower(), frozenset())
    if wanted & vocab:
        return True
    if not loose:
        return False
    stem = term.lemma[:6]
    for word in vocab:
        if len(stem) >= 5 and len(word) >= 5 and word[:6] == stem[: len(word[:6])]:
            return True
        if len(word) >= 5 and len(term.lemma) >= 5 and fuzz.ratio(word, term.lemma) >= 86:
            return True
    # multi-word synonyms ("money back", "log in") are matched on the joined text
    return False
