"""Property tests over the API: whatever goes in, the report keeps its promises.

Generated drafts (realistic pieces and hostile ones: control characters, markup,
placeholders, every line ending, other scripts, emoji), names (with and without
letters), tickets, channels, conversation objects and JSON, and library files read
by the readers, are linted; for every report:

* no exception but the project's own (ReplylintError and its subclasses);
* every finding lies inside its text, `match` is exactly that slice, and line and
  column (and the end position) agree with the offset;
* every score is 0-100;
* the JSON and SARIF output parse, the line format has one line per finding;
* the same input twice gives the same output.

The test run does about 3,000 examples in all, sized to stay under 90 s in CI; `make
fuzz` sets FUZZ_EXAMPLES (examples per property) for long runs. The CLI and the
JSON-lines stream get their own properties with issue 9's part B.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from replylint import ReplylintError, lint
from replylint.channels import CHANNELS
from replylint.config import Config
from replylint.engine import linter_for
from replylint.formatters import FORMATTERS
from replylint.readers.library import read_text, split_entries
from replylint.report import Report
from replylint.textmap import LineIndex

# Settings per test, not a global profile: other suites (schemathesis) keep theirs.
_BASE = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True
)
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))  # set by `make fuzz`


def examples(n: int) -> settings:
    """`n` examples in the test run; FUZZ_EXAMPLES each under `make fuzz`."""
    if FUZZ_EXAMPLES:
        return settings(_BASE, max_examples=FUZZ_EXAMPLES, suppress_health_check=list(HealthCheck))
    return settings(_BASE, max_examples=n)


# -- what drafts are made of --------------------------------------------------------------

PIECES = [
    "Hi Sam,", "Hello", "Dear Ms Raman,", "Hey there!", "@sam_k", "Hi, Sam!", "Thanks for your patience.",
    "I'm sorry for the wait.", "Your refund of $24.99 is on its way.", "Order #A-10482 shipped today.",
    "Unfortunately we can't change that.", "You failed to attach it.", "I just really think so.",
    "Please be advised that", "at this point in time", "I will recieve it untill Friday.", "the the",
    "What happens next?", "We'll email you by Monday.", "Best,", "Regards,", "Thanks,", "Ana", "-Mike",
    "Support Team", "--", "> On Mon, Sam wrote:", "> where is my order??", "{{first_name}}",
    "{{ticket.requester.first_name}}", "[Customer Name]", "XXX", "{% if x %}yes{% endif %}",
    "<!-- replylint-disable spelling -->", "<!-- replylint-enable spelling -->",
    "<!-- replylint-disable-next-line -->", "<!--", "-->", "<p>", "</p>", "<br>", "<b>", "&amp;", "&nbsp;",
    "<blockquote>", '<div class="signature">', "https://example.test/track?id=1", "sam@example.test",
    "1-800-555-0100", "ASAP", "NOT", "URGENT!!!", "🙂", "😡😡", "👍🏽", "café", "İstanbul", "ﬁle", "مرحبا",
    "שלום", "中文", "\u200b", "\u202e", "\x1b[2J", "\x1b]0;x\x07", "\x00", "\x7f", "\t", "Dr.", "Mr", ":",
]  # fmt: skip
SEPARATORS = [" ", "", "\n", "\n\n", "\r", "\r\n", "\r\r", ", ", ". ", "\t"]

piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=8))
freeform = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts)
)
structured = st.builds(
    lambda greeting, body, closing, name, newline: newline.join([greeting, "", body, "", closing, name]),
    st.sampled_from(["Hi Sam,", "Hello Sarah,", "Dear Mr. Okafor,", "Hey,", "", "Hi {{first_name}},"]),
    freeform,
    st.sampled_from(["Best,", "Kind regards,", "Thanks", "", "Cheers!"]),
    st.one_of(st.sampled_from(["Ana", "The Support Team", "A.", "[Agent Name]", ""]), st.text(max_size=10)),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
drafts = st.one_of(structured, freeform)
names = st.one_of(
    st.none(),
    st.sampled_from(
        ["Sam", "Sarah Jones", "Dr.", "Mr", ":", " ", "\r", "Ms Raman", "O'Brien", "José", "李", "@sam"]
    ),
    st.text(max_size=12),
)
# most drafts come without a ticket, as most runs do (a ticket costs its own analysis)
tickets = st.one_of(st.none(), st.none(), st.none(), drafts, st.text(max_size=60))
channels = st.one_of(st.none(), st.sampled_from(CHANNELS))


# -- the invariants -----------------------------------------------------------------------


def check_report(report: Report, *, exact_lines: bool = True, file_lines: int | None = None) -> None:
    """Every invariant a report keeps; `exact_lines` when positions are in the text itself."""
    for doc in report.documents:
        assert 0 <= doc.score <= 100, doc.score
        text = doc.text
        index = LineIndex.of(text)
        for f in doc.findings:
            assert 0 <= f.offset <= len(text) and f.length >= 0 and f.offset + f.length <= len(text), f
            assert f.match == text[f.offset : f.offset + f.length], f
            assert f.line >= 1 and f.column >= 1, f
            if exact_lines:
                assert (f.line, f.column) == index.position(f.offset), f
                if f.length:
                    assert (f.end_line, f.end_column) == index.position(f.offset + f.length), f
            elif file_lines is not None:
                assert f.line <= file_lines, (f, file_lines)
    as_json = FORMATTERS["json"](report)
    data = json.loads(as_json)
    assert len(data["documents"]) == len(report.documents)
    json.loads(FORMATTERS["sarif"](report))
    assert FORMATTERS["line"](report).count("\n") == sum(len(d.findings) for d in report.documents)
    FORMATTERS["text"](report)


def same_twice(first: Report, second: Report) -> None:
    assert FORMATTERS["json"](first) == FORMATTERS["json"](second)


# -- drafts through lint() -------------------------------------------------------------------


@examples(1_300)
@given(
    text=drafts,
    customer=names,
    agent=names,
    ticket=tickets,
    channel=channels,
    html=st.booleans(),
    twice=st.integers(0, 7),
)
def test_fuzz_api_lint_keeps_its_invariants(
    text: str,
    customer: str | None,
    agent: str | None,
    ticket: str | None,
    channel: str | None,
    html: bool,
    twice: int,
) -> None:
    kwargs = {"customer": customer, "agent": agent, "ticket": ticket, "channel": channel, "html": html}
    try:
        report = lint(text, **kwargs)
    except ReplylintError:
        assume(False)  # the project's own error (an empty draft or ticket): allowed, nothing to check
        return
    check_report(report)
    if twice == 0:  # one example in eight is run again: same input, same output
        same_twice(report, lint(text, **kwargs))


# -- conversations: objects and JSON text ----------------------------------------------------

junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5), st.just([]), st.just({})
)
person = st.one_of(names, st.fixed_dictionaries({"name": names}), junk)
message = st.one_of(
    st.fixed_dictionaries(
        {"from": st.sampled_from(["customer", "agent", "bot"]), "text": st.one_of(drafts, junk)}
    ),
    junk,
)
conversations = st.fixed_dictionaries(
    {"draft": st.one_of(drafts, junk)},
    optional={
        "customer": person,
        "agent": person,
        "messages": st.one_of(st.lists(message, max_size=4), junk),
        "ticket": st.one_of(tickets, junk),
        "id": st.one_of(st.text(max_size=8), st.integers(), junk),
        "channel": st.one_of(channels, junk),
    },
)
HOSTILE_JSON = [
    "[" * 100_000 + "]" * 100_000,
    '{"draft": "Hi \\ud800 there"}',
    '{"draft": "Hi", "id": ' + "9" * 5_000 + "}",
    '{"draft": "Hi Sam,\\n\\nDone.\\n\\nBest,\\nAna", "customer": {"name": "\\udfff"}}',
    '{"draft": 1e400}',
    "",
    "null",
    '{"draft": "x"',
]


@examples(1_000)
@given(obj=conversations, as_text=st.booleans(), hostile=st.sampled_from([None, *HOSTILE_JSON]))
def test_fuzz_api_conversations_lint_or_say_why(obj: dict, as_text: bool, hostile: str | None) -> None:
    conversation: dict | str = hostile if hostile is not None else (json.dumps(obj) if as_text else obj)
    try:
        report = lint(conversation=conversation)
    except ReplylintError as exc:
        str(exc).encode("utf-8")  # the message itself can always be printed
        return
    check_report(report)


# -- library files through the readers ----------------------------------------------------------

surrogate_text = st.text(
    alphabet=st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=10,
)
value = st.one_of(drafts, surrogate_text, junk, st.integers(min_value=-(10**1200), max_value=10**1200))
list_item = st.fixed_dictionaries(
    {"body": st.one_of(drafts, value)},
    optional={
        "id": value,
        "title": value,
        "customer": value,
        "agent": value,
        "mode": value,
        "channel": value,
    },
)
zendesk_macro = st.fixed_dictionaries(
    {
        "id": value,
        "title": value,
        "actions": st.lists(
            st.fixed_dictionaries(
                {
                    "field": st.sampled_from(["comment_value", "comment_value_html", "status"]),
                    "value": st.one_of(drafts, value, st.tuples(st.just("channel:all"), drafts).map(list)),
                }
            ),
            max_size=3,
        ),
    }
)
libraries = st.one_of(
    st.lists(list_item, min_size=1, max_size=4),
    st.builds(lambda macros: {"macros": macros}, st.lists(zendesk_macro, min_size=1, max_size=4)),
)


def nest(data: object, depth: int) -> object:
    for _ in range(depth):
        data = [data]
    return data


@examples(700)
@given(
    data=libraries,
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 2]),
    depth=st.sampled_from([0, 0, 0, 150]),
    syntax=st.sampled_from(["json", "json", "yaml"]),
)
def test_fuzz_api_library_files_read_and_lint(
    data: object, ascii_only: bool, indent: int | None, depth: int, syntax: str
) -> None:
    data = nest(data, depth)
    if syntax == "json":
        text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    else:
        try:
            text = yaml.safe_dump(data, allow_unicode=not ascii_only)
        except (yaml.YAMLError, RecursionError):
            return
        except UnicodeEncodeError:
            return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # a file on disk is bytes: lone surrogates reach JSON only as \\ud800 escapes
    try:
        entries = read_text(text, f"lib.{syntax}", "auto", suffix=f".{syntax}")
    except ReplylintError as exc:
        str(exc).encode("utf-8")
        return
    found, errors = split_entries(entries)
    for error in errors:
        str(error).encode("utf-8")
    if not found:
        return
    linter = linter_for(Config())
    try:
        report = linter.lint(found, linter.context())
    except ReplylintError:
        return
    check_report(report, exact_lines=False, file_lines=text.count("\n") + 1)


# -- inputs that were slow or crashed before ----------------------------------------------


@pytest.mark.parametrize("text", ["Hi Sam,\n\n" + "🙂" * 3_000 + "\n\nBest,\nAna", "<!--" * 5_000])
def test_fuzz_api_known_hard_inputs(text: str) -> None:
    check_report(lint(text, customer="Sam", agent="Ana"))
