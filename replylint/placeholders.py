"""Template placeholders and fill-ins: find them, say whose name they stand for, mask them.

Masking replaces each placeholder with a word of the same length (`Xxxx...`), so the
spaCy Doc still sees "a name here" and every offset still points into the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Role(Enum):
    """What a placeholder will be replaced with when the template is used."""

    CUSTOMER_NAME = "customer-name"
    AGENT_NAME = "agent-name"
    AGENT_SIGNATURE = "agent-signature"
    OTHER = "other"


@dataclass(frozen=True)
class Placeholder:
    """One placeholder or fill-in, as offsets into the checked text."""

    start: int
    end: int
    text: str
    kind: str  # "variable" ({{...}}, {%...%}) or "fill-in" ([Customer Name], XXX)
    role: Role


_PATTERN = re.compile(
    r"\[\[MISSING TOKEN[^\]]*\]\]"
    r"|\{\{.*?\}\}"
    r"|\{%.*?%\}"
    r"|\[(?:[A-Z][A-Za-z']*|your|the|customer|agent)(?:[ _-][A-Za-z']+){0,4}\]"
    r"|<(?:[A-Z][A-Z_ ]{2,30})>"
    r"|\b(?:X{3,}|FILL-?IN|TODO|TBD|INSERT[ _][A-Z_ ]+)\b",
)
_CUSTOMER = re.compile(
    r"customer|requester|recipient|contact\.first|first_?name|firstname|full_?name|client|"
    r"\buser\.name\b|\bname\b",
    re.IGNORECASE,
)
_AGENT = re.compile(
    r"current_user|assignee|agent|sender|your[ _]name|\bmy[ _]name|\buser\.first",
    re.IGNORECASE,
)


def _role(text: str) -> Role:
    inner = text.strip("{}%[]<> ").lower()
    if "signature" in inner and _AGENT.search(inner):
        return Role.AGENT_SIGNATURE
    if _AGENT.search(inner):
        return Role.AGENT_NAME if "name" in inner or "first" in inner else Role.OTHER
    if _CUSTOMER.search(inner) and "name" in inner.replace("fullname", "name"):
        return Role.CUSTOMER_NAME
    return Role.OTHER


def find_placeholders(text: str) -> tuple[Placeholder, ...]:
    """All placeholders and fill-ins in `text`, in order."""
    found = []
    for match in _PATTERN.finditer(text):
        raw = match.group(0)
        kind = "variable" if raw.startswith(("{{", "{%")) else "fill-in"
        found.append(Placeholder(match.start(), match.end(), raw, kind, _role(raw)))
    return tuple(found)


def mask(text: str, placeholders: tuple[Placeholder, ...]) -> str:
    """`text` with each placeholder replaced by a same-length word (newlines kept)."""
    if not placeholders:
        return text
    parts: list[str] = []
    pos = 0
    for ph in placeholders:
        parts.append(text[pos : ph.start])
        word = "".join("\n" if ch == "\n" else "x" for ch in ph.text)
        parts.append("X" + word[1:] if word and word[0] != "\n" else word)
        pos = ph.end
    parts.append(text[pos:])
    return "".join(parts)
