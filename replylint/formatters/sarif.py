"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub, Azure DevOps, IDE viewers).

One run, one tool (`replylint`), one reporting descriptor per enabled rule, one
result per finding. Columns are counted in Unicode code points (`columnKind`), the
way Python counts them, so a region never splits a character the way UTF-16 counting
would for emoji.

Positions: `Finding.line`/`column` are where the match starts in the file the user
opened (a library reader may map them into a bigger file); the end is derived from
the document text, offset and length, so a library item's end stays in the same
coordinate system as its start. Library items are a slice of their file, so their
offsets are not file offsets: `charOffset`/`charLength` are given only for whole-file
documents.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Level
from ..report import DocumentReport, Report
from ..rules import Rule
from .jsontext import INDENTS, dump

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/replylint/"
FINGERPRINT_KEY = "replylint/v1"
STDIN_URI = "stdin"

LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}


def artifact_uri(source: str) -> str:
    """A URI reference for a document source: relative POSIX path, `stdin` for '-'."""
    if source == "-":
        return STDIN_URI
    path = PurePath(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def end_position(doc: DocumentReport, f: Finding) -> tuple[int, int]:
    """1-based (line, column) just after the match, in the finding's coordinates.

    A single-line match ends `length` columns after its start. A multi-line match
    ends on the line `n` newlines later, at its column within the document text
    (library items are assumed to start their lines at column 1 in the file).
    """
    if f.end_line:
        return f.end_line, f.end_column
    end = f.offset + f.length
    newlines = doc.text.count("\n", f.offset, end)
    if newlines == 0:
        return f.line, f.column + f.length
    line_start = doc.text.rfind("\n", f.offset, end) + 1
    return f.line + newlines, end - line_start + 1


def region(doc: DocumentReport, f: Finding) -> dict[str, Any]:
    """The SARIF region of a finding (an empty region for a zero-length finding)."""
    end_line, end_column = end_position(doc, f)
    out: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if doc.item is None:
        out["charOffset"] = f.offset
        out["charLength"] = f.length
    if f.match:
        out["snippet"] = {"text": f.match}
    return out


def _pascal(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("_", "-").split("-") if part)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor for one rule."""
    help_text = rule.description + (f"\n\n{rule.why}" if rule.why else "")
    if rule.sources:
        help_text += "\n\nSources:\n" + "\n".join(f"- {s}" for s in rule.sources)
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": rule.why or rule.description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.level]},
        "properties": {
            "checklist": rule.checklist,
            "kind": rule.kind,
            "weight": rule.weight,
            "tags": ["replylint", rule.checklist, rule.kind],
        },
    }


def _placeholder_rule(f: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule the report does not describe."""
    return {
        "id": f.rule,
        "name": _pascal(f.rule),
        "shortDescription": {"text": f.rule},
        "defaultConfiguration": {"level": LEVELS[f.level]},
        "properties": {"checklist": f.checklist, "tags": ["replylint", f.checklist]},
    }


def _fingerprint(doc: DocumentReport, f: Finding, seen: dict[str, int]) -> str:
    """Stable across edits elsewhere: rule, match and the content of the match's line.

    Repeats of the same key in one document get an occurrence number so each result
    keeps its own fingerprint.
    """
    line_start = doc.text.rfind("\n", 0, f.offset) + 1
    line_end = doc.text.find("\n", f.offset)
    line_text = doc.text[line_start : len(doc.text) if line_end < 0 else line_end]
    key = "\0".join((doc.item or "", f.rule, f.match.strip(), " ".join(line_text.split())))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _fix(uri: str, doc: DocumentReport, f: Finding) -> dict[str, Any] | None:
    """A SARIF fix from the finding's exact edit (None when it cannot be placed in the file)."""
    fix = f.fix
    if fix is None:
        return None
    if (fix.offset, fix.length) == (f.offset, f.length):
        deleted = region(doc, f)
        deleted.pop("snippet", None)
    elif doc.item is None:  # an insertion elsewhere in a reply file: place it by its offset
        before = doc.text[: fix.offset]
        line = before.count("\n") + 1
        column = fix.offset - (before.rfind("\n") + 1) + 1
        deleted = {"startLine": line, "startColumn": column, "endLine": line, "endColumn": column}
        deleted |= {"charOffset": fix.offset, "charLength": 0}
    else:
        return None
    what = (
        f"Insert '{fix.replacement}'."
        if fix.is_insertion
        else f"Replace '{f.match}' with '{fix.replacement}'."
    )
    return {
        "description": {"text": f"{what} ({fix.applicability.value} fix)"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}],
            }
        ],
    }


def result(doc: DocumentReport, f: Finding, rule_index: int, seen: dict[str, int]) -> dict[str, Any]:
    """A SARIF result for one finding."""
    uri = artifact_uri(doc.source)
    properties: dict[str, Any] = {"checklist": f.checklist, "region": f.region}
    if doc.item is not None:
        properties["item"] = doc.item
        if doc.title is not None:
            properties["title"] = doc.title
    if f.suggestions:
        properties["suggestions"] = list(f.suggestions)
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(doc, f)}
    }
    if doc.item is not None:
        location["logicalLocations"] = [
            {"name": doc.item, "fullyQualifiedName": f"{doc.source}[{doc.item}]", "kind": "object"}
        ]
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.level],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(doc, f, seen)},
        "properties": properties,
    }
    if (fix := _fix(uri, doc, f)) is not None:
        out["fixes"] = [fix]
    return out


def invocation(report: Report) -> dict[str, Any]:
    """The run's invocation: unsuccessful, with one error notification per document
    replylint failed on (an internal error; its `internal-error` result says so too)."""
    notes = [
        {
            "level": "error",
            "message": {"text": f"replylint failed on this document, which was not checked: {d.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.source)}}}],
            **({"properties": {"item": d.item}} if d.item is not None else {}),
        }
        for d in report.failed
    ]
    out: dict[str, Any] = {"executionSuccessful": not notes}
    if notes:
        out["toolExecutionNotifications"] = notes
    return out


def document_results(doc: DocumentReport, report: Report) -> list[dict[str, Any]]:
    """The SARIF results of one document's findings.

    A finding of a rule the report does not describe (a failed document's
    `internal-error`) has no `ruleIndex` (it is optional in SARIF); its descriptor is
    added to the driver's rules at the end of the log (`tail`).
    """
    index = {r.id: i for i, r in enumerate(report.rules)}  # a few dozen rules: cheaper than keeping it
    seen: dict[str, int] = {}
    out = []
    for f in doc.findings:
        item = result(doc, f, index.get(f.rule, -1), seen)
        if f.rule not in index:
            del item["ruleIndex"]
        out.append(item)
    return out


def _closing(report: Report) -> tuple[dict[str, Any], bool]:
    """What follows the results in the run (the tool and its rules, the artifacts, the
    invocation and the run's properties), and whether there were results, from one more
    pass over the documents (a spooled report is read again, a document at a time,
    rather than kept)."""
    descriptors = [rule_descriptor(r) for r in report.rules]
    known = {r.id for r in report.rules}
    artifacts: dict[str, None] = {}
    documents = []
    any_results = False
    for d in report.documents:
        uri = artifact_uri(d.source)
        artifacts[uri] = None
        documents.append({"uri": uri, "item": d.item, "score": d.score, "readyToSend": d.ready_to_send})
        any_results = any_results or bool(d.findings)
        for f in d.findings:
            if f.rule not in known:
                known.add(f.rule)
                descriptors.append(_placeholder_rule(f))
    closing = {
        "tool": {
            "driver": {
                "name": "replylint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
        "invocations": [invocation(report)],
        "properties": {
            "pipeline": report.pipeline,
            "minScore": report.min_score,
            "failOn": report.fail_on.value,
            "readyToSend": report.ready_to_send,
            # getattr: older Reports (and hand-built ones) have no grammar status
            "grammar": str(getattr(report, "grammar", "") or "") or None,
            "documents": documents,
        },
    }
    return closing, any_results


def sarif(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (what `render` writes, built whole)."""
    results = [r for doc in report.documents for r in document_results(doc, report)]
    run: dict[str, Any] = {"columnKind": "unicodeCodePoints", "results": results, **_closing(report)[0]}
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


# Written a document at a time (`formatters.stream`): the log is the text
# `json.dumps(sarif(report), indent=2)` gives, results first in the run so each
# document's results can be written as it comes; the run's other members, which need
# every document (artifacts, per-document scores, rules of failed documents), follow.
_RESULT_LEVEL = 4  # runs[0].results[i] in a two-space indented log
_RUN_LEVEL = 3  # runs[0]'s members


def head(report: Report, **_: object) -> str:
    return (
        "{\n"
        f'  "$schema": {json.dumps(SCHEMA_URI)},\n'
        f'  "version": {json.dumps(SARIF_VERSION)},\n'
        '  "runs": [\n'
        "    {\n"
        '      "columnKind": "unicodeCodePoints",\n'
        '      "results": ['
    )


def piece(doc: DocumentReport, report: Report, first: bool, **_: object) -> str:
    """One document's results ("" when it has none); `first`: nothing written before it."""
    results = document_results(doc, report)
    if not results:
        return ""
    at = INDENTS[_RESULT_LEVEL]
    return ("" if first else ",") + at + ("," + at).join(dump(r, _RESULT_LEVEL) for r in results)


def tail(report: Report, **_: object) -> str:
    """The end of the results list and the rest of the run. (A document the formatter
    failed on was written as a failed copy, which the documents here do not show: the
    log is then still valid JSON, only its line breaks may differ from json.dumps'.)"""
    closing, any_results = _closing(report)
    at = INDENTS[_RUN_LEVEL]
    members = "".join(f',{at}"{key}": {dump(value, _RUN_LEVEL)}' for key, value in closing.items())
    return ("\n      ]" if any_results else "]") + members + "\n    }\n  ]\n}\n"


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as a SARIF 2.1.0 log (every finding; `quiet` does not filter)."""
    parts = [head(report)]
    for doc in report.documents:
        text = piece(doc, report, len(parts) == 1)
        if text:
            parts.append(text)
    parts.append(tail(report))
    return "".join(parts)
