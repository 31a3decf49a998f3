"""replylint's own reply-library format: a YAML or JSON list of replies.

Each item is a mapping; only `body` is required::

    # replies.yaml
    - id: refund-approved          # string or number; default: "#N", the position
      title: Refund approved       # shown in the report
      body: |                      # the reply text (required)
        Hi {{customer.first_name}},

        Thanks for your patience. Your refund of {{refund.amount}} is on its way.

        Best,
        {{agent.first_name}}
      customer: Sarah              # optional: the name the greeting must use
      agent: Ana                   # optional: the name the sign-off must use
      channel: email               # optional: email, chat or social (what the reply must have)
      mode: template               # optional: template (default) or draft
      html: false                  # optional: body is HTML (default: guessed from the body)
      replylint:
        disable: [exclamations]       # optional: rule ids not run on this item

The same in JSON::

    [{"id": "refund-approved", "title": "Refund approved", "body": "Hi ...",
      "replylint": {"disable": ["exclamations"]}}]

`disable`, `customer`, `agent`, `channel` and `mode` may also sit under
`replylint:` (as in front matter). Unknown keys are an error for that item (a typo
such as `boddy` would otherwise drop the reply silently). Items are templates:
they are checked in template mode unless the item says `mode: draft`.
"""

from __future__ import annotations

from typing import Any

from .files import looks_like_html
from .libraryfile import (
    SETTING_KEYS,
    Entry,
    LibraryFile,
    item_entry,
    item_id_of,
    item_label,
    not_a_mapping,
    text_of,
)

ITEM_KEYS = ("id", "title", "body", "html", "replylint", *SETTING_KEYS)


def looks_like(data: Any) -> bool:
    """A list (possibly empty) whose objects have `body`, or only keys of this format."""
    if not isinstance(data, list):
        return False
    items = [item for item in data if isinstance(item, dict)]
    return not data or any("body" in item or set(item) <= set(ITEM_KEYS) for item in items)


def read(lib: LibraryFile) -> list[Entry]:
    """One Draft per item."""
    entries: list[Entry] = []
    for position, item in enumerate(lib.data):
        path = (position,)
        if not isinstance(item, dict):
            entries.append(not_a_mapping(lib, path, position))
            continue
        item_id = item_id_of(item, position)
        title = text_of(item.get("title"))
        unknown = [str(k) for k in item if k not in ITEM_KEYS]
        if unknown:
            entries.append(
                lib.error(
                    f"{item_label(item_id, title)}: unknown key '{unknown[0]}' (allowed: {', '.join(ITEM_KEYS)})",
                    (*path, unknown[0]),
                )
            )
            continue
        html = item.get("html")
        if html is not None and not isinstance(html, bool):
            entries.append(
                lib.error(f"{item_label(item_id, title)}: 'html' must be true or false", (*path, "html"))
            )
            continue
        body = item.get("body")
        is_html = html if html is not None else isinstance(body, str) and looks_like_html(body)
        entries.append(
            item_entry(
                lib,
                item=item,
                item_path=path,
                item_id=item_id,
                title=title,
                text_path=(*path, "body"),
                text=body,
                is_html=is_html,
                settings_top_level=True,
                missing="no 'body'",
            )
        )
    return entries
