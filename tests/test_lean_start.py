"""Commands that parse no reply never import spaCy (it costs about a second)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["rules", "list"], ["rules", "show", "passive-voice"], ["check", "--help"]],
    ids=["help", "version", "rules-list", "rules-show", "check-help"],
)
def test_lean_start_does_not_import_spacy(args: list[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "replylint", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "replylint.cli" in imported  # importtime really reported the imports
    heavy = [m for m in imported if m.split(".")[0] in ("spacy", "thinc", "pydantic", "vaderSentiment")]
    assert heavy == [], f"`replylint {' '.join(args)}` imported {heavy[:5]}"


def test_lean_start_check_does_import_spacy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same measurement sees spaCy when a draft is checked (so the test above can fail)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "replylint", "check", "-", "--no-color"],
        cwd=tmp_path,
        input="Hi Sam,\n\nThanks for writing in. It ships today.\n\nBest,\nAna\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "spacy" in imported
