"""Large runs in bounded memory: reports spooled to disk, output written a piece at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

import replylint
from replylint.fixer import write_atomic_with
from replylint.spool import DocumentSpool


def test_spool_reads_back_equal_in_order_by_index_and_slice() -> None:
    docs = [
        d
        for text in ("Hi Sam,\n\nThanks!\n\nBest,\nAna", "hey", "Hello Jo, sorry.")
        for d in replylint.lint(text).documents
    ]
    assert any(f.fix is not None for d in docs for f in d.findings)  # fixes and levels go through too
    spool = DocumentSpool(docs[:1])
    spool.extend(docs[1:])
    assert len(spool) == 3 and list(spool) == docs
    assert [repr(f) for d in spool for f in d.findings] == [repr(f) for d in docs for f in d.findings]
    assert spool[1] == docs[1] and spool[-1] == docs[2] and spool[1:] == tuple(docs[1:])
    assert spool == tuple(docs) and spool != tuple(docs[:2])
    assert spool.all_ready is False and spool.failed == []
    # a failed document keeps its error and traceback, and the spool remembers it
    from replylint.document import Draft
    from replylint.scoring import failed

    broken = failed(Draft("x", source="b.txt"), ValueError("boom"), "Traceback: boom")
    spool.append(broken)
    assert spool[-1] == broken and spool[-1].traceback == "Traceback: boom"
    assert spool.failed == [broken]
    spool = DocumentSpool(docs)
    # two readers at once never share a file position
    pairs = [(a.text, b.text) for a, b in zip(spool, spool, strict=True)]
    assert pairs == [(d.text, d.text) for d in docs]


def test_write_atomic_with_leaves_the_file_as_it_was_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")

    def produce(write):  # type: ignore[no-untyped-def]
        write("half of a new ")
        raise RuntimeError("the formatter died")

    with pytest.raises(RuntimeError):
        write_atomic_with(target, produce)
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left
    assert write_atomic_with(target, lambda write: [write("new "), write("report\n")] and 7) == 7
    assert target.read_text(encoding="utf-8") == "new report\n"


def test_cli_output_of_a_spooled_run_equals_an_in_memory_one(tmp_path: Path, monkeypatch) -> None:
    """Through the CLI, a run linted in windows and spooled writes the same report as one
    held in memory, in every format, to stdout and to -o; an unreadable file among the
    drafts is still reported (exit 2) after the others' results."""
    from click.testing import CliRunner

    from replylint import run
    from replylint.cli import main

    texts = ["Hi Sam,\n\nThanks for writing. Your order ships today.\n\nBest,\nAna", "hey. we cant do that"]
    for i in range(5):
        (tmp_path / f"d{i}.txt").write_text(texts[i % 2], encoding="utf-8")
    args = ["check", "--no-cache", "-j", "1", str(tmp_path)]
    outputs = {}
    for window in (1000, 2):
        monkeypatch.setattr(run, "WINDOW", window)
        for fmt in ("json", "text", "line", "github", "sarif"):
            result = CliRunner().invoke(main, [*args, "--format", fmt])
            assert result.exit_code == 1, result.output
            outputs[window, fmt] = result.stdout
        report = tmp_path.parent / f"out-{window}.json"
        assert CliRunner().invoke(main, [*args, "--format", "json", "-o", str(report)]).exit_code == 1
        outputs[window, "-o"] = report.read_text(encoding="utf-8")
    for key in ("json", "text", "line", "github", "sarif", "-o"):
        assert outputs[2, key] == outputs[1000, key], key
    assert outputs[2, "-o"] == outputs[2, "json"] and outputs[2, "json"].count('"source"') == 5
    (tmp_path / "zz.txt").write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(main, [*args, "--format", "line"])
    assert result.exit_code == 2 and "zz.txt" in result.stderr
    assert result.stdout == outputs[2, "line"]


def test_restored_finding_equals_the_constructed_one() -> None:
    """The cache and the spool rebuild findings without __init__: the result must be the
    same Finding, and Finding must have nothing in __post_init__ that this would skip."""
    import dataclasses

    from replylint.findings import FINDING_FIELDS, Finding, Fix, Level, restored_finding
    from replylint.report import item_result

    made = Finding(
        "r", "c", Level.WARNING, "m", 1, 2, 1, 2, "ab", ("x",), True, "body", 1, 4, Fix(1, 2, "x"), ()
    )
    values = {name: getattr(made, name) for name in FINDING_FIELDS}
    again = restored_finding(values)
    assert again == made and hash(again) == hash(made) and repr(again) == repr(made)
    assert not hasattr(Finding, "__post_init__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.rule = "other"  # type: ignore[misc]
    assert item_result("pass", "ok", 1.0) is item_result("pass", "ok", 1.0)
