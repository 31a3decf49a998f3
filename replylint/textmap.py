"""Checked text and the map back to the original: every reported position uses it.

HTML is stripped into plain text for checking; each character of the checked text
remembers the offset of the original character it came from, so a finding in the
checked text can be placed exactly in the file the user opened.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

# A line ends at CR LF, a lone CR (old Mac files, some web forms) or LF, all alike.
LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class LineIndex:
    """Turns 0-based offsets into 1-based line and column of one text.

    `\r\n`, `\r` and `\n` each end a line, as editors count them.
    """

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        starts.extend(m.end() for m in LINE_BREAK.finditer(text))
        return cls(tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offsets of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        if line >= len(self.starts):
            return start, len(text)
        end = self.starts[line]
        return start, end - (2 if text[end - 2 : end] == "\r\n" else 1)

    def bounds(self, offset: int, text: str) -> tuple[int, int]:
        """Start and end (before its line break) of the line holding `offset`."""
        return self.line_span(self.position(offset)[0], text)


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
_CANDIDATE = re.compile(r"[<&]|\s+")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_TAG_NAME = re.compile(r"<(/)?([a-zA-Z][a-zA-Z0-9:-]*)")
_ATTRIBUTE_STOP = re.compile(r"[>\"']")


class _Finder:
    """`text.find(sub, start)` for start offsets that only grow: linear over all calls.

    The answer for one start holds for every later start up to it (and "none" holds
    for good), so a text with thousands of unclosed `<!--` is searched once, not once
    per opener, which made a regex like `<!--.*?-->` quadratic.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._last: dict[str, tuple[int, int]] = {}

    def find(self, sub: str, start: int) -> int:
        known = self._last.get(sub)
        if known is not None and known[0] <= start and (known[1] < 0 or start <= known[1]):
            return known[1]
        found = self.text.find(sub, start)
        self._last[sub] = (start, found)
        return found


def comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `<!-- ... -->` comment, as `re.finditer("<!--.*?-->")` finds
    them (DOTALL), in linear time: an opener with no `-->` after it ends the search."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        spans.append((start, end + 3))
        pos = end + 3
    return spans


class _TagEnds:
    """Where a tag that opens at an offset closes: its `>` outside quoted attribute values.

    Worked out once for the whole text, right to left over the `>`, `"` and `'`
    characters, so each `<` costs a binary search instead of a scan to the end of the
    text (`<a "` repeated made the old regex quadratic).
    """

    def __init__(self, text: str) -> None:
        stops = [(m.start(), m.group()) for m in _ATTRIBUTE_STOP.finditer(text)]
        self.positions = [p for p, _ in stops]
        close: list[int] = [-1] * len(stops)  # the tag end reached from each stop, -1: none
        next_same: dict[str, int] = {}
        for i in range(len(stops) - 1, -1, -1):
            char = stops[i][1]
            if char == ">":
                close[i] = stops[i][0]
            else:  # a quoted value: it ends at the next same quote, the scan goes on after it
                j = next_same.get(char)
                close[i] = close[j + 1] if j is not None and j + 1 < len(stops) else -1
            next_same[char] = i
        self.close = close

    def end_from(self, offset: int) -> int:
        """Offset of the `>` ending a tag whose attributes start at `offset`, or -1."""
        i = bisect.bisect_left(self.positions, offset)
        return self.close[i] if i < len(self.close) else -1


def _html_tokens(source: str) -> Iterator[tuple[int, int, str, bool, str]]:
    """(start, end, tag, closing, attrs) of each markup token, entity and whitespace run.

    `tag` is the lowercased tag name, "" for comments, declarations, processing
    instructions, entities and whitespace. The tokens are those of the regex
    `<!--.*?-->|<!\\[CDATA\\[.*?\\]\\]>|<![^>]*>|<\\?.*?\\?>|<(/)?(tag)(attrs)>|&entity;|\\s+`
    (DOTALL) found left to right, but in linear time: each search for an end marker
    remembers its answer (`_Finder`), and tag ends are worked out once (`_TagEnds`).
    """
    after = _Finder(source)
    tag_ends: _TagEnds | None = None
    pos = 0
    while (found := _CANDIDATE.search(source, pos)) is not None:
        start = found.start()
        char = source[start]
        if char == "&":
            entity = _ENTITY.match(source, start)
            if entity is not None:
                yield start, entity.end(), "", False, ""
                pos = entity.end()
            else:
                pos = start + 1
            continue
        if char != "<":  # whitespace
            yield start, found.end(), "", False, ""
            pos = found.end()
            continue
        end = -1
        if source.startswith("<!--", start):
            end = after.find("-->", start + 4)
            end = end + 3 if end >= 0 else -1
        if end < 0 and source.startswith("<![CDATA[", start):
            end = after.find("]]>", start + 9)
            end = end + 3 if end >= 0 else -1
        if end < 0 and source.startswith("<!", start):
            end = after.find(">", start + 2)
            end = end + 1 if end >= 0 else -1
        if end < 0 and source.startswith("<?", start):
            end = after.find("?>", start + 2)
            end = end + 2 if end >= 0 else -1
        if end >= 0:
            yield start, end, "", False, ""
            pos = end
            continue
        name = _TAG_NAME.match(source, start)
        if name is not None:
            tag_ends = tag_ends or _TagEnds(source)
            close = tag_ends.end_from(name.end())
            if close >= 0:
                yield start, close + 1, name.group(2).lower(), bool(name.group(1)), source[name.end() : close]
                pos = close + 1
                continue
        pos = start + 1


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

    for start, end, tag, closing, attrs in _html_tokens(source):
        if drop_depth == 0:
            for i in range(pos, start):
                emit(source[i], i)
        pos = end
        token = source[start:end]
        if tag:
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
            elif not closing and tag in ("div", "table") and _SIGNATURE_CLASS.search(attrs):
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
