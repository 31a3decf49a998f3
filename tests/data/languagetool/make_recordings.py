"""Records a real LanguageTool server's answers to the grammar test drafts, for the imitation server.

    python tests/data/languagetool/make_recordings.py http://127.0.0.1:PORT/

(start one with `make languagetool`). Each draft of tests/grammar_drafts.py is
prepared as replylint sends it and posted to /v2/check with no rules disabled; the
whole response is stored with the text, and tests/fake_languagetool.py answers from it
(dropping disabled rules as the real server does). test_grammar.py checks every
recording against the real server whenever one is running, so they cannot drift.
Re-run after changing a draft or how drafts are prepared.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[2]), str(HERE.parents[1])]

from grammar_drafts import DRAFTS  # noqa: E402

from replylint.document import Draft, ReplyContext, prepare  # noqa: E402
from replylint.grammar.service import text_to_send  # noqa: E402


def sent(text: str, html: bool) -> str:
    """The text replylint sends for a draft (placeholders masked, HTML stripped)."""
    return text_to_send(prepare(Draft(text, is_html=html), ReplyContext()))


def ask(url: str, text: str, language: str = "en-US") -> dict:
    """The real server's /v2/check response."""
    form = urllib.parse.urlencode({"text": text, "language": language}).encode()
    with urllib.request.urlopen(url.rstrip("/") + "/v2/check", form, timeout=60) as response:
        return json.load(response)


def main(url: str) -> None:
    for name, (draft, html) in DRAFTS.items():
        text = sent(draft, html)
        response = ask(url, text)
        path = HERE / f"{name}.json"
        record = {"text": text, "language": "en-US", "response": response}
        path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(name, len(response["matches"]), [m["rule"]["id"] for m in response["matches"]])


if __name__ == "__main__":
    main(sys.argv[1])
