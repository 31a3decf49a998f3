"""The pre-commit hook, run by the real `pre-commit` tool on a throw-away library repo.

pre-commit clones this project at a commit and installs it into its own virtual
environment (spaCy and the English pipeline come from PyPI), so this test is slow the
first time on a machine; the pip cache makes later runs faster.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

BAD = """Hi [Customer Name],

Thanks for writing in about your refund. I have sent it back to your card today.
It takes three to five days to show on your statement.

Best,
{{current_user.first_name}}
"""

FIXED = BAD.replace("[Customer Name]", "{{ticket.requester.first_name}}")


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def _snapshot(target: Path) -> str:
    """Copy this working tree (tracked and untracked, not ignored) into a new repo; commit."""
    files = _git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    for name in files:
        src = ROOT / name
        if src.is_file():
            dst = target / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-qm", "snapshot")
    return _git(target, "rev-parse", "HEAD")


@pytest.mark.slow
def test_precommit_hook_blocks_a_bad_template_and_passes_the_fixed_one(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit test")
    source = tmp_path / "replylint-src"
    source.mkdir()
    rev = _snapshot(source)

    library = tmp_path / "library"
    (library / "macros").mkdir(parents=True)
    _git(library, "init", "-q")
    (library / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: replylint\n"
    )
    template = library / "macros" / "refund-sent.md"
    template.write_text(BAD)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    precommit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*precommit, "install"], cwd=library, env=env, check=True, capture_output=True)
    _git(library, "add", "-A")

    def commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-m", "macros"],
            cwd=library,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    blocked = commit()
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "leftover-fill-in" in output and "[Customer Name]" in output, output
    with pytest.raises(subprocess.CalledProcessError):
        _git(library, "rev-parse", "HEAD")  # nothing was committed

    template.write_text(FIXED)
    _git(library, "add", "-A")
    passed = commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _git(library, "log", "--format=%s") == "macros"

    # A Zendesk export under macros/ is checked too (JSON), not skipped: a bad active macro
    # blocks the commit, an inactive one does not count, the fixed export goes through.
    export = library / "macros" / "zendesk.json"
    macros = [
        {"id": 1, "title": "Refund", "active": True, "actions": [{"field": "comment_value", "value": BAD}]},
        {
            "id": 2,
            "title": "Old",
            "active": False,
            "actions": [{"field": "comment_value", "value": "Hi [Name]"}],
        },
    ]
    export.write_text(json.dumps({"macros": macros, "next_page": None, "count": 2}, indent=2))
    _git(library, "add", "-A")
    blocked = commit()
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "zendesk.json" in output and "leftover-fill-in" in output and "[Customer Name]" in output, output
    assert "[Name]" not in output, output
    macros[0]["actions"][0]["value"] = FIXED
    export.write_text(json.dumps({"macros": macros, "next_page": None, "count": 2}, indent=2))
    _git(library, "add", "-A")
    passed = commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _git(library, "log", "--format=%s").splitlines() == ["macros", "macros"]
