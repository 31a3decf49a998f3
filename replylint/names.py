"""Comparing people's names: accents, titles and near-miss spellings.

Both name checks use this: "Hi Sara" for Sarah is a misspelling to correct, "Hi Tom"
for Sarah is the wrong customer, "Dear Ms Raman" is fine for Priya Raman.
"""

from __future__ import annotations

import re
import unicodedata

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mme", "m"})


def fold(name: str) -> str:
    """Lowercase without accents or punctuation, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w\s-]", "", plain).lower().strip()


def words(name: str) -> list[str]:
    """The folded words of a name, titles removed."""
    return [w for w in fold(name).replace("-", " ").split() if w.rstrip(".") not in TITLES]


def usable(name: str | None) -> str | None:
    """The name with its whitespace tidied, or None when it names nobody.

    A name must have a word with a letter once titles are set aside: "Dr.", "Mr", ":",
    " " and "\r" name nobody, so they count as no name at all instead of reaching the
    checks that take a name apart ("the first word of the agent's name"). Every kind
    reads the run's names through this one function. Where such a name came from (a
    flag, the environment, a config file, front matter, a library item) is known only
    where it is read, which is where a warning naming that source belongs.
    """
    if name is None:
        return None
    if not any(c.isalpha() for word in words(name) for c in word):
        return None
    return " ".join(name.split())


def distance(a: str, b: str) -> int:
    """Levenshtein edit distance."""
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def close(a: str, b: str) -> bool:
    """Whether `a` looks like a misspelling of `b` (not a different name)."""
    a, b = fold(a), fold(b)
    if not a or not b or a == b:
        return False
    limit = 1 if min(len(a), len(b)) <= 4 else 2
    return distance(a, b) <= limit or (len(a) > 3 and (a.startswith(b) or b.startswith(a)))


def matches(written: str, expected: str) -> bool:
    """Whether `written` addresses the person called `expected`.

    Any one word of the expected name, in order, is enough ("Sarah", "Ms Jones",
    "Sarah Jones"), as long as every written word belongs to the name.
    """
    got = words(written)
    want = words(expected)
    return bool(got) and all(w in want for w in got)


def best_part(written: str, expected: str) -> str:
    """The word of `expected` that `written` most likely meant (first name by default)."""
    want = expected.split()
    got = words(written)
    if not want:
        return expected
    has_title = any(w.rstrip(".").lower() in TITLES for w in written.split())
    if has_title and len(want) > 1:
        return want[-1]
    if got:
        scored = sorted(want, key=lambda w: distance(fold(w), got[0]))
        if close(got[0], scored[0]) or fold(scored[0]) == got[0]:
            return scored[0]
    return want[0]


def nobody(who: str, name: str) -> str:
    """The warning for a `who` ("customer", "agent") name that `usable` refuses; the caller
    puts where it came from in front (a flag, a file and line, an item, a stream line)."""
    return (
        f"{who} name {name!r} has no letter (titles aside), so it names nobody; "
        f"checked as if no {who} name was given"
    )
