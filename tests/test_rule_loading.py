"""Rule files are validated at load time; every error names the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import lint_rules

from replylint.cli import main
from replylint.errors import RuleFileError
from replylint.rules import load_rule_file, load_rules, parse_rule
from replylint.yamlfile import parse_yaml

PATH = "rules/custom/x.yaml"
BASE = """\
id: custom-rule
kind: phrase
checklist: proofread
level: error
message: "'{match}' is not allowed"
description: A custom rule.
options:
  phrases: [widget]
"""


def load(text: str) -> None:
    parse_rule(parse_yaml(text, PATH, RuleFileError), PATH)


def error_of(text: str) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load(text)
    return info.value


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_rule_loading_valid_rule_loads() -> None:
    rule = parse_rule(parse_yaml(BASE, PATH, RuleFileError), PATH)
    assert rule.id == "custom-rule"
    assert rule.options["phrases"] == ("widget",)
    assert rule.options["match_on"] == "lower"
    assert rule.weight == 3.0
    assert rule.path == PATH


def test_rule_loading_invalid_yaml_names_file_and_line() -> None:
    text = "id: x\nkind: phrase\nphrases: [widget\n"
    error = error_of(text)
    assert f"{PATH}:" in str(error)
    assert "invalid YAML" in str(error)
    assert error.line is not None and error.line >= 3


def test_rule_loading_unknown_top_level_key() -> None:
    text = BASE + "colour: red\n"
    error = error_of(text)
    assert f"{PATH}:{line_of(text, 'colour')}" in str(error)
    assert error.field == "colour"
    assert "'colour'" in str(error)


def test_rule_loading_unknown_kind() -> None:
    text = BASE.replace("kind: phrase", "kind: frobnicate")
    error = error_of(text)
    assert f"{PATH}:2" in str(error)
    assert error.field == "kind"
    assert "frobnicate" in str(error)


def test_rule_loading_unknown_option() -> None:
    text = BASE + "  bogus: 1\n"
    error = error_of(text)
    assert f"{PATH}:{line_of(text, 'bogus')}" in str(error)
    assert error.field == "bogus"
    assert "phrase" in str(error)


def test_rule_loading_bad_option_value() -> None:
    text = BASE + "  match_on: stem\n"
    error = error_of(text)
    assert f"{PATH}:{line_of(text, 'match_on')}" in str(error)
    assert error.field == "match_on"


def test_rule_loading_bad_level() -> None:
    text = BASE.replace("level: error", "level: fatal")
    error = error_of(text)
    assert f"{PATH}:4" in str(error)
    assert error.field == "level"


def test_rule_loading_regex_that_does_not_compile() -> None:
    text = BASE.replace("kind: phrase", "kind: regex").replace(
        "  phrases: [widget]\n", "  ignore_case: true\n  pattern: '(unclosed'\n"
    )
    error = error_of(text)
    assert "does not compile" in str(error)
    assert error.field == "pattern"
    assert f"{PATH}:{line_of(text, 'pattern:')}" in str(error)


def test_rule_loading_bad_spacy_pattern() -> None:
    text = BASE.replace("kind: phrase", "kind: pattern").replace(
        "  phrases: [widget]\n", "  transform: upper\n  patterns: [[{LOWR: widget}]]\n"
    )
    error = error_of(text)
    assert "not a valid spaCy token pattern" in str(error)
    assert "LOWR" in str(error)
    assert error.field == "patterns"
    assert f"{PATH}:{line_of(text, 'patterns:')}" in str(error)


def test_rule_loading_unknown_message_field() -> None:
    text = BASE.replace("'{match}' is not allowed", "'{nope}' is not allowed")
    error = error_of(text)
    assert f"{PATH}:5" in str(error)
    assert error.field == "message"
    assert "{nope}" in str(error)


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{match!z}", "'!z'"),
        ("{match:>9}", "':>9'"),
        ("{match:>999999999}", "format spec"),
        ("{match!r:{agent}}", "format spec"),
        ("{match!}", "bad template"),
        ("{}", "unknown field"),
        ("{match[0]}", "unknown field"),
    ],
)
def test_rule_loading_message_that_would_fail_at_a_match_is_refused(template: str, says: str) -> None:
    """A template that loads must format: the error comes at load time, with file and line."""
    error = error_of(BASE.replace("'{match}' is not allowed", f"'{template}' is not allowed"))
    assert f"{PATH}:5" in str(error)
    assert error.field == "message"
    assert says in str(error)


def test_rule_loading_message_conversions_are_allowed_and_format(make_rule) -> None:  # type: ignore[no-untyped-def]
    rule = make_rule(BASE.replace("'{match}' is not allowed", "{match!r} is not allowed, {agent!s}"))
    [finding] = lint_rules(rule, "Hi Sam, the widget is here.", agent="Ana").findings
    assert finding.message == "'widget' is not allowed, Ana"


def test_rule_loading_kind_message_fields_are_allowed() -> None:
    text = BASE.replace("kind: phrase", "kind: metric").replace(
        "  phrases: [widget]\n", "  metric: sentence-words\n  max: 20\n"
    )
    load(text.replace("'{match}' is not allowed", "{value} words, max {max}"))
    with pytest.raises(RuleFileError):
        load(text.replace("'{match}' is not allowed", "{detail}"))


def test_rule_loading_missing_required_key() -> None:
    error = error_of(BASE.replace("description: A custom rule.\n", ""))
    assert "description" in str(error)
    assert PATH in str(error)


def test_rule_loading_unknown_checklist_item_and_region() -> None:
    assert error_of(BASE.replace("checklist: proofread", "checklist: nope")).field == "checklist"
    assert error_of(BASE.replace("checklist: proofread", "checklist: ready-to-send")).field == "checklist"
    assert error_of(BASE + "regions: [quoted]\n").field == "regions"


def test_rule_loading_example_flags_must_occur_in_text() -> None:
    text = BASE + "examples:\n  fail:\n    - text: 'a widget'\n      flags: [gadget]\n"
    error = error_of(text)
    assert error.field == "flags"
    assert f"{PATH}:{line_of(text, 'flags')}" in str(error)


def test_rule_loading_missing_required_option() -> None:
    error = error_of(BASE.replace("  phrases: [widget]\n", "  match_on: lower\n"))
    assert "phrases" in str(error)


def test_rule_loading_file_path_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("level: error", "level: loud"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert f"{path}:4" in str(info.value)


def test_rule_loading_duplicate_ids_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BASE, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules([tmp_path])
    assert "duplicate rule id 'custom-rule'" in str(info.value)


def test_rule_loading_later_folder_replaces_rule_by_id(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "r.yaml").write_text(BASE, encoding="utf-8")
    (second / "r.yaml").write_text(BASE.replace("level: error", "level: warning"), encoding="utf-8")
    [rule] = load_rules([first, second])
    assert rule.level.value == "warning"


def test_rule_loading_cli_broken_rule_dir_exits_2(isolated_cwd: Path) -> None:
    rules = isolated_cwd / "team-rules"
    rules.mkdir()
    bad = rules / "broken.yaml"
    bad.write_text(BASE + "colour: red\n", encoding="utf-8")
    (isolated_cwd / ".replylint.yaml").write_text("rule_dirs: [team-rules]\n", encoding="utf-8")
    draft = isolated_cwd / "draft.txt"
    draft.write_text("Hi Sam,\n\nThanks for writing in.\n\nBest,\nAna\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft)])
    assert result.exit_code == 2, result.output
    assert f"broken.yaml:{line_of(BASE + 'colour: red', 'colour')}" in result.stderr
    assert "'colour'" in result.stderr
    assert result.stdout == ""
