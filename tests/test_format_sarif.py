"""SARIF output: validates against the official OASIS 2.1.0 schema, and says the right things.

The reports are real runs of the built-in rules on realistic drafts: several files,
stdin, an HTML draft, a library item and a rule whose match spans lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import kind_rule
from format_samples import GOOD, MACRO, ROUGH, lint_drafts

import replylint
from replylint import run
from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules, linter_for
from replylint.findings import Level
from replylint.formatters import FORMATTERS, sarif
from replylint.report import Report

SCHEMA_PATH = Path(__file__).parent / "data" / "schemas" / "sarif-schema-2.1.0.json"

HTML_DRAFT = (
    "<p>Hi Sarah,</p><p>Thanks for writing in. We cant refund &amp; that's final.</p><p>Best,<br>Ana</p>"
)

# RFC 3986 characters; jsonschema checks "uri" formats only with optional extras installed.
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("uri-reference")
    def _uri_reference(value: object) -> bool:
        return not isinstance(value, str) or bool(_URI_CHARS.match(value))

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        return not isinstance(value, str) or bool(
            _URI_CHARS.match(value) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value)
        )

    return checker


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=_format_checker())


def _errors(validator: Any, log: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


@pytest.fixture(scope="module")
def report() -> Report:
    return lint_drafts(
        [
            Draft(ROUGH, source="drafts/rough reply.txt"),
            Draft(GOOD, source="drafts/good.txt"),
            Draft(MACRO, source="library/macros.json", item="macro-7", title="Refund: card fee"),
            Draft(HTML_DRAFT, source="drafts/reply.html", is_html=True),
            Draft(ROUGH, source="-"),
        ]
    )


@pytest.fixture(scope="module")
def log(report: Report) -> dict:
    return json.loads(FORMATTERS["sarif"](report))


def _results_for(log: dict, uri: str) -> list[dict]:
    return [
        r
        for r in log["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    ]


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column computed independently of the formatter."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_sarif_validates_against_official_schema(validator: Any, log: dict, report: Report) -> None:
    assert validator.__class__.__name__ == "Draft4Validator"  # what the schema file declares
    assert _errors(validator, log) == []
    assert len(log["runs"][0]["results"]) == sum(len(d.findings) for d in report.documents) > 10


def test_sarif_schema_check_catches_a_broken_log(validator: Any, log: dict) -> None:
    broken = json.loads(json.dumps(log))
    result = broken["runs"][0]["results"][0]
    del result["message"]
    result["level"] = "fatal"
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    broken["runs"][0]["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b"
    errors = _errors(validator, broken)
    assert any("'message' is a required property" in e for e in errors), errors
    assert any("'fatal' is not one of" in e for e in errors), errors
    assert any("startColumn" in e for e in errors), errors
    assert any("'a b' is not a 'uri-reference'" in e for e in errors), errors


def test_sarif_zero_length_finding_is_an_empty_region(validator: Any, log: dict) -> None:
    empty = [
        r
        for r in _results_for(log, "drafts/rough%20reply.txt")
        if r["locations"][0]["physicalLocation"]["region"]["charLength"] == 0
    ]
    assert "thank-them" in [r["ruleId"] for r in empty]  # nothing thanks the customer: a missing part
    thank = next(r for r in empty if r["ruleId"] == "thank-them")
    region = thank["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 1,
        "charOffset": 0,
        "charLength": 0,
    }
    only = {"version": log["version"], "runs": [{**log["runs"][0], "results": empty}]}
    assert _errors(validator, only) == []


def test_sarif_driver_describes_replylint_and_its_rules(log: dict, report: Report) -> None:
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "replylint"
    assert driver["version"] == replylint.__version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.id for r in report.rules]
    expected = {"error": "error", "warning": "warning", "suggestion": "note"}
    for descriptor, rule in zip(driver["rules"], report.rules, strict=True):
        assert descriptor["shortDescription"]["text"] == rule.description
        assert descriptor["fullDescription"]["text"] == (rule.why or rule.description)
        assert rule.description in descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == expected[rule.level.value]
        assert descriptor["properties"]["checklist"] == rule.checklist
        assert rule.checklist in descriptor["properties"]["tags"]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9.]*", descriptor["name"]), descriptor["name"]
    assert {r["defaultConfiguration"]["level"] for r in driver["rules"]} >= {"error", "warning", "note"}


def test_sarif_results_point_at_their_rule_and_level(log: dict) -> None:
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    levels = {"error": "error", "warning": "warning", "suggestion": "note"}
    for r in log["runs"][0]["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == rules[r["ruleIndex"]]["defaultConfiguration"]["level"]
        assert r["level"] in levels.values()
        assert r["message"]["text"]


def test_sarif_regions_match_the_text(log: dict, report: Report) -> None:
    checked = 0
    for doc in report.documents:
        if doc.item is not None:
            continue
        uri = sarif.artifact_uri(doc.source)
        for r in _results_for(log, uri):
            region = r["locations"][0]["physicalLocation"]["region"]
            start, length = region["charOffset"], region["charLength"]
            assert (region["startLine"], region["startColumn"]) == _position(doc.text, start)
            assert (region["endLine"], region["endColumn"]) == _position(doc.text, start + length)
            if length:
                assert region["snippet"]["text"] == doc.text[start : start + length]
            checked += 1
    assert checked > 10


def test_sarif_html_draft_regions_are_in_the_html_source(log: dict) -> None:
    results = _results_for(log, "drafts/reply.html")
    spelling = [r for r in results if r["ruleId"] == "spelling"]
    assert spelling, [r["ruleId"] for r in results]
    region = spelling[0]["locations"][0]["physicalLocation"]["region"]
    assert HTML_DRAFT[region["charOffset"] : region["charOffset"] + region["charLength"]] == "cant"
    assert region["startColumn"] == HTML_DRAFT.index("cant") + 1


def test_sarif_multiline_match_ends_on_a_later_line(validator: Any) -> None:
    rule = kind_rule("regex", {"pattern": r"invoice\.\s+Unfortunately"}, rule_id="across-lines")
    linter = Linter([*configured_rules(Config()), rule], Config())
    text = "Hi Sarah,\n\nThanks for writing in. You sent the invoice.\n  Unfortunately it was late.\n\nBest,\nAna"
    log = json.loads(sarif.render(linter.lint([Draft(text, source="a.txt")], linter.context("Sarah", "Ana"))))
    assert _errors(validator, log) == []
    [hit] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "across-lines"]
    region = hit["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, text.split("\n")[2].index("invoice") + 1)
    assert (region["endLine"], region["endColumn"]) == (4, len("  Unfortunately") + 1)
    assert region["snippet"]["text"] == "invoice.\n  Unfortunately"


def test_sarif_fixes_only_for_fixable_findings(log: dict, report: Report) -> None:
    rough = report.documents[0]
    results = _results_for(log, "drafts/rough%20reply.txt")
    assert len(results) == len(rough.findings)
    with_fix = 0
    for finding, r in zip(rough.findings, results, strict=True):
        if not finding.fixable:
            assert "fixes" not in r, finding.rule
            continue
        with_fix += 1
        [fix] = r["fixes"]
        [change] = fix["artifactChanges"]
        assert change["artifactLocation"]["uri"] == "drafts/rough%20reply.txt"
        [replacement] = change["replacements"]
        assert replacement["insertedContent"]["text"] == finding.fix.replacement
        if (finding.fix.offset, finding.fix.length) == (finding.offset, finding.length):
            region = dict(r["locations"][0]["physicalLocation"]["region"])
            region.pop("snippet", None)
            assert replacement["deletedRegion"] == region
        else:  # an insertion placed elsewhere (thanks after the greeting line)
            assert replacement["deletedRegion"]["charOffset"] == finding.fix.offset
    assert with_fix >= 2
    cant = next(
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text") == "cant"
    )
    assert cant["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "can't"


def test_sarif_stdin_and_paths_are_uri_references(log: dict) -> None:
    uris = {a["location"]["uri"] for a in log["runs"][0]["artifacts"]}
    assert uris == {
        "drafts/rough%20reply.txt",
        "drafts/good.txt",
        "library/macros.json",
        "drafts/reply.html",
        "stdin",
    }
    assert _results_for(log, "stdin")
    assert sarif.artifact_uri("/abs/dir/a b.txt") == "file:///abs/dir/a%20b.txt"


def test_sarif_library_item_in_result_properties(log: dict) -> None:
    results = _results_for(log, "library/macros.json")
    assert results
    for r in results:
        assert r["properties"]["item"] == "macro-7"
        assert r["properties"]["title"] == "Refund: card fee"
        region = r["locations"][0]["physicalLocation"]["region"]
        assert "charOffset" not in region  # the item is a slice of the file, not the file
    assert all(
        "item" not in r["properties"]
        for r in _results_for(log, "drafts/good.txt") + _results_for(log, "stdin")
    )


def test_sarif_fingerprints_survive_edits_elsewhere() -> None:
    before = json.loads(sarif.render(replylint.lint(ROUGH, customer="Sarah", agent="Ana")))
    edited = ROUGH.replace("\n\nYou failed", "\n\nI looked into this today.\n\nYou failed")
    after = json.loads(sarif.render(replylint.lint(edited, customer="Sarah", agent="Ana")))

    def prints(log: dict) -> dict[tuple[str, str], str]:
        out = {}
        for r in log["runs"][0]["results"]:
            snippet = r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text", "")
            out[(r["ruleId"], snippet)] = r["partialFingerprints"][sarif.FINGERPRINT_KEY]
        return out

    old, new = prints(before), prints(after)
    assert old[("spelling", "abuot")] == new[("spelling", "abuot")]
    assert old[("wordy-phrases", "at this point in time")] == new[("wordy-phrases", "at this point in time")]
    assert len(set(old.values())) == len(before["runs"][0]["results"])  # distinct per result


def test_sarif_repeated_match_on_one_line_keeps_distinct_fingerprints() -> None:
    text = "Hi Sarah,\n\nThanks for writing in. We cant and cant do it.\n\nBest,\nAna"
    log = json.loads(sarif.render(replylint.lint(text, customer="Sarah", agent="Ana")))
    fps = [
        r["partialFingerprints"][sarif.FINGERPRINT_KEY]
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "spelling"
    ]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_sarif_level_mapping_is_complete() -> None:
    assert {level: sarif.LEVELS[level] for level in Level} == {
        Level.ERROR: "error",
        Level.WARNING: "warning",
        Level.SUGGESTION: "note",
    }


def test_sarif_library_file_regions_point_into_the_file(validator: Any) -> None:
    library = pytest.importorskip("replylint.readers.library")
    path = Path(__file__).resolve().parent.parent / "examples" / "library" / "zendesk-macros.json"
    drafts, _ = library.split_entries(library.read_path(path))
    linter = linter_for(Config())
    report = run.lint(linter, drafts, run.RunValues(agent="Ana"))
    log = json.loads(sarif.render(report))
    assert _errors(validator, log) == []
    lines = path.read_text(encoding="utf-8").split("\n")
    checked = 0
    for r in log["runs"][0]["results"]:
        location = r["locations"][0]
        region = location["physicalLocation"]["region"]
        [logical] = location["logicalLocations"]
        assert logical["name"] == r["properties"]["item"]
        if region["startLine"] == region["endLine"] and "snippet" in region:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]
            checked += 1
    assert checked >= 3


def _streamed(report: Report) -> str:
    from replylint.formatters import stream

    parts: list[str] = []
    assert stream("sarif", report, parts.append) == ()
    return "".join(parts)


def test_sarif_written_a_document_at_a_time_is_the_whole_log(validator: Any, report: Report) -> None:
    # The streamed log is the text json.dumps gives for the whole log, whichever
    # documents have results: none first, none at all, a failed one among them.
    from dataclasses import replace

    from replylint.scoring import failed

    crashed = failed(Draft(GOOD, source="drafts/crashed.txt"), RuntimeError("boom"))
    clean = [d for d in report.documents if not d.findings]
    assert clean, "the sample needs a document without findings"
    cases = [
        report,
        replace(report, documents=(*clean, *report.documents)),  # first documents write nothing
        replace(report, documents=tuple(clean)),  # no results at all: "results": []
        replace(report, documents=(report.documents[0], crashed)),
        replace(report, documents=()),
    ]
    for case in cases:
        whole = json.dumps(sarif.sarif(case), indent=2, ensure_ascii=False) + "\n"
        assert _streamed(case) == whole == FORMATTERS["sarif"](case)
        assert _errors(validator, json.loads(whole)) == []


def test_sarif_failed_document_has_a_descriptor_and_no_rule_index(report: Report) -> None:
    from dataclasses import replace

    from replylint.scoring import INTERNAL_ERROR, failed

    crashed = failed(Draft(GOOD, source="drafts/crashed.txt"), RuntimeError("boom"))
    log = json.loads(_streamed(replace(report, documents=(crashed, *report.documents))))
    run_ = log["runs"][0]
    [error] = [r for r in run_["results"] if r["ruleId"] == INTERNAL_ERROR]
    assert "ruleIndex" not in error
    assert [d["id"] for d in run_["tool"]["driver"]["rules"]].count(INTERNAL_ERROR) == 1
    assert run_["invocations"][0]["executionSuccessful"] is False
    for r in run_["results"]:
        if "ruleIndex" in r:
            assert run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_sarif_over_a_spooled_run_is_the_same_log(report: Report) -> None:
    # A run of more than one window keeps its reports on disk; the log written from
    # the spool, a document at a time, is the one written from the same reports in memory.
    from dataclasses import replace

    from replylint.spool import DocumentSpool

    spool = DocumentSpool(report.documents)
    try:
        assert _streamed(replace(report, documents=spool)) == _streamed(report)
    finally:
        spool.close()
