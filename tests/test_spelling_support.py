"""Spelling that knows support: vocabulary accept/reject, variants, non-prose, ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import Config, load_config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules
from replylint.errors import ConfigError
from replylint.vocabulary import Vocabulary, compile_term

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def _run(text: str, config: Config | None = None, ids: tuple[str, ...] = ("spelling",)) -> list:
    config = config or Config()
    linter = Linter([r for r in configured_rules(config) if r.id in ids], config)
    return list(linter.lint([Draft(BODY.format(text))], linter.context("Sam", "Ana")).documents[0].findings)


def _matches(text: str, config: Config | None = None, ids: tuple[str, ...] = ("spelling",)) -> list[str]:
    return [f.match for f in _run(text, config, ids)]


def _vocab(accept: tuple[str, ...] = (), reject: tuple[tuple[str, str | None], ...] = ()) -> Config:
    terms = Vocabulary(
        tuple(compile_term(a, "test") for a in accept),
        tuple(compile_term(t, "test", 0, p) for t, p in reject),
    )
    return Config(terms=terms, vocabulary=terms.plain_words())


@pytest.mark.parametrize(
    "text",
    [
        "Open C:\\Users\\sam\\Downloads\\invoce.pdf and send it back.",
        "The log is at /var/log/flurbx/sync.log on the server.",
        "Please update to v2.14.0-beta or 3.1.4 first.",
        "Your ticket INC0042 and order ORD-48213 are linked, see #4521.",
        "Run `flurbx --resynk` and paste the output.",
        "Write to suport@acme.example or visit https://acme.example/helpdesk/artcle.",
        "Download statment-march.pdf from the portal.",
    ],
)
def test_spelling_support_never_flags_non_prose(text: str) -> None:
    assert _matches(text) == []


def test_spelling_support_contractions_possessives_and_compounds() -> None:
    text = "We'll check Sam's order; you're all set and it's a well-known follow-up that we've re-sent."
    assert _matches(text) == []
    assert _matches("The cutomer's order is a follow-upp.") == ["cutomer", "upp"]


def test_spelling_support_vocabulary_accept_whole_tokens_and_case() -> None:
    config = _vocab(accept=("Flurbix", "autopayz", r"ACME-\d+"))
    assert _matches("Flurbix and autopayz work with ACME-12.", config) == []
    # never as a prefix or suffix
    assert _matches("We sent two autopayzes today.", config) == ["autopayzes"]
    # case kept: a capitalised entry in another case is flagged with the team's spelling
    [finding] = _run("Open flurbix to start.", config)
    assert (finding.match, finding.suggestions, finding.fixable) == ("flurbix", ("Flurbix",), True)
    # an all-lowercase entry also accepts a capital at the start of a sentence
    assert _matches("Autopayz is on.", config) == []


def test_spelling_support_phrases_in_vocabulary() -> None:
    config = _vocab(accept=("Zorp Cloudz",))
    assert _matches("Zorp Cloudz is syncing.", config) == []


def test_spelling_support_reject_terms_are_errors_with_the_preferred_term() -> None:
    config = _vocab(reject=(("log-in", "sign in"), ("whitelist", "allowlist")))
    findings = _run("Please log-in and whitelist our domain.", config, ("vocabulary-reject",))
    assert [(f.match, f.suggestions, f.level.value) for f in findings] == [
        ("log-in", ("sign in",), "error"),
        ("whitelist", ("allowlist",), "error"),
    ]
    assert _matches("The whitelisted domains are fine.", config, ("vocabulary-reject",)) == []


def test_spelling_support_builtin_reject_keeps_the_capital() -> None:
    [finding] = _run("E-mail us any time.", ids=("vocabulary-reject",))
    assert finding.suggestions == ("Email",)


def test_spelling_support_variants() -> None:
    text = "Your favourite colour was cancelled."
    assert _matches(text) == []  # no variant: both accepted
    us = _run(text, Config(spelling_variant="en-US"))
    assert [(f.match, f.suggestions) for f in us] == [
        ("favourite", ("favorite",)),
        ("colour", ("color",)),
        ("cancelled", ("canceled",)),
    ]
    assert _matches("Your favorite color.", Config(spelling_variant="en-GB")) == ["favorite", "color"]


def test_spelling_support_suggestions_ranked_by_distance_domain_frequency() -> None:
    [finding] = _run("Your parcle is here.")
    assert finding.suggestions[0] == "parcel"  # support word first among distance-1 candidates
    [finding] = _run("The tracknig link works.")
    assert finding.suggestions[0] == "tracking"  # a swap is one edit
    [finding] = _run("We recieved it.")  # the common list comes first and is a safe fix
    assert finding.suggestions == ("received",) and finding.fixable


def _config_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / ".replylint.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_spelling_support_vocabulary_files(tmp_path: Path) -> None:
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "accept.txt").write_text("# products\nFlurbix\nZorp(?:ify)?\n", encoding="utf-8")
    (tmp_path / "vocab" / "reject.txt").write_text("e-mail -> email\nwhitelist\n", encoding="utf-8")
    config = load_config(_config_file(tmp_path, "vocabulary:\n  accept: [Quuxly]\n  folder: vocab\n"))
    assert [t.pattern for t in config.terms.accept] == ["Quuxly", "Flurbix", "Zorp(?:ify)?"]
    assert [(t.pattern, t.preferred, t.line) for t in config.terms.reject] == [
        ("e-mail", "email", 1),
        ("whitelist", None, 2),
    ]
    assert _matches("Quuxly, Flurbix and Zorpify.", config) == []


def test_spelling_support_bad_regex_in_vocabulary_file_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "accept.txt").write_text("Flurbix\n\nZorp(ify\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(_config_file(tmp_path, "vocabulary: {folder: vocab}\n"))
    assert err.value.file.endswith("accept.txt") and err.value.line == 3
    assert "accept.txt:3" in str(err.value)


def test_spelling_support_bad_regex_in_config_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(_config_file(tmp_path, "vocabulary:\n  reject: ['[oops']\n"))
    assert err.value.line == 2 and err.value.field == "vocabulary.reject"


def test_spelling_support_variant_must_be_known(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="en-US or en-GB"):
        load_config(_config_file(tmp_path, "spelling: {variant: en-AU}\n"))
