"""`.replylint.yaml`: found from a folder upwards, validated with file and line named.

Precedence (highest first): command-line flags, environment (REPLYLINT_AGENT, read
by the CLI), the config file, built-in defaults. This module never reads the
environment or argv; the CLI passes what it found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Level
from .yamlfile import LineDict, load_yaml_file

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
_KEYS = {"agent", "customer", "min_score", "fail_on", "rule_dirs", "rules", "vocabulary", "model"}
_RULE_KEYS = {"enabled", "level", "weight", "options"}


@dataclass(frozen=True)
class RuleSetting:
    """A per-rule override from config."""

    enabled: bool | None = None
    level: Level | None = None
    weight: float | None = None
    options: Mapping[str, Any] | None = field(default=None, hash=False)
    line: int = 0


@dataclass(frozen=True)
class Config:
    """Settings for a run; the defaults are what a run without a config file uses."""

    path: str | None = None
    agent: str | None = None
    customer: str | None = None
    min_score: int = 80
    fail_on: Level = Level.ERROR
    rule_dirs: tuple[Path, ...] = ()
    rules: Mapping[str, RuleSetting] = field(default_factory=dict, hash=False)
    vocabulary: frozenset[str] = frozenset()
    model: str | None = None

    def with_changes(self, **changes: Any) -> Config:
        """A copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def cache_key(self) -> tuple:
        """What decides which rules are built: same key, same compiled checks."""
        rules = tuple(
            sorted(
                (k, s.enabled, s.level, s.weight, repr(sorted((s.options or {}).items())))
                for k, s in self.rules.items()
            )
        )
        return (self.path, self.rule_dirs, rules, self.model)


def find_config(start: Path) -> Path | None:
    """The nearest config file in `start` or a parent folder."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def _error(path: str, data: LineDict, key: str, message: str) -> ConfigError:
    return ConfigError(message, file=path, line=data.line_of(key), field=key)


def _name(path: str, data: LineDict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _error(path, data, key, "must be a non-empty string")
    return value.strip()


def _rule_setting(path: str, rules: LineDict, rule_id: str) -> RuleSetting:
    raw = rules[rule_id]
    line = rules.line_of(rule_id)
    if isinstance(raw, bool):
        return RuleSetting(enabled=raw, line=line)
    if not isinstance(raw, LineDict):
        raise ConfigError("must be true, false or a mapping", file=path, line=line, field=f"rules.{rule_id}")
    for key in raw:
        if key not in _RULE_KEYS:
            raise _error(
                path,
                raw,
                key,
                f"unknown key under rules.{rule_id} (allowed: {', '.join(sorted(_RULE_KEYS))})",
            )
    enabled = raw.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        raise _error(path, raw, "enabled", "must be true or false")
    level = None
    if "level" in raw:
        try:
            level = Level.parse(str(raw["level"]))
        except ValueError:
            raise _error(path, raw, "level", "must be error, warning or suggestion") from None
    weight = raw.get("weight")
    if weight is not None and (
        isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0
    ):
        raise _error(path, raw, "weight", "must be a number >= 0")
    options = raw.get("options")
    if options is not None and not isinstance(options, dict):
        raise _error(path, raw, "options", "must be a mapping")
    return RuleSetting(enabled, level, None if weight is None else float(weight), options, line)


def parse_config(data: Any, path: Path) -> Config:
    """Validate parsed YAML as a config; relative rule_dirs are relative to the file."""
    source = str(path)
    if data is None:
        return Config(path=source)
    if not isinstance(data, LineDict):
        raise ConfigError("a config file must be a YAML mapping", file=source, line=1)
    for key in data:
        if key not in _KEYS:
            raise _error(source, data, str(key), f"unknown key (allowed: {', '.join(sorted(_KEYS))})")
    min_score = data.get("min_score", 80)
    if isinstance(min_score, bool) or not isinstance(min_score, int) or not 0 <= min_score <= 100:
        raise _error(source, data, "min_score", "must be a whole number from 0 to 100")
    try:
        fail_on = Level.parse(str(data.get("fail_on", "error")))
    except ValueError:
        raise _error(source, data, "fail_on", "must be error, warning or suggestion") from None
    dirs = data.get("rule_dirs", [])
    if isinstance(dirs, str):
        dirs = [dirs]
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise _error(source, data, "rule_dirs", "must be a list of folder paths")
    rule_dirs = []
    for d in dirs:
        folder = (path.parent / d).resolve()
        if not folder.is_dir():
            raise _error(source, data, "rule_dirs", f"folder not found: {d}")
        rule_dirs.append(folder)
    rules_raw = data.get("rules", LineDict())
    if not isinstance(rules_raw, LineDict):
        raise _error(source, data, "rules", "must be a mapping of rule id to settings")
    rules = {str(rid): _rule_setting(source, rules_raw, rid) for rid in rules_raw}
    vocab_raw = data.get("vocabulary", LineDict())
    if not isinstance(vocab_raw, LineDict):
        raise _error(source, data, "vocabulary", "must be a mapping with an 'accept' list")
    for key in vocab_raw:
        if key != "accept":
            raise _error(source, vocab_raw, str(key), "unknown key under vocabulary (allowed: accept)")
    accept = vocab_raw.get("accept", [])
    if not isinstance(accept, list) or not all(isinstance(w, str) and w.strip() for w in accept):
        raise _error(source, vocab_raw, "accept", "must be a list of words")
    return Config(
        path=source,
        agent=_name(source, data, "agent"),
        customer=_name(source, data, "customer"),
        min_score=min_score,
        fail_on=fail_on,
        rule_dirs=tuple(rule_dirs),
        rules=rules,
        vocabulary=frozenset(w.strip().lower() for w in accept),
        model=_name(source, data, "model"),
    )


def load_config(path: Path) -> Config:
    """Read and validate a config file."""
    return parse_config(load_yaml_file(path, ConfigError), path)
