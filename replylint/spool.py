"""Document reports kept on disk while a large run goes on, read back in order.

A library of 50,000 macros makes 50,000 DocumentReports, each with its text, findings
and checklist: held in memory they cost tens of kilobytes each (gigabytes in all),
and the run layer would grow with the library. `run.lint` lints a large run in windows
and appends each window's reports here; the formatters read them back one at a time,
so the run's memory is bounded by a window, not by the library.

The file is an unnamed temporary file (gone when the spool is, or when the process
ends, however it ends); each report is one pickle at a recorded offset, read with
`os.pread`, so two readers (a formatter and a summary) never share a file position.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import overload

from .findings import APPLICABILITIES, FINDING_FIELDS, LEVELS, Finding, Fix, restored_finding
from .report import DocumentReport, item_result


class DocumentSpool(Sequence[DocumentReport]):
    """An append-only, on-disk sequence of DocumentReports (a tuple's reading interface)."""

    def __init__(self, reports: Iterable[DocumentReport] = ()) -> None:
        self._file = tempfile.TemporaryFile(prefix="replylint-spool-")  # noqa: SIM115 (lives with the spool)
        self._places: list[tuple[int, int]] = []  # (offset, length) of each pickle
        self._end = 0
        # What Report asks of all its documents after they are written (the verdict, the
        # failed ones), kept as they come so the spool is not read a second time for it.
        self.all_ready = True
        self.failed: list[DocumentReport] = []
        self.extend(reports)

    def append(self, report: DocumentReport) -> None:
        data = pickle.dumps(_pack(report), protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), data, self._end)
        self._places.append((self._end, len(data)))
        self._end += len(data)
        self.all_ready = self.all_ready and report.ready_to_send
        if report.error is not None:
            self.failed.append(report)  # rare, and asked for after the output: kept here

    def extend(self, reports: Iterable[DocumentReport]) -> None:
        for report in reports:
            self.append(report)

    def _read(self, place: tuple[int, int]) -> DocumentReport:
        offset, length = place
        return _unpack(pickle.loads(os.pread(self._file.fileno(), length, offset)))

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, index: int) -> DocumentReport: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[DocumentReport, ...]: ...

    def __getitem__(self, index: int | slice) -> DocumentReport | tuple[DocumentReport, ...]:
        if isinstance(index, slice):
            return tuple(self._read(p) for p in self._places[index])
        return self._read(self._places[index])

    def __iter__(self) -> Iterator[DocumentReport]:
        for place in list(self._places):
            yield self._read(place)

    def __eq__(self, other: object) -> bool:
        # compared as the tuple it stands for, so a spooled report equals an in-memory one
        if isinstance(other, (tuple, DocumentSpool)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = object.__hash__  # identity: a spool is one run's, and Report is hashable

    def close(self) -> None:
        self._file.close()


# A report is pickled as tuples of its fields' values, not as dataclass instances:
# pickling a frozen dataclass goes through its reduce protocol per object, and that
# was most of the spool's cost (a quarter of a warm 10,000-draft run). The values are
# read by name (attrgetter, in C) in declaration order, and findings are rebuilt
# without their __init__ (`restored_finding`), checklist items shared (`item_result`).
_FIELDS = [f.name for f in dataclasses.fields(DocumentReport)]
_FINDINGS = _FIELDS.index("findings")
_CHECKLIST = _FIELDS.index("checklist")
_REPORT_VALUES = attrgetter(*_FIELDS)
_FINDING_VALUES = attrgetter(*FINDING_FIELDS)
_ITEM_VALUES = attrgetter("status", "reason", "score")


_LEVEL = FINDING_FIELDS.index("level")
_FIX = FINDING_FIELDS.index("fix")


def _pack(report: DocumentReport) -> tuple:
    values = list(_REPORT_VALUES(report))
    values[_FINDINGS] = [_finding_values(f) for f in report.findings]
    values[_CHECKLIST] = [(name, _ITEM_VALUES(item)) for name, item in report.checklist.items()]
    return tuple(values)


def _finding_values(finding: Finding) -> list:
    # enums and the Fix as plain values too: pickle reduces those in Python, object by object
    values = list(_FINDING_VALUES(finding))
    values[_LEVEL] = finding.level.value
    fix = finding.fix
    if fix is not None:
        values[_FIX] = (fix.offset, fix.length, fix.replacement, fix.applicability.value)
    return values


def _unpack(packed: tuple) -> DocumentReport:
    values = list(packed)
    findings = []
    for f in values[_FINDINGS]:
        f[_LEVEL] = LEVELS[f[_LEVEL]]
        fix = f[_FIX]
        if fix is not None:
            f[_FIX] = Fix(fix[0], fix[1], fix[2], APPLICABILITIES[fix[3]])
        findings.append(restored_finding(dict(zip(FINDING_FIELDS, f, strict=True))))
    values[_FINDINGS] = tuple(findings)
    values[_CHECKLIST] = {name: item_result(*item) for name, item in values[_CHECKLIST]}
    return DocumentReport(*values)
