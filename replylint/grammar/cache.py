"""LanguageTool results on disk, keyed by the text and every setting that changes them.

So a CI re-run over an unchanged library sends no requests at all. One small JSON
file per checked text under `<cache dir>/languagetool/v1/ab/abcdef....json`; written
to a temporary file and renamed, so concurrent runs never see half a file. Failures
are never cached. A file that cannot be read or parsed counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import diskcache

FORMAT = 1


def cache_key(text: str, settings: dict[str, Any]) -> str:
    """A stable hash of the text and the request settings."""
    blob = json.dumps({"format": FORMAT, "settings": settings, "text": text}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """Read and write cached match lists; `folder=None` is a cache that never hits."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "languagetool" / f"v{FORMAT}" if folder is not None else None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The cached matches for `key`, or None."""
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        matches = data.get("matches") if isinstance(data, dict) else None
        return matches if isinstance(matches, list) else None

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        """Store matches; a cache that cannot be written is silently skipped (it is only a cache)."""
        if self.folder is None:
            return
        try:
            data = json.dumps({"matches": matches}, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):
            return
        diskcache.write(self._path(key), data)
