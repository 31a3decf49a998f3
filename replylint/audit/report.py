"""report.html: the audit for people, from summary.json alone (pure: summary in, page out).

One file with everything inline (CSS and SVG charts; no scripts, fonts or images
from anywhere), so it can be mailed or attached and opened offline. Deterministic:
the same summary gives the same bytes. Every chart element carries its number as a
data attribute, so a test (and a curious reader) can check the drawing against the
summary. Text from the export (names, excerpts, findings) is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..checklist import CHECKLIST, SCORED_ITEMS

_CSS = """
:root { --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --good:#2e7d32; --bad:#c62828; --mid:#f9a825;
  --accent:#0969da; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink);
  background:#f6f8fa; }
header { background:#24292f; color:#fff; padding:20px 32px; }
header h1 { margin:0 0 4px; font-size:24px; } header p { margin:0; color:#c9d1d9; font-size:13px; }
.totals { display:flex; gap:12px; flex-wrap:wrap; margin-top:14px; }
.stat { background:rgba(255,255,255,.08); border-radius:8px; padding:8px 14px; min-width:120px; }
.stat b { display:block; font-size:22px; } .stat span { font-size:12px; color:#c9d1d9; }
main { padding:24px 32px; max-width:1320px; margin:0 auto; }
.row { display:flex; gap:24px; flex-wrap:wrap; } .row .card { flex:1 1 520px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px 20px; margin:0 0 24px;
  overflow-x:auto; }
h2 { margin:0 0 10px; font-size:18px; } h3 { margin:16px 0 6px; font-size:15px; }
p.note { color:var(--muted); font-size:13px; margin:0 0 10px; }
svg text { font:12px system-ui,sans-serif; fill:var(--ink); } svg .muted { fill:var(--muted); }
svg .axis { stroke:var(--line); } rect.bar { fill:var(--accent); } rect.track { fill:#eaeef2; }
rect.good { fill:var(--good); } rect.mid { fill:var(--mid); } rect.bad { fill:var(--bad); }
polyline.score { fill:none; stroke:var(--accent); stroke-width:2; }
polyline.ready { fill:none; stroke:var(--good); stroke-width:2; stroke-dasharray:5 3; }
circle.score { fill:var(--accent); } circle.ready { fill:var(--good); }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid #eaeef2; vertical-align:top; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.rate { text-align:center; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.r0 { background:#ffd7d5; } td.r1 { background:#ffebc1; } td.r2 { background:#fff8c5; }
td.r3 { background:#dafbe1; } td.r4 { background:#aceebb; } td.rn { color:var(--muted); }
.worst li { margin:0 0 12px; } .worst .where { color:var(--muted); font-size:13px; }
.worst blockquote { margin:4px 0; padding:4px 10px; border-left:3px solid var(--line); color:#3d444d;
  font-size:14px; } .worst .finding { font-size:13px; }
.score { display:inline-block; min-width:36px; text-align:center; border-radius:12px; padding:0 8px; color:#fff;
  font-weight:700; background:var(--bad); } .score.s-mid { background:#b26a00; } .score.s-good { background:var(--good); }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
code { font-size:13px; } .note { color:var(--muted); font-size:13px; }
th.item { text-align:center; max-width:84px; font-size:11px; } td:first-child { white-space:nowrap; }
"""


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{100 * rate:.0f}%"


def _rate_cell(rate: float | None) -> str:
    if rate is None:
        return '<td class="rate rn">–</td>'
    step = min(int(rate * 5), 4)
    return f'<td class="rate r{step}" data-rate="{rate}">{_pct(rate)}</td>'


def _num(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def _score_class(score: float) -> str:
    return "s-good" if score >= 80 else "s-mid" if score >= 60 else "s-bad"


def _stat(value: str, label: str) -> str:
    return f'<div class="stat"><b>{escape(value)}</b><span>{escape(label)}</span></div>'


def _distribution(bands: Sequence[Mapping[str, Any]]) -> str:
    width, height, pad = 560, 220, 30
    top = max((b["count"] for b in bands), default=0) or 1
    step = (width - 2 * pad) / max(len(bands), 1)
    parts = [f'<svg id="score-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             'aria-label="Replies by score">']  # fmt: skip
    parts.append(
        f'<line class="axis" x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}"/>'
    )
    for i, b in enumerate(bands):
        h = (height - 2 * pad - 14) * b["count"] / top
        x = pad + i * step + 4
        lo = int(b["band"].split("-")[0])
        cls = "good" if lo >= 80 else "mid" if lo >= 60 else "bad"
        parts.append(
            f'<rect class="{cls}" data-band="{b["band"]}" data-count="{b["count"]}" x="{x:.1f}" '
            f'y="{height - pad - h:.1f}" width="{step - 8:.1f}" height="{h:.1f}"/>'
            f'<text x="{x + (step - 8) / 2:.1f}" y="{height - pad + 14}" text-anchor="middle">{b["band"]}</text>'
            f'<text class="muted" x="{x + (step - 8) / 2:.1f}" y="{height - pad - h - 4:.1f}" '
            f'text-anchor="middle">{b["count"]:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _checklist_chart(checklist: Mapping[str, Mapping[str, Any]]) -> str:
    row, label, bar = 26, 230, 300
    height = row * len(checklist) + 10
    parts = [f'<svg id="checklist-chart" viewBox="0 0 {label + bar + 60} {height}" width="100%" role="img" '
             'aria-label="Pass rate by checklist item">']  # fmt: skip
    for i, (item, data) in enumerate(checklist.items()):
        y = 5 + i * row
        rate = data["pass_rate"]
        w = bar * (rate or 0)
        cls = "good" if (rate or 0) >= 0.8 else "mid" if (rate or 0) >= 0.6 else "bad"
        parts.append(
            f'<g data-item="{item}" data-rate="{"" if rate is None else rate}" data-pass="{data["pass"]}" '
            f'data-fail="{data["fail"]}"><text x="0" y="{y + 15}">{escape(data["title"])}</text>'
            f'<rect class="track" x="{label}" y="{y + 3}" width="{bar}" height="16"/>'
            f'<rect class="{cls}" x="{label}" y="{y + 3}" width="{w:.1f}" height="16"/>'
            f'<text x="{label + bar + 6}" y="{y + 15}">{_pct(rate)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _trend(weeks: Sequence[Mapping[str, Any]]) -> str:
    dated = [w for w in weeks if w["week"] != "(no date)"]
    if not dated:
        return '<p class="note">The export gives no dates, so there is no trend.</p>'
    width, height, pad = 900, 240, 40
    n = len(dated)
    x_of = (lambda i: pad + (width - 2 * pad) * i / (n - 1)) if n > 1 else (lambda i: width / 2)

    def y_of(value: float) -> float:
        return height - pad - (height - 2 * pad) * value / 100

    parts = [f'<svg id="trend-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             'aria-label="Mean score and share ready to send by week">']  # fmt: skip
    for level in (0, 50, 80, 100):
        parts.append(
            f'<line class="axis" x1="{pad}" y1="{y_of(level):.1f}" x2="{width - pad}" y2="{y_of(level):.1f}"/>'
            f'<text class="muted" x="{pad - 6}" y="{y_of(level) + 4:.1f}" text-anchor="end">{level}</text>'
        )
    score_pts = [(x_of(i), y_of(w["mean_score"])) for i, w in enumerate(dated)]
    ready_pts = [(x_of(i), y_of(100 * (w["ready_rate"] or 0))) for i, w in enumerate(dated)]
    for cls, pts in (("score", score_pts), ("ready", ready_pts)):
        if n > 1:
            joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            parts.append(f'<polyline class="{cls}" points="{joined}"/>')
    every = max(1, n // 12)
    for i, w in enumerate(dated):
        x = x_of(i)
        parts.append(
            f'<circle class="score" data-week="{w["week"]}" data-score="{w["mean_score"]}" '
            f'data-replies="{w["replies"]}" cx="{x:.1f}" cy="{score_pts[i][1]:.1f}" r="3"/>'
            f'<circle class="ready" data-week="{w["week"]}" data-ready="{w["ready_rate"]}" cx="{x:.1f}" '
            f'cy="{ready_pts[i][1]:.1f}" r="3"/>'
        )
        if i % every == 0 or i == n - 1:
            parts.append(f'<text class="muted" x="{x:.1f}" y="{height - pad + 16}" text-anchor="middle">'
                         f'{w["week"]}</text>')  # fmt: skip
    parts.append(
        f'<text x="{pad}" y="14">— mean score</text><text x="{pad + 130}" y="14" class="muted">'
        "- - share ready to send (%)</text></svg>"
    )
    return "".join(parts)


def _sparkline(points: Mapping[str, float]) -> str:
    if len(points) < 2:
        return ""
    values = list(points.values())
    w, h = 90, 22
    coords = " ".join(f"{w * i / (len(values) - 1):.1f},{h - h * v / 100:.1f}" for i, v in enumerate(values))
    return f'<svg class="spark" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><polyline class="score" points="{coords}"/></svg>'


def _group_table(
    rows: Sequence[Mapping[str, Any]], key: str, label: str, spark: Mapping[str, Any] | None = None
) -> str:
    head = "".join(
        f'<th class="item" title="{escape(CHECKLIST[i])}">{escape(i.replace("-", " "))}</th>'
        for i in SCORED_ITEMS
    )
    trend = "<th>trend</th>" if spark is not None else ""
    out = [f'<table class="groups" data-group="{key}"><thead><tr><th>{label}</th><th class="num">replies</th>'
           f'<th class="num">mean score</th><th class="num">ready</th>{trend}{head}</tr></thead><tbody>']  # fmt: skip
    for r in rows:
        name = r[key]
        cells = "".join(_rate_cell(r["items"][i]) for i in SCORED_ITEMS)
        line = _sparkline(spark.get(name, {})) if spark is not None else None
        out.append(
            f'<tr data-{key}="{escape(name)}"><td>{escape(name)}</td><td class="num">{r["replies"]:,}</td>'
            f'<td class="num">{_num(r["mean_score"])}</td>{_rate_cell(r["ready_rate"])}'
            f"{'' if line is None else f'<td>{line}</td>'}{cells}</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _rules(rules: Sequence[Mapping[str, Any]], replies: int) -> str:
    if not rules:
        return '<p class="note">No rule fired.</p>'
    top = rules[0]["findings"] or 1
    out = ['<table id="rules"><thead><tr><th>rule</th><th>checklist item</th><th class="num">findings</th>'
           '<th class="num">replies</th><th></th></tr></thead><tbody>']  # fmt: skip
    for r in rules[:25]:
        out.append(
            f'<tr data-rule="{escape(r["rule"])}" data-findings="{r["findings"]}"><td><code>{escape(r["rule"])}'
            f'</code><br><span class="note">{escape(r["description"] or "")}</span></td>'
            f'<td>{escape(r["checklist"] or "")}</td><td class="num">{r["findings"]:,}</td>'
            f'<td class="num">{r["replies"]:,} ({_pct(r["replies"] / replies if replies else None)})</td>'
            f'<td><svg width="160" height="12"><rect class="bar" width="{160 * r["findings"] / top:.1f}" '
            'height="12"/></svg></td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _worst(worst: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    out = []
    for item in SCORED_ITEMS:
        entries = worst.get(item, [])
        out.append(
            f'<section class="worst" data-item="{item}"><h3>{escape(CHECKLIST[item])} <code>{item}</code></h3>'
        )
        if not entries:
            out.append('<p class="note">No reply failed this item.</p></section>')
            continue
        out.append("<ol>")
        for e in entries:
            conv = escape(str(e["conversation_id"] or "?"))
            conv_html = f'<a href="{escape(e["link"])}">{conv}</a>' if e.get("link") else conv
            findings = "".join(
                f'<div class="finding"><b>{escape(f["rule"])}</b> ({escape(f["level"])}): {escape(f["message"])}</div>'
                for f in e["findings"]
            )
            out.append(
                f'<li data-conversation="{conv}" data-score="{e["score"]}"><span class="score {_score_class(e["score"])}">'
                f"{e['score']}</span> conversation {conv_html}, message {escape(str(e['message_id'] or '–'))} "
                f'by <b>{escape(e["agent"] or "?")}</b> <span class="where">{escape(e["week"] or "")} · '
                f"{escape(e['source'] or '')}</span><blockquote>{escape(e['excerpt'] or '')}</blockquote>{findings}</li>"
            )
        out.append("</ol></section>")
    return "".join(out)


def _errors(errors: Sequence[Mapping[str, Any]]) -> str:
    if not errors:
        return '<p class="note">Every row was read and checked.</p>'
    out = ['<table id="errors"><thead><tr><th>reason</th><th>field</th><th class="num">rows</th>'
           "<th>first at</th></tr></thead><tbody>"]  # fmt: skip
    for e in errors:
        out.append(
            f'<tr data-count="{e["count"]}"><td>{escape(e["error"])}</td><td>{escape(e["field"] or "")}</td>'
            f'<td class="num">{e["count"]:,}</td><td>{escape(e["example"] or "")}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def render(summary: Mapping[str, Any]) -> str:
    """The self-contained HTML page for an audit summary."""
    t = summary["totals"]
    exports = ", ".join(summary.get("exports", []))
    tiles = "".join(
        [
            _stat(f"{t['replies']:,}", "agent replies scored"),
            _stat(f"{t['conversations']:,}", "conversations"),
            _stat(f"{t['agents']:,}", "agents"),
            _stat(_num(t["mean_score"]), "mean score"),
            _stat(_pct(t["ready_rate"]), "ready to send"),
            _stat(f"{t['errors']:,}", "rows not checked"),
        ]
    )
    teams = summary["teams"]
    team_part = (
        f'<div class="card"><h2>By team</h2>{_group_table(teams, "team", "team")}</div>'
        if len(teams) > 1 or (teams and teams[0]["team"] != "(no team)")
        else ""
    )
    body = f"""<header><h1>Reply quality audit</h1><p>{escape(exports)} · replylint {escape(summary["replylint"])}</p>
<div class="totals">{tiles}</div></header>
<main>
<div class="row"><div class="card"><h2>Checklist pass rates</h2>
<p class="note">Share of replies that pass each item, of those it could judge.</p>
{_checklist_chart(summary["checklist"])}</div>
<div class="card"><h2>Score distribution</h2>{_distribution(summary["score_distribution"])}</div></div>
<div class="card"><h2>Trend by week</h2>{_trend(summary["weeks"])}
{_group_table(summary["weeks"], "week", "week")}</div>
<div class="card"><h2>By agent</h2>
<p class="note">Pass rate of each checklist item per agent; trend is the mean score by week.</p>
{_group_table(summary["agents"], "agent", "agent", summary.get("agent_weeks", {}))}</div>
{team_part}
<div class="card"><h2>Rules that fire most</h2>{_rules(summary["rules"], t["replies"])}</div>
<div class="card"><h2>Worst replies per checklist item</h2>
<p class="note">The replies that fail each item worst: start coaching here.</p>{_worst(summary["worst"])}</div>
<div class="card"><h2>Rows that could not be checked</h2>{_errors(summary["errors"])}</div>
</main>"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Reply quality audit</title><style>{_CSS}</style></head><body>{body}</body></html>\n"
    )
