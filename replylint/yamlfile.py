"""Load YAML while remembering the line of every mapping key, so errors can name it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ReplylintError


class LineDict(dict):
    """A dict from YAML that knows the 1-based line of each key (and of itself)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of `key`, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list from YAML that knows the 1-based line of each item."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser is several times faster than the pure-Python one; rule files are
# read at every start-up, so use it when PyYAML was built with it.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that builds LineDict/LineList instead of dict/list."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, source: str, error: type[ReplylintError] = ReplylintError) -> Any:
    """Parse YAML text; a syntax error becomes `error` naming the source and line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise error(f"invalid YAML: {problem}", file=source, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", file=source) from None


def load_yaml_file(path: Path, error: type[ReplylintError] = ReplylintError) -> Any:
    """Read and parse a YAML file; unreadable, not a regular file, over the input size cap
    (`inputfile`) or not UTF-8: `error` naming the file."""
    from .inputfile import read_bytes

    if not path.exists() and not path.is_symlink():
        raise error("file not found", file=str(path))
    try:
        text = read_bytes(path, None, error).decode("utf-8")
    except UnicodeDecodeError:
        raise error("not UTF-8 text", file=str(path)) from None
    return parse_yaml(text, str(path), error)
