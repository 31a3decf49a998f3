"""ReplyDocument: a draft ready for rules, built once and shared by every check.

Original text -> checked text (HTML stripped, offsets mapped) -> placeholders masked
at the same length -> regions -> quoted history blanked -> one spaCy Doc. Offsets in
the Doc are offsets in the checked text; `MappedText` takes them back to the original.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import names
from .nlp import Pipeline
from .placeholders import Placeholder, Scan, TemplateIssue, inspectable, mask, scan
from .regions import Regions, split_regions
from .suppress import Suppressions
from .suppress import parse as parse_suppressions
from .textmap import LineIndex, MappedText, comment_spans, strip_html

if TYPE_CHECKING:
    from .ticket import Ticket


@dataclass(frozen=True)
class ReplyContext:
    """What the run knows besides the text: names, mode, vocabulary."""

    customer: str | None = None
    agent: str | None = None
    mode: str = "draft"  # "draft" or "template"
    vocabulary: frozenset[str] = frozenset()
    templates: str = "auto"  # placeholder dialect, or "auto" to detect per document
    ticket: Ticket | None = field(default=None, compare=False)  # the customer's message, analysed
    channel: str = "email"  # one of CHANNELS: what the reply must have and its limits
    # The run's own values (run.RunValues) when made by Linter.context(): Linter.lint then
    # decides each draft's context from them with run.decide, as every entry point does.
    run: Any = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Folded words of the customer's and agent's names (never misspellings)."""
        out: set[str] = set()
        for name in (self.customer, self.agent):
            if name:
                out.update(names.words(name))
        return frozenset(out)


@dataclass(frozen=True)
class Draft:
    """One text to check, where it came from, and what its source says about it.

    Library readers set `item`/`title` and may set `locate`, which maps an offset in
    `text` to the 1-based (line, column) in the library file. `customer`, `agent`,
    `mode`, `channel`, `ticket` and `disable` come from the document itself (front
    matter, item settings, the conversation object) and win over the run's values;
    `implied_mode` and `implied_channel` are what the input format implies (library
    items are templates, Help Scout's chatText is chat), which the run's values beat.
    `run.decide` applies this order (the README's precedence table).
    """

    text: str
    source: str = "-"
    item: str | None = None
    is_html: bool = False
    title: str | None = None
    customer: str | None = None
    agent: str | None = None
    mode: str | None = None
    disable: frozenset[str] = frozenset()
    ticket: str | None = None  # the customer's message this draft answers (text)
    channel: str | None = None  # email, chat or social; overrides the run's
    locate: Callable[[int], tuple[int, int]] | None = field(default=None, compare=False, hash=False)
    # Where `text` starts in its file when it is a verbatim slice of it (front matter
    # left out); None when it is not (a JSON or YAML library value). --fix needs it.
    body_offset: int | None = 0
    templates: str | None = None  # the placeholder dialect, when the reader knows it
    implied_mode: str | None = None  # what the input format implies: "template" for library items
    implied_channel: str | None = None  # what the input format implies: "chat" for Help Scout chatText
    # What the reader set aside and the user should hear about, each naming where it is
    # (a customer or agent name without a letter: `names.nobody`). The CLI prints them.
    warnings: tuple[str, ...] = field(default=(), compare=False, hash=False)


@dataclass(frozen=True)
class ReplyDocument:
    """A parsed reply: the original, the checked text, its Doc and its regions."""

    draft: Draft
    mapped: MappedText
    text: str  # what spaCy saw: placeholders masked, quoted history blanked
    doc: Any  # spacy.tokens.Doc
    regions: Regions
    placeholders: tuple[Placeholder, ...]
    context: ReplyContext
    lines: LineIndex = field(repr=False)
    dialect: str | None = None
    template_issues: tuple[TemplateIssue, ...] = ()
    inspectable: bool = True
    suppressions: Suppressions = field(default_factory=Suppressions)
    # spaCy Spans per region span, made once per document however many rules ask (kinds.base.spans_in)
    span_cache: dict[tuple[int, int], Any] = field(default_factory=dict, repr=False, compare=False)
    # A Liquid template that branches is this document (its first variant) plus the other
    # texts the customer could receive (placeholders.Variant); the engine checks them all.
    variants: tuple[ReplyDocument, ...] = field(default=(), repr=False, compare=False)
    customer_name_empty: bool = False  # this variant is the branch taken when the name is empty

    def source_text(self, start: int, end: int) -> str:
        """Checked text before masking (what the author wrote, tags removed)."""
        return self.mapped.text[start:end]

    def end_position(self, original_end: int) -> tuple[int, int]:
        """1-based (line, column) just after a match ending at `original_end`."""
        return place_end(self.draft, self.lines, original_end)

    def position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Original (offset, length, line, column) of a checked-text span."""
        o_start, o_end = self.mapped.span_to_original(start, end)
        line, column = place(self.draft, self.lines, o_start)
        return o_start, o_end - o_start, line, column


def place(draft: Draft, lines: LineIndex, offset: int) -> tuple[int, int]:
    """1-based (line, column) in the draft's file of an offset into its text."""
    if draft.locate is not None:
        return draft.locate(offset)
    return lines.position(offset)


def place_end(draft: Draft, lines: LineIndex, end: int) -> tuple[int, int]:
    """1-based (line, column) in the draft's file just after a match ending at `end`."""
    if draft.locate is not None:
        try:
            return draft.locate(end)
        except (IndexError, ValueError, KeyError):
            return draft.locate(max(end - 1, 0))
    return lines.position(end)


def place_span(draft: Draft, lines: LineIndex, offset: int, length: int) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of an original-text span, as the engine places findings."""
    line, column = place(draft, lines, offset)
    end_line, end_column = place_end(draft, lines, offset + length) if length else (line, column)
    return line, column, end_line, end_column


@dataclass(frozen=True)
class Prepared:
    """A draft made ready for spaCy: checked text, regions and placeholders, no Doc yet.

    The grammar service sends exactly this `text` to LanguageTool before spaCy runs.
    """

    draft: Draft
    mapped: MappedText
    text: str
    regions: Regions
    scan: Scan
    customer_name_empty: bool = False


_NOT_NEWLINE = re.compile(r"[^\n]")
_LONE_CR = re.compile(r"\r(?!\n)")
_WRAP = re.compile(r"(?<=[^\s])\n(?=[a-z])")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")


def _entity_at_same_length(match: re.Match[str]) -> str:
    char = html.unescape(match.group())
    if len(char) != 1 or char == match.group():
        return match.group()
    return (" " if char == "\xa0" else char).ljust(len(match.group()))


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each span replaced by spaces (newlines kept): same length, same offsets."""
    parts = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def prepare(draft: Draft, context: ReplyContext) -> Prepared:
    """Strip HTML and comments, mask placeholders, find regions, blank quoted history.

    For a Liquid template that branches this is its first variant; `prepare_all` gives all.
    """
    return prepare_all(draft, context)[0]


def prepare_all(draft: Draft, context: ReplyContext) -> list[Prepared]:
    """Every text of `draft` a customer could receive, prepared (one unless it is a branching
    Liquid template): untaken branches are blanked at the same length, so offsets hold."""
    if draft.is_html:
        mapped = strip_html(draft.text)
    elif "<!--" in draft.text:
        # HTML comments (suppression directives among them) are invisible in Markdown.
        comments = comment_spans(draft.text)
        mapped = MappedText(draft.text, _blank(draft.text, comments), None)
    else:
        mapped = MappedText.plain(draft.text)
    if "\r" in mapped.text and not draft.is_html:
        # A lone CR ends a line as LF does (old Mac files, some web forms): read as LF,
        # same length, so regions, sentences and offsets see the lines the author wrote.
        mapped = MappedText(mapped.original, _LONE_CR.sub("\n", mapped.text), mapped.origin)
    found = scan(mapped.text, context.templates)
    masked = mask(mapped.text, found.placeholders)
    if not found.variants:
        return [_finish(draft, mapped, masked, found)]
    return [
        _finish(draft, mapped, _blank(masked, v.blank), found, v.customer_name_empty) for v in found.variants
    ]


def _finish(draft: Draft, mapped: MappedText, masked: str, found: Scan, name_empty: bool = False) -> Prepared:
    regions = split_regions(masked)
    if regions.quoted:
        masked = _blank(masked, regions.quoted)
    # A line break followed by a lowercase word is hard wrapping inside a sentence; spaCy
    # would make it a SPACE token and split phrases such as "in order\nto". Same length.
    masked = _WRAP.sub(" ", masked)
    # Phones and word processors type a curly apostrophe; phrase lists and spaCy's
    # contraction rules expect the straight one ("I’m afraid", "can’t"). Same length.
    masked = masked.translate(_APOSTROPHES)
    if "&" in masked and not draft.is_html:
        # Text copied from web exports keeps entities ("you &amp; me"): read the character,
        # padded with spaces to the entity's length so offsets still hold.
        masked = _ENTITY.sub(_entity_at_same_length, masked)
    return Prepared(draft, mapped, masked, regions, found, name_empty)


def contexts_for(drafts: list[Draft], context: ReplyContext | Iterable[ReplyContext]) -> list[ReplyContext]:
    """Each draft's (already decided) context: one context for all drafts, or one each."""
    if isinstance(context, ReplyContext):
        return [context] * len(drafts)
    contexts = list(context)
    if len(contexts) != len(drafts):
        raise ValueError(f"{len(drafts)} drafts but {len(contexts)} contexts")
    return contexts


def parse_documents(
    drafts: Iterable[Draft], context: ReplyContext | Iterable[ReplyContext], pipeline: Pipeline
) -> Iterator[ReplyDocument]:
    """Parse drafts in one batched spaCy pass; contexts (decided by `run.decide`) are one
    for all or one each. One ReplyDocument per draft; a branching Liquid template's other
    variants ride along in its `variants`."""
    drafts = list(drafts)
    contexts = contexts_for(drafts, context)
    groups = [prepare_all(d, c) for d, c in zip(drafts, contexts, strict=True)]
    yield from parse_prepared(groups, contexts, pipeline)


def parse_prepared(
    groups: list[list[Prepared]], contexts: list[ReplyContext], pipeline: Pipeline
) -> Iterator[ReplyDocument]:
    """`parse_documents` after `prepare_all`: one batched spaCy pass over prepared drafts
    (each a list of its variants). The engine prepares each draft on its own, so a draft
    that cannot be prepared fails alone."""
    prepared = [p for group in groups for p in group]
    # Long texts are parsed in pieces, so spaCy's max_length never applies (see nlp.py).
    docs = pipeline.parse(p.text for p in prepared)
    for group, ctx in zip(groups, contexts, strict=True):
        parsed = [_document(prep, ctx, next(docs)) for prep in group]
        yield replace(parsed[0], variants=tuple(parsed[1:])) if len(parsed) > 1 else parsed[0]


def _document(prep: Prepared, ctx: ReplyContext, doc: Any) -> ReplyDocument:
    return ReplyDocument(
        draft=prep.draft,
        mapped=prep.mapped,
        text=prep.text,
        doc=doc,
        regions=prep.regions,
        placeholders=prep.scan.placeholders,
        context=ctx,
        lines=LineIndex.of(prep.draft.text),
        dialect=prep.scan.dialect,
        template_issues=prep.scan.issues,
        inspectable=inspectable(prep.mapped.text, prep.scan.placeholders),
        suppressions=parse_suppressions(prep.draft.text),
        customer_name_empty=prep.customer_name_empty,
    )
