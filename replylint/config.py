"""`.replylint.yaml`: found from a folder upwards, validated with file and line named.

Precedence (highest first): command-line flags, environment (REPLYLINT_AGENT, read
by the CLI), the config file, built-in defaults. This module never reads the
environment or argv; the CLI passes what it found.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import names
from .errors import ConfigError
from .findings import MAX_WEIGHT, Level, is_weight
from .grammar.settings import LanguageToolSettings, parse_settings
from .vocabulary import Term, Vocabulary, compile_term, read_terms
from .yamlfile import LineDict, load_yaml_file

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
_KEYS = {
    "agent",
    "customer",
    "min_score",
    "fail_on",
    "rule_dirs",
    "rules",
    "vocabulary",
    "model",
    "templates",
    "template_paths",
    "channel",
    "languagetool",
    "spelling",
    "exclude",
    "per_path",
    "max_input_mb",
}
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
    templates: str = "auto"  # placeholder dialect of templates, or auto-detect per document
    template_paths: tuple[str, ...] = ()  # globs (relative to the config file) of template files
    channel: str = "email"  # email | chat | social: which profile of required checks applies
    # -- grammar, spelling variant and team vocabulary (parsed in the block at the end) --
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    spelling_variant: str | None = None  # "en-US" or "en-GB"; None accepts both spellings
    terms: Vocabulary = field(default_factory=Vocabulary)  # vocabulary accept/reject, compiled
    cache_dir: Path | None = None  # set by the CLI; None means no disk cache (--no-cache)
    cache_max_bytes: int | None = field(default=None, compare=False)  # result cache bound (None: default)
    exclude: tuple[str, ...] = ()  # globs (relative to the config file) of files never checked
    per_path: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, rule or checklist ids off there)
    # the size cap of every input (file, stdin, stream line), bytes; None: inputfile.DEFAULT_MAX_BYTES
    max_input_bytes: int | None = None
    # what the file set aside, each naming its line (a name without a letter); the CLI prints them
    warnings: tuple[str, ...] = field(default=(), compare=False)
    select: tuple[str, ...] = ()  # --select: only these rule or checklist ids
    ignore: tuple[str, ...] = ()  # --ignore: never these rule or checklist ids

    def _matches(self, path: str, patterns: tuple[str, ...]) -> bool:
        if not patterns or path == "-":
            return False
        target = Path(path).resolve()
        base = Path(self.path).resolve().parent if self.path else Path.cwd()
        for pattern in patterns:
            full = str(base / pattern)
            if target.match(full) or fnmatch.fnmatch(str(target), full):
                return True
            if pattern.endswith("/**") and target.is_relative_to(base / pattern[:-3]):
                return True
        return False

    def excluded(self, path: str) -> bool:
        """Whether the config's `exclude` globs leave this file out."""
        return self._matches(path, self.exclude)

    def disabled_for(self, path: str) -> frozenset[str]:
        """Rule and checklist ids `per_path` turns off for this file."""
        out: set[str] = set()
        for pattern, ids in self.per_path:
            if self._matches(path, (pattern,)):
                out.update(ids)
        return frozenset(out)

    def mode_for(self, path: str) -> str:
        """'template' for files matching template_paths, else 'draft'."""
        if not self.template_paths or path == "-":
            return "draft"
        target = Path(path).resolve()
        base = Path(self.path).resolve().parent if self.path else Path.cwd()
        for pattern in self.template_paths:
            if target.match(str(base / pattern)) or fnmatch.fnmatch(str(target), str(base / pattern)):
                return "template"
        return "draft"

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
        return (
            self.path,
            self.rule_dirs,
            rules,
            self.model,
            self.languagetool,
            self.spelling_variant,
            self.terms,
            self.cache_dir,
            self.select,
            self.ignore,
        )


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


def _person(path: str, data: LineDict, key: str, warnings: list[str]) -> str | None:
    """`customer` or `agent`: a name, or None with a warning when it has no letter."""
    value = _name(path, data, key)
    if value is not None and names.usable(value) is None:
        warnings.append(f"{path}:{data.line_of(key) or '?'}: '{key}': {names.nobody(key, value)}")
        return None
    return value


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
    if weight is not None and not is_weight(weight):
        raise _error(path, raw, "weight", f"must be a number from 0 to {MAX_WEIGHT}, as in rule files")
    options = raw.get("options")
    if options is not None and not isinstance(options, dict):
        raise _error(path, raw, "options", "must be a mapping")
    return RuleSetting(enabled, level, None if weight is None else float(weight), options, line)


def _templates(path: str, data: LineDict) -> str:
    from .placeholders import TEMPLATE_SETTINGS

    value = data.get("templates", "auto")
    if value not in TEMPLATE_SETTINGS:
        raise _error(path, data, "templates", f"must be one of: {', '.join(TEMPLATE_SETTINGS)}")
    return value


def _channel(path: str, data: LineDict) -> str:
    from .channels import CHANNELS

    value = data.get("channel", "email")
    if value not in CHANNELS:
        raise _error(path, data, "channel", f"must be one of: {', '.join(CHANNELS)}")
    return value


def _globs(path: str, data: LineDict, key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(path, data, key, "must be a list of path globs, e.g. ['macros/**']")
    return tuple(value)


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
    terms = _vocabulary(source, data, path)
    warnings: list[str] = []
    return Config(
        path=source,
        agent=_person(source, data, "agent", warnings),
        customer=_person(source, data, "customer", warnings),
        min_score=min_score,
        fail_on=fail_on,
        rule_dirs=tuple(rule_dirs),
        rules=rules,
        vocabulary=terms.plain_words(),
        model=_name(source, data, "model"),
        templates=_templates(source, data),
        template_paths=_globs(source, data, "template_paths"),
        channel=_channel(source, data),
        languagetool=parse_settings(data.get("languagetool"), source, data.line_of),
        spelling_variant=_spelling_variant(source, data),
        terms=terms,
        exclude=_globs(source, data, "exclude"),
        per_path=_per_path(source, data),
        max_input_bytes=_max_input(source, data),
        warnings=tuple(warnings),
    )


def _max_input(path: str, data: LineDict) -> int | None:
    """`max_input_mb: N`: the size cap of each input in MiB (a whole number from 1 to 4096)."""
    raw = data.get("max_input_mb")
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 4096:
        raise _error(path, data, "max_input_mb", "must be a whole number of MiB from 1 to 4096")
    return raw * 1024 * 1024


def _per_path(path: str, data: LineDict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`per_path: {GLOB: [RULE_OR_CHECKLIST_ID, ...]}`: what is off for the files a glob matches."""
    raw = data.get("per_path")
    if raw is None:
        return ()
    if not isinstance(raw, LineDict):
        raise _error(
            path, data, "per_path", "must map path globs to lists of rule or checklist ids to turn off"
        )
    out = []
    for pattern, ids in raw.items():
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
            raise _error(
                path, raw, str(pattern), "must be a list of rule or checklist ids, e.g. [passive-voice]"
            )
        out.append((str(pattern), tuple(i.strip() for i in ids)))
    return tuple(out)


def load_config(path: Path) -> Config:
    """Read and validate a config file."""
    return parse_config(load_yaml_file(path, ConfigError), path)


# -- grammar, spelling and vocabulary keys ----------------------------------------------
# `languagetool:` is validated in grammar/settings.py. `spelling: {variant: en-US|en-GB}`.
# `vocabulary: {accept: [...], reject: [...], folder: path}`: reject entries are strings
# ("e-mail -> email") or a mapping {e-mail: email}; `folder` (relative to this file)
# holds accept.txt and/or reject.txt. A bad regex is an error naming file and line.

_VOCAB_KEYS = ("accept", "reject", "folder")


def _spelling_variant(path: str, data: LineDict) -> str | None:
    raw = data.get("spelling")
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        raise _error(path, data, "spelling", "must be a mapping like {variant: en-US}")
    for key in raw:
        if key != "variant":
            raise _error(path, raw, str(key), "unknown key under spelling (allowed: variant)")
    variant = raw.get("variant")
    if variant not in ("en-US", "en-GB"):
        raise _error(path, raw, "variant", "must be en-US or en-GB")
    return variant


def _entries(path: str, block: LineDict, key: str, *, reject: bool) -> list[Term]:
    raw = block.get(key, [])
    line = block.line_of(key)
    if reject and isinstance(raw, dict):
        pairs = []
        for term, preferred in raw.items():
            if not isinstance(term, str) or not term.strip() or not isinstance(preferred, (str, type(None))):
                raise _error(path, block, key, "must map each rejected term to its preferred term")
            pairs.append((term, preferred))
    elif isinstance(raw, list) and all(isinstance(w, str) and w.strip() for w in raw):
        pairs = []
        for entry in raw:
            term, _, preferred = entry.partition(" -> ") if reject else (entry, "", "")
            pairs.append((term, preferred.strip() or None))
    else:
        raise _error(path, block, key, "must be a list of words, phrases or regexes")
    out = []
    for term, preferred in pairs:
        try:
            out.append(compile_term(term, path, line, preferred))
        except ConfigError as exc:
            raise ConfigError(exc.message, file=path, line=line, field=f"vocabulary.{key}") from None
    return out


def _vocabulary(path: str, data: LineDict, config_path: Path) -> Vocabulary:
    block = data.get("vocabulary")
    if block is None:
        return Vocabulary()
    if not isinstance(block, LineDict):
        raise _error(path, data, "vocabulary", "must be a mapping with 'accept' and/or 'reject' lists")
    for key in block:
        if key not in _VOCAB_KEYS:
            raise _error(
                path, block, str(key), f"unknown key under vocabulary (allowed: {', '.join(_VOCAB_KEYS)})"
            )
    accept = _entries(path, block, "accept", reject=False)
    reject = _entries(path, block, "reject", reject=True)
    folder_raw = block.get("folder")
    if folder_raw is not None:
        if not isinstance(folder_raw, str) or not folder_raw.strip():
            raise _error(path, block, "folder", "must be a folder path")
        folder = (config_path.parent / folder_raw).resolve()
        files = [folder / "accept.txt", folder / "reject.txt"]
        if not folder.is_dir() or not any(f.is_file() for f in files):
            raise _error(path, block, "folder", f"no accept.txt or reject.txt in {folder_raw}")
        if files[0].is_file():
            accept += read_terms(files[0], reject=False)
        if files[1].is_file():
            reject += read_terms(files[1], reject=True)
    return Vocabulary(tuple(accept), tuple(reject))
