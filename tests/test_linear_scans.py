"""Scans over markup are linear: unclosed comments, tags and directives cost one pass.

Each scanner is checked against the regex it replaced (same tokens on random markup)
and for growth on the inputs that made that regex quadratic.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scaling import grows_linearly

from replylint.document import Draft, ReplyContext, prepare
from replylint.suppress import _directives, parse
from replylint.textmap import _html_tokens, comment_spans, strip_html

# The regexes these scanners replaced: the reference for what they must find.
OLD_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?\?>"
    r"|<(?P<close>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
    r"|\s+",
    re.DOTALL,
)
OLD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
OLD_DIRECTIVE = re.compile(r"<!--\s*replylint-(disable-next-line|disable|enable)\b([^>]*?)-->")

# Pieces of markup, quotes, entities and directives, glued at random.
PIECES = [
    " ",
    "\n",
    '"',
    "'",
    *[
        "<",
        ">",
        "!",
        "-",
        "?",
        "[",
        "]",
        "CDATA",
        "a",
        "&",
        ";",
        "#",
        "x1",
        "/",
        "p",
        "=",
        "<!--",
        "-->",
        "<br/>",
        "&amp;",
        "]]>",
        "?>",
    ],
]
PIECES += ["<a ", "replylint-", "disable", "-next-line", "enable", ","]
MARKUP = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(MARKUP)
def test_linear_scans_find_what_the_old_regexes_found(text: str) -> None:
    old_tokens = [
        (m.start(), m.end(), (m.group("tag") or "").lower(), bool(m.group("close")), m.group("attrs") or "")
        for m in OLD_TOKEN.finditer(text)
    ]
    assert list(_html_tokens(text)) == old_tokens
    assert comment_spans(text) == [m.span() for m in OLD_COMMENT.finditer(text)]
    old_directives = [(m.group(1), m.group(2), m.start(), m.end()) for m in OLD_DIRECTIVE.finditer(text)]
    assert _directives(text) == old_directives


HOSTILE = {
    "unclosed comments": "<!-- x ",
    "unclosed tags": "<a x ",
    "unclosed quotes": '<a " ',
    "unclosed processing instructions": "<? x ",
    "unclosed declarations": "<!x ",
    "unclosed directives": "<!-- replylint-disable x ",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_linear_scans_hostile_markup_grows_linearly(name: str) -> None:
    unit = HOSTILE[name]

    def make(n: int) -> str:
        return "Hi Sam,\n\n" + unit * (n // len(unit)) + "\n\nBest,\nAna"

    grows_linearly(strip_html, make, 20_000)
    grows_linearly(lambda text: prepare(Draft(text), ReplyContext()), make, 20_000)
    grows_linearly(parse, make, 20_000)


def test_linear_scans_100k_of_unclosed_markup_is_quick() -> None:
    """Each of these took 10 to 77 seconds with the old regexes."""
    from scaling import best_time

    for unit in HOSTILE.values():
        text = unit * (100_000 // len(unit))
        assert best_time(lambda t=text: prepare(Draft(t, is_html=True), ReplyContext()), runs=1) < 5
        assert best_time(lambda t=text: prepare(Draft(t), ReplyContext()), runs=1) < 5


def test_linear_scans_strip_html_unchanged_on_real_markup() -> None:
    html = (
        '<p>Hi Sam,</p><!-- note --><p>Your <b class="x">refund</b> &amp; '
        "<a href='https://x.test/?a=1&b=2'>receipt</a> are here.</p>"
        '<blockquote>old</blockquote><div class="signature">Ana</div>'
    )
    mapped = strip_html(html)
    # what the regex tokenizer produced, text and offsets alike
    assert mapped.text == "Hi Sam,\n\nYour refund & receipt are here.\n\n> old\n>\n\n--\nAna"
    assert all(html[mapped.to_original(i)] == c for i, c in enumerate(mapped.text) if c.isalpha())
    assert mapped.origin[:10] == (3, 4, 5, 6, 7, 8, 9, 10, 10, 30)
