"""Good replies the tone rules must leave alone: reassurance, retold problems, conditions,
questions, plain facts and instructions. Written for this test; each line is a sentence a
careful agent would send. A false alarm here teaches agents to ignore the tool."""

from __future__ import annotations

import pytest

import replylint

TONE_RULES = {"negative-language", "refusal-language", "policy-language", "deflection", "blaming-language"}

GOOD = [
    "You won't be charged again, and you don't need to return the old router.",
    "There's no fee for the exchange, and no signature is required on delivery.",
    "You mentioned the app doesn't open since the update; I've reset your session.",
    "I'm sorry the parcel didn't arrive on Friday. A new one leaves today by express post.",
    "If the code doesn't arrive within five minutes, check the spam folder.",
    "When you can't find the button, it's under Settings > Billing.",
    "Did the refund not show up on your statement yet?",
    "Can't find the invoice? It's attached to this e-mail.",
    "It ships today, so you should have it by Thursday.",
    "Don't worry about the packaging; the courier will bring a box.",
    "Please don't hesitate to reply if anything looks off.",
    "Nothing else is needed on your end; we'll take it from here.",
    "I fixed the typo in your e-mail address on our side, so the reset link will reach you now.",
    "The new version no longer crashes on start-up, and the update is free.",
    "We won't share your details with anyone.",
    "I haven't seen this error before, so I've asked our engineers to look at the log today.",
    "Your order won't be affected by the delay at the warehouse.",
    "You can change the delivery address until the order ships.",
    "The store opens at nine on Saturdays, and parking is free.",
    "It only takes a minute to switch plans in the app.",
    "There's no need to call us; the refund is already on its way.",
    "You don't have to be online for the backup to finish.",
    "I can see why that was confusing, so here are the three steps again.",
    "We refunded the second charge this morning; it shows in three to five days.",
    "We don't store card numbers on our servers.",
    "You can't go wrong with either plan.",
    "I don't think you'll need the adapter.",
    "We can't wait to see what you build.",
    "I couldn't agree more.",
    "I can't thank you enough for the feedback.",
    "Your plan doesn't expire until June.",
    "It works as expected now that the update is installed.",
    "The problem was on our side, and it's fixed now.",
    "This is not an issue with your account at all.",
    "Do not share this code with anyone, including us.",
    "The password must contain at least eight characters.",
]


@pytest.mark.parametrize("sentence", GOOD)
def test_tone_leaves_good_sentences_alone(sentence: str) -> None:
    report = replylint.lint(f"Hi Sam,\n\n{sentence}\n\nBest,\nAna", customer="Sam", agent="Ana")
    flagged = [(f.rule, f.match) for f in report.documents[0].findings if f.rule in TONE_RULES]
    assert flagged == [], f"false alarm on a good sentence: {sentence!r}: {flagged}"
