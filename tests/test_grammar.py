"""grammar: LanguageTool through language-tool-python, against a LanguageTool-compatible server.

The server (tests/fake_languagetool.py) runs on 127.0.0.1 and answers from recorded
responses in LanguageTool's real shape; the real language-tool-python client talks
to it over HTTP. The `languagetool`-marked test at the end runs against a real
server when REPLYLINT_LANGUAGETOOL_URL is set.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fake_languagetool import FakeLanguageTool, load_recordings

from replylint.config import Config, load_config
from replylint.document import Draft, parse_documents
from replylint.engine import Linter, configured_rules
from replylint.errors import ConfigError
from replylint.findings import Level
from replylint.formatters import json_format, text
from replylint.grammar.settings import PUBLIC_URL, LanguageToolSettings
from replylint.vocabulary import Vocabulary, compile_term

SUPPORT = (
    "Hi Priyanka,\n\nThanks for writing in. Your order have shipped with Flurbix and will arrive in a hour. "
    "You will recieve a tracking link from {{ticket.assignee.name}} today.  i hope that helps!\n\nBest,\nAnandhi"
)
HTML = "<p>Hi Sam,</p><p>Thanks for writing in. Your order <b>have</b> shipped.</p><p>Best,<br>Ana</p>"
CLEAN = "Hi Sam,\n\nThanks for writing in. Your refund is on its way.\n\nBest,\nAna"
EMOJI = "Hi Sam,\n\nThanks for writing in 🙂 Your order have shipped.\n\nBest,\nAna"
PROOFREAD = ("grammar", "grammar-style", "spelling", "repeated-word")


@pytest.fixture
def fake_lt() -> Iterator[FakeLanguageTool]:
    """A LanguageTool-compatible server on 127.0.0.1 answering from the recordings."""
    with FakeLanguageTool() as server:
        yield server


def _config(url: str | None, tmp_path: Path | None = None, **settings: object) -> Config:
    lt = LanguageToolSettings(url=url, mode="remote" if url else "off", **settings)  # type: ignore[arg-type]
    return Config(
        languagetool=lt,
        cache_dir=tmp_path,
        terms=Vocabulary(accept=(compile_term("Flurbix", "config"),)),
    )


def _linter(config: Config, ids: tuple[str, ...] = PROOFREAD) -> Linter:
    rules = [r for r in configured_rules(config) if r.id in ids]
    return Linter(rules, config)


def _lint(
    linter: Linter, *texts: str, html: bool = False, customer: str = "Priyanka", agent: str = "Anandhi"
):
    drafts = [Draft(t, is_html=html) for t in texts]
    return linter.lint(drafts, linter.context(customer=customer, agent=agent))


def _found(doc) -> list[tuple[str, str, Level]]:
    return [(f.rule, f.match, f.level) for f in doc.findings]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- off unless configured --------------------------------------------------------------


def test_grammar_not_configured_is_reported_in_text_and_json() -> None:
    report = _lint(_linter(Config()), CLEAN)
    assert (report.grammar.status, report.grammar.reason) == ("not checked", "no LanguageTool configured")
    assert "grammar: not checked (no LanguageTool configured)" in text.render(report)
    payload = json.loads(json_format.render(report))
    assert payload["grammar"] == {"status": "not checked", "reason": "no LanguageTool configured"}
    assert payload["version"] == 2


def test_grammar_not_configured_skips_the_rule_with_the_reason() -> None:
    linter = _linter(Config(), ("grammar",))
    doc = next(parse_documents([Draft(CLEAN)], linter.context(), linter.pipeline))
    findings, skipped = linter.findings(doc)
    assert findings == [] and skipped == {"grammar": "no LanguageTool configured"}


# -- matches to findings ----------------------------------------------------------------


def test_grammar_maps_matches_to_levels_and_suggestions(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    report = _lint(_linter(_config(fake_lt.url, tmp_path)), SUPPORT)
    assert report.grammar.status == "checked"
    assert fake_lt.unknown_texts == [], "the text sent must be the recorded one"
    doc = report.documents[0]
    found = _found(doc)
    assert ("grammar", "have", Level.ERROR) in found
    assert ("grammar", "a hour", Level.ERROR) in found  # EN_A_VS_AN is grammar, not a word-list question
    assert ("grammar-style", "i hope", Level.SUGGESTION) in found  # CASING
    assert ("grammar-style", "  ", Level.SUGGESTION) in found  # TYPOGRAPHY / whitespace
    have = next(f for f in doc.findings if f.match == "have")
    assert have.suggestions == ("has",) and have.fixable
    assert "third-person verb" in have.message
    assert SUPPORT[have.offset : have.offset + have.length] == "have"


def test_grammar_drops_names_vocabulary_placeholders_and_spelling_duplicates(
    fake_lt: FakeLanguageTool, tmp_path: Path
) -> None:
    doc = _lint(_linter(_config(fake_lt.url, tmp_path)), SUPPORT).documents[0]
    grammar_matches = [f.match for f in doc.findings if f.rule.startswith("grammar")]
    for dropped in ("Priyanka", "Anandhi", "Flurbix", "{{ticket.assignee.name}}", "recieve"):
        assert dropped not in grammar_matches, f"LanguageTool's match on {dropped!r} should be dropped"
    # the misspelling is still reported once, by replylint's own spelling rule (merged)
    assert [f.rule for f in doc.findings if f.match == "recieve"] == ["spelling"]


def test_grammar_keeps_languagetool_misspellings_without_the_spelling_rule(
    fake_lt: FakeLanguageTool, tmp_path: Path
) -> None:
    doc = _lint(_linter(_config(fake_lt.url, tmp_path), ("grammar",)), SUPPORT).documents[0]
    matches = [f.match for f in doc.findings]
    assert "recieve" in matches
    assert "Priyanka" not in matches and "Flurbix" not in matches


def test_grammar_positions_map_back_through_html(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    report = _lint(
        _linter(_config(fake_lt.url, tmp_path), ("grammar",)), HTML, html=True, customer="Sam", agent="Ana"
    )
    [finding] = report.documents[0].findings
    assert HTML[finding.offset : finding.offset + finding.length] == "have"
    assert (finding.line, finding.column) == (1, HTML.index("have") + 1)


def test_grammar_emoji_does_not_shift_offsets(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    report = _lint(_linter(_config(fake_lt.url, tmp_path), ("grammar",)), EMOJI, customer="Sam", agent="Ana")
    assert fake_lt.unknown_texts == []
    [finding] = report.documents[0].findings
    assert finding.match == "have"


def test_grammar_config_rule_and_category_lists_reach_the_server(
    fake_lt: FakeLanguageTool, tmp_path: Path
) -> None:
    config = _config(fake_lt.url, tmp_path, disabled_rules=("NON3PRS_VERB",), disabled_categories=("CASING",))
    doc = _lint(_linter(config), SUPPORT).documents[0]
    matches = [f.match for f in doc.findings]
    assert "have" not in matches and "i hope" not in matches
    assert "a hour" in matches
    assert fake_lt.checks[-1]["disabledRules"] == "NON3PRS_VERB"
    assert fake_lt.checks[-1]["disabledCategories"] == "CASING"


def test_grammar_rule_option_ignore_rules(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    config = _config(fake_lt.url, tmp_path)
    rules = [r for r in configured_rules(config) if r.id == "grammar"]
    rules = [replace(rules[0], options={**rules[0].options, "ignore_rules": ("EN_A_VS_AN",)})]
    doc = Linter(rules, config).lint([Draft(SUPPORT)], Linter(rules, config).context("Priyanka", "Anandhi"))
    assert "a hour" not in [f.match for f in doc.documents[0].findings]


# -- failures are visible skips ---------------------------------------------------------


def _skipped(config: Config) -> tuple[object, object]:
    report = _lint(
        _linter(config),
        "Hi Sam,\n\nThanks for writing in. We will recieve it.\n\nBest,\nAna",
        customer="Sam",
        agent="Ana",
    )
    return report.grammar, report.documents[0]


def test_grammar_unreachable_server_skips_and_other_checks_run(tmp_path: Path) -> None:
    status, doc = _skipped(_config(f"http://127.0.0.1:{_closed_port()}/", tmp_path, timeout=2))
    assert status.status == "skipped" and "unreachable" in status.reason
    assert [f.rule for f in doc.findings] == ["spelling"]  # the other checks still ran


def test_grammar_timeout_is_configurable_and_reported(tmp_path: Path) -> None:
    with FakeLanguageTool(delay=1.0) as server:
        status, _ = _skipped(_config(server.url, tmp_path, timeout=0.2))
    assert status.status == "skipped"
    assert "did not answer within 0.2 s" in status.reason


def test_grammar_rate_limit_426_is_reported(tmp_path: Path) -> None:
    with FakeLanguageTool(status=426) as server:
        status, _ = _skipped(_config(server.url, tmp_path))
    assert status.status == "skipped" and "rate-limiting" in status.reason and "426" in status.reason


def test_grammar_malformed_response_is_reported(tmp_path: Path) -> None:
    with FakeLanguageTool(malformed=True) as server:
        status, _ = _skipped(_config(server.url, tmp_path))
    assert status.status == "skipped" and "malformed" in status.reason
    assert str(status).startswith("grammar: skipped (")


def test_grammar_skip_does_not_change_the_verdict(tmp_path: Path) -> None:
    config = _config(f"http://127.0.0.1:{_closed_port()}/", tmp_path, required=True)
    report = _lint(_linter(config), CLEAN, customer="Sam", agent="Ana")
    assert report.ready_to_send  # exit 3 for `required: true` is the CLI's decision
    assert not report.grammar.checked and config.languagetool.required


def test_grammar_stops_asking_a_dead_server(tmp_path: Path) -> None:
    with FakeLanguageTool(delay=1.0) as server:
        config = _config(server.url, tmp_path, timeout=0.2, concurrency=1)
        report = _lint(
            _linter(config), *[f"Hi Sam,\n\nOrder {n} is on its way.\n\nBest,\nAna" for n in range(5)]
        )
        # language-tool-python retries a failed request once; after that the run stops asking
        assert len(server.checks) == 2
        assert {c["text"] for c in server.checks} == {"Hi Sam,\n\nOrder 0 is on its way.\n\nBest,\nAna"}
    assert report.grammar.status == "skipped" and "did not answer" in report.grammar.reason


# -- cache and batching -----------------------------------------------------------------


def test_grammar_cache_makes_reruns_request_free(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    config = _config(fake_lt.url, tmp_path / "cache")
    first = _lint(_linter(config), SUPPORT, CLEAN)
    assert len(fake_lt.checks) == 2 and fake_lt.language_requests == 1
    second = _lint(_linter(config), SUPPORT, CLEAN)
    assert len(fake_lt.checks) == 2 and fake_lt.language_requests == 1  # no client built, no request
    assert second.grammar.reason.endswith("2 of 2 from cache")
    assert _found(first.documents[0]) == _found(second.documents[0])


def test_grammar_no_cache_asks_again(fake_lt: FakeLanguageTool) -> None:
    config = _config(fake_lt.url, None)
    _lint(_linter(config), CLEAN)
    _lint(_linter(config), CLEAN)
    assert len(fake_lt.checks) == 2


def test_grammar_cache_key_includes_settings(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    _lint(_linter(_config(fake_lt.url, tmp_path)), CLEAN)
    _lint(_linter(_config(fake_lt.url, tmp_path, disabled_rules=("I_LOWERCASE",))), CLEAN)
    assert len(fake_lt.checks) == 2


def test_grammar_batch_requests_have_bounded_concurrency(tmp_path: Path) -> None:
    drafts = [f"Hi Sam,\n\nYour order {n} is on its way.\n\nBest,\nAna" for n in range(12)]
    with FakeLanguageTool(delay=0.15) as server:
        report = _lint(_linter(_config(server.url, tmp_path, concurrency=3)), *drafts)
        assert len(server.checks) == 12
        assert 1 < server.max_in_flight <= 3
    assert report.grammar.status == "checked"


def test_grammar_prefetch_happens_before_rules_run(fake_lt: FakeLanguageTool, tmp_path: Path) -> None:
    linter = _linter(_config(fake_lt.url, tmp_path))
    service = linter.sessions["grammar"].service
    _lint(linter, SUPPORT, CLEAN, HTML)
    assert service.requests == 3  # one per text, all from prefetch, none from the checks


# -- config -----------------------------------------------------------------------------


def _write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / ".replylint.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_grammar_config_block_is_read(tmp_path: Path) -> None:
    path = _write_config(
        tmp_path,
        "languagetool:\n  url: http://localhost:8010/v2\n  timeout: 3\n  required: true\n"
        "  disabled_rules: [WHITESPACE_RULE]\nspelling:\n  variant: en-GB\n",
    )
    config = load_config(path)
    lt = config.languagetool
    assert (lt.url, lt.mode, lt.timeout, lt.required) == ("http://localhost:8010/", "remote", 3.0, True)
    assert lt.disabled_rules == ("WHITESPACE_RULE",)
    linter = _linter(config)
    assert linter.sessions["grammar"].service.language == "en-GB"


def test_grammar_public_url_is_opt_in(tmp_path: Path) -> None:
    config = load_config(_write_config(tmp_path, "languagetool: {url: public}\n"))
    assert config.languagetool.url == PUBLIC_URL


@pytest.mark.parametrize(
    "bad", ["not a url", "ftp://host:21", "localhost:8010", "http://", "http://host:99999"]
)
def test_grammar_url_that_is_not_a_url_is_a_config_error(tmp_path: Path, bad: str) -> None:
    path = _write_config(tmp_path, f"languagetool:\n  url: '{bad}'\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert err.value.line == 2 and err.value.field == "languagetool.url"


def test_grammar_env_url_is_validated() -> None:
    with pytest.raises(ConfigError, match="REPLYLINT_LANGUAGETOOL_URL"):
        LanguageToolSettings().with_url("localhost 8010")
    assert LanguageToolSettings().with_url("http://lt:8010").url == "http://lt:8010/"


def test_grammar_unknown_key_and_url_with_local_mode_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown key"):
        load_config(_write_config(tmp_path, "languagetool: {server: x}\n"))
    with pytest.raises(ConfigError, match="not both"):
        load_config(_write_config(tmp_path, "languagetool: {url: 'http://a:1', mode: local}\n"))


def test_grammar_recordings_are_in_languagetool_shape() -> None:
    for text_, response in load_recordings().items():
        assert set(response) >= {"software", "language", "warnings", "matches"}
        for match in response["matches"]:
            assert set(match) >= {
                "message",
                "shortMessage",
                "replacements",
                "offset",
                "length",
                "context",
                "sentence",
                "type",
                "rule",
            }
            assert set(match["rule"]) >= {"id", "description", "issueType", "category"}
            assert text_[match["offset"] : match["offset"] + match["length"]]


# -- a real server ----------------------------------------------------------------------


@pytest.mark.languagetool
@pytest.mark.skipif(
    not os.environ.get("REPLYLINT_LANGUAGETOOL_URL"), reason="REPLYLINT_LANGUAGETOOL_URL not set"
)
def test_grammar_against_a_real_languagetool_server(tmp_path: Path) -> None:
    settings = LanguageToolSettings().with_url(os.environ["REPLYLINT_LANGUAGETOOL_URL"])
    config = Config(languagetool=settings, cache_dir=None)
    report = _lint(_linter(config, ("grammar", "grammar-style")), SUPPORT)
    assert report.grammar.status == "checked", report.grammar
    matches = [f.match for f in report.documents[0].findings]
    assert any("have" in m for m in matches), matches
    assert "Priyanka" not in matches and "Anandhi" not in matches
