"""`Piriod` and `AsyncPiriod`: configuration, one reused connection pool, retries, and the
resources. Everything but the waiting and the sending is shared by the two clients."""

from __future__ import annotations

import functools
import platform
import threading
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import attrs
import httpx

import piriod_api

from ._config import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    ClientConfig,
    attempt_budget,
    coerce_timeout,
)
from ._endpoints import Endpoint, build_request, parse_page
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    UnexpectedResponseError,
    paused_rate_limit_error,
)
from ._limits import ACCEPT_ENCODING, install_deadlines, send_async, send_sync
from ._logging import logger, setup_from_environment
from ._pagination import (
    AsyncPaginator,
    OnDrift,
    OnInvalid,
    Page,
    Paginator,
    Reply,
    WalkStopped,
    check_concurrency,
    check_on_drift,
    check_on_invalid,
)
from ._params import check_max_items, check_page, check_page_size, split_filters
from ._resources import AsyncCustomers, AsyncProducts, Customers, Products
from ._retries import (
    DEFAULT_MAX_RETRIES,
    RetryPolicy,
    SharedPause,
    check_max_retries,
    is_retryable_status,
    parse_retry_after,
)
from ._version import __version__

__all__ = ["AsyncPiriod", "Piriod"]

T = TypeVar("T")

USER_AGENT = (
    f"piriod-python/{__version__} httpx/{httpx.__version__} Python/{platform.python_version()}"
)


@attrs.frozen
class _Call:
    """One checked call: what every page request of it needs."""

    endpoint: Endpoint[Any]
    page_size: int
    filters: Mapping[str, Any]
    extra_params: Mapping[str, Any]
    policy: RetryPolicy
    timeout: httpx.Timeout
    on_invalid: OnInvalid = "raise"


@attrs.frozen
class _Walk:
    """One checked `list()` call."""

    call: _Call
    start_page: int
    max_items: int | None
    on_drift: OnDrift
    concurrency: int


def _connection_error(
    request: httpx.Request, exc: httpx.RequestError, attempts: int
) -> APIConnectionError | UnexpectedResponseError:
    where = f"{request.method} {request.url.path}"
    if attempts > 1:
        where += f" (after {attempts} attempts)"
    if isinstance(exc, httpx.TimeoutException):
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return APITimeoutError(
            f"{where} got no answer in time ({what}); the API may be slow or"
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


def _wait(seconds: float, stop: threading.Event | None) -> None:
    """Sleeps, or waits on a walk's stop event so that stopping cuts the wait short."""
    if stop is None:
        time.sleep(seconds)
    else:
        stop.wait(seconds)


async def _sleep(seconds: float) -> None:
    """Sleeps in whatever event loop runs the client (asyncio or trio). anyio is imported on
    first use, keeping `import piriod` cheap for sync users."""
    import anyio  # noqa: PLC0415

    await anyio.sleep(seconds)


def _path(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii", errors="replace")


def _log(request: httpx.Request, status: int | str, attempt: int, started: float) -> None:
    logger.debug(
        "%s %s -> %s (attempt %d, %.0f ms)",
        request.method,
        _path(request),
        status,
        attempt,
        (time.monotonic() - started) * 1000,
    )


class _BaseClient:
    _config: ClientConfig
    _policy: RetryPolicy
    _pause: SharedPause

    def _configure(
        self,
        *,
        token: str | None,
        workspace: str | None,
        test_mode: bool | None,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        max_response_bytes: int,
    ) -> None:
        setup_from_environment()
        self._config = ClientConfig.resolve(
            token=token,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
            max_response_bytes=max_response_bytes,
        )
        try:
            self._policy = RetryPolicy(max_retries=check_max_retries(max_retries))
        except ValueError as error:
            raise ConfigurationError(str(error)) from None
        self._pause = SharedPause()

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def workspace(self) -> str:
        return self._config.workspace

    @property
    def test_mode(self) -> bool:
        return self._config.test_mode

    @property
    def max_retries(self) -> int:
        return self._policy.max_retries

    @property
    def max_response_bytes(self) -> int:
        """The largest reply accepted, compressed or decompressed (see `Piriod`)."""
        return self._config.max_response_bytes

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} base_url={self.base_url!r} workspace={self.workspace!r}"
            f" test_mode={self.test_mode}>"
        )

    # --- checking calls (before any request) -----------------------------------------------

    def _check_call(
        self,
        operation: str,
        endpoint: Endpoint[Any],
        *,
        page_size: object,
        max_retries: object,
        timeout: object,
        filters: Mapping[str, object],
    ) -> _Call:
        """Checks a call's arguments; its own max_retries and timeout win over the client's."""
        policy = self._policy
        if max_retries is not None:
            policy = attrs.evolve(policy, max_retries=check_max_retries(max_retries))
        call_timeout = self._config.timeout
        if timeout is not None:
            try:
                call_timeout = coerce_timeout(timeout)  # type: ignore[arg-type]
            except ConfigurationError as error:
                raise ValueError(error.message) from None
        filters_checked, extra_params = split_filters(operation, endpoint.filters, filters)
        return _Call(
            endpoint,
            check_page_size(page_size),
            filters_checked,
            extra_params,
            policy,
            call_timeout,
        )

    def _check_walk(
        self,
        operation: str,
        endpoint: Endpoint[Any],
        *,
        page_size: object,
        max_items: object,
        start_page: object,
        on_drift: object,
        on_invalid: object,
        concurrency: object,
        max_retries: object,
        timeout: object,
        filters: Mapping[str, object],
    ) -> _Walk:
        call = self._check_call(
            operation,
            endpoint,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
        )
        call = attrs.evolve(call, on_invalid=check_on_invalid(on_invalid))
        return _Walk(
            call,
            check_page(start_page, "start_page"),
            check_max_items(max_items),
            check_on_drift(on_drift),
            check_concurrency(concurrency),
        )

    # --- one page, with retries (the waiting is the subclasses') ---------------------------

    def _build(
        self, http: httpx.Client | httpx.AsyncClient, call: _Call, page: int
    ) -> httpx.Request:
        request = build_request(
            http,
            self._config,
            call.endpoint,
            page=page,
            page_size=call.page_size,
            filters=call.filters,
            extra_params=call.extra_params,
            timeout=call.timeout,
        )
        # Only encodings piriod inflates in bounded steps (a client may also accept br, zstd).
        request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        return request

    def _pause_left(self, call: _Call) -> float:
        """The shared 429 pause to wait out before sending; RateLimitError (with the 429 that
        set it) if it is longer than the call may wait, its per-attempt deadline."""
        pause, cause = self._pause.current()
        budget = attempt_budget(call.timeout)
        if pause > budget and cause is not None:
            raise paused_rate_limit_error(
                cause, retry_after=pause, budget=budget, secret=self._config.token.reveal()
            )
        return pause

    def _retry_wait(
        self,
        call: _Call,
        attempt: int,
        request: httpx.Request,
        outcome: httpx.Response | httpx.RequestError,
    ) -> float | None:
        """How long to wait before trying again, or None to stop and report `outcome`."""
        retry_after: float | None = None
        if isinstance(outcome, httpx.Response):
            if not is_retryable_status(outcome.status_code):
                return None
            retry_after = parse_retry_after(outcome.headers.get("retry-after"))
            if retry_after is not None and retry_after > call.policy.max_retry_after:
                return None  # the RateLimitError raised instead carries retry_after
            if outcome.status_code == 429 and retry_after is not None:
                self._pause.extend(retry_after, outcome)
            reason = f"status {outcome.status_code}"
        else:
            reason = type(outcome).__name__
        if attempt > call.policy.max_retries:
            return None
        wait = call.policy.wait_before(attempt, retry_after)
        logger.debug(
            "retrying %s %s in %.2f s (retry %d of %d): %s",
            request.method,
            _path(request),
            wait,
            attempt,
            call.policy.max_retries,
            reason,
        )
        return wait

    def _parse(self, call: _Call, response: httpx.Response, page: int, attempts: int) -> Page[Any]:
        return parse_page(
            call.endpoint,
            response,
            page=page,
            page_size=call.page_size,
            secret=self._config.token.reveal(),
            attempts=attempts,
            on_invalid=call.on_invalid,
        )


class Piriod(_BaseClient):
    """The Piriod API client.

    Every argument falls back to the environment: PIRIOD_API_TOKEN, PIRIOD_WORKSPACE,
    PIRIOD_TEST_MODE and PIRIOD_BASE_URL. Pass `http_client` to use your own httpx.Client
    (proxies, mocking); piriod then leaves closing it to you.

    Each attempt of a request must end (reply read to the end) within the largest part of
    `timeout`; a reply over `max_response_bytes` (16 MiB by default), compressed or
    decompressed, is refused with UnexpectedResponseError without being read whole. With
    your own `http_client`, the deadline is checked between chunks of the body only: a
    server trickling the status line and headers is bounded by the read timeout per byte,
    not in total (see piriod._limits).
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
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._configure(
            token=token,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        self._owns_http = http_client is None
        http = http_client
        if http is None:
            http = httpx.Client(timeout=self._config.timeout, follow_redirects=False)
            if not install_deadlines(http):  # httpx's insides changed: the body is still bounded
                logger.debug("attempt deadlines are checked between body chunks only")
        http.headers["User-Agent"] = USER_AGENT
        self._api = piriod_api.Client(base_url=self._config.base_url).set_httpx_client(http)
        self.customers = Customers(self)
        self.products = Products(self)

    def _fetch(self, call: _Call, page: int, *, stop: threading.Event | None = None) -> Reply[Any]:
        """One page's reply, with retries. `stop` is a parallel walk's: once it is set, no
        attempt starts (WalkStopped) and no wait lasts."""
        http = self._api.get_httpx_client()
        budget = attempt_budget(call.timeout)
        attempt = 0
        while True:
            attempt += 1
            if stop is not None and stop.is_set():
                raise WalkStopped
            pause = self._pause_left(call)
            if pause:  # another request's 429 asked everyone to wait
                _wait(pause, stop)
                if stop is not None and stop.is_set():
                    raise WalkStopped
            request = self._build(http, call, page)
            started = time.monotonic()
            outcome: httpx.Response | httpx.RequestError
            try:
                outcome = send_sync(
                    http, request, budget=budget, cap=self._config.max_response_bytes
                )
            except httpx.RequestError as exc:
                outcome = exc
            _log(request, getattr(outcome, "status_code", type(outcome).__name__), attempt, started)
            wait = self._retry_wait(call, attempt, request, outcome)
            if wait is None:
                if isinstance(outcome, httpx.RequestError):
                    raise _connection_error(request, outcome, attempt) from outcome
                return functools.partial(self._parse, call, outcome, page, attempt)
            _wait(wait, stop)

    def _paginate(self, operation: str, endpoint: Endpoint[T], **arguments: Any) -> Paginator[T]:
        walk = self._check_walk(operation, endpoint, **arguments)
        return Paginator(
            lambda page, stop: self._fetch(walk.call, page, stop=stop),
            start_page=walk.start_page,
            max_items=walk.max_items,
            on_drift=walk.on_drift,
            concurrency=walk.concurrency,
        )

    def _page(
        self, operation: str, endpoint: Endpoint[T], *, page: object, **arguments: Any
    ) -> Page[T]:
        number = check_page(page)
        return self._fetch(self._check_call(operation, endpoint, **arguments), number)()

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
    """The async Piriod API client: the same surface as `Piriod`, awaitable.

    Each attempt, reply read to the end, is cancelled at the largest part of `timeout`,
    whatever the transport (an `http_client` of your own included).
    """

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
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._configure(
            token=token,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        self._owns_http = http_client is None
        http = http_client or httpx.AsyncClient(
            timeout=self._config.timeout, follow_redirects=False
        )
        http.headers["User-Agent"] = USER_AGENT
        self._api = piriod_api.Client(base_url=self._config.base_url).set_async_httpx_client(http)
        self.customers = AsyncCustomers(self)
        self.products = AsyncProducts(self)

    async def _fetch(self, call: _Call, page: int) -> Reply[Any]:
        http = self._api.get_async_httpx_client()
        budget = attempt_budget(call.timeout)
        attempt = 0
        while True:
            attempt += 1
            pause = self._pause_left(call)
            if pause:
                await _sleep(pause)
            request = self._build(http, call, page)
            started = time.monotonic()
            outcome: httpx.Response | httpx.RequestError
            try:
                outcome = await send_async(
                    http, request, budget=budget, cap=self._config.max_response_bytes
                )
            except httpx.RequestError as exc:
                outcome = exc
            _log(request, getattr(outcome, "status_code", type(outcome).__name__), attempt, started)
            wait = self._retry_wait(call, attempt, request, outcome)
            if wait is None:
                if isinstance(outcome, httpx.RequestError):
                    raise _connection_error(request, outcome, attempt) from outcome
                return functools.partial(self._parse, call, outcome, page, attempt)
            await _sleep(wait)

    def _paginate(
        self, operation: str, endpoint: Endpoint[T], **arguments: Any
    ) -> AsyncPaginator[T]:
        walk = self._check_walk(operation, endpoint, **arguments)
        return AsyncPaginator(
            lambda page: self._fetch(walk.call, page),
            start_page=walk.start_page,
            max_items=walk.max_items,
            on_drift=walk.on_drift,
            concurrency=walk.concurrency,
        )

    async def _page(
        self, operation: str, endpoint: Endpoint[T], *, page: object, **arguments: Any
    ) -> Page[T]:
        number = check_page(page)
        reply = await self._fetch(self._check_call(operation, endpoint, **arguments), number)
        return reply()

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
