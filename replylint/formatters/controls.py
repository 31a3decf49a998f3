"""Control characters in text the user controls (paths, item ids, names, drafts), made visible.

A draft, a file name or a library item id can hold ESC sequences that clear a
terminal or set its title, bidirectional overrides that reorder what a reader sees,
and line breaks that forge extra lines in line-per-finding output. Formatters that
write to terminals or line-based tools pass every such string through one of these:

* `pictured` (the text format): each control character becomes one visible
  character, so columns and the ^^^ caret still line up: C0 controls their Unicode
  control pictures (ESC is `␛`, a line break `␤`), DEL `␡`, C1 controls and
  direction overrides `�`. Tabs stay (callers expand them).
* `escaped` (the line and github formats): backslash escapes a tool can read back
  (`\\n`, `\\r`, `\\t`, `\\x1b`, `\\u202e`).
"""

from __future__ import annotations

import re

# C0 (but tab), DEL, C1, the bidi embeddings/overrides/isolates, and the Unicode line
# and paragraph separators (line breaks to some terminals and editors).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_CONTROL_OR_TAB = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def pictured(text: str) -> str:
    """`text` with each control character shown as one visible character (tabs kept)."""
    return _CONTROL.sub(_picture, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """`text` with every control character, tabs and line breaks included, as a backslash escape."""
    return _CONTROL_OR_TAB.sub(_escape, text)
