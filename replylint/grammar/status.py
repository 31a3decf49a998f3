"""Whether LanguageTool checked a run, as the report shows it (no imports: report.py uses it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GrammarStatus:
    """Whether LanguageTool checked this run: "checked", "not checked" or "skipped", and why."""

    status: str = "not checked"
    reason: str = "no LanguageTool configured"

    @property
    def checked(self) -> bool:
        return self.status == "checked"

    def __str__(self) -> str:
        return f"grammar: {self.status}" + (f" ({self.reason})" if self.reason else "")
