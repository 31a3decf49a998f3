"""Rule kinds: one small module each, registered here by name.

A kind module provides OPTIONS (name -> Option), REGIONS (default regions),
MESSAGE_FIELDS (extra {fields} its hits fill) and build(rule, pipeline) -> check(doc,
spans); the optional hooks and the typed contract are in `base` (`KindModule`, `Kind`).
Importing this package imports no spaCy: kinds import it inside build().
"""

from __future__ import annotations

from types import ModuleType

from . import (
    breezy_opener,
    echoed_reference,
    empathy,
    fill_in,
    grammar,
    greeting_name,
    length,
    metric,
    next_step,
    occurrence,
    pattern,
    phrase,
    regex,
    required,
    signoff_name,
    spelling,
    substitution,
    template_syntax,
    tone,
    understand,
    vague_promise,
    vocabulary_reject,
)
from .base import Kind

_MODULES: dict[str, ModuleType] = {
    "phrase": phrase,
    "substitution": substitution,
    "pattern": pattern,
    "regex": regex,
    "required": required,
    "occurrence": occurrence,
    "metric": metric,
    "spelling": spelling,
    "greeting-name": greeting_name,
    "signoff-name": signoff_name,
    "fill-in": fill_in,
    "template-syntax": template_syntax,
    "understand": understand,
    "empathy": empathy,
    "breezy-opener": breezy_opener,
    "echoed-reference": echoed_reference,
    "next-step": next_step,
    "vague-promise": vague_promise,
    "length": length,
    "grammar": grammar,
    "vocabulary-reject": vocabulary_reject,
    "tone": tone,
}


KINDS: dict[str, Kind] = {name: Kind.of(name, module) for name, module in _MODULES.items()}


def kind_features(kind: str, options: dict) -> frozenset[str]:
    """The spaCy features a rule of `kind` with `options` needs (tokens unless it says more)."""
    return KINDS[kind].features(options)
