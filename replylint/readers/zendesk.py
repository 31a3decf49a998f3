"""Zendesk macros: the JSON of `GET /api/v2/macros` (`{"macros": [...]}`), one macro
(`{"macro": {...}}`, from `GET /api/v2/macros/{id}`) or a bare list of macros.

A macro is `{id, title, actions: [{field, value}], ...}`. Its reply is the `value` of
the action whose `field` is `comment_value_html` (HTML) or `comment_value` (plain
text; the value is a string, or a `["channel:all", text]` pair whose second element
is the text). When a macro has both, the HTML one is checked (it is what Zendesk
sends). Macros with no comment action only change ticket fields (status, tags,
assignee): they are not replies and are skipped, not reported. Inactive
macros (`"active": false`) are skipped unless `--include-inactive`, and a note says how
many; an export with a `next_page` is one page of several, and a note says so.
"""

from __future__ import annotations

from typing import Any

from .libraryfile import Entry, LibraryFile, Note, Path, item_entry, item_id_of, not_a_mapping, text_of

COMMENT_FIELDS = ("comment_value_html", "comment_value")


def looks_like(data: Any) -> bool:
    """A macros export: `macros` list, `macro` object, or a list of objects with `actions`."""
    if isinstance(data, dict):
        return isinstance(data.get("macros"), list) or isinstance(data.get("macro"), dict)
    return isinstance(data, list) and any(
        isinstance(m, dict) and isinstance(m.get("actions"), list) for m in data
    )


def _macros(data: Any) -> tuple[Path, list[Any]]:
    if isinstance(data, dict) and isinstance(data.get("macro"), dict):
        return ("macro",), [data["macro"]]
    if isinstance(data, dict):
        return ("macros",), data.get("macros") or []
    return (), data


def _comment(macro: dict[str, Any], path: Path) -> tuple[Path | None, Any, bool, bool]:
    """(path of the reply text, the text, is_html, has a comment action at all)."""
    actions = macro.get("actions")
    if not isinstance(actions, list):
        return None, None, False, False
    found: dict[str, tuple[Path, Any]] = {}
    for index, action in enumerate(actions):
        if isinstance(action, dict) and action.get("field") in COMMENT_FIELDS:
            found.setdefault(action["field"], ((*path, "actions", index, "value"), action.get("value")))
    for field in COMMENT_FIELDS:
        if field in found:
            value_path, value = found[field]
            if isinstance(value, list):  # ["channel:all", text]
                strings = [i for i, v in enumerate(value) if isinstance(v, str)]
                if len(value) >= 2 and strings and strings[-1] == len(value) - 1:
                    value_path, value = (*value_path, len(value) - 1), value[-1]
                else:
                    value = None
            return value_path, value, field == "comment_value_html", True
    return None, None, False, False


def read(lib: LibraryFile, include_inactive: bool = False) -> list[Entry]:
    """One Draft per active macro that adds a comment; an error entry for an empty one; notes
    for inactive macros left out and for an export that is one page of several."""
    base, macros = _macros(lib.data)
    entries: list[Entry] = []
    inactive = 0
    for position, macro in enumerate(macros):
        path = (*base, position) if base != ("macro",) else base
        if not isinstance(macro, dict):
            entries.append(not_a_mapping(lib, path, position))
            continue
        if macro.get("active") is False and not include_inactive:
            inactive += 1
            continue
        text_path, text, is_html, has_comment = _comment(macro, path)
        if not has_comment:
            continue
        entries.append(
            item_entry(
                lib,
                dialect="zendesk",
                item=macro,
                item_path=path,
                item_id=item_id_of(macro, position),
                title=text_of(macro.get("title")),
                text_path=text_path,
                text=text,
                is_html=is_html,
                missing="the comment action has no text",
            )
        )
    if inactive:
        entries.append(
            Note(f"{inactive} inactive macro(s) not checked (--include-inactive checks them)", lib.source)
        )
    if isinstance(lib.data, dict) and lib.data.get("next_page"):
        count = lib.data.get("count")
        total = f" of {count}" if isinstance(count, int) else ""
        entries.append(
            Note(
                f"this export is one page ({len(macros)} macros{total}); it has a next_page, so the macros "
                "on the other pages were not checked: export them all (follow next_page) and check every page",
                lib.source,
            )
        )
    return entries
