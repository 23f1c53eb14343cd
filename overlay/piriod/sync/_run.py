"""One sync: a dlt pipeline run of the piriod source into a destination, all or nothing.

- The previous tables stay as they were until a sync has fetched everything: a full sync
  loads into dlt's staging dataset and replaces the tables from it in one transaction
  (the "insert-from-staging" replace strategy), and a walk that fails loads nothing.
- The pipeline's working folder is a temporary one: dlt restores the state (the cursor of
  `new_only`, what the dataset holds) from the destination itself, so nothing half-done
  from a failed run is ever loaded by the next, which simply starts again.
- The token never reaches dlt: the source walks with the client, and dlt sees rows only.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs

from .._exceptions import PiriodError
from ._source import RESOURCES, DatasetMismatchError, Progress, check_resources

if TYPE_CHECKING:
    from dlt.common.destination import AnyDestination, TLoaderFileFormat

    from .._client import Piriod

__all__ = ["DEFAULT_DUCKDB_FILE", "SyncError", "SyncResult", "default_dataset", "sync"]

DEFAULT_DUCKDB_FILE = "piriod.duckdb"
# Replace the old tables only in one transaction, from a complete staging copy.
_REPLACE_STRATEGY = "insert-from-staging"
_ROWS_PER_FILE = 10_000
# DuckDB's memory, capped: uncapped, DuckDB keeps what it loads cached up to 80% of the
# machine's memory, so a sync's memory grew with the tables (586 MB for 100,000 customers).
# Under the cap it works in that much and spills the rest to disk. Keeping the order of
# inserted rows costs memory and buys nothing here.
_DUCKDB_SETTINGS = {"preserve_insertion_order": False, "memory_limit": "128MB"}
# Load files go into DuckDB one at a time: dlt's default, 20 at once, made each load its
# own file in parallel inside DuckDB's memory, and a capped load failed at its commit.
_DUCKDB_LOAD_WORKERS = 1


class SyncError(PiriodError):
    """A sync stopped before loading: the tables are as the last sync left them. The cause
    (`__cause__`) is what stopped it, often a `PiriodError` of the walk."""


@attrs.frozen
class SyncResult:
    """What one sync loaded: rows per table (child tables included), where, and how long."""

    resources: tuple[str, ...]
    rows: dict[str, int]
    dataset: str
    destination: str
    seconds: float
    new_only: bool


def default_dataset(test_mode: bool) -> str:
    """Live and test-mode data each have a dataset of their own."""
    return "piriod_test" if test_mode else "piriod_live"


def sync(
    client: Piriod,
    *,
    resources: Sequence[str] = RESOURCES,
    destination: AnyDestination | str | None = None,
    dataset: str | None = None,
    new_only: bool = False,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> SyncResult:
    """Syncs `client`'s workspace (live or test mode, as the client is) into `destination`:
    by default the DuckDB file `piriod.duckdb` in the current folder, dataset `piriod_live`
    (`piriod_test` in test mode). `destination` may be any dlt destination, by name
    ("postgres", its credentials from dlt's configuration) or as a dlt destination object.

    Raises `SyncError` if the sync stops; the previous tables are then left as they were.
    """
    chosen = check_resources(resources)
    import dlt  # noqa: PLC0415 (the `sync` extra)
    from dlt.pipeline.exceptions import PipelineStepFailed  # noqa: PLC0415

    from ._source import piriod_source  # noqa: PLC0415

    dataset = dataset or default_dataset(client.test_mode)
    target, where, file_format = _destination(destination)
    settings: dict[str, str] = {}
    if file_format == "jsonl":
        # DuckDB reads a JSON Lines file's columns from its first 20,480 rows: a column
        # first seen after them fails the load. No file holds more rows than that.
        settings["NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS"] = str(_ROWS_PER_FILE)
        settings["LOAD__WORKERS"] = str(_DUCKDB_LOAD_WORKERS)
    started = time.perf_counter()
    with _for_this_run(settings), tempfile.TemporaryDirectory(prefix="piriod-sync-") as work:
        pipeline = dlt.pipeline(
            pipeline_name="piriod",
            destination=target,
            dataset_name=dataset,
            pipelines_dir=work,
        )
        source = piriod_source(
            client, resources=chosen, new_only=new_only, concurrency=concurrency, progress=progress
        )
        try:
            if file_format is None:
                pipeline.run(source)
            else:
                pipeline.run(source, loader_file_format=file_format)
        except PipelineStepFailed as failure:
            cause = _root_cause(failure)
            if isinstance(cause, DatasetMismatchError):
                raise cause from None
            raise _stopped(failure) from cause
        trace = pipeline.last_trace
        normalized = trace.last_normalize_info if trace is not None else None
        counts = normalized.row_counts if normalized is not None else {}
    rows = {table: count for table, count in counts.items() if not table.startswith("_dlt")}
    return SyncResult(
        resources=chosen,
        rows=rows,
        dataset=dataset,
        destination=where,
        seconds=time.perf_counter() - started,
        new_only=new_only,
    )


@contextlib.contextmanager
def _for_this_run(settings: dict[str, str]) -> Iterator[None]:
    """dlt settings for this sync only, as environment variables (which dlt reads before
    its config files and `dlt.config`), put back as they were afterwards: a pipeline of the
    user's own in the same process keeps its own settings."""
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _destination(
    destination: AnyDestination | str | None,
) -> tuple[AnyDestination, str, TLoaderFileFormat | None]:
    """The destination, how to name it to the user (never its credentials), and the file
    format to load it with (None: the destination's own choice).

    DuckDB loads JSON Lines files (its own `read_json`): with dlt's default for it, INSERT
    statements, loading 10,000 customers took 7.6 s and 1.8 GB of memory, against 0.7 s
    and 0.3 GB."""
    import dlt  # noqa: PLC0415
    from dlt.common.destination import Destination  # noqa: PLC0415

    if destination is None or destination == "duckdb":
        path = Path(DEFAULT_DUCKDB_FILE).resolve()
        from dlt.destinations.impl.duckdb.configuration import DuckDbCredentials  # noqa: PLC0415

        credentials = DuckDbCredentials(str(path), global_config=_DUCKDB_SETTINGS)
        duckdb = dlt.destinations.duckdb(credentials, replace_strategy=_REPLACE_STRATEGY)
        return cast("AnyDestination", duckdb), str(path), "jsonl"
    if isinstance(destination, str):
        try:
            reference = Destination.from_reference(destination, replace_strategy=_REPLACE_STRATEGY)
        except Exception:  # dlt's own UnknownDestinationModule and friends
            reference = None

        if reference is None:
            raise ValueError(
                f"destination={destination!r} is not a dlt destination: use 'duckdb' (the"
                " default) or a dlt destination name such as 'postgres', 'bigquery' or"
                " 'snowflake' (its credentials from dlt's configuration)"
            )
        return reference, destination, _file_format(reference)
    return destination, destination.destination_name, _file_format(destination)


def _file_format(destination: AnyDestination) -> TLoaderFileFormat | None:
    return "jsonl" if destination.destination_type.endswith(".duckdb") else None


def _root_cause(error: BaseException) -> BaseException:
    """What dlt's wrappers (PipelineStepFailed, ResourceExtractionError) carry."""
    seen: list[BaseException] = []
    while error.__cause__ is not None and error not in seen:
        seen.append(error)
        error = error.__cause__
    return error


def _stopped(failure: Any) -> PiriodError:
    cause = _root_cause(failure)
    left = "the tables are as the last sync left them"
    again = " Run it again to complete it."
    if isinstance(cause, PiriodError):
        what = cause.message
        if cause.page is not None:
            what += f" [page {cause.page}]"
        if not cause.resumable:  # asking again would get the same answer
            again = ""
    else:
        what = f"{type(cause).__name__}: {cause}"
    if getattr(failure, "step", None) == "load":
        return SyncError(f"the sync could not load into the destination ({what}); {left}.{again}")
    return SyncError(f"the sync stopped ({what}); {left}.{again}")
