"""The Python API: replylint.lint(text, ...) -> Report."""

from __future__ import annotations

from pathlib import Path

import pytest

import replylint
from replylint import Config, InputError, Report, lint

GOOD = "Hi Sarah,\n\nThanks for writing in. I have issued the refund, and it will reach your card within 5 business days.\n\nBest,\nAna\n"


def test_api_lint_returns_a_report() -> None:
    report = lint(GOOD, customer="Sarah", agent="Ana")
    assert isinstance(report, Report)
    [doc] = report.documents
    assert doc.source == "-"
    assert doc.text == GOOD
    assert doc.findings == ()
    assert doc.score == 100
    assert report.ready_to_send
    assert report.min_score == 80
    assert report.pipeline


def test_api_lint_names_are_checked() -> None:
    report = lint(GOOD, customer="Tom", agent="Bob")
    rules = {f.rule for f in report.documents[0].findings}
    assert rules == {"greeting-name", "signoff-name"}
    assert not report.ready_to_send


def test_api_lint_with_config_path(tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("agent: Bob\nmin_score: 95\nrules: {greeting-name: false}\n", encoding="utf-8")
    report = lint(GOOD, customer="Tom", config=config)
    assert [f.rule for f in report.documents[0].findings] == ["signoff-name"]
    assert report.min_score == 95
    report = lint(GOOD, customer="Tom", config=str(config))
    assert [f.rule for f in report.documents[0].findings] == ["signoff-name"]


def test_api_lint_with_config_object() -> None:
    report = lint(GOOD, config=Config(agent="Bob", customer="Sarah"))
    assert [f.rule for f in report.documents[0].findings] == ["signoff-name"]


def test_api_explicit_names_beat_config() -> None:
    report = lint(GOOD, agent="Ana", config=Config(agent="Bob", customer="Sarah"))
    assert report.documents[0].findings == ()


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_api_empty_text_raises_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        lint(text)
    assert "empty" in str(info.value)
    assert isinstance(info.value, replylint.ReplylintError)


def test_api_source_is_reported() -> None:
    report = lint(GOOD, source="ticket-42.txt")
    assert report.documents[0].source == "ticket-42.txt"


def test_api_version_is_exported() -> None:
    assert replylint.__version__
    assert "lint" in replylint.__all__
