"""What CI runs use: --select/--ignore, --statistics, --exit-zero, --output-format, exclude and
per_path in config, config show, help-desk exports as they come, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.readers.library import read_path, split_entries

ROOT = Path(__file__).resolve().parent.parent
SLOPPY = str(ROOT / "examples" / "drafts" / "sloppy-order-delay.txt")
NAMES = ["--customer", "Sarah", "--agent", "Ana"]


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args])


def _rules(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f["rule"] for d in json.loads(result.stdout)["documents"] for f in d["findings"]}


def test_ci_select_and_ignore_by_rule_and_checklist_id() -> None:
    everything = _rules(_run(SLOPPY, *NAMES, "--format", "json"))
    assert len(everything) > 3
    assert (
        _rules(_run(SLOPPY, *NAMES, "--format", "json", "--select", "spelling")) == {"spelling"} & everything
    )
    proofread = _rules(_run(SLOPPY, *NAMES, "--output-format", "json", "--select", "proofread,greeting-name"))
    assert proofread and proofread <= everything
    ignored = _rules(
        _run(SLOPPY, *NAMES, "--format", "json", "--ignore", "no-extra-words", "--ignore", "spelling")
    )
    assert "spelling" not in ignored and "filler-words" not in ignored and ignored
    bad = _run(SLOPPY, "--select", "no-such-rule")
    assert bad.exit_code == 2 and "no rule or checklist item 'no-such-rule'" in bad.stderr


def test_ci_statistics_count_findings_per_rule() -> None:
    report = json.loads(_run(SLOPPY, *NAMES, "--format", "json").stdout)
    findings = [f for d in report["documents"] for f in d["findings"]]
    stats = _run(SLOPPY, *NAMES, "--format", "json", "--statistics")
    data = json.loads(stats.stdout)
    assert stats.exit_code == 1 and data["documents"] == 1
    assert {s["rule"]: s["count"] for s in data["statistics"]} == {
        r: sum(f["rule"] == r for f in findings) for r in {f["rule"] for f in findings}
    }
    table = _run(SLOPPY, *NAMES, "--statistics", "--no-color").stdout
    assert table.splitlines()[0].split()[:2] == ["count", "rule"]
    assert f"{len(findings)} findings in 1 documents" in table
    assert _run(SLOPPY, "--statistics", "--format", "sarif").exit_code == 2


def test_ci_exit_zero_only_for_findings() -> None:
    assert _run(SLOPPY, *NAMES).exit_code == 1
    assert _run(SLOPPY, *NAMES, "--exit-zero").exit_code == 0
    assert _run(SLOPPY, "missing.txt", "--exit-zero").exit_code == 2


def test_ci_exclude_and_per_path(tmp_path: Path) -> None:
    (tmp_path / "macros" / "archive").mkdir(parents=True)
    text = Path(SLOPPY).read_text()
    (tmp_path / "macros" / "live.txt").write_text(text)
    (tmp_path / "macros" / "archive" / "old.txt").write_text(text)
    (tmp_path / "macros" / "legacy.txt").write_text(text)
    config = tmp_path / ".replylint.yaml"
    config.write_text(
        "exclude: ['macros/archive/**']\nper_path:\n  'macros/legacy*': [spelling, no-extra-words]\n"
    )
    result = _run(str(tmp_path / "macros"), str(tmp_path / "macros" / "archive" / "old.txt"), "--config",
                  str(config), *NAMES, "--format", "json")  # fmt: skip
    docs = {Path(d["source"]).name: d for d in json.loads(result.stdout)["documents"]}
    assert sorted(docs) == ["legacy.txt", "live.txt"]  # excluded even when named (as pre-commit names files)
    legacy = {f["rule"] for f in docs["legacy.txt"]["findings"]}
    live = {f["rule"] for f in docs["live.txt"]["findings"]}
    assert "spelling" in live and "spelling" not in legacy and "filler-words" not in legacy
    assert docs["legacy.txt"]["checklist"]["no-extra-words"] == "skip"
    config.write_text("per_path: [spelling]\n")
    bad = _run(str(tmp_path / "macros"), "--config", str(config))
    assert bad.exit_code == 2 and "per_path" in bad.stderr


def test_ci_config_show_names_the_file_and_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    none = CliRunner().invoke(main, ["config", "show"])
    assert none.exit_code == 0 and "none found" in none.stdout
    (tmp_path / ".replylint.yaml").write_text("agent: Ana\nrules:\n  passive-voice: false\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    shown = CliRunner().invoke(main, ["config", "show"])
    assert f"# config file: {tmp_path / '.replylint.yaml'}" in shown.stdout
    assert "agent: Ana" in shown.stdout and "passive-voice: {enabled: false}" in shown.stdout
    assert "passive-voice" not in shown.stdout.split("enabled_rules:")[1]


GORGIAS = {
    "object": "list",
    "data": [
        {"id": 11, "name": "Refund sent", "archived_datetime": None, "actions": [
            {"name": "setResponseText", "arguments": {
                "body_text": "Hi {{ticket.customer.firstname}},\n\nThanks for writing in. I sent the refund "
                             "today, it can take 3-5 days.\n\nBest,\n{{current_user.firstname}}"}}]},
        {"id": 12, "name": "Tag only", "actions": [{"name": "addTags", "arguments": {"tags": "vip"}}]},
        {"id": 13, "name": "Old", "archived_datetime": "2024-01-01T00:00:00", "actions": [
            {"name": "setResponseText", "arguments": {"body_text": "Hi,\n\nOld.\n\nAna"}}]},
    ],
    "uri": "/api/macros",
}  # fmt: skip


def test_ci_gorgias_export_is_read_with_archived_macros_left_out(tmp_path: Path) -> None:
    path = tmp_path / "gorgias.json"
    path.write_text(json.dumps(GORGIAS, indent=2))
    entries = read_path(path)
    drafts, errors = split_entries(entries)
    assert [(d.item, d.title, d.templates) for d in drafts] == [
        ("11", "Refund sent", "gorgias")
    ] and not errors
    assert any("1 archived macro(s) not checked" in str(e) for e in entries)
    result = _run(str(path), "--format", "json", "--include-inactive")
    assert [d["item"] for d in json.loads(result.stdout)["documents"]] == ["11", "13"]


def test_ci_zendesk_page_of_several_is_said(tmp_path: Path) -> None:
    export = json.loads((ROOT / "examples" / "library" / "zendesk-macros.json").read_text())
    export.update(next_page="https://example.zendesk.com/api/v2/macros.json?page=2", count=230)
    path = tmp_path / "macros.json"
    path.write_text(json.dumps(export))
    result = _run(str(path), "--format", "json")
    assert "this export is one page (7 macros of 230)" in result.stderr and "next_page" in result.stderr


def test_ci_csv_of_macros_by_header_or_columns(tmp_path: Path) -> None:
    path = tmp_path / "macros.csv"
    path.write_text(
        'Macro ID,Name,Reply\n7,Refund,"Hi {{ticket.requester.first_name}},\n\nThanks for writing in. You will '
        'recieve it today.\n\nBest,\n{{current_user.first_name}}"\n8,Empty,\n'
    )
    drafts, errors = split_entries(read_path(path))
    assert [(d.item, d.title) for d in drafts] == [("7", "Refund")]
    assert [e.line for e in errors] == [8] and "nothing to check" in str(errors[0])
    result = _run(str(path), "--format", "json")
    [typo] = [f for f in json.loads(result.stdout)["documents"][0]["findings"] if f["rule"] == "spelling"]
    assert (typo["line"], path.read_text().splitlines()[typo["line"] - 1][typo["column"] - 1 :][:7]) == (
        4,
        "recieve",
    )
    other = tmp_path / "other.csv"
    other.write_text("key;words\n1;Hi Sam, thanks for writing in.\n")
    refused = _run(str(other))
    assert refused.exit_code == 2 and "--csv-columns" in refused.stderr
    named = _run(str(other), "--csv-columns", "words,,key", "--format", "json")
    assert [d["item"] for d in json.loads(named.stdout)["documents"]] == ["1"]


def test_ci_unknown_file_ending_is_an_error_not_a_reply(tmp_path: Path) -> None:
    path = tmp_path / "macros.xlsx"
    path.write_text("Hi Sam, thanks")
    result = _run(str(path))
    assert result.exit_code == 2 and "--input-format reply" in result.stderr
    assert _run(str(path), "--input-format", "reply", "--format", "json").exit_code in (0, 1)


@pytest.mark.slow
def test_ci_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    base = Path(SLOPPY).read_text()
    for i in range(150):
        (drafts / f"{i:03d}.txt").write_text(base.replace("order", f"order {i}"))
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("CI", None)
    args = [sys.executable, "-m", "replylint", "check", str(drafts), "--no-cache", "-j", "1", "-q"]
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=600)
    os.close(leader)
    assert b"checking" in seen and b"/150" in seen, seen[-500:]
    piped = subprocess.run([*args, "--format", "line"], capture_output=True, env=env, timeout=600)
    assert b"checking" not in piped.stderr and b"\x1b[" not in piped.stderr
