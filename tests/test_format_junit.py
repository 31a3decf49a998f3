"""JUnit XML: well-formed, one suite per document, one case per checklist item, right counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import kind_rule
from format_samples import GOOD, MACRO, ROUGH, lint_drafts

from replylint.checklist import CHECKLIST
from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter
from replylint.formatters import FORMATTERS, junit
from replylint.report import Report

# XML-special characters in the text and a control character XML 1.0 cannot carry.
ODD = "Hi Sarah,\n\nThanks for writing in. <b>Fees</b> & \x0bcharges: we cant waive them.\n\nBest,\nAna"


@pytest.fixture(scope="module")
def report() -> Report:
    return lint_drafts(
        [
            Draft(ROUGH, source="drafts/rough.txt"),
            Draft(GOOD, source="drafts/good.txt"),
            Draft(MACRO, source="library/macros.json", item="macro-7", title="Refund: card fee"),
            Draft(ODD, source="drafts/odd & <strange>\x01.txt"),
        ]
    )


@pytest.fixture(scope="module")
def root(report: Report) -> ET.Element:
    out = FORMATTERS["junit"](report)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(out.encode("utf-8"))


def test_junit_is_well_formed_with_one_suite_per_document(root: ET.Element, report: Report) -> None:
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "drafts/rough.txt",
        "drafts/good.txt",
        "library/macros.json[macro-7]",
        "drafts/odd & <strange>\ufffd.txt",
    ]
    for suite, doc in zip(suites, report.documents, strict=True):
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == list(doc.checklist) == list(CHECKLIST)
        assert {c.get("classname") for c in cases} == {suite.get("name")}
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert props["score"] == str(doc.score)
        assert props["ready_to_send"] == str(doc.ready_to_send).lower()


def test_junit_counts_match_cases(root: ET.Element, report: Report) -> None:
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite, doc in zip(root.findall("testsuite"), report.documents, strict=True):
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        statuses = [r.status for r in doc.checklist.values()]
        assert counted == {
            "tests": len(statuses),
            "failures": statuses.count("fail"),
            "skipped": statuses.count("skip"),
        }
        for key, value in counted.items():
            assert suite.get(key) == str(value), (suite.get("name"), key)
            totals[key] += value
        assert suite.get("errors") == "0"
    for key, value in totals.items():
        assert root.get(key) == str(value)
    assert totals["failures"] > 0 and totals["skipped"] > 0


def test_junit_failure_lists_findings_with_positions(root: ET.Element, report: Report) -> None:
    rough = report.documents[0]
    suite = root.find("testsuite[@name='drafts/rough.txt']")
    proofread = suite.find("testcase[@name='proofread']/failure")
    assert proofread.get("type") == "error"
    assert proofread.get("message") == rough.checklist["proofread"].reason
    spelling = [f for f in rough.findings if f.checklist == "proofread"]
    body = proofread.text.splitlines()
    assert body == [line for line in body if line]
    assert [line.split(" ")[0] for line in body] == [f"{f.line}:{f.column}" for f in spelling]
    assert "3:52 error [spelling] 'cant' looks misspelled" in proofread.text
    wordy = suite.find("testcase[@name='no-extra-words']/failure")
    assert wordy.get("type") == "warning"
    verdict = suite.find("testcase[@name='ready-to-send']/failure")
    assert verdict.get("message") == rough.checklist["ready-to-send"].reason
    assert verdict.text.startswith(f"score {rough.score} (min {report.min_score})")


def test_junit_skipped_and_passing_cases(root: ET.Element, report: Report) -> None:
    good = root.find("testsuite[@name='drafts/good.txt']")
    skipped = good.find("testcase[@name='understand-request']/skipped")
    assert skipped.get("message") == report.documents[1].checklist["understand-request"].reason
    passing = good.find("testcase[@name='proofread']")
    assert list(passing) == []


def test_junit_suggestions_do_not_fail_and_are_listed() -> None:
    hint = kind_rule(
        "regex", {"pattern": r"\bfee\b"}, rule_id="fee-hint", checklist="eli5", level="suggestion"
    )
    linter = Linter([hint], Config())
    report = linter.lint([Draft(GOOD, source="good.txt")], linter.context("Sarah", "Ana"))
    root = ET.fromstring(junit.render(report))
    eli5 = root.find("testsuite/testcase[@name='eli5']")
    assert eli5.find("failure") is None
    assert eli5.find("system-out").text == "3:46 suggestion [fee-hint] flagged 'fee'"
    assert root.find("testsuite").get("failures") == "0"


def test_junit_escapes_text_and_drops_illegal_characters(root: ET.Element, report: Report) -> None:
    odd = root.findall("testsuite")[3]
    assert odd.get("name") == "drafts/odd & <strange>\ufffd.txt"  # \x01 cannot be in XML 1.0
    out = junit.render(report)
    assert "\x01" not in out and "\x0b" not in out
    assert "drafts/odd &amp; &lt;strange&gt;" in out
    assert "'cant' looks misspelled" in odd.find("testcase[@name='proofread']/failure").text


def test_junit_is_deterministic(report: Report) -> None:
    assert junit.render(report) == junit.render(report)


def _whole(report: Report) -> str:
    """The log built as one tree, the way it was before it was written a suite at a time."""
    tree = junit.tree(report)
    junit._clean(tree)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


def _streamed(report: Report) -> str:
    from replylint.formatters import stream

    parts: list[str] = []
    assert stream("junit", report, parts.append) == ()
    return "".join(parts)


def test_junit_written_a_suite_at_a_time_is_the_whole_tree(report: Report) -> None:
    from dataclasses import replace

    from replylint.spool import DocumentSpool

    for case in (report, replace(report, documents=report.documents[:1]), replace(report, documents=())):
        assert _streamed(case) == _whole(case) == junit.render(case)
        ET.fromstring(_streamed(case).encode("utf-8"))
    spool = DocumentSpool(report.documents)  # a run of more than one window
    try:
        assert _streamed(replace(report, documents=spool)) == _whole(report)
    finally:
        spool.close()


def test_junit_head_counts_what_the_suites_count(report: Report) -> None:
    for doc in report.documents:
        assert junit.counts(doc) == junit.suite(doc, report)[1]
