"""Checked text and the map back to the original: every reported position uses it.

HTML is stripped into plain text for checking; each character of the checked text
remembers the offset of the original character it came from, so a finding in the
checked text can be placed exactly in the file the user opened.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LineIndex:
    """Turns 0-based offsets into 1-based line and column of one text."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", text))
        return cls(tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offsets of a 1-based line, without its newline."""
        start = self.starts[line - 1]
        end = text.find("\n", start)
        return start, len(text) if end < 0 else end


@dataclass(frozen=True)
class MappedText:
    """Text to check plus, when it differs from the original, where each char came from.

    `origin[i]` is the original offset of checked char i; `origin[len(text)]` is the
    original length, so an end offset maps too. `origin` is None for identity.
    """

    original: str
    text: str
    origin: tuple[int, ...] | None = None

    @classmethod
    def plain(cls, text: str) -> MappedText:
        return cls(text, text, None)

    def to_original(self, offset: int) -> int:
        """Original offset of a checked-text offset."""
        if self.origin is None:
            return offset
        return self.origin[min(max(offset, 0), len(self.origin) - 1)]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a checked span; the end maps after its last char."""
        if self.origin is None:
            return start, end
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "dd",
        "dt",
    ]
)
_SIGNATURE_CLASS = re.compile(r"""(?:class|id)\s*=\s*["'][^"']*signature""", re.IGNORECASE)
_DROP_CONTENT = frozenset({"script", "style", "head", "title"})
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?\?>"
    r"|<(?P<close>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
    r"|\s+",
    re.DOTALL,
)


def strip_html(source: str) -> MappedText:
    """Plain text of an HTML reply, keeping each char's original offset.

    Block tags become line breaks, inline tags vanish, entities are decoded, runs of
    source whitespace collapse to one space, and `<blockquote>` lines get a `> `
    prefix so quoted history is recognised as in plain-text mail.
    """
    out: list[str] = []
    origin: list[int] = []
    quote_depth = 0
    drop_depth = 0
    pos = 0

    def emit(chars: str, at: int) -> None:
        for ch in chars:
            if ch == "\n":
                while out and out[-1] == " ":
                    out.pop()
                    origin.pop()
                newlines = 0
                for prev in reversed(out):
                    if prev != "\n":
                        break
                    newlines += 1
                if newlines >= 2 or not out:
                    continue
                out.append("\n")
                origin.append(at)
                if quote_depth:
                    for q in "> ":
                        out.append(q)
                        origin.append(at)
                continue
            if ch == " " and (not out or out[-1] in " \n"):
                continue
            out.append(ch)
            origin.append(at)

    for match in _TOKEN.finditer(source):
        start = match.start()
        if drop_depth == 0:
            for i in range(pos, start):
                emit(source[i], i)
        pos = match.end()
        token = match.group(0)
        tag = (match.group("tag") or "").lower()
        if tag:
            closing = bool(match.group("close"))
            if tag in _DROP_CONTENT:
                drop_depth = max(0, drop_depth + (-1 if closing else 1))
                continue
            if drop_depth:
                continue
            if tag == "blockquote":
                emit("\n", start)
                quote_depth = max(0, quote_depth + (-1 if closing else 1))
                emit("\n", start)
                if not closing and out and out[-1] == "\n":
                    for q in "> ":
                        out.append(q)
                        origin.append(start)
            elif tag == "br":
                emit("\n", start)
            elif (
                not closing
                and tag in ("div", "table")
                and _SIGNATURE_CLASS.search(match.group("attrs") or "")
            ):
                emit("\n", start)
                for ch in "--\n":
                    out.append(ch)
                    origin.append(start)
            elif tag in _BLOCK_TAGS:
                emit("\n\n" if tag == "p" and closing else "\n", start)
            continue
        if drop_depth:
            continue
        if token.startswith("&"):
            decoded = html.unescape(token).replace("\xa0", " ")
            for ch in decoded:
                emit(ch, start)
        elif token.startswith("<"):
            continue
        else:
            emit(" ", start)
    if drop_depth == 0:
        for i in range(pos, len(source)):
            emit(source[i], i)
    while out and out[-1] in " \n":
        out.pop()
        origin.pop()
    origin.append(len(source))
    return MappedText(source, "".join(out), tuple(origin))
