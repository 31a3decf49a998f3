"""Intercom macros: the list from `GET /macros` (`{"type": "list", "data": [...]}`) or
one macro (`{"type": "macro", ...}`).

A macro is `{type: "macro", id, name, body, body_text, ...}`. `body` is HTML and is
what gets checked. Intercom's API writes placeholders in `body` as XML-like
elements (`<attribute key="user.name" default="there"/>`) that HTML stripping would
delete, leaving "Hi ," behind; when `body` has such elements and `body_text` (the
plain text, with placeholders in their `{{first_name | fallback: "there"}}` form) is
present, `body_text` is checked instead.
"""

from __future__ import annotations

import re
from typing import Any

from .libraryfile import Entry, LibraryFile, item_entry, item_id_of, not_a_mapping, text_of

_ATTRIBUTE_TAG = re.compile(r"<attribute\b", re.IGNORECASE)


def _is_macro(item: Any) -> bool:
    return isinstance(item, dict) and (item.get("type") == "macro" or "body" in item or "body_text" in item)


def looks_like(data: Any) -> bool:
    """`{"type": "list", "data": [macros]}` or `{"type": "macro", ...}`."""
    if not isinstance(data, dict):
        return False
    if data.get("type") == "macro":
        return True
    items = data.get("data")
    return (
        data.get("type") == "list"
        and isinstance(items, list)
        and (not items or any(_is_macro(item) for item in items))
    )


def read(lib: LibraryFile) -> list[Entry]:
    """One Draft per macro."""
    single = lib.data.get("type") == "macro"
    macros = [lib.data] if single else lib.data.get("data") or []
    entries: list[Entry] = []
    for position, macro in enumerate(macros):
        path = () if single else ("data", position)
        if not isinstance(macro, dict):
            entries.append(not_a_mapping(lib, path, position))
            continue
        body, plain = macro.get("body"), macro.get("body_text")
        has_body = isinstance(body, str) and body.strip()
        has_plain = isinstance(plain, str) and plain.strip()
        if has_body and not (has_plain and _ATTRIBUTE_TAG.search(body)):
            key, is_html = "body", True
        elif has_plain:
            key, is_html = "body_text", False
        else:
            key, is_html = "body", True
        entries.append(
            item_entry(
                lib,
                dialect="intercom",
                item=macro,
                item_path=path,
                item_id=item_id_of(macro, position),
                title=text_of(macro.get("name")),
                text_path=(*path, key),
                text=macro.get(key),
                is_html=is_html,
                missing="no 'body' or 'body_text'",
            )
        )
    return entries
