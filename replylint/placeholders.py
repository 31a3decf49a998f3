"""Template placeholders and fill-ins: find them, know whose name they stand for, mask them.

Help desks each have a placeholder dialect (Zendesk and Freshdesk Liquid, Help Scout
`{%var%}`, Intercom `{{var | fallback: "x"}}` and `<attribute/>`, Front, Gorgias,
HubSpot); the dialects' variables live in rules/lexicon/placeholders.yaml. Masking
replaces a variable with a word of the same length (`Xxxx...`) so the Doc still sees
"a name here", and a Liquid tag with spaces so it adds no word; every offset still
points into the original. Template problems (unknown variables, unbalanced braces,
unclosed tags, HubSpot's `[[MISSING TOKEN]]`) are collected for the template-syntax rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .resources import builtin_rules_dir
from .yamlfile import load_yaml_file

DIALECTS = ("zendesk", "helpscout", "intercom", "freshdesk", "front", "gorgias", "hubspot")
TEMPLATE_SETTINGS = ("auto", *DIALECTS)


class Role(Enum):
    """What a placeholder will be replaced with when the template is used."""

    CUSTOMER_NAME = "customer-name"
    AGENT_NAME = "agent-name"
    AGENT_SIGNATURE = "agent-signature"
    OTHER = "other"


@dataclass(frozen=True)
class Placeholder:
    """One placeholder or fill-in, as offsets into the checked text."""

    start: int
    end: int
    text: str
    kind: str  # "variable", "tag" (Liquid {% if %}...), "fill-in" or "missing-token"
    role: Role
    variable: str = ""  # the variable name, e.g. ticket.requester.first_name


@dataclass(frozen=True)
class TemplateIssue:
    """A broken template: offsets into the checked text and what is wrong."""

    start: int
    end: int
    problem: str


@dataclass(frozen=True)
class Variant:
    """One text a Liquid template can give (liquid_flow): spans to blank, and whether it is the
    branch taken when the customer's name is empty (then "Hi there," is the right greeting)."""

    blank: tuple[tuple[int, int], ...]
    customer_name_empty: bool = False


@dataclass(frozen=True)
class Scan:
    """What a text's placeholders are, which dialect they are in, and what is broken."""

    placeholders: tuple[Placeholder, ...]
    dialect: str | None
    issues: tuple[TemplateIssue, ...]
    # The texts a customer could receive when the template branches (if/unless/case);
    # empty when it does not, or when it cannot be parsed.
    variants: tuple[Variant, ...] = ()


_TOKEN = re.compile(
    r"\[\[MISSING TOKEN[^\]]*\]\]"
    r"|\{\{[^{}\n]*\}\}"
    r"|\{%[^{}\n]*?%\}"
    r"|<attribute\b[^>]*/>"
    r"|\[(?:[A-Z][A-Za-z']*|your|the|customer|agent|insert)(?:[ _-][A-Za-z']+){0,4}\]"
    r"|<(?:[A-Z][A-Z_ ]{2,30})>"
    r"|\b(?:X{3,}|FILL-?IN|TODO|TBD|INSERT[ _][A-Z_]+)\b",
    re.DOTALL,
)
_LIQUID_TAG = re.compile(r"^\{%-?\s*(\w+)")
_BLOCKS = {"if": "endif", "unless": "endunless", "for": "endfor", "case": "endcase",
           "capture": "endcapture", "comment": "endcomment", "raw": "endraw"}  # fmt: skip
_LIQUID_KEYWORDS = frozenset(
    {*_BLOCKS, *_BLOCKS.values(), "else", "elsif", "when", "assign", "include", "render",
     "cycle", "break", "continue", "increment", "decrement", "echo", "liquid", "tablerow",
     "endtablerow"}
)  # fmt: skip
_ATTRIBUTE_KEY = re.compile(r"""key\s*=\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class _Dialect:
    name: str
    syntax: str
    customer: frozenset[str]
    agent: frozenset[str]
    signature: frozenset[str]
    known: tuple[str, ...]

    def knows(self, variable: str) -> bool:
        return (
            any(variable == k or (k.endswith("*") and variable.startswith(k[:-1])) for k in self.known)
            or variable in self.customer | self.agent | self.signature
        )

    def role(self, variable: str) -> Role:
        if variable in self.customer:
            return Role.CUSTOMER_NAME
        if variable in self.agent:
            return Role.AGENT_NAME
        if variable in self.signature:
            return Role.AGENT_SIGNATURE
        return Role.OTHER


@dataclass(frozen=True)
class _Lexicon:
    dialects: dict[str, _Dialect]
    fill_customer: frozenset[str]
    fill_agent: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml_file(builtin_rules_dir() / "lexicon" / "placeholders.yaml")
    dialects = {
        name: _Dialect(
            name,
            spec["syntax"],
            frozenset(spec["customer_name"]),
            frozenset(spec["agent_name"]),
            frozenset(spec["agent_signature"]),
            tuple(spec["known"]),
        )
        for name, spec in data["dialects"].items()
    }
    fills = data["fill_ins"]
    return _Lexicon(dialects, frozenset(fills["customer_name"]), frozenset(fills["agent_name"]))


def _variable(raw: str) -> tuple[str, str]:
    """(kind, variable name) of a placeholder token."""
    if raw.startswith("[[MISSING TOKEN"):
        return "missing-token", ""
    if raw.startswith("<attribute"):
        key = _ATTRIBUTE_KEY.search(raw)
        return "variable", key.group(1) if key else ""
    if raw.startswith("{{"):
        inner = raw[2:-2].strip().strip("-").strip()
        return "variable", re.split(r"\s*\|", inner, maxsplit=1)[0].strip()
    if raw.startswith("{%"):
        tag = _LIQUID_TAG.match(raw)
        if tag and tag.group(1) in _LIQUID_KEYWORDS:
            return "tag", tag.group(1)
        inner = raw[2:-2].strip().strip("-").strip()
        return "variable", inner.split(",", 1)[0].strip()
    return "fill-in", raw.strip("[]<> ").lower()


def _guess_role(kind: str, variable: str, lex: _Lexicon) -> Role:
    """Role of a placeholder when no dialect is known: by its name."""
    v = variable.lower()
    if kind == "fill-in":
        if v in lex.fill_agent:
            return Role.AGENT_NAME
        if v in lex.fill_customer:
            return Role.CUSTOMER_NAME
        return Role.OTHER
    for dialect in lex.dialects.values():
        role = dialect.role(variable)
        if role is not Role.OTHER:
            return role
    if "signature" in v:
        return Role.AGENT_SIGNATURE
    if "name" in v and any(w in v for w in ("agent", "current_user", "sender", "assignee")):
        return Role.AGENT_NAME
    if "name" in v:
        return Role.CUSTOMER_NAME
    return Role.OTHER


def _detect(tokens: list[tuple[int, int, str, str, str]], lex: _Lexicon) -> str | None:
    """The dialect whose syntax and variables fit the most placeholders."""
    best, best_score = None, 0
    for name, dialect in lex.dialects.items():
        score = 0
        for _, _, raw, kind, variable in tokens:
            if kind != "variable" or not variable:
                continue
            syntax_fits = (raw.startswith("{%") and dialect.syntax == "helpscout") or (
                not raw.startswith("{%") and dialect.syntax == "liquid"
            )
            if syntax_fits and dialect.knows(variable):
                score += 2 if dialect.role(variable) is not Role.OTHER else 1
        if score > best_score:
            best, best_score = name, score
    return best


def scan(text: str, setting: str = "auto") -> Scan:
    """Find placeholders in `text`; `setting` is a dialect name or "auto".

    Liquid dialects (and text whose dialect is unknown) are parsed by python-liquid
    (`liquid_flow`): its syntax problems (unclosed or stray block tags, unknown tags,
    broken `{{ }}`) and the variables in its tags come from there, and so do the texts
    the customer could receive when the template branches.
    """
    lex = _lexicon()
    tokens = []
    for m in _TOKEN.finditer(text):
        kind, variable = _variable(m.group(0))
        tokens.append((m.start(), m.end(), m.group(0), kind, variable))
    dialect_name = setting if setting in lex.dialects else _detect(tokens, lex)
    dialect = lex.dialects.get(dialect_name) if dialect_name else None
    placeholders = []
    issues = []
    for start, end, raw, kind, variable in tokens:
        if dialect is not None and kind == "variable":
            role = dialect.role(variable)
            if not dialect.knows(variable):
                issues.append(TemplateIssue(start, end, f"'{variable}' is not a {dialect.name} placeholder"))
        else:
            role = _guess_role(kind, variable, lex)
        if kind == "missing-token":
            issues.append(TemplateIssue(start, end, "HubSpot could not fill this token"))
        placeholders.append(Placeholder(start, end, raw, kind, role, variable))
    variants: tuple[Variant, ...] = ()
    if ("{%" in text or "{{" in text) and (dialect is None or dialect.syntax == "liquid"):
        from .liquid_flow import analyse

        analysis = analyse(text)
        issues.extend(TemplateIssue(p.start, p.end, p.message) for p in analysis.problems)
        for v in analysis.variables:
            if dialect is not None and not dialect.knows(v.name):
                issues.append(
                    TemplateIssue(v.start, v.end, f"'{v.name}' is not a {dialect.name} placeholder")
                )

        def names_customer(variable: str) -> bool:
            role = dialect.role(variable) if dialect is not None else _guess_role("variable", variable, lex)
            return role is Role.CUSTOMER_NAME

        if len(analysis.variants) > 1:
            variants = tuple(
                Variant(v.blank, any(names_customer(name) for name in v.empty)) for v in analysis.variants
            )
    placed = {i.start for i in issues}
    issues.extend(i for i in _unbalanced(text, placeholders) if i.start not in placed)
    return Scan(tuple(placeholders), dialect_name, tuple(sorted(issues, key=lambda i: i.start)), variants)


def _unbalanced(text: str, placeholders: list[Placeholder]) -> list[TemplateIssue]:
    """Braces that open or close no placeholder: `{{name}`, `{first_name}}`, `{% if x }`."""
    covered = [(p.start, p.end) for p in placeholders]
    out = []
    for m in re.finditer(r"\{\{|\}\}|\{%|%\}", text):
        if not any(s <= m.start() < e for s, e in covered):
            out.append(TemplateIssue(m.start(), m.end(), f"'{m.group(0)}' has no matching pair"))
    return out


def find_placeholders(text: str) -> tuple[Placeholder, ...]:
    """All placeholders and fill-ins in `text`, in order (dialect detected)."""
    return scan(text).placeholders


def mask(text: str, placeholders: tuple[Placeholder, ...]) -> str:
    """`text` with each variable or fill-in replaced by a same-length word, tags by spaces."""
    if not placeholders:
        return text
    parts: list[str] = []
    pos = 0
    for ph in placeholders:
        parts.append(text[pos : ph.start])
        if ph.kind == "tag":
            parts.append("".join("\n" if ch == "\n" else " " for ch in ph.text))
        else:
            word = "".join("\n" if ch == "\n" else "x" for ch in ph.text)
            parts.append("X" + word[1:] if word and word[0] != "\n" else word)
        pos = ph.end
    parts.append(text[pos:])
    return "".join(parts)


def inspectable(text: str, placeholders: tuple[Placeholder, ...]) -> bool:
    """Whether any words remain once placeholders are taken out (a `{{dc.*}}`-only body has none)."""
    pos = 0
    for ph in placeholders:
        if re.search(r"[A-Za-z]{2,}", text[pos : ph.start]):
            return True
        pos = ph.end
    return bool(re.search(r"[A-Za-z]{2,}", text[pos:]))
