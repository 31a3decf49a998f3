"""The run layer: who wins for customer, agent, channel, mode and ticket, and the entry
points that share it (API, CLI, stream)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import replylint
from replylint import run
from replylint.cli import main
from replylint.config import Config
from replylint.document import Draft
from replylint.readers.inputs import TicketSource

CONFIG = Config(customer="Conf", agent="ConfAgent", channel="social", template_paths=("macros/*",))


def _decide(draft: Draft, values: run.RunValues, analysed_name: str | None = None):  # type: ignore[no-untyped-def]
    class _Ticket:
        customer_name = analysed_name

    return run.decide(draft, values, CONFIG, (lambda text: _Ticket()) if analysed_name is not None else None)  # type: ignore[arg-type,return-value]


def test_run_decide_document_beats_run_beats_format_beats_ticket_beats_config() -> None:
    full = Draft("x", customer="Doc", agent="DocAgent", channel="chat", mode="draft", ticket="doc ticket",
                 implied_mode="template", implied_channel="email")  # fmt: skip
    values = run.RunValues("Run", "RunAgent", "email", "template", TicketSource("run ticket", "Header"))
    ctx = run.decide(full, values, CONFIG)
    assert (ctx.customer, ctx.agent, ctx.channel, ctx.mode) == ("Doc", "DocAgent", "chat", "draft")
    bare = Draft("x", implied_mode="template", implied_channel="chat")
    ctx = run.decide(bare, values, CONFIG)
    assert (ctx.customer, ctx.agent, ctx.channel, ctx.mode) == ("Run", "RunAgent", "email", "template")
    ctx = run.decide(bare, run.RunValues(ticket=TicketSource("t", "Header")), CONFIG)
    assert (ctx.customer, ctx.agent, ctx.channel, ctx.mode) == ("Header", "ConfAgent", "chat", "template")
    ctx = _decide(Draft("x"), run.RunValues(ticket=TicketSource("t")), analysed_name="Signed")
    assert (ctx.customer, ctx.channel, ctx.mode) == ("Signed", "social", "draft")
    ctx = run.decide(Draft("x", source="macros/a.txt"), run.RunValues(), CONFIG)
    assert (ctx.customer, ctx.agent, ctx.mode) == ("Conf", "ConfAgent", "template")
    ctx = run.decide(Draft("x"), run.RunValues(), Config())
    assert (ctx.customer, ctx.agent, ctx.channel, ctx.mode, ctx.ticket) == (
        None,
        None,
        "email",
        "draft",
        None,
    )


def test_run_decide_ticket_document_then_run_then_inputs() -> None:
    seen: list[str] = []

    def analyse(text: str):  # type: ignore[no-untyped-def]
        seen.append(text)

    values = run.RunValues(ticket=TicketSource("flag"), inputs_ticket=TicketSource("eml", "Eml Sender"))
    run.decide(Draft("x", ticket="own"), values, Config(), analyse)  # type: ignore[arg-type]
    run.decide(Draft("x"), values, Config(), analyse)  # type: ignore[arg-type]
    ctx = run.decide(Draft("x"), run.RunValues(inputs_ticket=values.inputs_ticket), Config(), analyse)  # type: ignore[arg-type]
    assert seen == ["own", "flag", "eml"]
    assert ctx.customer == "Eml Sender"


def test_run_api_conversation_values_win_over_arguments() -> None:
    conversation = {"draft": "Hi Priya,\n\nThanks for the photo. A new lid ships today.\n\nBest,\nAna",
                    "customer": "Priya", "agent": "Ana"}  # fmt: skip
    report = replylint.lint(conversation=conversation, customer="Tom", agent="Bob")
    assert [f.rule for f in report.documents[0].findings] == []


def test_run_fix_rounds_until_no_safe_fix_is_left() -> None:
    from replylint.engine import linter_for

    draft = Draft(
        "Hi Sara,\n\nThanks for writing in. It will arive by Friday  and the the label is attached.\n\nBest,\nAna"
    )
    outcome = run.fix(linter_for(Config()), [draft], run.RunValues(customer="Sarah", agent="Ana"))
    [fixed] = outcome.fixed
    assert fixed.text.startswith("Hi Sarah,") and "  " not in fixed.text and "the the" not in fixed.text
    assert outcome.after.documents[0].score > outcome.before.documents[0].score
    left = [f for f in outcome.after.documents[0].findings if f.fix and f.fix.applicability.value == "safe"]
    assert left == []


@pytest.mark.parametrize("version", [1, 2])
def test_run_stream_reads_a_jsonl_file(tmp_path: Path, version: int) -> None:
    lines = [
        {
            "id": "a",
            "draft": "Hi Sam,\n\nThanks for writing in. It ships today.\n\nBest,\nAna",
            "customer": "Sam",
        },
        {"id": "b"},
        {"id": "c", "draft": "Hi Tom, your parcel is late.", "customer": "Tom", "channel": "chat"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    args = ["check", "--conversation", str(path), "--json-version", str(version)]
    result = CliRunner().invoke(main, args)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3]
    assert out[1]["field"] == "draft" and result.exit_code == 2
    assert (out[0]["item"], out[2]["item"]) == ("a", "c")
    key = "advice" if version == 2 else "suggestions"
    assert all(key in f for o in (out[0], out[2]) for f in o["findings"])


def test_run_cli_fix_safe_only_unless_unsafe_fixes(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    text = "Hi Sam,\n\nYour parcel ships today  and arrives Friday.\n\nBest,\nAna\n"
    draft.write_text(text, encoding="utf-8")
    CliRunner().invoke(main, ["check", str(draft), "--fix", "--customer", "Sam", "--agent", "Ana"])
    safe = draft.read_text(encoding="utf-8")
    assert safe == text.replace("  ", " ")
    CliRunner().invoke(
        main, ["check", str(draft), "--fix", "--unsafe-fixes", "--customer", "Sam", "--agent", "Ana"]
    )
    assert draft.read_text(encoding="utf-8") == safe.replace(
        "Hi Sam,\n\n", "Hi Sam,\n\nThank you for reaching out.\n\n"
    )
    usage = CliRunner().invoke(main, ["check", str(draft), "--unsafe-fixes"])
    assert usage.exit_code == 2


def test_run_lint_in_windows_spools_reports_in_order(monkeypatch, tmp_path: Path) -> None:
    """A run longer than a window is linted a window at a time, its reports kept on disk
    (a DocumentSpool), read back equal and in order to one in-memory run; the cache hits
    of every window are counted, and a generator of drafts is read lazily, window by window."""
    from replylint.engine import linter_for
    from replylint.spool import DocumentSpool

    texts = [f"Hi Sam,\n\nThanks for writing. Your order {i} ships today.\n\nBest,\nAna" for i in range(7)]
    texts[3] = "hey. we cant do that"
    config = Config(cache_dir=tmp_path / "cache")
    linter = linter_for(config)
    whole = run.lint(linter, [Draft(t, source=f"d{i}.txt") for i, t in enumerate(texts)], use_cache=False)
    assert isinstance(whole.documents, tuple)
    monkeypatch.setattr(run, "WINDOW", 3)
    read: list[int] = []

    def drafts():  # type: ignore[no-untyped-def]
        for i, text in enumerate(texts):
            read.append(i)
            yield Draft(text, source=f"d{i}.txt")

    seen: list[int] = []  # how many drafts had been read at each progress tick
    cold = run.lint(linter, drafts(), progress=lambda n: seen.extend([len(read)] * n))
    assert isinstance(cold.documents, DocumentSpool)
    assert cold.documents == whole.documents and len(cold.documents) == 7
    assert [d.source for d in cold.documents] == [f"d{i}.txt" for i in range(7)]
    assert cold.documents[3].score == whole.documents[3].score and not cold.ready_to_send
    assert (cold.cached, len(seen), read) == (0, 7, list(range(7)))
    assert seen[:3] == [3, 3, 3] and seen[3:6] == [6, 6, 6]  # a window read, then linted
    warm = run.lint(linter, drafts())
    assert warm.documents == whole.documents and warm.cached == 7
