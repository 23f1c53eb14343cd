"""`client.customers` and `client.products`, sync and async.

Each method only checks its arguments and hands them to the client, so the four classes
stay thin; their signatures are spelled out so editors and mypy know every filter, and
their docstrings are spelled out (not built) so editors show every parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
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
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> Paginator[Customer]:
        """Every customer matching the filters, page after page, as you iterate.

        Lazy: this call sends nothing. Requests go as you iterate,
        `for customer in client.customers.list(...)`,
        a page at a time (or `concurrency` at once); iterating again walks again, and
        `for page in ....pages()` gives the pages. An error names the page it struck
        (`error.page`), to resume from with `start_page`.

        Args:
            page_size: Items a page, 1 to 100. Default: 100 (fewest requests).
            max_items: Stop after this many items (None: every item).
            start_page: The page to start from, e.g. an error's `page` to resume a walk.
            on_drift: If the list changes during the walk: "warn" (DriftWarning, the
                default), "raise" (ListChangedError) or "ignore". Repeats are dropped.
            on_invalid: An item whose values do not fit their types: "raise"
                (InvalidItemError, the default) or "skip" (left out, warned about once, and
                listed in the paginator's `skipped`).
            concurrency: Pages fetched at once, 1 (the default) to 32; items still come in
                page order.
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            country: Country id (ISO 3166-1 alpha-2), e.g. "CL".
            email: E-mail address.
            name: Name.
            tax_id: Tax id (a RUT in Chile), e.g. "76.086.428-5".
            created: Created at exactly this instant: a datetime, a date or an ISO 8601
                string (a date or a naive time is local time), as are the two below.
            created_gte: Created at or after this instant (sent as created__gte).
            created_lte: Created at or before this instant (sent as created__lte).
            subscriptions: A subscription id the customer is linked to.
            sources: A payment source id the customer is linked to.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending;
                "created" gives the steadiest walk.
            extra_params: Other query parameters as they are, e.g.
                {"metadata__crm_id": "4471"}.

        Returns:
            A Paginator of Customer items.

        Raises:
            TypeError, ValueError: bad arguments, at once (before iterating).
        """
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
            extra_headers=extra_headers,
            filters=filters,
        )

    def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> Page[Customer]:
        """Exactly one page, in one request (more only to retry a failure).

        `page = client.customers.page(...)`: `page.items`, `page.count` (items in all
        pages), `page.has_next`, and the reply's `page.request_id` and `page.headers`.

        Args:
            page: The page number, from 1. A page past the last raises NotFoundError.
            page_size: Items a page, 1 to 100. Default: 20 (the API's own).
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            country: Country id (ISO 3166-1 alpha-2), e.g. "CL".
            email: E-mail address.
            name: Name.
            tax_id: Tax id (a RUT in Chile), e.g. "76.086.428-5".
            created: Created at exactly this instant: a datetime, a date or an ISO 8601
                string (a date or a naive time is local time), as are the two below.
            created_gte: Created at or after this instant (sent as created__gte).
            created_lte: Created at or before this instant (sent as created__lte).
            subscriptions: A subscription id the customer is linked to.
            sources: A payment source id the customer is linked to.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending;
                "created" gives the steadiest walk.
            extra_params: Other query parameters as they are, e.g.
                {"metadata__crm_id": "4471"}.

        Returns:
            A Page of Customer items.

        Raises:
            TypeError, ValueError: bad arguments, before any request.
            PiriodError: what the request met (NotFoundError, AuthenticationError, ...).
        """
        return self._client._page(
            "customers.page",
            CUSTOMERS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            extra_headers=extra_headers,
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
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[ProductFilters],
    ) -> Paginator[Product]:
        """Every product matching the filters, page after page, as you iterate.

        Lazy: this call sends nothing. Requests go as you iterate,
        `for product in client.products.list(...)`,
        a page at a time (or `concurrency` at once); iterating again walks again, and
        `for page in ....pages()` gives the pages. An error names the page it struck
        (`error.page`), to resume from with `start_page`.

        Args:
            page_size: Items a page, 1 to 100. Default: 100 (fewest requests).
            max_items: Stop after this many items (None: every item).
            start_page: The page to start from, e.g. an error's `page` to resume a walk.
            on_drift: If the list changes during the walk: "warn" (DriftWarning, the
                default), "raise" (ListChangedError) or "ignore". Repeats are dropped.
            on_invalid: An item whose values do not fit their types: "raise"
                (InvalidItemError, the default) or "skip" (left out, warned about once, and
                listed in the paginator's `skipped`).
            concurrency: Pages fetched at once, 1 (the default) to 32; items still come in
                page order.
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            name: Name.
            plans: A plan id the product has.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending.
            extra_params: Other query parameters as they are, e.g. {"metadata__sku": "A1"}.

        Returns:
            A Paginator of Product items.

        Raises:
            TypeError, ValueError: bad arguments, at once (before iterating).
        """
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
            extra_headers=extra_headers,
            filters=filters,
        )

    def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[ProductFilters],
    ) -> Page[Product]:
        """Exactly one page, in one request (more only to retry a failure).

        `page = client.products.page(...)`: `page.items`, `page.count` (items in all
        pages), `page.has_next`, and the reply's `page.request_id` and `page.headers`.

        Args:
            page: The page number, from 1. A page past the last raises NotFoundError.
            page_size: Items a page, 1 to 100. Default: 20 (the API's own).
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            name: Name.
            plans: A plan id the product has.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending.
            extra_params: Other query parameters as they are, e.g. {"metadata__sku": "A1"}.

        Returns:
            A Page of Product items.

        Raises:
            TypeError, ValueError: bad arguments, before any request.
            PiriodError: what the request met (NotFoundError, AuthenticationError, ...).
        """
        return self._client._page(
            "products.page",
            PRODUCTS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            extra_headers=extra_headers,
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
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> AsyncPaginator[Customer]:
        """Every customer matching the filters, page after page, as you iterate.

        Lazy: this call sends nothing. Requests go as you iterate,
        `async for customer in client.customers.list(...)`,
        a page at a time (or `concurrency` at once); iterating again walks again, and
        `async for page in ....pages()` gives the pages. An error names the page it struck
        (`error.page`), to resume from with `start_page`.

        Args:
            page_size: Items a page, 1 to 100. Default: 100 (fewest requests).
            max_items: Stop after this many items (None: every item).
            start_page: The page to start from, e.g. an error's `page` to resume a walk.
            on_drift: If the list changes during the walk: "warn" (DriftWarning, the
                default), "raise" (ListChangedError) or "ignore". Repeats are dropped.
            on_invalid: An item whose values do not fit their types: "raise"
                (InvalidItemError, the default) or "skip" (left out, warned about once, and
                listed in the paginator's `skipped`).
            concurrency: Pages fetched at once, 1 (the default) to 32; items still come in
                page order.
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            country: Country id (ISO 3166-1 alpha-2), e.g. "CL".
            email: E-mail address.
            name: Name.
            tax_id: Tax id (a RUT in Chile), e.g. "76.086.428-5".
            created: Created at exactly this instant: a datetime, a date or an ISO 8601
                string (a date or a naive time is local time), as are the two below.
            created_gte: Created at or after this instant (sent as created__gte).
            created_lte: Created at or before this instant (sent as created__lte).
            subscriptions: A subscription id the customer is linked to.
            sources: A payment source id the customer is linked to.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending;
                "created" gives the steadiest walk.
            extra_params: Other query parameters as they are, e.g.
                {"metadata__crm_id": "4471"}.

        Returns:
            An AsyncPaginator of Customer items.

        Raises:
            TypeError, ValueError: bad arguments, at once (before iterating).
        """
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
            extra_headers=extra_headers,
            filters=filters,
        )

    async def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[CustomerFilters],
    ) -> Page[Customer]:
        """Exactly one page, in one request (more only to retry a failure).

        `page = await client.customers.page(...)`: `page.items`, `page.count` (items in all
        pages), `page.has_next`, and the reply's `page.request_id` and `page.headers`.

        Args:
            page: The page number, from 1. A page past the last raises NotFoundError.
            page_size: Items a page, 1 to 100. Default: 20 (the API's own).
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            country: Country id (ISO 3166-1 alpha-2), e.g. "CL".
            email: E-mail address.
            name: Name.
            tax_id: Tax id (a RUT in Chile), e.g. "76.086.428-5".
            created: Created at exactly this instant: a datetime, a date or an ISO 8601
                string (a date or a naive time is local time), as are the two below.
            created_gte: Created at or after this instant (sent as created__gte).
            created_lte: Created at or before this instant (sent as created__lte).
            subscriptions: A subscription id the customer is linked to.
            sources: A payment source id the customer is linked to.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending;
                "created" gives the steadiest walk.
            extra_params: Other query parameters as they are, e.g.
                {"metadata__crm_id": "4471"}.

        Returns:
            A Page of Customer items.

        Raises:
            TypeError, ValueError: bad arguments, before any request.
            PiriodError: what the request met (NotFoundError, AuthenticationError, ...).
        """
        return await self._client._page(
            "customers.page",
            CUSTOMERS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            extra_headers=extra_headers,
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
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[ProductFilters],
    ) -> AsyncPaginator[Product]:
        """Every product matching the filters, page after page, as you iterate.

        Lazy: this call sends nothing. Requests go as you iterate,
        `async for product in client.products.list(...)`,
        a page at a time (or `concurrency` at once); iterating again walks again, and
        `async for page in ....pages()` gives the pages. An error names the page it struck
        (`error.page`), to resume from with `start_page`.

        Args:
            page_size: Items a page, 1 to 100. Default: 100 (fewest requests).
            max_items: Stop after this many items (None: every item).
            start_page: The page to start from, e.g. an error's `page` to resume a walk.
            on_drift: If the list changes during the walk: "warn" (DriftWarning, the
                default), "raise" (ListChangedError) or "ignore". Repeats are dropped.
            on_invalid: An item whose values do not fit their types: "raise"
                (InvalidItemError, the default) or "skip" (left out, warned about once, and
                listed in the paginator's `skipped`).
            concurrency: Pages fetched at once, 1 (the default) to 32; items still come in
                page order.
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            name: Name.
            plans: A plan id the product has.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending.
            extra_params: Other query parameters as they are, e.g. {"metadata__sku": "A1"}.

        Returns:
            An AsyncPaginator of Product items.

        Raises:
            TypeError, ValueError: bad arguments, at once (before iterating).
        """
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
            extra_headers=extra_headers,
            filters=filters,
        )

    async def page(
        self,
        *,
        page: int = 1,
        page_size: int = PAGE_PAGE_SIZE,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Mapping[str, str] | None = None,
        **filters: Unpack[ProductFilters],
    ) -> Page[Product]:
        """Exactly one page, in one request (more only to retry a failure).

        `page = await client.products.page(...)`: `page.items`, `page.count` (items in all
        pages), `page.has_next`, and the reply's `page.request_id` and `page.headers`.

        Args:
            page: The page number, from 1. A page past the last raises NotFoundError.
            page_size: Items a page, 1 to 100. Default: 20 (the API's own).
            max_retries: Retries of each request after a transient failure (0: none).
                Default: the client's.
            timeout: Seconds, or an httpx.Timeout, for each request. Default: the client's.
            extra_headers: Headers added to each request, e.g. {"Idempotency-Key": "..."}.
                Authorization, Proxy-Authorization, x-simple-workspace, x-piriod-test-mode,
                Accept-Encoding, Content-Length, Transfer-Encoding, Host, Connection
                and Cookie are refused (ValueError): they are the client's or httpx's.

        Filters (keyword arguments named as in the API; None or left out: no filter):
            name: Name.
            plans: A plan id the product has.
            search: Free-text search over the main text fields.
            ordering: A field to sort by (name, created, updated, id), "-" for descending.
            extra_params: Other query parameters as they are, e.g. {"metadata__sku": "A1"}.

        Returns:
            A Page of Product items.

        Raises:
            TypeError, ValueError: bad arguments, before any request.
            PiriodError: what the request met (NotFoundError, AuthenticationError, ...).
        """
        return await self._client._page(
            "products.page",
            PRODUCTS,
            page=page,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            extra_headers=extra_headers,
            filters=filters,
        )
