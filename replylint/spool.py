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

import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from .report import DocumentReport


class DocumentSpool(Sequence[DocumentReport]):
    """An append-only, on-disk sequence of DocumentReports (a tuple's reading interface)."""

    def __init__(self, reports: Iterable[DocumentReport] = ()) -> None:
        self._file = tempfile.TemporaryFile(prefix="replylint-spool-")  # noqa: SIM115 (lives with the spool)
        self._places: list[tuple[int, int]] = []  # (offset, length) of each pickle
        self._end = 0
        self.extend(reports)

    def append(self, report: DocumentReport) -> None:
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), data, self._end)
        self._places.append((self._end, len(data)))
        self._end += len(data)

    def extend(self, reports: Iterable[DocumentReport]) -> None:
        for report in reports:
            self.append(report)

    def _read(self, place: tuple[int, int]) -> DocumentReport:
        offset, length = place
        return pickle.loads(os.pread(self._file.fileno(), length, offset))

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
