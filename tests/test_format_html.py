"""The HTML report: pure checks of the markup, then a real headless Chromium render.

Chromium (Debian package `chromium`; `.ci/install-chromium.sh` installs it) parses
the page like a user's browser: if marks were mis-nested it would re-parent them and
the text under each finding's marks would no longer equal the finding's match. The
screenshot is kept at tests/artifacts/html-report.png for a human to look at.
"""

from __future__ import annotations

import random
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import kind_rule
from format_samples import GOOD, MACRO, ROUGH, lint_drafts
from scaling import best_time, grows_linearly

from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter
from replylint.errors import InputError
from replylint.findings import Finding, Level
from replylint.formatters import FORMATTERS, html
from replylint.report import Report

ARTIFACTS = Path(__file__).parent / "artifacts"

SCRIPTY = (
    "Hi Sarah,\n\nThanks for writing in. Type <script>alert('x')</script> & \"quotes\" in the box, "
    "then we cant lose it.\n\nBest,\nAna"
)
HTML_DRAFT = (
    "<p>Hi Sarah,</p><p>Thanks for writing in. We cant refund &amp; that's final.</p><p>Best,<br>Ana</p>"
)

_VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "embed", "source", "track", "wbr"}


class Node:
    """A minimal DOM node: tag, attributes, children (Nodes and strings)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):  # type: ignore[no-untyped-def]
        if tag is None or self.tag == tag:
            yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter(tag)

    def get(self, key: str) -> str | None:
        return self.attrs.get(key)


class StrictTree(HTMLParser):
    """Builds a tree and fails on any end tag that does not close the innermost element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>: bad nesting"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(markup: str) -> Node:
    tree = StrictTree()
    tree.feed(markup)
    tree.close()
    assert tree.current is tree.root, f"unclosed <{tree.current.tag}>"
    return tree.root


def _own_text(scope: Node) -> dict[str, str]:
    """Text covered by each finding: the text of every piece carrying its data-finding."""
    pieces: dict[str, list[str]] = {}
    for mark in scope.iter("mark"):
        pieces.setdefault(mark.get("data-finding") or "", []).append(mark.text())
    return {fid: "".join(p) for fid, p in pieces.items()}


@pytest.fixture(scope="module")
def report() -> Report:
    return lint_drafts(
        [
            Draft(ROUGH, source="drafts/rough.txt"),
            Draft(GOOD, source="drafts/good.txt"),
            Draft(MACRO, source="library/macros.json", item="macro-7", title="Refund <card> fee"),
            Draft(SCRIPTY, source="drafts/scripty.txt"),
            Draft(HTML_DRAFT, source="drafts/reply.html", is_html=True),
        ]
    )


UNREAD = (
    InputError("item 7 ('Refund'): no reply text; nothing to check", file="library/macros.json", line=12),
)


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return FORMATTERS["html"](report, unread=UNREAD)


def _check_marks(doc_node: Node, doc, index: int) -> None:  # type: ignore[no-untyped-def]
    covered = _own_text(doc_node)
    text, findings = html._shown(doc)  # an HTML macro is shown as the text the customer reads
    for j, f in enumerate(findings):
        fid = f"d{index}-f{j}"
        assert covered.get(fid) == f.match, (doc.source, f.rule, f.match)
        marks = [m for m in doc_node.iter("mark") if m.get("data-finding") == fid]
        assert marks[0].get("id") == fid
        assert all(m.get("data-rule") == f.rule for m in marks)
        assert all(f"level-{f.level.value}" in (m.get("class") or "").split() for m in marks)
        assert all(m.get("title") == f"{f.rule}: {f.message}" for m in marks)
    pre = next(doc_node.iter("pre"), doc_node)
    assert pre.text() == text


def test_html_marks_nest_and_cover_each_finding_exactly(page: str, report: Report) -> None:
    root = parse(page)
    sections = [s for s in root.iter("section") if "document" in (s.get("class") or "").split()]
    assert len(sections) == len(report.documents)
    for index, (section, doc) in enumerate(zip(sections, report.documents, strict=True)):
        _check_marks(section, doc, index)


def test_html_overlapping_findings_are_split_into_nested_pieces() -> None:
    outer = kind_rule("regex", {"pattern": r"be advised that we"}, rule_id="outer", level="warning")
    inner = kind_rule("regex", {"pattern": r"advised"}, rule_id="inner", level="suggestion")
    straddle = kind_rule("regex", {"pattern": r"that we cant"}, rule_id="straddle", level="error")
    linter = Linter([outer, inner, straddle], Config())
    doc = linter.lint([Draft(MACRO, source="m.txt")], linter.context()).documents[0]
    assert sorted(f.rule for f in doc.findings) == ["inner", "outer", "straddle"]
    root = parse(html.highlight(doc.text, doc.findings, 0))
    _check_marks(root, doc, 0)
    pieces = [(m.get("data-rule"), m.parent.get("data-rule"), m.text()) for m in root.iter("mark")]
    assert ("inner", "outer", "advised") in pieces
    # 'that we' is covered by outer and straddle: one piece nested, then straddle alone
    assert ("straddle", "outer", "that we") in pieces
    assert ("straddle", None, " cant") in pieces


def test_html_zero_length_finding_is_an_empty_mark(report: Report) -> None:
    rough = report.documents[0]
    j = next(j for j, f in enumerate(rough.findings) if f.length == 0)
    root = parse(html.highlight(rough.text, rough.findings, 0))
    [mark] = [m for m in root.iter("mark") if m.get("data-finding") == f"d0-f{j}"]
    assert mark.text() == "" and "empty" in (mark.get("class") or "").split()


def test_html_escapes_draft_text_and_titles(page: str) -> None:
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert "Refund &lt;card&gt; fee" in page
    assert "&lt;p&gt;" not in page  # an HTML draft is shown as the text the customer reads
    assert "&lt;br&gt;" not in page  # and _check_marks: the pre holds exactly the stripped text


def test_html_is_self_contained_and_deterministic(page: str, report: Report) -> None:
    lowered = page.lower()
    for needle in ("<script src", "<link", "@import", "url(", "<img", "<iframe"):
        assert needle not in lowered, needle
    assert lowered.replace('xmlns="http://www.w3.org/2000/svg"', "").count("http") == 0
    assert page == html.render(report, unread=UNREAD)
    assert page.startswith("<!DOCTYPE html>")


def test_html_score_bands() -> None:
    assert [html.band(s) for s in (0, 49, 50, 59, 60, 79, 80, 89, 90, 100)] == [0, 0, 1, 1, 2, 3, 4, 4, 5, 5]


def test_html_charts_count_documents(page: str, report: Report) -> None:
    root = parse(page)
    svg = next(s for s in root.iter("svg") if s.get("id") == "score-chart")
    bars = [r for r in svg.iter("rect") if r.get("data-band")]
    assert [r.get("data-band") for r in bars] == ["0-49", "50-59", "60-69", "70-79", "80-89", "90-100"]
    expected = [0] * 6
    for d in report.documents:
        expected[html.band(d.score)] += 1
    assert [int(r.get("data-count") or -1) for r in bars] == expected
    for r in bars:
        assert (float(r.get("height") or 0) > 0) == (int(r.get("data-count") or 0) > 0)
    checklist = next(s for s in root.iter("svg") if s.get("id") == "checklist-chart")
    rows = {g.get("data-item"): g for g in checklist.iter("g")}
    assert list(rows) == list(report.documents[0].checklist)
    for item, g in rows.items():
        counts = {r.get("data-status"): int(r.get("data-count") or -1) for r in g.iter("rect")}
        statuses = [d.checklist[item].status for d in report.documents]
        assert counts == {s: statuses.count(s) for s in ("pass", "fail", "skip")}, item


# --- real browser ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium, or run .ci/install-chromium.sh)",
)


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def page_file(page: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


@needs_chromium
def test_html_renders_in_headless_chromium(
    page_file: Path, report: Report, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dom = _chromium(tmp_path_factory.mktemp("profile"), "--dump-dom", page_file.as_uri()).stdout
    root = parse(dom)
    svg = next(s for s in root.iter("svg") if s.get("id") == "score-chart")
    bars = [r for r in svg.iter("rect") if r.get("data-band")]
    assert len(bars) == 6
    assert sum(int(r.get("data-count") or 0) for r in bars) == len(report.documents)
    sections = [s for s in root.iter("section") if "document" in (s.get("class") or "").split()]
    assert [s.get("data-score") for s in sections] == [str(d.score) for d in report.documents]
    for index, (section, doc) in enumerate(zip(sections, report.documents, strict=True)):
        _check_marks(section, doc, index)
    # the browser built no element from the draft text (it was escaped): the one script is ours
    assert [s.get("id") for s in root.iter("script")] == ["dashboard-js"]
    assert sum(1 for _ in root.iter("mark")) >= sum(len(d.findings) for d in report.documents)


@needs_chromium
def test_html_screenshot(page_file: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    shot.unlink(missing_ok=True)
    _chromium(
        tmp_path_factory.mktemp("profile"),
        f"--screenshot={shot}",
        "--window-size=1200,2000",
        "--hide-scrollbars",
        page_file.as_uri(),
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 2000)
    assert len(data) > 50_000  # a blank page compresses to a few KB


def test_html_dashboard_has_titles_rule_counts_and_unread_items(page: str, report: Report) -> None:
    root = parse(page)
    table = next(t for t in root.iter("table") if t.get("id") == "documents-table")
    titles = [row.children[1].text() for row in table.iter("tr")][1:]
    assert titles == [d.title or "" for d in report.documents] and "Refund <card> fee" in titles
    chart = next(s for s in root.iter("svg") if s.get("id") == "rule-chart")
    drawn = {g.get("data-rule"): int(g.get("data-count") or 0) for g in chart.iter("g")}
    expected: dict[str, int] = {}
    for d in report.documents:
        for f in d.findings:
            expected[f.rule] = expected.get(f.rule, 0) + 1
    assert drawn == expected
    unread = next(s for s in root.iter("section") if s.get("id") == "unread")
    assert "library/macros.json" in unread.text() and "no reply text" in unread.text()


def _rows(root: Node) -> list[tuple[str, int]]:
    table = next(t for t in root.iter("table") if t.get("id") == "documents-table")
    body = next(table.iter("tbody"))
    return [
        (row.children[0].text(), int(row.children[2].get("data-value") or -1))
        for row in body.children
        if isinstance(row, Node)
    ]


@needs_chromium
def test_html_sort_header_click_in_headless_chromium(
    page_file: Path, report: Report, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A click on the score header (the page clicks it when opened at #sort=score) sorts the rows."""
    before = _rows(parse(page_file.read_text()))
    assert [s for _, s in before] == [d.score for d in report.documents]
    dom = _chromium(
        tmp_path_factory.mktemp("profile"), "--dump-dom", page_file.as_uri() + "#sort=score"
    ).stdout
    root = parse(dom)
    after = _rows(root)
    assert sorted(after) == sorted(before) and [s for _, s in after] == sorted(s for _, s in before)
    header = next(th for th in root.iter("th") if th.get("data-sort") == "score")
    assert header.get("aria-sort") == "ascending"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-dashboard-sorted.png"
    shot.unlink(missing_ok=True)
    _chromium(
        tmp_path_factory.mktemp("profile"),
        f"--screenshot={shot}",
        "--window-size=1200,1600",
        "--hide-scrollbars",
        page_file.as_uri() + "#sort=score",
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


# -- highlighting cost ------------------------------------------------------------------


def _old_highlight(text: str, findings: tuple, doc_index: int = 0) -> str:
    """The quadratic highlighter the sweep replaced: the reference for its output."""
    n = len(text)
    spans = []
    for i, f in enumerate(findings):
        start = min(max(f.offset, 0), n)
        spans.append((i, start, min(max(f.offset + f.length, start), n)))
    points = sorted({0, n} | {s for _, s, _ in spans} | {e for _, _, e in spans})
    empty_at: dict[int, list[int]] = {}
    for i, s, e in spans:
        if s == e:
            empty_at.setdefault(s, []).append(i)
    opened: set[int] = set()
    out: list[str] = []
    for a, b in zip(points, [*points[1:], None], strict=True):
        for i in empty_at.get(a, []):
            out.append(
                html._mark_open(findings[i], html._finding_id(doc_index, i), first=True, empty=True)
                + "</mark>"
            )
        if b is None:
            break
        active = sorted(
            ((i, s, e) for i, s, e in spans if s < e and s <= a and e >= b), key=lambda x: (x[1], -x[2], x[0])
        )
        for i, _, _ in active:
            out.append(html._mark_open(findings[i], html._finding_id(doc_index, i), first=i not in opened))
            opened.add(i)
        out.append(html._e(text[a:b]))
        out.append("</mark>" * len(active))
    return "".join(out)


def _findings(text: str, spans: list[tuple[int, int]]) -> tuple[Finding, ...]:
    return tuple(
        Finding("r", "proofread", Level.WARNING, "m <b>", s, e - s, 1, s + 1, text[s:e]) for s, e in spans
    )


def test_html_highlight_sweep_matches_the_old_output() -> None:
    rnd = random.Random(11)
    text = "Hi Sam, <ok> & thanks for the note about the order. " * 3
    for _ in range(300):
        spans = []
        for _ in range(rnd.randint(0, 12)):
            s = rnd.randint(-2, len(text) + 2)
            spans.append((s, s + rnd.randint(0, 15)))
        findings = _findings(text, spans)
        assert html.highlight(text, findings, 3) == _old_highlight(text, findings, 3)


def test_html_highlight_8000_findings_is_linear_and_quick() -> None:
    def make(n: int) -> tuple[str, tuple[Finding, ...]]:
        text = "Thanks for the wait, the parcel is late. " * (n // 2)
        starts = [m * 41 + 4 for m in range(n // 2)] + [m * 41 + 21 for m in range(n // 2)]
        return text, _findings(text, [(s, s + 6) for s in starts])

    grows_linearly(lambda args: html.highlight(*args), make, 2_000)
    text, findings = make(8_000)
    assert best_time(lambda: html.highlight(text, findings), runs=1) < 5  # 11.8 s before


def test_html_highlight_caps_marks_on_the_same_words() -> None:
    text = "one two three"
    findings = _findings(text, [(0, 13)] * 40)
    page = html.highlight(text, findings)
    assert page.count("<mark") == html.MAX_NESTED
    assert parse(page) is not None
