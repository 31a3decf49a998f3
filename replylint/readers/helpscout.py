"""Help Scout saved replies: one saved reply `{id, name, text, chatText}` (from
`GET /v2/mailboxes/{id}/saved-replies/{id}`) or a list of them.

`text` is the email reply, in HTML, and is what gets checked. `chatText` (plain
text, used in chat) is checked only when `text` is missing or empty, as a chat
reply, so one saved reply is one Draft and its findings are not reported twice.
"""

from __future__ import annotations

from typing import Any

from .libraryfile import Entry, LibraryFile, item_entry, item_id_of, not_a_mapping, text_of


def _is_reply(item: Any) -> bool:
    return isinstance(item, dict) and ("chatText" in item or ("text" in item and "name" in item))


def looks_like(data: Any) -> bool:
    """One saved reply (`name` with `text`, or `chatText`), or a list with one."""
    if isinstance(data, dict):
        return _is_reply(data) and "type" not in data
    return isinstance(data, list) and any(_is_reply(item) for item in data)


def read(lib: LibraryFile) -> list[Entry]:
    """One Draft per saved reply."""
    single = isinstance(lib.data, dict)
    replies = [lib.data] if single else lib.data
    entries: list[Entry] = []
    for position, reply in enumerate(replies):
        path = () if single else (position,)
        if not isinstance(reply, dict):
            entries.append(not_a_mapping(lib, path, position))
            continue
        text = reply.get("text")
        key, is_html = "text", True
        if not (isinstance(text, str) and text.strip()) and isinstance(reply.get("chatText"), str):
            key, is_html = "chatText", False
        entries.append(
            item_entry(
                lib,
                dialect="helpscout",
                item=reply,
                item_path=path,
                item_id=item_id_of(reply, position),
                title=text_of(reply.get("name")),
                text_path=(*path, key),
                text=reply.get(key),
                is_html=is_html,
                missing="no 'text' or 'chatText'",
                channel="chat" if key == "chatText" else None,
            )
        )
    return entries
