"""Rule kinds: one small module each, registered here by name.

A kind module provides OPTIONS (name -> Option), REGIONS (default regions),
MESSAGE_FIELDS (extra {fields} its hits fill), validate(options), features(options)
(the spaCy features it needs) and build(rule, pipeline) -> check(doc, spans).
"""

from __future__ import annotations

from types import ModuleType

from . import (
    fill_in,
    greeting_name,
    metric,
    occurrence,
    pattern,
    phrase,
    regex,
    required,
    signoff_name,
    spelling,
    substitution,
    template_syntax,
    understand,
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
}
