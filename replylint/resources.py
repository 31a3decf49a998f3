"""Where the packaged data lives: the built-in rules and their lexicons.

In a source checkout the data is the top-level `rules/` folder; in an installed wheel
the same folder ships as the package `replylint.builtin_rules` (see pyproject.toml).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    """The folder holding the built-in rule YAML files."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if (checkout / "lexicon").is_dir():
        return checkout
    return Path(str(resources.files("replylint") / "builtin_rules"))
