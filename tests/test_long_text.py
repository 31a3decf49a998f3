"""Long texts cost time and memory in proportion to their length.

spaCy gets a long text in pieces cut at paragraph breaks (nlp.pieces) and joins the
Docs back into one with exactly the original text; the tokenizer never sees a very
long run without whitespace and reads suffixes from the end of a word only; VADER's
score of a long ticket is computed in one pass.
"""

from __future__ import annotations

import itertools
import random

import pytest
from scaling import best_time, grows_linearly

from replylint import lint, nlp, sentiment
from replylint.config import Config
from replylint.engine import linter_for
from replylint.ticket import _vader, mood_of

SENTENCES = [
    "Thanks for your patience while we looked into the parcel.",
    "The courier scanned it at the depot on Tuesday morning.",
    "I can't change the billing date once a cycle has started.",
    "Your refund of $24.99 should reach the card within five days.",
    "Could you confirm the postcode on the order is still right?",
    "We've added a note so the next agent sees the whole story.",
]


def long_draft(size: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    parts = ["Hi Sarah,\n\n"]
    total = len(parts[0])
    while total < size:
        paragraph = " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 6))) + "\n\n"
        parts.append(paragraph)
        total += len(paragraph)
    parts.append("Best,\nAna\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def pipeline() -> nlp.Pipeline:
    return linter_for(Config()).pipeline


def test_long_text_pieces_cover_the_text_at_paragraph_breaks() -> None:
    text = long_draft(55_000)
    spans = nlp.pieces(text)
    assert len(spans) > 5
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(e - s <= nlp.CHUNK for s, e in spans)
    assert all(text[e - 2 : e] == "\n\n" for _, e in spans[:-1])
    assert nlp.pieces("Hi Sam,\n\nThanks.") == [(0, 16)]
    assert nlp.pieces("") == [(0, 0)]


def test_long_text_pieces_split_long_runs_and_unbroken_text() -> None:
    run = "x" * (3 * nlp.LONGEST_RUN + 5)
    spans = nlp.pieces("Hi " + run + " there")
    assert max(e - s for s, e in spans) <= nlp.LONGEST_RUN + 3
    unbroken = "y" * (nlp.CHUNK * 3)
    assert all(e - s <= nlp.CHUNK for s, e in nlp.pieces(unbroken))
    lines = ("a line of text\n" * 2_000)[:25_000]
    assert all(lines[e - 1] == "\n" for _, e in nlp.pieces(lines)[:-1])


def test_long_text_parse_keeps_text_offsets_and_annotations(pipeline: nlp.Pipeline) -> None:
    text = long_draft(30_000) + "🙂" * 3_000 + " https://example.test/" + "a" * 2_500 + " done.\n"
    [doc] = pipeline.parse([text])
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert doc.has_annotation("SENT_START") and doc.has_annotation("TAG")
    if "parse" in pipeline.features:
        assert doc.has_annotation("DEP")
    short = "Hi Sam,\n\nYour parcel left today.\n\nBest,\nAna"
    [alone] = pipeline.parse([short])
    [_, again, _] = pipeline.parse([text, short, text[:100]])
    assert [(t.text, t.tag_, t.dep_) for t in alone] == [(t.text, t.tag_, t.dep_) for t in again]


def test_long_text_findings_sit_on_their_words_far_into_a_long_draft() -> None:
    text = long_draft(30_000).replace("Tuesday morning", "Tuesday mornign")
    report = lint(text, customer="Sarah", agent="Ana").documents[0]
    typos = [f for f in report.findings if f.match == "mornign"]
    assert len(typos) == text.count("mornign") > 5
    for f in typos:
        assert text[f.offset : f.offset + f.length] == "mornign"
        line_start = text.rfind("\n", 0, f.offset) + 1
        assert f.line == text.count("\n", 0, f.offset) + 1 and f.column == f.offset - line_start + 1


def test_long_text_lint_time_grows_linearly() -> None:
    """4x the draft costs about 4x the time (it grew faster than the square before)."""
    grows_linearly(lambda text: lint(text, customer="Sarah", agent="Ana"), long_draft, 25_000, runs=1)


@pytest.mark.parametrize("unit", ["🙂", "😡🙂👍 ", "!", "(", "http://x.test/"])
def test_long_text_tokenizer_on_unbroken_runs_grows_linearly(pipeline: nlp.Pipeline, unit: str) -> None:
    tokenizer = pipeline.nlp.tokenizer

    def tokenize(text: str) -> list:
        return [tokenizer(text[s:e]) for s, e in nlp.pieces(text)]

    grows_linearly(tokenize, lambda n: unit * (n // len(unit)), 8_000)


def test_long_text_vader_matches_vader_on_ordinary_texts() -> None:
    analyzer = _vader()
    rnd = random.Random(3)
    words = [
        "good",
        "bad",
        "not",
        "very",
        "never",
        "so",
        "no",
        "least",
        "at",
        "kind",
        "of",
        "sort",
        "without",
        "doubt",
        "awful",
        "great",
        "hate",
        "fine",
        ":)",
        "😡",
        "GREAT",
        "!!!",
        "?",
    ]
    original = sentiment.EXACT_UP_TO
    try:
        sentiment.EXACT_UP_TO = 0  # the one-pass scoring, even on short texts
        for _ in range(500):
            text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 50)))
            assert sentiment.compound(analyzer, text) == analyzer.polarity_scores(text)["compound"], text
    finally:
        sentiment.EXACT_UP_TO = original


def test_long_text_emoji_run_in_a_ticket_is_linear_and_quick() -> None:
    """4,000 emoji took 8 to 40 seconds in VADER and spaCy's tokenizer."""
    grows_linearly(mood_of, lambda n: "Where is my order? " + "😡🙂👍 " * (n // 4), 4_000, runs=1)
    ticket = "Where is my order? " + "🙂" * 4_000
    draft = "Hi Sam,\n\nSorry for the wait. Your order ships today.\n\nBest,\nAna"
    assert best_time(lambda: lint(draft, ticket=ticket), runs=1) < 20
    assert mood_of("This is awful, I am so angry 😡😡").upset
