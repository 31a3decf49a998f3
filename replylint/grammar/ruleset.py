"""Which LanguageTool rules replylint asks the server to turn off, from rules/lexicon/languagetool.yaml.

Two lists, kept as data: rules that conflict with support writing (greeting and
sign-off lines, emoticons, menu arrows, "5-10 days"), and rules a replylint rule
already covers (LanguageTool's spell checker while replylint's `spelling` rule is on,
its whitespace rule while `double-space` is on, ...), so one problem gets one finding.
The ids go out as `disabledRules` with every request (and so into the cache key);
a team's `languagetool.enabled_rules` turns any of them back on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from ..resources import builtin_rules_dir
from ..yamlfile import load_yaml_file
from .settings import LanguageToolSettings


@lru_cache(maxsize=1)
def _lists() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    data = load_yaml_file(builtin_rules_dir() / "lexicon" / "languagetool.yaml")
    off = tuple(str(rule) for rule in data.get("conventions") or {})
    covered = {str(k): tuple(str(r) for r in v) for k, v in (data.get("covered_by") or {}).items()}
    return off, covered


def rules_off(enabled_rule_ids: Iterable[str]) -> tuple[str, ...]:
    """LanguageTool rule ids to disable when these replylint rules are enabled (sorted)."""
    off, covered = _lists()
    out = set(off)
    for rule_id in enabled_rule_ids:
        out.update(covered.get(rule_id, ()))
    return tuple(sorted(out))


def with_rules_off(settings: LanguageToolSettings, enabled_rule_ids: Iterable[str]) -> LanguageToolSettings:
    """The settings with replylint's default-off rules added (the team's enabled_rules win)."""
    wanted = set(settings.enabled_rules)
    extra = [r for r in rules_off(enabled_rule_ids) if r not in wanted]
    disabled = tuple(dict.fromkeys((*settings.disabled_rules, *extra)))
    return replace(settings, disabled_rules=disabled)
