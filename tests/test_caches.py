"""The validated-rule cache never changes a result (the word list has its own tests)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from replylint import rulecache
from replylint.resources import builtin_rules_dir
from replylint.rules import load_rules, rule_files

RULE = """\
id: team-words
kind: phrase
checklist: no-extra-words
level: warning
message: "'{match}' again"
description: Team words.
options: {phrases: [%s]}
examples: {pass: ["Hi Sam, fine."], fail: ["Hi Sam, synergy."]}
"""


def test_rulecache_hit_equals_a_fresh_load_and_a_change_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    rule = folder / "team.yaml"
    rule.write_text(RULE % "synergy", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_rules([folder], cache_dir=cache)
    assert list((cache / "rules").iterdir())
    assert rulecache.read(cache, rule_files(folder), deep=True) == first
    assert (
        rulecache.read(cache, rule_files(folder), deep=False) == first
    )  # a deep entry serves a shallow read
    rule.write_text(RULE % "synergy, leverage", encoding="utf-8")
    later = time.time() + 5
    os.utime(rule, (later, later))
    assert rulecache.read(cache, rule_files(folder), deep=True) is None
    [changed] = load_rules([folder], cache_dir=cache)
    assert changed.options["phrases"] == ("synergy", "leverage")


def test_rulecache_corrupt_or_unwritable_cache_falls_back_to_the_files(tmp_path: Path) -> None:
    files = rule_files(builtin_rules_dir())
    fresh = load_rules([builtin_rules_dir()])
    cache = tmp_path / "cache"
    load_rules([builtin_rules_dir()], cache_dir=cache)
    for entry in (cache / "rules").iterdir():
        entry.write_bytes(b"not a pickle")
    assert rulecache.read(cache, files, deep=True) is None
    assert load_rules([builtin_rules_dir()], cache_dir=cache) == fresh
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert load_rules([builtin_rules_dir()], cache_dir=blocked) == fresh
