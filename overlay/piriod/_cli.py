"""The command line moved to the `piriod.cli` package; this name stays for old imports."""

from .cli import (
    EXIT_API_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ClientFactory,
    Context,
    Handler,
    Subcommands,
    UsageError,
    add_command,
    build_parser,
    main,
    run,
)

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
