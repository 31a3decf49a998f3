"""CLI wiring of the inputs added by later issues: libraries, jobs, modes, tickets,
conversations and JSON lines, LanguageTool settings from the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_languagetool import FakeLanguageTool, load_recordings

from replylint.cli import main

REPO = Path(__file__).resolve().parent.parent
LIBRARY = REPO / "examples" / "library"
DATA = REPO / "tests" / "data"


def _json(result) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)


def test_cli_library_items_are_documents_with_ids_and_errors_per_item() -> None:
    args = ["check", str(LIBRARY / "zendesk-macros.json"), "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--include-inactive"])
    docs = _json(result)["documents"]
    assert len(docs) >= 5 and all(d["item"] for d in docs)
    assert "item 360011204688" in result.stderr  # the macro without text, named, others still checked
    assert result.exit_code == 2
    # inactive by default: left out, and said so
    active = CliRunner().invoke(main, args)
    assert "item 360011204688" not in active.stderr
    assert "1 inactive macro(s) not checked (--include-inactive checks them)" in active.stderr
    assert [d["item"] for d in _json(active)["documents"]] == [d["item"] for d in docs]


def test_cli_jobs_gives_the_same_report_in_the_same_order() -> None:
    args = [
        "check",
        str(REPO / "examples" / "drafts"),
        "--format",
        "json",
        "--config",
        str(REPO / "examples" / ".replylint.yaml"),
    ]
    one = CliRunner().invoke(main, args)
    two = CliRunner().invoke(main, [*args, "--jobs", "2"])
    assert _json(one) == _json(two)
    assert len(_json(one)["documents"]) >= 12


def test_cli_template_mode_accepts_placeholders_that_draft_mode_rejects(tmp_path: Path) -> None:
    macro = tmp_path / "macro.txt"
    macro.write_text(
        "Hi {{ticket.requester.first_name}},\n\nThanks for writing in. Your refund is on its way today.\n\nBest,\n{{current_user.first_name}}\n"
    )
    as_template = _json(CliRunner().invoke(main, ["check", str(macro), "--template", "--format", "json"]))
    as_draft = _json(CliRunner().invoke(main, ["check", str(macro), "--draft", "--format", "json"]))
    assert not [f for f in as_template["documents"][0]["findings"] if f["checklist"] == "proofread"]
    assert {f["rule"] for f in as_draft["documents"][0]["findings"]} >= {"leftover-fill-in"}


def test_cli_unknown_input_format_is_a_usage_error_listing_the_formats() -> None:
    result = CliRunner().invoke(main, ["check", "x.json", "--input-format", "kayako"])
    assert result.exit_code == 2
    assert "zendesk" in result.output and "intercom" in result.output


def test_cli_ticket_eml_gives_unanswered_questions_and_the_customer_name(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(
        "Hi Priyanka,\n\nThanks for your message. The second box is on its way and arrives Friday.\n\nBest,\nAna\n"
    )
    result = CliRunner().invoke(
        main, ["check", str(draft), "--ticket", str(DATA / "eml" / "customer-priya.eml"), "--format", "json"]
    )
    findings = _json(result)["documents"][0]["findings"]
    unanswered = [f["message"] for f in findings if f["rule"] == "understand-request"]
    assert len(unanswered) == 1 and "VAT invoice" in unanswered[0]
    assert [f["fix"]["replacement"] for f in findings if f["rule"] == "greeting-name"] == ["Priya"]
    assert result.exit_code == 1


@pytest.mark.parametrize("name", ["empty.eml", "not-email.eml"])
def test_cli_unusable_ticket_is_exit_2(name: str, tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Priya,\n\nThanks.\n\nBest,\nAna\n")
    result = CliRunner().invoke(main, ["check", str(draft), "--ticket", str(DATA / "eml" / name)])
    assert result.exit_code == 2
    assert name in result.stderr


def test_cli_conversation_file_and_missing_draft(tmp_path: Path) -> None:
    good = sorted((DATA / "conversations").glob("*.json"))[0]
    result = CliRunner().invoke(main, ["check", "--conversation", str(good), "--format", "json"])
    assert _json(result)["documents"][0]["checklist"]["understand-request"] != "skip"
    broken = tmp_path / "conv.json"
    broken.write_text('{"customer": {"name": "Sam"}, "messages": []}')
    result = CliRunner().invoke(main, ["check", "--conversation", str(broken)])
    assert result.exit_code == 2
    assert "'draft'" in result.stderr


def test_cli_json_lines_stream_reports_bad_lines_and_checks_the_rest() -> None:
    good = json.loads(sorted((DATA / "conversations").glob("*.json"))[0].read_text())
    good.pop("labels", None)
    lines = "\n".join([json.dumps(good), '{"customer": {"name": "X"}}', "not json", json.dumps(good)]) + "\n"
    result = CliRunner().invoke(main, ["check", "--conversation", "-"], input=lines)
    results = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3, 4]
    assert "score" in results[0] and "score" in results[3]
    assert results[1]["field"] == "draft" and "error" in results[2]
    assert result.exit_code == 2


def test_cli_languagetool_url_from_the_environment(tmp_path: Path) -> None:
    text = next(t for t in load_recordings() if "Flurbix depot" in t)
    draft = tmp_path / "reply.txt"
    draft.write_text(text)
    config = tmp_path / ".replylint.yaml"
    config.write_text("vocabulary: {accept: [Flurbix]}\n")
    with FakeLanguageTool() as server:
        result = CliRunner().invoke(
            main,
            ["check", str(draft), "--config", str(config), "--customer", "Priyanka", "--agent", "Anandhi",
             "--format", "json", "--no-cache"],
            env={"REPLYLINT_LANGUAGETOOL_URL": server.url},
        )  # fmt: skip
        assert server.checks, result.output
    payload = _json(result)
    assert payload["grammar"]["status"] == "checked"
    assert "grammar" in {f["rule"] for f in payload["documents"][0]["findings"]}


def test_cli_languagetool_bad_url_is_exit_2_and_required_unreachable_is_exit_3(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Sam,\n\nThanks for writing in. Your refund is on its way today.\n\nBest,\nAna\n")
    bad = CliRunner().invoke(main, ["check", str(draft)], env={"REPLYLINT_LANGUAGETOOL_URL": "not a url"})
    assert bad.exit_code == 2
    config = tmp_path / ".replylint.yaml"
    config.write_text("languagetool: {url: 'http://127.0.0.1:9', timeout: 2, required: true}\n")
    result = CliRunner().invoke(
        main,
        ["check", str(draft), "--config", str(config), "--no-cache", "--customer", "Sam", "--agent", "Ana"],
    )
    assert result.exit_code == 3, result.output
    assert "grammar was not checked" in result.stderr


def test_cli_channel_from_config_and_flag(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Sam, thanks for waiting. Your refund went out today and arrives by Friday.\n")
    config = tmp_path / ".replylint.yaml"
    config.write_text("channel: chat\n")
    as_chat = _json(
        CliRunner().invoke(main, ["check", str(draft), "--config", str(config), "--format", "json"])
    )
    as_email = _json(
        CliRunner().invoke(
            main, ["check", str(draft), "--config", str(config), "--channel", "email", "--format", "json"]
        )
    )
    assert as_chat["documents"][0]["checklist"]["use-your-name"] == "skip"
    assert as_email["documents"][0]["checklist"]["use-your-name"] == "fail"
    config.write_text("channel: fax\n")
    bad = CliRunner().invoke(main, ["check", str(draft), "--config", str(config)])
    assert bad.exit_code == 2 and "channel" in bad.stderr
