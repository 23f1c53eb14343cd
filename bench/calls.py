"""What one `client.customers.page()` call costs next to what a user's naive loop pays for the
same page: `httpx.Client.get` plus `.json()`, against the same loopback sandbox server (no
injected latency, so the client's own work is what differs).

Both keep one connection open (an `httpx.Client` each), ask for the same pages of 100
customers in the same order, and take turns in chunks, as bench/parsing.py does, so that a
busy neighbour slows both alike; the figure is the best of `repeats` runs.

    python bench/calls.py --url http://127.0.0.1:8000 [--repeats 7]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import httpx

TOKEN = "sk_test_sandbox"  # noqa: S105 (the sandbox's published credential)
WORKSPACE = "acc_sandbox"
PAGE_SIZE = 100
_CHUNKS = 10
_PAGES = 10  # pages asked for in turn, so that no single page's shape decides


def measure_page_call_vs_naive(url: str, *, repeats: int = 7) -> dict[str, Any]:
    """Milliseconds per page for the naive `get().json()` and for `customers.page()`, and
    their ratio (page() / naive)."""
    from piriod import Piriod  # noqa: PLC0415

    headers = {"Authorization": f"Token {TOKEN}", "x-simple-workspace": WORKSPACE}
    with (
        httpx.Client(headers=headers, timeout=30) as http,
        Piriod(token=TOKEN, workspace=WORKSPACE, base_url=url) as client,
    ):
        numbers = iter(range(10**9))

        def naive() -> object:
            number = next(numbers) % _PAGES + 1
            params = {"page": number, "page_size": PAGE_SIZE}
            return http.get(f"{url}/customers/", params=params).json()

        def piriod_page() -> object:
            number = next(numbers) % _PAGES + 1
            return client.customers.page(page=number, page_size=PAGE_SIZE)

        measured: dict[str, Callable[[], object]] = {"naive": naive, "page": piriod_page}
        for function in measured.values():  # warm up: connections, imports, the wire types
            _per_call(function, _PAGES)
        best = dict.fromkeys(measured, float("inf"))
        for _ in range(repeats):
            total = dict.fromkeys(measured, 0.0)
            for _ in range(_CHUNKS):
                for name, function in measured.items():
                    total[name] += _per_call(function, _PAGES)
            for name in measured:
                best[name] = min(best[name], total[name] / _CHUNKS)
        items = len(client.customers.page(page=1, page_size=PAGE_SIZE).items)
    return {
        "naive_ms": best["naive"] * 1e3,
        "page_ms": best["page"] * 1e3,
        "ratio": best["page"] / best["naive"],
        "items": items,
    }


def _per_call(function: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - started) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="a running sandbox, e.g. piriod sandbox")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    result = measure_page_call_vs_naive(args.url, repeats=args.repeats)
    print(
        f"{result['items']} customers a page\n"
        f"{'httpx get + .json()':<28}{result['naive_ms']:7.3f} ms/page\n"
        f"{'client.customers.page()':<28}{result['page_ms']:7.3f} ms/page"
        f"   ratio {result['ratio']:.2f}x"
    )


if __name__ == "__main__":
    main()
