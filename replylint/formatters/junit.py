"""JUnit XML output, for CI test-report views (GitLab, Jenkins, Azure, test reporters).

One `<testsuite>` per document (named by its source, `source[item]` for a library
item) and one `<testcase>` per checklist item, the verdict `ready-to-send` last. A
failing item gets a `<failure>` whose `type` is the highest level among its findings
and whose body lists them as `line:col level [rule] message`; a skipped item gets
`<skipped message=reason/>`. Suggestions never fail an item; a passing item that has
some lists them in `<system-out>`. Times are 0: the output is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..checklist import CHECKLIST, VERDICT
from ..findings import Finding, Level
from ..report import DocumentReport, Report

# Characters XML 1.0 cannot carry even escaped (a draft may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in element.attrib.items():
            element.set(key, _NOT_XML.sub("\ufffd", value))


def suite_name(doc: DocumentReport) -> str:
    """`source`, or `source[item]` for a library item."""
    return f"{doc.source}[{doc.item}]" if doc.item else doc.source


def _line(f: Finding) -> str:
    text = f"{f.line}:{f.column} {f.level.value} [{f.rule}] {f.message}"
    if f.suggestions:
        text += f" ({'fix' if f.fixable else 'try'}: {' | '.join(f.suggestions)})"
    return text


def _highest(findings: list[Finding]) -> Level | None:
    return max((f.level for f in findings), key=lambda level: level.rank, default=None)


def _case(suite: ET.Element, doc: DocumentReport, item: str, report: Report) -> tuple[bool, bool]:
    """Add one testcase; returns (failed, skipped)."""
    result = doc.checklist[item]
    case = ET.SubElement(suite, "testcase", classname=suite_name(doc), name=item, time="0")
    if item == VERDICT:
        findings = [f for f in doc.findings if f.level.rank >= report.fail_on.rank]
    else:
        findings = [f for f in doc.findings if f.checklist == item]
    if result.status == "skip":
        ET.SubElement(case, "skipped", message=result.reason)
        return False, True
    if result.status == "fail":
        blocking = [f for f in findings if f.level is not Level.SUGGESTION] or findings
        level = _highest(blocking)
        failure = ET.SubElement(
            case,
            "failure",
            message=result.reason or f"{CHECKLIST.get(item, item)}: failed",
            type=level.value if level else "score",
        )
        body = [_line(f) for f in findings]
        if item == VERDICT:
            body.insert(0, f"score {doc.score} (min {report.min_score})")
        failure.text = "\n".join(body)
        return True, False
    if findings:
        ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in findings)
    return False, False


def suite(doc: DocumentReport, report: Report) -> tuple[ET.Element, dict[str, int]]:
    """One document's `<testsuite>` and its counts (tests, failures, skipped)."""
    element = ET.Element("testsuite", name=suite_name(doc))
    props = ET.SubElement(element, "properties")
    for name, value in (
        ("source", doc.source),
        ("item", doc.item or ""),
        ("title", doc.title or ""),
        ("score", str(doc.score)),
        ("ready_to_send", "true" if doc.ready_to_send else "false"),
    ):
        if value:
            ET.SubElement(props, "property", name=name, value=value)
    failures = skipped = 0
    for item in doc.checklist:
        failed, was_skipped = _case(element, doc, item, report)
        failures += failed
        skipped += was_skipped
    counts = {"tests": len(doc.checklist), "failures": failures, "skipped": skipped}
    for key, value in counts.items():
        element.set(key, str(value))
    element.set("errors", "0")
    element.set("time", "0")
    return element, counts


def counts(doc: DocumentReport) -> dict[str, int]:
    """A document's suite counts, from its checklist alone (what `suite` counts)."""
    statuses = [r.status for r in doc.checklist.values()]
    return {"tests": len(statuses), "failures": statuses.count("fail"), "skipped": statuses.count("skip")}


def tree(report: Report) -> ET.Element:
    """The `<testsuites>` element for the whole report."""
    root = ET.Element("testsuites", name="replylint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for doc in report.documents:
        element, found = suite(doc, report)
        root.append(element)
        for key, value in found.items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as JUnit XML (every item; `quiet` does not filter)."""
    root = tree(report)
    _clean(root)
    ET.indent(root)
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


# Written a document at a time (`formatters.stream`): the same text as `render`. The
# root's totals come first in the file, so `head` counts every document's checklist
# first (a spooled report is read twice, a document at a time, rather than kept).
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _root_tag(report: Report) -> tuple[str, int]:
    root = ET.Element("testsuites", name="replylint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    documents = 0
    for doc in report.documents:
        documents += 1
        for key, value in counts(doc).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    root.set("time", "0")
    _clean(root)
    return ET.tostring(root, encoding="unicode"), documents


def head(report: Report, **_: object) -> str:
    empty, documents = _root_tag(report)  # '<testsuites ... />'
    return _DECLARATION + (empty if not documents else empty[: -len(" />")] + ">")


def piece(doc: DocumentReport, report: Report, first: bool, **_: object) -> str:
    element, _ = suite(doc, report)
    _clean(element)
    ET.indent(element, level=1)
    element.tail = None
    return "\n  " + ET.tostring(element, encoding="unicode")


def tail(report: Report, **_: object) -> str:
    return "\n</testsuites>\n" if len(report.documents) else "\n"
