"""A cache of validated rule sets, so a cold start does not parse and validate YAML again.

Reading 30 rule files, validating every key and importing every kind module to do
it is a tenth of a second or more at each start; `rules list` needs none of it once
the rules are known. A folder's rules are pickled under the cache folder with a key
made of the rule files' paths, sizes and modification times, the Python version and
the sizes and times of replylint's own modules (a changed kind may validate
differently), and whether the validation was deep (spaCy's pattern schema). A deep
entry also serves a shallow read. Any problem reading or writing the cache is
ignored: the rules are then loaded from the files, as without a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Rule

_PACKAGE = Path(__file__).resolve().parent
FORMAT = 1


def _stamp(paths: Sequence[Path]) -> list[tuple[str, int, int]]:
    out = []
    for p in paths:
        st = p.stat()
        out.append((str(p), st.st_size, st.st_mtime_ns))
    return out


def _code_stamp() -> list[tuple[str, int, int]]:
    modules = sorted(_PACKAGE.glob("*.py")) + sorted(_PACKAGE.glob("kinds/*.py"))
    return _stamp(modules)


def _key(files: Sequence[Path], deep: bool) -> str:
    payload = repr((FORMAT, sys.version, deep, _stamp(files), _code_stamp()))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def read(cache_dir: Path | None, files: Sequence[Path], deep: bool) -> list[Rule] | None:
    """The cached rules for these files, or None."""
    if cache_dir is None:
        return None
    for depth in (True,) if deep else (True, False):
        try:
            with open(cache_dir / "rules" / f"{_key(files, depth)}.pickle", "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            continue
    return None


def write(cache_dir: Path | None, files: Sequence[Path], deep: bool, rules: list[Rule]) -> None:
    """Store validated rules (atomically; silently skipped when the cache cannot be written)."""
    if cache_dir is None:
        return
    folder = cache_dir / "rules"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(rules, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{_key(files, deep)}.pickle")
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError):
        return
