"""Faults injected into a real replylint run, for the fault-isolation tests.

replylint has no test hooks: these patch its functions from the outside, in-process
(`installed()`, a context manager) or in a subprocess that runs the real CLI
(`python tests/faults.py check ...`, the faults named by REPLYLINT_TEST_FAULTS,
comma-separated). A fault fires only on drafts whose text holds its marker, so the
other documents of the same run are checked normally:

  check    BOOM-CHECK   a rule raises while checking the document
  prepare  BOOM-PREP    preparing the text (regions, placeholders) raises
  parse    BOOM-PARSE   spaCy raises on the text (in a batch, and alone)
  die      BOOM-DIE     the process checking the document is killed (SIGKILL): in a
                        --jobs worker only; in the main process it is a raise
  render   BOOM-RENDER  the formatter raises on the document
  hang     (no marker)  os.replace sleeps for an hour: a --fix run to kill while its
                        temporary file exists
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

MARKERS = {
    "check": "BOOM-CHECK",
    "prepare": "BOOM-PREP",
    "parse": "BOOM-PARSE",
    "die": "BOOM-DIE",
    "render": "BOOM-RENDER",
}
MAIN_PID = os.getpid()


class InjectedFault(RuntimeError):
    """The exception the faults raise."""


@contextlib.contextmanager
def installed(*names: str) -> Iterator[None]:
    """Install the named faults for the duration of the block."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        for name in names:
            _install(patch, name)
        yield


def _install(patch, name: str) -> None:  # type: ignore[no-untyped-def]
    from replylint import engine, formatters
    from replylint.nlp import Pipeline

    if name == "check":
        original_report = engine.Linter._report

        def report(self, doc):  # type: ignore[no-untyped-def]
            if MARKERS["check"] in doc.draft.text:
                raise InjectedFault("a rule failed")
            return original_report(self, doc)

        patch.setattr(engine.Linter, "_report", report)
    elif name == "prepare":
        original_prepare = engine.prepare_all

        def prepare_all(draft, context):  # type: ignore[no-untyped-def]
            if MARKERS["prepare"] in draft.text:
                raise InjectedFault("preparing failed")
            return original_prepare(draft, context)

        patch.setattr(engine, "prepare_all", prepare_all)
    elif name == "parse":
        import spacy.language

        original_make_doc = spacy.language.Language.make_doc

        def make_doc(self, text):  # type: ignore[no-untyped-def]
            if MARKERS["parse"] in text:
                raise InjectedFault("spaCy failed")
            return original_make_doc(self, text)

        patch.setattr(spacy.language.Language, "make_doc", make_doc)
    elif name == "die":
        original = engine.Linter._report

        def dying(self, doc):  # type: ignore[no-untyped-def]
            if MARKERS["die"] in doc.draft.text:
                if os.getpid() != MAIN_PID:
                    os.kill(os.getpid(), signal.SIGKILL)
                raise InjectedFault("would have died")
            return original(self, doc)

        patch.setattr(engine.Linter, "_report", dying)
    elif name == "render":
        original_render = formatters._render

        def render(name, report, **kwargs):  # type: ignore[no-untyped-def]
            if any(MARKERS["render"] in d.text for d in report.documents):
                raise InjectedFault("the formatter failed")
            return original_render(name, report, **kwargs)

        patch.setattr(formatters, "_render", render)
        # the formats written a document at a time (formatters.stream) fail in their piece
        import importlib

        for module_name in ("json_format", "text", "line", "github"):
            module = importlib.import_module(f"replylint.formatters.{module_name}")

            def piece(doc, *args, _original=module.piece, **kwargs):  # type: ignore[no-untyped-def]
                if MARKERS["render"] in doc.text:
                    raise InjectedFault("the formatter failed")
                return _original(doc, *args, **kwargs)

            patch.setattr(module, "piece", piece)
    elif name == "hang":

        def replace(src, dst):  # type: ignore[no-untyped-def]
            Path(os.environ.get("REPLYLINT_TEST_READY", "/dev/null")).write_text(str(src))
            time.sleep(3600)

        patch.setattr(os, "replace", replace)
    else:
        raise ValueError(f"unknown fault {name!r}")
    _ = Pipeline  # imported so the patching happens after replylint is importable


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from replylint.cli import main

    faults = [f for f in os.environ.get("REPLYLINT_TEST_FAULTS", "").split(",") if f]
    with installed(*faults):
        main(sys.argv[1:], prog_name="replylint")
