"""YAML front matter at the top of a reply file: `---` on the first line, YAML, then a
line `---` (or `...`). It may say how to check the reply::

    ---
    title: Refund approved
    customer: Sarah
    agent: Ana
    channel: email
    mode: template
    disable: [exclamations]           # or: replylint: {disable: [...]}
    ---
    Hi {{ticket.requester.first_name}}, ...

Front matter is not reply text: the Draft's text is what follows it, and its
`locate` adds the front matter's lines back, so reported lines are the file's
real lines. Keys other tools use (`layout`, `tags`...) are ignored; only the
`replylint:` mapping is checked strictly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import names
from ..errors import InputError
from ..textmap import LineIndex
from .libraryfile import ItemSettings, SettingError, read_settings, text_of
from .yamlsource import parse_yaml_nodes

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """What the front matter says, and where the reply text starts."""

    settings: ItemSettings
    title: str | None
    body_start: int  # offset in the file text of the first character after the closing line
    warnings: tuple[str, ...] = ()  # names set aside (no letter), each naming file and line

    def locator(self, text: str) -> Callable[[int], tuple[int, int]]:
        """Offset in the body -> 1-based (line, column) in the whole file."""
        index, start = LineIndex.of(text), self.body_start
        return lambda offset: index.position(start + offset)


def split_front_matter(text: str, source: str) -> FrontMatter | None:
    """The file's front matter, or None when it does not start with one.

    Bad YAML or a bad setting is an InputError at the file's real line.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return None
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return None
    # one newline in front keeps YAML's line numbers equal to the file's
    data, nodes = parse_yaml_nodes("\n" + text[opening.end() : closing.start()], source)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping (key: value lines)", file=source, line=2)
    try:
        settings = read_settings(data, top_level=True)
    except SettingError as exc:
        node = nodes.get(exc.key) or nodes.get(exc.key[:1])
        line = node.start_mark.line + 1 if node is not None else 2
        raise InputError(f"front matter '{'.'.join(exc.key)}' {exc}", file=source, line=line) from None
    end = closing.end()
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    warnings = []
    for key, value in settings.ignored:
        node = nodes.get(key) or nodes.get(key[:1])
        line = node.start_mark.line + 1 if node is not None else 2
        warnings.append(f"{source}:{line}: front matter '{'.'.join(key)}': {names.nobody(key[-1], value)}")
    return FrontMatter(settings, text_of(data.get("title")), end, tuple(warnings))
