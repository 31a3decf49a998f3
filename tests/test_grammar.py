"""grammar: LanguageTool through language-tool-python, against a real LanguageTool server.

The tests that take `languagetool_url` run against a real server (`make languagetool`
locally; .ci/run starts one and makes them fail rather than skip without it). The
imitation server (tests/fake_languagetool.py) is used only for what a real server
cannot be made to do: answer too slowly, rate-limit, send a malformed answer; and, in
`upstream` mode, to count requests and requests in flight while passing real answers
through. Its recordings are checked against the real server below.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_languagetool import FakeLanguageTool, load_recordings
from grammar_drafts import CLEAN, DRAFTS, EMOJI, HTML, NAMES, SUPPORT

from replylint.cli import main
from replylint.config import Config, load_config
from replylint.document import Draft, parse_documents
from replylint.engine import Linter, configured_rules
from replylint.errors import ConfigError
from replylint.findings import Level
from replylint.formatters import json_format, text
from replylint.grammar.ruleset import rules_off
from replylint.grammar.settings import PUBLIC_URL, LanguageToolSettings
from replylint.readers.library import read_text, split_entries
from replylint.vocabulary import Vocabulary, compile_term

PROOFREAD = ("grammar", "grammar-style", "spelling", "repeated-word")


@pytest.fixture
def proxy(languagetool_url: str) -> Iterator[FakeLanguageTool]:
    """The real server behind a counting pass-through on 127.0.0.1."""
    with FakeLanguageTool(upstream=languagetool_url) as server:
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


# -- matches to findings, against the real server ---------------------------------------


@pytest.mark.languagetool
def test_grammar_maps_real_matches_to_levels_and_suggestions(languagetool_url: str) -> None:
    report = _lint(_linter(_config(languagetool_url)), SUPPORT)
    assert report.grammar.status == "checked", report.grammar
    doc = report.documents[0]
    found = _found(doc)
    assert ("grammar", "a", Level.ERROR) in found  # EN_A_VS_AN: grammar, though LT calls it "misspelling"
    assert ("grammar", "Its", Level.ERROR) in found  # IT_IS_2: a real-word error in LT's TYPOS category
    assert ("grammar", "could of", Level.ERROR) in found  # MODAL_OF
    assert ("grammar-style", " and", Level.SUGGESTION) in found  # COMMA_COMPOUND_SENTENCE, punctuation
    its = next(f for f in doc.findings if f.match == "Its")
    assert SUPPORT[its.offset : its.offset + its.length] == "Its"
    assert its.suggestions[0] == "It's"
    could = next(f for f in doc.findings if f.match == "could of")
    assert could.suggestions[:2] == ("could have", "could've") and not could.fixable


@pytest.mark.languagetool
def test_grammar_one_finding_per_typo_and_names_placeholders_vocabulary_never_flagged(
    proxy: FakeLanguageTool,
) -> None:
    doc = _lint(_linter(_config(proxy.url)), SUPPORT).documents[0]
    # the spelling rule reports the misspelling, once
    assert [f.rule for f in doc.findings if f.match == "recieve"] == ["spelling"]
    grammar = [f.match for f in doc.findings if f.rule.startswith("grammar")]
    for word in ("Priyanka", "Anandhi", "Flurbix", "{{ticket.assignee.name}}", "recieve"):
        assert not any(word in m for m in grammar), f"LanguageTool's match on {word!r} should not be reported"
    # while replylint's spelling rule is on, LanguageTool's spell checker is not asked at all
    disabled = proxy.checks[-1]["disabledRules"].split(",")
    assert "MORFOLOGIK_RULE_EN_US" in disabled and "THANKS_FOR_CONTACTING_ME" in disabled


@pytest.mark.languagetool
def test_grammar_without_the_spelling_rule_keeps_languagetool_spelling_but_not_on_names(
    proxy: FakeLanguageTool,
) -> None:
    doc = _lint(_linter(_config(proxy.url), ("grammar",)), NAMES).documents[0]
    assert "MORFOLOGIK_RULE_EN_US" not in proxy.checks[-1].get("disabledRules", "")
    assert [f.match for f in doc.findings] == ["recieve"]  # not Priyanka, Anandhi, Flurbix


@pytest.mark.languagetool
def test_grammar_positions_map_back_through_html(languagetool_url: str) -> None:
    report = _lint(
        _linter(_config(languagetool_url), ("grammar",)), HTML, html=True, customer="Sam", agent="Ana"
    )
    [finding] = report.documents[0].findings
    assert HTML[finding.offset : finding.offset + finding.length] == "Its"
    assert (finding.line, finding.column) == (1, HTML.index("Its") + 1)


@pytest.mark.languagetool
def test_grammar_positions_map_back_into_a_library_file(languagetool_url: str) -> None:
    body = "Hi {{ticket.requester.first_name}},\n\nThanks for the \u201cphotos\u201d. Its working now.\n\nBest,\nAna"
    macro = {
        "id": 7,
        "title": "Fixed",
        "actions": [{"field": "comment_value", "value": ["channel:all", body]}],
    }
    raw = json.dumps({"macros": [macro]}, indent=2)
    drafts, _ = split_entries(read_text(raw, "macros.json", suffix=".json"))
    linter = _linter(_config(languagetool_url), ("grammar",))
    report = linter.lint(drafts, linter.context())
    [finding] = [f for d in report.documents for f in d.findings]
    line = raw.splitlines()[finding.line - 1]
    assert line[finding.column - 1 : finding.column - 1 + len("Its")] == "Its"


@pytest.mark.languagetool
def test_grammar_emoji_does_not_shift_offsets(languagetool_url: str) -> None:
    report = _lint(_linter(_config(languagetool_url), ("grammar",)), EMOJI, customer="Sam", agent="Ana")
    [finding] = report.documents[0].findings
    assert finding.match == "could of"


@pytest.mark.languagetool
def test_grammar_config_rule_and_category_lists_reach_the_server(
    proxy: FakeLanguageTool, tmp_path: Path
) -> None:
    config = _config(proxy.url, tmp_path, disabled_rules=("IT_IS_2",), disabled_categories=("PUNCTUATION",))
    doc = _lint(_linter(config), SUPPORT).documents[0]
    matches = [f.match for f in doc.findings]
    assert "Its" not in matches and " and" not in matches
    assert "could of" in matches
    form = proxy.checks[-1]
    assert "IT_IS_2" in form["disabledRules"].split(",")
    assert form["disabledCategories"] == "PUNCTUATION"


@pytest.mark.languagetool
def test_grammar_enabled_rules_turn_a_default_off_rule_back_on(proxy: FakeLanguageTool) -> None:
    config = _config(proxy.url, enabled_rules=("THANKS_FOR_CONTACTING_ME",))
    draft = "Hi Sam,\n\nThanks for contacting us.\n\nBest,\nAna"
    doc = _lint(_linter(config, ("grammar-style",)), draft).documents[0]
    assert "THANKS_FOR_CONTACTING_ME" not in proxy.checks[-1].get("disabledRules", "")
    assert [f.match for f in doc.findings] == ["contacting us"]
    default = _lint(_linter(_config(proxy.url), ("grammar-style",)), draft).documents[0]
    assert "THANKS_FOR_CONTACTING_ME" in proxy.checks[-1]["disabledRules"].split(",")
    assert default.findings == ()


@pytest.mark.languagetool
def test_grammar_rule_option_ignore_rules(languagetool_url: str) -> None:
    config = _config(languagetool_url)
    rules = [r for r in configured_rules(config) if r.id == "grammar"]
    rules = [replace(rules[0], options={**rules[0].options, "ignore_rules": ("MODAL_OF",)})]
    linter = Linter(rules, config)
    doc = linter.lint([Draft(SUPPORT)], linter.context("Priyanka", "Anandhi")).documents[0]
    matches = [f.match for f in doc.findings]
    assert "could of" not in matches and "Its" in matches


def test_grammar_rules_off_follow_the_enabled_replylint_rules() -> None:
    assert "MORFOLOGIK_RULE_EN_US" in rules_off(["spelling"])
    assert "MORFOLOGIK_RULE_EN_US" not in rules_off(["grammar"])
    assert "I_LOWERCASE" in rules_off(["lowercase-i"]) and "I_LOWERCASE" not in rules_off([])
    assert "THANKS_FOR_CONTACTING_ME" in rules_off([])


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


@pytest.mark.languagetool
def test_grammar_required_exit_codes_with_a_real_server(languagetool_url: str, tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Sam,\n\nThanks for writing in. Your refund is on its way today.\n\nBest,\nAna\n")
    config = tmp_path / ".replylint.yaml"
    args = ["check", str(draft), "--config", str(config), "--no-cache", "--customer", "Sam", "--agent", "Ana"]
    config.write_text(f"languagetool: {{url: '{languagetool_url}', required: true}}\n")
    checked = CliRunner().invoke(main, [*args, "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["grammar"]["status"] == "checked"
    config.write_text(
        f"languagetool: {{url: 'http://127.0.0.1:{_closed_port()}', timeout: 2, required: true}}\n"
    )
    assert CliRunner().invoke(main, args).exit_code == 3


# -- cache and batching -----------------------------------------------------------------


@pytest.mark.languagetool
def test_grammar_cache_makes_reruns_request_free(proxy: FakeLanguageTool, tmp_path: Path) -> None:
    config = _config(proxy.url, tmp_path / "cache")
    first = _lint(_linter(config), SUPPORT, CLEAN)
    assert len(proxy.checks) == 2 and proxy.language_requests == 1
    second = _lint(_linter(config), SUPPORT, CLEAN)
    assert len(proxy.checks) == 2 and proxy.language_requests == 1  # no client built, no request
    assert second.grammar.reason.endswith("2 of 2 from cache")
    assert _found(first.documents[0]) == _found(second.documents[0])
    assert ("grammar", "could of", Level.ERROR) in _found(second.documents[0])


@pytest.mark.languagetool
def test_grammar_corrupt_cache_entries_are_misses(proxy: FakeLanguageTool, tmp_path: Path) -> None:
    """Entries no server could have sent (offset 1e400, negative length, past the text)
    make the cache file a miss: the text is asked again and the findings are unchanged."""
    config = _config(proxy.url, tmp_path / "cache")
    first = _lint(_linter(config), SUPPORT)
    files = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(files) == 1 and len(proxy.checks) == 1
    good = json.loads(files[0].read_text(encoding="utf-8"))
    assert good["matches"]
    for corrupt in ({"offset": "1e400"}, {"length": -5}, {"offset": 10**6}, {"replacements": "x"}):
        entry = {**good["matches"][0], **corrupt}
        raw = json.dumps({"matches": [entry]}).replace('"1e400"', "1e400")
        files[0].write_text(raw, encoding="utf-8")
        before = len(proxy.checks)
        again = _lint(_linter(config), SUPPORT)
        assert len(proxy.checks) == before + 1, corrupt  # a miss: asked again
        assert _found(again.documents[0]) == _found(first.documents[0])
        assert all(f.length >= 0 for f in again.documents[0].findings)


@pytest.mark.languagetool
def test_grammar_no_cache_asks_again(proxy: FakeLanguageTool) -> None:
    config = _config(proxy.url, None)
    _lint(_linter(config), CLEAN)
    _lint(_linter(config), CLEAN)
    assert len(proxy.checks) == 2


@pytest.mark.languagetool
def test_grammar_cache_key_includes_settings(proxy: FakeLanguageTool, tmp_path: Path) -> None:
    _lint(_linter(_config(proxy.url, tmp_path)), CLEAN)
    _lint(_linter(_config(proxy.url, tmp_path, disabled_rules=("IT_IS_2",))), CLEAN)
    _lint(_linter(_config(proxy.url, tmp_path), ("grammar",)), CLEAN)  # spell checker back on
    assert len(proxy.checks) == 3


@pytest.mark.languagetool
def test_grammar_batch_requests_have_bounded_concurrency(languagetool_url: str, tmp_path: Path) -> None:
    drafts = [f"Hi Sam,\n\nYour order {n} is on its way. Its working now.\n\nBest,\nAna" for n in range(12)]
    with FakeLanguageTool(upstream=languagetool_url, delay=0.15) as server:
        report = _lint(_linter(_config(server.url, tmp_path, concurrency=3)), *drafts)
        assert len(server.checks) == 12
        assert 1 < server.max_in_flight <= 3
    assert report.grammar.status == "checked"
    assert all(("grammar", "Its", Level.ERROR) in _found(doc) for doc in report.documents)


@pytest.mark.languagetool
def test_grammar_prefetch_happens_before_rules_run(languagetool_url: str, tmp_path: Path) -> None:
    linter = _linter(_config(languagetool_url, tmp_path))
    service = linter.sessions["grammar"].service
    _lint(linter, SUPPORT, CLEAN, HTML)
    assert service.requests == 3  # one per text, all from prefetch, none from the checks


# -- the imitation server against the real one ------------------------------------------


@pytest.mark.languagetool
def test_grammar_recordings_match_the_real_server(languagetool_url: str) -> None:
    """The imitation answers what the real server answers, for every recorded draft."""
    import urllib.parse
    import urllib.request

    recordings = load_recordings()
    assert len(recordings) == len(DRAFTS)

    def key(match: dict) -> tuple:
        rule = match["rule"]
        return (match["offset"], match["length"], rule["id"], rule["category"]["id"], rule["issueType"])

    for sent, recorded in recordings.items():
        form = urllib.parse.urlencode({"text": sent, "language": "en-US"}).encode()
        with urllib.request.urlopen(languagetool_url + "v2/check", form, timeout=60) as response:
            real = json.load(response)
        assert sorted(map(key, real["matches"])) == sorted(map(key, recorded["matches"])), (
            f"recording drifted from the real server for {sent[:40]!r}: "
            "re-run tests/data/languagetool/make_recordings.py"
        )


def test_grammar_recordings_are_in_languagetool_shape() -> None:
    for text_, response in load_recordings().items():
        assert set(response) >= {"software", "language", "warnings", "matches"}
        for match in response["matches"]:
            assert set(match) >= {
                "message",
                "replacements",
                "offset",
                "length",
                "context",
                "sentence",
                "rule",
            }
            assert set(match["rule"]) >= {"id", "description", "issueType", "category"}
            assert text_[match["offset"] : match["offset"] + match["length"]]


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


def test_grammar_unknown_key_and_local_mode_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown key"):
        load_config(_write_config(tmp_path, "languagetool: {server: x}\n"))
    with pytest.raises(ConfigError, match="mode: local is not supported") as err:
        load_config(_write_config(tmp_path, "languagetool:\n  mode: local\n"))
    assert err.value.line == 2 and err.value.field == "languagetool.mode"
