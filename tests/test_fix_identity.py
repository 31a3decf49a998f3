"""--fix keeps the file's identity: BOM, line endings, mode, owner and group; a symlink's
target is fixed in place; a file with several hard links, or whose owner cannot be kept,
is refused; a killed run's temporary file is never mistaken for a reply and is removed
by the next run (real SIGKILLs)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint.cli import main
from replylint.fixer import TEMP_SUFFIX, line_ending

REPO = Path(__file__).resolve().parent.parent
FAULTS = REPO / "tests" / "faults.py"
SLOPPY = (
    "Hi Sarah,\n\nThanks for writing in. You will recieve your refund within 5 business days.\n\nBest,\nAna\n"
)
FIXED = SLOPPY.replace("recieve", "receive")
NO_THANKS = "Hi Sarah,\n\nYour refund will reach your card within 5 business days.\n\nBest,\nAna\n"
FRONT = "---\ntitle: Refund\ncustomer: Sarah\n---\n"
BOM = b"\xef\xbb\xbf"


def fix(path: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        main, ["check", str(path), "--customer", "Sarah", "--agent", "Ana", "--fix", "--no-cache", *extra]
    )


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


def test_fix_identity_keeps_a_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(BOM + SLOPPY.encode())
    result = fix(path)
    assert "fixed 1 in" in result.stderr, result.output
    assert path.read_bytes() == BOM + FIXED.encode()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_fix_identity_keeps_line_endings_with_front_matter(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "reply.md"
    original = (FRONT + SLOPPY).replace("\n", newline)
    path.write_bytes(original.encode())
    result = fix(path)
    assert "changed while being checked" not in result.output
    assert "fixed 1 in" in result.stderr, result.output
    assert path.read_bytes() == original.replace("recieve", "receive").encode()


def test_fix_identity_inserted_lines_use_the_files_line_ending(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(NO_THANKS.replace("\n", "\r\n").encode())
    result = fix(path, "--unsafe-fixes")
    text = path.read_bytes().decode()
    assert "Thank" in text, result.output  # the thank-you was inserted
    assert text.count("\n") == text.count("\r\n") and line_ending(text) == "\r\n"


def test_fix_identity_keeps_mode_owner_and_group(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("setting another owner needs root")
    path = tmp_path / "reply.txt"
    path.write_text(SLOPPY, encoding="utf-8")
    os.chown(path, 1234, 5678)
    os.chmod(path, 0o640)
    fix(path)
    info = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (1234, 5678, 0o640)


def test_fix_identity_follows_a_symlink_and_fixes_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "reply.txt"
    target.write_text(SLOPPY, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(Path("real") / "reply.txt")
    result = fix(link)
    assert "fixed 1 in" in result.stderr, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "reply.txt")
    assert target.read_text(encoding="utf-8") == FIXED
    assert temps(tmp_path) == temps(tmp_path / "real") == []


def test_fix_identity_refuses_a_file_with_hard_links(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text(SLOPPY, encoding="utf-8")
    other = tmp_path / "same.txt"
    os.link(path, other)
    result = fix(path)
    assert result.exit_code == 2
    assert f"replylint: error: {path}: has 2 hard links" in result.stderr
    assert "not fixed" in result.stderr
    assert path.read_text(encoding="utf-8") == SLOPPY
    assert path.stat().st_ino == other.stat().st_ino


@pytest.fixture
def request_cleanup() -> Iterator[list[Path]]:
    folders: list[Path] = []
    yield folders
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def test_fix_identity_refuses_when_the_owner_cannot_be_kept(request_cleanup: list[Path]) -> None:
    """As an ordinary user, a group-writable file owned by someone else is not replaced by
    a file of one's own: the writer runs as `nobody` in a subprocess (imported first, as
    root: the interpreter's own files may not be readable by nobody)."""
    if os.geteuid() != 0:
        pytest.skip("switching to another user needs root")
    # pytest's tmp_path sits under folders only root may enter
    folder = Path(tempfile.mkdtemp(prefix="replylint-shared-", dir="/tmp"))
    request_cleanup.append(folder)
    os.chmod(folder, 0o777)
    path = folder / "reply.txt"
    path.write_text(SLOPPY, encoding="utf-8")
    os.chown(path, 1234, 65534)
    os.chmod(path, 0o666)
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from replylint import fixer\n"
        "os.setgid(65534); os.setuid(65534)\n"
        "try:\n"
        "    fixer.write_atomic(Path(sys.argv[1]), 'new text')\n"
        "except fixer.IdentityError as exc:\n"
        "    print('refused:', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused: owned by uid 1234 and gid 65534"), done.stdout
    assert "rewriting it would change its owner" in done.stdout
    assert path.stat().st_uid == 1234 and path.read_text(encoding="utf-8") == SLOPPY
    assert temps(folder) == []


def _start_fix(path: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(FAULTS), "check", str(path), "--customer", "Sarah", "--agent", "Ana", "--fix",
         "--no-cache"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip


@pytest.mark.slow
def test_fix_identity_a_killed_runs_temp_file_is_ignored_then_removed(tmp_path: Path) -> None:
    """A real SIGKILL while the temporary file exists (os.replace made to wait): the reply
    is untouched, a folder run does not read the temp file as a reply, and the next --fix
    removes it."""
    path = tmp_path / "reply.txt"
    path.write_text(SLOPPY, encoding="utf-8")
    ready = tmp_path / "ready"
    env = {**os.environ, "REPLYLINT_TEST_FAULTS": "hang", "REPLYLINT_TEST_READY": str(ready)}
    process = _start_fix(path, env)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert ready.exists(), "the --fix run never reached its write"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    [left] = temps(tmp_path)
    assert left.startswith(f".reply.txt.replylint-{process.pid}-")
    assert path.read_text(encoding="utf-8") == SLOPPY
    folder = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "line", "--no-cache"])
    assert TEMP_SUFFIX not in folder.output
    fix(path)
    assert path.read_text(encoding="utf-8") == FIXED
    assert temps(tmp_path) == []


@pytest.mark.slow
def test_fix_identity_random_kills_leave_the_file_whole(tmp_path: Path) -> None:
    """Real SIGKILLs at random moments of --fix runs: the file is always the original or
    the fixed text, byte for byte, and one clean run afterwards leaves no temp file."""
    rng = random.Random(9)
    path = tmp_path / "reply.txt"
    env = dict(os.environ)
    seen = set()
    for _ in range(6):
        path.write_bytes(BOM + SLOPPY.replace("\n", "\r\n").encode())
        process = _start_fix(path, env)
        time.sleep(rng.uniform(0.5, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = path.read_bytes()
        assert content in (
            BOM + SLOPPY.replace("\n", "\r\n").encode(),
            BOM + FIXED.replace("\n", "\r\n").encode(),
        )
        seen.add(content)
    path.write_text(SLOPPY, encoding="utf-8")
    fix(path)
    assert temps(tmp_path) == []
