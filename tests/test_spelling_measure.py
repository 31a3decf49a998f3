"""Measure the spelling check: precision/recall on a labelled set, and no false positives
on names, products and placeholders in the project's own drafts.

The labelled set (tests/data/misspellings/support-misspellings.yaml) was written for
replylint: realistic support sentences, each misspelling with its correction. The
figures are printed (run with -s) and written to tests/artifacts/spelling-measure.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from replylint.config import Config
from replylint.document import Draft
from replylint.engine import Linter, configured_rules
from replylint.readers.files import read_draft
from replylint.vocabulary import Vocabulary, compile_term

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "tests" / "data" / "misspellings" / "support-misspellings.yaml"
ARTIFACTS = REPO / "tests" / "artifacts"
DRAFT_SUFFIXES = (".txt", ".md", ".html", ".htm")


def _spelling_linter(accept: list[str] = ()) -> Linter:  # type: ignore[assignment]
    terms = Vocabulary(accept=tuple(compile_term(w, "labelled set") for w in accept))
    config = Config(terms=terms, vocabulary=terms.plain_words())
    return Linter([r for r in configured_rules(config) if r.id == "spelling"], config)


def _labelled() -> dict:
    return yaml.safe_load(LABELLED.read_text(encoding="utf-8"))


def _measure() -> dict[str, float | int | list]:
    data = _labelled()
    linter = _spelling_linter(data["accept"])
    context = linter.context(customer=data["customer"], agent=data["agent"])
    drafts = [Draft(f"Hi Priyanka,\n\n{item['text']}\n\nBest,\nAnandhi") for item in data["items"]]
    report = linter.lint(drafts, context)
    tp = fp = fn = top1 = 0
    false_positives, misses = [], []
    for item, doc in zip(data["items"], report.documents, strict=True):
        expected = {k: v for k, v in (item["errors"] or {}).items()}
        flagged = {f.match: f.suggestions for f in doc.findings}
        for word, correction in expected.items():
            if word in flagged:
                tp += 1
                top1 += bool(flagged[word]) and flagged[word][0] == correction
            else:
                fn += 1
                misses.append(word)
        for word in flagged:
            if word not in expected:
                fp += 1
                false_positives.append(word)
    total = tp + fn
    return {
        "misspellings": total,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / total,
        "top1": top1 / tp if tp else 0.0,
        "false_positives": false_positives,
        "misses": misses,
    }


@pytest.fixture(scope="module")
def measured() -> dict:
    result = _measure()
    lines = [
        f"labelled misspellings: {result['misspellings']}",
        f"precision: {result['precision']:.3f}",
        f"recall: {result['recall']:.3f}",
        f"top-1 suggestion correct: {result['top1']:.3f}",
        f"false positives: {result['false_positives']}",
        f"missed: {result['misses']}",
    ]
    print("\n" + "\n".join(lines))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "spelling-measure.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return result


def test_spelling_measure_labelled_set_has_at_least_60_misspellings(measured: dict) -> None:
    assert measured["misspellings"] >= 60


def test_spelling_measure_precision_and_recall(measured: dict) -> None:
    assert measured["precision"] >= 0.95, f"false positives: {measured['false_positives']}"
    assert measured["recall"] >= 0.9, f"missed: {measured['misses']}"
    assert measured["top1"] >= 0.85


def test_spelling_measure_no_false_positive_on_names_products_placeholders(measured: dict) -> None:
    data = _labelled()
    protected = {"priyanka", "raman", "anandhi", "flurbix", "acmepay", "zendesk", "slack", "hubspot"}
    assert not protected & {w.lower() for w in measured["false_positives"]}
    clean = [i for i in data["items"] if not i["errors"]]
    assert len(clean) >= 6


def _project_drafts() -> list[Path]:
    roots = [REPO / "examples", REPO / "tests" / "data"]
    return sorted(
        p
        for root in roots
        for p in root.rglob("*")
        if p.suffix in DRAFT_SUFFIXES and p.name != "README.md" and "misspellings" not in p.parts
    )


def test_spelling_measure_project_drafts_have_no_false_positives_on_names_products_placeholders() -> None:
    linter = _spelling_linter()
    checked = 0
    for path in _project_drafts():
        try:
            draft = read_draft(path)
        except Exception:  # not a draft (fixtures for bad input)
            continue
        checked += 1
        doc = linter.lint([draft], linter.context()).documents[0]
        for finding in doc.findings:
            where = f"{path.relative_to(REPO)}:{finding.line}:{finding.column}"
            assert not finding.match[:1].isupper(), (
                f"{where}: capitalised name/product flagged: {finding.match}"
            )
            assert not any(c in finding.match for c in "{}[]%<>"), (
                f"{where}: placeholder flagged: {finding.match}"
            )
            assert finding.match.isalpha() or "'" in finding.match, (
                f"{where}: non-word flagged: {finding.match}"
            )
    assert checked >= 15
