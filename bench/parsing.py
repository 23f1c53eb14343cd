"""What typed items cost next to `json.loads` of the same bytes, for one sandbox page.

"Typed" is exactly what the client does with a reply: `parse_page` on an `httpx.Response`
(decode the body, check the page's shape, build a `Customer` per item). It is timed as the
client does it here (with the `fast` extra: the wire path, msgspec Structs then
`_from_wire`) and, for reference, as it does pages the wire path refuses (msgspec dicts,
then `from_dict`) and as without the extra (the stdlib's json, then `from_dict`). Each
figure is the best of `repeats` runs; in a run, `json.loads` and one of the three is each
timed for about 0.2 s (long enough to pay its share of garbage collection), in ten chunks
taking turns, so that a busy neighbour slows both alike.

    python bench/parsing.py [--customers-per-page 100] [--repeats 7] [--shape sandbox]

`--shape` reshapes the sandbox's page (bench/shapes.py): "no-contacts" or "many-contacts".
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import httpx
from shapes import SHAPES, reshape_page

from piriod import _endpoints
from piriod._collector import collector_paused
from piriod._endpoints import CUSTOMERS, parse_page
from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, SandboxRequest

_RUN_SECONDS = 0.2  # how long each function is timed in one run (garbage collection included)
_CHUNKS = 10  # in how many turns


def _customers_page(customers_per_page: int, shape: str = "sandbox") -> httpx.Response:
    """Page 1 of the sandbox's live customers, reshaped, as the client receives it."""
    api = SandboxAPI(customers=max(1000, customers_per_page))
    query = [("page", "1"), ("page_size", str(customers_per_page))]
    headers = {"authorization": f"Token {DEFAULT_TOKEN}", "x-simple-workspace": DEFAULT_WORKSPACE}
    reply = api.handle(SandboxRequest("GET", "/customers/", query, headers, "https://sandbox"))
    request = httpx.Request("GET", "https://sandbox/customers/", params=dict(query))
    body = reply.body if shape == "sandbox" else reshape_page(reply.body, shape)
    return httpx.Response(reply.status, headers=reply.headers, content=body, request=request)


def _no_fast_decoder() -> None:
    return None


def _no_wire_path(model: str) -> None:
    return None


def _seconds_per_call(function: Callable[[], object], iterations: int) -> float:
    start = time.perf_counter()
    for _ in range(iterations):
        function()
    return (time.perf_counter() - start) / iterations


def _one_run(
    measured: dict[str, Callable[[], object]], iterations: dict[str, int]
) -> dict[str, float]:
    """Seconds per call of each function over one run: each timed in _CHUNKS chunks, taking
    turns, so that a neighbour's burst of work slows them all alike."""
    total = dict.fromkeys(measured, 0.0)
    for _ in range(_CHUNKS):
        for name, function in measured.items():
            total[name] += _seconds_per_call(function, iterations[name])
    return {name: seconds / _CHUNKS for name, seconds in total.items()}


def measure_typed_vs_json(
    *, customers_per_page: int = 100, repeats: int = 7, shape: str = "sandbox"
) -> dict[str, Any]:
    """Milliseconds per page for `json.loads` and for typed items, and their ratio.

    Returns `json_loads_ms`, `typed_ms`, `ratio` (typed / json.loads), `decoder` (how the
    client parses here: "msgspec wire", "msgspec" or "json"), `typed_dicts_ms` and
    `ratio_dicts` (the same by msgspec dicts and from_dict), `typed_stdlib_ms` and
    `ratio_stdlib` (the same as without the `fast` extra), `items` and `body_bytes`.
    """
    response = _customers_page(customers_per_page, shape)
    body = response.content
    page_size = customers_per_page

    def typed() -> object:
        # As every walk and page() parses: with the garbage collector paused (_collector.py).
        with collector_paused():
            return parse_page(CUSTOMERS, response, page=1, page_size=page_size)

    def loads() -> object:
        return json.loads(body)

    # One pass each, against json.loads: the client's typed items, then by msgspec dicts, then
    # as without the `fast` extra (apart, so that one's garbage leaves no collections due for
    # another to pay).
    ways = {
        "typed": (_endpoints._fast_loads, _endpoints._wire),
        "typed_dicts": (_endpoints._fast_loads, _no_wire_path),
        "typed_stdlib": (_no_fast_decoder, _no_wire_path),
    }
    best: dict[str, float] = {}
    for name, (decoder, wire) in ways.items():
        with (
            mock.patch.object(_endpoints, "_fast_loads", decoder),
            mock.patch.object(_endpoints, "_wire", wire),
        ):
            measured = {"json_loads": loads, name: typed}
            for function in measured.values():  # warm up: the first parse imports the decoder
                _seconds_per_call(function, 3)
            iterations = {  # per chunk
                key: max(1, round(_RUN_SECONDS / _CHUNKS / _seconds_per_call(function, 3)))
                for key, function in measured.items()
            }
            best[name] = best[f"json_loads_{name}"] = float("inf")
            for _ in range(repeats):
                seconds = _one_run(measured, iterations)
                best[name] = min(best[name], seconds[name])
                best[f"json_loads_{name}"] = min(best[f"json_loads_{name}"], seconds["json_loads"])

    items = len(parse_page(CUSTOMERS, response, page=1, page_size=page_size).items)
    return {
        "json_loads_ms": best["json_loads_typed"] * 1e3,
        "typed_ms": best["typed"] * 1e3,
        "ratio": best["typed"] / best["json_loads_typed"],
        "decoder": "msgspec wire" if _endpoints._wire("Customer") else _endpoints.json_decoder(),
        "typed_dicts_ms": best["typed_dicts"] * 1e3,
        "ratio_dicts": best["typed_dicts"] / best["json_loads_typed_dicts"],
        "typed_stdlib_ms": best["typed_stdlib"] * 1e3,
        "ratio_stdlib": best["typed_stdlib"] / best["json_loads_typed_stdlib"],
        "items": items,
        "body_bytes": len(body),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers-per-page", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--shape", choices=SHAPES, default="sandbox")
    args = parser.parse_args()
    result = measure_typed_vs_json(
        customers_per_page=args.customers_per_page, repeats=args.repeats, shape=args.shape
    )
    typed = f"typed items ({result['decoder']})"
    print(
        f"{result['items']} customers, {result['body_bytes']:,} bytes a page\n"
        f"{'json.loads':<34}{result['json_loads_ms']:7.3f} ms/page\n"
        f"{typed:<34}{result['typed_ms']:7.3f} ms/page   ratio {result['ratio']:.2f}x\n"
        f"{'typed items (msgspec dicts)':<34}{result['typed_dicts_ms']:7.3f} ms/page"
        f"   ratio {result['ratio_dicts']:.2f}x\n"
        f"{'typed items (without fast extra)':<34}{result['typed_stdlib_ms']:7.3f} ms/page"
        f"   ratio {result['ratio_stdlib']:.2f}x"
    )


if __name__ == "__main__":
    main()
