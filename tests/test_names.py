"""Names with no letter in them (a title alone, punctuation, whitespace) name nobody."""

from __future__ import annotations

import pytest

from replylint import lint, names

DRAFT = "Hi Sarah,\n\nThanks for writing in. Your refund is on its way.\n\nBest,\nAna"
TEMPLATE = "Hi [Customer Name],\n\nThanks for writing in.\n\nBest,\n[Agent Name]"
NO_LETTER = ["Dr.", "Mr", ":", " ", "\r", "", "--", "Ms.  Mrs"]


@pytest.mark.parametrize("name", NO_LETTER)
def test_names_usable_is_none_without_a_letter(name: str) -> None:
    assert names.usable(name) is None


def test_names_usable_tidies_whitespace_and_keeps_titles_with_a_name() -> None:
    assert names.usable("  Dr.\tPriya \n Raman ") == "Dr. Priya Raman"
    assert names.usable("Ana") == "Ana"
    assert names.usable("李") == "李"
    assert names.usable(None) is None


@pytest.mark.parametrize("name", NO_LETTER)
def test_names_without_a_letter_are_treated_as_no_name(name: str) -> None:
    """The name checks run as if no name was given: no crash, no finding about the name."""
    for kwargs in ({"agent": name}, {"customer": name}, {"agent": name, "customer": name}):
        named = lint(DRAFT, **kwargs).documents[0]
        unnamed = lint(DRAFT).documents[0]
        assert [f.rule for f in named.findings] == [f.rule for f in unnamed.findings], kwargs
        template = lint(TEMPLATE, **kwargs).documents[0]
        fill_ins = [f for f in template.findings if f.rule == "leftover-fill-in"]
        assert fill_ins and all(not f.suggestions for f in fill_ins), kwargs


def test_names_a_real_name_still_checks_the_sign_off() -> None:
    report = lint(DRAFT, agent="Dr. Maria").documents[0]
    assert any(f.rule == "signoff-name" and "Maria" in f.message for f in report.findings)
