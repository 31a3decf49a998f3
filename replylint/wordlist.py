"""The English word list spelling judges by: word frequencies and a dictionary, in one compact file.

Two maintained sources, both PyPI packages:

- wordfreq gives the frequency of about 320,000 English tokens measured over
  subtitles, Wikipedia, web text, Reddit and Twitter, so it knows the words support
  teams write (admin, config, github, signup, hotspot) as well as dictionary English,
  and also how often the web misspells ("recieve" is there, 100 times rarer than
  "receive"). Frequencies are on the Zipf scale: log10 of uses per billion words, so 6
  is "the"-like, 3 is once per million words, 2 once per ten million.
- pyspellchecker's English list (160,000 words) is a dictionary: it has the rare real
  words ("pane", "stale", "abridged") and not the web's misspellings ("thier",
  "untill"), which tells a rare word from a typo of a frequent one.

Kept: tokens with Zipf >= `LOW` (2.0, about 99,000), and dictionary words the web
uses at all (Zipf >= 1). Tokens with an apostrophe ("don't", "that's") are kept too:
they tell a contraction written without its apostrophe ("dont") from a word.

Loading both packages costs about a second (wordfreq imports ftfy, regex and
langcodes and unpacks every token; pyspellchecker parses a JSON dictionary), more than
a cold `replylint check` can spare. So the list is built once from their data files
(found without importing either) into `<cache dir>/spelling/`, one line per frequency
tenth and source: `value<TAB>word word ...` with value = Zipf*10*2 + (1 if in the
dictionary); loading that takes a few hundredths of a second. The file name carries
both packages' versions and this module's FORMAT, so an upgrade rebuilds it. Without a
cache folder (`--no-cache`, the Python API without one) the list is built in memory
once per process.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.metadata
import importlib.util
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FORMAT = 2
LOW = 2.0  # Zipf below which a token is not a known word on frequency alone
ATTESTED = 1.0  # Zipf from which a dictionary word is kept
_TOKEN = re.compile(r"^[a-z](?:[a-z']*[a-z])?$")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one list per process
class WordList:
    """Known English words with their Zipf frequency, and contractions by their bare spelling."""

    values: dict[str, int]  # word -> Zipf * 10 * 2 + (1 if in the dictionary)
    contractions: dict[str, str] = field(default_factory=dict)  # "dont" -> "don't"

    def __contains__(self, word: str) -> bool:
        return word in self.values

    def __len__(self) -> int:
        return len(self.values)

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency, 0.0 when it is not in the list."""
        return (self.values.get(word, 0) >> 1) / 10

    def in_dictionary(self, word: str) -> bool:
        """Whether the dictionary (not just the web) has the word."""
        return bool(self.values.get(word, 0) & 1)


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, located without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def _read_wordfreq() -> dict[str, int]:
    """Zipf tenths of every plain token with Zipf >= ATTESTED, from wordfreq's cBpack file.

    The file is a msgpack list: a header, then one list of tokens per centibel of
    frequency (list i holds the tokens with frequency 10 ** (-i / 100)), so
    Zipf = 9 - i / 100.
    """
    import msgpack

    raw = _package_file("wordfreq", "data", "large_en.msgpack.gz").read_bytes()
    data = msgpack.loads(gzip.decompress(raw), raw=False)
    header, buckets = data[0], data[1:]
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise ValueError(f"unexpected wordfreq data format: {header!r}")
    out: dict[str, int] = {}
    for index, tokens in enumerate(buckets):
        tenth = round(90 - index / 10)
        if tenth < ATTESTED * 10:
            break
        out.update((t, tenth) for t in tokens if _TOKEN.match(t) and t not in out)
    return out


def _read_dictionary() -> set[str]:
    """pyspellchecker's English word list (its JSON of word: count), as a set."""
    raw = _package_file("spellchecker", "resources", "en.json.gz").read_bytes()
    return {w for w in json.loads(gzip.decompress(raw)) if _TOKEN.match(w)}


def _build() -> str:
    """The compact file's text: `value<TAB>word word ...`, one line per value."""
    tenths = _read_wordfreq()
    dictionary = _read_dictionary()
    lines: dict[int, list[str]] = {}
    for word, tenth in tenths.items():
        known = word in dictionary
        if tenth >= LOW * 10 or known:
            lines.setdefault(tenth * 2 + known, []).append(word)
    return "".join(f"{value}\t{' '.join(words)}\n" for value, words in sorted(lines.items()))


def _from_lines(text: str) -> WordList:
    values: dict[str, int] = {}
    for line in text.splitlines():
        value, _, words = line.partition("\t")
        values.update(dict.fromkeys(words.split(" "), int(value)))
    values.pop("", None)
    contractions: dict[str, str] = {}
    for word in values:
        if "'" in word:
            bare = word.replace("'", "")
            current = contractions.get(bare)
            # the most frequent contraction wins ("its" -> "it's", not "its'")
            if current is None or values[word] > values[current]:
                contractions[bare] = word
    return WordList(values, contractions)


def _cache_path(folder: Path) -> Path:
    versions = "-".join(
        f"{name}{importlib.metadata.version(name)}" for name in ("wordfreq", "pyspellchecker")
    )
    return folder / "spelling" / f"words-en-{versions}-v{FORMAT}.txt"


@lru_cache(maxsize=4)
def load(cache_dir: Path | None = None) -> WordList:
    """The word list, from the compact file in `cache_dir` (built there first if missing)."""
    if cache_dir is None:
        return _from_lines(_build())
    path = _cache_path(cache_dir)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return _from_lines(path.read_text(encoding="utf-8"))
    text = _build()
    # written to a temporary file and renamed, so a concurrent run never reads half of it;
    # a folder that cannot be written only costs the next run the same build
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return _from_lines(text)
