"""Fault isolation: a failure on one document costs only that document, in every output
format, with --jobs 1 and the forked --jobs workers, with and without the result cache;
exit 4 for an internal error, one line by default, the traceback with --debug.

Faults are injected from outside (tests/faults.py): a rule, the preparation of the
text or spaCy raises on drafts holding a marker, a --jobs worker is SIGKILLed, or the
formatter raises. One real fault too: a lone surrogate reaching spaCy through the API.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from faults import MARKERS, InjectedFault, installed

import replylint
from replylint import InternalError
from replylint.cli import EXIT_INTERNAL, main
from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, linter_for

REPO = Path(__file__).resolve().parent.parent
FAULTS = REPO / "tests" / "faults.py"
GOOD = "Hi Sam,\n\nThanks for writing in. Your refund of $20 is on its way and reaches you by Friday.\n\nBest,\nAna\n"
FORMATS = ["text", "json", "sarif", "github", "junit", "line", "html"]


def _batch(folder: Path, faults: dict[int, str], n: int = 8) -> list[Path]:
    """n drafts d00..; those in `faults` carry that fault's marker."""
    paths = []
    for i in range(n):
        text = GOOD.replace("refund", f"refund {i}")
        if i in faults:
            text = text.replace("Thanks", f"{MARKERS[faults[i]]} Thanks")
        path = folder / f"d{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _check(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["check", "--customer", "Sam", "--agent", "Ana", *args], input=input)


def _parses(fmt: str, out: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")


def _documents(out: str) -> dict[str, dict]:
    return {Path(d["source"]).name: d for d in json.loads(out)["documents"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fault_isolation_every_format_names_the_failed_documents_and_reports_the_others(
    isolated_cwd: Path, jobs: str
) -> None:
    faults = {1: "check", 4: "prepare", 6: "parse"}
    _batch(isolated_cwd, faults)
    clean = _check(".", "--format", "json", "--no-cache", "--jobs", jobs)
    expected = _documents(clean.stdout)
    with installed("check", "prepare", "parse"):
        for fmt in FORMATS:
            result = _check(".", "--format", fmt, "--no-cache", "--jobs", jobs)
            assert result.exit_code == EXIT_INTERNAL, (fmt, result.output)
            _parses(fmt, result.stdout)
            assert "Traceback" not in result.output
            for i in faults:
                name = f"d{i:02d}.txt"
                assert name in result.stdout, (fmt, name)
                line = next(x for x in result.stderr.splitlines() if name in x)
                assert line.startswith("replylint: internal error: ") and "InjectedFault" in line
                assert "--debug" in line
            if fmt == "json":
                docs = _documents(result.stdout)
                assert list(docs) == list(expected)  # every document, in order
                for name, doc in docs.items():
                    if int(name[1:3]) in faults:
                        assert doc["error"].startswith("InjectedFault: ")
                        assert doc["ready_to_send"] is False
                        assert [f["rule"] for f in doc["findings"]] == ["internal-error"]
                    else:
                        assert doc == expected[name]
            if fmt == "line":
                errors = [x for x in result.stdout.splitlines() if ":internal-error:error:" in x]
                assert len(errors) == len(faults)
            if fmt == "sarif":
                [run] = json.loads(result.stdout)["runs"]
                [invocation] = run["invocations"]
                assert invocation["executionSuccessful"] is False
                assert len(invocation["toolExecutionNotifications"]) == len(faults)
    assert "Traceback" not in clean.output and clean.exit_code != EXIT_INTERNAL


def test_fault_isolation_json_version_1_carries_the_error(isolated_cwd: Path) -> None:
    _batch(isolated_cwd, {0: "check"}, n=2)
    with installed("check"):
        result = _check(".", "--format", "json", "--json-version", "1", "--no-cache")
    docs = _documents(result.stdout)
    assert docs["d00.txt"]["error"] == "InjectedFault: a rule failed"
    assert "error" not in docs["d01.txt"]
    assert result.exit_code == EXIT_INTERNAL


def test_fault_isolation_debug_prints_the_traceback(isolated_cwd: Path) -> None:
    _batch(isolated_cwd, {0: "check"}, n=2)
    with installed("check"):
        result = _check(".", "--no-cache", "--debug")
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in result.stderr
    assert "InjectedFault: a rule failed" in result.stderr
    assert "run with --debug" not in result.stderr


def test_fault_isolation_a_formatter_failure_costs_only_its_document(isolated_cwd: Path) -> None:
    _batch(isolated_cwd, {2: "render"}, n=4)
    with installed("render"):
        for fmt in ("json", "text", "html"):
            result = _check(".", "--format", fmt, "--no-cache")
            assert result.exit_code == EXIT_INTERNAL, result.output
            assert "d02.txt: InjectedFault: the formatter failed" in result.stderr
            for i in (0, 1, 3):
                assert f"d{i:02d}.txt" in result.stdout
    docs = _documents(_check(".", "--format", "json", "--no-cache").stdout)
    assert "error" not in docs["d02.txt"]


def test_fault_isolation_failed_documents_are_never_cached(
    isolated_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(isolated_cwd / "cache"))
    (isolated_cwd / "in").mkdir()
    _batch(isolated_cwd / "in", {1: "check"}, n=3)
    with installed("check"):
        first = _check("in", "--format", "json")
        second = _check("in", "--format", "json")
    assert first.exit_code == second.exit_code == EXIT_INTERNAL
    assert _documents(first.stdout) == _documents(second.stdout)
    # without the fault the document is checked for real: its failure was not cached
    third = _documents(_check("in", "--format", "json").stdout)
    assert "error" not in third["d01.txt"] and third["d01.txt"]["score"] > 0
    assert third["d00.txt"] == _documents(first.stdout)["d00.txt"]


def test_fault_isolation_a_broken_cache_is_only_a_miss(isolated_cwd: Path, monkeypatch) -> None:
    from replylint import resultcache

    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(isolated_cwd / "cache"))
    _batch(isolated_cwd, {}, n=2)
    expected = _documents(_check(".", "--format", "json", "--no-cache").stdout)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk on fire")

    for name in ("key", "get", "put", "remember_pipeline"):
        monkeypatch.setattr(resultcache.ResultCache, name, broken)
    result = _check(".", "--format", "json")
    assert result.exit_code == 0, result.output
    assert _documents(result.stdout) == expected


@pytest.mark.slow
def test_fault_isolation_a_killed_worker_loses_only_its_document(tmp_path: Path) -> None:
    """--jobs 2 with a real SIGKILL in a forked worker: the chunk it held is checked again,
    each document in its own process, and only the one that kills its process fails."""
    _batch(tmp_path, {5: "die"}, n=10)
    env = {**os.environ, "REPLYLINT_TEST_FAULTS": "die", "REPLYLINT_CACHE_DIR": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, str(FAULTS), "check", str(tmp_path), "--format", "json", "--jobs", "2", "--no-cache",
         "--customer", "Sam", "--agent", "Ana"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == EXIT_INTERNAL, done.stderr
    docs = _documents(done.stdout)
    assert len(docs) == 10
    failed = {name for name, d in docs.items() if "error" in d}
    assert failed == {"d05.txt"}
    assert "killed by signal 9" in docs["d05.txt"]["error"]
    assert "Traceback" not in done.stderr
    assert all(d["score"] > 0 for name, d in docs.items() if name != "d05.txt")


def test_fault_isolation_a_real_spacy_failure_in_a_batch_fails_one_document() -> None:
    """A lone surrogate makes spaCy's tokenizer raise (it hashes strings as UTF-8); in a
    batch, only that draft fails, whatever its place in spaCy's batch."""
    linter = linter_for(Config())
    texts = [GOOD, GOOD.replace("Sam", "Kim"), "Hi Sam,\n\nThis \ud800 breaks.\n\nBest,\nAna\n", GOOD]
    drafts = [Draft(t, source=f"d{i}") for i, t in enumerate(texts)]
    report = linter.lint(drafts, linter.context(customer="Sam", agent="Ana"))
    assert [d.source for d in report.documents] == ["d0", "d1", "d2", "d3"]
    assert [d.error is not None for d in report.documents] == [False, False, True, False]
    assert report.documents[2].error.startswith("UnicodeEncodeError")
    alone = linter.lint([drafts[0]], linter.context(customer="Sam", agent="Ana"))
    assert report.documents[0] == alone.documents[0]


def test_fault_isolation_the_api_raises_internal_error_with_the_traceback() -> None:
    with installed("check"), pytest.raises(InternalError) as caught:
        replylint.lint(f"Hi Sam, {MARKERS['check']}", customer="Sam")
    assert "InjectedFault: a rule failed" in str(caught.value)
    assert any("Traceback" in note for note in caught.value.__notes__)
    assert not isinstance(caught.value, replylint.ReplylintError)


def test_fault_isolation_an_error_outside_any_document_is_exit_4_in_one_line(
    isolated_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replylint.readers import inputs

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise InjectedFault("collecting failed")

    monkeypatch.setattr(inputs, "collect", broken)
    (isolated_cwd / "a.txt").write_text(GOOD, encoding="utf-8")
    result = _check("a.txt")
    assert result.exit_code == EXIT_INTERNAL
    assert result.stderr.strip().splitlines() == [
        "replylint: internal error: InjectedFault: collecting failed "
        "(a bug in replylint; run with --debug for the traceback)"
    ]
    debug = _check("a.txt", "--debug")
    assert debug.exit_code == EXIT_INTERNAL and "Traceback (most recent call last)" in debug.stderr


def test_fault_isolation_the_stream_answers_the_lines_after_a_failure() -> None:
    lines = [
        json.dumps({"draft": GOOD, "customer": "Sam", "agent": "Ana"}),
        json.dumps({"draft": GOOD.replace("Thanks", MARKERS["check"]), "customer": "Sam"}),
        json.dumps({"draft": GOOD, "customer": "Sam", "agent": "Ana"}),
    ]
    with installed("check"):
        result = _check("--conversation", "-", input="\n".join(lines) + "\n")
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3]
    assert out[1]["error"] == "InjectedFault: a rule failed"
    assert out[0]["ready_to_send"] and out[2]["ready_to_send"]
    assert result.exit_code == EXIT_INTERNAL
    assert "-:2: InjectedFault" in result.stderr


def test_fault_isolation_linter_lint_reports_a_failed_variant_document() -> None:
    linter = Linter((), Config())
    with installed("check"):
        report = linter.lint([Draft(MARKERS["check"]), Draft("Hi Sam")], linter.context())
    assert report.documents[0].error and report.documents[1].error is None


def test_fault_isolation_a_failing_summary_still_writes_every_document(
    isolated_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replylint.formatters import text

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise InjectedFault("the summary failed")

    _batch(isolated_cwd, {}, n=3)
    monkeypatch.setattr(text, "_summary", broken)
    result = _check(".", "--no-cache")
    assert all(f"d{i:02d}.txt" in result.stdout for i in range(3))
    assert result.exit_code == EXIT_INTERNAL
    assert result.stderr.strip().endswith(
        "InjectedFault: the summary failed (a bug in replylint; run with --debug for the traceback)"
    )


def test_fault_isolation_an_audit_reply_replylint_fails_on_is_an_error_row(tmp_path: Path) -> None:
    """`replylint audit` (in-process): the reply a rule fails on is an error row naming the
    error, the other replies of the same batch are scored."""
    from audit_helpers import read_out

    from replylint.audit import cluster, driver

    export = tmp_path / "warehouse.csv"
    reply = "Hi Sam,\\n\\nThanks for writing in. I have fixed the invoice.\\n\\nBest,\\nAna"
    rows = ["ticket,role,who,text,at"]
    for ticket, text in (("A1", reply), ("A2", reply.replace("Thanks", MARKERS["check"])), ("A3", reply)):
        rows.append(f'{ticket},customer,Sam Lee,"Hi, my invoice is wrong.",2024-04-02T09:00:00Z')
        rows.append(f'{ticket},agent,Ana Souza,"{text}",2024-04-02T10:00:00Z')
    export.write_text("\n".join(rows).replace("\\n", "\n") + "\n", encoding="utf-8")
    columns = {"conversation_id": "ticket", "author_role": "role", "author_name": "who", "body": "text",
               "created_at": "at"}  # fmt: skip
    options = driver.AuditOptions(exports=(export,), out=tmp_path / "out", config=Config(), columns=columns)
    with installed("check"):
        driver.run(options, cluster.InProcess())
    table, _, _ = read_out(tmp_path / "out")
    by_ticket = {row["conversation_id"]: row for row in table.to_pylist()}
    assert by_ticket["A2"]["error"] == "could not be checked: InjectedFault: a rule failed"
    assert by_ticket["A1"]["error"] is None and by_ticket["A3"]["error"] is None
    assert by_ticket["A1"]["status_use_their_name"] == "pass"
