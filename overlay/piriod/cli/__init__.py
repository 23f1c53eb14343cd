"""`piriod`: the command line. Lists customers and products as a table, JSON, JSONL or CSV.

Credentials come only from the environment (PIRIOD_API_TOKEN, PIRIOD_WORKSPACE, ...), read
by `Piriod()` itself: a token typed on a command line would leak into `ps` and shell history.

`main()` is the console script. It hands everything to `run()`, which takes its streams, a
way to tell terminals apart and a client factory as arguments, so tests need no network.
A subcommand is one `add_command(commands, name, help=..., handler=...)` call in
`build_parser()`; its handler gets the parsed arguments and the `Context`.

The package is split by job: `_arguments` (the parser), `_dates` (ISO 8601 dates),
`_resources` (each resource's filters), `_columns` (its table and CSV columns),
`_writers` (csv, json, jsonl, table), `_progress` (the bar) and `_export` (the walk, the
atomic --output and --resume). rich and the generated models are imported only once a
list command runs, so `--help` and `--version` stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import os
import re
import shutil
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO, cast

from .._exceptions import ConfigurationError, DriftWarning, InvalidItemsWarning, PiriodError
from ._arguments import (
    Subcommands,
    UsageError,
    add_command,
    attach_dashed_values,
    unknown_flags_message,
)
from ._arguments import build_parser as _build_parser
from ._resources import Resource

if TYPE_CHECKING:
    from .._client import Piriod

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

EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C

# Called with the connection flags given (workspace=, test_mode=, timeout=), if any.
ClientFactory = Callable[..., "Piriod"]


def _default_client_factory(**options: Any) -> Piriod:
    from .._client import Piriod  # noqa: PLC0415

    return Piriod(**options)


@dataclass(frozen=True)
class Context:
    """What a command handler may touch besides its arguments."""

    stdout: TextIO
    stderr: TextIO
    is_terminal: Callable[[TextIO], bool]
    client_factory: ClientFactory
    words: Sequence[str] = ()


Handler = Callable[[argparse.Namespace, Context], int]


def build_parser() -> argparse.ArgumentParser:
    """The `piriod` argument parser, every subcommand included."""
    return _build_parser(_run_list, _run_sandbox, _run_sync, _run_mcp)


# --- handlers --------------------------------------------------------------------------------


def _terminal_width(stream: TextIO, is_terminal: Callable[[TextIO], bool]) -> int | None:
    """The width to fit: the terminal's (COLUMNS overrides it), none for a file or pipe
    unless COLUMNS says."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not is_terminal(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return shutil.get_terminal_size().columns


def _run_list(resource: Resource, args: argparse.Namespace, context: Context) -> int:
    from ._export import Settings, run_export  # noqa: PLC0415

    settings = Settings(
        stdout=context.stdout,
        stderr=context.stderr,
        is_terminal=context.is_terminal,
        client_factory=_checked_factory(context.client_factory),
        width_of=lambda stream: _terminal_width(stream, context.is_terminal),
        words=context.words,
    )
    written, fmt = run_export(resource, args, settings)
    if fmt == "table":
        context.stderr.write(f"{written} {resource.noun(written)}\n")
    return EXIT_OK


def _checked_factory(factory: ClientFactory) -> ClientFactory:
    def make(**options: Any) -> Piriod:
        if factory is _default_client_factory:
            # Said in the CLI's words before the library says it in Python's.
            if not os.environ.get("PIRIOD_API_TOKEN", "").strip():
                raise UsageError(
                    "No API token: set PIRIOD_API_TOKEN (tokens are made in the Piriod"
                    " dashboard; against the sandbox use 'sk_test_sandbox')"
                )
            if "workspace" not in options and not os.environ.get("PIRIOD_WORKSPACE", "").strip():
                raise UsageError(
                    "No workspace: set PIRIOD_WORKSPACE or pass --workspace (an id such as"
                    " 'acc_...'; against the sandbox use 'acc_sandbox')"
                )
        return factory(**options)

    return make


def _run_sync(args: argparse.Namespace, context: Context) -> int:
    from ._sync import run_sync  # noqa: PLC0415 (dlt only when syncing)

    return run_sync(
        args,
        stdout=context.stdout,
        stderr=context.stderr,
        client_factory=_checked_factory(context.client_factory),
        show_progress=args.progress
        if args.progress is not None
        else context.is_terminal(context.stderr),
        width=_terminal_width(context.stderr, context.is_terminal) or 80,
    )


def _run_mcp(args: argparse.Namespace, context: Context) -> int:
    try:
        from ..mcp import serve  # noqa: PLC0415 (the `mcp` extra)
    except ModuleNotFoundError as error:
        raise UsageError(
            f"piriod mcp needs the MCP SDK ({error}): pip install 'mcp>=2.3' (what the mcp"
            " extra installs; from a checkout: pip install '.[mcp]')"
        ) from None
    serve()
    return EXIT_OK


def _run_sandbox(args: argparse.Namespace, context: Context) -> int:
    from ..sandbox._command import faults_from_arguments, run_sandbox  # noqa: PLC0415

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


# --- messages in the CLI's own words ---------------------------------------------------------

# The library speaks Python (arguments, attributes); the command line speaks flags.
_PYTHON_WORDS: tuple[tuple[str, str], ...] = (
    (r"pass Piriod\(token='\.\.\.'\) or set", "set"),
    (r"pass Piriod\(workspace='acc_\.\.\.'\) or set PIRIOD_WORKSPACE", "set PIRIOD_WORKSPACE"),
    (r"The token= argument", "The token"),
    (r"Piriod\(token=\.\.\.\) or PIRIOD_API_TOKEN", "PIRIOD_API_TOKEN"),
    (r"Piriod\(workspace=\.\.\.\) or PIRIOD_WORKSPACE", "--workspace or PIRIOD_WORKSPACE"),
    (
        r"slow down, or raise max_retries to wait for the rate limit",
        "slow down (a lower --concurrency)",
    ),
    (r"max_response_bytes=(\d+)", r"the cap of \1 bytes"),
    (
        r" If replies this large are expected, raise the cap: Piriod\(max_response_bytes=\.\.\.\)"
        r" or AsyncPiriod\(max_response_bytes=\.\.\.\)",
        " If replies this large are expected, use a smaller --page-size.",
    ),
    (r"The workspace= argument", "--workspace"),
    (r"\bbase_url '", "PIRIOD_BASE_URL '"),
    (r"check the network and base_url", "check the network and PIRIOD_BASE_URL"),
    (r"stays with base_url: set base_url to", "stays with PIRIOD_BASE_URL: set it to"),
    (r",? or pass an http_client of your own", ""),
    (r"\btimeout=", "--timeout "),
    (r"\bmax_items=", "--limit "),
    (r"\bpage_size=", "--page-size "),
    (r"\bstart_page=", "--start-page "),
    (r"\bconcurrency=", "--concurrency "),
    (r"\bon_invalid='skip'", "--on-invalid skip"),
    (r"\bon_invalid='raise'", "--on-invalid raise"),
    (r"; the paginator's `skipped` lists each with its field", ""),
    (r" \(values are not quoted; the error's `body` holds the reply\)", " (values not shown)"),
    (
        r"Walk with ordering='created' for the steadiest walk, or pass on_drift='raise' to"
        r" stop at the first change\.",
        "Export with --ordering created for the steadiest walk.",
    ),
    (r"\bordering='created'", "--ordering created"),
    (r"\bcreated_gte=", "--created-since "),
    (r"\bcreated_lte=", "--created-until "),
    (r"\bextra_params\b", "--param"),
)


def cli_words(text: str) -> str:
    for pattern, replacement in _PYTHON_WORDS:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())


def _report(stderr: TextIO, error: BaseException, status: int) -> int:
    from ._export import ExportError, ExportInterruptedError  # noqa: PLC0415

    if isinstance(error, ExportError):
        cause = error.cause
        if isinstance(cause, PiriodError):
            text = f"{cli_words(cause.message)} {error.advice}"
        else:
            text = f"{_io_message(cause, error.output)} {error.advice}"
    elif isinstance(error, ExportInterruptedError):
        text = f"interrupted {error.advice}"
    elif isinstance(error, PiriodError) and error.page is not None:
        # Resume advice only where asking again can help (see PiriodError.resumable).
        resume = f": resume with --start-page {error.page}" if error.resumable else ""
        text = f"{cli_words(error.message)} [page {error.page}{resume}]"
    elif isinstance(error, PiriodError):
        text = cli_words(error.message)
    else:
        text = cli_words(str(error))
    message = _shown(text) or type(error).__name__
    stderr.write(f"piriod: error: {message}\n")
    return status


def _io_message(error: BaseException, output: str | None) -> str:
    what = f"--output {output}" if output else "standard output"
    if isinstance(error, OSError):
        return f"cannot write {what}: {error.strerror or error}"
    return f"cannot write {what}: {error}"


def _show_warning(stderr: TextIO, message: Warning | str, *_: object, **__: object) -> None:
    stderr.write(f"piriod: warning: {_shown(cli_words(str(message)))}\n")


def _shown(text: str) -> str:
    """One line safe for a terminal: what a server sent (a detail, a reason phrase, an id)
    may hold escape sequences that would clear the screen or retitle the window."""
    from ._writers import clean_cell  # noqa: PLC0415 (only when something is reported)

    return " ".join(clean_cell(text).split()).encode("utf-8", "backslashreplace").decode()


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


def _command_word(words: Sequence[str]) -> str | None:
    return next((word for word in words if not word.startswith("-")), None)


def _parse(words: list[str], stdout: TextIO) -> argparse.Namespace:
    # The sandbox's options (and its imports) only when it is the command.
    parser = _build_parser(
        _run_list,
        _run_sandbox,
        _run_sync,
        _run_mcp,
        with_sandbox_options=_command_word(words) == "sandbox",
    )
    with contextlib.redirect_stdout(stdout):  # where argparse prints --help and --version
        args, unknown = parser.parse_known_args(attach_dashed_values(parser, words))
    if unknown:
        command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
        raise UsageError(unknown_flags_message(command_parser, unknown))
    return args


def run(  # noqa: PLR0911 (one return per way a command ends)
    argv: Sequence[str] | None,
    *,
    stdout: TextIO,
    stderr: TextIO,
    is_terminal: Callable[[TextIO], bool] = _is_terminal,
    client_factory: ClientFactory = _default_client_factory,
) -> int:
    """Runs one command line and returns its exit status; every failure prints one line."""
    from ._export import ExportError, ExportInterruptedError  # noqa: PLC0415

    words = list(sys.argv[1:] if argv is None else argv)
    context = Context(stdout, stderr, is_terminal, client_factory, words)
    try:
        args = _parse(words, stdout)
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
    except (PiriodError, ExportError) as error:
        return _report(stderr, error, EXIT_API_ERROR)
    except ExportInterruptedError as error:
        _report(stderr, error, EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `piriod customers list | head -3`: the reader has had enough
        _silence(stdout)
        return EXIT_OK
    except OSError as error:  # stdout on a full disk, an I/O error
        _silence(stdout)
        return _report(stderr, ExportError(error, "", None), EXIT_API_ERROR)
    except Exception as error:  # a bug: still one line, never a traceback
        stderr.write(
            f"piriod: error: internal error ({type(error).__name__}: {cli_words(str(error))});"
            " please report it\n"
        )
        return EXIT_API_ERROR


def _utf8_when_piped(stream: TextIO) -> None:
    # JSON and CSV for machines are UTF-8 whatever the locale (cp1252 on a Windows pipe).
    # A lone surrogate ("\ud800", valid JSON, not encodable) is written as its escape,
    # which JSON reads back as the same string, instead of failing the export.
    if isinstance(stream, io.TextIOWrapper):
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


class _ClosedOutput(io.TextIOBase):
    """Standard output when the shell closed it (`piriod ... >&-`): writing to it fails as
    a write to a closed descriptor does, so the command says so in one line; an export to
    --output FILE, which never writes there, still runs."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


class _Terminated(KeyboardInterrupt):
    """SIGTERM (a `kill`, a job scheduler's timeout): stops like Ctrl-C, keeping what an
    --output export wrote and saying how to finish it."""


_EXIT_TERMINATED = 128 + signal.SIGTERM  # what a shell reports for a process SIGTERM ended
_terminated: list[bool] = []


def _on_sigterm(signum: int, frame: object) -> None:
    _terminated.append(True)
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """The `piriod` console script."""
    if sys.stdout is None:
        sys.stdout = cast("TextIO", _ClosedOutput())
    _utf8_when_piped(sys.stdout)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        status = run(argv, stdout=sys.stdout, stderr=sys.stderr)
    except _Terminated:  # between the command's own handlers
        status = EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    if _terminated and status == EXIT_INTERRUPTED:
        status = _EXIT_TERMINATED
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence(sys.stdout)
    except OSError as error:
        _silence(sys.stdout)
        sys.stderr.write(f"piriod: error: cannot write standard output: {error.strerror}\n")
        return EXIT_API_ERROR
    return status
