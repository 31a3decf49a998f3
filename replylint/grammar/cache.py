"""LanguageTool results on disk, keyed by the text and every setting that changes them.

So a CI re-run over an unchanged library sends no requests at all. One small JSON
file per checked text under `<cache dir>/languagetool/v1/ab/abcdef....json`; written
to a temporary file and renamed, so concurrent runs never see half a file. Failures
are never cached. A file that cannot be read or parsed, or holds any entry that is
not a valid match for its text, counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import datacheck, diskcache

FORMAT = 1


def cache_key(text: str, settings: dict[str, Any]) -> str:
    """A stable hash of the text and the request settings."""
    blob = json.dumps({"format": FORMAT, "settings": settings, "text": text}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_STRING_FIELDS = ("rule_id", "category", "issue_type", "message")


def valid_match(entry: Any, text_length: int) -> bool:
    """Whether a cached entry is a match `LTMatch.from_json` can take, inside the text.

    The cache is a folder anyone can write to (or a disk can corrupt): `"offset": 1e400`,
    a negative length or a match past the end of the text would otherwise reach the
    findings and the JSON output.
    """
    if not isinstance(entry, dict):
        return False
    offset, length = entry.get("offset"), entry.get("length")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (offset, length)):
        return False
    if offset < 0 or length < 0 or offset + length > text_length:
        return False
    if not all(isinstance(entry.get(name), str) for name in _STRING_FIELDS):
        return False
    replacements = entry.get("replacements")
    if not isinstance(replacements, list) or not all(isinstance(r, str) for r in replacements):
        return False
    sentence = entry.get("sentence", "")
    if not isinstance(sentence, str):
        return False
    return not any(
        datacheck.surrogate_problem(v) for v in (*replacements, sentence, *map(entry.get, _STRING_FIELDS))
    )


class ResultCache:
    """Read and write cached match lists; `folder=None` is a cache that never hits."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "languagetool" / f"v{FORMAT}" if folder is not None else None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, text_length: int) -> list[dict[str, Any]] | None:
        """The cached matches for `key` (a text of `text_length` characters), or None.

        Every match is checked (see `valid_match`): one bad entry makes the whole file
        a miss, and the text is sent to the server again.
        """
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        matches = data.get("matches") if isinstance(data, dict) else None
        if not isinstance(matches, list) or not all(valid_match(m, text_length) for m in matches):
            return None
        return matches

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        """Store matches; a cache that cannot be written is silently skipped (it is only a cache)."""
        if self.folder is None:
            return
        try:
            data = json.dumps({"matches": matches}, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):
            return
        diskcache.write(self._path(key), data)
