"""Split a reply into greeting, body, sign-off, signature and quoted history.

Support replies have a shape generic prose linters ignore: a salutation line, the
body, a closing phrase with the agent's name, maybe a contact block, and often the
customer's quoted message. Rules say which parts they look at; quoted history is
never checked because the agent did not write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .phrases import alternation
from .resources import builtin_rules_dir
from .textmap import LINE_BREAK
from .yamlfile import load_yaml_file

REGION_NAMES = ("greeting", "body", "signoff", "signature", "quoted")

_QUOTE_HEADER = re.compile(
    r"^\s*(?:On\b.{0,300}\bwrote:\s*$"
    r"|-{2,}\s*Original Message\s*-{2,}\s*$"
    r"|-{2,}\s*Forwarded message\s*-{2,}\s*$"
    r"|_{8,}\s*$)",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*From:\s+\S")
_OUTLOOK_NEXT = re.compile(r"^\s*(?:Sent|Date|To|Subject):\s", re.IGNORECASE)
_SIG_DELIMITER = re.compile(r"^(?:--|—|__)\s*$")
# The addressee ends at punctuation, but not at the dot of a title ("Dear Mr. Okafor,").
_ADDRESSEE_END = re.compile(r"[,!:;—–]|\s-\s|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bMx)\.|$")
_HANDLE = re.compile(r"^(?:@\w+[\s,]*)+")
_CONTACT = re.compile(
    r"https?://|www\.|\S+@\S+\.\w+|\+?\d[\d ()./-]{6,}\d"
    r"|^(?:tel|phone|mobile|fax|web|email|e-mail)\s*:",
    re.IGNORECASE,
)
_DASH_NAME = re.compile(r"^\s*(?:[-–—~]\s*)([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})\s*$")
# A name as social and chat sign-offs write it: one or two words in any script, initials
# with dots ("S.D."), CamelCase ("HollyAdams"). Whether it is a *person's* name is the
# signoff-name check's call; here it only has to look like a signature.
_NAME = r"[^\W\d_][\w'’.-]*(?:[ ][^\W\d_][\w'’.-]*)?"
# What may follow a sign-off at the very end of a post: links, hashtags, emoji, dots.
_TAIL_NOISE = re.compile(r"(?:\s+(?:https?://\S+|www\.\S+|#\w+|[^\w\s]+))+\s*$")
# "... help. -Mike", "~ Ellen", "^Helen", "*HollyAdams", "/RA" at the end of the last line.
_MARK_NAME = re.compile(rf"(?:^|(?<=\s))(?P<mark>[-–—~^*/])(?P<gap>\s?)(?P<name>{_NAME})\.?$")


@dataclass(frozen=True)
class Regions:
    """Char spans of each region in the checked text; quoted may be several spans."""

    greeting: tuple[int, int] | None
    body: tuple[int, int] | None
    signoff: tuple[int, int] | None
    signature: tuple[int, int] | None
    quoted: tuple[tuple[int, int], ...]
    addressee: tuple[int, int] | None  # the name part of the greeting, if any
    signoff_name: tuple[int, int] | None  # the name lines under the closing phrase

    def spans(self, names: tuple[str, ...] | frozenset[str]) -> list[tuple[int, int]]:
        """Spans of the named regions, in text order."""
        out: list[tuple[int, int]] = []
        for name in names:
            if name == "quoted":
                out.extend(self.quoted)
            else:
                span = getattr(self, name)
                if span is not None and span[1] > span[0]:
                    out.append(span)
        return sorted(out)

    def name_at(self, offset: int) -> str:
        """Which region holds `offset` (body if none)."""
        for start, end in self.quoted:
            if start <= offset < end:
                return "quoted"
        for name in ("greeting", "signoff", "signature", "body"):
            span = getattr(self, name)
            if span and span[0] <= offset < span[1]:
                return name
        return "body"


@dataclass(frozen=True)
class _Lexicon:
    greeting: re.Pattern[str]
    closing: re.Pattern[str]
    closing_inline: re.Pattern[str]
    closing_dash: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml_file(builtin_rules_dir() / "lexicon" / "regions.yaml")

    greet = alternation(data["greetings"])
    close = alternation(data["closings"])
    return _Lexicon(
        greeting=re.compile(rf"^(?:{greet})\b", re.IGNORECASE),
        closing=re.compile(rf"^(?:{close})\s*[,.!]*\s*$", re.IGNORECASE),
        closing_inline=re.compile(
            rf"^(?:{close})\s*[,!]+\s*(?P<name>(?-i:[A-Z])[\w'.-]*(?:\s+[\w'.&|-]+){{0,3}})\s*$",
            re.IGNORECASE,
        ),
        # "Thanks-Sha", "Thank you!-Nick", "Kind regards - Rhys" at the end of a line.
        closing_dash=re.compile(
            rf"(?:^|(?<=[\s.!?,;:)]))(?P<closing>{close})\s*[,!.]?\s*[-–—~]\s*(?P<name>{_NAME})\.?$",
            re.IGNORECASE,
        ),
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line; `\r\n`, `\r` and `\n` all end one (the break is left out)."""
    spans = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def trailing_signoff(line: str, lex: _Lexicon | None = None) -> tuple[int, int, int, int] | None:
    """(sign-off start, end, name start, name end) of a sign-off at the end of a line.

    Social and chat replies sign inline: "Sorry about that. -Mike", "Any luck? ~ Ellen",
    "Thank you!-Nick", "Kind regards - Rhys", "DM us: https://t.co/x *HollyAdams", often
    followed by a link or a hashtag. A spaced dash needs the sentence to have ended before
    it ("open Monday - Friday" is not signed by Friday); an unspaced one needs a space
    before it (not a hyphenated word).
    """
    lex = lex or _lexicon()
    noise = _TAIL_NOISE.search(line)
    core = line[: noise.start()] if noise else line.rstrip()
    core = core.rstrip()
    closing = lex.closing_dash.search(core)
    if closing:
        return closing.start("closing"), closing.end(), closing.start("name"), closing.end("name")
    mark = _MARK_NAME.search(core)
    if mark:
        before = core[: mark.start()].rstrip()
        spaced_dash = mark.group("mark") in "-–—" and mark.group("gap")
        if spaced_dash and before and before[-1] not in ".!?)":
            return None
        return mark.start(), mark.end(), mark.start("name"), mark.end("name")
    return None


_COMMA_NAME = re.compile(
    r"^\s*,\s*(?P<name>(?:@\w+|[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2})\s*(?:[,!.:;]|$)"
)
_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "der", "den", "van", "von", "le", "la", "al", "bin", "ibn"}
)


def _name_prefix(segment: str) -> int:
    """Length of the leading words of `segment` that can be a name or an addressee.

    The first word may be anything ("there", "@sam_k", "Ms"); later words must be
    capitalised (not the pronoun "I"), handles or name particles ("van", "de").
    """
    end = 0
    for count, match in enumerate(re.finditer(r"\S+", segment)):
        word = match.group()
        if count >= 4:
            break
        name_like = word != "I" and (word[:1].isupper() or word.startswith("@") or word.lower() in _PARTICLES)
        if count > 0 and not name_like:
            break
        end = match.end()
    return end


def _signature_block(text: str, lines: list[tuple[int, int]], content: list[int]) -> tuple[int, int] | None:
    """(name line, first line after it) of an e-mail signature with no closing phrase.

    "Vara Okafor / Senior Analyst, Payments / www.example.com / (disclaimer)": the name
    is the first of up to three short lines standing just above a contact line.
    """
    tail = content[-12:]
    for pos, i in enumerate(tail):
        if not _CONTACT.search(text[lines[i][0] : lines[i][1]]):
            continue
        above = []
        for j in reversed(tail[:pos]):
            line = text[lines[j][0] : lines[j][1]].strip()
            # Titles and departments may be long ("Associate Principal, Clearing & Risk").
            if not line or len(line.split()) > 10 or line[-1:] in ".!?;:" or _CONTACT.search(line):
                break
            above.append(j)
            if len(above) == 4:
                break
        for top in reversed(above):
            words = text[lines[top][0] : lines[top][1]].split()
            if len(words) <= 3 and all(w[:1].isupper() and w[:1].isalpha() for w in words):
                nxt = next((k for k in content if k > top), top)
                return top, nxt
    return None


def _is_name_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 6 and not line.rstrip().endswith(("?", ":")) and len(line) <= 60


def split_regions(text: str) -> Regions:
    """Find the regions of a reply's checked text."""
    lex = _lexicon()
    lines = _lines(text)
    quoted: list[tuple[int, int]] = []
    quote_start_line = len(lines)
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        header = _QUOTE_HEADER.match(line) or (
            _OUTLOOK_FROM.match(line) and any(_OUTLOOK_NEXT.match(text[a:b]) for a, b in lines[i + 1 : i + 4])
        )
        if not header and line.startswith("On ") and i + 1 < len(lines):
            a, b = lines[i + 1]
            header = bool(re.match(r"^.{0,200}\bwrote:\s*$", text[a:b]))
        if header:
            quote_start_line = i
            quoted.append((s, len(text)))
            break
        if line.lstrip().startswith(">"):
            quoted.append((s, e))

    quoted_lines = {i for i, (s, e) in enumerate(lines[:quote_start_line]) if (s, e) in set(quoted)}
    content = [
        i
        for i in range(quote_start_line)
        if i not in quoted_lines and text[lines[i][0] : lines[i][1]].strip()
    ]
    signature_line = None
    for i in content:
        if _SIG_DELIMITER.match(text[lines[i][0] : lines[i][1]]):
            signature_line = i
            break
    if signature_line is not None:
        content = [i for i in content if i < signature_line]

    greeting = addressee = None
    body_start = lines[content[0]][0] if content else 0
    if content:
        s, e = lines[content[0]]
        line = text[s:e]
        # A masked Liquid tag before the greeting ("{% if name %}Hi ...") leaves spaces.
        indent = len(line) - len(line.lstrip())
        handle = _HANDLE.match(line[indent:])
        lead = indent + (handle.end() if handle else 0)
        rest = line[lead:]
        greet = lex.greeting.match(rest)
        bare_name = re.match(r"^[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}\s*[,!]\s*$", rest)
        if greet or (bare_name and len(content) > 1):
            begin = greet.end() if greet else 0
            comma_name = _COMMA_NAME.match(rest[begin:]) if greet else None
            if comma_name:  # "Hi, Shaunee!" / "Hi, Conner, there is ..."
                name_from = s + lead + begin + comma_name.start("name")
                name_to = s + lead + begin + comma_name.end("name")
                greeting = (s + lead, s + lead + begin + comma_name.end())
            else:
                stop = _ADDRESSEE_END.search(rest[begin:])
                cut = begin + (stop.start() if stop else len(rest))
                name_from = s + lead + begin
                while name_from < s + lead + cut and text[name_from].isspace():
                    name_from += 1
                # The addressee is the name, not the sentence that may follow it on the
                # same line ("Hello @jo I would like to help"): keep name-like words only.
                segment = text[name_from : s + lead + cut]
                # "Dear valued customer," is an addressee as written; a longer run or one
                # without closing punctuation may be the start of a sentence.
                closed = stop is not None and stop.group() != "" and len(segment.split()) <= 3
                kept = len(segment) if closed and "I" not in segment.split() else _name_prefix(segment)
                name_to = name_from + kept
                if name_to < s + lead + cut and kept:
                    cut = name_to - s - lead
                    end_punct = cut
                else:
                    end_punct = cut + (1 if cut < len(rest) else 0)
                greeting = (s + lead, s + lead + end_punct)
            while name_to > name_from and text[name_to - 1].isspace():
                name_to -= 1
            addressee = (name_from, name_to) if name_to > name_from else None
            tail = text[greeting[1] : e]
            if tail.strip():
                body_start = greeting[1] + (len(tail) - len(tail.lstrip()))
            else:
                nxt = [i for i in content if i > content[0]]
                body_start = lines[nxt[0]][0] if nxt else e
            content = [i for i in content if i != content[0]] if not tail.strip() else content

    signoff = signoff_name = signature = None
    body_end_line = None
    inline_end: int | None = None  # a sign-off at the end of the last body line
    for pos in range(len(content) - 1, max(-1, len(content) - 10), -1):
        i = content[pos]
        s, e = lines[i]
        line = text[s:e].strip()
        inline = lex.closing_inline.match(line)
        if lex.closing.match(line) or inline:
            after = content[pos + 1 :]
            name_lines = []
            for j in after[:3]:
                a, b = lines[j]
                if _CONTACT.search(text[a:b]) or not _is_name_line(text[a:b]):
                    break
                name_lines.append(j)
            if inline and not name_lines:
                lstart = s + (len(text[s:e]) - len(text[s:e].lstrip()))
                signoff = (lstart, e)
                nm = inline.start("name")
                signoff_name = (lstart + nm, lstart + inline.end("name"))
            else:
                last = name_lines[-1] if name_lines else i
                signoff = (s + (len(text[s:e]) - len(text[s:e].lstrip())), lines[last][1])
                if name_lines:
                    signoff_name = (lines[name_lines[0]][0], lines[name_lines[-1]][1])
                rest = [j for j in after if j > last]
                if rest and signature_line is None:
                    signature = (lines[rest[0]][0], lines[rest[-1]][1])
            body_end_line = i
            break
    if signoff is None and content:
        for pos in range(len(content) - 1, max(-1, len(content) - 4), -1):
            i = content[pos]
            s, e = lines[i]
            dash = _DASH_NAME.match(text[s:e])
            if dash:
                signoff = (s, e)
                signoff_name = (s + dash.start(1), s + dash.end(1))
                rest = content[pos + 1 :]
                if rest and signature_line is None:
                    signature = (lines[rest[0]][0], lines[rest[-1]][1])
                body_end_line = i
                break
    if signoff is None and content:
        i = content[-1]
        s, e = lines[i]
        found = trailing_signoff(text[s:e], lex)
        if found:
            signoff = (s + found[0], s + found[1])
            signoff_name = (s + found[2], s + found[3])
            inline_end = s + found[0]
    if signoff is None and len(content) > 2:
        block = _signature_block(text, lines, content)
        if block is not None:
            name_line, sig_from = block
            s, e = lines[name_line]
            start = s + (len(text[s:e]) - len(text[s:e].lstrip()))
            signoff = signoff_name = (start, start + len(text[s:e].strip()))
            body_end_line = name_line
            if signature_line is None:
                signature = (lines[sig_from][0], lines[content[-1]][1])
    if signoff is None and len(content) > 1:
        i = content[-1]
        s, e = lines[i]
        line = text[s:e].strip()
        blank_before = not text[lines[i - 1][0] : lines[i - 1][1]].strip() if i > 0 else False
        if blank_before and len(line.split()) <= 4 and line[-1:] not in ".?!:;," and line[:1].isupper():
            start = s + (len(text[s:e]) - len(text[s:e].lstrip()))
            signoff = signoff_name = (start, start + len(line))
            body_end_line = i
    if signature_line is not None:
        sig_end = lines[quote_start_line - 1][1] if quote_start_line > 0 else len(text)
        signature = (lines[signature_line][0], sig_end)

    if inline_end is not None:
        body_end = inline_end
    elif body_end_line is not None:
        body_end = lines[body_end_line][0]
    elif signature is not None:
        body_end = signature[0]
    else:
        body_end = lines[quote_start_line][0] if quote_start_line < len(lines) else len(text)
    while body_end > body_start and text[body_end - 1].isspace():
        body_end -= 1
    body = (body_start, body_end) if body_end > body_start else None
    if greeting and body and body[0] < greeting[1]:
        body = (greeting[1], body[1])
    return Regions(greeting, body, signoff, signature, tuple(quoted), addressee, signoff_name)
