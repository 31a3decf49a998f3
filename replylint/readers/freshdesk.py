"""Freshdesk canned responses: the list from `GET /api/v2/canned_response_folders/{id}/responses`
(or one response from `GET /api/v2/canned_responses/{id}`).

Each response is `{id, title, content, content_html, folder_id, ...}`. `content_html`
is what Freshdesk inserts into the reply, so it is checked as HTML; `content` (its
plain-text copy) is checked only when there is no `content_html`.
"""

from __future__ import annotations

from typing import Any

from .libraryfile import Entry, LibraryFile, item_entry, item_id_of, not_a_mapping, text_of


def _is_response(item: Any) -> bool:
    return isinstance(item, dict) and ("content_html" in item or ("content" in item and "title" in item))


def looks_like(data: Any) -> bool:
    """A canned response (`content_html`, or `content` with `title`), or a list with one."""
    if isinstance(data, dict):
        return _is_response(data)
    return isinstance(data, list) and any(_is_response(item) for item in data)


def read(lib: LibraryFile) -> list[Entry]:
    """One Draft per canned response."""
    single = isinstance(lib.data, dict)
    responses = [lib.data] if single else lib.data
    entries: list[Entry] = []
    for position, response in enumerate(responses):
        path = () if single else (position,)
        if not isinstance(response, dict):
            entries.append(not_a_mapping(lib, path, position))
            continue
        html = response.get("content_html")
        key, is_html = (
            ("content_html", True) if isinstance(html, str) and html.strip() else ("content", False)
        )
        entries.append(
            item_entry(
                lib,
                dialect="freshdesk",
                item=response,
                item_path=path,
                item_id=item_id_of(response, position),
                title=text_of(response.get("title")),
                text_path=(*path, key),
                text=response.get(key),
                is_html=is_html,
                missing="no 'content_html' or 'content'",
            )
        )
    return entries
