"""Inputs validated where they enter: names without a letter (ignored with a warning that
names where they came from), files that are not regular files (refused, never read: a
FIFO would hang, /dev/zero fill memory), the input size cap, and a JSON-lines stream and
HTTP bodies that answer whatever they are sent."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from live_server import live_server

import replylint
from replylint import inputfile
from replylint.cli import main
from replylint.config import Config
from replylint.engine import linter_for
from replylint.errors import InputError
from replylint.service import create_app

REPO = Path(__file__).resolve().parent.parent
REPLY = "Hi Sam,\n\nThanks for writing in. Your refund of $20 reaches you by Friday.\n\nBest,\nAna\n"
NOBODY = "has no letter (titles aside), so it names nobody"


def check(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, ["check", "--no-cache", *args], input=input)


def documents(result: Result) -> list[dict]:
    return json.loads(result.stdout)["documents"]


def warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("replylint: warning: ")]


# -- names without a letter ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["Dr.", "Mr", ":", " ", "\r", "--", "123"])
def test_boundary_flag_names_without_a_letter_are_ignored_with_a_warning(
    isolated_cwd: Path, name: str
) -> None:
    (isolated_cwd / "a.txt").write_text(REPLY, encoding="utf-8")
    plain = check("a.txt", "--format", "json", "--customer", "Sam")
    result = check("a.txt", "--format", "json", "--customer", "Sam", "--agent", name)
    assert result.exit_code == plain.exit_code, result.output
    assert documents(result) == documents(plain)
    assert warnings(result) == [
        f"replylint: warning: --agent: agent name {name!r} {NOBODY}; checked as if no agent name was given"
    ]
    env = check("a.txt", "--format", "json", "--customer", "Sam", env={"REPLYLINT_AGENT": name})
    assert documents(env) == documents(plain)
    assert warnings(env)[0].startswith("replylint: warning: REPLYLINT_AGENT: agent name")
    customer = check("a.txt", "--format", "json", "--customer", name)
    assert documents(customer) == documents(check("a.txt", "--format", "json"))
    assert "--customer: customer name" in customer.stderr


def test_boundary_names_from_files_are_named_by_file_and_line(isolated_cwd: Path) -> None:
    (isolated_cwd / ".replylint.yaml").write_text(
        "min_score: 50\ncustomer: Sam\nagent: ':'\n", encoding="utf-8"
    )
    (isolated_cwd / "fm.md").write_text("---\ntitle: T\ncustomer: 'Dr.'\n---\n" + REPLY, encoding="utf-8")
    library = {"macros": [{"id": 7, "title": "Refund", "actions": [{"field": "comment_value", "value": REPLY}],
                           "replylint": {"agent": "::"}}]}  # fmt: skip
    (isolated_cwd / "lib.json").write_text(json.dumps(library, indent=1), encoding="utf-8")
    result = check("fm.md", "lib.json", "--format", "json")
    said = warnings(result)
    config = str(isolated_cwd / ".replylint.yaml")
    assert (
        f"replylint: warning: {config}:3: 'agent': agent name ':' {NOBODY}; checked as if no agent name was given"
        in said
    )
    assert (
        f"replylint: warning: fm.md:3: front matter 'customer': customer name 'Dr.' {NOBODY}; checked as if no customer name was given"
        in said
    )
    assert any(
        w.startswith("replylint: warning: lib.json:") and "item 7" in w and "'replylint.agent'" in w
        for w in said
    )
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    # the front matter's name is passed over, so the config's customer (Sam) is the one checked
    [front] = [d for d in documents(result) if d["source"] == "fm.md"]
    assert front["checklist"]["use-their-name"] == "pass"


def test_boundary_stream_names_are_warned_per_line() -> None:
    line = json.dumps({"draft": REPLY, "customer": "Sam", "agent": ":"})
    result = check("--conversation", "-", input=line + "\n")
    [out] = [json.loads(x) for x in result.stdout.splitlines()]
    assert out["warnings"] == [
        f"-:1: 'agent': agent name ':' {NOBODY}; checked as if no agent name was given"
    ]
    assert warnings(result) == [f"replylint: warning: {out['warnings'][0]}"]


def test_boundary_api_names_without_a_letter_count_as_none() -> None:
    assert replylint.lint(REPLY, customer="Sam", agent="Dr.") == replylint.lint(REPLY, customer="Sam")


# -- files that are not regular files -----------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("flag", ["--ticket", "--config", "--conversation", None])
def test_boundary_a_fifo_is_refused_not_waited_on(fifo: Path, tmp_path: Path, flag: str | None) -> None:
    """In a subprocess: before, each of these blocked for ever on open()."""
    draft = tmp_path / "a.txt"
    draft.write_text(REPLY, encoding="utf-8")
    args = [str(draft), flag, str(fifo)] if flag else [str(fifo)]
    done = subprocess.run(
        [sys.executable, "-m", "replylint", "check", "--no-cache", *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert f"{fifo}: " in done.stderr and "a FIFO (named pipe), not a regular file" in done.stderr


@pytest.mark.parametrize("flag", ["--ticket", "--config", "--conversation", None])
def test_boundary_a_device_is_refused_not_read(tmp_path: Path, flag: str | None) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text(REPLY, encoding="utf-8")
    args = [str(draft), flag, "/dev/zero"] if flag else ["/dev/zero"]
    result = check(*args)
    assert result.exit_code == 2
    assert "/dev/zero: " in result.stderr and "a character device, not a regular file" in result.stderr


# -- the size cap -------------------------------------------------------------------------


def test_boundary_inputs_over_the_size_cap_are_refused_naming_the_limit(isolated_cwd: Path) -> None:
    big = "Hi Sam,\n\n" + "Your refund is on its way. " * 45_000  # about 1.2 MB
    (isolated_cwd / "big.txt").write_text(big, encoding="utf-8")
    (isolated_cwd / "a.txt").write_text(REPLY, encoding="utf-8")
    env = {"REPLYLINT_MAX_INPUT_MB": "1"}
    result = check("big.txt", "a.txt", "--format", "json", env=env)
    assert result.exit_code == 2
    assert (
        "big.txt: larger than the 1 MiB input limit (set REPLYLINT_MAX_INPUT_MB or max_input_mb"
        in result.stderr
    )
    assert [d["source"] for d in documents(result)] == ["a.txt"]  # the others are still checked
    stdin = check("-", input=big, env=env)
    assert stdin.exit_code == 2 and "-: larger than the 1 MiB input limit" in stdin.stderr
    ticket = check("a.txt", "--ticket", "big.txt", env=env)
    assert ticket.exit_code == 2 and "big.txt: ticket: larger than the 1 MiB input limit" in ticket.stderr
    (isolated_cwd / ".replylint.yaml").write_text("max_input_mb: 1\n", encoding="utf-8")
    assert "larger than the 1 MiB input limit" in check("big.txt").stderr
    # within a 2 MiB cap the file is read (and found empty: only spaces, so nothing is checked)
    (isolated_cwd / "blank.txt").write_text(" " * 1_200_000, encoding="utf-8")
    (isolated_cwd / ".replylint.yaml").write_text("max_input_mb: 2\n", encoding="utf-8")
    assert "blank.txt: the draft is empty" in check("blank.txt").stderr
    assert "blank.txt: larger than the 1 MiB" in check("blank.txt", env=env).stderr  # env beats config
    bad = check("a.txt", env={"REPLYLINT_MAX_INPUT_MB": "lots"})
    assert bad.exit_code == 2 and "REPLYLINT_MAX_INPUT_MB must be a whole number" in bad.stderr


def test_boundary_lines_are_capped_and_skipped_whole() -> None:
    data = b"short\n" + b"x" * 50 + b"\n" + b"y" * 10 + b"\n" + b"z" * 30
    got = list(inputfile.lines(io.BytesIO(data), limit=20))
    assert got[0] == b"short\n" and got[2] == b"y" * 10 + b"\n"
    assert isinstance(got[1], inputfile.Oversized) and got[1].size == 51
    assert isinstance(got[3], inputfile.Oversized)
    exact = list(inputfile.lines(io.BytesIO(b"a" * 20 + b"\n" + b"b" * 20), limit=20))
    assert exact == [b"a" * 20 + b"\n", b"b" * 20]


def test_boundary_read_bytes_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a folder, not a regular file"):
        inputfile.read_bytes(tmp_path)
    with pytest.raises(InputError, match="cannot read: No such file"):
        inputfile.read_bytes(tmp_path / "missing")
    (tmp_path / "ok").write_bytes(b"12345")
    assert inputfile.read_bytes(tmp_path / "ok", limit=5) == b"12345"
    with pytest.raises(InputError, match="larger than the 4 bytes input limit"):
        inputfile.read_bytes(tmp_path / "ok", limit=4)


# -- the JSON-lines stream answers every line -----------------------------------------------

HOSTILE = [
    (b"\xff\xfe not utf-8", "not valid UTF-8 (byte 0xff at column 1)"),
    (b'{"draft": "Hi \xed\xa0\x80 Sam"}', "not valid UTF-8"),  # an encoded surrogate
    (b'{"draft": "Hi \\ud800 Sam"}', "lone surrogate"),
    (b"[" * 100_000 + b"]" * 100_000, "nested more than 100 levels deep"),
    (b'{"draft": "Hi", "id": ' + b"9" * 5000 + b"}", "a number with more than 1,000 digits"),
    (b"[1, 2]", "a conversation must be a JSON object"),
    (b'"just a string"', "a conversation must be a JSON object"),
    (b"null", "a conversation must be a JSON object"),
    (b"{}", "missing required field"),
    (b'{"draft": "   "}', "must be a non-empty string"),
    (b'{"draft": "Hi", "customer": 1e999}', "must be an object with a 'name' string"),
    (b'{"draft": "Hi", "channel": {"x": 1}}', "must be one of"),
    (b'{"draft": "Hi"', "invalid JSON: Expecting ',' delimiter (column 15)"),
    (b"\x00\x01\x02", "invalid JSON"),
]


def test_boundary_stream_answers_every_hostile_line_and_goes_on() -> None:
    good = json.dumps({"draft": REPLY, "customer": "Sam", "agent": "Ana"}).encode()
    lines = [good]
    for raw, _ in HOSTILE:
        lines += [raw, good]
    stdin = b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n\n   \n"
    result = check("--conversation", "-", input=stdin, env={"REPLYLINT_MAX_INPUT_MB": "1"})
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["line"] for o in out] == list(range(1, len(lines) + 1))  # every line, once, in order
    for (raw, expected), answer in zip(HOSTILE, out[1::2], strict=True):
        assert set(answer) == {"line", "error", "field"}, raw[:40]
        assert expected in answer["error"], (raw[:40], answer)
    assert all(o["ready_to_send"] for o in out[0::2])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_boundary_stream_over_long_line_is_an_error_for_that_line(tmp_path: Path) -> None:
    good = json.dumps({"draft": REPLY, "customer": "Sam", "agent": "Ana"})
    long = json.dumps({"draft": "Hi Sam, " + "a" * 1_200_000})
    path = tmp_path / "in.jsonl"
    path.write_text(f"{good}\n{long}\n{good}\n", encoding="utf-8")
    result = check("--conversation", str(path), env={"REPLYLINT_MAX_INPUT_MB": "1"})
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3]
    assert out[1]["error"].startswith("the line is longer than the 1 MiB input limit")
    assert out[2]["ready_to_send"] is True


# -- HTTP bodies ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with live_server(create_app(linter_for(Config()))) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


@pytest.mark.parametrize(("raw", "expected"), HOSTILE)
def test_boundary_service_answers_hostile_bodies_with_400_or_422(
    client: httpx.Client, raw: bytes, expected: str
) -> None:
    for route in ("/v1/lint", "/v1/fix"):
        response = client.post(route, content=raw, headers={"content-type": "application/json"})
        assert response.status_code in (400, 422), (raw[:40], response.status_code, response.text[:200])
        body = response.json()
        assert set(body) == {"error", "field"} and body["error"]


def test_boundary_service_lists_warnings(client: httpx.Client) -> None:
    body = client.post("/v1/lint", json={"draft": REPLY, "customer": "Sam", "agent": "Mr"}).json()
    assert body["warnings"] == [
        f"-: 'agent': agent name 'Mr' {NOBODY}; checked as if no agent name was given"
    ]


def test_boundary_front_matter_with_a_character_yaml_refuses_is_an_input_error(isolated_cwd: Path) -> None:
    (isolated_cwd / "a.md").write_text('---\ntitle: "a\x7fb"\n---\n' + REPLY, encoding="utf-8")
    (isolated_cwd / "b.txt").write_text(REPLY, encoding="utf-8")
    result = check("a.md", "b.txt", "--format", "json")
    assert result.exit_code == 2
    assert "a.md:2: invalid YAML: character #x007f is not allowed (line 2)" in result.stderr
    assert [d["source"] for d in documents(result)] == ["b.txt"]
