"""A parsed library file (JSON or YAML) that can say where any of its values is,
plus the shared steps every library reader uses to turn one item into a Draft.

Readers address values by path, e.g. `("macros", 2, "actions", 0, "value")`.
`LibraryFile.locator(path)` gives the `Draft.locate` callable for a reply text at
that path (exact for JSON strings; see `yamlsource` for how exact YAML is), and
`LibraryFile.line(path)` the 1-based line where a value starts, for error messages.

An item that cannot be checked (no reply text, a bad setting) becomes an
`InputError` entry in the reader's result, naming the file, the item's line and
its id, so the other items are still checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import names
from ..channels import CHANNELS, MODES
from ..document import Draft
from ..errors import InputError
from ..textmap import LineIndex
from .jsonsource import literal_origin, parse_json
from .yamlsource import parse_yaml_nodes, scalar_locator

Path = tuple[str | int, ...]
Locate = Callable[[int], tuple[int, int]]


@dataclass(frozen=True)
class Note:
    """Something a reader says about a file that is neither a draft nor an error
    (inactive macros skipped, one page of a paginated export)."""

    message: str
    file: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


Entry = Draft | InputError | Note

SETTING_KEYS = ("customer", "agent", "channel", "mode", "disable")


@dataclass
class LibraryFile:
    """Decoded data of one library file and the positions of its values."""

    source: str
    text: str
    data: Any
    syntax: str  # "json" or "yaml"
    _json_spans: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False)
    _yaml_nodes: dict[Path, Any] = field(default_factory=dict, repr=False)
    _index: LineIndex | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, text: str, source: str, syntax: str) -> LibraryFile:
        """Parse JSON or YAML text; a syntax error is an InputError with line and column."""
        if syntax == "json":
            data, spans = parse_json(text, source)
            return cls(source, text, data, "json", _json_spans=spans)
        data, nodes = parse_yaml_nodes(text, source)
        return cls(source, text, data, "yaml", _yaml_nodes=nodes)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex.of(self.text)
        return self._index

    def line(self, path: Path) -> int | None:
        """1-based line where the value at `path` starts, if it exists."""
        if self.syntax == "json":
            span = self._json_spans.get(path)
            return self.index.position(span[0])[0] if span else None
        node = self._yaml_nodes.get(path)
        return node.start_mark.line + 1 if node is not None else None

    def locator(self, path: Path, value: str) -> Locate | None:
        """Offset in the string `value` at `path` -> (line, column) in this file."""
        if self.syntax == "json":
            span = self._json_spans.get(path)
            if span is None or self.text[span[0]] != '"':
                return None
            start = span[0]
            origin = literal_origin(self.text[span[0] : span[1]])
            if len(origin) != len(value) + 1:  # not the string we were given: never guess
                return None
            index, last = self.index, len(origin) - 1
            return lambda offset: index.position(start + origin[min(max(offset, 0), last)])
        node = self._yaml_nodes.get(path)
        if node is None:
            return None
        return scalar_locator(node, value, self.text, self.index)

    def error(self, message: str, path: Path) -> InputError:
        """An InputError at the value at `path` (or the file when it has no line)."""
        return InputError(message, file=self.source, line=self.line(path))


def item_label(item_id: str, title: str | None) -> str:
    """How an item is named in messages: `item 360001 ('Refund approved')`."""
    return f"item {item_id}" + (f" ({title!r})" if title else "")


def item_id_of(item: Mapping[str, Any], position: int, key: str = "id") -> str:
    """The item's id as a string; `#N` (1-based position) when it has none."""
    raw = item.get(key)
    if raw is None or isinstance(raw, (dict, list)) or (isinstance(raw, str) and not raw.strip()):
        return f"#{position + 1}"
    return str(raw)


def text_of(value: Any) -> str | None:
    """A title or name as text, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


@dataclass(frozen=True)
class ItemSettings:
    """What an item (or front matter) says about how to check it."""

    customer: str | None = None
    agent: str | None = None
    mode: str | None = None
    channel: str | None = None
    disable: frozenset[str] = frozenset()
    # names set aside because they have no letter (names.usable): (key path, value)
    ignored: tuple[tuple[tuple[str, ...], str], ...] = ()


class SettingError(ValueError):
    """A bad setting value; `key` is where it sits, relative to the mapping read."""

    def __init__(self, message: str, key: tuple[str, ...]) -> None:
        super().__init__(message)
        self.key = key


def _disable_list(value: Any, key: tuple[str, ...]) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SettingError("must be a list of rule ids", key)
    return [v.strip() for v in value]


def read_settings(data: Mapping[str, Any], top_level: bool) -> ItemSettings:
    """Settings from `replylint: {customer, agent, channel, mode, disable}` and, when
    `top_level`, the same keys directly on `data`. Raises SettingError."""
    values: dict[str, Any] = {}
    disable: list[str] = []
    ignored: list[tuple[tuple[str, ...], str]] = []
    nested = data.get("replylint")
    if nested is not None:
        if not isinstance(nested, Mapping):
            raise SettingError(f"must be a mapping with any of: {', '.join(SETTING_KEYS)}", ("replylint",))
        unknown = sorted(str(k) for k in nested if k not in SETTING_KEYS)
        if unknown:
            raise SettingError(
                f"unknown key '{unknown[0]}' (allowed: {', '.join(SETTING_KEYS)})", ("replylint", unknown[0])
            )
    scopes: list[tuple[tuple[str, ...], Mapping[str, Any]]] = []
    if top_level:
        scopes.append(((), data))
    if isinstance(nested, Mapping):
        scopes.append((("replylint",), nested))
    for prefix, scope in scopes:
        for key in SETTING_KEYS:
            if key not in scope or scope[key] is None:
                continue
            value = scope[key]
            where = (*prefix, key)
            if key == "disable":
                disable.extend(_disable_list(value, where))
                continue
            if not isinstance(value, str) or not value.strip():
                raise SettingError("must be a non-empty string", where)
            if key in ("customer", "agent") and names.usable(value) is None:
                ignored.append((where, value))
                continue
            value = value.strip()
            if key == "mode" and value not in MODES:
                raise SettingError(f"must be one of: {', '.join(MODES)} (got {value!r})", where)
            if key == "channel":
                value = value.lower()
                if value not in CHANNELS:
                    raise SettingError(f"must be one of: {', '.join(CHANNELS)} (got {value!r})", where)
            values[key] = value
    return ItemSettings(disable=frozenset(disable), ignored=tuple(ignored), **values)


def item_entry(
    lib: LibraryFile,
    *,
    item: Mapping[str, Any],
    item_path: Path,
    item_id: str,
    title: str | None,
    text_path: Path | None,
    text: Any,
    is_html: bool,
    settings_top_level: bool = False,
    missing: str = "no reply text",
    channel: str | None = None,
    dialect: str | None = None,
) -> Entry:
    """The Draft for one library item, or an InputError entry saying why it cannot be checked.

    `channel` is what the format itself implies (Help Scout's `chatText` is chat) and
    library items are templates unless they say otherwise: both are `implied_*` values,
    which the item's own settings and the run's flags beat (see `run.decide`).
    """
    label = item_label(item_id, title)
    try:
        settings = read_settings(item, settings_top_level)
    except SettingError as exc:
        return lib.error(f"{label}: '{'.'.join(exc.key)}' {exc}", (*item_path, *exc.key))
    if text_path is None or not isinstance(text, str) or not text.strip():
        if text is not None and not isinstance(text, str):
            return lib.error(f"{label}: the reply text must be a string", text_path or item_path)
        return lib.error(f"{label}: {missing}; nothing to check", item_path)
    return Draft(
        text,
        source=lib.source,
        item=item_id,
        is_html=is_html,
        title=title,
        customer=settings.customer,
        agent=settings.agent,
        mode=settings.mode,
        disable=settings.disable,
        channel=settings.channel,
        implied_mode="template",
        implied_channel=channel,
        locate=lib.locator(text_path, text),
        body_offset=None,
        templates=dialect,
        warnings=tuple(
            f"{lib.source}:{lib.line((*item_path, *key)) or '?'}: {label}: "
            f"'{'.'.join(key)}': {names.nobody(key[-1], value)}"
            for key, value in settings.ignored
        ),
    )


def not_a_mapping(lib: LibraryFile, path: Path, position: int) -> InputError:
    """The entry for a list element that is not an object/mapping."""
    return lib.error(f"item #{position + 1}: expected an object with the reply's fields", path)
