"""Load YAML while remembering the line of every mapping key, so errors can name it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import datacheck
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


# Aliases let a few hundred bytes stand for billions of values ("billion laughs"): no
# alias use in a real rule, config or reply library comes near this many values.
MAX_EXPANDED = 100_000


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _scalar_problem(node: yaml.ScalarNode) -> str | None:
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > datacheck.MAX_INT_DIGITS:
        return f"a number with more than {datacheck.MAX_INT_DIGITS:,} digits"
    found = datacheck.surrogate_problem(node.value)
    return found.message if found else None


def node_problem(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """What makes a composed document unsafe to construct or walk, and the node where.

    Measured on the node graph, where an alias is one shared node, so an alias bomb
    costs time in proportion to its (small) text: the values it would expand to
    (refused past MAX_EXPANDED, or twice the values written, if more), the nesting
    depth (refused past datacheck.MAX_DEPTH), numbers too long to print and lone
    surrogates from `\\ud800`-style escapes. Iterative, so depth cannot overflow it.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    finished_order: list[yaml.Node] = []
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            kids = _children(node)
            # a child still on the path is an alias back to an ancestor: it counts once
            size[key] = min(1 + sum(size.get(id(k), 1) for k in kids), 2**62)
            depth[key] = 1 + max((depth.get(id(k), 1) for k in kids), default=0)
            on_path.discard(key)
            finished_order.append(node)
            if depth[key] > datacheck.MAX_DEPTH:
                return f"nested more than {datacheck.MAX_DEPTH} levels deep", node
            continue
        if key in size or key in on_path:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[key], depth[key] = 1, 1
            problem = _scalar_problem(node)
            if problem:
                return problem, node
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    limit = max(MAX_EXPANDED, 2 * len(size))
    if size[id(root)] <= limit:
        return None
    # Name the smallest collection that is too big on its own: where the aliases pile up.
    where = next((n for n in finished_order if size[id(n)] > limit), root)
    message = f"aliases expand to more than {limit:,} values (an alias bomb?); write the values out instead"
    return message, where


def compose_checked(loader: yaml.BaseLoader, source: str, error: type[ReplylintError]) -> yaml.Node | None:
    """The loader's single document as nodes, refused (as `error`) when unsafe to build.

    Syntax errors name the line and column; see `node_problem` for the rest.
    """
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        if mark is None:
            raise error(f"invalid YAML: {problem}", file=source) from None
        raise error(
            f"invalid YAML: {problem} (line {mark.line + 1}, column {mark.column + 1})",
            file=source,
            line=mark.line + 1,
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", file=source) from None
    except RecursionError:  # the pure-Python composer recurses once per level
        raise error(
            f"invalid YAML: nested more than {datacheck.MAX_DEPTH} levels deep", file=source
        ) from None
    if node is None:
        return None
    found = node_problem(node)
    if found is not None:
        message, where = found
        raise error(f"invalid YAML: {message}", file=source, line=where.start_mark.line + 1)
    return node


def parse_yaml(text: str, source: str, error: type[ReplylintError] = ReplylintError) -> Any:
    """Parse YAML text; a syntax error or an unsafe document (see `node_problem`)
    becomes `error` naming the source and line."""
    loader = _Loader(text)
    try:
        node = compose_checked(loader, source, error)
        return loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise error(f"invalid YAML: {problem}", file=source, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", file=source) from None
    finally:
        loader.dispose()


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
