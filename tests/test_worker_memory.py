"""A forked worker gives its free C heap back after each chunk (glibc's malloc_trim)."""

from __future__ import annotations

import platform

import pytest

from replylint import engine
from replylint.document import Draft

DRAFT = "Hi Sam,\n\nThanks for writing in: the refund is on its way today.\n\nBest,\nAna"


def test_a_worker_trims_the_heap_after_each_chunk(monkeypatch, default_linter) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    monkeypatch.setattr(engine, "_MALLOC_TRIM", lambda pad: calls.append(pad) or 1)
    context = default_linter.context(customer="Sam", agent="Ana")
    monkeypatch.setattr(engine, "_FORK_WORK", (default_linter, [Draft(DRAFT)] * 3, [context] * 3))
    assert len(engine._lint_chunk((0, 2))) == 2
    assert len(engine._lint_chunk((2, 3))) == 1
    assert calls == [0, 0]


def test_malloc_trim_is_found_where_glibc_is(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    monkeypatch.setattr(engine, "_MALLOC_TRIM", None)
    engine._trim_heap()
    assert callable(engine._MALLOC_TRIM)
