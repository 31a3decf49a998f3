"""template-syntax: broken templates, caught before a customer sees raw braces.

Unknown variables for the template's dialect, braces that open or close nothing,
Liquid block tags never closed, and HubSpot's unresolved `[[MISSING TOKEN]]`. The
problems are found once per document by the placeholder scanner; this kind reports them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from .base import Option, inside

OPTIONS: dict[str, Option] = {}
REGIONS = ("greeting", "body", "signoff", "signature")
MESSAGE_FIELDS = frozenset({"problem", "dialect"})
SEES_PLACEHOLDERS = True


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        for issue in doc.template_issues:
            if inside(issue.start, issue.end, spans):
                yield Hit(
                    issue.start, issue.end, values={"problem": issue.problem, "dialect": doc.dialect or ""}
                )

    return check
