"""`Piriod` and `AsyncPiriod`: configuration, one reused connection pool, retries, and the
resources. Everything but the waiting and the sending is shared by the two clients."""

from __future__ import annotations

import contextlib
import functools
import platform
import sys
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar, cast

import attrs
import httpx

import piriod_api

from ._collector import collector_paused
from ._config import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    ClientConfig,
    Secret,
    attempt_budget,
    check_environment_proxies,
    coerce_timeout,
    is_loopback_url,
    proxy_error,
)
from ._endpoints import Endpoint, build_request, parse_page
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    PiriodError,
    UnexpectedResponseError,
    paused_rate_limit_error,
    public_request,
    shown_with,
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
from ._params import (
    check_extra_headers,
    check_max_items,
    check_page,
    check_page_size,
    split_filters,
)
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
HTTPClient = TypeVar("HTTPClient", httpx.Client, httpx.AsyncClient)
R = TypeVar("R")

USER_AGENT = (
    f"piriod-python/{__version__} httpx/{httpx.__version__} Python/{platform.python_version()}"
)
# Set on each request piriod sends, never on the client (an http_client of yours stays as it
# was): the User-Agent, and only the encodings piriod inflates in bounded steps.
_HEADERS: Mapping[str, str] = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING}


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
    # piriod's own headers (User-Agent, Accept-Encoding), then the call's extra_headers.
    headers: Mapping[str, str] = _HEADERS


@attrs.frozen
class _Walk:
    """One checked `list()` call."""

    call: _Call
    start_page: int
    max_items: int | None
    on_drift: OnDrift
    concurrency: int


E = TypeVar("E", bound=BaseException)


def _without_frames(exc: E) -> E:
    """`exc` and the exceptions chained to it, without their tracebacks, to be raised again
    from a frame that holds nothing secret. A traceback printed with its locals (Django's
    debug page, `pytest --showlocals`, APM agents) shows every local of every frame: those
    of httpx and httpcore hold what they were sending (the header block, the Authorization
    header in it), and those that read or parse a reply hold what the server sent (which may
    echo the token). Types and messages stay; the frames left start at the client's request
    loop or its parsing of a reply."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        if isinstance(link, httpx.RequestError):
            # httpx's exception keeps the request it failed to send, Authorization and all.
            with contextlib.suppress(RuntimeError):  # RuntimeError: it has no request
                link.request = public_request(link.request)
        link = link.__cause__ or link.__context__
    return exc


def _connection_error(
    request: httpx.Request, exc: httpx.RequestError, attempts: int, secret: Secret
) -> APIConnectionError | UnexpectedResponseError:
    where = f"{request.method} {request.url.path}"
    if attempts > 1:
        where += f" (after {attempts} attempts)"
    shown = shown_with(secret)  # httpx's message may quote what the server sent
    error: APIConnectionError | UnexpectedResponseError
    if isinstance(exc, httpx.TimeoutException):
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        error = APITimeoutError(
            f"{where} got no answer in time ({shown(what)}); the API may be slow or"
            " unreachable: try again, or pass a larger timeout=",
            request=request,
        )
    elif isinstance(exc, httpx.DecodingError):
        error = UnexpectedResponseError(
            f"{where}: the reply could not be decoded ({shown(str(exc))})",
            status_code=0,
            body=b"",
        )
    else:
        error = APIConnectionError(
            f"{where} failed before any answer ({type(exc).__name__}: {shown(str(exc))});"
            " check the network and base_url",
            request=request,
        )
    error.__cause__ = _without_frames(exc)
    return error


def _wait(seconds: float, stop: threading.Event | None) -> None:
    """Sleeps, or waits on a walk's stop event so that stopping cuts the wait short."""
    if stop is None:
        time.sleep(seconds)
    else:
        stop.wait(seconds)


def _running_asyncio_loop() -> object | None:
    """The running asyncio event loop, or None (under trio, or outside any loop)."""
    asyncio = sys.modules.get("asyncio")  # not imported: no asyncio loop can be running
    if asyncio is None:
        return None
    try:
        loop: object = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop


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
    _owns_http: bool  # whether close() closes the pool: not one you passed, nor a derived one
    # `client.customers` and `client.products`, kept only while someone holds them (a patch
    # in a test, a variable): a resource holds its client, and a client holding its
    # resources would be a cycle, living on after its user dropped it until the garbage
    # collector found it, and then collected with its sockets still open.
    _resources: weakref.WeakValueDictionary[Callable[[Any], object], object]
    # The client whose pool this one uses, when it was derived from it (with_options, copy):
    # holding it keeps that pool open for as long as this client lives. None for a client
    # made with its own pool (a reference to itself would be a cycle).
    _root: _BaseClient | None

    def _resource(self, kind: Callable[[Any], R]) -> R:
        resource = self._resources.get(kind)
        if resource is None:
            resource = self._resources[kind] = kind(self)
        return cast("R", resource)

    def _configure(
        self,
        *,
        token: Secret | None,
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
        self._resources = weakref.WeakValueDictionary()
        self._root = None

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
        config: ClientConfig | None = getattr(self, "_config", None)
        if config is None:  # in the traceback of a construction that failed: repr must work
            return f"<{type(self).__name__} (not configured)>"
        return (
            f"<{type(self).__name__} base_url={config.base_url!r}"
            f" workspace={config.workspace!r} test_mode={config.test_mode}>"
        )

    def _derive(
        self,
        *,
        workspace: str | None,
        test_mode: bool | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
    ) -> Self:
        """A copy of this client with other settings, sharing its connection pool (see
        `Piriod.with_options`). Checked as the constructor checks them."""
        config = self._config
        derived = object.__new__(type(self))
        derived.__dict__.update(self.__dict__)
        derived._config = ClientConfig.resolve(
            token=config.token,
            workspace=config.workspace if workspace is None else workspace,
            test_mode=config.test_mode if test_mode is None else test_mode,
            base_url=config.base_url,
            timeout=config.timeout if timeout is None else timeout,
            max_response_bytes=config.max_response_bytes,
        )
        if max_retries is not None:
            try:
                derived._policy = attrs.evolve(
                    self._policy, max_retries=check_max_retries(max_retries)
                )
            except ValueError as error:
                raise ConfigurationError(str(error)) from None
        derived._owns_http = False  # the pool is the root client's: it closes it
        derived._resources = weakref.WeakValueDictionary()
        derived._root = self._root or self
        return derived

    def __copy__(self) -> Self:
        """A copy shares this client's pool and settings, as `with_options()` gives: it
        never closes the pool, which stays this client's."""
        return self._derive(workspace=None, test_mode=None, timeout=None, max_retries=None)

    def _own_client(self, kind: type[HTTPClient]) -> HTTPClient:
        """The httpx client piriod makes when none is passed. For a loopback base_url it reads
        nothing from the environment (trust_env=False): no HTTP_PROXY may carry the plain-http
        token off this machine. Otherwise environment proxies apply (NO_PROXY included), and
        one httpx cannot use is a ConfigurationError naming its variable."""
        if is_loopback_url(self._config.base_url):
            return kind(timeout=self._config.timeout, follow_redirects=False, trust_env=False)
        check_environment_proxies()
        try:
            return kind(timeout=self._config.timeout, follow_redirects=False)
        except (ImportError, ValueError, httpx.InvalidURL):  # a proxy the check did not foresee
            raise proxy_error() from None

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
        extra_headers: object = None,
    ) -> _Call:
        """Checks a call's arguments; its own max_retries and timeout win over the client's."""
        headers: Mapping[str, str] = _HEADERS
        extra = check_extra_headers(extra_headers)
        if extra:
            merged = httpx.Headers(_HEADERS)
            merged.update(extra)  # a name piriod sets too (User-Agent) is replaced, any case
            headers = merged
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
            headers=headers,
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
        extra_headers: object = None,
    ) -> _Walk:
        call = self._check_call(
            operation,
            endpoint,
            page_size=page_size,
            max_retries=max_retries,
            timeout=timeout,
            filters=filters,
            extra_headers=extra_headers,
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
        return build_request(
            http,
            self._config,
            call.endpoint,
            page=page,
            page_size=call.page_size,
            filters=call.filters,
            extra_params=call.extra_params,
            timeout=call.timeout,
            headers=call.headers,
        )

    def _pause_left(self, call: _Call) -> float:
        """The shared 429 pause to wait out before sending; RateLimitError (with the 429 that
        set it) if it is longer than the call may wait, its per-attempt deadline."""
        pause, cause = self._pause.current()
        budget = attempt_budget(call.timeout)
        if pause > budget and cause is not None:
            raise paused_rate_limit_error(
                cause, retry_after=pause, budget=budget, secret=self._config.token
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
            if outcome.status_code == 429 and retry_after is not None:
                self._pause.extend(retry_after, outcome)
            # No wait longer than the call may take (its deadline) or than max_retry_after:
            # the error raised instead (RateLimitError for a 429) carries retry_after.
            longest = min(call.policy.max_retry_after, attempt_budget(call.timeout))
            if retry_after is not None and retry_after > longest:
                return None
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
        try:
            return parse_page(
                call.endpoint,
                response,
                page=page,
                page_size=call.page_size,
                secret=self._config.token,
                attempts=attempts,
                on_invalid=call.on_invalid,
            )
        except PiriodError as error:
            raise _without_frames(error) from error.__cause__


# The closing of unclosed AsyncPiriod pools in flight (see AsyncPiriod.__del__).
_CLOSING: set[Any] = set()


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

    @property
    def customers(self) -> Customers:
        """GET /customers/: `list()` walks every page, `page()` fetches one."""
        return self._resource(Customers)

    @property
    def products(self) -> Products:
        """GET /products/: `list()` walks every page, `page()` fetches one."""
        return self._resource(Products)

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
        """Makes a client; nothing is sent until a call. Every argument is keyword-only.

        Args:
            token: The API token (Piriod dashboard -> API token), sent as
                `Authorization: Token <token>`. Default: the PIRIOD_API_TOKEN variable;
                required.
            workspace: The workspace id (`acc_...`), sent as `x-simple-workspace`. Default:
                PIRIOD_WORKSPACE; required.
            test_mode: True for the workspace's test-mode data (`x-piriod-test-mode`).
                Default: PIRIOD_TEST_MODE (`true`/`false`), else False.
            base_url: The API's root. Default: PIRIOD_BASE_URL, else
                https://api.piriod.com. Must be https://, except for loopback addresses.
            timeout: Seconds, or an httpx.Timeout with every part set; None is refused.
                Default: 30 s to read, write or wait for a pooled connection, 5 s to
                connect. Each attempt must also end within its largest part.
            max_retries: Retries after a connection error, a timeout, a 429 or a 5xx
                (0: none). Default: 2. Calls may set their own.
            max_response_bytes: The largest reply accepted, compressed or decompressed.
                Default: 16 MiB.
            http_client: An httpx.Client of your own (proxies, mocking). piriod sets its
                headers on each request, not on your client, and never closes it.

        Raises:
            ConfigurationError: a missing token or workspace, or a setting that cannot
                work (it names the argument or variable, never quoting a secret).
        """
        secret = None if token is None else Secret(token)
        del token  # from here on only wrapped: no frame of a traceback shows it
        self._configure(
            token=secret,
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
            http = self._own_client(httpx.Client)
            if not install_deadlines(http):  # httpx's insides changed: the body is still bounded
                logger.debug("attempt deadlines are checked between body chunks only")
        self._api = piriod_api.Client(base_url=self._config.base_url).set_httpx_client(http)

    def with_options(
        self,
        *,
        workspace: str | None = None,
        test_mode: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> Piriod:
        """A client with other settings that shares this one's connection pool: one
        process can serve many workspaces without a pool each.

        Args:
            workspace: Another workspace id (`acc_...`) for every request of the new client.
            test_mode: True for test-mode data, False for live data.
            timeout: Seconds, or an httpx.Timeout with every part set.
            max_retries: Retries after a transient failure (0: none).

        What is left out (None) stays as it is here. The token, base_url and the 429 pause
        are shared: after a 429, both clients wait out its Retry-After. The pool belongs
        to this client: closing the new one leaves it open; closing this one (or leaving
        its `with` block) closes it for both. A bad setting raises ConfigurationError.
        """
        derived = self._derive(
            workspace=workspace, test_mode=test_mode, timeout=timeout, max_retries=max_retries
        )
        return derived

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
                    http,
                    request,
                    budget=budget,
                    cap=self._config.max_response_bytes,
                    secret=self._config.token,
                )
            except httpx.RequestError as exc:
                outcome = exc
            except PiriodError as error:  # a refused reply: raised from here, see _without_frames
                raise _without_frames(error) from None
            _log(request, getattr(outcome, "status_code", type(outcome).__name__), attempt, started)
            wait = self._retry_wait(call, attempt, request, outcome)
            if wait is None:
                if isinstance(outcome, httpx.RequestError):
                    raise _connection_error(request, outcome, attempt, self._config.token)
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
        reply = self._fetch(self._check_call(operation, endpoint, **arguments), number)
        with collector_paused():
            return reply()

    def close(self) -> None:
        """Closes the connection pool (not an http_client you passed in, nor the pool of
        the client this one was derived from with `with_options`)."""
        if self._owns_http:
            self._api.get_httpx_client().close()

    def __del__(self) -> None:
        # An unclosed client closes its pool when it is collected, instead of leaving its
        # sockets to the garbage collector (a ResourceWarning each under `python -X dev`).
        try:
            if getattr(self, "_owns_http", False):
                http = self._api.get_httpx_client()
                if not http.is_closed:
                    http.close()
        except Exception:  # noqa: S110 (never raise from a finalizer, e.g. at interpreter exit)
            pass

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

    @property
    def customers(self) -> AsyncCustomers:
        """GET /customers/: `list()` walks every page, `await page()` fetches one."""
        return self._resource(AsyncCustomers)

    @property
    def products(self) -> AsyncProducts:
        """GET /products/: `list()` walks every page, `await page()` fetches one."""
        return self._resource(AsyncProducts)

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
        """Makes an async client; nothing is sent until a call. Every argument is
        keyword-only. Close it with `await client.close()` or `async with`.

        Args:
            token: The API token (Piriod dashboard -> API token), sent as
                `Authorization: Token <token>`. Default: the PIRIOD_API_TOKEN variable;
                required.
            workspace: The workspace id (`acc_...`), sent as `x-simple-workspace`. Default:
                PIRIOD_WORKSPACE; required.
            test_mode: True for the workspace's test-mode data (`x-piriod-test-mode`).
                Default: PIRIOD_TEST_MODE (`true`/`false`), else False.
            base_url: The API's root. Default: PIRIOD_BASE_URL, else
                https://api.piriod.com. Must be https://, except for loopback addresses.
            timeout: Seconds, or an httpx.Timeout with every part set; None is refused.
                Default: 30 s to read, write or wait for a pooled connection, 5 s to
                connect. Each attempt is cancelled at its largest part.
            max_retries: Retries after a connection error, a timeout, a 429 or a 5xx
                (0: none). Default: 2. Calls may set their own.
            max_response_bytes: The largest reply accepted, compressed or decompressed.
                Default: 16 MiB.
            http_client: An httpx.AsyncClient of your own (proxies, mocking). piriod sets
                its headers on each request, not on your client, and never closes it.

        Raises:
            ConfigurationError: a missing token or workspace, or a setting that cannot
                work (it names the argument or variable, never quoting a secret).
        """
        secret = None if token is None else Secret(token)
        del token  # from here on only wrapped: no frame of a traceback shows it
        self._configure(
            token=secret,
            workspace=workspace,
            test_mode=test_mode,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        self._owns_http = http_client is None
        http = http_client or self._own_client(httpx.AsyncClient)
        self._api = piriod_api.Client(base_url=self._config.base_url).set_async_httpx_client(http)
        # The event loop the httpx client's connections belong to (None: not used yet).
        self._loop: object | None = None

    def with_options(
        self,
        *,
        workspace: str | None = None,
        test_mode: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> AsyncPiriod:
        """A client with other settings that shares this one's connection pool: one
        process can serve many workspaces without a pool each.

        Args:
            workspace: Another workspace id (`acc_...`) for every request of the new client.
            test_mode: True for test-mode data, False for live data.
            timeout: Seconds, or an httpx.Timeout with every part set.
            max_retries: Retries after a transient failure (0: none).

        What is left out (None) stays as it is here. The token, base_url and the 429 pause
        are shared: after a 429, both clients wait out its Retry-After. The pool belongs
        to this client: closing the new one leaves it open; closing this one (or leaving
        its `async with` block) closes it for both. A bad setting raises
        ConfigurationError.
        """
        return self._derive(
            workspace=workspace, test_mode=test_mode, timeout=timeout, max_retries=max_retries
        )

    def _http_for_this_loop(self) -> tuple[httpx.AsyncClient, bool]:
        """The httpx client for the running event loop, and whether it was first used in
        another one. An httpx.AsyncClient's pooled connections belong to the loop that made
        them: when a module-level AsyncPiriod is used from a second loop (two asyncio.run()
        calls), a client piriod made is replaced by a fresh one for the new loop. The old
        loop's connections cannot be closed from this one: they are left to the garbage
        collector (which says so with a ResourceWarning, when those are shown). One loop at a
        time: loops in several threads at once would keep replacing each other's client."""
        if self._root is not None:  # a client from with_options: the pool is its root's,
            # which follows the event loop for both
            return cast("AsyncPiriod", self._root)._http_for_this_loop()
        http = self._api.get_async_httpx_client()
        loop = _running_asyncio_loop()
        if loop is None or loop is self._loop:  # trio, or the same loop
            return http, False
        first_use = self._loop is None
        self._loop = loop
        if first_use:
            return http, False
        if self._owns_http and not http.is_closed:
            http = self._own_client(httpx.AsyncClient)
            self._api.set_async_httpx_client(http)
            return http, False
        return http, not self._owns_http

    async def _fetch(self, call: _Call, page: int) -> Reply[Any]:
        http, loop_changed = self._http_for_this_loop()
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
                    http,
                    request,
                    budget=budget,
                    cap=self._config.max_response_bytes,
                    secret=self._config.token,
                )
            except httpx.RequestError as exc:
                outcome = exc
            except PiriodError as error:  # a refused reply: raised from here, see _without_frames
                raise _without_frames(error) from None
            except RuntimeError as exc:
                if not loop_changed:
                    raise
                raise ConfigurationError(
                    "this AsyncPiriod's http_client was first used in another event loop, and"
                    f" its connections cannot be used from this one ({exc}). Make the"
                    " httpx.AsyncClient (and the AsyncPiriod) inside the event loop that uses"
                    " them, e.g. in the coroutine you pass to asyncio.run(), or leave out"
                    " http_client: the client AsyncPiriod makes itself follows the loop"
                ) from None
            _log(request, getattr(outcome, "status_code", type(outcome).__name__), attempt, started)
            wait = self._retry_wait(call, attempt, request, outcome)
            if wait is None:
                if isinstance(outcome, httpx.RequestError):
                    raise _connection_error(request, outcome, attempt, self._config.token)
                return functools.partial(self._parse, call, outcome, page, attempt)
            await _sleep(wait)

    def _paginate(
        self, operation: str, endpoint: Endpoint[T], **arguments: Any
    ) -> AsyncPaginator[T]:
        walk = self._check_walk(operation, endpoint, **arguments)
        return AsyncPaginator(
            lambda page: self._fetch(walk.call, page),
            resource=operation.split(".", maxsplit=1)[0],
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
        with collector_paused():
            return reply()

    async def close(self) -> None:
        """Closes the connection pool (not an http_client you passed in, nor the pool of
        the client this one was derived from with `with_options`)."""
        if self._owns_http:
            http, _ = self._http_for_this_loop()  # not one of a loop that is gone
            await http.aclose()

    def __del__(self) -> None:
        # An unclosed client closes its pool when it is collected, as openai-python does:
        # closing is a coroutine, so it is scheduled on the loop the pool belongs to when
        # that loop is running here (the usual case: the client was a local of a coroutine
        # that has returned). Otherwise there is no way to close it, and its sockets are
        # left to the garbage collector.
        try:
            if not getattr(self, "_owns_http", False):
                return
            http = self._api.get_async_httpx_client()
            loop = _running_asyncio_loop()
            if http.is_closed or loop is None or self._loop not in (None, loop):
                return
            task = loop.create_task(http.aclose())  # type: ignore[attr-defined]
            _CLOSING.add(task)  # the loop keeps only a weak reference to a task
            task.add_done_callback(_CLOSING.discard)
        except Exception:  # noqa: S110 (never raise from a finalizer, e.g. at interpreter exit)
            pass

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
