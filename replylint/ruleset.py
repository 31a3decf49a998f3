"""Load and compile rules: what a configuration enables, the pipeline it needs, checks built once.

The first of the engine's three jobs (load and compile / run checks / score). Loading
is pure data work and imports no spaCy, so `rules list` and `rules show` stay fast;
compiling loads the one pipeline the enabled rules need and builds every rule's check
against it, once per configuration and process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    return list(by_id.values())


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


@dataclass(frozen=True)
class RuleSet:
    """The enabled rules compiled against one pipeline, plus the kind sessions they share."""

    rules: tuple[Rule, ...]
    pipeline: Any  # nlp.Pipeline
    sessions: dict[str, Any]
    compiled: tuple[CompiledRule, ...]

    @classmethod
    def compile(cls, rules: Sequence[Rule], config: Config) -> RuleSet:
        """Load the pipeline the enabled rules need and build every check once."""
        from .kinds import KINDS
        from .nlp import load_pipeline  # the only import of the spaCy side, and only here

        enabled = tuple(r for r in rules if r.enabled)
        pipeline = load_pipeline(config.model, required_features(enabled))
        # A kind with a session hook gets one shared object per rule set (the grammar
        # kind's LanguageTool client and cache, the spelling kind's vocabulary).
        sessions = {
            name: kind.session(config, enabled, pipeline)
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
        return cls(enabled, pipeline, sessions, compiled)

    @property
    def weights(self) -> dict[str, float]:
        return {r.id: r.weight for r in self.rules}

    @property
    def rules_by_item(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.rules:
            out.setdefault(r.checklist, []).append(r.id)
        return out
