"""GitHub Actions output: one workflow command per finding, and a Markdown job summary.

`render` prints `::error file=...,line=...::message` lines that GitHub turns into
annotations on the pull request (`warning` for warnings, `notice` for suggestions).
`summary` is Markdown for the job summary page; the CLI appends it to the file named
by `GITHUB_STEP_SUMMARY` (this module never reads the environment or writes files).

Escaping follows @actions/core (`toCommandValue`/`escapeData`/`escapeProperty`):
`%`, CR and LF in the message; additionally `:` and `,` in property values. Other
control characters (ESC, tabs, bidi overrides) become backslash escapes (`\\x1b`): the
log viewer would otherwise run them as terminal sequences.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from ..findings import Finding, Level
from ..report import DocumentReport, Report
from .controls import escaped
from .sarif import end_position

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}
TOP_RULES = 10


def escape_data(value: str) -> str:
    """Escape a workflow command's message (other control characters as backslash escapes)."""
    encoded = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped(encoded)


def escape_property(value: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _path(source: str) -> str | None:
    return None if source == "-" else PurePath(source).as_posix()


def command(doc: DocumentReport, f: Finding) -> str:
    """The workflow command for one finding (no `file` for stdin)."""
    end_line, end_column = end_position(doc, f)
    props: list[tuple[str, str]] = []
    path = _path(doc.source)
    if path is not None:
        props.append(("file", path))
    props += [
        ("line", str(f.line)),
        ("col", str(f.column)),
        ("endLine", str(end_line)),
        ("endColumn", str(end_column)),
    ]
    where = f" [{doc.item}]" if doc.item else ""
    props.append(("title", f"{f.rule} ({f.checklist}){where}"))
    message = f.message
    if f.suggestions:
        label = "fix" if f.fixable else "try"
        message += f"\n{label}: " + " | ".join(f.suggestions)
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[f.level]} {joined}::{escape_data(message)}"


def head(report: Report, **_: object) -> str:
    return ""


def piece(doc: DocumentReport, report: Report, first: bool, *, quiet: bool = False, **_: object) -> str:
    """One document's findings, one per line."""
    return "".join(
        command(doc, f) + "\n" for f in doc.findings if not quiet or f.level.rank >= report.fail_on.rank
    )


def tail(report: Report, **_: object) -> str:
    return ""


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """One workflow command per finding; `quiet` keeps only findings at or above fail-on."""
    return "".join(piece(doc, report, i == 0, quiet=quiet) for i, doc in enumerate(report.documents))


_MARKDOWN_SPECIAL = "\\`*_[]<>|#"


def _cell(value: str) -> str:
    """Text shown literally inside a Markdown table cell."""
    out = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in " ".join(value.split()))
    return escaped(out)


def _name(doc: DocumentReport) -> str:
    name = "stdin" if doc.source == "-" else doc.source
    if doc.item:
        name += f" [{doc.item}]" + (f" {doc.title}" if doc.title else "")
    return _cell(name)


def summary(report: Report) -> str:
    """A Markdown job summary: documents table, then the most frequent rules."""
    docs = report.documents
    ready = sum(d.ready_to_send for d in docs)
    verdict = "all ready to send" if report.ready_to_send else f"{len(docs) - ready} not ready to send"
    out = [
        "## replylint",
        "",
        f"{len(docs)} document(s) · {ready} ready to send · {verdict} "
        f"(min score {report.min_score}, fail on {report.fail_on.value})",
        "",
        "| Document | Score | Ready to send | Errors | Warnings | Suggestions |",
        "| --- | ---: | :---: | ---: | ---: | ---: |",
    ]
    for d in docs:
        counts = Counter(f.level for f in d.findings)
        out.append(
            f"| {_name(d)} | {d.score} | {'✅ yes' if d.ready_to_send else '❌ no'} "
            f"| {counts[Level.ERROR]} | {counts[Level.WARNING]} | {counts[Level.SUGGESTION]} |"
        )
    by_rule = Counter(f.rule for d in docs for f in d.findings)
    if by_rule:
        checklist = {f.rule: f.checklist for d in docs for f in d.findings}
        docs_with = Counter(rule for d in docs for rule in {f.rule for f in d.findings})
        out += [
            "",
            "### Most frequent rules",
            "",
            "| Rule | Checklist item | Findings | Documents |",
            "| --- | --- | ---: | ---: |",
        ]
        ranked = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
        for rule, n in ranked:
            out.append(f"| `{rule}` | {checklist[rule]} | {n} | {docs_with[rule]} |")
    return "\n".join(out) + "\n"
