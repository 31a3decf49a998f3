"""--fix and --diff: safe edits, atomic writes, front matter kept, libraries refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import fixer
from replylint.cli import main
from replylint.findings import Applicability, Finding, Fix, Level

SLOPPY = (
    "Hi Sara,\n\nThanks for writing in. In order to track it, use the link below.\n"
    "You will recieve it by Friday.  It is the the fastest option.\n\nBest,\nAna\n"
)
FIXED = (
    "Hi Sarah,\n\nThanks for writing in. To track it, use the link below.\n"
    "You will receive it by Friday. It is the fastest option.\n\nBest,\nAna\n"
)


def _finding(
    offset: int, length: int, replacement: str, *, fixable: bool = True, unsafe: bool = False
) -> Finding:
    applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
    fix = Fix(offset, length, replacement, applicability) if fixable else None
    return Finding("r", "proofread", Level.ERROR, "m", offset, length, 1, offset + 1, "x" * length,
                   (replacement,), fixable, fix=fix, advice=() if fixable else (replacement,))  # fmt: skip


def test_fix_plan_skips_overlaps_advice_and_unsafe_fixes() -> None:
    findings = [
        _finding(0, 5, "a"),
        _finding(3, 4, "b"),
        _finding(10, 2, "c", fixable=False),
        _finding(20, 3, "d", unsafe=True),
        _finding(30, 0, "e"),
        _finding(30, 0, "f"),
    ]
    assert [(e.offset, e.replacement) for e in fixer.plan(findings)] == [(0, "a"), (30, "e")]
    with_unsafe = fixer.plan(findings, unsafe=True)
    assert [(e.offset, e.replacement) for e in with_unsafe] == [(0, "a"), (20, "d"), (30, "e")]


def test_fix_apply_and_diff() -> None:
    edits = [fixer.Edit(0, 5, "Howdy", "r", "Hello", 1)]
    after = fixer.apply("Hello world\n", edits)
    assert after == "Howdy world\n"
    assert "-Hello world\n+Howdy world\n" in fixer.diff("a.txt", "Hello world\n", after)


def test_fix_write_atomic_keeps_mode_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "reply.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    fixer.write_atomic(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]


def test_fix_write_atomic_failure_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "reply.txt"
    target.write_text("original")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "replace", broken_replace)
    with pytest.raises(OSError):
        fixer.write_atomic(target, "half")
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]


def test_fix_cli_rewrites_the_file_and_reports_what_changed(tmp_path: Path) -> None:
    target = tmp_path / "reply.txt"
    target.write_text(SLOPPY)
    result = CliRunner().invoke(main, ["check", str(target), "--customer", "Sarah", "--agent", "Ana", "--fix",
                                       "--no-color", "--format", "json"])  # fmt: skip
    assert target.read_text() == FIXED, result.output
    assert "fixed 5 in" in result.stderr
    assert result.exit_code == 0, result.output


def test_fix_cli_diff_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "reply.txt"
    target.write_text(SLOPPY)
    result = CliRunner().invoke(main, ["check", str(target), "--customer", "Sarah", "--diff"])
    assert target.read_text() == SLOPPY
    assert "-You will recieve it by Friday.  It is the the fastest option." in result.stdout
    assert "+You will receive it by Friday. It is the fastest option." in result.stdout
    assert result.exit_code == 1


def test_fix_cli_stdin_prints_the_fixed_text() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "replylint", "check", "--customer", "Sarah", "--agent", "Ana", "--fix"],
        input=SLOPPY, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.stdout == FIXED
    assert result.returncode == 0, result.stderr


def test_fix_cli_keeps_front_matter(tmp_path: Path) -> None:
    front = "---\ntitle: Shipping\ncustomer: Sarah\n---\n"
    target = tmp_path / "reply.md"
    target.write_text(front + SLOPPY)
    CliRunner().invoke(main, ["check", str(target), "--agent", "Ana", "--fix"])
    assert target.read_text() == front + FIXED


def test_fix_cli_refuses_library_files_and_changes_nothing(tmp_path: Path) -> None:
    library = tmp_path / "replies.yaml"
    library.write_text(
        "- id: a\n  title: A\n  body: |\n    Hi Sarah,\n\n    I just checked.\n\n    Best,\n    Ana\n"
    )
    before = library.read_bytes()
    result = CliRunner().invoke(main, ["check", str(library), "--fix"])
    assert result.exit_code == 2
    assert "not rewritten" in result.stderr
    assert library.read_bytes() == before
