"""`client.customers` and `client.products`, sync and async.

Each method only checks its arguments and hands them to the client, so the four classes
stay thin; their signatures are spelled out so editors and mypy know every filter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

import httpx

from ._endpoints import CUSTOMERS, PRODUCTS
from ._pagination import AsyncPaginator, OnDrift, OnInvalid, Page, Paginator
from ._params import CustomerFilters, ProductFilters

if TYPE_CHECKING:
    from piriod_api.models import Customer, Product

    from ._client import AsyncPiriod, Piriod

__all__ = ["AsyncCustomers", "AsyncProducts", "Customers", "Products"]

# list() walks with the largest page the API serves: fewest requests for a full walk.
LIST_PAGE_SIZE = 100
# page() keeps the API's own default.
PAGE_PAGE_SIZE = 20


class Customers:
    """GET /customers/."""

    def __init__(self, client: Piriod) -> None:
        self._client = client

    def list(
        self,
        *,
        page_size: int = LIST_PAGE_SIZE,
        max_items: int | None = None,
        start_page: int = 1,
        on_drift: OnDrift = "warn",
        on_invalid: OnInvalid = "raise",
        concurrency: int = 1,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> Paginator[Customer]:
        """Every customer matching the filters, page after page, as you iterate."""
        return self._client._paginate(
            "customers.list",
            CUSTOMERS,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            on_drift=on_drift,
            on_invalid=on_invalid,
            concurrency=concurrency,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )

    def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> Page[Customer]:
        """Exactly one page, in one request (more only to retry a failure)."""
        return self._client._page(
            "customers.page",
            CUSTOMERS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )


class Products:
    """GET /products/."""

    def __init__(self, client: Piriod) -> None:
        self._client = client

    def list(
        self,
        *,
        page_size: int = LIST_PAGE_SIZE,
        max_items: int | None = None,
        start_page: int = 1,
        on_drift: OnDrift = "warn",
        on_invalid: OnInvalid = "raise",
        concurrency: int = 1,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[ProductFilters],
    ) -> Paginator[Product]:
        """Every product matching the filters, page after page, as you iterate."""
        return self._client._paginate(
            "products.list",
            PRODUCTS,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            on_drift=on_drift,
            on_invalid=on_invalid,
            concurrency=concurrency,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )

    def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[ProductFilters],
    ) -> Page[Product]:
        """Exactly one page, in one request (more only to retry a failure)."""
        return self._client._page(
            "products.page",
            PRODUCTS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )


class AsyncCustomers:
    """GET /customers/, awaitable."""

    def __init__(self, client: AsyncPiriod) -> None:
        self._client = client

    def list(
        self,
        *,
        page_size: int = LIST_PAGE_SIZE,
        max_items: int | None = None,
        start_page: int = 1,
        on_drift: OnDrift = "warn",
        on_invalid: OnInvalid = "raise",
        concurrency: int = 1,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> AsyncPaginator[Customer]:
        """Every customer matching the filters: `async for customer in ...`."""
        return self._client._paginate(
            "customers.list",
            CUSTOMERS,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            on_drift=on_drift,
            on_invalid=on_invalid,
            concurrency=concurrency,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )

    async def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> Page[Customer]:
        """Exactly one page, in one request (more only to retry a failure)."""
        return await self._client._page(
            "customers.page",
            CUSTOMERS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )


class AsyncProducts:
    """GET /products/, awaitable."""

    def __init__(self, client: AsyncPiriod) -> None:
        self._client = client

    def list(
        self,
        *,
        page_size: int = LIST_PAGE_SIZE,
        max_items: int | None = None,
        start_page: int = 1,
        on_drift: OnDrift = "warn",
        on_invalid: OnInvalid = "raise",
        concurrency: int = 1,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[ProductFilters],
    ) -> AsyncPaginator[Product]:
        """Every product matching the filters: `async for product in ...`."""
        return self._client._paginate(
            "products.list",
            PRODUCTS,
            page_size=page_size,
            max_items=max_items,
            start_page=start_page,
            on_drift=on_drift,
            on_invalid=on_invalid,
            concurrency=concurrency,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )

    async def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        **filters: Unpack[ProductFilters],
    ) -> Page[Product]:
        """Exactly one page, in one request (more only to retry a failure)."""
        return await self._client._page(
            "products.page",
            PRODUCTS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )
