"""Sample drafts and a report builder shared by the output-format tests."""

from __future__ import annotations

from collections.abc import Sequence

from replylint.config import Config
from replylint.document import Draft
from replylint.engine import linter_for
from replylint.report import Report

# Rough on purpose: no name, blame, negative language, misspellings, wordiness, no sign-off name.
ROUGH = (
    "hey,\n\nYou failed to attach the invoice. Unfortunately we cant do anything abuot it "
    "at this point in time.\n\nRegards"
)
GOOD = (
    "Hi Sarah,\n\nThanks for writing in. I've refunded the $20 fee; you'll see it on your card "
    "within 5 days.\n\nBest,\nAna"
)
# 'Please be advised that we' (wordy) contains 'be advised' (passive): overlapping findings.
MACRO = "Hello,\n\nPlease be advised that we cant refund the fee, as per policy.\n\nThanks"


def lint_drafts(drafts: Sequence[Draft]) -> Report:
    """The default configuration's report for `drafts`, customer Sarah Jones, agent Ana."""
    linter = linter_for(Config())
    return linter.lint(drafts, linter.context(customer="Sarah Jones", agent="Ana"))
