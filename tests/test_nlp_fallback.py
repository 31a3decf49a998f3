"""The spaCy pipeline: a missing named model is a ConfigError; no model falls back to blank."""

from __future__ import annotations

import pytest

from replylint import engine, lint, nlp
from replylint.config import Config
from replylint.errors import ConfigError

GOOD = "Hi Sarah,\n\nThanks for writing in. You will recieve it today.\n\nBest,\nAna\n"


def test_nlp_named_model_not_installed_is_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        nlp.load_pipeline("en_core_web_nonexistent_xx", frozenset({"tokens", "sentences", "lemma"}))
    assert "en_core_web_nonexistent_xx" in str(info.value)
    assert info.value.field == "model"


def test_nlp_config_model_not_installed_fails_the_lint() -> None:
    with pytest.raises(ConfigError):
        lint(GOOD, config=Config(model="en_core_web_nonexistent_xx"))


def test_nlp_unknown_feature_is_config_error() -> None:
    with pytest.raises(ConfigError):
        nlp.load_pipeline(None, frozenset({"tokens", "telepathy"}))


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch):
    saved_linters = dict(engine._LINTERS)
    nlp.load_pipeline.cache_clear()
    engine._LINTERS.clear()
    monkeypatch.setattr(nlp, "installed_model", lambda: None)
    yield
    monkeypatch.undo()
    nlp.load_pipeline.cache_clear()
    engine._LINTERS.clear()
    engine._LINTERS.update(saved_linters)


def test_nlp_blank_fallback_still_lints(no_model) -> None:
    report = lint(GOOD, customer="Sarah", agent="Ana")
    assert report.pipeline_note
    assert "blank English" in report.pipeline_note
    assert report.pipeline.startswith("blank English")
    [doc] = report.documents
    assert any(f.match == "recieve" for f in doc.findings)
    assert doc.checklist["use-their-name"].status == "pass"
    assert doc.checklist["proofread"].status == "fail"


def test_nlp_blank_fallback_pattern_rules_needing_tags_skip(no_model) -> None:
    text = "Hi Sarah,\n\nThanks for writing in. The refund was processed today.\n\nBest,\nAna\n"
    [doc] = lint(text, customer="Sarah", agent="Ana").documents
    assert not any(f.rule == "passive-voice" for f in doc.findings)


def test_nlp_default_pipeline_has_no_note(default_linter) -> None:
    assert default_linter.pipeline.note is None
    assert default_linter.pipeline.model in nlp.DEFAULT_MODELS
    assert "lemma" in default_linter.pipeline.features
