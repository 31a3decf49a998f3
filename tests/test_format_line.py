"""`path:line:col:rule:level:message`, one finding per line and nothing else."""

from __future__ import annotations

import re

import pytest
from conftest import kind_rule
from format_samples import GOOD, ROUGH, lint_drafts

from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules, linter_for
from replylint.formatters import FORMATTERS, line
from replylint.report import Report

_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+):(?P<rule>[\w.-]+):(?P<level>error|warning|suggestion):(?P<msg>.+)$"
)


@pytest.fixture(scope="module")
def report() -> Report:
    return lint_drafts(
        [
            Draft(ROUGH, source="drafts/rough.txt"),
            Draft(GOOD, source="drafts/good.txt"),
            Draft(ROUGH, source="-"),
        ]
    )


def test_line_one_line_per_finding_and_nothing_else(report: Report) -> None:
    out = FORMATTERS["line"](report)
    assert out.endswith("\n")
    lines = out.splitlines()
    findings = [(d, f) for d in report.documents for f in d.findings]
    assert len(lines) == len(findings) > 10
    for text, (doc, f) in zip(lines, findings, strict=True):
        m = _LINE.match(text)
        assert m, text
        assert m.group("path") == doc.source
        assert (int(m.group("line")), int(m.group("col"))) == (f.line, f.column)
        assert (m.group("rule"), m.group("level"), m.group("msg")) == (f.rule, f.level.value, f.message)


def test_line_exact_text_for_a_known_finding(report: Report) -> None:
    lines = FORMATTERS["line"](report).splitlines()
    assert "drafts/rough.txt:3:52:spelling:error:'cant' looks misspelled; did you mean 'can't'?" in lines
    assert "drafts/rough.txt:1:1:thank-them:warning:" in "\n".join(lines)


def test_line_stdin_path_is_dash(report: Report) -> None:
    lines = FORMATTERS["line"](report).splitlines()
    stdin = lines[-len(report.documents[-1].findings) :]
    assert stdin and all(x.startswith("-:") for x in stdin)


def test_line_clean_report_prints_nothing() -> None:
    linter = linter_for(Config())
    report = linter.lint([Draft(GOOD, source="good.txt")], linter.context("Sarah", "Ana"))
    assert report.documents[0].findings == ()
    assert line.render(report) == ""
    assert line.render(report, color=True) == ""


def test_line_multiline_message_is_one_line() -> None:
    rule = kind_rule(
        "regex", {"pattern": r"\bcant\b"}, rule_id="two-lines", message="line one\r\nline two: '{match}'"
    )
    linter = Linter([*configured_rules(Config()), rule], Config())
    report = linter.lint([Draft(ROUGH, source="a.txt")], linter.context("Sarah", "Ana"))
    out = line.render(report)
    assert "a.txt:3:52:two-lines:error:line one line two: 'cant'\n" in out
    assert len(out.splitlines()) == len(report.documents[0].findings)


def test_line_quiet_keeps_only_blocking_findings(report: Report) -> None:
    quiet = line.render(report, quiet=True).splitlines()
    blocking = [f for d in report.documents for f in d.findings if f.level.rank >= report.fail_on.rank]
    assert len(quiet) == len(blocking) > 0
    assert all(":error:" in x for x in quiet)
