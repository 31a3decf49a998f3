"""summary.json checked against replies.parquet counted another way, and report.html in Chromium."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from audit_helpers import audit_export, read_out
from test_format_html import _chromium, needs_chromium, parse

from replylint.audit import cluster, driver
from replylint.audit.report import render
from replylint.checklist import SCORED_ITEMS
from replylint.config import Config

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("audit")
    export = folder / "tickets.json"
    users = audit_export.write_zendesk(export, 30, seed=11)
    with export.open("a", encoding="utf-8") as handle:
        handle.write(
            '{"id": 7, "comments": [{"author_id": 5, "body": "<script>alert(1)</script>", "public": true}]}\n'
        )
        handle.write("not json\n")
    out = folder / "out"
    options = driver.AuditOptions(
        exports=(export,), out=out, config=Config(), users=users, partition_size=4096, top=3,
        link="https://help.example.com/agent/tickets/{conversation_id}",
    )  # fmt: skip
    driver.run(options, cluster.InProcess())
    return out, export


def test_audit_summary_matches_the_replies(audited: tuple[Path, Path]) -> None:
    table, summary, _ = read_out(audited[0])
    rows = table.to_pylist()
    ok = [r for r in rows if r["error"] is None]
    assert summary["totals"]["replies"] == len(ok) > 30
    assert summary["totals"]["errors"] == len(rows) - len(ok) == 1
    assert summary["errors"][0]["example"] == "tickets.json:32"
    by_agent: dict[str, list[dict]] = defaultdict(list)
    for r in ok:
        by_agent[r["agent"]].append(r)
    assert [a["agent"] for a in summary["agents"]] == sorted(by_agent)
    for entry in summary["agents"]:
        mine = by_agent[entry["agent"]]
        assert entry["replies"] == len(mine)
        assert entry["mean_score"] == round(sum(r["score"] for r in mine) / len(mine), 1)
        for item in SCORED_ITEMS:
            statuses = Counter(r[f"status_{item.replace('-', '_')}"] for r in mine)
            judged = statuses["pass"] + statuses["fail"]
            assert entry["items"][item] == (round(statuses["pass"] / judged, 4) if judged else None)
    assert sum(b["count"] for b in summary["score_distribution"]) == len(ok)
    weeks = Counter(r["week"] or "(no date)" for r in ok)
    assert {w["week"]: w["replies"] for w in summary["weeks"]} == weeks
    fired = Counter()
    for r in ok:
        for f in r["finding_list"]:
            fired[f["rule"]] += 1
    assert {r["rule"]: r["findings"] for r in summary["rules"]} == fired
    for item, worst in summary["worst"].items():
        failing = sorted(
            (r[f"score_{item.replace('-', '_')}"], r["score"])
            for r in ok
            if r[f"status_{item.replace('-', '_')}"] == "fail"
        )
        assert [(round(w["item_score"], 4), w["score"]) for w in worst] == [
            (round(a, 4), b) for a, b in failing[:3]
        ]
        for w in worst:
            assert w["link"] == f"https://help.example.com/agent/tickets/{w['conversation_id']}"
            assert w["findings"] and all(f["rule"] for f in w["findings"])


def test_audit_report_is_self_contained_and_escaped(audited: tuple[Path, Path]) -> None:
    _, summary, page = read_out(audited[0])
    assert page == render(summary)
    lowered = page.lower()
    for needle in ("<script", "<link", "@import", "url(", "<img", "<iframe"):
        assert needle not in lowered, needle
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@needs_chromium
def test_audit_report_renders_in_headless_chromium(audited: tuple[Path, Path], tmp_path: Path) -> None:
    out = audited[0]
    _, summary, _ = read_out(out)
    dom = parse(_chromium(tmp_path / "profile", "--dump-dom", (out / "report.html").as_uri()).stdout)
    svgs = {s.get("id"): s for s in dom.iter("svg") if s.get("id")}
    bars = [r for r in svgs["score-chart"].iter("rect") if r.get("data-band")]
    assert [(r.get("data-band"), int(r.get("data-count") or -1)) for r in bars] == [
        (b["band"], b["count"]) for b in summary["score_distribution"]
    ]
    items = {g.get("data-item"): g.get("data-rate") for g in svgs["checklist-chart"].iter("g")}
    assert items == {k: str(v["pass_rate"]) for k, v in summary["checklist"].items()}
    points = [c for c in svgs["trend-chart"].iter("circle") if "score" in (c.get("class") or "")]
    assert [(c.get("data-week"), float(c.get("data-score") or 0)) for c in points] == [
        (w["week"], w["mean_score"]) for w in summary["weeks"] if w["week"] != "(no date)"
    ]
    assert summary["weeks"][-1]["week"] == "(no date)"  # undated replies are counted, after the weeks
    agent_rows = [tr.get("data-agent") for tr in dom.iter("tr") if tr.get("data-agent")]
    assert agent_rows == [a["agent"] for a in summary["agents"]]
    worst = [li for li in dom.iter("li") if li.get("data-conversation")]
    assert len(worst) == sum(len(v) for v in summary["worst"].values())
    assert not list(dom.iter("script"))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "audit-report.png"
    shot.unlink(missing_ok=True)
    _chromium(tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1300,2400", "--hide-scrollbars",
              (out / "report.html").as_uri())  # fmt: skip
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1300, 2400)
    assert len(data) > 50_000


def test_audit_cli_bad_input_exits_2_naming_the_file(tmp_path: Path) -> None:
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("ticket,role,text\n1,agent,Hi\n", encoding="utf-8")

    def audit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "replylint", "audit", *args, "-o", str(tmp_path / "o"),
                               "--in-process"], capture_output=True, text=True, timeout=300, check=False)  # fmt: skip

    missing = audit(str(csv_path))
    assert missing.returncode == 2
    assert f"{csv_path}: no column 'conversation_id'" in missing.stderr
    odd = tmp_path / "export.xlsx"
    odd.write_bytes(b"PK")
    assert audit(str(odd)).returncode == 2
    assert audit(str(tmp_path / "nope.csv")).returncode == 2
    bad_size = audit(str(csv_path), "--partition-size", "lots")
    assert bad_size.returncode == 2 and "not a size" in bad_size.stderr


def test_audit_cli_end_to_end_with_columns(tmp_path: Path) -> None:
    export = tmp_path / "warehouse.csv"
    export.write_text(
        "ticket,role,who,text,at\n"
        'A1,customer,Sam Lee,"Hi, my invoice is wrong.\n\nSam",2024-04-02T09:00:00Z\n'
        'A1,agent,Ana Souza,"Hi Sam,\n\nThanks for writing in. I have fixed the invoice.\n\nBest,\nAna",2024-04-02T10:00:00Z\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    cols = ["--column", "conversation_id=ticket", "--column", "author_role=role", "--column", "author_name=who",
            "--column", "body=text", "--column", "created_at=at"]  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "replylint", "audit", str(export), "-o", str(out), *cols,
                           "--in-process", "-q"], capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "audited 1 replies in 1 conversations" in done.stderr
    table, summary, _ = read_out(out)
    [row] = table.to_pylist()
    assert (row["agent"], row["customer"], row["week"], row["conversation_id"]) == (
        "Ana Souza",
        "Sam Lee",
        "2024-W14",
        "A1",
    )
    assert row["status_use_their_name"] == "pass" and row["status_use_your_name"] == "pass"
    assert (
        json.loads((out / "summary.json").read_text())["totals"]["replies"]
        == summary["totals"]["replies"]
        == 1
    )
    shutil.rmtree(out)
