"""Big and awkward input: a 2 MB draft finishes in bounded memory; no run ever modifies the input files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import lint
from replylint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SENTENCES = [
    "Thanks for writing in about your order.",
    "I checked with our warehouse this morning and the parcel left on Monday.",
    "You should recieve it by Thursday, and I will keep an eye on the tracking for you.",
    "If it has not arrived by Friday, reply here and I will send a replacement the same day.",
    "I also added free shipping to your next order as a thank-you for waiting.",
    "Unfortunately the courier in your area is running a day behind this week.",
]


def big_draft(size: int = 1_000_000) -> str:
    paragraphs = []
    total = 0
    i = 0
    while total < size:
        paragraph = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(4))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        i += 1
    return "Hi Sarah,\n\n" + "\n\n".join(paragraphs) + "\n\nBest,\nAna\n"


# Runs the CLI and reports the process's peak memory (ru_maxrss, KiB on Linux) at exit.
_MEASURED_CLI = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "f'\\npeak_rss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
    "from replylint.cli import main\n"
    "main()\n"
)


@pytest.mark.slow
def test_bad_input_two_megabyte_draft_in_bounded_memory(tmp_path: Path) -> None:
    """A 2 MB draft (a pasted thread, a log) is checked whole, under 600 MiB peak."""
    text = big_draft(2_000_000)
    assert len(text) >= 2_000_000
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPLYLINT_")}
    args = [sys.executable, "-c", _MEASURED_CLI, "check", str(path), "--customer", "Sarah", "--agent", "Ana"]
    started = time.perf_counter()
    try:
        # The timeout only guards the suite against a hang; it is not a speed requirement.
        proc = subprocess.run(
            [*args, "--format", "json"], capture_output=True, cwd=tmp_path, env=env, timeout=900
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a 2 MB draft did not finish within 15 minutes")
    stderr = proc.stderr.decode()
    peak_mib = int(stderr.rsplit("peak_rss_kib=", 1)[1].split()[0]) / 1024
    print(f"2 MB draft checked in {time.perf_counter() - started:.1f}s, peak {peak_mib:.0f} MiB")  # -s
    assert "Traceback" not in stderr, stderr[-2000:]
    assert proc.returncode == 1, stderr[-2000:]
    assert peak_mib < 600, f"peak memory {peak_mib:.0f} MiB"
    [doc] = json.loads(proc.stdout)["documents"]
    misspelt = [f for f in doc["findings"] if f["match"] == "recieve"]
    assert len(misspelt) > 100
    last = misspelt[-1]
    assert text[last["offset"] : last["offset"] + last["length"]] == "recieve"
    assert last["line"] == text.count("\n", 0, last["offset"]) + 1
    assert doc["ready_to_send"] is False


def test_bad_input_runs_never_modify_input_files(tmp_path: Path) -> None:
    sources = [p for p in sorted((EXAMPLES / "drafts").iterdir()) if p.is_file()]
    copies = []
    for src in sources:
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        os.utime(dst, (1_600_000_000, 1_600_000_000))
        copies.append(dst)
    config = tmp_path / ".replylint.yaml"
    config.write_bytes((EXAMPLES / ".replylint.yaml").read_bytes())
    os.utime(config, (1_600_000_000, 1_600_000_000))
    watched = [*copies, config]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in watched}
    for fmt in ("text", "json"):
        result = CliRunner().invoke(
            main, ["check", str(tmp_path), "--config", str(config), "--format", fmt, "--customer", "Sarah"]
        )
        assert result.exit_code in (0, 1), result.stderr
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in watched}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in watched)


def test_bad_input_nul_bytes_late_in_a_file_are_still_text_or_an_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Hi Sarah,\n\nThanks for writing in.\n\nBest,\nAna\n\x00\x01\x02")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        assert "odd.txt" in result.stderr
    else:
        json.loads(result.stdout)


def test_bad_input_very_long_single_line() -> None:
    text = "Hi Sarah,\n\n" + "word " * 3000 + "\n\nBest,\nAna"
    [doc] = lint(text, customer="Sarah", agent="Ana").documents
    assert any(f.rule == "long-sentence" for f in doc.findings)
