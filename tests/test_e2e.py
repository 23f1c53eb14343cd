"""The whole stack over real HTTP on 127.0.0.1: client -> httpx -> uvicorn -> sandbox, every
request and response checked against openapi.yaml on the way."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from piriod import (
    AsyncPiriod,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    Piriod,
)
from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE, Faults, SandboxAPI, SandboxServer

from contract_check import AsyncContractCheckingTransport, ContractCheckingTransport


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxAPI()) as running:
        yield running


@contextlib.contextmanager
def sync_client(
    server: SandboxServer, **kwargs: Any
) -> Iterator[tuple[Piriod, ContractCheckingTransport]]:
    """A client of the server whose every exchange is checked against the contract."""
    transport = ContractCheckingTransport()
    kwargs.setdefault("token", DEFAULT_TOKEN)
    kwargs.setdefault("workspace", DEFAULT_WORKSPACE)
    with (
        httpx.Client(transport=transport) as http,
        Piriod(base_url=server.url, http_client=http, **kwargs) as client,
    ):
        yield client, transport


def test_the_server_listens_on_loopback_only(server: SandboxServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert server.port > 0


def test_a_full_walk_of_customers_and_products(server: SandboxServer) -> None:
    with sync_client(server) as (client, transport):
        customers = list(client.customers.list())
        products = list(client.products.list(page_size=7))
        count = client.customers.page(page_size=1).count
    assert len(customers) == count == server.api.count("customers")
    assert len({c.id for c in customers}) == len(customers)
    assert len({p.id for p in products}) == len(products) == server.api.count("products")
    assert transport.checked == 3 + 6 + 1


def test_filters_and_paging_over_http(server: SandboxServer) -> None:
    with sync_client(server) as (client, transport):
        chileans = list(client.customers.list(country="CL", ordering="name", page_size=25))
        page = client.customers.page(page=2, page_size=10, created_gte="2020-01-01")
        limited = list(client.customers.list(max_items=30, page_size=20))
    assert chileans
    assert all(
        c.country and not isinstance(c.country, str) and c.country.id == "CL" for c in chileans
    )
    assert [c.name for c in chileans] == sorted((c.name for c in chileans), key=str.casefold)
    assert page.page == 2
    assert len(page.items) == 10
    assert len(limited) == 30
    assert transport.checked > 3


def test_test_mode_over_http(server: SandboxServer) -> None:
    with sync_client(server, test_mode=True) as (client, _):
        customers = list(client.customers.list())
    assert len(customers) == server.api.count("customers", test_mode=True)
    assert {c.test_mode for c in customers} == {True}


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"token": "sk_wrong"}, AuthenticationError),
        ({"workspace": "acc_not_mine"}, PermissionDeniedError),
    ],
)
def test_credential_errors_over_http(
    server: SandboxServer, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with sync_client(server, **kwargs) as (client, transport), pytest.raises(error):
        client.customers.page()
    assert transport.checked == 1


def test_a_page_past_the_last_over_http(server: SandboxServer) -> None:
    with sync_client(server) as (client, _), pytest.raises(NotFoundError) as caught:
        client.products.page(page=99)
    assert caught.value.detail == "Invalid page."


def test_the_async_client_over_http(server: SandboxServer) -> None:
    async def walk() -> tuple[list[str], int, int]:
        transport = AsyncContractCheckingTransport()
        async with (
            httpx.AsyncClient(transport=transport) as http,
            AsyncPiriod(
                token=DEFAULT_TOKEN,
                workspace=DEFAULT_WORKSPACE,
                base_url=server.url,
                http_client=http,
            ) as client,
        ):
            ids = [c.id async for c in client.customers.list(page_size=50)]
            page = await client.products.page(page=2, page_size=10)
        return ids, len(page.items), transport.checked

    ids, product_count, checked = asyncio.run(walk())
    assert len(ids) == len(set(ids)) == server.api.count("customers")
    assert product_count == 10
    assert checked == 6


def test_requests_with_latency_are_served_concurrently() -> None:
    """Eight requests that each wait 300 ms are all in flight at once, not one by one."""
    api = SandboxAPI(customers=20, products=0, faults=Faults(latency_ms=300))

    async def burst(url: str) -> list[int]:
        async with httpx.AsyncClient(
            base_url=url,
            headers={
                "Authorization": f"Token {DEFAULT_TOKEN}",
                "x-simple-workspace": DEFAULT_WORKSPACE,
            },
        ) as http:
            replies = await asyncio.gather(
                *(http.get("/customers/", params={"page": 1, "x": n}) for n in range(8))
            )
        return [r.status_code for r in replies]

    with SandboxServer(api) as server:
        assert asyncio.run(burst(server.url)) == [200] * 8
        assert server.app.peak_in_flight == 8
