"""`Piriod` and `AsyncPiriod`: configuration, one reused connection pool, and the resources."""

from __future__ import annotations

import platform
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

import piriod_api

from ._config import DEFAULT_TIMEOUT, ClientConfig
from ._endpoints import Endpoint, build_request, parse_page
from ._exceptions import APIConnectionError, APITimeoutError, UnexpectedResponseError
from ._logging import logger, setup_from_environment
from ._pagination import AsyncPaginator, Page, Paginator
from ._params import check_max_items, check_page, check_page_size, split_filters
from ._resources import AsyncCustomers, AsyncProducts, Customers, Products
from ._version import __version__

__all__ = ["AsyncPiriod", "Piriod"]

T = TypeVar("T")

USER_AGENT = (
    f"piriod-python/{__version__} httpx/{httpx.__version__} Python/{platform.python_version()}"
)


class _Request:
    """A checked call, ready to become the request of any page."""

    def __init__(
        self,
        operation: str,
        endpoint: Endpoint[Any],
        page_size: object,
        filters: Mapping[str, object],
    ) -> None:
        self.operation = operation
        self.endpoint = endpoint
        self.page_size = check_page_size(page_size)
        self.filters, self.extra_params = split_filters(operation, endpoint.filters, filters)


def _connection_error(request: httpx.Request, exc: httpx.RequestError) -> Exception:
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"{where} got no answer in time ({type(exc).__name__}); the API may be slow or"
            " unreachable: try again, or pass a larger timeout=",
            request=request,
        )
    if isinstance(exc, httpx.DecodingError):
        return UnexpectedResponseError(
            f"{where}: the reply could not be decoded ({exc})", status_code=0, body=b""
        )
    return APIConnectionError(
        f"{where} failed before any answer ({type(exc).__name__}: {exc}); check the network"
        " and base_url",
        request=request,
    )


def _log(request: httpx.Request, status: int | str, attempt: int, started: float) -> None:
    logger.debug(
        "%s %s -> %s (attempt %d, %.0f ms)",
        request.method,
        request.url.raw_path.decode("ascii", errors="replace"),
        status,
        attempt,
        (time.monotonic() - started) * 1000,
    )


class _BaseClient:
    _config: ClientConfig

    def _configure(
        self,
        *,
        token: str | None,
        workspace: str | None,
        test_mode: bool | None,
        base_url: str | None,
        timeout: float | httpx.Timeout,
    ) -> None:
        setup_from_environment()
        self._config = ClientConfig.resolve(
            token=token,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
        )

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def workspace(self) -> str:
        return self._config.workspace

    @property
    def test_mode(self) -> bool:
        return self._config.test_mode

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} base_url={self.base_url!r} workspace={self.workspace!r}"
            f" test_mode={self.test_mode}>"
        )

    def _build(
        self, http: httpx.Client | httpx.AsyncClient, call: _Request, page: int
    ) -> httpx.Request:
        return build_request(
            http,
            self._config,
            call.endpoint,
            page=page,
            page_size=call.page_size,
            filters=call.filters,
            extra_params=call.extra_params,
            timeout=self._config.timeout,
        )


class Piriod(_BaseClient):
    """The Piriod API client.

    Every argument falls back to the environment: PIRIOD_API_TOKEN, PIRIOD_WORKSPACE,
    PIRIOD_TEST_MODE and PIRIOD_BASE_URL. Pass `http_client` to use your own httpx.Client
    (proxies, mocking); piriod then leaves closing it to you.
    """

    customers: Customers
    products: Products

    def __init__(
        self,
        *,
        token: str | None = None,
        workspace: str | None = None,
        test_mode: bool | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._configure(
            token=token,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
        )
        self._owns_http = http_client is None
        http = http_client or httpx.Client(timeout=self._config.timeout, follow_redirects=False)
        http.headers["User-Agent"] = USER_AGENT
        self._api = piriod_api.Client(base_url=self._config.base_url).set_httpx_client(http)
        self.customers = Customers(self)
        self.products = Products(self)

    def _fetch(self, call: _Request, page: int) -> Page[Any]:
        http = self._api.get_httpx_client()
        request = self._build(http, call, page)
        started = time.monotonic()
        try:
            response = http.send(request)
        except httpx.RequestError as exc:
            _log(request, type(exc).__name__, 1, started)
            raise _connection_error(request, exc) from exc
        _log(request, response.status_code, 1, started)
        return parse_page(call.endpoint, response, page=page, page_size=call.page_size)

    def _paginate(
        self,
        operation: str,
        endpoint: Endpoint[T],
        *,
        page_size: object,
        max_items: object,
        filters: Mapping[str, object],
    ) -> Paginator[T]:
        call = _Request(operation, endpoint, page_size, filters)
        limit = check_max_items(max_items)
        return Paginator(lambda page: self._fetch(call, page), max_items=limit)

    def _page(
        self,
        operation: str,
        endpoint: Endpoint[T],
        *,
        page: object,
        page_size: object,
        filters: Mapping[str, object],
    ) -> Page[T]:
        number = check_page(page)
        return self._fetch(_Request(operation, endpoint, page_size, filters), number)

    def close(self) -> None:
        """Closes the connection pool (not an http_client you passed in)."""
        if self._owns_http:
            self._api.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncPiriod(_BaseClient):
    """The async Piriod API client: the same surface as `Piriod`, awaitable."""

    customers: AsyncCustomers
    products: AsyncProducts

    def __init__(
        self,
        *,
        token: str | None = None,
        workspace: str | None = None,
        test_mode: bool | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._configure(
            token=token,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
        )
        self._owns_http = http_client is None
        http = http_client or httpx.AsyncClient(
            timeout=self._config.timeout, follow_redirects=False
        )
        http.headers["User-Agent"] = USER_AGENT
        self._api = piriod_api.Client(base_url=self._config.base_url).set_async_httpx_client(http)
        self.customers = AsyncCustomers(self)
        self.products = AsyncProducts(self)

    async def _fetch(self, call: _Request, page: int) -> Page[Any]:
        http = self._api.get_async_httpx_client()
        request = self._build(http, call, page)
        started = time.monotonic()
        try:
            response = await http.send(request)
        except httpx.RequestError as exc:
            _log(request, type(exc).__name__, 1, started)
            raise _connection_error(request, exc) from exc
        _log(request, response.status_code, 1, started)
        return parse_page(call.endpoint, response, page=page, page_size=call.page_size)

    def _paginate(
        self,
        operation: str,
        endpoint: Endpoint[T],
        *,
        page_size: object,
        max_items: object,
        filters: Mapping[str, object],
    ) -> AsyncPaginator[T]:
        call = _Request(operation, endpoint, page_size, filters)
        limit = check_max_items(max_items)
        return AsyncPaginator(lambda page: self._fetch(call, page), max_items=limit)

    async def _page(
        self,
        operation: str,
        endpoint: Endpoint[T],
        *,
        page: object,
        page_size: object,
        filters: Mapping[str, object],
    ) -> Page[T]:
        number = check_page(page)
        return await self._fetch(_Request(operation, endpoint, page_size, filters), number)

    async def close(self) -> None:
        """Closes the connection pool (not an http_client you passed in)."""
        if self._owns_http:
            await self._api.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
