"""JSON output, version 2 (default) and 1: exact keys, checklist ids, positions that point
into the file, and fixes an agent can apply without reading them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.checklist import CHECKLIST
from replylint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DRAFTS = sorted((EXAMPLES / "drafts").iterdir())
TOP_KEYS = {"version", "grammar", "documents"}
DOC_KEYS = {"source", "item", "score", "ready_to_send", "checklist", "findings"}
FINDING_KEYS_V1 = {"rule", "checklist", "level", "message", "line", "column", "offset", "length", "match"}
FINDING_KEYS_V1 |= {"suggestions"}
FINDING_KEYS = FINDING_KEYS_V1 - {"suggestions"} | {"region", "end_line", "end_column", "fix", "advice"}


def _run(*extra: str) -> dict:
    args = ["check", "--format", "json", *extra, "--config", str(EXAMPLES / ".replylint.yaml")]
    result = CliRunner().invoke(main, [*args, "--customer", "Sarah", "--agent", "Ana", *map(str, DRAFTS)])
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def payload() -> dict:
    return _run()


def test_json_top_level_keys_and_version(payload: dict) -> None:
    assert set(payload) == TOP_KEYS
    assert payload["version"] == 2
    assert len(payload["documents"]) == len(DRAFTS)


def test_json_version_1_keeps_the_earlier_finding_shape() -> None:
    old = _run("--json-version", "1")
    assert old["version"] == 1
    findings = [f for doc in old["documents"] for f in doc["findings"]]
    assert findings and all(set(f) == FINDING_KEYS_V1 for f in findings)
    assert all(isinstance(f["suggestions"], list) for f in findings)


def test_json_document_keys_and_types(payload: dict) -> None:
    for doc in payload["documents"]:
        assert set(doc) == DOC_KEYS, doc["source"]
        assert isinstance(doc["score"], int) and 0 <= doc["score"] <= 100
        assert isinstance(doc["ready_to_send"], bool)
        assert doc["item"] is None
        assert isinstance(doc["findings"], list)


def test_json_checklist_has_all_nine_ids(payload: dict) -> None:
    for doc in payload["documents"]:
        assert list(doc["checklist"]) == list(CHECKLIST)
        assert len(doc["checklist"]) == 9
        assert set(doc["checklist"].values()) <= {"pass", "fail", "skip"}
        assert doc["checklist"]["ready-to-send"] == ("pass" if doc["ready_to_send"] else "fail")


def test_json_finding_keys_and_values(payload: dict) -> None:
    seen = 0
    for doc in payload["documents"]:
        for f in doc["findings"]:
            seen += 1
            assert set(f) == FINDING_KEYS
            assert f["level"] in ("error", "warning", "suggestion")
            assert f["checklist"] in CHECKLIST and f["checklist"] != "ready-to-send"
            assert isinstance(f["advice"], list) and all(isinstance(s, str) for s in f["advice"])
            assert f["fix"] is None or isinstance(f["fix"], dict)
            assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"])
            assert f["message"]
    assert seen > 50


def test_json_fix_is_an_exact_edit_or_insertion(payload: dict) -> None:
    fixes = [(doc, f["fix"]) for doc in payload["documents"] for f in doc["findings"] if f["fix"]]
    assert len(fixes) > 10
    kinds = set()
    for doc, fix in fixes:
        text = Path(doc["source"]).read_text(encoding="utf-8-sig")
        assert fix["applicability"] in ("safe", "unsafe")
        if "insert" in fix:
            assert set(fix) == {"offset", "insert", "applicability"}
            kinds.add("insert")
            new = fix["insert"]
        else:
            assert set(fix) == {"offset", "length", "replacement", "applicability"}
            assert 0 < fix["offset"] + fix["length"] <= len(text)
            kinds.add("replace")
            new = fix["replacement"]
        assert "..." not in new and "\u2026" not in new, fix
        assert 0 <= fix["offset"] <= len(text)
    assert kinds == {"insert", "replace"}


def test_json_end_position_is_just_after_the_match(payload: dict) -> None:
    for doc in payload["documents"]:
        text = Path(doc["source"]).read_text(encoding="utf-8-sig")
        for f in doc["findings"]:
            before = text[: f["offset"] + f["length"]]
            line = before.count("\n") + 1
            column = len(before) - (before.rfind("\n") + 1) + 1
            assert (f["end_line"], f["end_column"]) == (line, column), (doc["source"], f)


def test_json_match_is_the_original_text_at_offset(payload: dict) -> None:
    for doc in payload["documents"]:
        text = Path(doc["source"]).read_text(encoding="utf-8-sig")
        for f in doc["findings"]:
            assert f["match"] == text[f["offset"] : f["offset"] + f["length"]], (doc["source"], f)


def test_json_line_and_column_agree_with_offset(payload: dict) -> None:
    for doc in payload["documents"]:
        text = Path(doc["source"]).read_text(encoding="utf-8-sig")
        for f in doc["findings"]:
            before = text[: f["offset"]]
            line = before.count("\n") + 1
            column = len(before) - (before.rfind("\n") + 1) + 1
            assert (f["line"], f["column"]) == (line, column), (doc["source"], f)


def test_json_findings_are_sorted_by_offset(payload: dict) -> None:
    for doc in payload["documents"]:
        offsets = [f["offset"] for f in doc["findings"]]
        assert offsets == sorted(offsets)


@pytest.mark.parametrize("version", [1, 2])
def test_json_written_a_document_at_a_time_is_json_dumps_indented(version: int) -> None:
    """The JSON writer (head, a piece per document, tail; a direct writer for version 2)
    gives exactly the text json.dumps(indent=2) gives for the payload: fixes, insertions,
    advice, control characters, quotes, non-ASCII text, an internal error, no documents."""
    from dataclasses import replace

    import replylint
    from replylint.document import Draft
    from replylint.formatters import json_format, stream
    from replylint.scoring import failed

    drafts = [p.read_text(encoding="utf-8") for p in DRAFTS if p.suffix in (".txt", ".md")]
    drafts.append('hey\tyou\x01 "quoted" \\ back ☺ über dont recieve')
    report = replylint.lint(drafts[0])
    documents = [d for text in drafts for d in replylint.lint(text, customer="Sarah").documents]
    documents.append(failed(Draft("x", source="broken.txt"), ValueError("boom")))
    assert any(f.fix is not None and f.fix.is_insertion for d in documents for f in d.findings)
    assert any(f.fix is not None and not f.fix.is_insertion for d in documents for f in d.findings)
    for docs in (tuple(documents), ()):
        full = replace(report, documents=docs)
        expected = json.dumps(json_format.payload(full, version), indent=2, ensure_ascii=False) + "\n"
        assert json_format.render(full, version=version) == expected
        pieces: list[str] = []
        assert stream("json", full, pieces.append, json_version=version) == ()
        assert "".join(pieces) == expected
