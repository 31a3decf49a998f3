"""The English word list for spelling: pyspellchecker's, loaded once per process.

pyspellchecker reads its list from gzipped JSON into a Counter of 160,000 words, a
quarter of a second at every cold start. With a cache folder the loaded checker is
pickled there once (keyed on pyspellchecker's version and its list file) and read
back in a fifth of that time. Any problem with the cache falls back to the package's
own loading, so the cache can never change a result, only the start-up time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any


def _key() -> str | None:
    import spellchecker

    source = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    try:
        st = source.stat()
    except OSError:
        return None
    stamp = (getattr(spellchecker, "__version__", ""), sys.version, str(source), st.st_size, st.st_mtime_ns)
    return hashlib.sha256(repr(stamp).encode()).hexdigest()[:32]


def load(cache_dir: Path | None = None) -> Any:
    """A SpellChecker for English with distance 1, from the cache when it can be."""
    from spellchecker import SpellChecker

    key = _key() if cache_dir is not None else None
    path = cache_dir / "words" / f"{key}.pickle" if cache_dir is not None and key else None
    if path is not None:
        try:
            with open(path, "rb") as handle:
                checker = pickle.load(handle)
            if isinstance(checker, SpellChecker):
                return checker
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass
    checker = SpellChecker(language="en", distance=1)
    if path is not None:
        _store(path, checker)
    return checker


def _store(path: Path, checker: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(checker, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError):
        return
