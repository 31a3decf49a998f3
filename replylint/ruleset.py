"""Load and compile rules: what a configuration enables, the pipeline it needs, checks built once.

The first of the engine's three jobs (load and compile / run checks / score). Loading
is pure data work and imports no spaCy, so `rules list` and `rules show` stay fast;
compiling loads the one pipeline the enabled rules need and builds every rule's check
against it, once per configuration and process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import replace as _replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import ConfigError
from .resources import builtin_rules_dir
from .rules import Rule, load_rules, override

if TYPE_CHECKING:
    from .kinds.base import Check


def configured_rules(config: Config, extra_dirs: Sequence[Path] = (), *, deep: bool = True) -> list[Rule]:
    """Built-in rules, then config rule folders, with config overrides applied.

    `deep=False` skips validation that needs spaCy (for listing rules only).
    """
    folders = [builtin_rules_dir(), *config.rule_dirs, *extra_dirs]
    rules = load_rules(folders, deep=deep, cache_dir=config.cache_dir)
    by_id = {r.id: r for r in rules}
    for rule_id, setting in config.rules.items():
        if rule_id not in by_id:
            raise ConfigError(
                f"no rule with id '{rule_id}' (see `replylint rules list`)",
                file=config.path,
                line=setting.line or None,
                field=f"rules.{rule_id}",
            )
        by_id[rule_id] = override(
            by_id[rule_id],
            enabled=setting.enabled,
            level=setting.level,
            weight=setting.weight,
            options=setting.options,
            source=f"{config.path}:{setting.line}" if config.path else "config",
            deep=deep,
        )
    return _selected(list(by_id.values()), config)


def _selected(rules: list[Rule], config: Config) -> list[Rule]:
    """Rules as `--select`/`--ignore` leave them: ids are rule ids or checklist ids."""
    if not config.select and not config.ignore:
        return rules
    known = {r.id for r in rules} | {r.checklist for r in rules}
    for flag, ids in (("--select", config.select), ("--ignore", config.ignore)):
        for rule_id in ids:
            if rule_id not in known:
                raise ConfigError(
                    f"{flag}: no rule or checklist item '{rule_id}' (see `replylint rules list`)"
                )
    out = []
    for r in rules:
        chosen = not config.select or r.id in config.select or r.checklist in config.select
        dropped = r.id in config.ignore or r.checklist in config.ignore
        out.append(r if (chosen and not dropped) or not r.enabled else _replace(r, enabled=False))
    return out


def required_features(rules: Iterable[Rule]) -> frozenset[str]:
    """The spaCy features the enabled rules need, together."""
    from .kinds import KINDS

    needed: set[str] = {"tokens", "sentences"}
    for rule in rules:
        if rule.enabled:
            needed |= KINDS[rule.kind].features(rule.options)
    return frozenset(needed)


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its check built against the loaded pipeline."""

    rule: Rule
    check: Check
    sees_placeholders: bool


class RuleSet:
    """The enabled rules, compiled against one pipeline on first use, plus the kind sessions.

    Compiling loads spaCy and builds every check, a second or more; a run whose every
    document comes from the result cache (`resultcache`) never asks, so it never pays.
    One RuleSet is shared by every Linter of a configuration, so it compiles once.
    """

    def __init__(self, rules: Sequence[Rule], config: Config) -> None:
        self.rules: tuple[Rule, ...] = tuple(r for r in rules if r.enabled)
        self.config = config

    @classmethod
    def compile(cls, rules: Sequence[Rule], config: Config) -> RuleSet:
        """The rule set of these rules; the pipeline and checks are built when first needed."""
        return cls(rules, config)

    @property
    def compiled_yet(self) -> bool:
        """Whether the pipeline has been loaded and the checks built."""
        return "_built" in self.__dict__

    @functools.cached_property
    def _built(self) -> tuple[Any, dict[str, Any], tuple[CompiledRule, ...]]:
        from .kinds import KINDS
        from .nlp import load_pipeline  # the only import of the spaCy side, and only here

        enabled = self.rules
        pipeline = load_pipeline(self.config.model, required_features(enabled))
        # A kind with a session hook gets one shared object per rule set (the grammar
        # kind's LanguageTool client and cache, the spelling kind's vocabulary).
        sessions = {
            name: kind.session(self.config, enabled, pipeline)
            for name in dict.fromkeys(r.kind for r in enabled)
            if (kind := KINDS[name]).session is not None
        }
        compiled = tuple(
            CompiledRule(
                r,
                KINDS[r.kind].build(r, pipeline, sessions.get(r.kind)),
                KINDS[r.kind].sees_placeholders,
            )
            for r in enabled
        )
        return pipeline, sessions, compiled

    @property
    def pipeline(self) -> Any:  # nlp.Pipeline
        return self._built[0]

    @property
    def sessions(self) -> dict[str, Any]:
        return self._built[1]

    @property
    def compiled(self) -> tuple[CompiledRule, ...]:
        return self._built[2]

    @property
    def weights(self) -> dict[str, float]:
        return {r.id: r.weight for r in self.rules}

    @property
    def rules_by_item(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.rules:
            out.setdefault(r.checklist, []).append(r.id)
        return out
