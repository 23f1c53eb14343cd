"""`make bench`: how fast piriod walks, side by side with the naive loop and the ideal, and what
typed items, one `page()` call, memory and `import piriod` cost. One run, one table; ratios
are the result, absolute times are context. The sandbox runs in its own process on
127.0.0.1, so the server never competes with the client for the interpreter. Typed items and
`page()` calls are also measured on pages of other shapes (bench/shapes.py): customers
with no contacts, and with 20 contacts each.

    python bench/bench.py [--latency-ms 50] [--customers 10000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TOKEN = "sk_test_sandbox"  # noqa: S105 (the sandbox's published credential)
WORKSPACE = "acc_sandbox"
PAGE_SIZE = 100
STARTUP_SECONDS = 120  # 100,000 customers take a while to generate
TARGETS = {
    "concurrency_8_vs_ideal": 1.3,
    "concurrency_8_vs_naive": 6.0,
    "typed_vs_json": 1.0,  # the wire path: at or under json.loads of the same bytes
    "page_vs_naive": 1.3,  # client.customers.page() against httpx get + .json()
    "rss_growth_mb": 10.0,
    "import_ratio": 1.5,
    "version_ratio": 1.5,  # `piriod --version` against `python -c "import httpx"`, whole processes
}


@contextmanager
def sandbox(customers: int, latency_ms: float, shape: str | None = None) -> Iterator[str]:
    """`piriod sandbox` in its own process on a free loopback port; stopped by PID. With a
    `shape`, the same server with reshaped customers (bench/shapes.py), without latency."""
    with tempfile.TemporaryDirectory() as folder:
        ready = Path(folder) / "url"
        if shape is None:
            command = [sys.executable, "-m", "piriod", "sandbox", "--port", "0", "--seed", "1"]
            command += ["--customers", str(customers), "--products", "0"]
            command += ["--latency-ms", str(latency_ms), "--ready-file", str(ready)]
        else:
            command = [sys.executable, str(HERE / "shapes.py"), "--shape", shape, "--seed", "1"]
            command += ["--customers", str(customers), "--ready-file", str(ready)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not ready.exists():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the sandbox did not start")
                time.sleep(0.05)
            yield ready.read_text(encoding="utf-8").strip()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def naive_walk(url: str) -> int:
    """What a user writes by hand: follow `next`, json.loads each page, one at a time."""
    headers = {"Authorization": f"Token {TOKEN}", "x-simple-workspace": WORKSPACE}
    count = 0
    with httpx.Client(headers=headers, timeout=30) as http:
        next_url: str | None = f"{url}/customers/?page_size={PAGE_SIZE}"
        while next_url:
            data = json.loads(http.get(next_url).content)
            count += len(data["results"])
            next_url = data["next"]
    return count


def piriod_walk(url: str, concurrency: int) -> int:
    from piriod import Piriod  # noqa: PLC0415

    with Piriod(token=TOKEN, workspace=WORKSPACE, base_url=url) as client:
        return sum(1 for _ in client.customers.list(page_size=PAGE_SIZE, concurrency=concurrency))


def timed(walk: Callable[[], int], repeats: int, expected: int) -> float:
    """The median wall time of `repeats` walks, each checked to see every item."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        seen = walk()
        times.append(time.perf_counter() - started)
        if seen != expected:
            raise SystemExit(f"a walk saw {seen} items, not {expected}")
    return statistics.median(times)


def peak_rss_walking(url: str, items: int) -> float:
    """Peak RSS (MB) of a fresh process that walks `items` customers through piriod."""
    code = (
        "import resource, sys\n"
        "from piriod import Piriod\n"
        f"client = Piriod(token={TOKEN!r}, workspace={WORKSPACE!r}, base_url=sys.argv[1])\n"
        f"walk = client.customers.list(page_size={PAGE_SIZE}, max_items=int(sys.argv[2]))\n"
        "n = sum(1 for _ in walk)\n"
        "assert n == int(sys.argv[2]), n\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, url, str(items)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(done.stdout.strip()) / 1024  # ru_maxrss is in KB on Linux


def import_seconds(module: str, runs: int) -> float:
    """Median time of `import module` in fresh interpreters (startup itself not counted)."""
    code = (
        "import time; started = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - started)"
    )
    times = [
        float(
            subprocess.run(  # noqa: S603
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def process_seconds(args: list[str], runs: int) -> float:
    """Median wall time of a whole `python ...` process, interpreter startup included."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], capture_output=True, check=True)  # noqa: S603
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def mark(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def measure_syncs(sizes: list[int]) -> list[dict[str, Any]]:
    """`piriod sync` and a JSON Lines export of each number of customers (bench/sync.py)."""
    from sync import measure_sync_vs_jsonl  # noqa: PLC0415 (bench/ is on sys.path)

    found = []
    for size in sizes:
        with sandbox(size, 0) as url:
            found.append(measure_sync_vs_jsonl(url, size))
    return found


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rss-items", type=int, default=100_000)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument(
        "--sync-sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[10_000, 100_000, 300_000],
        help="customers in each timed sync, comma-separated",
    )
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    latency: float = args.latency_ms / 1000
    pages = math.ceil(args.customers / PAGE_SIZE)

    def ideal(concurrency: int) -> float:
        return float(latency * (1 + math.ceil((pages - 1) / concurrency)))

    print(
        f"piriod-python benchmark: {args.customers:,} customers, page_size {PAGE_SIZE}"
        f" ({pages} pages), {args.latency_ms:g} ms latency a request, sandbox on loopback"
    )
    print(
        f"machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()},"
        f" Python {platform.python_version()}, httpx {httpx.__version__};"
        f" median of {args.repeats} runs\n"
    )

    rows: list[tuple[str, float, float]] = []
    with sandbox(args.customers, args.latency_ms) as url:
        rows.append(
            (
                "naive httpx loop",
                timed(lambda: naive_walk(url), args.repeats, args.customers),
                ideal(1),
            )
        )
        for concurrency in (1, 4, 8):
            seconds = timed(
                functools.partial(piriod_walk, url, concurrency), args.repeats, args.customers
            )
            rows.append((f"piriod concurrency={concurrency}", seconds, ideal(concurrency)))
    naive = rows[0][1]
    print(f"{'walk':<24}{'time':>10}{'ideal':>10}{'vs ideal':>10}{'vs naive':>10}")
    for name, seconds, best in rows:
        vs_ideal, vs_naive = seconds / best, naive / seconds
        print(f"{name:<24}{seconds:>9.2f}s{best:>9.2f}s{vs_ideal:>9.2f}x{vs_naive:>9.2f}x")

    from calls import measure_page_call_vs_naive  # noqa: PLC0415 (bench/ is on sys.path)
    from parsing import measure_typed_vs_json  # noqa: PLC0415
    from shapes import SHAPES  # noqa: PLC0415

    by_shape = {}
    for shape in SHAPES:
        with sandbox(1000, 0, shape) as url:
            calls = measure_page_call_vs_naive(url)
        by_shape[shape] = (measure_typed_vs_json(shape=shape), calls)
    parsing = by_shape["sandbox"][0]
    from sync import print_sync_table  # noqa: PLC0415

    syncs = measure_syncs(sorted(set(args.sync_sizes)))
    with sandbox(max(args.rss_items, 10_000), 0) as url:
        small = peak_rss_walking(url, 10_000)
        large = peak_rss_walking(url, args.rss_items)
    httpx_import = import_seconds("httpx", args.import_runs)
    piriod_import = import_seconds("piriod", args.import_runs)
    httpx_process = process_seconds(["-c", "import httpx"], args.import_runs)
    version_process = process_seconds(["-m", "piriod", "--version"], args.import_runs)

    c8 = rows[-1][1]
    results = [
        (
            "concurrency=8 / ideal",
            f"{c8 / rows[-1][2]:.2f}x",
            f"<= {TARGETS['concurrency_8_vs_ideal']}x",
            c8 / rows[-1][2] <= TARGETS["concurrency_8_vs_ideal"],
        ),
        (
            "naive loop / concurrency=8",
            f"{naive / c8:.2f}x",
            f">= {TARGETS['concurrency_8_vs_naive']}x",
            naive / c8 >= TARGETS["concurrency_8_vs_naive"],
        ),
        (
            f"typed items / json.loads ({parsing['decoder']})",
            f"{parsing['ratio']:.2f}x",
            f"<= {TARGETS['typed_vs_json']}x",
            parsing["ratio"] <= TARGETS["typed_vs_json"],
        ),
        (
            f"peak RSS, 10,000 -> {args.rss_items:,} items",
            f"{small:.1f} -> {large:.1f} MB ({large - small:+.1f})",
            f"< +{TARGETS['rss_growth_mb']:g} MB",
            large - small < TARGETS["rss_growth_mb"],
        ),
        (
            "import piriod / import httpx",
            f"{piriod_import / httpx_import:.2f}x"
            f" ({piriod_import * 1000:.0f} / {httpx_import * 1000:.0f} ms)",
            f"< {TARGETS['import_ratio']}x",
            piriod_import / httpx_import < TARGETS["import_ratio"],
        ),
        (
            "piriod --version / python -c 'import httpx'",
            f"{version_process / httpx_process:.2f}x"
            f" ({version_process * 1000:.0f} / {httpx_process * 1000:.0f} ms)",
            f"< {TARGETS['version_ratio']}x",
            version_process / httpx_process < TARGETS["version_ratio"],
        ),
    ]
    print(f"\n{'in-process':<40}{'measured':<32}{'target':<12}")
    for name, measured, target, ok in results:
        print(f"{name:<40}{measured:<32}{target:<12}{mark(ok)}")

    print_sync_table(syncs)

    typed_target, page_target = TARGETS["typed_vs_json"], TARGETS["page_vs_naive"]
    print(
        f"\n{'per page of 100 customers':<26}{'typed / json.loads':<26}"
        f"{'page() / httpx get+.json()':<30}"
    )
    for shape, (shaped, calls) in by_shape.items():
        typed_cell = (
            f"{shaped['ratio']:.2f}x {mark(shaped['ratio'] <= typed_target)} <= {typed_target}x"
        )
        page_cell = f"{calls['ratio']:.2f}x {mark(calls['ratio'] <= page_target)} <= {page_target}x"
        print(f"{shape:<26}{typed_cell:<26}{page_cell:<30}")
    print(
        "(typed: the wire path, in-process; page(): request, reply and typed items against the"
        " same loopback sandbox, no latency; per page:"
        + "; ".join(
            f" {shape} {shaped['json_loads_ms']:.2f} / {shaped['typed_ms']:.2f} ms,"
            f" {calls['naive_ms']:.2f} / {calls['page_ms']:.2f} ms"
            for shape, (shaped, calls) in by_shape.items()
        )
        + ")"
    )
    print(
        f"\n(typed items: one page of {PAGE_SIZE} customers,"
        f" json.loads {parsing['json_loads_ms']:.2f} ms, typed {parsing['typed_ms']:.2f} ms;"
        f" this process's peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
