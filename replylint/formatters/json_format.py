"""JSON output, version 1: the documented, stable shape (see README)."""

from __future__ import annotations

import json
from typing import Any

from ..report import DocumentReport, Report

VERSION = 1


def document(doc: DocumentReport) -> dict[str, Any]:
    """One document in the version-1 shape."""
    return {
        "source": doc.source,
        "item": doc.item,
        "score": doc.score,
        "ready_to_send": doc.ready_to_send,
        "checklist": {item: result.status for item, result in doc.checklist.items()},
        "findings": [
            {
                "rule": f.rule,
                "checklist": f.checklist,
                "level": f.level.value,
                "message": f.message,
                "line": f.line,
                "column": f.column,
                "offset": f.offset,
                "length": f.length,
                "match": f.match,
                "suggestions": list(f.suggestions),
            }
            for f in doc.findings
        ],
    }


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The whole report as JSON text."""
    payload = {
        "version": VERSION,
        "grammar": {"status": report.grammar.status, "reason": report.grammar.reason},
        "documents": [document(d) for d in report.documents],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
