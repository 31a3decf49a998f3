"""The LanguageTool disk cache: an entry that is not a valid match for its text is a miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.grammar.cache import ResultCache, cache_key, valid_match

GOOD = {
    "offset": 4,
    "length": 3,
    "rule_id": "MORFOLOGIK_RULE_EN_US",
    "category": "TYPOS",
    "issue_type": "misspelling",
    "message": "Possible spelling mistake found.",
    "replacements": ["the"],
    "sentence": "Hi, teh order.",
}


def test_grammar_cache_round_trip(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache_key("Hi, teh order.", {"language": "en-US"})
    assert cache.get(key, 14) is None
    cache.put(key, [GOOD])
    assert cache.get(key, 14) == [GOOD]
    assert ResultCache(None).get(key, 14) is None


@pytest.mark.parametrize(
    "change",
    [
        {"offset": 1e400},
        {"offset": -1},
        {"length": -5},
        {"length": 4.0},
        {"offset": True},
        {"offset": 12, "length": 3},  # past the end of the 14-character text
        {"offset": "4"},
        {"message": None},
        {"rule_id": ["x"]},
        {"replacements": "the"},
        {"replacements": [1]},
        {"sentence": 3},
        {"message": "bad \ud800"},
    ],
)
def test_grammar_cache_invalid_entries_are_misses(tmp_path: Path, change: dict) -> None:
    cache = ResultCache(tmp_path)
    key = cache_key("Hi, teh order.", {})
    entry = {**GOOD, **change}
    assert not valid_match(entry, 14)
    cache.put(key, [GOOD])
    [path] = list(tmp_path.rglob("*.json"))
    path.write_text(json.dumps({"matches": [GOOD, entry]}), encoding="utf-8")
    assert cache.get(key, 14) is None


@pytest.mark.parametrize(
    "raw",
    ['{"matches": [{"offset": 1e400}]}', "[]", '{"matches": {}}', "not json", "[" * 100_000, ""],
)
def test_grammar_cache_unreadable_files_are_misses(tmp_path: Path, raw: str) -> None:
    cache = ResultCache(tmp_path)
    key = cache_key("text", {})
    cache.put(key, [])
    [path] = list(tmp_path.rglob("*.json"))
    path.write_text(raw, encoding="utf-8")
    assert cache.get(key, 4) is None


def test_grammar_cache_put_never_raises_on_text_it_cannot_write(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache_key("x", {})
    cache.put(key, [{**GOOD, "message": "bad \ud800"}])  # skipped: it is only a cache
    assert cache.get(key, 14) is None
    assert not list(tmp_path.rglob("*.tmp"))


def test_grammar_cache_missing_key_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put(cache_key("a", {}), [])
    assert cache.get(cache_key("b", {}), 1) is None
    assert json.loads(next(tmp_path.rglob("*.json")).read_text(encoding="utf-8")) == {"matches": []}
