"""`piriod sync` next to a plain JSON Lines export of the same customers: wall time and peak
memory of each, in fresh processes against the same sandbox.

    python bench/sync.py URL   # a sandbox already serving (bench.py starts one)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# What a sync may take at most: the process with dlt's extract and normalize buffers (about
# 210 MB measured) plus DuckDB's memory cap (128 MB, piriod/sync/_run.py), with room to spare.
SYNC_PEAK_BOUND_MB = 400
TOKEN = "sk_test_sandbox"  # noqa: S105 (the sandbox's published credential)
WORKSPACE = "acc_sandbox"


def _run(arguments: list[str], url: str, folder: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `python -m piriod ARGUMENTS`, run in `folder`."""
    env = os.environ | {
        "PIRIOD_BASE_URL": url,
        "PIRIOD_API_TOKEN": TOKEN,
        "PIRIOD_WORKSPACE": WORKSPACE,
    }
    errors = folder / "stderr.txt"
    started = time.perf_counter()
    with errors.open("wb") as stderr:  # a file, not a pipe nobody reads while it runs
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "piriod", *arguments],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    said = errors.read_text(errors="replace")
    if process.returncode != 0 or said:
        raise SystemExit(f"piriod {' '.join(arguments)} failed ({process.returncode}): {said}")
    return seconds, usage.ru_maxrss / 1024  # KB on Linux


def measure_sync_vs_jsonl(url: str, customers: int) -> dict[str, Any]:
    """Seconds and peak MB of `piriod sync customers` and of `piriod customers list
    --format jsonl --output`, each checked to hold every customer."""
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        export = ["customers", "list", "--format", "jsonl", "--output", "all.jsonl"]
        jsonl_seconds, jsonl_mb = _run([*export, "--concurrency", "4"], url, here)
        lines = sum(1 for _ in (here / "all.jsonl").open(encoding="utf-8"))
        sync_seconds, sync_mb = _run(["sync", "customers", "--concurrency", "4"], url, here)
        import duckdb  # noqa: PLC0415 (the sync extra)

        with duckdb.connect(str(here / "piriod.duckdb"), read_only=True) as db:
            row = db.execute("select count(*) from piriod_live.customers").fetchone()
        synced = row[0] if row else 0
    if lines != customers or synced != customers:
        raise SystemExit(f"expected {customers} customers: jsonl {lines}, sync {synced}")
    return {
        "customers": customers,
        "jsonl_seconds": jsonl_seconds,
        "jsonl_mb": jsonl_mb,
        "sync_seconds": sync_seconds,
        "sync_mb": sync_mb,
    }


def print_sync_table(syncs: list[dict[str, Any]]) -> None:
    print(f"\n{'piriod sync customers, fresh process':<40}{'sync':<18}{'jsonl export':<18}")
    for measured in syncs:
        print(
            f"{measured['customers']:>10,} customers{'':<21}"
            f"{measured['sync_seconds']:>6.1f}s {measured['sync_mb']:>6.0f} MB  "
            f"{measured['jsonl_seconds']:>6.1f}s {measured['jsonl_mb']:>6.0f} MB  "
            f"sync / jsonl {measured['sync_seconds'] / measured['jsonl_seconds']:.2f}x time"
        )
    print("(peak RSS of each whole process; dlt buffers rows in memory before writing files)")
    if len(syncs) > 1:
        middle, largest = syncs[-2], syncs[-1]
        growth = largest["sync_mb"] - middle["sync_mb"]
        verdict = "meets" if largest["sync_mb"] <= SYNC_PEAK_BOUND_MB else "MISSES"
        print(
            f"sync peak RSS {middle['customers']:,} -> {largest['customers']:,} customers:"
            f" {middle['sync_mb']:.0f} -> {largest['sync_mb']:.0f} MB ({growth:+.0f}),"
            f" bound {SYNC_PEAK_BOUND_MB} MB  {verdict}"
        )


def main() -> None:
    url, customers = sys.argv[1], int(sys.argv[2])
    print(measure_sync_vs_jsonl(url, customers))


if __name__ == "__main__":
    main()
