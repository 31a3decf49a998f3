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


def tree(report: Report) -> ET.Element:
    """The `<testsuites>` element for the whole report."""
    root = ET.Element("testsuites", name="replylint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for doc in report.documents:
        suite = ET.SubElement(root, "testsuite", name=suite_name(doc))
        props = ET.SubElement(suite, "properties")
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
            failed, was_skipped = _case(suite, doc, item, report)
            failures += failed
            skipped += was_skipped
        counts = {"tests": len(doc.checklist), "failures": failures, "skipped": skipped}
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
        suite.set("time", "0")
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
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
