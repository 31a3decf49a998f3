"""greeting-name kind: the greeting addresses the customer by the right name."""

from __future__ import annotations

import pytest

GENERIC = {"generic": ["there", "customer", "valued customer", "hello"]}


@pytest.fixture
def rule(make_kind_rule):
    return make_kind_rule("greeting-name", GENERIC, checklist="use-their-name", message="{detail}")


@pytest.mark.parametrize(
    ("text", "customer"),
    [
        ("Hi Sarah,\n\nThanks.\n\nBest,\nAna", "Sarah"),
        ("Hi Sarah Jones,\n\nThanks.\n\nBest,\nAna", "Sarah Jones"),
        ("Dear Ms Raman,\n\nThanks.\n\nBest,\nAna", "Priya Raman"),
        ("Hi José,\n\nThanks.\n\nBest,\nAna", "Jose"),
        ("Sarah,\n\nThanks.\n\nBest,\nAna", "Sarah"),
        ("@sarah_k Hi Sarah, thanks!\n- Ana", "Sarah"),
        ("Hi Tom,\n\nThanks.\n\nBest,\nAna", None),
    ],
)
def test_greeting_name_right_name_passes(rule, lint_rule, text: str, customer: str | None) -> None:
    assert lint_rule(rule, text, customer=customer).findings == ()


def test_greeting_name_near_miss_is_a_misspelling_with_fix(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Sara,\n\nThanks.\n\nBest,\nAna", customer="Sarah").findings
    assert (finding.match, finding.suggestions, finding.fixable) == ("Sara", ("Sarah",), True)
    assert "misspelling of Sarah" in finding.message


def test_greeting_name_title_and_surname_misspelled(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Dear Ms Ramen,\n\nThanks.\n\nBest,\nAna", customer="Priya Raman").findings
    assert finding.suggestions == ("Ms Raman",)


def test_greeting_name_other_name_is_wrong_customer(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi Tom,\n\nThanks.\n\nBest,\nAna", customer="Sarah Jones").findings
    assert finding.match == "Tom"
    assert "customer is Sarah Jones" in finding.message
    # Not a near miss of either name: the fix is the first name, as in "Hi Sarah,".
    assert finding.suggestions == ("Sarah",)


def test_greeting_name_generic_addressee(rule, lint_rule) -> None:
    text = "Hi there,\n\nThanks.\n\nBest,\nAna"
    [without] = lint_rule(rule, text).findings
    assert without.match == "there"
    assert without.suggestions == ()
    [with_name] = lint_rule(rule, text, customer="Sarah Jones").findings
    assert with_name.suggestions == ("Sarah",)


def test_greeting_name_multiword_generic(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Dear valued customer,\n\nThanks.\n\nBest,\nAna", customer="Sarah").findings
    assert finding.match == "valued customer"


def test_greeting_name_greeting_without_name(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hello,\n\nThanks.\n\nBest,\nAna", customer="Jordan").findings
    assert finding.match == "Hello,"
    assert finding.suggestions == ("Hello Jordan,",)


def test_greeting_name_no_greeting_at_all(rule, lint_rule) -> None:
    doc = lint_rule(rule, "Thanks for the note.\n\nBest,\nAna", customer="Mei")
    [finding] = doc.findings
    assert (finding.offset, finding.length) == (0, 0)
    assert finding.suggestions == ("Hi Mei,\n\n",)
    assert "no greeting" in finding.message
    assert doc.checklist["use-their-name"].status == "fail"


def test_greeting_name_handle_addresses_the_customer(rule, lint_rule) -> None:
    # An opening @handle is how social and issue-tracker replies address someone.
    doc = lint_rule(rule, "@sarah_k thanks for the note!\n- Ana", customer="Sarah")
    assert doc.findings == ()
    assert doc.checklist["use-their-name"].status == "pass"


def test_greeting_name_numeric_handle_is_not_a_name(rule, lint_rule) -> None:
    # Anonymised exports replace handles with numbers: an id addresses nobody.
    doc = lint_rule(rule, "@117034 thanks for the note!\n- Ana")
    assert [f.message for f in doc.findings] == [
        "the reply has no greeting; open with 'Hi <name>,' (give --customer NAME to check it)"
    ]
    doc = lint_rule(rule, "Hello @117080 I would like to help you with the order.\n- Ana")
    [finding] = doc.findings
    assert finding.match == "@117080"
    assert "account number" in finding.message


def test_greeting_name_said_in_passing(rule, lint_rule) -> None:
    passing = "We're on it, Sarah. The refund left today.\n\nBest,\nAna"
    assert lint_rule(rule, passing, customer="Sarah").findings == ()
    assert lint_rule(rule, passing).findings == ()
    wrong = lint_rule(rule, passing, customer="Maria")
    assert len(wrong.findings) == 1
    # A list of languages is not someone being addressed.
    listing = "We answer in English, French, German.\n\nBest,\nAna"
    assert len(lint_rule(rule, listing).findings) == 1


def test_greeting_name_comma_after_greeting_word(rule, lint_rule) -> None:
    assert lint_rule(rule, "Hi, Sarah! The refund left today.\n\nBest,\nAna", customer="Sarah").findings == ()
    [finding] = lint_rule(rule, "Hi, Sara! The refund left today.\n\nBest,\nAna", customer="Sarah").findings
    assert finding.match == "Sara"


def test_greeting_name_placeholder_in_greeting(rule, lint_rule) -> None:
    [finding] = lint_rule(rule, "Hi {{first_name}},\n\nThanks.\n\nBest,\nAna", customer="Sarah").findings
    assert finding.match == "{{first_name}}"
    assert finding.suggestions == ("Sarah",)
