"""Rule kinds: one small module each, registered here by name.

A kind module provides OPTIONS (name -> Option), REGIONS (default regions),
MESSAGE_FIELDS (extra {fields} its hits fill) and build(rule, pipeline) -> check(doc,
spans); optionally validate(options) for checks across options, and features(options)
for the spaCy features it needs beyond tokens.
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

KINDS: dict[str, ModuleType] = {
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


def kind_features(kind: str, options: dict) -> frozenset[str]:
    """The spaCy features a rule of `kind` with `options` needs (tokens unless it says more)."""
    features = getattr(KINDS[kind], "features", None)
    return features(options) if features else frozenset({"tokens"})
