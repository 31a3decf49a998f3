"""Gorgias macros: the JSON of `GET /api/macros` (`{"object": "list", "data": [...]}`), one
macro, or a bare list of macros.

A macro is `{id, name, actions: [{name, arguments}], archived_datetime, ...}`. Its reply
is the `setResponseText` action's `arguments`: `body_html` (what Gorgias sends, checked
when present) or `body_text`. Placeholders are Gorgias's (`{{ticket.customer.firstname}}`).
Macros with no `setResponseText` action only tag, assign or close tickets: they are not
replies and are skipped, not reported. Archived macros (`archived_datetime` set) are
skipped unless `--include-inactive`.
"""

from __future__ import annotations

from typing import Any

from .libraryfile import Entry, LibraryFile, Note, Path, item_entry, item_id_of, not_a_mapping, text_of

RESPONSE_ACTION = "setResponseText"


def _is_macro(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("actions"), list)
        and any(isinstance(a, dict) and "arguments" in a and "name" in a for a in item["actions"])
    )


def _macros(data: Any) -> tuple[Path, list[Any]]:
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        return ("data",), data["data"]
    if isinstance(data, dict):
        return (), [data]
    return (), data


def looks_like(data: Any) -> bool:
    """A Gorgias macros list (`data`), one macro, or a list of them: actions with name and arguments."""
    _, macros = _macros(data)
    return isinstance(macros, list) and any(_is_macro(m) for m in macros)


def read(lib: LibraryFile, include_inactive: bool = False) -> list[Entry]:
    """One Draft per macro that sets a response text; notes for archived macros left out."""
    base, macros = _macros(lib.data)
    single = isinstance(lib.data, dict) and base == ()
    entries: list[Entry] = []
    archived = 0
    for position, macro in enumerate(macros):
        path: Path = () if single else (*base, position)
        if not isinstance(macro, dict):
            entries.append(not_a_mapping(lib, path, position))
            continue
        if macro.get("archived_datetime") and not include_inactive:
            archived += 1
            continue
        actions = macro.get("actions") if isinstance(macro.get("actions"), list) else []
        found = next(
            (
                (i, a.get("arguments"))
                for i, a in enumerate(actions)
                if isinstance(a, dict) and a.get("name") == RESPONSE_ACTION
            ),
            None,
        )
        if found is None:
            continue
        index, arguments = found
        arguments = arguments if isinstance(arguments, dict) else {}
        key = (
            "body_html"
            if isinstance(arguments.get("body_html"), str) and arguments["body_html"].strip()
            else "body_text"
        )
        entries.append(
            item_entry(
                lib,
                dialect="gorgias",
                item=macro,
                item_path=path,
                item_id=item_id_of(macro, position),
                title=text_of(macro.get("name")),
                text_path=(*path, "actions", index, "arguments", key),
                text=arguments.get(key),
                is_html=key == "body_html",
                missing="the setResponseText action has no text",
            )
        )
    if archived:
        entries.append(
            Note(f"{archived} archived macro(s) not checked (--include-inactive checks them)", lib.source)
        )
    return entries
