"""Whether LanguageTool checked a run, as the report shows it (no imports: report.py uses it)."""

from __future__ import annotations

from dataclasses import dataclass

NOT_CONFIGURED = "no LanguageTool configured"


@dataclass(frozen=True)
class GrammarStatus:
    """Whether LanguageTool checked this run: "checked", "not checked" or "skipped", and why."""

    status: str = "not checked"
    reason: str = NOT_CONFIGURED

    @property
    def checked(self) -> bool:
        return self.status == "checked"

    def __str__(self) -> str:
        return f"grammar: {self.status}" + (f" ({self.reason})" if self.reason else "")


# the run's status when no enabled rule is a grammar rule
RULES_DISABLED = GrammarStatus("not checked", "grammar rules disabled")
