"""Writes the recorded responses: LanguageTool's /v2/check response shape for the test drafts.

No LanguageTool server was available where these were made, so the matches were
written by hand to what LanguageTool 6.x answers for these sentences (rule ids,
categories, issue types, messages) and the offsets computed from the exact text
replylint sends. Re-run after changing how drafts are prepared: python make_recordings.py
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from replylint.document import Draft, ReplyContext, prepare
from replylint.grammar.service import _ASTRAL
from tests.fake_languagetool import envelope


def sent(text, html=False):
    p = prepare(Draft(text, is_html=html), ReplyContext())
    return _ASTRAL.sub("\ufffd", p.text.rstrip())


def match(text, needle, nth, rule, cat, catname, issue, message, short, repl, desc):
    idx = -1
    for _ in range(nth + 1):
        idx = text.index(needle, idx + 1)
    start = max(0, idx - 40)
    end = min(len(text), idx + len(needle) + 40)
    ctx = text[start:end].replace("\n", " ")
    sent_start = max(text.rfind(". ", 0, idx) + 2, text.rfind("\n", 0, idx) + 1)
    sent_end = text.find("\n", idx)
    sent_end = len(text) if sent_end < 0 else sent_end
    return {
        "message": message,
        "shortMessage": short,
        "replacements": [{"value": r} for r in repl],
        "offset": idx,
        "length": len(needle),
        "context": {"text": ctx, "offset": idx - start, "length": len(needle)},
        "sentence": text[sent_start:sent_end].strip(),
        "type": {"typeName": "Other" if issue != "misspelling" else "UnknownWord"},
        "rule": {
            "id": rule,
            "description": desc,
            "issueType": issue,
            "category": {"id": cat, "name": catname},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


SPELL = (
    "MORFOLOGIK_RULE_EN_US",
    "TYPOS",
    "Possible Typo",
    "misspelling",
    "Possible spelling mistake found.",
    "Spelling mistake",
)


def spell(text, word, repl, nth=0):
    r, c, cn, i, m, s = SPELL
    return match(text, word, nth, r, c, cn, i, m, s, repl, "Possible spelling mistake")


def response(text, matches, language="en-US"):
    return envelope(matches, language)


out = {}
# 1. a support draft with a placeholder, names, vocabulary, a duplicate misspelling and style notes
t1 = sent(
    "Hi Priyanka,\n\nThanks for writing in. Your order have shipped with Flurbix and will arrive in a hour. "
    "You will recieve a tracking link from {{ticket.assignee.name}} today.  i hope that helps!\n\nBest,\nAnandhi"
)
out["support-draft"] = (
    t1,
    [
        spell(t1, "Priyanka", ["Priyank"]),
        match(
            t1,
            "have",
            0,
            "NON3PRS_VERB",
            "GRAMMAR",
            "Grammar",
            "grammar",
            "The pronoun ‘order’ must be used with a third-person verb: ‘has’.",
            "Grammatical problem",
            ["has"],
            "Agreement error: Third-person singular noun + non-3rd person verb",
        ),
        spell(t1, "Flurbix", ["Flurries"]),
        match(
            t1,
            "a hour",
            0,
            "EN_A_VS_AN",
            "MISC",
            "Miscellaneous",
            "misspelling",
            "Use ‘an’ instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, ‘an hour’.",
            "Wrong article",
            ["an hour"],
            "Use of 'a' vs. 'an'",
        ),
        spell(t1, "recieve", ["receive"]),
        spell(t1, "Xxxxxxxxxxxxxxxxxxxxxxxx", ["Xxx"]),
        match(
            t1,
            "  ",
            0,
            "WHITESPACE_RULE",
            "TYPOGRAPHY",
            "Typography",
            "whitespace",
            "Possible typo: you repeated a whitespace",
            "",
            [" "],
            "Whitespace repetition (bad formatting)",
        ),
        match(
            t1,
            "i hope",
            0,
            "I_LOWERCASE",
            "CASING",
            "Capitalization",
            "typographical",
            "The personal pronoun “I” should be uppercase.",
            "",
            ["I hope"],
            "i vs. I",
        ),
        spell(t1, "Anandhi", ["Anand"]),
    ],
)
# 2. HTML: positions must map back into the original markup
t2 = sent(
    "<p>Hi Sam,</p><p>Thanks for writing in. Your order <b>have</b> shipped.</p><p>Best,<br>Ana</p>",
    html=True,
)
out["html-draft"] = (
    t2,
    [
        match(
            t2,
            "have",
            0,
            "NON3PRS_VERB",
            "GRAMMAR",
            "Grammar",
            "grammar",
            "The pronoun ‘order’ must be used with a third-person verb: ‘has’.",
            "Grammatical problem",
            ["has"],
            "Agreement error: Third-person singular noun + non-3rd person verb",
        ),
    ],
)
# 3. a clean reply
t3 = sent("Hi Sam,\n\nThanks for writing in. Your refund is on its way.\n\nBest,\nAna")
out["clean-draft"] = (t3, [])
# 4. an emoji before the error: offsets after it must still land on the word
t4 = sent("Hi Sam,\n\nThanks for writing in 🙂 Your order have shipped.\n\nBest,\nAna")
out["emoji-draft"] = (
    t4,
    [
        match(
            t4,
            "have",
            0,
            "NON3PRS_VERB",
            "GRAMMAR",
            "Grammar",
            "grammar",
            "The pronoun ‘order’ must be used with a third-person verb: ‘has’.",
            "Grammatical problem",
            ["has"],
            "Agreement error: Third-person singular noun + non-3rd person verb",
        ),
    ],
)
for name, (text, matches) in out.items():
    matches = [m for m in matches if m]
    with open(Path(__file__).parent / f"{name}.json", "w", encoding="utf-8") as fh:
        json.dump(
            {"text": text, "language": "en-US", "response": response(text, matches)},
            fh,
            indent=2,
            ensure_ascii=False,
        )
        fh.write("\n")
    print(name, repr(text[:80]), len(matches))
