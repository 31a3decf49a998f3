"""Exit codes: 0 ready to send, 1 not ready, 2 usage/config/input errors (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint.cli import main

GOOD = "Hi Sarah,\n\nThanks for writing in. I have issued the refund, and it will reach your card within 5 business days.\n\nBest,\nAna\n"
ERROR = (
    "Hi Sarah,\n\nThanks for writing in. You will recieve your refund within 5 business days.\n\nBest,\nAna\n"
)
WARNING = "Hi Sarah,\n\nThanks for writing in. In order to help, I have issued the refund, and it will reach your card within 5 business days.\n\nBest,\nAna\n"
SUGGESTION = "Hi Sarah,\n\nThanks for writing in. I just issued the refund, and it will reach your card within 5 business days.\n\nBest,\nAna\n"
NAMES = ["--customer", "Sarah", "--agent", "Ana"]


def check(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["check", *args], input=stdin)


@pytest.fixture
def drafts(isolated_cwd: Path) -> dict[str, Path]:
    out = {}
    for name, text in {"good": GOOD, "error": ERROR, "warning": WARNING, "suggestion": SUGGESTION}.items():
        path = isolated_cwd / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


def test_cli_good_draft_exits_0(drafts) -> None:
    result = check(str(drafts["good"]), *NAMES)
    assert result.exit_code == 0, result.output
    assert "ready to send" in result.stdout
    assert result.stderr == ""


def test_cli_error_finding_exits_1(drafts) -> None:
    result = check(str(drafts["error"]), *NAMES)
    assert result.exit_code == 1
    assert "recieve" in result.stdout
    assert "not ready to send" in result.stdout


def test_cli_score_below_min_score_exits_1(drafts) -> None:
    assert check(str(drafts["warning"]), *NAMES).exit_code == 0
    result = check(str(drafts["warning"]), *NAMES, "--min-score", "100", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["score"] < 100
    assert doc["ready_to_send"] is False


def test_cli_fail_on_warning_changes_the_outcome(drafts) -> None:
    assert check(str(drafts["warning"]), *NAMES).exit_code == 0
    assert check(str(drafts["warning"]), *NAMES, "--fail-on", "warning").exit_code == 1
    assert check(str(drafts["suggestion"]), *NAMES, "--fail-on", "warning").exit_code == 0


def test_cli_fail_on_suggestion_changes_the_outcome(drafts) -> None:
    assert check(str(drafts["suggestion"]), *NAMES).exit_code == 0
    assert check(str(drafts["suggestion"]), *NAMES, "--fail-on", "suggestion").exit_code == 1


def test_cli_any_not_ready_document_exits_1(drafts) -> None:
    result = check(str(drafts["good"]), str(drafts["error"]), *NAMES)
    assert result.exit_code == 1


def test_cli_missing_path_exits_2_and_checks_the_rest(drafts, isolated_cwd: Path) -> None:
    result = check("nope.txt", str(drafts["good"]), *NAMES, "--format", "json")
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
    assert [d["source"] for d in json.loads(result.stdout)["documents"]] == [str(drafts["good"])]


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "], ids=["empty", "whitespace"])
def test_cli_empty_file_exits_2(drafts, isolated_cwd: Path, content: bytes) -> None:
    path = isolated_cwd / "blank.txt"
    path.write_bytes(content)
    result = check(str(path), str(drafts["good"]), *NAMES)
    assert result.exit_code == 2
    assert "blank.txt" in result.stderr
    assert "empty" in result.stderr
    assert str(drafts["good"]) in result.stdout


@pytest.mark.parametrize("content", ["", "   \n\n  \t"], ids=["empty", "whitespace"])
def test_cli_empty_stdin_exits_2(isolated_cwd: Path, content: str) -> None:
    result = check(*NAMES, stdin=content)
    assert result.exit_code == 2
    assert "empty" in result.stderr
    result = check("-", *NAMES, stdin=content)
    assert result.exit_code == 2


def test_cli_binary_file_exits_2_and_checks_the_rest(drafts, isolated_cwd: Path) -> None:
    path = isolated_cwd / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = check(str(path), str(drafts["error"]), *NAMES, "--format", "json")
    assert result.exit_code == 2
    assert "photo.txt" in result.stderr
    assert "binary" in result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert [d["source"] for d in docs] == [str(drafts["error"])]
    assert docs[0]["findings"]


def test_cli_invalid_utf8_exits_2_naming_file_and_line(drafts, isolated_cwd: Path) -> None:
    path = isolated_cwd / "latin1.txt"
    path.write_bytes("Hi Zoë,\n\nThanks for writing in.\n\nBest,\nAna\n".encode("latin-1"))
    result = check(str(drafts["good"]), str(path), *NAMES, "--format", "json")
    assert result.exit_code == 2
    assert f"{path}:1" in result.stderr
    assert "UTF-8" in result.stderr
    assert [d["source"] for d in json.loads(result.stdout)["documents"]] == [str(drafts["good"])]


def test_cli_utf8_bom_is_accepted(isolated_cwd: Path) -> None:
    path = isolated_cwd / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    result = check(str(path), *NAMES)
    assert result.exit_code == 0, result.output


def test_cli_unknown_format_exits_2(drafts) -> None:
    result = check(str(drafts["good"]), "--format", "yaml-ish")
    assert result.exit_code == 2
    assert "yaml-ish" in result.stderr


def test_cli_bad_min_score_flag_exits_2(drafts) -> None:
    assert check(str(drafts["good"]), "--min-score", "101").exit_code == 2


def test_cli_folder_is_expanded(drafts, isolated_cwd: Path) -> None:
    result = check(str(isolated_cwd), *NAMES, "--format", "json")
    sources = [Path(d["source"]).name for d in json.loads(result.stdout)["documents"]]
    assert sources == ["error.txt", "good.txt", "suggestion.txt", "warning.txt"]
    assert result.exit_code == 1


def test_cli_empty_folder_exits_2(isolated_cwd: Path) -> None:
    (isolated_cwd / "empty").mkdir()
    result = check(str(isolated_cwd / "empty"))
    assert result.exit_code == 2
    assert "no reply files" in result.stderr


def test_cli_stdin_dash_is_checked(isolated_cwd: Path) -> None:
    result = check("-", *NAMES, "--format", "json", stdin=ERROR)
    assert result.exit_code == 1
    [doc] = json.loads(result.stdout)["documents"]
    assert doc["source"] == "-"
    assert [f["match"] for f in doc["findings"]] == ["recieve"]


def test_cli_stdin_without_paths_is_checked(isolated_cwd: Path) -> None:
    result = check(*NAMES, "--format", "json", stdin=GOOD)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["source"] == "-"
