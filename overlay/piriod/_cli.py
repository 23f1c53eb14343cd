"""`piriod`: the command line. Lists customers and products as a table, JSON, JSONL or CSV.

Credentials come only from the environment (PIRIOD_API_TOKEN, PIRIOD_WORKSPACE, ...), read
by `Piriod()` itself: a token typed on a command line would leak into `ps` and shell history.

`main()` is the console script. It hands everything to `run()`, which takes its streams, a
way to tell terminals apart and a client factory as arguments, so tests need no network.
A subcommand is one `add_command(commands, name, help=..., handler=...)` call in
`build_parser()`; its handler gets the parsed arguments and the `Context`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import functools
import inspect
import io
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, NoReturn, Protocol, TextIO, TypeAlias, TypeVar

import dateutil.parser

from piriod_api.models import Country, Customer, Product, State
from piriod_api.types import Unset

from ._client import Piriod
from ._exceptions import ConfigurationError, DriftWarning, InvalidItemsWarning, PiriodError
from ._pagination import Paginator
from ._params import MAX_PAGE_SIZE
from ._version import __version__
from .sandbox._command import add_sandbox_arguments, faults_from_arguments, run_sandbox

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "ClientFactory",
    "Context",
    "Handler",
    "Subcommands",
    "UsageError",
    "add_command",
    "build_parser",
    "main",
    "run",
]

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)

EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C

ClientFactory = Callable[[], Piriod]
# What add_subparsers() returns (any parser class); a string because the class is not
# subscriptable at runtime.
Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"


class UsageError(Exception):
    """The command was called wrongly: reported as one line, exit status 2."""


@dataclass(frozen=True)
class Context:
    """What a command handler may touch besides its arguments."""

    stdout: TextIO
    stderr: TextIO
    is_terminal: Callable[[TextIO], bool]
    client_factory: ClientFactory


Handler = Callable[[argparse.Namespace, Context], int]


# --- parsing arguments ---------------------------------------------------------------------


class _ArgumentParser(argparse.ArgumentParser):
    """Turns argparse's usage-and-exit into a UsageError, so every error is one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    allowed = f"{low} to {high}" if high is not None else f"{low} or more"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is out of range: use {allowed}")
        return value

    return parse


def parse_date(text: str) -> datetime.datetime:
    """A date as a person types it: '2026-01-05', 'Jan 5 2026', '2026-01-05T10:00-03:00'."""
    try:
        return dateutil.parser.parse(text)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it like 2026-01-05, 'Jan 5 2026' or"
            " 2026-01-05T10:00-03:00"
        ) from None


@dataclass(frozen=True)
class FilterOption:
    """A command-line flag that becomes one filter keyword of `list()`."""

    flag: str
    keyword: str
    help: str
    metavar: str = "TEXT"
    parse: Callable[[str], object] = str

    @property
    def dest(self) -> str:
        # Prefixed so a filter can never shadow an output option in the Namespace.
        return f"filter_{self.keyword}"


SEARCH = FilterOption("--search", "search", "free-text search")
ORDERING = FilterOption(
    "--ordering", "ordering", "sort by a field, '-' for descending (e.g. -created)", "FIELD"
)


def add_command(
    commands: Subcommands, name: str, *, help: str, handler: Handler
) -> argparse.ArgumentParser:
    """Adds a subcommand run by `handler`; add its own arguments to the parser returned."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler)
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    paging = parser.add_argument_group("paging")
    paging.add_argument("--limit", type=_whole_number(1), metavar="N", help="stop after N items")
    paging.add_argument(
        "--page-size",
        type=_whole_number(1, MAX_PAGE_SIZE),
        metavar="N",
        help=f"items per request (default {MAX_PAGE_SIZE}, the API's largest page)",
    )
    paging.add_argument(
        "--start-page",
        type=_whole_number(1),
        default=1,
        metavar="N",
        help="start at page N (to resume an export that failed on page N; same --page-size)",
    )
    paging.add_argument(
        "--concurrency",
        type=_whole_number(1),
        default=1,
        metavar="N",
        help="pages fetched at once (default 1)",
    )
    paging.add_argument(
        "--on-invalid",
        choices=("raise", "skip"),
        default="raise",
        help=(
            "what to do with an item holding a value of the wrong type: raise (the default:"
            " stop with an error naming it) or skip (leave it out and say how many at the end)"
        ),
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=sorted(_WRITERS),
        help="default: table on a terminal, jsonl otherwise",
    )
    output.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    output.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="a progress bar on stderr (default: when exporting to a file or pipe from a terminal)",
    )


def _add_list_command(commands: Subcommands, export: Export[Any]) -> None:
    resource: argparse.ArgumentParser = commands.add_parser(
        export.plural, help=f"{export.plural} of the workspace"
    )
    actions = resource.add_subparsers(
        title="actions", dest="action", required=True, metavar="ACTION"
    )
    parser = add_command(
        actions,
        "list",
        help=f"list {export.plural}, page after page",
        handler=functools.partial(_run_export, export),
    )
    filters = parser.add_argument_group("filters")
    for option in export.filters:
        filters.add_argument(
            option.flag,
            dest=option.dest,
            type=option.parse,
            metavar=option.metavar,
            help=option.help,
        )
    _add_output_options(parser)


def build_parser() -> argparse.ArgumentParser:
    """The `piriod` argument parser, every subcommand included."""
    parser = _ArgumentParser(
        prog="piriod",
        description="The Piriod billing API from the command line.",
        epilog="Credentials come from the environment: PIRIOD_API_TOKEN and PIRIOD_WORKSPACE"
        " (optionally PIRIOD_TEST_MODE=true and PIRIOD_BASE_URL).",
    )
    parser.add_argument("--version", action="version", version=f"piriod {__version__}")
    commands: Subcommands = parser.add_subparsers(
        title="commands", dest="command", required=True, metavar="COMMAND"
    )
    _add_list_command(commands, CUSTOMERS)
    _add_list_command(commands, PRODUCTS)
    sandbox = add_command(
        commands,
        "sandbox",
        help="serve a local Piriod-compatible API with realistic data, until Ctrl-C",
        handler=_run_sandbox,
    )
    add_sandbox_arguments(sandbox)
    return parser


def _run_sandbox(args: argparse.Namespace, context: Context) -> int:
    try:
        faults = faults_from_arguments(args)
    except ValueError as error:
        raise UsageError(f"sandbox: {error}; lower the fault rates") from None
    try:
        return run_sandbox(args, faults, context.stdout)
    except ModuleNotFoundError as error:  # uvicorn is in the `sandbox` extra
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(
            f"sandbox: cannot listen on {args.host}:{args.port} ({error.strerror or error});"
            " choose another --port, or --port 0 for a free one"
        ) from None


# --- what each resource shows --------------------------------------------------------------


def _text(value: object) -> str:
    """A cell: empty for UNSET and None, ISO 8601 for datetimes, str() for the rest."""
    if value is None or isinstance(value, Unset):
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def _day(value: datetime.datetime | Unset | None) -> str:
    return value.date().isoformat() if isinstance(value, datetime.datetime) else ""


def _count(values: list[Any] | Unset | None) -> str:
    """How many, or "" when the API left the list out or sent null."""
    return "" if values is None or isinstance(values, Unset) else str(len(values))


def _country(customer: Customer) -> str:
    return customer.country.id if isinstance(customer.country, Country) else ""


def _state(customer: Customer) -> str:
    if not isinstance(customer.state, State):
        return ""
    return _text(customer.state.name) or _text(customer.state.id)


def _sources(customer: Customer) -> str:
    sources = customer.sources
    return "" if sources is None or isinstance(sources, Unset) else " ".join(sources)


@dataclass(frozen=True)
class Column(Generic[T_contra]):
    """One column of a table or CSV: its header and how to get its cell from an item."""

    header: str
    cell: Callable[[T_contra], str]
    # Table widths (a CSV never cuts): sized from the first page within these bounds, so a
    # longer value on a later page is cut with '…' instead of breaking the alignment.
    min_width: int = 0
    max_width: int = 0
    numeric: bool = False
    keep_whole: bool = False  # an id cut short is useless: it overflows its column instead


@dataclass(frozen=True)
class Export(Generic[T]):
    """A listable resource: how to call it, its filters, and its table and CSV columns."""

    plural: str
    singular: str
    list_method: Callable[[Piriod], Callable[..., Paginator[T]]]
    filters: tuple[FilterOption, ...]
    table: tuple[Column[T], ...]
    csv: tuple[Column[T], ...]

    def noun(self, count: int) -> str:
        return self.singular if count == 1 else self.plural


CUSTOMERS: Export[Customer] = Export(
    plural="customers",
    singular="customer",
    list_method=lambda client: client.customers.list,
    filters=(
        FilterOption("--country", "country", "country id, e.g. CL", "ID"),
        FilterOption("--email", "email", "billing e-mail address"),
        FilterOption("--name", "name", "customer name"),
        FilterOption("--tax-id", "tax_id", "tax id (RUT, RFC, NIT...)"),
        SEARCH,
        FilterOption("--created-since", "created_gte", "created on or after", "DATE", parse_date),
        FilterOption("--created-until", "created_lte", "created on or before", "DATE", parse_date),
        ORDERING,
    ),
    table=(
        Column("ID", lambda c: c.id, 10, 40, keep_whole=True),
        Column("NAME", lambda c: c.name, 24, 30),
        Column("TAX_ID", lambda c: _text(c.tax_id), 12, 16),
        Column("COUNTRY", _country, 7, 7),
        Column("STATUS", lambda c: _text(c.status), 8, 10),
        Column("EMAIL", lambda c: _text(c.email), 24, 32),
        Column("CREATED", lambda c: _day(c.created), 10, 10),
    ),
    csv=(
        Column("id", lambda c: c.id),
        Column("name", lambda c: c.name),
        Column("tax_id", lambda c: _text(c.tax_id)),
        Column("email", lambda c: _text(c.email)),
        Column("phone", lambda c: _text(c.phone)),
        Column("country", _country),
        Column("state", _state),
        Column("currency", lambda c: _text(c.currency)),
        Column("status", lambda c: _text(c.status)),
        Column("website", lambda c: _text(c.website)),
        Column("created", lambda c: _text(c.created)),
        Column("updated", lambda c: _text(c.updated)),
        Column("contacts", lambda c: _count(c.contacts)),
        Column("sources", _sources),
    ),
)

PRODUCTS: Export[Product] = Export(
    plural="products",
    singular="product",
    list_method=lambda client: client.products.list,
    filters=(
        FilterOption("--name", "name", "product name"),
        FilterOption("--plans", "plans", "plan id", "ID"),
        SEARCH,
        ORDERING,
    ),
    table=(
        Column("ID", lambda p: p.id, 10, 40, keep_whole=True),
        Column("NAME", lambda p: p.name, 24, 40),
        Column("STATUS", lambda p: _text(p.status), 8, 10),
        Column("PLANS", lambda p: _count(p.plans), 5, 5, numeric=True),
        Column("UNIT_LABEL", lambda p: _text(p.unit_label), 10, 20),
    ),
    csv=(
        Column("id", lambda p: p.id),
        Column("name", lambda p: p.name),
        Column("status", lambda p: _text(p.status)),
        Column("unit_label", lambda p: _text(p.unit_label)),
        Column("archived", lambda p: _text(p.archived)),
        Column("plans", lambda p: _count(p.plans)),
        Column("created", lambda p: _text(p.created)),
        Column("updated", lambda p: _text(p.updated)),
    ),
)


# --- writing items as they arrive ----------------------------------------------------------


class Writer(Protocol[T_contra]):
    def write_page(self, items: Sequence[T_contra]) -> None:
        """Writes one page's items, as soon as the page arrives."""

    def finish(self) -> None:
        """Ends a complete export (not called after an error, so a cut export stays cut)."""


def _json(item: Any) -> str:
    return json.dumps(item.to_dict(), ensure_ascii=False)


class _JsonLinesWriter:
    def __init__(self, stream: TextIO, export: Export[Any]) -> None:
        self._stream = stream

    def write_page(self, items: Sequence[Any]) -> None:
        for item in items:
            self._stream.write(_json(item) + "\n")

    def finish(self) -> None:
        pass


class _JsonArrayWriter:
    def __init__(self, stream: TextIO, export: Export[Any]) -> None:
        self._stream = stream
        self._separator = "[\n"

    def write_page(self, items: Sequence[Any]) -> None:
        for item in items:
            self._stream.write(self._separator + _json(item))
            self._separator = ",\n"

    def finish(self) -> None:
        self._stream.write("[]\n" if self._separator == "[\n" else "\n]\n")


class _CsvWriter:
    def __init__(self, stream: TextIO, export: Export[Any]) -> None:
        self._columns = export.csv
        self._csv = csv.writer(stream)
        self._header_written = False

    def _write_header(self) -> None:
        if not self._header_written:
            self._csv.writerow(column.header for column in self._columns)
            self._header_written = True

    def write_page(self, items: Sequence[Any]) -> None:
        self._write_header()
        self._csv.writerows([column.cell(item) for column in self._columns] for item in items)

    def finish(self) -> None:
        self._write_header()  # an export of nothing is still a CSV with its header


def _one_line(text: str) -> str:
    return " ".join(text.split())  # a newline or tab in a name would break the row


def _fit(text: str, width: int, column: Column[Any]) -> str:
    if len(text) > width and not column.keep_whole:
        text = text[: width - 1] + "…"
    return text.rjust(width) if column.numeric else text.ljust(width)


class _TableWriter:
    """Column widths come from the first page (each capped), then stay fixed, so later rows
    print as their pages arrive instead of after the last one."""

    def __init__(self, stream: TextIO, export: Export[Any]) -> None:
        self._stream = stream
        self._columns = export.table
        self._widths: list[int] = []

    def _row(self, cells: Sequence[str]) -> None:
        fitted = (
            _fit(cell, width, column)
            for column, width, cell in zip(self._columns, self._widths, cells, strict=True)
        )
        self._stream.write("  ".join(fitted).rstrip() + "\n")

    def write_page(self, items: Sequence[Any]) -> None:
        rows = [[_one_line(column.cell(item)) for column in self._columns] for item in items]
        if not rows:
            return
        if not self._widths:
            headers = [column.header for column in self._columns]
            self._widths = [
                min(column.max_width, max(column.min_width, *(len(cell) for cell in cells)))
                for column, cells in zip(
                    self._columns, zip(headers, *rows, strict=True), strict=True
                )
            ]
            self._row(headers)
        for row in rows:
            self._row(row)

    def finish(self) -> None:
        pass


_WRITERS: dict[str, Callable[[TextIO, Export[Any]], Writer[Any]]] = {
    "table": _TableWriter,
    "json": _JsonArrayWriter,
    "jsonl": _JsonLinesWriter,
    "csv": _CsvWriter,
}


class ProgressBar:
    """One line on stderr, redrawn with '\\r': `customers  1200/2500  48%  [#####     ]`."""

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str, *, enabled: bool) -> None:
        self._stream = stream
        self._label = label
        self._enabled = enabled
        self._total: int | None = None
        self._done = 0

    def start(self, total: int) -> None:
        if self._total is None:
            self._total = total
            self._draw()

    def advance(self, items: int) -> None:
        self._done += items
        self._draw()

    def _draw(self) -> None:
        if not self._enabled or self._total is None:
            return
        # The server's count can move during a walk; the bar never runs past full.
        share = min(1.0, self._done / self._total) if self._total else 1.0
        filled = round(share * self.WIDTH)
        bar = "#" * filled + " " * (self.WIDTH - filled)
        line = f"{self._label}  {self._done}/{self._total}  {share:4.0%}  [{bar}]"
        self._stream.write("\r" + line)
        self._stream.flush()

    def close(self) -> None:
        if self._enabled and self._total is not None:
            self._stream.write("\n")
            self._stream.flush()


# --- the list commands ---------------------------------------------------------------------


def _start_listing(export: Export[T], client: Piriod, args: argparse.Namespace) -> Paginator[T]:
    """Calls `list()` (no request yet); the client's argument checks become usage errors."""
    list_items = export.list_method(client)
    options: dict[str, Any] = {
        "max_items": args.limit,
        "start_page": args.start_page,
        "on_invalid": args.on_invalid,
    }
    if args.page_size is not None:
        options["page_size"] = args.page_size
    if "concurrency" in inspect.signature(list_items).parameters:
        options["concurrency"] = args.concurrency
    elif args.concurrency > 1:
        raise UsageError(
            f"--concurrency {args.concurrency}: this version of piriod fetches pages one at a"
            " time; leave --concurrency out"
        )
    for option in export.filters:
        value = getattr(args, option.dest)
        if value is not None:
            options[option.keyword] = value
    try:
        return list_items(**options)
    except (ValueError, TypeError) as error:
        raise UsageError(str(error)) from None


@contextlib.contextmanager
def _open_output(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    if path is None:
        yield stdout
        return
    try:
        # newline="" so the csv module's own line endings reach the file unchanged.
        file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as error:
        raise UsageError(
            f"cannot write --output {path!r}: {error.strerror}; check the directory exists and"
            " you may write there"
        ) from None
    with file:
        yield file


def _export_pages(
    paginator: Paginator[T],
    writer: Writer[T],
    stream: TextIO,
    progress: ProgressBar,
    limit: int | None,
) -> int:
    """Writes every item as its page arrives; returns how many were written."""
    written = 0
    for page in paginator.pages():
        progress.start(page.count if limit is None else min(page.count, limit))
        writer.write_page(page.items)
        written += len(page.items)
        stream.flush()  # downstream sees each page now, not when a pipe's buffer fills
        progress.advance(len(page.items))
    writer.finish()
    stream.flush()
    return written


def _run_export(export: Export[T], args: argparse.Namespace, context: Context) -> int:
    to_terminal = args.output is None and context.is_terminal(context.stdout)
    output_format: str = args.format or ("table" if to_terminal else "jsonl")
    show_progress: bool = args.progress
    if show_progress is None:
        show_progress = not to_terminal and context.is_terminal(context.stderr)
    with context.client_factory() as client:
        paginator = _start_listing(export, client, args)
        with _open_output(args.output, context.stdout) as stream:
            writer = _WRITERS[output_format](stream, export)
            progress = ProgressBar(context.stderr, export.plural, enabled=show_progress)
            try:
                written = _export_pages(paginator, writer, stream, progress, args.limit)
            finally:
                progress.close()
    if output_format == "table":
        context.stderr.write(f"{written} {export.noun(written)}\n")
    return EXIT_OK


# --- entry points --------------------------------------------------------------------------


def _attach_dashed_values(words: list[str]) -> list[str]:
    """`--ordering -created` as `--ordering=-created`: argparse would take '-created' for an
    option and say the flag has no value, yet a leading '-' is how the API spells descending."""
    attached: list[str] = []
    for word in words:
        if attached and attached[-1] == ORDERING.flag and word[:1] == "-" and word[:2] != "--":
            attached[-1] = f"{ORDERING.flag}={word}"
        else:
            attached.append(word)
    return attached


def _report(stderr: TextIO, error: BaseException, status: int) -> int:
    text = str(error)
    if isinstance(error, PiriodError) and error.page is not None:
        text = f"{error.message} [page {error.page}: resume with --start-page {error.page}]"
    message = " ".join(text.split()) or type(error).__name__
    stderr.write(f"piriod: error: {message}\n")
    return status


def _show_warning(stderr: TextIO, message: Warning | str, *_: object, **__: object) -> None:
    stderr.write(f"piriod: warning: {' '.join(str(message).split())}\n")


def _silence(stream: TextIO) -> None:
    """Points a closed pipe's descriptor at devnull, so the interpreter's final flush of it
    cannot fail again (what the Python docs recommend for SIGPIPE)."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def run(
    argv: Sequence[str] | None,
    *,
    stdout: TextIO,
    stderr: TextIO,
    is_terminal: Callable[[TextIO], bool] = _is_terminal,
    client_factory: ClientFactory = Piriod,
) -> int:
    """Runs one command line and returns its exit status; expected failures print one line."""
    context = Context(stdout, stderr, is_terminal, client_factory)
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        with contextlib.redirect_stdout(stdout):  # where argparse prints --help and --version
            args = build_parser().parse_args(_attach_dashed_values(words))
        handler: Handler = args.handler
        with warnings.catch_warnings():
            # A walk's warnings (items skipped, the list changed) as one plain line each.
            warnings.simplefilter("always", DriftWarning)
            warnings.simplefilter("always", InvalidItemsWarning)
            warnings.showwarning = functools.partial(_show_warning, stderr)
            return handler(args, context)
    except SystemExit as done:  # --help, --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except (UsageError, ConfigurationError) as error:
        return _report(stderr, error, EXIT_USAGE)
    except PiriodError as error:
        return _report(stderr, error, EXIT_API_ERROR)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `piriod customers list | head -3`: the reader has had enough
        _silence(stdout)
        return EXIT_OK


def _utf8_when_piped(stream: TextIO) -> None:
    # JSON and CSV for machines are UTF-8 whatever the locale (cp1252 on a Windows pipe).
    if isinstance(stream, io.TextIOWrapper) and not stream.isatty():
        stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """The `piriod` console script."""
    _utf8_when_piped(sys.stdout)
    return run(argv, stdout=sys.stdout, stderr=sys.stderr)
