"""The reply checklist: item ids are a stable public contract (JSON keys, rule files)."""

from __future__ import annotations

CHECKLIST: dict[str, str] = {
    "use-their-name": "Greet the customer by their name",
    "use-your-name": "Sign with your own name",
    "thank-them": "Thank them for writing",
    "understand-request": "Show you understood their request",
    "eli5": "Explain simply",
    "no-negative-language": "No negative or blaming language",
    "no-extra-words": "No filler or wordy phrasing",
    "proofread": "Proofread",
    "ready-to-send": "Ready to send",
}

VERDICT = "ready-to-send"
SCORED_ITEMS = tuple(item for item in CHECKLIST if item != VERDICT)
