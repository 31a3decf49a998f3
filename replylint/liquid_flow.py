"""Liquid templates read by python-liquid: syntax problems placed, and the texts a customer can get.

Zendesk, Freshdesk, Front, Gorgias, HubSpot and Shopify write macros in Liquid (or a
Liquid-compatible dialect). `analyse` parses a template with python-liquid, the
maintained implementation, instead of counting braces, and gives:

- **problems** with their place: an unclosed `{% if %}` (placed at its opening tag,
  not at the end of the text), an `{% endif %}` that closes nothing, an unknown tag,
  a broken expression, an unclosed `{{`;
- **variables** used in tags (`{% if ticket.requester.first_name %}`), placed, so
  unknown ones can be reported like those in `{{ ... }}`;
- **variants**: what the customer could receive. Each `if`/`unless`/`case` (and
  `for`...`else`) is a choice of branches (an `if` without `else` can also give
  nothing); variant *i* takes branch *i* of every choice (the last one when a choice
  has fewer), nested choices included. So every branch is in some variant, and
  conditions written twice in the same order (`{% if name %}` around the greeting and
  again around the sign-off) stay together, which a product of all combinations would
  not do: it would also check texts no customer can get. A variant is the set of
  spans to blank (same length, newlines kept) in the text: untaken branches, and text
  that is never output (`capture`, `comment`). At most `MAX_VARIANTS` variants.
  A variant also says which variables it knows are empty: the condition of an `if`
  whose `else` it took, of an `unless` whose body it took. A generic "Hi there," is
  the right greeting in the branch taken when the customer's name is empty.

Offsets are into the text given (the checked text), as the placeholder scanner's are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_VARIANTS = 16
_BARE_PATH = re.compile(r"^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$")
_PATH_AT = re.compile(r"[A-Za-z_][\w-]*(?:\s*\.\s*[A-Za-z_][\w-]*|\[[^\]\n]*\])*")


@dataclass(frozen=True)
class Problem:
    """A syntax problem at [start, end) and what it is."""

    start: int
    end: int
    message: str


@dataclass(frozen=True)
class Variable:
    """A variable used in a tag's expression, at [start, end)."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Variant:
    """One text a customer could receive: spans to blank, and variables known to be empty."""

    blank: tuple[tuple[int, int], ...]
    empty: frozenset[str]


@dataclass(frozen=True)
class Analysis:
    """What python-liquid says about a template."""

    problems: tuple[Problem, ...]
    variables: tuple[Variable, ...]
    variants: tuple[Variant, ...]  # at least one when the template parsed; none when it did not


@lru_cache(maxsize=1)
def _environment() -> Any:
    """A python-liquid Environment that collects every syntax error instead of stopping at the first,
    and places an unclosed block at its opening tag."""
    from liquid import Environment, Mode
    from liquid.exceptions import LiquidError
    from liquid.tag import Tag
    from liquid.token import TOKEN_EOF

    class _Opened(Tag):
        """A block tag whose errors at the end of the text point back at where it opened."""

        def __init__(self, env: Any, inner: Tag) -> None:
            super().__init__(env)
            self.inner = inner
            self.name = inner.name
            self.block = inner.block
            self.end = getattr(inner, "end", "")

        def parse(self, stream: Any) -> Any:
            opener = stream.current
            try:
                return self.inner.parse(stream)
            except LiquidError as err:
                if err.token is None or err.token.kind == TOKEN_EOF or err.token.start_index < 0:
                    err.token = opener
                raise

    class Collecting(Environment):
        def __init__(self) -> None:
            super().__init__(tolerance=Mode.LAX)
            self.errors: list[Any] = []
            for name, tag in list(self.tags.items()):
                if getattr(tag, "block", False) and getattr(tag, "end", ""):
                    self.tags[name] = _Opened(self, tag)

        def error(self, exc: Any, msg: str | None = None, token: Any = None) -> None:
            if not isinstance(exc, LiquidError):
                exc = exc(msg, token=token)
            elif not exc.token:
                exc.token = token
            self.errors.append(exc)

    return Collecting


@lru_cache(maxsize=1)
def _markup_pattern() -> re.Pattern[str]:
    """python-liquid's own lexer rules: where each `{% ... %}` and `{{ ... }}` starts and ends."""
    from liquid.lex import compile_liquid_rules

    return compile_liquid_rules()


def _markups(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every tag and output in `text`, as python-liquid's lexer cuts them."""
    out = []
    for m in _markup_pattern().finditer(text):
        kind = m.lastgroup
        if kind in ("TAG", "output", "RAW", "DOC"):
            out.append((m.start(), m.end(), kind))
    return out


def _problem(text: str, markups: list[tuple[int, int, str]], err: Any) -> Problem:
    """A python-liquid error as a Problem: placed on its tag or `{{`, said in a template writer's words."""
    token = getattr(err, "token", None)
    index = token.start_index if token is not None and token.start_index >= 0 else len(text)
    raw = str(err.args[0]) if err.args else str(err)
    start, end = index, min(index + 2, len(text))
    markup = next(((s, e, k) for s, e, k in markups if s <= index < e), None)
    if markup is not None:
        s, e, kind = markup
        # A tag is flagged whole; a broken `{{` by its opening braces, since the lexer's
        # match runs on to the next `}}`, maybe lines later.
        whole = kind != "output" and "\n" not in text[s:e]
        start, end = (s, e) if whole else (s, s + 2)
    elif text.startswith(("{{", "{%"), index):
        start, end = index, index + 2
    name = token.value if token is not None else ""
    if m := re.match(r"expected tag (\w+)", raw):
        message = f"'{{% {name} %}}' is never closed with '{{% {m.group(1)} %}}'"
    elif (m := re.match(r"unexpected tag '(\w+)'", raw)) and m.group(1).startswith("end"):
        message = f"'{{% {m.group(1)} %}}' closes no open tag"
    elif m:
        message = f"'{{% {m.group(1)} %}}' is not a Liquid tag"
    elif raw.startswith("expected '}}'"):
        message = "'{{' has no matching '}}'"
    elif markup is not None and markup[2] == "output":
        message = f"'{{{{' is not closed where it should be (Liquid: {raw})"
    else:
        message = f"Liquid cannot read this: {raw}"
    return Problem(start, max(end, start), message)


def _content_span(text: str, node: Any) -> tuple[int, int] | None:
    token = node.token
    value = getattr(token, "value", "") or ""
    if not value:
        return None
    start = text.find(value, max(token.start_index, 0))
    return (start, start + len(value)) if start >= 0 else None


def _branches(node: Any) -> list[list[Any]] | None:
    """The branches of a choice node (lists of nodes), or None when `node` is no choice."""
    name = type(node).__name__
    if name in ("IfNode", "UnlessNode"):
        out = [node.consequence.nodes, *(alt.block.nodes for alt in node.alternatives)]
        out.append(node.default.nodes if node.default is not None else [])
        return out
    if name == "CaseNode":
        whens = [b.block.nodes for b in node.blocks if hasattr(b, "block")]
        default = [b.nodes for b in node.blocks if not hasattr(b, "block")]
        return [*whens, default[0] if default else []]
    if name in ("ForNode", "TablerowNode"):
        default = getattr(node, "default", None)
        return [node.block.nodes, *([default.nodes] if default is not None else [])]
    return None


def _width(nodes: list[Any]) -> int:
    """How many variants it takes for every branch under `nodes` to be in one."""
    most = 1
    for node in nodes:
        branches = _branches(node)
        if branches is not None:
            most = max(most, len(branches), *(_width(b) for b in branches))
        elif type(node).__name__ == "BlockNode":
            most = max(most, _width(node.nodes))
    return most


def _walk(text: str, nodes: list[Any], i: int, kept: list[tuple[int, int]], empty: set[str]) -> None:
    for node in nodes:
        name = type(node).__name__
        branches = _branches(node)
        if branches is not None:
            pick = min(i, len(branches) - 1)
            _note_empty(node, name, pick, empty)
            _walk(text, branches[pick], i, kept, empty)
        elif name == "ContentNode":
            span = _content_span(text, node)
            if span:
                kept.append(span)
        elif name == "OutputNode":
            start = node.token.start_index
            kept.append((start, start + len(node.token.value)))
        elif name == "BlockNode":
            _walk(text, node.nodes, i, kept, empty)
        # capture, comment, assign and other tags output nothing where they stand


def _note_empty(node: Any, name: str, pick: int, empty: set[str]) -> None:
    """Variables this branch choice knows are empty (bare conditions only)."""
    if name == "IfNode":
        conditions = [node.condition, *(alt.expression for alt in node.alternatives)][:pick]
    elif name == "UnlessNode":
        conditions = [node.condition] if pick == 0 else []
    else:
        return
    for condition in conditions:
        path = str(condition).strip()
        if _BARE_PATH.match(path):
            empty.add(path)


def _blanks(size: int, kept: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out = []
    pos = 0
    for start, end in sorted(kept):
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < size:
        out.append((pos, size))
    return tuple(out)


def _tag_variables(text: str, template: Any, outputs: list[tuple[int, int]]) -> tuple[Variable, ...]:
    """Global variables used inside tags (not `{{ }}`, which the placeholder scanner places)."""
    try:
        analysis = template.analyze()
    except Exception:  # python-liquid's analysis has gaps (some filters); the variables are a bonus
        return ()
    found = []
    for variables in analysis.globals.values():
        for var in variables:
            index = var.span.index
            if index < 0 or any(s <= index < e for s, e in outputs):
                continue
            m = _PATH_AT.match(text, index)
            if m:
                name = re.sub(r"\s+", "", m.group())
                found.append(Variable(index, m.end(), re.sub(r"\[\d+\]", "", name)))
    return tuple(sorted(set(found), key=lambda v: v.start))


def analyse(text: str) -> Analysis:
    """Parse `text` as a Liquid template: its problems, tag variables and variants."""
    from liquid.exceptions import LiquidError

    env = _environment()()
    markups = _markups(text)
    try:
        template = env.from_string(text)
    except LiquidError as err:  # the lexer stops at an unclosed {{ or {%
        return Analysis((_problem(text, markups, err),), (), ())
    if env.errors:
        problems = sorted({_problem(text, markups, e) for e in env.errors}, key=lambda p: p.start)
        return Analysis(tuple(problems), (), ())
    outputs = [(s, e) for s, e, kind in markups if kind == "output"]
    variants = []
    for i in range(min(_width(template.nodes), MAX_VARIANTS)):
        kept: list[tuple[int, int]] = []
        empty: set[str] = set()
        _walk(text, template.nodes, i, kept, empty)
        variants.append(Variant(_blanks(len(text), kept), frozenset(empty)))
    return Analysis((), _tag_variables(text, template, outputs), tuple(variants))
