"""Shared fixtures: build rules from YAML text and run them on one draft.

spaCy pipelines and the spelling dictionary are cached per process by replylint
itself (`load_pipeline`, `dictionary`), so building many one-rule Linters is cheap;
the session fixtures below only make sure the heavy loads happen once.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import yaml

from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, linter_for
from replylint.errors import RuleFileError
from replylint.report import DocumentReport
from replylint.rules import Rule, parse_rule
from replylint.yamlfile import parse_yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# A real LanguageTool for the `languagetool` tests only (.ci/run starts one). Taken out
# of the environment here so no other test, and no replylint it runs in a subprocess,
# checks grammar by accident and changes its findings.
LANGUAGETOOL_URL = os.environ.pop("REPLYLINT_LANGUAGETOOL_URL", None)
REQUIRE_LANGUAGETOOL = os.environ.get("REPLYLINT_REQUIRE_LANGUAGETOOL") == "1"


@pytest.fixture(scope="session", autouse=True)
def _fresh_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole session, new each session (REPLYLINT_CACHE_DIR).

    replylint caches checked documents by default; a folder shared with earlier sessions
    (or the developer's own ~/.cache) would let one session's results answer the next.
    Tests of the cache itself use folders of their own.
    """
    folder = tmp_path_factory.mktemp("replylint-cache")
    os.environ["REPLYLINT_CACHE_DIR"] = str(folder)
    return folder


def rule_from_yaml(text: str, path: str = "test-rule.yaml") -> Rule:
    """A validated Rule from YAML text (dedented), as if read from `path`."""
    source = textwrap.dedent(text)
    return parse_rule(parse_yaml(source, path, RuleFileError), path)


def lint_rules(
    rules: Rule | Sequence[Rule],
    text: str,
    *,
    customer: str | None = None,
    agent: str | None = None,
    config: Config | None = None,
    html: bool = False,
) -> DocumentReport:
    """Run only `rules` on one draft and return its DocumentReport."""
    rules = [rules] if isinstance(rules, Rule) else list(rules)
    linter = Linter(rules, config or Config())
    report = linter.lint([Draft(text, is_html=html)], linter.context(customer=customer, agent=agent))
    return report.documents[0]


@pytest.fixture(scope="session")
def make_rule() -> Callable[..., Rule]:
    """Build a Rule from YAML text: make_rule('''id: x ...''')."""
    return rule_from_yaml


def kind_rule(
    kind: str,
    options: dict | None = None,
    *,
    rule_id: str = "test-rule",
    checklist: str = "proofread",
    level: str = "error",
    weight: float = 3,
    regions: Sequence[str] | None = None,
    message: str = "flagged '{match}'",
) -> Rule:
    """A Rule of `kind` with `options`, written out as YAML and parsed like a rule file."""
    data: dict = {
        "id": rule_id,
        "kind": kind,
        "checklist": checklist,
        "level": level,
        "weight": weight,
        "message": message,
        "description": f"A {kind} rule under test.",
    }
    if regions is not None:
        data["regions"] = list(regions)
    if options is not None:
        data["options"] = options
    return rule_from_yaml(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@pytest.fixture(scope="session")
def make_kind_rule() -> Callable[..., Rule]:
    """Build a Rule of a kind from an options dict: make_kind_rule('phrase', {...})."""
    return kind_rule


@pytest.fixture(scope="session")
def lint_rule() -> Callable[..., DocumentReport]:
    """Run the given rule(s) on a draft: lint_rule(rule, text, customer=..., agent=...)."""
    return lint_rules


@pytest.fixture(scope="session")
def default_linter() -> Linter:
    """The Linter for the built-in rules and default config (loads spaCy once)."""
    return linter_for(Config())


@pytest.fixture(scope="session")
def languagetool_url() -> str:
    """The real LanguageTool server's URL; skips without one, fails when CI requires one."""
    if not LANGUAGETOOL_URL:
        message = "no real LanguageTool (start one: make languagetool; set REPLYLINT_LANGUAGETOOL_URL)"
        if REQUIRE_LANGUAGETOOL:
            pytest.fail(message + ", and REPLYLINT_REQUIRE_LANGUAGETOOL=1")
        pytest.skip(message)
    return LANGUAGETOOL_URL


@pytest.fixture
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty temp folder with no REPLYLINT_* or NO_COLOR in the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPLYLINT_AGENT", raising=False)
    monkeypatch.delenv("REPLYLINT_UPDATE_GOLDEN", raising=False)
    return tmp_path
