"""Checked documents on disk, so a CI re-run over an unchanged library does no NLP work.

ruff's model: one entry per document, keyed by everything that can change its result,

- the document: its text, HTML or not, its own settings (names, mode, channel, ticket,
  disabled rules, placeholder dialect), what its format implies, and whether the
  config's `template_paths` make it a template;
- the run's values (`run.RunValues`: names, channel, mode, the ticket and its sender);
- the run fingerprint, computed once per Linter: the effective rules (every field,
  after config overrides), the effective config (min score, fail-on, vocabulary,
  spelling variant, LanguageTool settings, channel, names...), the built-in lexicons,
  the spaCy pipeline that would be loaded (package, version, the features the rules
  need) and spaCy's version, the word-list packages' versions, and replylint's version
  and code (sizes and times of its modules, as `rulecache` does).

Not in the key: where the document sits. Line and column are not stored; a hit is
placed again through the document's own locator, so a macro that moved down a
Zendesk export (another macro was added above it) is still a hit with right lines.

An entry is JSON (`diskcache`: written then renamed, read without trust); anything
that does not decode into valid findings for this text is a miss and is written
again. A run whose grammar was skipped (LanguageTool unreachable) writes nothing, so
a later run with the server up checks grammar. LanguageTool's own answers keep their
own cache (`grammar/cache.py`); a LanguageTool server upgraded behind the same URL is
not seen by either. The folder is bounded (`max_bytes`): the least recently used
entries are evicted after a run that wrote some.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import importlib.metadata
import json
import re
from bisect import bisect_right
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, diskcache
from .document import place_span
from .findings import APPLICABILITIES, LEVELS, Finding, Fix, restored_finding
from .report import DocumentReport, item_result
from .textmap import LineIndex

if TYPE_CHECKING:
    from .config import Config
    from .document import Draft
    from .engine import Linter
    from .run import RunValues

FORMAT = 2  # 2: findings and checklist items as lists (1: objects)
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
EVICT_EVERY = 1000
_PACKAGE = Path(__file__).resolve().parent
_VERSIONED = ("spacy", "wordfreq", "pyspellchecker", "python-liquid")


def canonical(value: Any) -> Any:
    """A JSON-ready form of `value` that is the same in every process (sets sorted, enums by
    value, dataclass fields that take no part in equality left out)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: canonical(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.compare and not f.name.startswith("_")
        }
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, re.Pattern):
        return [value.pattern, value.flags]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _version(name: str) -> str:
    for candidate in (name, name.replace("_", "-"), name.replace("-", "_")):
        try:
            return importlib.metadata.version(candidate)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "none"


def _code_stamp() -> list[tuple[str, int, int]]:
    out = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path.relative_to(_PACKAGE)), st.st_size, st.st_mtime_ns))
    return out


def _lexicons() -> str:
    """A digest of the built-in lexicons (word lists the kinds read besides their rule files)."""
    from .resources import builtin_rules_dir

    digest = hashlib.sha256()
    for path in sorted((builtin_rules_dir() / "lexicon").glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline_identity(config: Config) -> dict[str, Any]:
    """The spaCy pipeline the rules would load, named without loading spaCy.

    Which of its components load (the features the enabled rules need) is not listed:
    it follows from the rules and replylint's code, both in the fingerprint, and
    asking each kind for its features would import every kind module on a run that
    is otherwise answered from the cache (a tenth of a warm run over 1,000 drafts).
    """
    from .nlp import installed_model

    model = config.model or installed_model()
    return {"model": model, "model_version": _version(model) if model else None}


def fingerprint(linter: Linter) -> str:
    """What every document of a run under this Linter shares in its key."""
    config = dataclasses.replace(linter.config, path=None, cache_dir=None)
    payload = {
        "format": FORMAT,
        "replylint": __version__,
        "code": _code_stamp(),
        "packages": {name: _version(name) for name in _VERSIONED},
        "pipeline": pipeline_identity(linter.config),
        "lexicons": _lexicons(),
        "config": canonical(config),
        "rules": canonical(linter.rules),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=repr).encode()).hexdigest()


def document_key(run_key: str, draft: Draft, run: RunValues, config: Config) -> str:
    """The key of one document checked under one run."""
    ticket = [run.ticket.text, run.ticket.customer] if run.ticket else None
    found = [run.inputs_ticket.text, run.inputs_ticket.customer] if run.inputs_ticket else None
    payload = [
        run_key,
        draft.text,
        draft.is_html,
        draft.customer,
        draft.agent,
        draft.mode,
        sorted(draft.disable),
        draft.ticket,
        draft.channel,
        draft.templates,
        draft.implied_mode,
        draft.implied_channel,
        config.mode_for(draft.source),
        [run.customer, run.agent, run.channel, run.mode, ticket, found],
    ]
    return hashlib.sha256(
        json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
    ).hexdigest()


# -- entries -----------------------------------------------------------------------------


def _finding_data(f: Finding) -> list[Any]:
    """A finding as an entry holds it: its fields by position (a list, not an object: a
    warm run decodes one entry per document, and lists parse faster than objects and
    unpack in one step). `decode` reads them back in this order."""
    fix = (
        None if f.fix is None else [f.fix.offset, f.fix.length, f.fix.replacement, f.fix.applicability.value]
    )
    return [
        f.rule,
        f.checklist,
        f.level.value,
        f.message,
        f.offset,
        f.length,
        list(f.suggestions),
        f.fixable,
        f.region,
        list(f.advice),
        fix,
    ]


def encode(doc: DocumentReport) -> bytes:
    """An entry's bytes: the document's findings and verdict, without where it sits."""
    data = {
        "format": FORMAT,
        "score": doc.score,
        "ready": doc.ready_to_send,
        "checklist": [[item, r.status, r.reason, r.score] for item, r in doc.checklist.items()],
        "findings": [_finding_data(f) for f in doc.findings],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


class _Bad(ValueError):
    """An entry that does not decode into a valid result for this text."""


def decode(data: bytes, draft: Draft) -> DocumentReport:
    """The DocumentReport an entry holds for `draft`, placed in its file (or _Bad).

    Every value is checked for its type, so a damaged or foreign entry is a miss, never
    a crash later in a formatter (a list of the wrong length fails to unpack, an unknown
    level is a KeyError: the caller counts those as misses too). This runs for every
    document of a warm run, so the checks are inline exact-type tests, one expression
    per finding, and a finding is placed with the text's line index directly unless
    the draft has its own locator (a library item placed in its file).
    """
    raw = json.loads(data)
    if type(raw) is not dict or raw.get("format") != FORMAT:
        raise _Bad("not an entry of this format")
    text = draft.text
    size = len(text)
    lines = LineIndex.of(text)
    starts = lines.starts
    located = draft.locate is not None
    findings = []
    items = raw["findings"]
    if type(items) is not list:
        raise _Bad("findings is not a list")
    for item in items:
        rule, checklist, level, message, offset, length, suggestions, fixable, region, advice, fix = item
        if not (type(rule) is str and type(checklist) is str and type(message) is str
                and type(region) is str and type(fixable) is bool
                and type(offset) is int and type(length) is int
                and type(suggestions) is list and type(advice) is list):  # fmt: skip
            raise _Bad("a finding field of the wrong type")
        if offset < 0 or length < 0 or offset + length > size:
            raise _Bad("a span outside the text")
        for value in suggestions:
            if type(value) is not str:
                raise _Bad("a suggestion that is not a string")
        for value in advice:
            if type(value) is not str:
                raise _Bad("advice that is not a string")
        if located:
            line, column, end_line, end_column = place_span(draft, lines, offset, length)
        else:  # LineIndex.position, twice, inline
            at = bisect_right(starts, offset) - 1
            line, column = at + 1, offset - starts[at] + 1
            if length:
                end = offset + length
                at = bisect_right(starts, end) - 1
                end_line, end_column = at + 1, end - starts[at] + 1
            else:
                end_line, end_column = line, column
        if fix is not None:
            f_offset, f_length, replacement, applicability = fix
            if not (type(f_offset) is int and type(f_length) is int and type(replacement) is str):
                raise _Bad("a fix of the wrong type")
            if f_offset < 0 or f_length < 0 or f_offset + f_length > size:
                raise _Bad("a fix outside the text")
            fix = Fix(f_offset, f_length, replacement, APPLICABILITIES[applicability])
        findings.append(
            restored_finding(
                {
                    "rule": rule,
                    "checklist": checklist,
                    "level": LEVELS[level],
                    "message": message,
                    "offset": offset,
                    "length": length,
                    "line": line,
                    "column": column,
                    "match": text[offset : offset + length],
                    "suggestions": tuple(suggestions) if suggestions else (),
                    "fixable": fixable,
                    "region": region,
                    "end_line": end_line,
                    "end_column": end_column,
                    "fix": fix,
                    "advice": tuple(advice) if advice else (),
                }
            )
        )
    checklist_items = {}
    entries = raw["checklist"]
    if type(entries) is not list:
        raise _Bad("checklist is not a list")
    for name, status, reason, score in entries:
        if type(name) is not str or type(status) is not str or type(reason) is not str:
            raise _Bad("a checklist item of the wrong type")
        if score is not None:
            if type(score) is not int and type(score) is not float:
                raise _Bad("a checklist score that is not a number")
            score = float(score)
        checklist_items[name] = item_result(status, reason, score)
    score, ready = raw["score"], raw["ready"]
    if type(score) is not int or type(ready) is not bool:
        raise _Bad("score or verdict of the wrong type")
    return DocumentReport(
        source=draft.source,
        item=draft.item,
        text=text,
        findings=tuple(findings),
        checklist=checklist_items,
        score=score,
        ready_to_send=ready,
        title=draft.title,
    )


class ResultCache:
    """Per-document results of one Linter's runs, in `folder` (None: a cache that never hits)."""

    def __init__(self, folder: Path | None, linter: Linter, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder / "results" / f"v{FORMAT}" if folder is not None else None
        self.linter = linter
        self.max_bytes = max_bytes
        self.written = 0
        self._run_key: str | None = None

    @property
    def run_key(self) -> str:
        if self._run_key is None:
            self._run_key = fingerprint(self.linter)
        return self._run_key

    def key(self, draft: Draft, run: RunValues) -> str:
        return document_key(self.run_key, draft, run, self.linter.config)

    def get(self, key: str, draft: Draft) -> DocumentReport | None:
        """The cached result of `draft` under `key`, or None (missing, unreadable or invalid)."""
        if self.folder is None:
            return None
        data = diskcache.read(diskcache.entry_file(self.folder, key), touch=True)
        if data is None:
            return None
        try:
            return decode(data, draft)
        except (ValueError, KeyError, TypeError, IndexError, RecursionError):
            return None  # a corrupt or foreign entry: checked again and written over

    def put(self, key: str, doc: DocumentReport) -> None:
        """Store one result (skipped silently when the folder cannot be written).

        The folder is trimmed to its bound at the first write of a process and every
        `EVICT_EVERY` writes after, so a long stream or service stays bounded too.
        """
        if self.folder is None:
            return
        try:
            data = encode(doc)
        except (TypeError, ValueError):
            return
        if diskcache.write(diskcache.entry_path(self.folder, key), data):
            if self.written == 0:
                self._drop_other_formats()
            if self.written % EVICT_EVERY == 0:
                diskcache.evict(self.folder, self.max_bytes)
            self.written += 1

    def _drop_other_formats(self) -> None:
        """Remove the entries of other entry formats (`results/v1` after an upgrade to v2):
        no run of this version reads them, and the size bound only counts this format's."""
        import shutil

        assert self.folder is not None
        for other in self.folder.parent.glob("v*"):
            if other != self.folder and other.is_dir() and other.name[1:].isdigit():
                shutil.rmtree(other, ignore_errors=True)

    # The pipeline's description for the report header, so a run answered wholly from
    # the cache can show it without loading spaCy.
    def _manifest_path(self) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{self.run_key}:pipeline".encode()).hexdigest()
        return diskcache.entry_path(self.folder, key)

    def pipeline(self) -> tuple[str, str | None] | None:
        """(description, note) of the pipeline as a run under this fingerprint saw it."""
        path = self._manifest_path()
        data = diskcache.read(path) if path else None
        try:
            raw = json.loads(data) if data else None
            description, note = raw["pipeline"], raw["note"]
            if isinstance(description, str) and isinstance(note, (str, type(None))):
                return description, note
        except (ValueError, KeyError, TypeError):
            pass
        return None

    def remember_pipeline(self, description: str, note: str | None) -> None:
        path = self._manifest_path()
        if path is not None and self.pipeline() != (description, note):
            diskcache.write(path, json.dumps({"pipeline": description, "note": note}).encode())
