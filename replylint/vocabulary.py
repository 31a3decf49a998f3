"""Team vocabulary: words, phrases or regexes to accept (never misspellings) or reject.

Entries come from `vocabulary: {accept: [...], reject: [...]}` in the config and from
`accept.txt` / `reject.txt` files (one entry a line, `#` comments, blank lines
skipped). Every entry is a regex (run with a time bound: replylint/userregex.py), so a
plain word or phrase simply matches itself;
it only ever matches whole tokens (`(?<!\\w)...(?!\\w)`), never a prefix or suffix.
Case is kept per entry: an entry with a capital letter matches exactly as written
("iOS" accepts "iOS", not "ios"); an all-lowercase entry matches in any case, so
"autopay" still accepts "Autopay" at the start of a sentence. A reject entry may name
the preferred term after ` -> ` ("e-mail -> email"; in YAML also `{e-mail: email}`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .userregex import RegexTimeout, UserPattern

_ARROW = " -> "


@dataclass(frozen=True)
class Term:
    """One vocabulary entry, compiled, with where it was written."""

    pattern: str
    source: str
    line: int = 0
    preferred: str | None = None
    regex: UserPattern = field(compare=False, hash=False, repr=False, default=None)  # type: ignore[assignment]

    @property
    def literal(self) -> bool:
        """Whether the entry is a plain word or phrase (no regex syntax)."""
        return re.escape(self.pattern).replace("\\ ", " ").replace("\\-", "-") == self.pattern

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Where the entry occurs in `text` as whole tokens.

        A runaway pattern (see userregex) is a ConfigError naming where the entry was written.
        """
        try:
            for match in self.regex.finditer(text):
                if match.end() > match.start():
                    yield match.start(), match.end()
        except RegexTimeout as exc:
            raise ConfigError(f"vocabulary entry: {exc}", file=self.source, line=self.line or None) from None


def _compile_error(pattern: str) -> str:
    """Why `pattern` alone does not compile (not the wrapped form the message would show)."""
    try:
        UserPattern(pattern)
    except ValueError as exc:
        return str(exc).split(": ", 1)[-1]
    return "not a whole regex"


def compile_term(pattern: str, source: str, line: int = 0, preferred: str | None = None) -> Term:
    """A Term, or ConfigError naming the file and line when the regex is bad."""
    pattern = pattern.strip()
    flags = 0 if any(c.isupper() for c in re.sub(r"\\.|\[[^\]]*\]|\(\?[a-zA-Z]+\)", "", pattern)) else re.I
    try:
        regex = UserPattern(r"(?<!\w)(?:" + pattern + r")(?!\w)", flags)
    except ValueError:
        reason = _compile_error(pattern)
        raise ConfigError(f"bad regex {pattern!r}: {reason}", file=source, line=line or None) from None
    return Term(pattern, source, line, preferred or None, regex)


@dataclass(frozen=True)
class Vocabulary:
    """Accepted and rejected terms, in the order they were read."""

    accept: tuple[Term, ...] = ()
    reject: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.accept or self.reject)

    def accepted_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of `text` covered by an accepted entry."""
        return [span for term in self.accept for span in term.spans(text)]

    def plain_words(self) -> frozenset[str]:
        """Lowercased literal one-word accept entries (the legacy `Config.vocabulary`)."""
        return frozenset(t.pattern.lower() for t in self.accept if t.literal and " " not in t.pattern)


def read_terms(path: Path, *, reject: bool) -> list[Term]:
    """Entries of an accept.txt / reject.txt file; a bad regex names file and line."""
    from .inputfile import read_bytes

    try:
        lines = read_bytes(path, None, ConfigError).decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read vocabulary file: {exc}", file=str(path)) from None
    out = []
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        preferred = None
        if reject and _ARROW in text:
            text, preferred = (part.strip() for part in text.split(_ARROW, 1))
        out.append(compile_term(text, str(path), number, preferred))
    return out
