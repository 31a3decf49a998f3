"""JSON output, the documented shapes (see README): version 2 (default) and version 1.

Version 2 is for programs that act on the result, AI agents among them: each finding
says where it ends (`end_line`/`end_column`), and keeps apart an exact `fix` (a
replacement `{offset, length, replacement}` or an insertion `{offset, insert}`, each
with `applicability` safe or unsafe, in ruff's terms) from `advice`, rewrite ideas
for a person that are never applied. Version 1 (`--json-version 1`) is the earlier
shape, with one `suggestions` list that mixed the two, kept for existing scripts.
In both, a document replylint failed on (an internal error) has an `error` string.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding, Fix
from ..report import DocumentReport, Report
from .jsontext import INDENTS as _INDENTS
from .jsontext import dump as _dump
from .jsontext import string as _string

VERSION = 2
VERSIONS = (1, 2)


def fix_object(fix: Fix | None) -> dict[str, Any] | None:
    """A fix as JSON: a replacement or an insertion, with its applicability."""
    if fix is None:
        return None
    if fix.is_insertion:
        return {"offset": fix.offset, "insert": fix.replacement, "applicability": fix.applicability.value}
    return {
        "offset": fix.offset,
        "length": fix.length,
        "replacement": fix.replacement,
        "applicability": fix.applicability.value,
    }


def _finding_v1(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "checklist": f.checklist,
        "level": f.level.value,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "offset": f.offset,
        "length": f.length,
        "match": f.match,
        "suggestions": list(f.suggestions),
    }


def _finding_v2(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "checklist": f.checklist,
        "level": f.level.value,
        "message": f.message,
        "region": f.region,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.offset,
        "length": f.length,
        "match": f.match,
        "fix": fix_object(f.fix),
        "advice": list(f.advice),
    }


def document(doc: DocumentReport, version: int = VERSION) -> dict[str, Any]:
    """One document in the given version's shape."""
    finding = _finding_v2 if version == 2 else _finding_v1
    out = {
        "source": doc.source,
        "item": doc.item,
        "score": doc.score,
        "ready_to_send": doc.ready_to_send,
        "checklist": {item: result.status for item, result in doc.checklist.items()},
        "findings": [finding(f) for f in doc.findings],
    }
    if doc.error is not None:
        out["error"] = doc.error  # replylint failed on this document (its one finding says so too)
    return out


def payload(report: Report, version: int = VERSION) -> dict[str, Any]:
    """The whole report as a JSON-ready object."""
    return {
        "version": version,
        "grammar": {"status": report.grammar.status, "reason": report.grammar.reason},
        "documents": [document(d, version) for d in report.documents],
    }


# -- the text, written a document at a time ------------------------------------------------
#
# The output is exactly `json.dumps(payload(report), indent=2, ensure_ascii=False)`, but
# it is made a document at a time (head, one piece per document, tail), so a run over a
# large library never holds the whole payload or the whole text, and `_dump` writes the
# indented form directly: json's own indenting encoder is pure Python, generator upon
# generator, and was 40% of a warm library run. Strings go through json's C escaper.


def head(report: Report, *, version: int = VERSION, **_: Any) -> str:
    grammar = {"status": report.grammar.status, "reason": report.grammar.reason}
    return f'{{\n  "version": {version},\n  "grammar": {_dump(grammar, 1)},\n  "documents": ['


def piece(doc: DocumentReport, report: Report, first: bool, *, version: int = VERSION, **_: Any) -> str:
    text = _document_v2(doc) if version == 2 else _dump(document(doc, version), 2)
    return ("\n    " if first else ",\n    ") + text


def _document_v2(doc: DocumentReport) -> str:
    """`_dump(document(doc, 2), 2)`, written straight from the report: the same text
    (tests/test_json_output.py compares them), without a dict per finding on the way."""
    at = _INDENTS[3]
    if doc.findings:
        inner = _INDENTS[4]
        findings = "[" + inner + ("," + inner).join([_finding_v2_text(f) for f in doc.findings]) + at + "]"
    else:
        findings = "[]"
    if doc.checklist:  # item: status, both strings
        inner = _INDENTS[4]
        checklist = (
            "{"
            + inner
            + ("," + inner).join([f"{_string(k)}: {_string(r.status)}" for k, r in doc.checklist.items()])
            + at
            + "}"
        )
    else:
        checklist = "{}"
    out = (
        f'{{{at}"source": {_string(doc.source)},{at}"item": {_dump(doc.item, 3)},'
        f'{at}"score": {_dump(doc.score, 3)},{at}"ready_to_send": {_dump(doc.ready_to_send, 3)},'
        f'{at}"checklist": {checklist},{at}"findings": {findings}'
    )
    if doc.error is not None:
        out += f',{at}"error": {_string(doc.error)}'
    return out + _INDENTS[2] + "}"


def _finding_v2_text(f: Finding) -> str:
    """`_dump(_finding_v2(f), 4)`, the same text, without the dict (positions are ints,
    the texts strings: the Finding's types, written directly)."""
    at = _INDENTS[5]
    s = _string
    fix = "null" if f.fix is None else _fix_text(f.fix)
    if f.advice:  # a list of strings
        inner = _INDENTS[6]
        advice = "[" + inner + ("," + inner).join(map(s, f.advice)) + at + "]"
    else:
        advice = "[]"
    return (
        f'{{{at}"rule": {s(f.rule)},{at}"checklist": {s(f.checklist)},{at}"level": {s(f.level.value)},'
        f'{at}"message": {s(f.message)},{at}"region": {s(f.region)},'
        f'{at}"line": {f.line:d},{at}"column": {f.column:d},'
        f'{at}"end_line": {f.end_line:d},{at}"end_column": {f.end_column:d},'
        f'{at}"offset": {f.offset:d},{at}"length": {f.length:d},'
        f'{at}"match": {s(f.match)},{at}"fix": {fix},'
        f'{at}"advice": {advice}{_INDENTS[4]}}}'
    )


def _fix_text(fix: Fix) -> str:
    """`_dump(fix_object(fix), 5)`, the same text, without the dict."""
    at, inner = _INDENTS[5], _INDENTS[6]
    if fix.is_insertion:
        body = f'"offset": {fix.offset:d},{inner}"insert": {_string(fix.replacement)}'
    else:
        body = (
            f'"offset": {fix.offset:d},{inner}"length": {fix.length:d},'
            f'{inner}"replacement": {_string(fix.replacement)}'
        )
    return f'{{{inner}{body},{inner}"applicability": {_string(fix.applicability.value)}{at}}}'


def tail(report: Report, **_: Any) -> str:
    return "\n  ]\n}\n" if report.documents else "]\n}\n"


def render(report: Report, *, color: bool = False, quiet: bool = False, version: int = VERSION) -> str:
    """The whole report as JSON text."""
    parts = [head(report, version=version)]
    parts.extend(piece(d, report, i == 0, version=version) for i, d in enumerate(report.documents))
    parts.append(tail(report))
    return "".join(parts)
