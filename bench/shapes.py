"""Pages of other shapes than the sandbox's, for the benchmarks: the same customers with no
contacts at all, or with many contacts each (the sandbox gives 0 to 7, 1.5 on average).

    python bench/shapes.py --shape many-contacts --customers 1000 --ready-file /tmp/url

serves the sandbox's customers so reshaped on a free loopback port (latency 0), writing its
URL to the ready file once it listens, as `piriod sandbox --ready-file` does.
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path
from typing import Any

import attrs

SHAPES = ("sandbox", "no-contacts", "many-contacts")
MANY_CONTACTS = 20


def _later(timestamp: str, minutes: int) -> str:
    moment = datetime.datetime.fromisoformat(timestamp) + datetime.timedelta(minutes=minutes)
    return moment.isoformat().replace("+00:00", "Z")


def _contact(customer: dict[str, Any], number: int) -> dict[str, Any]:
    """A contact of `customer`, as the sandbox writes them (each added at its own time)."""
    return {
        "id": f"con_{customer['id'][4:]}{number:02d}",
        "name": f"Contacto {number}",
        "email": f"contacto{number}@example.cl",
        "customer": customer["id"],
        "orgunit": "Finanzas" if number % 2 else None,
        "phone": "+56 9 1903 4822",
        "invoicing": number % 3 == 0,
        "collections": True,
        "created": _later(customer["created"], 7 * number),
        "updated": _later(customer["created"], 7 * number + 3),
    }


def reshape_item(item: dict[str, Any], shape: str) -> dict[str, Any]:
    if shape == "no-contacts":
        return {**item, "contacts": []}
    if shape == "many-contacts":
        return {**item, "contacts": [_contact(item, n) for n in range(MANY_CONTACTS)]}
    if shape == "sandbox":
        return item
    raise ValueError(f"unknown shape {shape!r}: use one of {', '.join(SHAPES)}")


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def reshape_page(body: bytes, shape: str) -> bytes:
    """A page of customers (JSON), each reshaped."""
    page = json.loads(body)
    page["results"] = [reshape_item(item, shape) for item in page["results"]]
    return _dumps(page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=SHAPES, required=True)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ready-file", type=Path, required=True)
    args = parser.parse_args()

    from piriod.sandbox import SandboxAPI  # noqa: PLC0415
    from piriod.sandbox._server import serve  # noqa: PLC0415

    api = SandboxAPI(seed=args.seed, customers=args.customers, products=0)
    # The rows' bodies are what the sandbox serves: reshaped once, before serving, so the
    # server's work per request is the sandbox's own.
    for (resource, _), collection in api._collections.items():
        if resource != "customers":
            continue
        collection.rows = tuple(
            attrs.evolve(row, body=_dumps(reshape_item(json.loads(row.body), args.shape)))
            for row in collection.rows
        )
    serve(api, host="127.0.0.1", port=0, ready_file=args.ready_file, banner=lambda url: None)


if __name__ == "__main__":
    main()
