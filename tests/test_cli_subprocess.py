"""The real executable in subprocesses: exit codes, stdin piping, python -m."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent / "replylint"
GOOD = "Hi Sarah,\n\nThanks for writing in. I have issued the refund, and it will reach your card within 5 business days.\n\nBest,\nAna\n"
ERROR = (
    "Hi Sarah,\n\nThanks for writing in. You will recieve your refund within 5 business days.\n\nBest,\nAna\n"
)
NAMES = ["--customer", "Sarah", "--agent", "Ana"]


def run(args: list[str], cwd: Path, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPLYLINT_")}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        args,
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL if stdin is None else None,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "error.txt").write_text(ERROR, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Hi Zo\xeb,\n\nThanks.\n")
    return {p.stem: p for p in tmp_path.iterdir()}


def test_subprocess_good_draft_exits_0(files, tmp_path: Path) -> None:
    proc = run([str(BIN), "check", "good.txt", *NAMES], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"ready to send" in proc.stdout


def test_subprocess_error_finding_exits_1(files, tmp_path: Path) -> None:
    proc = run([str(BIN), "check", "error.txt", *NAMES, "--format", "json"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["findings"][0]["match"] == "recieve"


def test_subprocess_missing_and_bad_files_exit_2_but_others_are_reported(files, tmp_path: Path) -> None:
    proc = run(
        [str(BIN), "check", "missing.txt", "bad.txt", "good.txt", *NAMES, "--format", "json"], tmp_path
    )
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert "missing.txt" in stderr
    assert "bad.txt:1" in stderr
    assert [d["source"] for d in json.loads(proc.stdout)["documents"]] == ["good.txt"]


def test_subprocess_stdin_dash(tmp_path: Path) -> None:
    proc = run([str(BIN), "check", "-", *NAMES, "--format", "json"], tmp_path, stdin=ERROR)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["source"] == "-"
    assert [f["rule"] for f in doc["findings"]] == ["spelling"]


def test_subprocess_stdin_without_paths(tmp_path: Path) -> None:
    proc = run([str(BIN), "check", *NAMES], tmp_path, stdin=GOOD)
    assert proc.returncode == 0, proc.stderr
    assert b"ready to send" in proc.stdout


def test_subprocess_empty_stdin_exits_2(tmp_path: Path) -> None:
    proc = run([str(BIN), "check", *NAMES], tmp_path, stdin="  \n")
    assert proc.returncode == 2
    assert b"empty" in proc.stderr


def test_subprocess_python_dash_m(files, tmp_path: Path) -> None:
    proc = run([sys.executable, "-m", "replylint", "check", "error.txt", *NAMES], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert b"recieve" in proc.stdout


def test_subprocess_unknown_format_exits_2(files, tmp_path: Path) -> None:
    proc = run([str(BIN), "check", "good.txt", "--format", "nope"], tmp_path)
    assert proc.returncode == 2
    assert b"nope" in proc.stderr


def test_subprocess_agent_from_environment(files, tmp_path: Path) -> None:
    env_args = [str(BIN), "check", "good.txt", "--customer", "Sarah", "--format", "json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPLYLINT_")}
    proc = subprocess.run(
        env_args, capture_output=True, cwd=tmp_path, env={**env, "REPLYLINT_AGENT": "Bob"}, timeout=120
    )
    assert proc.returncode == 1
    assert [f["rule"] for f in json.loads(proc.stdout)["documents"][0]["findings"]] == ["signoff-name"]
