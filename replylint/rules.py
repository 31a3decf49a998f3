"""Rules as data: load rule YAML files, validate every key, and keep their examples.

A rule file is validated completely at load time (unknown keys, bad values, kind
options, regexes and spaCy patterns) so a team finds mistakes in `rules test` or at
start-up, with the file, line and key named, never in the middle of a run.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .channels import CHANNELS
from .checklist import CHECKLIST, VERDICT
from .errors import RuleFileError
from .findings import MAX_WEIGHT, Applicability, Level, is_weight
from .yamlfile import LineDict, LineList, load_yaml_file

# The kinds and regions modules are imported by the functions that validate: a rule set
# read back from the cache (rulecache.py) needs neither, which keeps `rules list` fast.

_TOP_KEYS = {
    "id",
    "kind",
    "checklist",
    "level",
    "weight",
    "message",
    "description",
    "why",
    "sources",
    "regions",
    "options",
    "examples",
    "enabled",
    "channels",
    "applicability",
}
_REQUIRED = ("id", "kind", "checklist", "level", "message", "description")
EXAMPLE_GROUPS = ("pass", "fail", "todo-fail", "skip")
_EXAMPLE_KEYS = {"text", "flags", "customer", "agent", "note", "ticket", "channel"}
_BASE_MESSAGE_FIELDS = frozenset({"match", "suggestion", "customer", "agent"})


@dataclass(frozen=True)
class Example:
    """One embedded example: a text that must pass, or must fail (flagging `flags`)."""

    text: str
    expect: str  # "pass", "fail", "todo-fail" (a known miss) or "skip" (cannot judge)
    flags: tuple[str, ...] = ()
    customer: str | None = None
    agent: str | None = None
    line: int = 0
    ticket: str | None = None  # the customer's message the example answers
    channel: str | None = None


@dataclass(frozen=True)
class Rule:
    """A validated rule; `options` are already checked against its kind."""

    id: str
    kind: str
    checklist: str
    level: Level
    weight: float
    message: str
    description: str
    why: str
    regions: tuple[str, ...]
    options: Mapping[str, Any] = field(hash=False)
    examples: tuple[Example, ...] = ()
    sources: tuple[str, ...] = ()
    enabled: bool = True
    path: str = ""
    channels: tuple[str, ...] = ()  # the channels the rule applies to; empty: all
    # unsafe: every fix of this rule may change the meaning (plain words, filler cuts)
    applicability: Applicability = Applicability.SAFE


def _fail(path: str, data: LineDict | None, key: str | None, message: str) -> RuleFileError:
    line = data.line_of(key) if isinstance(data, LineDict) and key else getattr(data, "line", 0)
    return RuleFileError(message, file=path, line=line or None, field=key)


def _str(path: str, data: LineDict, key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, data, key, "must be a non-empty string")
    return value.strip()


def _examples(path: str, data: LineDict) -> tuple[Example, ...]:
    raw = data.get("examples")
    if raw is None:
        return ()
    if not isinstance(raw, LineDict):
        raise _fail(path, data, "examples", "must be a mapping with 'pass' and 'fail' lists")
    out: list[Example] = []
    for expect, items in raw.items():
        if expect not in EXAMPLE_GROUPS:
            raise _fail(path, raw, expect, f"unknown example group (use {', '.join(EXAMPLE_GROUPS)})")
        if not isinstance(items, LineList):
            raise _fail(path, raw, expect, "must be a list of examples")
        for index, item in enumerate(items):
            line = items.item_lines[index]
            if isinstance(item, str):
                out.append(Example(item, expect, line=line))
                continue
            if not isinstance(item, LineDict):
                raise RuleFileError("an example is a string or a mapping with 'text'", file=path, line=line)
            for key in item:
                if key not in _EXAMPLE_KEYS:
                    raise _fail(path, item, key, f"unknown example key (use {sorted(_EXAMPLE_KEYS)})")
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                raise _fail(path, item, "text", "an example needs a non-empty 'text'")
            flags = item.get("flags", [])
            if isinstance(flags, str):
                flags = [flags]
            if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
                raise _fail(path, item, "flags", "must be a list of strings")
            if flags and expect in ("pass", "skip"):
                raise _fail(path, item, "flags", f"a {expect} example cannot name flags")
            for f in flags:
                if f not in text:
                    raise _fail(path, item, "flags", f"'{f}' does not occur in the example text")
            out.append(
                Example(
                    text,
                    expect,
                    tuple(flags),
                    item.get("customer"),
                    item.get("agent"),
                    line,
                    _example_text(path, item, "ticket"),
                    _example_channel(path, item),
                )
            )
    return tuple(out)


def _example_text(path: str, item: LineDict, key: str) -> str | None:
    value = item.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _fail(path, item, key, "must be a non-empty string")
    return value


def _example_channel(path: str, item: LineDict) -> str | None:
    value = item.get("channel")
    if value is not None and value not in CHANNELS:
        raise _fail(path, item, "channel", f"must be one of: {', '.join(CHANNELS)}")
    return value


def _applicability(path: str, data: LineDict) -> Applicability:
    raw = data.get("applicability", "safe")
    try:
        return Applicability(raw)
    except ValueError:
        raise _fail(path, data, "applicability", "must be safe or unsafe") from None


def _channels(path: str, data: LineDict) -> tuple[str, ...]:
    raw = data.get("channels", [])
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(c in CHANNELS for c in raw):
        raise _fail(path, data, "channels", f"must be a list of channels ({', '.join(CHANNELS)})")
    return tuple(raw)


def parse_rule(data: Any, path: str, *, deep: bool = True) -> Rule:
    """Validate one rule file's parsed YAML and build the Rule.

    `deep=False` leaves out each kind's validate() (checks across options, which may
    import spaCy for its pattern schema), for commands that only list rules; checking
    and `rules test` always validate fully.
    """
    if not isinstance(data, LineDict):
        raise RuleFileError("a rule file must be a YAML mapping", file=path, line=1)
    for key in data:
        if key not in _TOP_KEYS:
            raise _fail(path, data, str(key), f"unknown key (allowed: {', '.join(sorted(_TOP_KEYS))})")
    for key in _REQUIRED:
        if key not in data:
            raise RuleFileError(f"missing required key '{key}'", file=path, line=data.line)
    rule_id = _str(path, data, "id")
    if not all(c.isalnum() or c in "-_." for c in rule_id):
        raise _fail(path, data, "id", "use letters, digits, '-', '_' or '.'")
    kind_name = _str(path, data, "kind")
    from .kinds import KINDS
    from .regions import REGION_NAMES

    kind = KINDS.get(kind_name)
    if kind is None:
        raise _fail(path, data, "kind", f"unknown kind '{kind_name}' (known: {', '.join(sorted(KINDS))})")
    checklist = _str(path, data, "checklist")
    if checklist not in CHECKLIST or checklist == VERDICT:
        known = ", ".join(c for c in CHECKLIST if c != VERDICT)
        raise _fail(path, data, "checklist", f"unknown checklist item '{checklist}' (known: {known})")
    try:
        level = Level.parse(str(data["level"]))
    except ValueError:
        raise _fail(path, data, "level", "must be error, warning or suggestion") from None
    weight = data.get("weight", 3)
    if not is_weight(weight):
        raise _fail(path, data, "weight", f"must be a number from 0 to {MAX_WEIGHT}")
    regions_raw = data.get("regions", list(kind.regions))
    if isinstance(regions_raw, str):
        regions_raw = [regions_raw]
    if not isinstance(regions_raw, list) or not regions_raw:
        raise _fail(path, data, "regions", "must be a non-empty list")
    for region in regions_raw:
        if region not in REGION_NAMES or region == "quoted":
            allowed = ", ".join(r for r in REGION_NAMES if r != "quoted")
            raise _fail(path, data, "regions", f"unknown region '{region}' (use {allowed})")
    options_raw = data.get("options", LineDict())
    if not isinstance(options_raw, dict):
        raise _fail(path, data, "options", "must be a mapping")
    options = validate_options(kind_name, options_raw, path, data, deep=deep)
    message = _str(path, data, "message")
    allowed_fields = _BASE_MESSAGE_FIELDS | kind.message_fields
    _check_message(message, allowed_fields, path, data)
    sources = data.get("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list):
        raise _fail(path, data, "sources", "must be a list of strings")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _fail(path, data, "enabled", "must be true or false")
    return Rule(
        id=rule_id,
        kind=kind_name,
        checklist=checklist,
        level=level,
        weight=float(weight),
        message=message,
        description=_str(path, data, "description"),
        why=_str(path, data, "why", required=False),
        regions=tuple(regions_raw),
        options=options,
        examples=_examples(path, data),
        sources=tuple(str(s) for s in sources),
        enabled=enabled,
        path=path,
        channels=_channels(path, data),
        applicability=_applicability(path, data),
    )


def _check_message(message: str, allowed: frozenset[str], path: str, data: LineDict) -> None:
    """Refuse a message template that could fail when a finding fills it in.

    Fields are plain `{name}`, optionally with a `!r`/`!s`/`!a` conversion. A format
    spec (`{match:>9}`) or another conversion (`{match!z}`) would pass loading and then
    crash, or balloon, at the first match, so both are errors here, at load time.
    """
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise _fail(path, data, "message", f"bad template: {exc}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in allowed:
            raise _fail(path, data, "message", f"unknown field {{{name}}} (use {sorted(allowed)})")
        if conversion not in (None, "r", "s", "a"):
            raise _fail(
                path,
                data,
                "message",
                f"bad conversion '!{conversion}' in {{{name}}} (use !r, !s, !a or none)",
            )
        if spec:
            raise _fail(path, data, "message", f"format spec ':{spec}' in {{{name}}} is not supported")


def validate_options(
    kind_name: str, raw: Mapping[str, Any], path: str, parent: LineDict | None = None, *, deep: bool = True
) -> dict[str, Any]:
    """Check `raw` against the kind's option specs; return options with defaults filled."""
    from .kinds import KINDS

    kind = KINDS[kind_name]
    where = raw if isinstance(raw, LineDict) else parent
    out: dict[str, Any] = {}
    for key in raw:
        if key not in kind.options:
            raise _fail(
                path,
                where,
                str(key),
                f"unknown option for kind '{kind_name}' (allowed: {', '.join(sorted(kind.options)) or 'none'})",
            )
    for name, spec in kind.options.items():
        if name not in raw:
            if spec.required:
                raise _fail(path, where, "options", f"kind '{kind_name}' needs option '{name}'")
            out[name] = spec.default
            continue
        try:
            out[name] = spec.check(raw[name])
        except ValueError as exc:
            raise _fail(path, where, str(name), str(exc)) from None
    if not deep:  # listing only: checks across options may import spaCy (pattern schemas)
        return out
    try:
        kind.validate(out)
    except ValueError as exc:
        key = getattr(exc, "key", None)
        field = key if key and isinstance(where, LineDict) and key in where else "options"
        raise _fail(path, where, field, str(exc)) from None
    return out


def load_rule_file(path: Path, *, deep: bool = True) -> Rule:
    """Load and validate one rule YAML file."""
    return parse_rule(load_yaml_file(path, RuleFileError), str(path), deep=deep)


def rule_files(folder: Path) -> list[Path]:
    """Rule YAML files under `folder`, sorted; `lexicon/` holds word lists, not rules."""
    if not folder.is_dir():
        raise RuleFileError("rule folder not found", file=str(folder))
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in (".yaml", ".yml") and "lexicon" not in p.relative_to(folder).parts
    )


def load_rules(folders: Iterable[Path], *, deep: bool = True, cache_dir: Path | None = None) -> list[Rule]:
    """Rules from each folder in turn; a later folder's rule replaces one with its id.

    With `cache_dir`, a folder's validated rules are read back from the cache while its
    files (and replylint's own code) are unchanged, and stored there otherwise.
    """
    by_id: dict[str, Rule] = {}
    for folder in folders:
        for rule in _folder_rules(folder, deep, cache_dir):
            by_id[rule.id] = rule
    return list(by_id.values())


def _folder_rules(folder: Path, deep: bool, cache_dir: Path | None) -> list[Rule]:
    """One folder's rules, from the cache when its files are unchanged."""
    from . import rulecache

    files = rule_files(folder)
    cached = rulecache.read(cache_dir, files, deep)
    if cached is not None:
        return cached
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        rule = load_rule_file(path, deep=deep)
        if rule.id in seen:
            raise RuleFileError(f"duplicate rule id '{rule.id}' (also in {seen[rule.id]})", file=str(path))
        seen[rule.id] = str(path)
        rules.append(rule)
    rulecache.write(cache_dir, files, deep, rules)
    return rules


def override(
    rule: Rule,
    *,
    enabled: bool | None,
    level: Level | None,
    weight: float | None,
    options: Mapping[str, Any] | None,
    source: str,
    deep: bool = True,
) -> Rule:
    """A copy of `rule` with config overrides applied (options re-validated)."""
    changes: dict[str, Any] = {}
    if enabled is not None:
        changes["enabled"] = enabled
    if level is not None:
        changes["level"] = level
    if weight is not None:
        changes["weight"] = weight
    if options:
        merged = {**rule.options, **options}
        changes["options"] = validate_options(rule.kind, merged, source, deep=deep)
    return replace(rule, **changes)
