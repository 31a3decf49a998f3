"""Golden JSON for every example draft, run as examples/README.md says.

The customer and agent for each draft come from the README's command table and the
config is examples/.replylint.yaml. Regenerate after an intended change with
`REPLYLINT_UPDATE_GOLDEN=1 pytest tests/test_golden_examples.py` and review the diff.
A missing golden file is a failure, never a silent pass.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
COMMAND = re.compile(r"`replylint check (examples/drafts/[^`]+)`")


def readme_commands() -> dict[str, list[str]]:
    """Draft file name -> the check arguments the README gives for it."""
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    out = {}
    for match in COMMAND.finditer(text):
        args = shlex.split(match.group(1))
        out[Path(args[0]).name] = args
    return out


COMMANDS = readme_commands()
DRAFTS = sorted(p.name for p in (EXAMPLES / "drafts").iterdir() if p.is_file())


def normalise(payload: dict) -> dict:
    """Make the output independent of the working directory."""
    for doc in payload["documents"]:
        doc["source"] = Path(doc["source"]).resolve().relative_to(REPO).as_posix()
    return payload


def test_golden_every_draft_has_a_readme_command() -> None:
    assert sorted(COMMANDS) == DRAFTS


@pytest.mark.parametrize("name", DRAFTS)
def test_golden_example_json_matches(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert name in COMMANDS, f"examples/README.md has no command for {name}"
    monkeypatch.chdir(REPO)
    # Golden files keep the version-1 shape: findings and positions are what they pin down;
    # tests/test_json_output.py checks the version-2 shape on the same drafts.
    args = ["check", *COMMANDS[name], "--format", "json", "--json-version", "1"]
    args += ["--config", "examples/.replylint.yaml"]
    result = CliRunner().invoke(main, args, env={"REPLYLINT_AGENT": None, "NO_COLOR": "1"})
    assert result.exit_code in (0, 1), f"{name}: exit {result.exit_code}: {result.stderr}"
    actual = normalise(json.loads(result.stdout))
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("REPLYLINT_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; run with REPLYLINT_UPDATE_GOLDEN=1 to write it"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected, f"{name}: JSON output differs from {golden.relative_to(REPO)}"
    ready = all(doc["ready_to_send"] for doc in actual["documents"])
    assert result.exit_code == (0 if ready else 1)
