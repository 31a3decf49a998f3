"""GitHub Actions workflow commands and the Markdown job summary, from real runs."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import kind_rule
from format_samples import GOOD, MACRO, ROUGH, lint_drafts

from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules, linter_for
from replylint.findings import Level
from replylint.formatters import FORMATTERS, github
from replylint.report import Report

_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(value: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command the way the runner reads it: split on raw ',' '=' and '::'."""
    m = _COMMAND.match(line)
    assert m, f"not a workflow command: {line!r}"
    props = dict(pair.split("=", 1) for pair in m.group(2).split(","))
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))


@pytest.fixture(scope="module")
def report() -> Report:
    return lint_drafts(
        [
            Draft(ROUGH, source="drafts/rough, v2: final 100%.txt"),
            Draft(GOOD, source="drafts/good.txt"),
            Draft(MACRO, source="library/macros.json", item="macro-7", title="Refund | card fee"),
            Draft(ROUGH, source="-"),
        ]
    )


def test_github_one_command_per_finding_with_level_mapped(report: Report) -> None:
    lines = FORMATTERS["github"](report).splitlines()
    findings = [(d, f) for d in report.documents for f in d.findings]
    assert len(lines) == len(findings) > 10
    expected = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}
    for line, (doc, f) in zip(lines, findings, strict=True):
        command, props, message = _parse(line)
        assert command == expected[f.level]
        assert props.get("file") == (None if doc.source == "-" else doc.source)
        assert props["line"] == str(f.line) and props["col"] == str(f.column)
        assert props["title"].startswith(f"{f.rule} ({f.checklist})")
        assert message.startswith(f.message)
    assert {_parse(line)[0] for line in lines} == {"error", "warning", "notice"}


def test_github_escaping_round_trips_paths_and_messages(report: Report) -> None:
    rough = report.documents[0]
    lines = FORMATTERS["github"](report).splitlines()[: len(rough.findings)]
    for line, f in zip(lines, rough.findings, strict=True):
        assert "\n" not in line and "\r" not in line
        _, props, message = _parse(line)
        assert props["file"] == "drafts/rough, v2: final 100%.txt"
        if f.suggestions:
            assert message.split("\n")[1].startswith("fix: " if f.fixable else "try: ")
    assert "file=drafts/rough%2C v2%3A final 100%25.txt," in lines[0]


def test_github_escape_functions() -> None:
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"


def test_github_end_position_covers_the_match(report: Report) -> None:
    rough = report.documents[0]
    lines = FORMATTERS["github"](report).splitlines()[: len(rough.findings)]
    for line, f in zip(lines, rough.findings, strict=True):
        _, props, _ = _parse(line)
        assert props["endLine"] == props["line"]  # every match here is on one line
        assert int(props["endColumn"]) - int(props["col"]) == f.length


def test_github_multiline_message_is_one_command() -> None:
    rule = kind_rule(
        "regex", {"pattern": r"\bcant\b"}, rule_id="two-lines", message="line one\nline two: '{match}'"
    )
    linter = Linter([*configured_rules(Config()), rule], Config())
    report = linter.lint([Draft(ROUGH, source="a.txt")], linter.context("Sarah", "Ana"))
    [line] = [x for x in github.render(report).splitlines() if "two-lines" in x]
    assert line.endswith("::line one%0Aline two: 'cant'")


def test_github_stdin_has_no_file_property(report: Report) -> None:
    lines = FORMATTERS["github"](report).splitlines()
    stdin = lines[-len(report.documents[-1].findings) :]
    for line in stdin:
        _, props, _ = _parse(line)
        assert "file" not in props
        assert "line" in props


def test_github_library_item_named_in_title(report: Report) -> None:
    lines = [_parse(x) for x in FORMATTERS["github"](report).splitlines()]
    macro = [p for _, p, _ in lines if p.get("file") == "library/macros.json"]
    assert macro and all(p["title"].endswith("[macro-7]") for p in macro)


def test_github_quiet_keeps_only_blocking_findings(report: Report) -> None:
    quiet = github.render(report, quiet=True).splitlines()
    blocking = [f for d in report.documents for f in d.findings if f.level.rank >= report.fail_on.rank]
    assert len(quiet) == len(blocking) > 0
    assert all(line.startswith("::error ") for line in quiet)


def test_github_summary_table_and_top_rules(report: Report) -> None:
    md = github.summary(report)
    lines = md.splitlines()
    assert lines[0] == "## replylint"
    header = lines.index("| Document | Score | Ready to send | Errors | Warnings | Suggestions |")
    rows = lines[header + 2 : header + 2 + len(report.documents)]
    assert len(rows) == len(report.documents)
    for row, doc in zip(rows, report.documents, strict=True):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        assert len(cells) == 6, row  # an escaped '|' in a title does not add a column
        errors = sum(f.level is Level.ERROR for f in doc.findings)
        warnings = sum(f.level is Level.WARNING for f in doc.findings)
        suggestions = sum(f.level is Level.SUGGESTION for f in doc.findings)
        assert cells[1:] == [
            str(doc.score),
            "✅ yes" if doc.ready_to_send else "❌ no",
            str(errors),
            str(warnings),
            str(suggestions),
        ]
    assert rows[2].startswith("| library/macros.json \\[macro-7\\] Refund \\| card fee |")
    assert rows[3].startswith("| stdin |")
    top = lines[lines.index("### Most frequent rules") + 4 :]
    findings = [f for d in report.documents for f in d.findings]
    by_rule = Counter(f.rule for f in findings)
    first, n = min(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    in_docs = sum(any(f.rule == first for f in d.findings) for d in report.documents)
    checklist = next(f.checklist for f in findings if f.rule == first)
    assert top[0] == f"| `{first}` | {checklist} | {n} | {in_docs} |", top
    assert by_rule["spelling"] >= 4  # cant and abuot in two drafts, cant in the macro
    assert len(top) == min(len(by_rule), github.TOP_RULES)
    counts = [int(row.split("|")[3]) for row in top]
    assert counts == sorted(counts, reverse=True)


def test_github_summary_for_a_clean_run_has_no_rule_table() -> None:
    linter = linter_for(Config())
    report = linter.lint([Draft(GOOD, source="good.txt")], linter.context("Sarah", "Ana"))
    md = github.summary(report)
    assert "Most frequent rules" not in md
    assert "all ready to send" in md
    assert github.render(report) == ""
