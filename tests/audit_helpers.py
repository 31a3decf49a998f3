"""Shared helpers for the audit tests: the export generator and reading results back."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import audit_export  # noqa: E402  (benchmarks/ is not a package)

__all__ = ["audit_export", "read_out"]


def read_out(out: Path) -> tuple[Any, dict[str, Any], str]:
    """(replies table, summary, report page) of a finished audit."""
    table = pq.read_table(out / "replies.parquet")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return table, summary, (out / "report.html").read_text(encoding="utf-8")
