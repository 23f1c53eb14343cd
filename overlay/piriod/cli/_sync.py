"""`piriod sync`: the workspace into a database with dlt, a progress bar per resource on a
terminal, then what was loaded (rows per table) and how long it took."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from ._arguments import UsageError, connection_options
from ._progress import ProgressBar

if TYPE_CHECKING:
    from .._client import Piriod
    from ..sync import SyncResult

__all__ = ["run_sync"]


def run_sync(
    args: argparse.Namespace,
    *,
    stdout: TextIO,
    stderr: TextIO,
    client_factory: Callable[..., Piriod],
    show_progress: bool,
    width: int,
) -> int:
    # dlt's own log lines (schema notes, load details) would bury the summary; set before
    # dlt first reads its configuration.
    os.environ.setdefault("RUNTIME__LOG_LEVEL", "ERROR")
    try:
        from ..sync import RESOURCES, sync  # noqa: PLC0415 (the `sync` extra)
    except ModuleNotFoundError as error:
        raise UsageError(f"{error}") from None
    resources = tuple(dict.fromkeys(args.resources)) or RESOURCES
    bars = _Bars(stderr, enabled=show_progress, width=width)
    with client_factory(**connection_options(args)) as client:
        try:
            result = sync(
                client,
                resources=resources,
                destination=args.destination,
                dataset=args.dataset,
                new_only=args.new_only,
                concurrency=args.concurrency,
                progress=bars.advance,
            )
        except ValueError as error:  # an unknown --destination
            raise UsageError(str(error).replace("destination=", "--destination ")) from None
        finally:
            bars.close()
    stdout.write(summary(result))
    return 0


def summary(result: SyncResult) -> str:
    """`synced into /path/piriod.duckdb (dataset piriod_live) in 1.2 s:` then a line a table."""
    lines = [
        f"synced {_what(result)} into {result.destination} (dataset {result.dataset})"
        f" in {result.seconds:.1f} s:"
    ]
    width = max((len(table) for table in result.rows), default=0)
    for table, count in sorted(result.rows.items()):
        lines.append(f"  {table:<{width}}  {count:>9,} row{'s' if count != 1 else ''}")
    if not result.rows:
        lines.append("  nothing new")
    return "\n".join(lines) + "\n"


def _what(result: SyncResult) -> str:
    names = []
    for resource in result.resources:
        new = result.new_only and resource == "customers"
        names.append(f"new {resource}" if new else resource)
    return " and ".join(names)


class _Bars:
    """One progress bar a resource, started at its first page (which tells its size)."""

    def __init__(self, stream: TextIO, *, enabled: bool, width: int) -> None:
        self._stream = stream
        self._enabled = enabled
        self._width = width
        self._bars: dict[str, ProgressBar] = {}

    def advance(self, resource: str, items: int, total: int) -> None:
        bar = self._bars.get(resource)
        if bar is None:
            for other in self._bars.values():
                other.close()
            bar = ProgressBar(self._stream, resource, enabled=self._enabled, width=self._width)
            bar.start(total)
            self._bars[resource] = bar
        bar.advance(items)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()
