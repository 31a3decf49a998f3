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
from typing import overload

from .findings import Finding
from .report import DocumentReport, ItemResult


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
# was most of the spool's cost (a quarter of a warm 10,000-draft run). Each frozen
# dataclass's __dict__ holds its fields in declaration order (its __init__ sets them so).
_FIELDS = [f.name for f in dataclasses.fields(DocumentReport)]
_FINDINGS = _FIELDS.index("findings")
_CHECKLIST = _FIELDS.index("checklist")


def _pack(report: DocumentReport) -> tuple:
    values = list(report.__dict__.values())
    values[_FINDINGS] = [tuple(f.__dict__.values()) for f in report.findings]
    values[_CHECKLIST] = [(name, tuple(item.__dict__.values())) for name, item in report.checklist.items()]
    return tuple(values)


def _unpack(packed: tuple) -> DocumentReport:
    values = list(packed)
    values[_FINDINGS] = tuple(Finding(*f) for f in values[_FINDINGS])
    values[_CHECKLIST] = {name: ItemResult(*item) for name, item in values[_CHECKLIST]}
    return DocumentReport(*values)
