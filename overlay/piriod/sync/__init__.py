"""A workspace's customers and products in a real database, loaded with dlt (extra `sync`:
from a checkout `pip install '.[sync]'`, which brings dlt with DuckDB).

    from piriod import Piriod
    from piriod.sync import sync

    result = sync(Piriod())            # piriod.duckdb, dataset piriod_live
    print(result.rows)                 # {'customers': 250, 'customers__contacts': ..., ...}

Or the dlt source itself, into any dlt destination:

    import dlt
    from piriod.sync import piriod_source

    pipeline = dlt.pipeline(pipeline_name="piriod", destination="postgres", dataset_name="piriod")
    pipeline.run(piriod_source(Piriod()))

`piriod sync` is the same from the command line.
"""

from __future__ import annotations

import os

# The sync talks to the API and the destination only: dlt's anonymous telemetry stays off
# unless RUNTIME__DLTHUB_TELEMETRY turns it on. Set before dlt first reads its configuration,
# which is when it starts its telemetry (once a process).
os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

try:
    import dlt  # noqa: F401 (only to say what is missing, here rather than deep in a run)
except ModuleNotFoundError as error:  # pragma: no cover (the extra is installed in tests)
    raise ModuleNotFoundError(
        "piriod.sync needs dlt with DuckDB: pip install 'dlt[duckdb]>=1.20' (what the"
        " sync extra installs; from a checkout: pip install '.[sync]')",
        name=error.name,
    ) from None

from ._run import DEFAULT_DUCKDB_FILE, SyncError, SyncResult, default_dataset, sync
from ._source import RESOURCES, DatasetMismatchError, Progress, piriod_source

__all__ = [
    "DEFAULT_DUCKDB_FILE",
    "RESOURCES",
    "DatasetMismatchError",
    "Progress",
    "SyncError",
    "SyncResult",
    "default_dataset",
    "piriod_source",
    "sync",
]
