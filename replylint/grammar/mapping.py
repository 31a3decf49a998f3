"""LanguageTool matches as replylint sees them, and which level each one gets.

A match is kept as a small JSON-able record (what the disk cache stores). Offsets are
Python string offsets into the text that was sent, which is the document's checked
text, so the engine maps them back through placeholder masking and HTML stripping
like any other hit.

Levels: LanguageTool's `issueType` and category decide. Misspellings and grammar
(including confused words) are errors; style, typography, casing, punctuation,
whitespace, redundancy and anything LanguageTool leaves uncategorised are
suggestions. The two built-in rules `grammar` (error) and `grammar-style`
(suggestion) each take one side, so a team can re-level or disable either in config.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR_ISSUE_TYPES = frozenset({"misspelling", "grammar"})
ERROR_CATEGORIES = frozenset({"TYPOS", "GRAMMAR", "CONFUSED_WORDS", "NONSTANDARD_PHRASES"})
SUGGESTION_CATEGORIES = frozenset(
    {"CASING", "TYPOGRAPHY", "STYLE", "PUNCTUATION", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE"}
)
# LanguageTool's spell checkers (dictionary look-ups). Not the TYPOS category: it also
# holds real-word rules (IT_IS_2 "Its working", MODAL_OF "could of") that a word list
# cannot see and that must survive the spelling filters.
SPELL_CHECKER_PREFIXES = ("MORFOLOGIK_RULE", "HUNSPELL")


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match: where, what rule, what it says, what to write instead."""

    offset: int
    length: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()
    sentence: str = ""

    @property
    def end(self) -> int:
        return self.offset + self.length

    @property
    def is_spelling(self) -> bool:
        """Whether the match comes from the spell checker (a word not in its dictionary)."""
        # issueType "misspelling" is no guide: EN_A_VS_AN and IT_IS_2 carry it too
        return self.rule_id.startswith(SPELL_CHECKER_PREFIXES)

    @property
    def severity(self) -> str:
        """'error' or 'suggestion' (see the module docstring)."""
        return severity(self.issue_type, self.category)

    def to_json(self) -> dict[str, Any]:
        return {
            "offset": self.offset,
            "length": self.length,
            "rule_id": self.rule_id,
            "category": self.category,
            "issue_type": self.issue_type,
            "message": self.message,
            "replacements": list(self.replacements),
            "sentence": self.sentence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LTMatch:
        """From the cache format; raises KeyError/TypeError/ValueError when it is not one."""
        return cls(
            offset=int(data["offset"]),
            length=int(data["length"]),
            rule_id=str(data["rule_id"]),
            category=str(data["category"]),
            issue_type=str(data["issue_type"]),
            message=str(data["message"]),
            replacements=tuple(str(r) for r in data["replacements"]),
            sentence=str(data.get("sentence", "")),
        )

    @classmethod
    def from_client(cls, match: Any) -> LTMatch:
        """From a language_tool_python `Match` (raises when the server's answer lacked fields)."""
        offset, length = int(match.offset), int(match.error_length)
        if offset < 0 or length < 0:
            raise ValueError("negative offset or length")
        return cls(
            offset=offset,
            length=length,
            rule_id=str(match.rule_id),
            category=str(match.category),
            issue_type=str(match.rule_issue_type),
            message=str(match.message),
            replacements=tuple(str(r) for r in match.replacements),
            sentence=str(getattr(match, "sentence", "") or ""),
        )


def severity(issue_type: str, category: str) -> str:
    """'error' for misspellings and grammar, 'suggestion' for style, typography, casing and the rest."""
    if category in SUGGESTION_CATEGORIES:
        return "suggestion"
    if issue_type in ERROR_ISSUE_TYPES or category in ERROR_CATEGORIES:
        return "error"
    return "suggestion"
