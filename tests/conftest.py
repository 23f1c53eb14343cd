"""Shared fixtures: the spec, its examples, and a scripted fake API behind httpx mock transports."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import piriod
import piriod_api

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi.yaml"

TOKEN = "sk_test_0123456789abcdef"
WORKSPACE = "acc_test_workspace"


def this_code_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """`env` (this process's environment by default) for a `python` subprocess that must run
    the very code this process imported. Mutation testing imports a mutated copy from another
    folder; without this, a CLI test would run the installed package and miss the mutant."""
    folders = [str(Path(module.__file__ or "").parent.parent) for module in (piriod, piriod_api)]
    base = dict(os.environ if env is None else env)
    earlier = base.get("PYTHONPATH")
    base["PYTHONPATH"] = os.pathsep.join([*folders, *([earlier] if earlier else [])])
    if base.get("MUTANT_UNDER_TEST") == "stats":
        # mutmut's coverage pass records calls in this process only; a child recording them
        # would look for mutmut's settings in its own working folder and fail.
        del base["MUTANT_UNDER_TEST"]
    return base


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml.safe_load(file)
    return loaded


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_customer(number: int) -> dict[str, Any]:
    """A complete, schema-valid customer whose id encodes its position."""
    return {
        "id": f"cus_{number:06d}",
        "name": f"Cliente {number} SpA",
        "address": "Av. Providencia 1208",
        "country": {
            "id": "CL",
            "name": "Chile",
            "code": "+56",
            "has_regulation": True,
            "currencies": ["CLP"],
        },
        "state": {"id": 13, "name": "Región Metropolitana de Santiago", "country": "CL"},
        "currency": "CLP",
        "email": f"cliente{number}@example.cl",
        "phone": "+56 2 2345 6789",
        "website": "",
        "zip_code": None,
        "manager": None,
        "reference": None,
        "tax_id": "76.086.428-5",
        "tax_settings": {},
        "metadata": {},
        "send_invoices": True,
        "send_collections": True,
        "send_vouchers": False,
        "status": "active",
        "contacts": [],
        "sources": [],
        "aggregations": {"sales": 1000.5, "sales_current_period": 0, "balance": 0},
        "test_mode": False,
        "created": "2026-01-05T10:00:00Z",
        "updated": "2026-01-05T10:00:00.123456-03:00",
    }


def make_product(number: int) -> dict[str, Any]:
    return {
        "id": f"pro_{number:06d}",
        "name": f"Producto {number}",
        "unit_label": None,
        "status": "active",
        "archived": None,
        "plans": [],
        "test_mode": False,
        "created": "2026-01-05T10:00:00Z",
        "updated": "2026-01-05T10:00:00Z",
    }


class FakeAPI:
    """A scripted stand-in for the Piriod API, recording every request it gets.

    Serves `total` items, page-number paginated like Django REST framework. `next_url`
    replaces the `next` link (to test that the client never follows it); `script` maps a
    page number to a ready response for that page.
    """

    def __init__(
        self,
        total: int = 0,
        *,
        make_item: Callable[[int], dict[str, Any]] = make_customer,
        next_url: Callable[[httpx.Request, int], str | None] | None = None,
        script: dict[int, httpx.Response] | None = None,
    ) -> None:
        self.total = total
        self.make_item = make_item
        self.next_url = next_url
        self.script = script or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        page = int(request.url.params.get("page", "1"))
        page_size = int(request.url.params.get("page_size", "20"))
        if page in self.script:
            return self.script[page]
        last = max(1, math.ceil(self.total / page_size))
        if page > last:
            return httpx.Response(404, json={"detail": "Invalid page."})
        start = (page - 1) * page_size
        results = [self.make_item(n) for n in range(start, min(start + page_size, self.total))]
        if self.next_url is not None:
            next_link = self.next_url(request, page)
        else:
            next_link = (
                str(request.url.copy_merge_params({"page": page + 1})) if page < last else None
            )
        body = {"count": self.total, "next": next_link, "previous": None, "results": results}
        return httpx.Response(200, json=body)

    @property
    def pages_requested(self) -> list[int]:
        return [int(r.url.params.get("page", "1")) for r in self.requests]


def json_response(status: int, body: object, **kwargs: Any) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), **kwargs)


@pytest.fixture
def no_piriod_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PIRIOD_API_TOKEN", "PIRIOD_WORKSPACE", "PIRIOD_TEST_MODE", "PIRIOD_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
