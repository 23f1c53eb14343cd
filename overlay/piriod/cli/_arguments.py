"""The `piriod` argument parser: subcommands, flags, and the checks argparse leaves out.

argparse is kept, with three things added: a value may start with `-` for any flag
(`--search -SpA`, `--ordering -created`), a mistyped flag gets a did-you-mean, and the
sandbox's own options are added only when `piriod sandbox` runs (so `--help` and
`--version` need not import the sandbox).
"""

from __future__ import annotations

import argparse
import difflib
import functools
import math
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeAlias

from .._pagination import MAX_CONCURRENCY
from .._params import MAX_PAGE_SIZE
from .._version import __version__
from ._dates import local_zone
from ._resources import RESOURCES, Resource

__all__ = [
    "EXTENSIONS",
    "ArgumentParser",
    "Subcommands",
    "UsageError",
    "add_command",
    "attach_dashed_values",
    "build_parser",
    "connection_options",
    "unknown_flags_message",
]

# What add_subparsers() returns (any parser class); a string because the class is not
# subscriptable at runtime.
Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"

# The format an --output file's extension means, when --format is not given.
EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class UsageError(Exception):
    """The command was called wrongly: reported as one line, exit status 2."""


class ArgumentParser(argparse.ArgumentParser):
    """Turns argparse's usage-and-exit into a UsageError, so every error is one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No abbreviations: `--create` would silently mean whichever flag it prefixes today
        # and break when a new flag shares the prefix. A mistyped flag gets a did-you-mean.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
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


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be a number of seconds above 0")
    return value


def query_parameter(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not NAME=VALUE; write it like metadata__crm_id=4471"
        )
    if not value:
        raise argparse.ArgumentTypeError(f"{name}= has no value: leave the --param out")
    return name.strip(), value


def add_command(
    commands: Subcommands, name: str, *, help: str, handler: Callable[..., int]
) -> argparse.ArgumentParser:
    """Adds a subcommand run by `handler`; add its own arguments to the parser returned."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler, command_parser=parser)
    return parser


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    connection = parser.add_argument_group(
        "connection (the token is read only from PIRIOD_API_TOKEN)"
    )
    connection.add_argument(
        "--workspace", metavar="ID", help="workspace id (default: PIRIOD_WORKSPACE)"
    )
    mode = connection.add_mutually_exclusive_group()
    mode.add_argument(
        "--test-mode",
        dest="test_mode",
        action="store_const",
        const=True,
        help="the workspace's test data (default: PIRIOD_TEST_MODE, else live)",
    )
    mode.add_argument(
        "--live-mode", dest="test_mode", action="store_const", const=False, help="live data"
    )
    connection.add_argument(
        "--timeout",
        type=seconds,
        metavar="SECONDS",
        help="longest wait for one reply (default 30; connecting 5 at most)",
    )


def connection_options(args: argparse.Namespace) -> dict[str, Any]:
    """The client's settings the connection flags give (the rest comes from the environment)."""
    given = (
        ("workspace", args.workspace),
        ("test_mode", args.test_mode),
        ("timeout", args.timeout),
    )
    return {key: value for key, value in given if value is not None}


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    paging = parser.add_argument_group("paging")
    paging.add_argument(
        "--limit", type=whole_number(1), metavar="N", help="stop after N items (fetching no more)"
    )
    paging.add_argument(
        "--page-size",
        type=whole_number(1, MAX_PAGE_SIZE),
        metavar="N",
        help=f"items per request (default {MAX_PAGE_SIZE}, the API's largest page)",
    )
    paging.add_argument(
        "--start-page",
        type=whole_number(1),
        metavar="N",
        help="start at page N (to export only the rest; to finish a failed --output file,"
        " use --resume)",
    )
    paging.add_argument(
        "--concurrency",
        type=whole_number(1, MAX_CONCURRENCY),
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
        choices=("csv", "json", "jsonl", "table"),
        help="default: from the --output file's extension (.csv .json .jsonl .ndjson);"
        " else table on a terminal, jsonl otherwise",
    )
    output.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout ('-' is stdout); FILE is replaced only once"
        " the export is complete (meanwhile, and after a failure, the rows are in"
        " FILE.partial); a pipe or device is written as it goes",
    )
    output.add_argument(
        "--resume",
        action="store_true",
        help="finish the failed export FILE.partial into --output FILE (the failed command"
        " prints the exact command to run)",
    )
    output.add_argument(
        "--keep-formulas",
        action="store_true",
        help="CSV: write cells starting with = + - @ tab or carriage return as they are (by"
        " default they get a leading ' so a spreadsheet shows them instead of running them)",
    )
    output.add_argument(
        "--excel-semicolon",
        action="store_true",
        help="CSV for Excel set to Spanish (and other decimal-comma locales): a UTF-8"
        " byte-order mark and ; between cells",
    )
    output.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="a progress bar on stderr, on a terminal only (default: when writing to a file"
        " or pipe from a terminal)",
    )


def _add_list_command(
    commands: Subcommands, resource: Resource, handler: Callable[..., int]
) -> None:
    group: argparse.ArgumentParser = commands.add_parser(
        resource.plural, help=f"{resource.plural} of the workspace"
    )
    actions = group.add_subparsers(title="actions", dest="action", required=True, metavar="ACTION")
    parser = add_command(
        actions,
        "list",
        help=f"list {resource.plural}, page after page",
        handler=functools.partial(handler, resource),
    )
    parser.epilog = (
        f"Dates are ISO 8601: 2026-01-05, 2026-01-05T10:00 or 2026-01-05T10:00:00-03:00."
        f" Without an offset they are this computer's time zone, now {local_zone()}."
        if any(option.is_date for option in resource.filters)
        else None
    )
    filters = parser.add_argument_group("filters")
    for option in resource.filters:
        filters.add_argument(
            option.flag,
            dest=option.dest,
            type=option.parse,
            metavar=option.metavar,
            help=option.help,
        )
    filters.add_argument(
        "--param",
        dest="params",
        action="append",
        type=query_parameter,
        default=[],
        metavar="NAME=VALUE",
        help="any other query parameter, sent as it is (repeatable), e.g. metadata__crm_id=4471",
    )
    _add_connection_options(parser)
    _add_output_options(parser)


def _resource_name(text: str) -> str:
    names = [resource.plural for resource in RESOURCES]
    if text not in names:
        raise argparse.ArgumentTypeError(f"{text!r} is not a resource: use {' or '.join(names)}")
    return text


def _add_sync_command(commands: Subcommands, handler: Callable[..., int]) -> None:
    parser = add_command(
        commands,
        "sync",
        help="copy the workspace's customers and products into a database (DuckDB by default)",
        handler=handler,
    )
    parser.epilog = (
        "A full sync leaves the tables equal to the API (updates and deletions included);"
        " a failed one leaves them as they were. Needs dlt with DuckDB: pip install"
        " 'dlt[duckdb]>=1.20' (what piriod's sync extra installs; from a checkout: pip install"
        " '.[sync]')."
    )
    parser.add_argument(
        "resources",
        nargs="*",
        type=_resource_name,
        metavar="RESOURCE",
        help="customers, products, or both (the default)",
    )
    target = parser.add_argument_group("where")
    target.add_argument(
        "--destination",
        default="duckdb",
        metavar="NAME",
        help="duckdb (the default: the file piriod.duckdb here) or any dlt destination, such"
        " as postgres, its credentials from dlt's configuration",
    )
    target.add_argument(
        "--dataset",
        metavar="NAME",
        help="the dataset (schema) to load into (default: piriod_live, or piriod_test in"
        " test mode)",
    )
    what = parser.add_argument_group("what")
    what.add_argument(
        "--new-only",
        action="store_true",
        help="only customers created since the last sync (products are always synced whole)",
    )
    what.add_argument(
        "--concurrency",
        type=whole_number(1, MAX_CONCURRENCY),
        default=4,
        metavar="N",
        help=f"pages fetched at once, 1 to {MAX_CONCURRENCY} (default 4)",
    )
    what.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal)",
    )
    _add_connection_options(parser)


def build_parser(
    list_handler: Callable[..., int] | None = None,
    sandbox_handler: Callable[..., int] | None = None,
    sync_handler: Callable[..., int] | None = None,
    mcp_handler: Callable[..., int] | None = None,
    *,
    with_sandbox_options: bool = True,
) -> ArgumentParser:
    """The `piriod` argument parser, every subcommand included."""
    parser = ArgumentParser(
        prog="piriod",
        description="The Piriod billing API from the command line.",
        epilog="Credentials come from the environment: PIRIOD_API_TOKEN and PIRIOD_WORKSPACE"
        " (optionally PIRIOD_TEST_MODE=true and PIRIOD_BASE_URL).",
    )
    parser.add_argument("--version", action="version", version=f"piriod {__version__}")
    commands: Subcommands = parser.add_subparsers(
        title="commands", dest="command", required=True, metavar="COMMAND"
    )
    for resource in RESOURCES:
        _add_list_command(commands, resource, list_handler or _unused)
    _add_sync_command(commands, sync_handler or _unused)
    mcp = add_command(
        commands,
        "mcp",
        help="serve read-only tools to AI assistants over MCP (stdio), until the client leaves",
        handler=mcp_handler or _unused,
    )
    mcp.epilog = (
        "Credentials come from the environment (PIRIOD_API_TOKEN, PIRIOD_WORKSPACE,"
        " PIRIOD_TEST_MODE). Needs the MCP SDK: pip install 'mcp>=2.3' (what the mcp extra"
        " installs; from a checkout: pip install '.[mcp]')."
    )
    sandbox = add_command(
        commands,
        "sandbox",
        help="serve a local Piriod-compatible API with realistic data, until Ctrl-C",
        handler=sandbox_handler or _unused,
    )
    if with_sandbox_options:
        from ..sandbox._command import add_sandbox_arguments  # noqa: PLC0415

        add_sandbox_arguments(sandbox)
    return parser


def _unused(*args: object) -> int:
    raise UsageError("no handler")


def _value_flags(parser: argparse.ArgumentParser) -> set[str]:
    """Every flag, in every subcommand, that takes exactly one value."""
    flags: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                flags |= _value_flags(sub)
        elif action.option_strings and action.nargs is None:
            flags.update(flag for flag in action.option_strings if flag.startswith("--"))
    return flags


def attach_dashed_values(parser: argparse.ArgumentParser, words: Sequence[str]) -> list[str]:
    """`--search -SpA` as `--search=-SpA`: argparse would take '-SpA' for an option and say
    the flag has no value, yet names, searches and orderings may start with '-'. A word
    that is itself a known flag is left alone (the value was forgotten, as argparse says)."""
    flags = _value_flags(parser)
    known = flags | _all_flags(parser)
    attached: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            attached.extend(words[index:])
            break
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            word in flags
            and following is not None
            and following.startswith("-")
            and following.split("=", 1)[0] not in known
        ):
            attached.append(f"{word}={following}")
            index += 2
            continue
        attached.append(word)
        index += 1
    return attached


def _all_flags(parser: argparse.ArgumentParser) -> set[str]:
    flags: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                flags |= _all_flags(sub)
        else:
            flags.update(action.option_strings)
    return flags


def unknown_flags_message(parser: argparse.ArgumentParser, unknown: Sequence[str]) -> str:
    """`unrecognized argument --serch: did you mean --search?`, for the command's parser."""
    known = sorted(flag for flag in _all_flags(parser) if flag.startswith("--"))
    parts = []
    previous_was_flag = False
    for word in unknown:
        name = word.split("=", 1)[0]
        if not name.startswith("-"):
            if not previous_was_flag:  # else most likely the unknown flag's value
                parts.append(f"{word!r} (a word no option expects)")
            previous_was_flag = False
            continue
        previous_was_flag = "=" not in word
        if name == "--token":
            parts.append(f"{name}: the token is read only from the PIRIOD_API_TOKEN variable")
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        parts.append(f"{name}: did you mean {close[0]}?" if close else name)
    return (
        f"unrecognized argument{'s' if len(parts) != 1 else ''} {'; '.join(parts)}"
        f" (see '{parser.prog} --help')"
    )
