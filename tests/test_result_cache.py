"""The result cache (replylint.resultcache, replylint.diskcache): what it keys on, that a hit
is the same result placed right, that a bad entry is never an error, and that two processes
can share one folder."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from replylint import diskcache, run
from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, linter_for
from replylint.readers.library import read_text
from replylint.resultcache import ResultCache

ROOT = Path(__file__).resolve().parent.parent

DRAFT = "Hi Sara,\n\nThanks for writing in. I have sent the refund today, it can take 3-5 days.\n\nBest,\nAna"


def _linter(tmp_path: Path, **changes) -> Linter:  # type: ignore[no-untyped-def]
    return linter_for(dataclasses.replace(Config(cache_dir=tmp_path), **changes))


def _plain(report) -> list:  # type: ignore[no-untyped-def]
    """Everything a formatter shows of a report's documents."""
    return [dataclasses.asdict(d) for d in report.documents]


def test_resultcache_hit_equals_a_fresh_check(tmp_path: Path) -> None:
    linter = _linter(tmp_path)
    values = run.RunValues(customer="Sarah", agent="Ana")
    cold = run.lint(linter, [Draft(DRAFT, source="a.txt")], values)
    assert cold.cached == 0
    warm = run.lint(linter, [Draft(DRAFT, source="a.txt")], values)
    assert warm.cached == 1
    fresh = run.lint(linter, [Draft(DRAFT, source="a.txt")], values, use_cache=False)
    assert _plain(warm) == _plain(fresh) == _plain(cold)
    assert warm.pipeline == fresh.pipeline
    assert any(f.rule == "greeting-name" for f in warm.documents[0].findings)


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda d, v: (dataclasses.replace(d, text=d.text.replace("today", "now")), v), "text"),
        (lambda d, v: (d, dataclasses.replace(v, customer="Sam")), "customer"),
        (lambda d, v: (d, dataclasses.replace(v, agent="Omar")), "agent"),
        (lambda d, v: (d, dataclasses.replace(v, channel="chat")), "channel"),
        (lambda d, v: (d, dataclasses.replace(v, mode="template")), "mode"),
        (lambda d, v: (d, dataclasses.replace(v, ticket=run.TicketSource("Where is my refund?"))), "ticket"),
        (lambda d, v: (dataclasses.replace(d, disable=frozenset({"spelling"})), v), "disabled rules"),
        (lambda d, v: (dataclasses.replace(d, is_html=True), v), "html"),
    ],
)
def test_resultcache_key_changes_with_what_changes_a_result(tmp_path: Path, change, what: str) -> None:  # type: ignore[no-untyped-def]
    cache = ResultCache(tmp_path, _linter(tmp_path))
    draft, values = Draft(DRAFT, source="a.txt"), run.RunValues(customer="Sarah", agent="Ana")
    other_draft, other_values = change(draft, values)
    assert cache.key(draft, values) != cache.key(other_draft, other_values), what


def test_resultcache_key_ignores_where_the_document_sits(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, _linter(tmp_path))
    values = run.RunValues()
    assert cache.key(Draft(DRAFT, source="a.txt"), values) == cache.key(
        Draft(DRAFT, source="b/c.txt", item="7", title="x"), values
    )


def test_resultcache_key_changes_with_config_and_rules(tmp_path: Path) -> None:
    draft, values = Draft(DRAFT), run.RunValues()
    base = ResultCache(tmp_path, _linter(tmp_path)).key(draft, values)
    stricter = ResultCache(tmp_path, _linter(tmp_path, min_score=95)).key(draft, values)
    from replylint.config import RuleSetting

    options = {"spelling": RuleSetting(enabled=False)}
    fewer_rules = ResultCache(tmp_path, _linter(tmp_path, rules=options)).key(draft, values)
    assert len({base, stricter, fewer_rules}) == 3


def test_resultcache_moved_library_item_is_a_hit_placed_at_its_new_line(tmp_path: Path) -> None:
    text = DRAFT.replace("today,", "today. You will recieve an e-mail,")
    macro = {"id": 9, "title": "Refund", "actions": [{"field": "comment_value", "value": text}]}
    first = json.dumps({"macros": [macro]}, indent=2)
    other = {"id": 8, "title": "Other", "actions": [{"field": "comment_value", "value": "Hi,\n\nOk.\n\nAna"}]}
    moved = json.dumps({"macros": [other, macro]}, indent=2)
    linter = _linter(tmp_path)
    run.lint(linter, read_text(first, "m.json", suffix=".json"))
    drafts = read_text(moved, "m.json", suffix=".json")
    warm = run.lint(linter, drafts)
    assert warm.cached == 1  # the moved macro; the new one is checked
    fresh = run.lint(linter, drafts, use_cache=False)
    assert _plain(warm) == _plain(fresh)
    [misspelt] = [f for f in warm.documents[1].findings if f.match == "recieve"]
    assert moved.splitlines()[misspelt.line - 1][misspelt.column - 1 :].startswith("recieve")


def test_resultcache_corrupt_entries_are_misses_and_are_written_again(tmp_path: Path) -> None:
    linter = _linter(tmp_path)
    drafts = [Draft(DRAFT, source="a.txt"), Draft(DRAFT.replace("Sara", "Sarah"), source="b.txt")]
    expected = _plain(run.lint(linter, drafts, use_cache=False))
    run.lint(linter, drafts)
    entries = sorted((tmp_path / "results").rglob("*.json"))
    payloads = [b"", b"{not json", json.dumps({"format": 1, "score": "x"}).encode(), b"\xff\xfe"]
    # every entry (and the pipeline note) spoiled in one of the ways a disk or a person can
    for i, path in enumerate(entries):
        path.write_bytes(payloads[i % len(payloads)])
    again = run.lint(linter, drafts)
    assert _plain(again) == expected
    assert again.cached == 0
    for path in sorted((tmp_path / "results").rglob("*.json")):
        json.loads(path.read_bytes())  # written again, whole
    assert run.lint(linter, drafts).cached == 2


def test_resultcache_out_of_range_finding_is_a_miss(tmp_path: Path) -> None:
    linter = _linter(tmp_path)
    draft = Draft(DRAFT.replace("writing", "writting"))
    assert run.lint(linter, [draft]).documents[0].findings
    cache = run.result_cache(linter)
    assert cache is not None
    path = diskcache.entry_path(cache.folder, cache.key(draft, run.RunValues()))  # type: ignore[arg-type]
    data = json.loads(path.read_bytes())
    data["findings"][0][4] = len(DRAFT) + 5  # the finding's offset
    path.write_text(json.dumps(data))
    assert cache.get(cache.key(draft, run.RunValues()), draft) is None


def test_resultcache_unwritable_folder_is_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    linter = _linter(blocked)
    report = run.lint(linter, [Draft(DRAFT)])
    assert report.documents and report.cached == 0


def test_diskcache_evicts_least_recently_used_entries(tmp_path: Path) -> None:
    for i in range(10):
        path = diskcache.entry_path(tmp_path, f"{i:02d}" + "a" * 30)
        assert diskcache.write(path, b"x" * 1000)
        os.utime(path, (1000 + i, 1000 + i))
    (tmp_path / "00" / ".stale.tmp").write_bytes(b"half")
    os.utime(tmp_path / "00" / ".stale.tmp", (0, 0))
    removed = diskcache.evict(tmp_path, 5000)
    left = sorted(p.name[:2] for p in tmp_path.rglob("*.json"))
    assert removed == 6 and left == ["06", "07", "08", "09"]  # down to 80% of the bound, oldest first
    assert not (tmp_path / "00" / ".stale.tmp").exists()
    assert diskcache.evict(tmp_path, 5000) == 0


def _cli(cache: Path, *args: str, code: str = "") -> subprocess.Popen[str]:
    """`replylint check ...` in a new process on `cache`; `code` runs after it, in it."""
    script = (
        "import sys\nfrom replylint.cli import main\n"
        f"try:\n    main({['check', *args]!r})\nexcept SystemExit as e:\n    status = e.code\n"
        f"{code}\nsys.exit(status)\n"
    )
    env = {**os.environ, "REPLYLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_resultcache_two_processes_share_one_folder_and_a_warm_run_loads_no_spacy(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("examples/library/zendesk-macros.json", "examples/drafts", "--format", "json")
    both = [_cli(cache, *args), _cli(cache, *args)]
    outputs = [(*p.communicate(timeout=600), p.returncode) for p in both]
    assert outputs[0][2] == outputs[1][2] == 1, outputs[0][1][-2000:]  # the example macros are not all ready
    assert json.loads(outputs[0][0]) == json.loads(outputs[1][0])
    assert not list(cache.rglob("*.tmp"))
    entries = list((cache / "results").rglob("*.json"))
    assert len(entries) > len(json.loads(outputs[0][0])["documents"])  # every document, and the pipeline note

    marker = "print('SPACY-LOADED' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)"
    warm = _cli(cache, *args, code=marker)
    out, err = warm.communicate(timeout=600)
    assert warm.returncode == 1, err
    assert "NO-SPACY" in err
    assert json.loads(out) == json.loads(outputs[0][0])


def test_resultcache_drops_entries_of_an_older_format(tmp_path: Path) -> None:
    """After an upgrade that changes the entry format, the old format's folder goes at the
    first write: no run reads it, and the size bound counts only the current format."""
    from replylint import resultcache

    old = tmp_path / "results" / "v1" / "ab"
    old.mkdir(parents=True)
    (old / ("ab" + "0" * 62 + ".json")).write_text("{}")
    keep = tmp_path / "results" / "notes"  # not a format folder: left alone
    keep.mkdir()
    linter = _linter(tmp_path)
    run.lint(linter, [Draft(DRAFT)])
    assert not (tmp_path / "results" / "v1").exists() and keep.exists()
    assert list((tmp_path / "results" / f"v{resultcache.FORMAT}").rglob("*.json"))
