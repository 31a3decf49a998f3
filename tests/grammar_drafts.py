"""The drafts the grammar tests send to LanguageTool, in one place.

tests/data/languagetool/make_recordings.py records the real server's answers to
exactly these texts (as replylint prepares them) for the imitation server, and
test_grammar.py checks those recordings against the real server, so they cannot drift.
Each draft carries problems LanguageTool 6.8 reports (checked against the real server):
EN_A_VS_AN "a hour", IT_IS_2 "Its working", MODAL_OF "could of", I_LOWERCASE "i hope",
COMMA_COMPOUND_SENTENCE (a style note), and words its spell checker flags (names,
the team's product, a placeholder, "recieve").
"""

from __future__ import annotations

SUPPORT = (
    "Hi Priyanka,\n\nThanks for writing in. Your parcel left the Flurbix depot and will arrive in a hour. "
    "You will recieve a tracking link from {{ticket.assignee.name}} today. Its working now. "
    "You could of asked sooner. We sent the label today and you will get it by Friday. "
    "i hope that helps!\n\nBest,\nAnandhi"
)
NAMES = (
    "Hi Priyanka,\n\nFlurbix sent the label to Priyanka today. You will recieve it soon.\n\nBest,\nAnandhi"
)
HTML = "<p>Hi Sam,</p><p>Thanks for writing in. <b>Its</b> working now.</p><p>Best,<br>Ana</p>"
CLEAN = "Hi Sam,\n\nThanks for writing in. Your refund is on its way.\n\nBest,\nAna"
EMOJI = "Hi Sam,\n\nThanks for writing in 🙂 You could of asked sooner.\n\nBest,\nAna"

# name: (draft, is_html)
DRAFTS = {
    "support-draft": (SUPPORT, False),
    "names-draft": (NAMES, False),
    "html-draft": (HTML, True),
    "clean-draft": (CLEAN, False),
    "emoji-draft": (EMOJI, False),
}
