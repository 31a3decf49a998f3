"""Time frames and next steps in a reply: "within 2 business days", "by Friday", "click Save".

Shared by the next-step check (does the reply say what happens next?) and the
vague-promise check ("we'll look into it" with no time frame). Lexical on purpose:
regexes plus the tagger's VB tag for imperatives; no parser.
"""

from __future__ import annotations

import re

_NUMBER = r"(?:\d+(?:[-–]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|a couple of|24|48|72)"
_UNIT = r"(?:business\s+|working\s+|calendar\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri)"
TIME_FRAME = re.compile(
    rf"\b(?:(?:within|in|by|before|after|over|under|for|up to|takes?|taking|about|around|next)\s+(?:the\s+next\s+|another\s+|about\s+|around\s+|up\s+to\s+)?{_NUMBER}\s+{_UNIT}"
    rf"|{_NUMBER}\s+{_UNIT}\s+(?:from now|time)"
    rf"|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|week|weekend|month)"
    rf"|next\s+(?:week|month|{_WEEKDAY})|end\s+of\s+(?:the\s+)?(?:day|week|month)|eod|close\s+of\s+business"
    rf"|(?:by|on|until|before|from|this|next)\s+{_WEEKDAY}\w*"
    rf"|(?:by|at|before|after|from)\s+\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)"
    rf"|(?:by|on|before|until)\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)"
    rf"|(?:by|on|before|until|from)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{{1,2}}"
    rf"|(?:by|on|before|until|from)\s+\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    rf"|right\s+now|straight\s+away|immediately|already\s+(?:on\s+its\s+way|been\s+\w+))\b",
    re.IGNORECASE,
)

# What the customer will see or should do next: "you'll receive", "you can", "you should".
YOU_NEXT = re.compile(
    r"\byou(?:'ll| will| should| can| could| may| might| won't| will not| need to| just need to|'ll need to"
    r"| will need to| have to| would need to)\s+(?!be able to help)\w+",
    re.IGNORECASE,
)
# The agent's commitment tied to an event: "we'll email you once it ships".
WE_WHEN = re.compile(
    r"\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to|'re going to)\b[^.?!\n]*\b"
    r"(?:when|once|as soon as|the moment|after)\b",
    re.IGNORECASE,
)
# Imperatives that are courtesies, not steps.
NOT_STEPS = frozenset(
    {"thank", "thanks", "let", "have", "enjoy", "feel", "hope", "rest", "stay", "take", "be", "bear", "hang"}
)
# Verbs that give steps in support replies; the tagger often reads "open", "tap" as
# adjectives or nouns at the start of a clause.
ACTION_VERBS = frozenset(
    [
        "open",
        "click",
        "tap",
        "go",
        "select",
        "choose",
        "enter",
        "type",
        "log",
        "sign",
        "reply",
        "send",
        "visit",
        "check",
        "try",
        "restart",
        "reset",
        "update",
        "install",
        "reinstall",
        "download",
        "upload",
        "clear",
        "press",
        "follow",
        "add",
        "remove",
        "turn",
        "switch",
        "scan",
        "print",
        "attach",
        "forward",
        "call",
        "contact",
        "email",
        "text",
        "drop",
        "bring",
        "return",
        "pack",
        "head",
        "navigate",
        "pick",
        "confirm",
        "book",
        "fill",
        "complete",
        "change",
        "unplug",
        "plug",
        "hold",
        "disable",
        "enable",
        "delete",
        "paste",
        "copy",
        "refresh",
        "share",
        "expect",
        "allow",
        "look",
    ]
)
_LEAD_INS = frozenset(
    {"please", "just", "simply", "then", "now", "next", "first", "also", "so", "and", "kindly"}
)


def imperative_steps(sentence) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Character spans of imperative verbs that open the sentence or a clause after a comma."""
    out = []
    tokens = [t for t in sentence if not t.is_space]
    for i in range(len(tokens)):
        before = tokens[i - 1].lower_ if i else ""
        at_start = (
            i == 0 or before in {",", ":", ";", "-", "•", "*", "and", "or", "then"} or before[:1].isdigit()
        )
        if not at_start:
            continue
        j = i
        while j < len(tokens) and tokens[j].lower_ in _LEAD_INS:
            j += 1
        if j >= len(tokens):
            continue
        verb = tokens[j]
        is_verb = verb.tag_ == "VB" or (
            verb.lower_ in ACTION_VERBS and verb.tag_ not in {"VBD", "VBN", "VBZ"}
        )
        if is_verb and verb.lower_ not in NOT_STEPS and verb.lemma_.lower() not in NOT_STEPS:
            if sentence.text.rstrip().endswith("?"):
                continue
            out.append((verb.idx, verb.idx + len(verb.text)))
    return out
