"""Human output with rich: checklist table, findings in context, score and verdict.

Rendered into a string (rich's Console on a StringIO) so the CLI alone prints.
Everything that comes from the user (paths, item ids and titles, names, reasons, the
draft's own text, messages, suggestions) goes in as `Text` built by `_t`, never as a
markup string: rich would read `[bold red]` or `[/]` in a file name as markup (and
crash on a bad tag), and control characters are shown as visible characters
(`controls.pictured`) so a draft cannot clear the screen or retitle the terminal.
"""

from __future__ import annotations

import heapq
import io
from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..findings import Finding, Level
from ..report import DocumentReport, Report
from ..textmap import LineIndex
from .controls import pictured

_LEVEL_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
_STATUS = {"pass": ("pass", "green"), "fail": ("FAIL", "bold red"), "skip": ("skip", "dim")}
_CONTEXT = 100


def _console(buffer: io.StringIO, color: bool) -> Console:
    return Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=100,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _t(text: str, style: str = "") -> Text:
    """User-controlled text as a rich Text: never read as markup, control characters shown."""
    return Text(pictured(text), style=style)


def _shown(text: str) -> str:
    """A piece of the draft's line: control characters shown, tabs one column wide."""
    return pictured(text).expandtabs(1)


def _line_with_match(doc: DocumentReport, f: Finding, lines: LineIndex) -> Text:
    text = doc.text
    start, end = lines.bounds(f.offset, text)
    m_start, m_end = f.offset, min(f.offset + f.length, end)
    if end - start > _CONTEXT:
        start = max(start, m_start - _CONTEXT // 2)
        end = min(end, max(m_end, start + _CONTEXT))
    prefix = "…" if start > 0 and text[start - 1] not in "\r\n" else ""
    suffix = "…" if end < len(text) and text[end] not in "\r\n" else ""
    line = Text("    " + prefix)
    line.append(_shown(text[start:m_start]))
    if m_end > m_start:
        line.append(_shown(text[m_start:m_end]), style="bold reverse")
    else:
        line.append("▏", style="bold")
    line.append(_shown(text[m_end:end]))
    line.append(suffix)
    return line


def _caret(doc: DocumentReport, f: Finding, lines: LineIndex) -> Text | None:
    """A ^^^ line under the match, for terminals without colour."""
    text = doc.text
    start, end = lines.bounds(f.offset, text)
    if end - start > _CONTEXT:
        return None
    width = max(1, min(f.length, end - f.offset))
    return Text("    " + " " * (f.offset - start) + "^" * width)


def _document(console: Console, doc: DocumentReport, report: Report, color: bool, quiet: bool) -> None:
    title = (
        doc.source if not doc.item else f"{doc.source} [{doc.item}]" + (f" {doc.title}" if doc.title else "")
    )
    console.print(_t(f"── {title} ", style="bold"))
    if not quiet:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("checklist")
        table.add_column("")
        table.add_column("why")
        for item, result in doc.checklist.items():
            label, style = _STATUS[result.status]
            table.add_row(_t(item), Text(label, style=style), _t(result.reason))
        console.print(table)
    shown = [f for f in doc.findings if not quiet or f.level.rank >= report.fail_on.rank]
    lines = LineIndex.of(doc.text)
    if shown:
        console.print()
    for f in shown:
        head = _t(f"  {doc.source}:{f.line}:{f.column} ")
        head.append(f"{f.level.value}", style=_LEVEL_STYLE[f.level])
        head.append(pictured(f" [{f.rule}] "), style="dim")
        head.append(pictured(f.message))
        console.print(head, soft_wrap=True)
        console.print(_line_with_match(doc, f, lines), soft_wrap=True)
        if not color:
            caret = _caret(doc, f, lines)
            if caret is not None:
                console.print(caret)
        if f.suggestions:
            shown_s = ", ".join(repr(s) if s.strip() != s or not s else s for s in f.suggestions)
            label = "fix" if f.fixable else "try"
            console.print(_t(f"    {label}: {shown_s}", style="green"), soft_wrap=True)
    verdict = Text(f"  score {doc.score}/100 · ")
    if doc.ready_to_send:
        verdict.append("ready to send", style="bold green")
    else:
        verdict.append("not ready to send", style="bold red")
        verdict.append(pictured(f" ({doc.checklist['ready-to-send'].reason})"))
    console.print(verdict)
    console.print()


def _summary(console: Console, report: Report) -> None:
    docs = report.documents
    ready = scores = 0
    rules: Counter[str] = Counter()
    for d in docs:  # one pass: a spooled run's documents are read from disk
        ready += d.ready_to_send
        scores += d.score
        rules.update(f.rule for f in d.findings)
    average = scores / len(docs)
    console.print(
        Text(f"{len(docs)} documents · {ready} ready to send · average score {average:.0f}", style="bold")
    )
    # read once more from a spooled run: the five lowest without holding them all
    worst = heapq.nsmallest(5, docs, key=lambda d: (d.score, d.source))
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("lowest scores")
    table.add_column("score", justify="right")
    table.add_column("errors", justify="right")
    table.add_column("warnings", justify="right")
    for d in worst:
        counts = Counter(f.level for f in d.findings)
        table.add_row(
            _t(d.source + (f" [{d.item}]" if d.item else "")),
            str(d.score),
            str(counts[Level.ERROR]),
            str(counts[Level.WARNING]),
        )
    console.print(table)
    common = rules.most_common(5)
    if common:
        console.print(_t("most frequent rules: " + ", ".join(f"{r} ({n})" for r, n in common)))


def head(report: Report, *, color: bool = False, quiet: bool = False, **_: object) -> str:
    """The pipeline and grammar lines before the documents."""
    buffer = io.StringIO()
    console = _console(buffer, color)
    if not quiet:
        console.print(_t(f"replylint · pipeline: {report.pipeline}", style="dim"))
        if report.pipeline_note:
            console.print(_t(f"note: {report.pipeline_note}", style="yellow"))
    if not quiet or report.grammar.status == "skipped":
        console.print(_t(str(report.grammar), style="dim" if report.grammar.checked else "yellow"))
    return buffer.getvalue()


def piece(doc: DocumentReport, report: Report, first: bool, *, color: bool = False, quiet: bool = False,
          **_: object) -> str:  # fmt: skip
    """One document's checklist, findings and verdict ("" for a ready one with `quiet`)."""
    if quiet and doc.ready_to_send:
        return ""
    buffer = io.StringIO()
    _document(_console(buffer, color), doc, report, color, quiet)
    return buffer.getvalue()


def tail(report: Report, *, color: bool = False, **_: object) -> str:
    """The summary of a run over more than one document."""
    if len(report.documents) <= 1:
        return ""
    buffer = io.StringIO()
    _summary(_console(buffer, color), report)
    return buffer.getvalue()


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as terminal text."""
    parts = [head(report, color=color, quiet=quiet)]
    parts.extend(piece(d, report, i == 0, color=color, quiet=quiet) for i, d in enumerate(report.documents))
    parts.append(tail(report, color=color))
    return "".join(parts)
