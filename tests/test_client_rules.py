"""What the sync and async clients promise, checked from the outside: the errors a failed
request raises (class, fields and exact words), what they keep of the request and of the
exceptions behind them, the repr of a client, what `with_options` keeps, the log line of each
attempt, how waits end when a parallel walk stops, and how an async client behaves across
event loops and when it is collected unclosed. Several of these tests were written because
mutation testing of piriod/_client.py found the rule unguarded."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import platform
import re
import threading
import types
import weakref
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hostile import HostileAPI, serving

import piriod._client
import piriod._retries
from piriod import (
    APIConnectionError,
    APITimeoutError,
    AsyncPiriod,
    ConfigurationError,
    InvalidItemsWarning,
    Piriod,
    RateLimitError,
    UnexpectedResponseError,
)

from conftest import TOKEN, WORKSPACE, FakeAPI, json_response, make_customer

Handler = Callable[[httpx.Request], httpx.Response]
PATH = "/customers/"


def sync_client(handler: Handler, **options: Any) -> Piriod:
    options.setdefault("max_retries", 0)
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, **options)


def page_body(count: int, numbers: range) -> dict[str, Any]:
    return {
        "count": count,
        "next": None,
        "previous": None,
        "results": [make_customer(n) for n in numbers],
    }


def failing_with(exc: Callable[[httpx.Request], Exception]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc(request)

    return handler


# --- errors of requests that got no answer ------------------------------------------------------


def test_a_connection_failure_names_the_request_and_httpx_words() -> None:
    client = sync_client(failing_with(lambda r: httpx.ConnectError("refused", request=r)))
    with pytest.raises(APIConnectionError) as caught:
        client.customers.page()
    assert type(caught.value) is APIConnectionError
    assert str(caught.value) == (
        f"GET {PATH} failed before any answer (ConnectError: refused);"
        " check the network and base_url"
    )


def test_after_retries_the_message_counts_the_attempts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("piriod._client._wait", lambda seconds, stop: None)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ConnectError("refused", request=request)

    client = sync_client(handler, max_retries=1)
    with pytest.raises(APIConnectionError) as caught:
        client.customers.page()
    assert len(seen) == 2
    assert str(caught.value) == (
        f"GET {PATH} (after 2 attempts) failed before any answer (ConnectError: refused);"
        " check the network and base_url"
    )


def test_the_token_quoted_by_httpx_is_scrubbed_from_a_connection_error() -> None:
    client = sync_client(
        failing_with(lambda r: httpx.ConnectError(f"proxy echoed {TOKEN}", request=r))
    )
    with pytest.raises(APIConnectionError) as caught:
        client.customers.page()
    assert str(caught.value) == (
        f"GET {PATH} failed before any answer (ConnectError: proxy echoed [redacted]);"
        " check the network and base_url"
    )


def test_a_timeout_says_what_timed_out_and_keeps_the_request_without_its_token() -> None:
    client = sync_client(failing_with(lambda r: httpx.ReadTimeout("timed out", request=r)))
    with pytest.raises(APITimeoutError) as caught:
        client.customers.page()
    assert str(caught.value) == (
        f"GET {PATH} got no answer in time (ReadTimeout: timed out); the API may be slow or"
        " unreachable: try again, or pass a larger timeout="
    )
    request = caught.value.request
    assert request is not None
    assert request.method == "GET"
    assert request.url.path == PATH
    assert request.headers["x-simple-workspace"] == WORKSPACE
    assert "authorization" not in request.headers


def test_a_timeout_without_words_is_named_by_its_class() -> None:
    client = sync_client(failing_with(lambda r: httpx.PoolTimeout("", request=r)))
    with pytest.raises(APITimeoutError) as caught:
        client.customers.page()
    assert str(caught.value) == (
        f"GET {PATH} got no answer in time (PoolTimeout); the API may be slow or"
        " unreachable: try again, or pass a larger timeout="
    )


def test_a_reply_httpx_cannot_decode_is_an_unexpected_response() -> None:
    client = sync_client(failing_with(lambda r: httpx.DecodingError("bad gzip", request=r)))
    with pytest.raises(UnexpectedResponseError) as caught:
        client.customers.page()
    assert str(caught.value) == f"GET {PATH}: the reply could not be decoded (bad gzip)"
    assert caught.value.status_code == 0
    assert caught.value.body == b""


# --- what an error keeps of the exceptions behind it --------------------------------------------


def traceback_free_chain(error: BaseException) -> list[tuple[str, bool]]:
    """The exceptions chained to `error` (by cause, else context): name, has a traceback."""
    chain: list[tuple[str, bool]] = []
    link = error.__cause__ or error.__context__
    while link is not None and len(chain) < 10:
        chain.append((type(link).__name__, link.__traceback__ is not None))
        link = link.__cause__ or link.__context__
    return chain


def test_the_httpx_error_is_the_cause_without_frames_or_token() -> None:
    raised: list[httpx.ConnectError] = []

    def handler(request: httpx.Request) -> httpx.Response:
        raised.append(httpx.ConnectError("refused", request=request))
        raise raised[0]

    client = sync_client(handler)
    with pytest.raises(APIConnectionError) as caught:
        client.customers.page()
    cause = caught.value.__cause__
    assert cause is raised[0]
    assert cause.__traceback__ is None
    assert "authorization" not in cause.request.headers
    assert cause.request.url.path == PATH


def test_an_explicit_cause_of_the_httpx_error_loses_its_frames_too() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        try:
            raise OSError("socket closed")
        except OSError as error:
            inner = error
        raise httpx.ConnectError("refused", request=request) from inner

    client = sync_client(handler)
    with pytest.raises(APIConnectionError) as caught:
        client.customers.page()
    assert traceback_free_chain(caught.value) == [("ConnectError", False), ("OSError", False)]


def test_an_implicit_context_of_the_httpx_error_loses_its_frames_too() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        try:
            raise OSError("socket closed")
        except OSError:
            raise httpx.ConnectError("refused", request=request)  # noqa: B904

    client = sync_client(handler)
    with pytest.raises(APIConnectionError) as caught:
        client.customers.page()
    assert traceback_free_chain(caught.value) == [("ConnectError", False), ("OSError", False)]


def test_a_chain_of_exceptions_that_loops_back_still_ends() -> None:
    """A cause that names the exception it caused must not make the error hang."""

    def handler(request: httpx.Request) -> httpx.Response:
        first = httpx.ConnectError("refused", request=request)
        second = OSError("socket closed")
        first.__cause__ = second
        second.__cause__ = first
        raise first

    client = sync_client(handler)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            client.customers.page()
        except APIConnectionError as error:
            errors.append(error)

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive()
    (error,) = errors
    assert str(error) == (
        f"GET {PATH} failed before any answer (ConnectError: refused);"
        " check the network and base_url"
    )


# --- a refused reply, scrubbed of the token -----------------------------------------------------


def test_a_refused_reply_quoting_the_token_is_scrubbed_sync() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": TOKEN}, content=b"{}")

    client = sync_client(handler)
    with pytest.raises(UnexpectedResponseError) as caught:
        client.customers.page()
    assert str(caught.value) == REFUSED_ENCODING


def test_a_refused_reply_quoting_the_token_is_scrubbed_async() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": TOKEN}, content=b"{}")

    async def call() -> str:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client,
        ):
            with pytest.raises(UnexpectedResponseError) as caught:
                await client.customers.page()
            return str(caught.value)

    assert asyncio.run(call()) == REFUSED_ENCODING


REFUSED_ENCODING = (
    f"GET {PATH} answered 200 but its Content-Encoding is '[redacted]', which piriod did not"
    " ask for (it sends Accept-Encoding: gzip, deflate) and cannot decode; the reply was refused"
)


# --- repr -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("client_class", [Piriod, AsyncPiriod])
def test_the_repr_of_a_client_shows_its_settings_not_its_token(
    client_class: type[Piriod] | type[AsyncPiriod],
) -> None:
    client = client_class(token=TOKEN, workspace=WORKSPACE, test_mode=True)
    assert repr(client) == (
        f"<{client_class.__name__} base_url='https://api.piriod.com'"
        " workspace='acc_test_workspace' test_mode=True>"
    )
    if isinstance(client, Piriod):
        client.close()
    else:
        asyncio.run(client.close())


@pytest.mark.usefixtures("no_piriod_env")
@pytest.mark.parametrize("client_class", [Piriod, AsyncPiriod])
def test_a_client_whose_construction_failed_has_a_repr_for_the_traceback(
    client_class: type[Piriod] | type[AsyncPiriod],
) -> None:
    """Tracebacks printed with their locals show `self` of the constructor that raised."""
    with pytest.raises(ConfigurationError) as caught:
        client_class(token=TOKEN)
    shown = [
        repr(entry.frame.f_locals["self"])
        for entry in caught.traceback
        if isinstance(entry.frame.f_locals.get("self"), client_class)
    ]
    assert shown[0] == f"<{client_class.__name__} (not configured)>"


# --- with_options ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_piriod_env")
def test_with_options_keeps_test_mode_and_the_reply_cap() -> None:
    api = FakeAPI(3)
    client = sync_client(api, test_mode=True, max_response_bytes=4096)
    other = client.with_options(workspace="acc_other")
    assert other.test_mode is True
    assert other.max_response_bytes == 4096
    other.customers.page(page_size=1)
    (request,) = api.requests
    assert request.headers["x-simple-workspace"] == "acc_other"
    assert request.headers["x-piriod-test-mode"] == "true"

    def big(request: httpx.Request) -> httpx.Response:
        return json_response(200, page_body(30, range(30)))

    capped = sync_client(big, max_response_bytes=4096).with_options(workspace="acc_other")
    with pytest.raises(UnexpectedResponseError) as caught:
        capped.customers.page()
    assert str(caught.value) == (
        f"GET {PATH} answered 200 but the reply is larger than max_response_bytes=4096 (4 KiB):"
        " its Content-Length is 23,648 bytes. It was not read to the end. If replies this large"
        " are expected, raise the cap: Piriod(max_response_bytes=...) or"
        " AsyncPiriod(max_response_bytes=...); the reply was refused"
    )


def test_async_with_options_sends_its_own_workspace_timeout_and_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("piriod._client._sleep", no_sleep)
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(503, {"detail": "down"})

    async def call() -> AsyncPiriod:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(
                token=TOKEN, workspace=WORKSPACE, http_client=http, timeout=10, max_retries=0
            ) as client,
        ):
            other = client.with_options(workspace="acc_other", timeout=3.5, max_retries=2)
            with pytest.raises(piriod.ServerError):
                await other.customers.page()
            return other

    other = asyncio.run(call())
    assert other.workspace == "acc_other"
    assert other.max_retries == 2
    assert len(seen) == 3
    assert {r.headers["x-simple-workspace"] for r in seen} == {"acc_other"}
    assert seen[0].extensions["timeout"] == {"connect": 3.5, "read": 3.5, "write": 3.5, "pool": 3.5}


async def no_sleep(seconds: float) -> None:
    pass


# --- the arguments of a walk ----------------------------------------------------------------------


def test_a_walk_asked_to_skip_bad_items_skips_them() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = page_body(3, range(3))
        body["results"][1]["id"] = 42
        return json_response(200, body)

    walk = sync_client(handler).customers.list(on_invalid="skip")
    with pytest.warns(InvalidItemsWarning):
        ids = [customer.id for customer in walk]
    assert ids == ["cus_000000", "cus_000002"]
    assert walk.skipped_ids == [None]


# --- the log line of each attempt -----------------------------------------------------------------


def attempt_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The log lines of attempts, their milliseconds replaced by N."""
    return [
        re.sub(r"\d+ ms\)$", "N ms)", record.getMessage())
        for record in caplog.records
        if record.name == "piriod" and "(attempt" in record.getMessage()
    ]


def test_each_attempt_is_logged_with_its_status_sync(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="piriod")
    api = FakeAPI(3)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] == "2":
            raise httpx.ConnectError("refused", request=request)
        return api(request)

    client = sync_client(handler)
    client.customers.page()
    with pytest.raises(APIConnectionError):
        client.customers.page(page=2)
    assert attempt_lines(caplog) == [
        "GET /customers/?page=1&page_size=20 -> 200 (attempt 1, N ms)",
        "GET /customers/?page=2&page_size=20 -> ConnectError (attempt 1, N ms)",
    ]


def test_the_log_line_gives_the_attempt_its_duration_in_milliseconds(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG, logger="piriod")
    ticks = iter([100.0, 101.5])
    monkeypatch.setattr(
        piriod._client, "time", types.SimpleNamespace(monotonic=lambda: next(ticks))
    )
    sync_client(FakeAPI(3)).customers.page()
    assert [r.getMessage() for r in caplog.records if "(attempt" in r.getMessage()] == [
        "GET /customers/?page=1&page_size=20 -> 200 (attempt 1, 1500 ms)"
    ]


def test_each_retry_is_logged_with_its_wait_and_its_reason(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG, logger="piriod")
    monkeypatch.setattr("piriod._client._wait", lambda seconds, stop: None)
    api = FakeAPI(3)

    def handler(request: httpx.Request) -> httpx.Response:
        if len(api.requests) == 0:
            api.requests.append(request)
            return json_response(503, {"detail": "busy"}, headers={"Retry-After": "0.05"})
        if len(api.requests) == 1:
            api.requests.append(request)
            raise httpx.ConnectError("refused", request=request)
        return api(request)

    sync_client(handler, max_retries=2).customers.page()
    retries = [
        re.sub(r"in \d+\.\d\d s", "in N s", r.getMessage())
        for r in caplog.records
        if r.getMessage().startswith("retrying")
    ]
    assert retries == [
        "retrying GET /customers/?page=1&page_size=20 in N s (retry 1 of 2): status 503",
        "retrying GET /customers/?page=1&page_size=20 in N s (retry 2 of 2): ConnectError",
    ]
    first = next(r for r in caplog.records if r.getMessage().startswith("retrying"))
    assert first.getMessage().endswith(" in 0.05 s (retry 1 of 2): status 503")


def test_each_attempt_is_logged_with_its_status_async(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="piriod")
    calls = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise httpx.ConnectError("refused", request=request)
        return json_response(200, page_body(3, range(3)))

    async def call() -> None:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as c,
        ):
            await c.customers.page()
            with pytest.raises(APIConnectionError):
                await c.customers.page(page=2)

    asyncio.run(call())
    assert attempt_lines(caplog) == [
        "GET /customers/?page=1&page_size=20 -> 200 (attempt 1, N ms)",
        "GET /customers/?page=2&page_size=20 -> ConnectError (attempt 1, N ms)",
    ]


# --- the async client's waits ---------------------------------------------------------------------


def test_async_calls_wait_out_the_429_pause_of_an_earlier_call() -> None:
    """No request is sent until the server's Retry-After has passed; a call that may not
    wait that long fails at once, without asking the server again."""
    arrivals: list[float] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(asyncio.get_running_loop().time())
        if len(arrivals) == 1:
            return json_response(429, {"detail": "Slow down."}, headers={"Retry-After": "0.1"})
        return json_response(200, page_body(3, range(3)))

    async def call() -> list[str]:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as c,
        ):
            with pytest.raises(RateLimitError):
                await c.customers.page()
            page = await c.customers.page()
            return [customer.id for customer in page.items]

    assert asyncio.run(call()) == ["cus_000000", "cus_000001", "cus_000002"]
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.09


def test_an_async_call_that_cannot_wait_out_the_pause_fails_without_a_request() -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        detail = f"Slow down, {TOKEN}."
        return json_response(429, {"detail": detail}, headers={"Retry-After": "60"})

    async def call() -> RateLimitError:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as c,
        ):
            with pytest.raises(RateLimitError):
                await c.customers.page()
            with pytest.raises(RateLimitError) as caught:
                await c.customers.page(timeout=1)
            return caught.value

    error = asyncio.run(call())
    assert len(seen) == 1
    assert str(error) == (
        f"429 from GET {PATH}: this client is pausing every request for another 60.0 s"
        " (Retry-After), longer than this call's timeout of 1 s lets it wait; try again after"
        " retry_after seconds, or pass a larger timeout= (the API said: Slow down, [redacted].)"
    )


def test_an_async_retry_really_waits_before_asking_again() -> None:
    arrivals: list[float] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(asyncio.get_running_loop().time())
        if len(arrivals) == 1:
            return json_response(503, {"detail": "down"}, headers={"Retry-After": "0.05"})
        return json_response(200, page_body(3, range(3)))

    async def call() -> int:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=1) as c,
        ):
            return len((await c.customers.page()).items)

    assert asyncio.run(call()) == 3
    assert arrivals[1] - arrivals[0] >= 0.04


# --- async clients and event loops ----------------------------------------------------------------


def test_an_http_client_of_yours_used_from_a_second_loop_gets_advice() -> None:
    """httpx raises RuntimeError when a connection of a finished loop is used again."""
    calls = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise RuntimeError("Event loop is closed")
        return json_response(200, page_body(3, range(3)))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0)

    async def page() -> int:
        return len((await client.customers.page()).items)

    assert asyncio.run(page()) == 3
    with pytest.raises(ConfigurationError) as caught:
        asyncio.run(page())
    assert str(caught.value) == (
        "this AsyncPiriod's http_client was first used in another event loop, and its"
        " connections cannot be used from this one (Event loop is closed). Make the"
        " httpx.AsyncClient (and the AsyncPiriod) inside the event loop that uses them, e.g. in"
        " the coroutine you pass to asyncio.run(), or leave out http_client: the client"
        " AsyncPiriod makes itself follows the loop"
    )
    asyncio.run(http.aclose())


def test_a_runtime_error_within_one_loop_is_not_blamed_on_loops() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("a bug in the transport")

    async def call() -> list[str]:
        messages: list[str] = []
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as c,
        ):
            for _ in range(2):  # the loop's first use, then the same loop again
                with pytest.raises(RuntimeError) as caught:
                    await c.customers.page()
                messages.append(str(caught.value))
        return messages

    assert asyncio.run(call()) == ["a bug in the transport"] * 2


def test_the_pool_made_for_a_second_loop_does_not_blame_loops_for_its_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("a bug in the transport")

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", broken)
    client = AsyncPiriod(
        token=TOKEN, workspace=WORKSPACE, base_url="http://127.0.0.1:9", max_retries=0
    )

    async def call() -> str:
        with pytest.raises(RuntimeError) as caught:
            await client.customers.page()
        return str(caught.value)

    assert asyncio.run(call()) == "a bug in the transport"
    assert asyncio.run(call()) == "a bug in the transport"
    asyncio.run(client.close())


# --- an async client collected unclosed -----------------------------------------------------------


class Closings:
    """Stands in for httpx.AsyncClient.aclose: records each pool closed, and can make the
    closing wait on something only it holds (as closing a socket waits on the loop)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, slow: bool = False) -> None:
        self.closed: list[str] = []
        self.waiting: list[weakref.ref[asyncio.Future[None]]] = []
        self.slow = slow
        real = httpx.AsyncClient.aclose

        async def aclose(http: httpx.AsyncClient) -> None:
            if self.slow:
                future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                self.waiting.append(weakref.ref(future))
                await future
            await real(http)
            self.closed.append("closed")

        monkeypatch.setattr(httpx.AsyncClient, "aclose", aclose)

    def finish_waits(self) -> None:
        for ref in self.waiting:
            future = ref()
            if future is not None:
                future.set_result(None)


async def collected_in_this_loop(holder: list[AsyncPiriod]) -> list[str]:
    """Drops the client in `holder`, collects it, lets the loop run; the loop's errors."""
    errors: list[str] = []
    asyncio.get_running_loop().set_exception_handler(
        lambda loop, context: errors.append(context["message"])
    )
    holder.clear()
    gc.collect()
    for _ in range(3):
        await asyncio.sleep(0)
    gc.collect()
    return errors


def test_an_unclosed_async_client_collected_in_its_loop_closes_its_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closings = Closings(monkeypatch, slow=True)

    async def scenario() -> list[str]:
        holder = [AsyncPiriod(token=TOKEN, workspace=WORKSPACE, base_url="http://127.0.0.1:9")]
        errors = await collected_in_this_loop(holder)
        closings.finish_waits()
        for _ in range(3):
            await asyncio.sleep(0)
        return errors

    assert asyncio.run(scenario()) == []
    assert closings.closed == ["closed"]


def test_an_async_client_collected_in_another_loop_leaves_the_pool_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closings = Closings(monkeypatch)

    async def answer(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        return json_response(200, page_body(3, range(3)))

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", answer)
    holder = [AsyncPiriod(token=TOKEN, workspace=WORKSPACE, base_url="http://127.0.0.1:9")]

    async def use() -> int:
        return len((await holder[0].customers.page()).items)

    assert asyncio.run(use()) == 3
    assert asyncio.run(collected_in_this_loop(holder)) == []
    assert closings.closed == []


def test_a_passed_http_client_is_not_closed_when_the_async_client_is_collected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closings = Closings(monkeypatch)

    async def scenario() -> list[str]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(FakeAPI(3)))
        holder = [AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http)]
        errors = await collected_in_this_loop(holder)
        assert closings.closed == []
        await http.aclose()
        return errors

    assert asyncio.run(scenario()) == []
    assert closings.closed == ["closed"]


# --- a loopback base_url and the environment's proxies --------------------------------------------


def no_proxy_but(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """The environment names `url` as the HTTP proxy, and no other proxy setting."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", url)


# Asked directly: the request target is the path alone, not the whole URL a proxy gets.
LOCAL_PATHS = ["/customers/?page=1&page_size=20"]


def test_a_loopback_base_url_is_asked_directly_whatever_http_proxy_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = HostileAPI(0)
    with serving(api) as url:
        no_proxy_but(monkeypatch, url)
        with Piriod(token=TOKEN, workspace=WORKSPACE, base_url=url, max_retries=0) as client:
            count = client.customers.page().count
    assert count == 0
    assert api.paths == LOCAL_PATHS


def test_a_loopback_base_url_is_asked_directly_whatever_http_proxy_says_async(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def call(url: str) -> int:
        async with AsyncPiriod(
            token=TOKEN, workspace=WORKSPACE, base_url=url, max_retries=0
        ) as client:
            return (await client.customers.page()).count

    api = HostileAPI(0)
    with serving(api) as url:
        no_proxy_but(monkeypatch, url)
        count = asyncio.run(call(url))
    assert count == 0
    assert api.paths == LOCAL_PATHS


# --- the waits of a parallel walk -----------------------------------------------------------------


def test_a_retry_wait_in_a_parallel_walk_ends_by_itself() -> None:
    answered: set[int] = set()
    api = FakeAPI(60)

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        if page == 2 and page not in answered:
            answered.add(page)
            return json_response(503, {"detail": "busy"}, headers={"Retry-After": "0.05"})
        return api(request)

    client = sync_client(handler, max_retries=1)
    ids: list[str] = []
    thread = threading.Thread(
        target=lambda: ids.extend(c.id for c in client.customers.list(page_size=20, concurrency=2)),
        daemon=True,
    )
    thread.start()
    thread.join(5)
    assert not thread.is_alive()
    assert ids == [make_customer(n)["id"] for n in range(60)]


def test_a_stopped_parallel_walk_cuts_its_workers_waits_short() -> None:
    """Breaking out of a walk leaves no thread waiting out a retry or a 429 pause."""
    asked_4, answered_3, answered_4 = threading.Event(), threading.Event(), threading.Event()
    workers: dict[int, threading.Thread] = {}
    api = FakeAPI(80)

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        healthy = api(request)
        if page == 1 or page in workers:
            return healthy
        workers[page] = threading.current_thread()
        if page == 3:  # sets the client's 429 pause; its worker waits to retry
            asked_4.wait(2)
            answered_3.set()
            return json_response(429, {"detail": "Slow down."}, headers={"Retry-After": "5"})
        if page == 4:  # its retry finds the pause set: its worker waits it out
            asked_4.set()
            answered_3.wait(2)
            threading.Event().wait(0.1)
            answered_4.set()
            return json_response(503, {"detail": "busy"}, headers={"Retry-After": "0"})
        answered_4.wait(2)  # page 2 comes once both waits have begun
        threading.Event().wait(0.1)
        return healthy

    client = sync_client(handler, max_retries=1)
    walk = client.customers.list(page_size=20, concurrency=3)
    numbers: list[int] = []
    with contextlib.closing(walk.pages()) as pages:
        for page in pages:
            numbers.append(page.page)
            if page.page == 2:
                break
    for thread in (workers[3], workers[4]):
        thread.join(1)
    assert numbers == [1, 2]
    assert [workers[n].is_alive() for n in (3, 4)] == [False, False]


# --- piriod's own headers and extra_headers -------------------------------------------------------


def test_extra_headers_come_on_top_of_piriods_own() -> None:
    api = FakeAPI(3)
    sync_client(api).customers.page(extra_headers={"Idempotency-Key": "k-1"})
    (request,) = api.requests
    assert request.headers["Idempotency-Key"] == "k-1"
    assert request.headers["User-Agent"] == (
        f"piriod-python/{piriod.__version__} httpx/{httpx.__version__}"
        f" Python/{platform.python_version()}"
    )
    assert request.headers["Accept-Encoding"] == "gzip, deflate"


# --- waits as long as a call's timeout ------------------------------------------------------------


def test_a_retry_after_as_long_as_the_timeout_is_waited_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []
    monkeypatch.setattr("piriod._client._wait", lambda seconds, stop: waits.append(seconds))
    api = FakeAPI(3)

    def handler(request: httpx.Request) -> httpx.Response:
        if not waits:
            return json_response(429, {"detail": "Slow down."}, headers={"Retry-After": "7"})
        return api(request)

    page = sync_client(handler, max_retries=1).customers.page(timeout=7)
    assert len(page.items) == 3
    assert waits[0] == 7.0


def test_a_pause_as_long_as_the_timeout_is_waited_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock stands still: the pause left is exactly the call's timeout."""
    monkeypatch.setattr(piriod._retries, "time", types.SimpleNamespace(monotonic=lambda: 1000.0))
    waits: list[float] = []
    monkeypatch.setattr("piriod._client._wait", lambda seconds, stop: waits.append(seconds))
    api = FakeAPI(3)

    def handler(request: httpx.Request) -> httpx.Response:
        if not api.requests:
            api.requests.append(request)
            return json_response(429, {"detail": "Slow down."}, headers={"Retry-After": "7"})
        return api(request)

    client = sync_client(handler)
    with pytest.raises(RateLimitError):
        client.customers.page()
    assert len(client.customers.page(timeout=7).items) == 3
    assert waits == [7.0]


# --- the log when attempt deadlines cannot be installed -------------------------------------------


def test_a_client_says_in_the_log_when_deadlines_are_checked_between_chunks_only(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG, logger="piriod")
    Piriod(token=TOKEN, workspace=WORKSPACE).close()
    installed = [r.getMessage() for r in caplog.records if r.name == "piriod"]
    caplog.clear()
    monkeypatch.setattr(piriod._client, "install_deadlines", lambda http: False)
    Piriod(token=TOKEN, workspace=WORKSPACE).close()
    not_installed = [r.getMessage() for r in caplog.records if r.name == "piriod"]
    assert installed == []
    assert not_installed == ["attempt deadlines are checked between body chunks only"]
