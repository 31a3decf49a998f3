"""Spelling with a real vocabulary: web and technical words, identifiers, names, other
scripts, glued words, apostrophe slips, likely typos the web also writes, and the
compact word list that makes it cheap to load."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import wordlist
from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules

BODY = "Hi Sam,\n\n{}\n\nBest,\nAna"


def _run(text: str) -> list:
    config = Config()
    linter = Linter([r for r in configured_rules(config) if r.id == "spelling"], config)
    return list(linter.lint([Draft(BODY.format(text))], linter.context("Sam", "Ana")).documents[0].findings)


def _matches(text: str) -> list[str]:
    return [f.match for f in _run(text)]


def _fixes(text: str) -> list[tuple[str, str]]:
    return [(f.match, f.suggestions[0] if f.suggestions else "") for f in _run(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The admin can change the config from the dashboard, and the devs will check the repo.",
        "Run the cmdlet in PowerShell and paste the traceback; the SDKs are on GitHub.",
        "Pls log in again, hth! Both accts were merged and the webhook is fixed.",
        "Our taskboard and the mailqueue are updated; the billingportal should resume shortly.",
        "Your timeframe works and the hotspot, dongle and voicemail settings are synced.",
        "The window pane is stale and the typo will sever nothing.",  # rare dictionary words
    ],
)
def test_spelling_vocabulary_knows_web_technical_and_rare_dictionary_words(text: str) -> None:
    assert _matches(text) == []


def test_spelling_vocabulary_identifiers_are_left_alone_but_their_typos_are_not() -> None:
    assert _matches("Set MailboxFolderPermission and SharedCalendarSettings, then ask YouTube.") == []
    assert _matches("Check SharedCalendarSetings now.") == ["Setings"]


def test_spelling_vocabulary_names_and_other_scripts_are_not_misspellings() -> None:
    text = "Hi, Tavishka! Marisela will call you. Спасибо and 谢谢 from the team."
    assert _matches(text) == []


def test_spelling_vocabulary_markup_hashtags_and_handles_are_not_prose() -> None:
    text = "Go to Settings &gt; General, see <div>the page</div>, thanks @acmehelpz #SoHapppy"
    assert _matches(text) == []


def test_spelling_vocabulary_common_and_likely_typos_are_flagged_even_when_the_web_writes_them() -> None:
    assert _fixes("We will recieve it untill Friday, sorry for the wierd writting.") == [
        ("recieve", "receive"),
        ("untill", "until"),
        ("wierd", "weird"),
        ("writting", "writing"),
    ]


def test_spelling_vocabulary_glued_words_are_split_compounds_are_not() -> None:
    [finding] = _run("Accountand password were reset.")
    assert (finding.match, finding.suggestions[0]) == ("Accountand", "Account and")
    assert not finding.fixable  # "Accountant" is a candidate too
    [finding] = _run("We checked yourorder today.")
    assert (finding.match, finding.suggestions, finding.fixable) == ("yourorder", ("your order",), True)
    assert _matches("The helpdesk and the taskboard agree.") == []


def test_spelling_vocabulary_missing_apostrophes_but_not_real_words() -> None:
    assert _fixes("I dont know, thats odd and it wont sync.") == [
        ("dont", "don't"),
        ("thats", "that's"),
        ("wont", "won't"),
    ]
    assert _matches("Its fine, the app lets you in and your id is ready; I felt ill.") == []


def test_spelling_vocabulary_apostrophe_slips() -> None:
    assert _fixes("The choice is your's and its's settings stay.") == [("your's", "yours"), ("its's", "its")]
    assert _fixes("The new card's will arrive at noon.") == [("card's", "cards")]
    assert _matches("The driver's car and the order's been shipped.") == []


def test_spelling_vocabulary_your_for_you() -> None:
    assert _fixes("We will call your shortly.") == [("your", "you")]
    assert _fixes("Thank your for waiting.") == [("your", "you")]
    assert _matches("Thanks for your quick reply and your very first order.") == []


def test_spelling_vocabulary_word_list_is_built_once_into_the_cache(tmp_path: Path) -> None:
    wordlist.load.cache_clear()
    built = wordlist.load(tmp_path)
    [path] = (tmp_path / "spelling").iterdir()
    assert path.name.startswith("words-en-") and path.stat().st_size > 100_000
    wordlist.load.cache_clear()
    path.write_text("40\tzzqx\n", encoding="utf-8")  # proves the second load reads the file
    assert "zzqx" in wordlist.load(tmp_path) and "zzqx" not in built
    wordlist.load.cache_clear()
    assert len(built) > 90_000 and built.zipf("the") > 7 and built.in_dictionary("pane")
    assert built.contractions["dont"] == "don't" and not built.in_dictionary("untill")
