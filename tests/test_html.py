"""HTML drafts: positions point into the raw HTML; entities, blockquotes and signatures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import lint
from replylint.cli import main
from replylint.regions import split_regions
from replylint.textmap import strip_html

HTML = """<html><head><title>Re: order</title><style>p { color: red }</style></head>
<body>
<p>Hi Sarah,</p>
<p>Thanks for writing in about Tom &amp; Jerry&#39;s order.
You will <b>recieve</b> the refund by Friday.</p>
<blockquote>On Monday you wrote: i cant find the the parcle</blockquote>
<p>Best,<br>Ana</p>
<div class="signature">Ana Lima<br>Acme Supprt Desk<br>Phone: +1 555 010 2000</div>
</body></html>
"""


def position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.fixture(scope="module")
def report():
    return lint(HTML, customer="Sarah", agent="Ana", html=True, source="reply.html")


def test_html_misspelling_in_bold_points_into_raw_html(report) -> None:
    [doc] = report.documents
    [finding] = [f for f in doc.findings if f.rule == "spelling"]
    assert finding.match == "recieve"
    assert finding.offset == HTML.index("recieve")
    assert finding.length == len("recieve")
    assert (finding.line, finding.column) == position(HTML, HTML.index("recieve"))
    assert finding.line == 5


def test_html_entities_are_decoded_for_checking() -> None:
    mapped = strip_html(HTML)
    assert "Tom & Jerry's order" in mapped.text
    assert "&amp;" not in mapped.text
    assert "color: red" not in mapped.text
    assert "Re: order" not in mapped.text


def test_html_mapped_offsets_return_to_the_original() -> None:
    mapped = strip_html(HTML)
    start = mapped.text.index("Jerry's")
    o_start, o_end = mapped.span_to_original(start, start + len("Jerry's"))
    assert HTML[o_start:o_end] == "Jerry&#39;s"


def test_html_blockquote_is_quoted_history(report) -> None:
    [doc] = report.documents
    assert not any(HTML.index("<blockquote>") < f.offset < HTML.index("</blockquote>") for f in doc.findings)
    regions = split_regions(strip_html(HTML).text)
    quoted_text = " ".join(strip_html(HTML).text[s:e] for s, e in regions.quoted)
    assert "the the parcle" in quoted_text


def test_html_signature_div_is_the_signature(report) -> None:
    mapped = strip_html(HTML)
    regions = split_regions(mapped.text)
    assert regions.signature is not None
    signature = mapped.text[regions.signature[0] : regions.signature[1]]
    assert "Acme Supprt Desk" in signature
    assert "Phone" in signature
    signoff = mapped.text[regions.signoff[0] : regions.signoff[1]]
    assert signoff == "Best,\nAna"
    [doc] = report.documents
    assert not any(f.match == "Supprt" for f in doc.findings)


def test_html_only_expected_findings(report) -> None:
    [doc] = report.documents
    assert [f.rule for f in doc.findings] == ["spelling"]
    assert doc.checklist["use-their-name"].status == "pass"
    assert doc.checklist["use-your-name"].status == "pass"


def test_html_file_through_cli_positions(isolated_cwd: Path) -> None:
    path = isolated_cwd / "reply.html"
    path.write_text(HTML, encoding="utf-8")
    args = ["check", str(path), "--customer", "Sarah", "--agent", "Ana", "--format", "json"]
    result = CliRunner().invoke(main, args, env={"REPLYLINT_AGENT": None})
    [doc] = json.loads(result.stdout)["documents"]
    [finding] = doc["findings"]
    assert finding["match"] == "recieve"
    assert finding["offset"] == HTML.index("recieve")
    assert (finding["line"], finding["column"]) == position(HTML, finding["offset"])


def test_html_match_spanning_tags_is_the_raw_html() -> None:
    html = "<p>Hi Sarah,</p><p>Thanks for writing in. In <i>order</i> to help, we sent it.</p><p>Best,<br>Ana</p>"
    [doc] = lint(html, customer="Sarah", agent="Ana", html=True).documents
    [finding] = [f for f in doc.findings if f.rule == "wordy-phrases"]
    assert finding.match == "In <i>order</i> to"
    assert html[finding.offset : finding.offset + finding.length] == finding.match
