"""Rule kinds: one small module each, registered here by name.

A kind module provides OPTIONS (name -> Option), REGIONS (default regions),
MESSAGE_FIELDS (extra {fields} its hits fill) and build(rule, pipeline) -> check(doc,
spans); the optional hooks and the typed contract are in `base` (`KindModule`, `Kind`).
Importing this package imports no spaCy: kinds import it inside build().
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from .base import Kind

# The kind names; each is the module of its name in this package ("greeting-name" is
# greeting_name.py), imported when a rule of the kind is first met: a run answered from
# the result cache, or one with few kinds enabled, does not pay for importing (and
# compiling the patterns of) every kind.
_NAMES: tuple[str, ...] = (
    "phrase",
    "substitution",
    "pattern",
    "regex",
    "required",
    "occurrence",
    "metric",
    "spelling",
    "greeting-name",
    "signoff-name",
    "fill-in",
    "template-syntax",
    "understand",
    "empathy",
    "breezy-opener",
    "echoed-reference",
    "next-step",
    "vague-promise",
    "length",
    "grammar",
    "vocabulary-reject",
    "tone",
    "participle",
)


class _Kinds(Mapping[str, Kind]):
    """Kind name -> Kind, each module imported on first lookup."""

    def __init__(self) -> None:
        self._loaded: dict[str, Kind] = {}

    def __getitem__(self, name: str) -> Kind:
        kind = self._loaded.get(name)
        if kind is None:
            if name not in _NAMES:
                raise KeyError(name)
            module = importlib.import_module(f".{name.replace('-', '_')}", __name__)
            kind = self._loaded[name] = Kind.of(name, module)
        return kind

    def __contains__(self, name: object) -> bool:
        return name in _NAMES

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


KINDS: Mapping[str, Kind] = _Kinds()


def kind_features(kind: str, options: dict) -> frozenset[str]:
    """The spaCy features a rule of `kind` with `options` needs (tokens unless it says more)."""
    return KINDS[kind].features(options)
