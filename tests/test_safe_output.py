"""User-controlled strings cannot inject markup, terminal sequences or extra lines.

Paths, library item ids and titles, names, reasons, draft text, messages and
suggestions reach the text format as plain text with control characters shown, and
reach the line and GitHub formats with control characters and line breaks escaped.
"""

from __future__ import annotations

import json

import pytest
from format_samples import ROUGH, lint_drafts

from replylint.document import Draft
from replylint.formatters import FORMATTERS, controls, github, line
from replylint.report import Report

ESC = "\x1b"
HOSTILE_PATHS = [
    "a[/].txt",
    "[bold red]x[/].txt",
    "x\n/etc/passwd:1:1:forged:error:owned.txt",
    f"clear{ESC}[2J{ESC}]0;pwned\x07.txt",
    "rtl\u202etxt.exe",
    "tab\tand\rcr.txt",
]
HOSTILE_DRAFT = (
    f"Hi [bold]Sarah[/],\n\nYou failed to attach {ESC}[2Jthe invoice{ESC}]0;title\x07. "
    "We cant do anything abuot it [link=https://evil.test]here[/link].\n\nRegards"
)


@pytest.fixture(scope="module")
def report() -> Report:
    drafts = [Draft(HOSTILE_DRAFT, source=p) for p in HOSTILE_PATHS]
    drafts.append(
        Draft(ROUGH, source="lib.json", item="[gift-card-balance]", title=f"[red]T{ESC}[31mitle\n[/red]")
    )
    return lint_drafts(drafts)


def test_safe_output_controls_pictured_and_escaped() -> None:
    assert controls.pictured(f"a{ESC}[2Jb\x07\x7f\x85\u202e\n\tc") == "a␛[2Jb␇␡\ufffd\ufffd␊\tc"
    assert controls.escaped(f"a{ESC}b\nc\rd\te\u202ef\\g") == "a\\x1bb\\nc\\rd\\te\\u202ef\\g"
    assert controls.pictured("plain é 🙂 [x]") == "plain é 🙂 [x]"


@pytest.mark.parametrize("color", [False, True])
def test_safe_output_text_format_shows_user_strings_literally(report: Report, color: bool) -> None:
    out = FORMATTERS["text"](report, color=color)
    if not color:
        assert ESC not in out
    else:  # rich's own colour codes only: never the draft's clear-screen or title sequences
        assert f"{ESC}[2J" not in out and f"{ESC}]0;" not in out
    assert "\x07" not in out and "\u202e" not in out
    assert "a[/].txt" in out
    assert "[bold red]x[/].txt" in out
    assert "[gift-card-balance]" in out
    assert "␛[2J" in out and "␛]0;" in out
    assert "[link=https://evil.test]here[/link]" in out
    assert "x␊/etc/passwd:1:1:forged:error:owned.txt" in out
    # the forged path never starts a line of its own
    assert not any(row.startswith("/etc/passwd") for row in out.splitlines())


def test_safe_output_text_format_summary_keeps_item_ids(report: Report) -> None:
    out = FORMATTERS["text"](report)
    summary = out[out.index("lowest scores") :]
    assert "[gift-card-balance]" in summary or "lib.json" not in summary


def test_safe_output_line_format_one_line_per_finding(report: Report) -> None:
    out = FORMATTERS["line"](report)
    rows = out.splitlines()
    assert len(rows) == sum(len(d.findings) for d in report.documents)
    assert ESC not in out and "\x07" not in out and "\r" not in out and "\u202e" not in out
    assert any(r.startswith("x\\n/etc/passwd:1:1:forged:error:owned.txt:") for r in rows)
    assert any(r.startswith("clear\\x1b[2J\\x1b]0;pwned\\x07.txt:") for r in rows)
    assert any(r.startswith("tab\\tand\\rcr.txt:") for r in rows)
    assert not any(r.startswith("/etc/passwd") for r in rows)
    doc = report.documents[2]
    assert line.line(doc, doc.findings[0]).startswith("x\\n/etc/passwd")


def test_safe_output_github_commands_escape_controls(report: Report) -> None:
    out = FORMATTERS["github"](report)
    rows = out.splitlines()
    assert all(r.startswith("::") for r in rows)
    assert ESC not in out and "\x07" not in out and "\u202e" not in out
    assert "file=x%0A/etc/passwd%3A1%3A1%3Aforged%3Aerror%3Aowned.txt" in out
    assert "\\x1b" in out
    summary = github.summary(report)
    assert ESC not in summary and "\u202e" not in summary
    assert "\\[gift-card-balance\\]" in summary


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_safe_output_structured_formats_still_parse(report: Report, fmt: str) -> None:
    data = json.loads(FORMATTERS[fmt](report))
    if fmt == "json":  # structured output keeps the data exact; JSON escapes it
        assert [d["source"] for d in data["documents"]] == [*HOSTILE_PATHS, "lib.json"]
