"""`.replylint.yaml`: discovery, validation with file:line, rule overrides, names, precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.config import Config, find_config, load_config
from replylint.engine import configured_rules, linter_for
from replylint.errors import ConfigError
from replylint.findings import Level

GOOD = "Hi Sarah,\n\nThanks for writing in. I have issued the refund, and it will reach your card within 5 business days.\n\nBest,\nAna\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_json(args: list[str], env: dict[str, str] | None = None) -> tuple[int, dict | None, str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args], env=env)
    payload = json.loads(result.stdout) if result.stdout.strip() else None
    return result.exit_code, payload, result.stderr


def rules_of(payload: dict) -> list[str]:
    return [f["rule"] for f in payload["documents"][0]["findings"]]


def matches_of(payload: dict, rule: str) -> list[str]:
    return [f["match"] for f in payload["documents"][0]["findings"] if f["rule"] == rule]


def test_config_find_config_walks_up_from_a_subfolder(tmp_path: Path) -> None:
    config = write(tmp_path / ".replylint.yaml", "agent: Ana\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == config


def test_config_find_config_prefers_the_nearest(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.yaml", "agent: Ana\n")
    nearer = write(tmp_path / "team" / ".replylint.yml", "agent: Bo\n")
    assert find_config(tmp_path / "team") == nearer


def test_config_find_config_none_without_a_file(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None


def test_config_cli_discovers_config_from_cwd_subfolder(isolated_cwd: Path, monkeypatch) -> None:
    write(isolated_cwd / ".replylint.yaml", "agent: Bob\n")
    sub = isolated_cwd / "drafts" / "today"
    sub.mkdir(parents=True)
    draft = write(sub / "reply.txt", GOOD)
    monkeypatch.chdir(sub)
    code, payload, _ = run_json([str(draft)])
    # The config says the agent is Bob, so signing "Ana" is flagged.
    assert "signoff-name" in rules_of(payload)
    assert code == 1


def test_config_explicit_config_flag(isolated_cwd: Path) -> None:
    config = write(isolated_cwd / "elsewhere" / "team.yaml", "agent: Bob\n")
    draft = write(isolated_cwd / "reply.txt", GOOD)
    _, payload, _ = run_json([str(draft), "--config", str(config), "--customer", "Sarah"])
    assert rules_of(payload) == ["signoff-name"]
    _, payload, _ = run_json([str(draft), "--customer", "Sarah"])
    assert rules_of(payload) == []


def test_config_unknown_key_exits_2_naming_file_and_line(isolated_cwd: Path) -> None:
    config = write(isolated_cwd / ".replylint.yaml", "agent: Ana\nmin_score: 70\ncolour: red\n")
    draft = write(isolated_cwd / "reply.txt", GOOD)
    code, payload, stderr = run_json([str(draft)])
    assert code == 2
    assert payload is None
    assert f"{config}:3" in stderr
    assert "colour" in stderr


@pytest.mark.parametrize("value", ["101", "-1", "high", "true", "79.5"])
def test_config_bad_min_score(tmp_path: Path, value: str) -> None:
    path = write(tmp_path / ".replylint.yaml", f"agent: Ana\nmin_score: {value}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{path}:2" in str(info.value)
    assert info.value.field == "min_score"


def test_config_bad_values_name_their_key(tmp_path: Path) -> None:
    cases = {
        "fail_on: fatal\n": "fail_on",
        "agent: ''\n": "agent",
        "rule_dirs: [missing-folder]\n": "rule_dirs",
        "vocabulary: {accept: [ok], deny: [x]}\n": "deny",
        "rules: {spelling: {level: loud}}\n": "level",
        "rules: {spelling: {colour: red}}\n": "colour",
    }
    for text, field in cases.items():
        path = write(tmp_path / ".replylint.yaml", text)
        with pytest.raises(ConfigError) as info:
            load_config(path)
        assert info.value.field == field, text
        assert f"{path}:1" in str(info.value), text


def test_config_loads_all_settings(tmp_path: Path) -> None:
    (tmp_path / "extra").mkdir()
    path = write(
        tmp_path / ".replylint.yaml",
        "agent: Ana\ncustomer: Sarah\nmin_score: 90\nfail_on: warning\nrule_dirs: [extra]\n"
        "vocabulary: {accept: [Acme, CloudSync]}\nrules: {passive-voice: false}\n",
    )
    config = load_config(path)
    assert (config.agent, config.customer, config.min_score) == ("Ana", "Sarah", 90)
    assert config.fail_on is Level.WARNING
    assert config.rule_dirs == ((tmp_path / "extra").resolve(),)
    assert config.vocabulary == {"acme", "cloudsync"}
    assert config.rules["passive-voice"].enabled is False
    assert config.path == str(path)


def test_config_empty_file_is_the_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / ".replylint.yaml", "# nothing yet\n"))
    assert config.min_score == 80
    assert config.fail_on is Level.ERROR


def test_config_override_disables_a_rule(tmp_path: Path) -> None:
    path = write(tmp_path / ".replylint.yaml", "rules:\n  spelling: false\n  jargon: {enabled: false}\n")
    by_id = {r.id: r for r in configured_rules(load_config(path))}
    assert not by_id["spelling"].enabled
    assert not by_id["jargon"].enabled
    assert by_id["thank-them"].enabled
    linter = linter_for(load_config(path))
    assert "spelling" not in {r.id for r in linter.rules}


def test_config_override_changes_level_and_weight(tmp_path: Path) -> None:
    path = write(tmp_path / ".replylint.yaml", "rules:\n  passive-voice: {level: error, weight: 7}\n")
    rule = {r.id: r for r in configured_rules(load_config(path))}["passive-voice"]
    assert rule.level is Level.ERROR
    assert rule.weight == 7.0


def test_config_override_options_exclamations_max(isolated_cwd: Path) -> None:
    draft = write(
        isolated_cwd / "reply.txt", "Hi Sarah!\n\nThanks for writing in! It ships today!\n\nBest,\nAna\n"
    )
    _, payload, _ = run_json([str(draft)])
    assert rules_of(payload).count("exclamations") == 2
    config = write(isolated_cwd / ".replylint.yaml", "rules:\n  exclamations: {options: {max: 3}}\n")
    rule = {r.id: r for r in configured_rules(load_config(config))}["exclamations"]
    assert rule.options["max"] == 3
    assert rule.options["pattern"] == "!+"
    _, payload, _ = run_json([str(draft)])
    assert "exclamations" not in rules_of(payload)


def test_config_override_bad_option_names_config_line(tmp_path: Path) -> None:
    path = write(tmp_path / ".replylint.yaml", "agent: Ana\nrules:\n  exclamations: {options: {maxx: 3}}\n")
    with pytest.raises(Exception) as info:
        configured_rules(load_config(path))
    assert "maxx" in str(info.value)
    assert f"{path}:3" in str(info.value)


def test_config_unknown_rule_id_in_overrides(tmp_path: Path) -> None:
    path = write(tmp_path / ".replylint.yaml", "agent: Ana\nrules:\n  no-such-rule: false\n")
    with pytest.raises(ConfigError) as info:
        configured_rules(load_config(path))
    assert "no-such-rule" in str(info.value)
    assert f"{path}:3" in str(info.value)


def test_config_unknown_rule_id_cli_exits_2(isolated_cwd: Path) -> None:
    write(isolated_cwd / ".replylint.yaml", "rules:\n  no-such-rule: false\n")
    draft = write(isolated_cwd / "reply.txt", GOOD)
    code, _, stderr = run_json([str(draft)])
    assert code == 2
    assert "no-such-rule" in stderr


def test_config_vocabulary_accept_stops_a_spelling_finding(isolated_cwd: Path) -> None:
    text = GOOD.replace("Thanks for writing in.", "Thanks for writing in. Open the flurbix app to see it.")
    draft = write(isolated_cwd / "reply.txt", text)
    _, payload, _ = run_json([str(draft), "--customer", "Sarah", "--agent", "Ana"])
    assert "flurbix" in matches_of(payload, "spelling")
    write(isolated_cwd / ".replylint.yaml", "vocabulary:\n  accept: [flurbix]\n")
    _, payload, _ = run_json([str(draft), "--customer", "Sarah", "--agent", "Ana"])
    assert matches_of(payload, "spelling") == []


def test_config_replylint_agent_env_is_used(isolated_cwd: Path) -> None:
    draft = write(isolated_cwd / "reply.txt", GOOD)
    _, payload, _ = run_json([str(draft), "--customer", "Sarah"], env={"REPLYLINT_AGENT": "Bob"})
    assert rules_of(payload) == ["signoff-name"]
    _, payload, _ = run_json([str(draft), "--customer", "Sarah"], env={"REPLYLINT_AGENT": "Ana"})
    assert rules_of(payload) == []


def test_config_env_agent_beats_config_agent(isolated_cwd: Path) -> None:
    write(isolated_cwd / ".replylint.yaml", "agent: Bob\n")
    draft = write(isolated_cwd / "reply.txt", GOOD)
    _, payload, _ = run_json([str(draft), "--customer", "Sarah"], env={"REPLYLINT_AGENT": "Ana"})
    assert rules_of(payload) == []


def test_config_flags_beat_config(isolated_cwd: Path) -> None:
    write(isolated_cwd / ".replylint.yaml", "agent: Bob\ncustomer: Tom\nmin_score: 100\nfail_on: error\n")
    text = GOOD.replace("I have issued", "In order to help, I have issued")
    draft = write(isolated_cwd / "reply.txt", text)
    code, payload, _ = run_json([str(draft)], env={"REPLYLINT_AGENT": "Carl"})
    assert {"greeting-name", "signoff-name", "wordy-phrases"} <= set(rules_of(payload))
    assert code == 1
    code, payload, _ = run_json(
        [str(draft), "--agent", "Ana", "--customer", "Sarah", "--min-score", "50"],
        env={"REPLYLINT_AGENT": "Carl"},
    )
    assert rules_of(payload) == ["wordy-phrases"]
    assert code == 0
    code, _, _ = run_json([str(draft), "--agent", "Ana", "--customer", "Sarah"])
    assert code == 1  # min_score 100 from the config; a warning costs points


def test_config_with_changes_ignores_none() -> None:
    config = Config(agent="Ana", min_score=70)
    changed = config.with_changes(agent=None, customer="Sarah", min_score=None)
    assert (changed.agent, changed.customer, changed.min_score) == ("Ana", "Sarah", 70)


@pytest.mark.parametrize("weight", [1000, 100.5, -1, True, "3", float("inf"), float("nan")])
def test_config_weight_has_the_rule_files_bounds(tmp_path: Path, weight: object) -> None:
    path = write(
        tmp_path / ".replylint.yaml", f"rules:\n  passive-voice: {{weight: {weight!r}}}\n".replace("'", '"')
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "0 to 100" in str(caught.value) or "weight" in str(caught.value)
    assert caught.value.line == 2


def test_config_weight_bounds_included(tmp_path: Path) -> None:
    for weight in (0, 100):
        path = write(tmp_path / ".replylint.yaml", f"rules:\n  passive-voice: {{weight: {weight}}}\n")
        assert load_config(path).rules["passive-voice"].weight == weight
