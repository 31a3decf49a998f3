"""A single self-contained HTML report: charts, checklists and every draft annotated.

Everything is inline (CSS, SVG charts, one small vanilla script; nothing is loaded
from anywhere), so the file can be attached to a CI run or mailed around and opened
offline. The output is deterministic (no dates, no random ids), so it can be diffed
and cached. For a library it is a dashboard: item titles, findings per rule as a
chart, tables that sort (click a header; `#sort=score` in the address opens them
sorted) and filter without a network, HTML macros shown as the text the customer
reads, and the items that could not be read, each with the reason.

Findings are highlighted in the draft with `<mark>` at their exact offsets. Findings
may overlap, and HTML elements must nest, so the text is cut at every finding start
and end and each piece is wrapped in the marks of all findings covering it (outer,
i.e. earlier-starting and longer, first). The pieces of one finding share
`data-finding`; the first piece carries the `id` the findings list links to. A
zero-length finding (something missing, e.g. a greeting) is an empty mark at its
offset, shown as a caret by CSS.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from .. import __version__
from ..checklist import CHECKLIST
from ..findings import Finding, Level
from ..report import DocumentReport, Report
from ..statistics import counts as rule_counts

_SCRIPT = """
(function () {
  function value(row, i) {
    var cell = row.cells[i];
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim().toLowerCase();
  }
  function sortBy(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.classList.contains("num");
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, i), y = value(b, i);
      var c = numeric ? parseFloat(x) - parseFloat(y) : (x < y ? -1 : x > y ? 1 : 0);
      return dir === "ascending" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  document.querySelectorAll("input.filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
  var m = /^#sort=([\\w-]+)$/.exec(location.hash);
  if (m) {
    var th = document.querySelector('th[data-sort="' + m[1] + '"]');
    if (th) { th.click(); }
  }
})();
"""

BANDS: tuple[tuple[int, int], ...] = ((0, 49), (50, 59), (60, 69), (70, 79), (80, 89), (90, 100))
STATUSES = ("pass", "fail", "skip")

_CSS = """
:root { --error: #c62828; --warning: #b26a00; --suggestion: #1565c0; --pass: #2e7d32;
  --fail: #c62828; --skip: #9e9e9e; --ink: #1f2328; --muted: #57606a; --line: #d0d7de;
  --band0: #c62828; --band1: #e65100; --band2: #ef6c00; --band3: #f9a825; --band4: #7cb342;
  --band5: #2e7d32; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header .meta { margin: 0; color: #c9d1d9; font-size: 13px; }
header .note { margin: 6px 0 0; color: #ffd33d; font-size: 13px; }
.totals { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 14px; }
.stat { background: rgba(255,255,255,.08); border-radius: 8px; padding: 8px 14px; min-width: 110px; }
.stat b { display: block; font-size: 22px; }
.stat span { font-size: 12px; color: #c9d1d9; }
main { padding: 24px 32px; max-width: 1280px; margin: 0 auto; }
.overview { display: flex; gap: 24px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px;
  margin: 0 0 24px; }
.overview .card { flex: 1 1 420px; }
.card h2, figcaption { margin: 0 0 8px; font-size: 17px; font-weight: 600; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--line); }
svg .muted { fill: var(--muted); }
rect.band-0 { fill: var(--band0); } rect.band-1 { fill: var(--band1); }
rect.band-2 { fill: var(--band2); } rect.band-3 { fill: var(--band3); }
rect.band-4 { fill: var(--band4); } rect.band-5 { fill: var(--band5); }
.bar.pass { fill: var(--pass); } .bar.fail { fill: var(--fail); } .bar.skip { fill: var(--skip); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.score { display: inline-block; min-width: 44px; text-align: center; border-radius: 14px;
  padding: 1px 10px; color: #fff; font-weight: 700; }
.band-0 { background: var(--band0); } .band-1 { background: var(--band1); }
.band-2 { background: var(--band2); } .band-3 { background: var(--band3); color: #1f2328; }
.band-4 { background: var(--band4); } .band-5 { background: var(--band5); }
.verdict { font-weight: 600; } .verdict.ready { color: var(--pass); }
.verdict.not-ready { color: var(--fail); }
.status { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
  font-weight: 600; color: #fff; }
.status.pass { background: var(--pass); } .status.fail { background: var(--fail); }
.status.skip { background: var(--skip); }
.document h2 { font-size: 18px; margin: 0 0 6px; word-break: break-all; }
.document h2 .item { color: var(--muted); font-weight: 500; }
.document .headline { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 12px; }
.document .reason { color: var(--muted); font-size: 13px; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; align-items: start; }
table.checklist td:first-child { white-space: nowrap; }
pre.draft { margin: 0; padding: 12px 14px; background: #fbfbfc; border: 1px solid var(--line);
  border-radius: 8px; white-space: pre-wrap; word-wrap: break-word; max-height: 32em; overflow: auto;
  font: 14px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
mark { background: none; color: inherit; border-radius: 2px; }
mark.level-error { background: rgba(198, 40, 40, .16); border-bottom: 2px solid var(--error); }
mark.level-warning { background: rgba(245, 166, 35, .22); border-bottom: 2px solid var(--warning); }
mark.level-suggestion { background: rgba(21, 101, 192, .12); border-bottom: 2px dotted var(--suggestion); }
mark.empty { background: none; border: 0; }
mark.empty::before { content: "\\2038"; font-weight: 700; position: relative; top: .35em; }
mark.empty.level-error::before { color: var(--error); }
mark.empty.level-warning::before { color: var(--warning); }
mark.empty.level-suggestion::before { color: var(--suggestion); }
mark:target { outline: 2px solid #0969da; }
ol.findings { margin: 14px 0 0; padding-left: 22px; }
ol.findings li { margin: 4px 0; }
.level { display: inline-block; min-width: 76px; font-size: 12px; font-weight: 700; text-transform: uppercase; }
.level.error { color: var(--error); } .level.warning { color: var(--warning); }
.level.suggestion { color: var(--suggestion); }
.suggestions { color: var(--muted); font-size: 13px; margin-left: 80px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3;
  border-radius: 4px; padding: 0 4px; white-space: pre-wrap; }
.none { color: var(--muted); font-style: italic; }
th[data-sort] { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
input.filter { margin: 0 0 10px; padding: 4px 8px; width: 320px; max-width: 100%; border: 1px solid var(--line);
  border-radius: 6px; font: inherit; }
.rulebar { fill: var(--warning); }
ul.unread li { margin: 4px 0; } ul.unread code { color: var(--error); }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
"""


def band(score: int) -> int:
    """Index into BANDS of a 0-100 score."""
    for index, (low, high) in enumerate(BANDS):
        if low <= score <= high:
            return index
    return 0 if score < 0 else len(BANDS) - 1


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _doc_name(doc: DocumentReport) -> str:
    return "stdin" if doc.source == "-" else doc.source


def _finding_id(doc_index: int, finding_index: int) -> str:
    return f"d{doc_index}-f{finding_index}"


def _mark_open(f: Finding, fid: str, *, first: bool, empty: bool = False) -> str:
    classes = f"level-{f.level.value}" + (" empty" if empty else "")
    anchor = f' id="{fid}"' if first else ""
    return (
        f'<mark{anchor} class="{classes}" data-rule="{_e(f.rule)}" data-finding="{fid}" '
        f'title="{_e(f.rule + ": " + f.message)}">'
    )


MAX_NESTED = 16  # marks open at once in the text; more findings on the same words stay in the list


def highlight(text: str, findings: tuple[Finding, ...], doc_index: int = 0) -> str:
    """`text` escaped, with every finding wrapped in properly nested `<mark>` pieces.

    One sweep over the findings' start and end points: the text is cut at every point,
    and each piece is wrapped in the findings that cover it (at most MAX_NESTED, the
    outermost first). Linear in the findings when they seldom overlap, as the engine
    leaves them (it merges findings on the same words).
    """
    n = len(text)
    spans = []
    for i, f in enumerate(findings):
        start = min(max(f.offset, 0), n)
        end = min(max(f.offset + f.length, start), n)
        spans.append((i, start, end))
    points = sorted({0, n} | {s for _, s, _ in spans} | {e for _, _, e in spans})
    empty_at: dict[int, list[int]] = {}
    starting: dict[int, list[tuple[int, int, int]]] = {}
    ending: dict[int, list[int]] = {}
    for i, s, e in spans:
        if s == e:
            empty_at.setdefault(s, []).append(i)
        else:
            starting.setdefault(s, []).append((i, s, e))
            ending.setdefault(e, []).append(i)
    covering: dict[int, tuple[int, int, int]] = {}
    opened: set[int] = set()
    out: list[str] = []
    for a, b in zip(points, [*points[1:], None], strict=True):
        for i in empty_at.get(a, []):
            out.append(_mark_open(findings[i], _finding_id(doc_index, i), first=True, empty=True) + "</mark>")
        if b is None:
            break
        for i in ending.get(a, []):
            covering.pop(i, None)
        for span in starting.get(a, []):
            covering[span[0]] = span
        active = sorted(covering.values(), key=lambda span: (span[1], -span[2], span[0]))[:MAX_NESTED]
        for i, _, _ in active:
            out.append(_mark_open(findings[i], _finding_id(doc_index, i), first=i not in opened))
            opened.add(i)
        out.append(_e(text[a:b]))
        out.append("</mark>" * len(active))
    return "".join(out)


def score_chart(report: Report) -> str:
    """SVG bar chart: how many documents fall in each score band."""
    counts = Counter(band(d.score) for d in report.documents)
    width, height, left, top, bottom = 460, 220, 36, 20, 34
    plot_h = height - top - bottom
    slot = (width - left - 10) / len(BANDS)
    bar_w = slot * 0.7
    peak = max(counts.values(), default=0) or 1
    parts = [
        f'<svg id="score-chart" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Documents per score band</title>",
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 6}" y2="{top + plot_h}"/>',
    ]
    for index, (low, high) in enumerate(BANDS):
        count = counts.get(index, 0)
        h = round(plot_h * count / peak, 1)
        x = round(left + index * slot + (slot - bar_w) / 2, 1)
        y = round(top + plot_h - h, 1)
        label = f"{low}-{high}"
        parts.append(
            f'<rect class="bar band band-{index}" x="{x}" y="{y}" width="{round(bar_w, 1)}" height="{h}" '
            f'rx="3" data-band="{label}" data-count="{count}">'
            f"<title>{label}: {count} document(s)</title></rect>"
        )
        cx = round(x + bar_w / 2, 1)
        parts.append(f'<text x="{cx}" y="{round(y - 5, 1)}" text-anchor="middle">{count}</text>')
        parts.append(
            f'<text class="muted" x="{cx}" y="{top + plot_h + 18}" text-anchor="middle">{label}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def checklist_counts(report: Report) -> dict[str, Counter[str]]:
    """Per checklist item (contract order), how many documents pass, fail and skip it."""
    items = [i for i in CHECKLIST if any(i in d.checklist for d in report.documents)]
    items += sorted({i for d in report.documents for i in d.checklist} - set(items))
    return {
        item: Counter(d.checklist[item].status for d in report.documents if item in d.checklist)
        for item in items
    }


def checklist_chart(report: Report) -> str:
    """SVG stacked bars: pass / fail / skip counts of each checklist item."""
    counts = checklist_counts(report)
    total = len(report.documents) or 1
    label_w, bar_w, row_h, width = 150, 220, 26, 520
    height = row_h * len(counts) + 8
    parts = [
        f'<svg id="checklist-chart" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Checklist pass rates</title>",
    ]
    for row, (item, c) in enumerate(counts.items()):
        y = 4 + row * row_h
        parts.append(f'<g class="item" data-item="{_e(item)}">')
        parts.append(
            f'<text x="0" y="{y + 15}"><title>{_e(CHECKLIST.get(item, item))}</title>{_e(item)}</text>'
        )
        x = float(label_w)
        for status in STATUSES:
            w = round(bar_w * c[status] / total, 1)
            parts.append(
                f'<rect class="bar {status}" x="{round(x, 1)}" y="{y + 3}" width="{w}" height="{row_h - 8}" '
                f'data-status="{status}" data-count="{c[status]}"><title>{_e(item)}: {c[status]} {status}</title></rect>'
            )
            x += w
        parts.append(
            f'<text class="muted" x="{label_w + bar_w + 8}" y="{y + 15}">'
            f"{c['pass']} pass · {c['fail']} fail · {c['skip']} skip</text>"
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _counts(doc: DocumentReport) -> Counter[Level]:
    return Counter(f.level for f in doc.findings)


def _header(report: Report) -> str:
    docs = report.documents
    ready = sum(d.ready_to_send for d in docs)
    average = round(sum(d.score for d in docs) / len(docs)) if docs else 0
    levels = Counter(f.level for d in docs for f in d.findings)
    stats = [
        (len(docs), "documents"),
        (ready, "ready to send"),
        (len(docs) - ready, "not ready"),
        (average, "average score"),
        (levels[Level.ERROR], "errors"),
        (levels[Level.WARNING], "warnings"),
        (levels[Level.SUGGESTION], "suggestions"),
    ]
    note = f'<p class="note">note: {_e(report.pipeline_note)}</p>' if report.pipeline_note else ""
    grammar = getattr(report, "grammar", None)  # absent on Reports built before LanguageTool support
    grammar_text = f" · {_e(grammar)}" if grammar else ""
    return (
        "<header><h1>replylint report</h1>"
        f'<p class="meta">replylint {_e(__version__)} · pipeline: {_e(report.pipeline)} · '
        f"min score {report.min_score} · fail on {_e(report.fail_on.value)}{grammar_text}</p>{note}"
        '<div class="totals">'
        + "".join(f'<div class="stat"><b>{value}</b><span>{label}</span></div>' for value, label in stats)
        + "</div></header>"
    )


def _index(report: Report) -> str:
    rows = []
    for i, d in enumerate(report.documents):
        c = _counts(d)
        item = f' <span class="item">[{_e(d.item)}]</span>' if d.item else ""
        verdict = "ready" if d.ready_to_send else "not-ready"
        rows.append(
            f'<tr><td><a href="#doc-{i}">{_e(_doc_name(d))}</a>{item}</td>'
            f"<td>{_e(d.title or '')}</td>"
            f'<td class="num" data-value="{d.score}"><span class="score band-{band(d.score)}">{d.score}</span></td>'
            f'<td class="verdict {verdict}">{"ready" if d.ready_to_send else "not ready"}</td>'
            f'<td class="num">{c[Level.ERROR]}</td><td class="num">{c[Level.WARNING]}</td>'
            f'<td class="num">{c[Level.SUGGESTION]}</td></tr>'
        )
    return (
        '<section class="card" id="documents"><h2>Documents</h2>'
        '<input class="filter" type="search" placeholder="Filter documents" aria-label="Filter documents" '
        'data-table="documents-table">'
        '<table class="sortable" id="documents-table"><thead><tr>'
        '<th data-sort="document">document</th><th data-sort="title">title</th>'
        '<th class="num" data-sort="score">score</th><th data-sort="verdict">verdict</th>'
        '<th class="num" data-sort="errors">errors</th><th class="num" data-sort="warnings">warnings</th>'
        '<th class="num" data-sort="suggestions">suggestions</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></section>"
    )


def rule_chart(report: Report) -> str:
    """SVG bars: findings per rule, most first (the library's commonest problems)."""
    rows = rule_counts(report)
    label_w, bar_w, row_h, width = 170, 260, 22, 520
    height = row_h * len(rows) + 8
    peak = max((r.count for r in rows), default=0) or 1
    parts = [
        f'<svg id="rule-chart" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Findings per rule</title>",
    ]
    for n, r in enumerate(rows):
        y = 4 + n * row_h
        w = round(bar_w * r.count / peak, 1)
        parts.append(
            f'<g class="rule" data-rule="{_e(r.rule)}" data-count="{r.count}">'
            f'<text x="0" y="{y + 14}">{_e(r.rule)}</text>'
            f'<rect class="rulebar" x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}">'
            f"<title>{_e(r.rule)}: {r.count} finding(s) in {r.documents} document(s)</title></rect>"
            f'<text class="muted" x="{label_w + w + 6}" y="{y + 14}">{r.count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _rules_table(report: Report) -> str:
    rows = "".join(
        f"<tr><td><code>{_e(r.rule)}</code></td><td>{_e(r.checklist)}</td><td>{_e(r.level)}</td>"
        f'<td class="num">{r.count}</td><td class="num">{r.documents}</td><td class="num">{r.fixable}</td></tr>'
        for r in rule_counts(report)
    )
    if not rows:
        return ""
    return (
        '<section class="card" id="rules"><h2>Findings per rule</h2>'
        f"{rule_chart(report)}"
        '<input class="filter" type="search" placeholder="Filter rules" aria-label="Filter rules" '
        'data-table="rules-table">'
        '<table class="sortable" id="rules-table"><thead><tr><th data-sort="rule">rule</th>'
        '<th data-sort="checklist">checklist</th><th data-sort="level">level</th>'
        '<th class="num" data-sort="count">findings</th><th class="num" data-sort="documents">documents</th>'
        '<th class="num" data-sort="fixable">fixable</th></tr></thead><tbody>'
        + rows
        + "</tbody></table></section>"
    )


def _unread(unread: tuple) -> str:
    if not unread:
        return ""
    items = "".join(f"<li><code>{_e(getattr(e, 'file', None) or '-')}</code> {_e(e)}</li>" for e in unread)
    return (
        f'<section class="card" id="unread"><h2>Could not be read ({len(unread)})</h2>'
        f'<ul class="unread">{items}</ul></section>'
    )


def _shown(doc: DocumentReport) -> tuple[str, tuple[Finding, ...]]:
    """The text a person reads, and the findings placed in it: an HTML macro as its text."""
    from ..readers.files import looks_like_html
    from ..textmap import strip_html

    if not looks_like_html(doc.text):
        return doc.text, doc.findings
    mapped = strip_html(doc.text)
    origin = mapped.origin
    if origin is None:
        return mapped.text, doc.findings
    import bisect
    from dataclasses import replace

    placed = []
    for f in doc.findings:
        start = min(bisect.bisect_left(origin, f.offset), len(mapped.text))
        end = max(start, min(bisect.bisect_left(origin, f.offset + f.length), len(mapped.text)))
        placed.append(replace(f, offset=start, length=end - start, match=mapped.text[start:end]))
    return mapped.text, tuple(placed)


def _findings_list(doc: DocumentReport, doc_index: int) -> str:
    if not doc.findings:
        return '<p class="none">No findings.</p>'
    items = []
    for j, f in enumerate(doc.findings):
        fid = _finding_id(doc_index, j)
        suggestions = ""
        if f.suggestions:
            label = "fix" if f.fixable else "try"
            shown = ", ".join(f"<code>{_e(s)}</code>" for s in f.suggestions)
            suggestions = f'<div class="suggestions">{label}: {shown}</div>'
        items.append(
            f'<li class="finding level-{f.level.value}" data-rule="{_e(f.rule)}">'
            f'<a href="#{fid}">{f.line}:{f.column}</a> '
            f'<span class="level {f.level.value}">{f.level.value}</span> '
            f"<code>{_e(f.rule)}</code> {_e(f.message)}{suggestions}</li>"
        )
    return '<ol class="findings">' + "".join(items) + "</ol>"


def _checklist_table(doc: DocumentReport) -> str:
    rows = "".join(
        f'<tr data-item="{_e(item)}"><td title="{_e(CHECKLIST.get(item, item))}">{_e(item)}</td>'
        f'<td><span class="status {_e(result.status)}">{_e(result.status)}</span></td>'
        f"<td>{_e(result.reason)}</td></tr>"
        for item, result in doc.checklist.items()
    )
    return f'<table class="checklist"><tbody>{rows}</tbody></table>'


def _document(doc: DocumentReport, i: int) -> str:
    item = f' <span class="item">[{_e(doc.item)}]</span>' if doc.item else ""
    title = f' <span class="title">{_e(doc.title)}</span>' if doc.title else ""
    ready = "ready" if doc.ready_to_send else "not-ready"
    verdict_text = "ready to send" if doc.ready_to_send else "not ready to send"
    reason = doc.checklist["ready-to-send"].reason if "ready-to-send" in doc.checklist else ""
    return (
        f'<section class="card document {ready}" id="doc-{i}" data-score="{doc.score}" '
        f'data-ready="{str(doc.ready_to_send).lower()}">'
        f"<h2>{_e(_doc_name(doc))}{item}{title}</h2>"
        f'<div class="headline"><span class="score band-{band(doc.score)}">{doc.score}</span>'
        f'<span class="verdict {ready}">{verdict_text}</span>'
        f'<span class="reason">{_e(reason)}</span></div>'
        f'<div class="columns"><pre class="draft">{highlight(*_shown(doc), i)}</pre>'
        f"<div>{_checklist_table(doc)}</div></div>"
        f"{_findings_list(doc, i)}</section>"
    )


def render(report: Report, *, color: bool = False, quiet: bool = False, unread: tuple = ()) -> str:
    """The report as one self-contained HTML page (every document; `quiet` does not filter).

    `unread` are the inputs that could not be read (errors naming file, line and why).
    """
    body = (
        _header(report)
        + "<main>"
        + '<div class="overview">'
        + f'<figure class="card"><figcaption>Score distribution</figcaption>{score_chart(report)}</figure>'
        + f'<figure class="card"><figcaption>Checklist pass rates</figcaption>{checklist_chart(report)}</figure>'
        + "</div>"
        + _unread(unread)
        + _rules_table(report)
        + _index(report)
        + "".join(_document(d, i) for i, d in enumerate(report.documents))
        + "</main>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="replylint {_e(__version__)}">'
        f"<title>replylint report</title><style>{_CSS}</style></head>"
        f'<body>{body}<script id="dashboard-js">{_SCRIPT}</script></body></html>\n'
    )
