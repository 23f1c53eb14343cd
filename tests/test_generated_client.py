"""The generated client (`piriod_api`) used directly, as some people do, against the
in-process sandbox: `AuthenticatedClient(..., prefix="Token")` and
`list_customers.sync(...)`, with the workspace and test-mode headers as parameters."""

from __future__ import annotations

import asyncio

import pytest

from piriod.sandbox import IN_PROCESS_BASE_URL, SandboxAPI
from piriod.sandbox._transport import AsyncSandboxTransport, SandboxTransport
from piriod_api import AuthenticatedClient
from piriod_api.api.customers import list_customers
from piriod_api.api.products import list_products
from piriod_api.models import Country, Customer, CustomerList, ErrorDetail, Product, ProductList

CUSTOMERS = 30


@pytest.fixture
def api() -> SandboxAPI:
    return SandboxAPI(seed=4, customers=CUSTOMERS, products=10)


def generated_client(api: SandboxAPI, **kwargs: object) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=IN_PROCESS_BASE_URL,
        token=api.token,
        prefix="Token",  # the API's scheme; the generator's default is "Bearer"
        httpx_args={"transport": SandboxTransport(api)},
        **kwargs,  # type: ignore[arg-type]
    )


def test_list_customers_sync_gives_a_typed_page(api: SandboxAPI) -> None:
    with generated_client(api) as client:
        page = list_customers.sync(client=client, x_simple_workspace=api.workspace, page_size=10)
    assert isinstance(page, CustomerList)
    assert page.count == CUSTOMERS
    assert len(page.results) == 10
    assert all(isinstance(customer, Customer) for customer in page.results)
    assert isinstance(page.next_, str)


def test_list_customers_filters_and_test_mode(api: SandboxAPI) -> None:
    with generated_client(api) as client:
        live = list_customers.sync(client=client, x_simple_workspace=api.workspace)
        test = list_customers.sync(
            client=client, x_simple_workspace=api.workspace, x_piriod_test_mode=True
        )
        assert isinstance(live, CustomerList)
        country = live.results[0].country
        assert isinstance(country, Country)
        matching = list_customers.sync(
            client=client,
            x_simple_workspace=api.workspace,
            country=str(country.id),
            page_size=100,
        )
    assert isinstance(test, CustomerList)
    assert test.count == CUSTOMERS // 5
    assert isinstance(matching, CustomerList)
    assert 0 < matching.count <= CUSTOMERS
    assert {c.country.id for c in matching.results if isinstance(c.country, Country)} == {
        country.id
    }


def test_sync_detailed_gives_the_status_and_headers(api: SandboxAPI) -> None:
    with generated_client(api) as client:
        response = list_customers.sync_detailed(client=client, x_simple_workspace=api.workspace)
    assert response.status_code == 200
    assert response.headers["x-request-id"].startswith("req_")
    assert isinstance(response.parsed, CustomerList)


def test_errors_are_parsed_not_raised(api: SandboxAPI) -> None:
    bearer = AuthenticatedClient(
        base_url=IN_PROCESS_BASE_URL,
        token=api.token,
        httpx_args={"transport": SandboxTransport(api)},
    )
    with bearer:
        refused = list_customers.sync_detailed(client=bearer, x_simple_workspace=api.workspace)
    assert refused.status_code == 401  # "Bearer" is not the API's scheme: prefix="Token"
    assert isinstance(refused.parsed, ErrorDetail)
    with generated_client(api) as client:
        past_the_end = list_customers.sync(client=client, x_simple_workspace=api.workspace, page=99)
    assert isinstance(past_the_end, ErrorDetail)
    assert past_the_end.detail == "Invalid page."


def test_list_products_asyncio(api: SandboxAPI) -> None:
    async def run() -> ProductList | object:
        client = AuthenticatedClient(
            base_url=IN_PROCESS_BASE_URL,
            token=api.token,
            prefix="Token",
            httpx_args={"transport": AsyncSandboxTransport(api)},
        )
        async with client:
            return await list_products.asyncio(client=client, x_simple_workspace=api.workspace)

    page = asyncio.run(run())
    assert isinstance(page, ProductList)
    assert page.count == 10
    assert all(isinstance(product, Product) for product in page.results)


def test_the_generated_clients_repr_never_shows_the_token(api: SandboxAPI) -> None:
    secret = "sk_live_0123456789abcdefghij"
    client = AuthenticatedClient(
        base_url=IN_PROCESS_BASE_URL,
        token=secret,
        prefix="Token",
        headers={"X-Api-Key": secret},
        cookies={"session": secret},
        httpx_args={"transport": SandboxTransport(api)},
    )
    assert secret not in repr(client)
    with client:  # building the httpx client puts the Authorization header in `headers`
        list_customers.sync_detailed(client=client, x_simple_workspace=api.workspace)
        assert secret not in repr(client)
        assert secret not in repr(client.with_headers({"X-Trace": "1"}))
    assert "prefix='Token'" in repr(client)
