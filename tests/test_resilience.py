"""Retries, Retry-After, resumable walks, drift during a walk and timeouts, sync and async.

Sleeps are recorded instead of slept, so the waits themselves are checked and the tests
stay fast."""

from __future__ import annotations

import datetime
import email.utils
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from piriod import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    DriftWarning,
    ListChangedError,
    NotFoundError,
    PermissionDeniedError,
    Piriod,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from piriod._retries import RetryPolicy, parse_retry_after

from conftest import TOKEN, WORKSPACE, FakeAPI, json_response, make_customer
from drivers import MODES, Driver, Mode


class Sleeps:
    """Stands in for the sync client's waits (time.sleep, or a walk's stop.wait) and
    anyio.sleep in the client: records, never waits."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def sync(self, seconds: float, stop: threading.Event | None = None) -> None:
        if seconds:
            self.waits.append(seconds)

    async def asynchronous(self, seconds: float) -> None:
        if seconds:
            self.waits.append(seconds)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    recorder = Sleeps()
    monkeypatch.setattr("piriod._client._wait", recorder.sync)
    monkeypatch.setattr("piriod._client._sleep", recorder.asynchronous)
    return recorder


class Scripted:
    """Answers requests from a list of outcomes, then with healthy pages; counts requests."""

    def __init__(
        self, *outcomes: httpx.Response | type[httpx.RequestError], total: int = 5
    ) -> None:
        self.outcomes = list(outcomes)
        self.healthy = FakeAPI(total)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.outcomes:
            outcome = self.outcomes.pop(0)
            if isinstance(outcome, httpx.Response):
                return outcome
            raise outcome("scripted failure", request=request)
        return self.healthy(request)


def status(code: int, **headers: str) -> httpx.Response:
    return json_response(code, {"detail": f"status {code}"}, headers=headers)


# --- the policy itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("3", 3.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("soon", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


def test_retry_after_as_an_http_date() -> None:
    now = datetime.datetime(2026, 11, 22, 12, 0, 0, tzinfo=datetime.UTC)
    later = email.utils.format_datetime(now + datetime.timedelta(seconds=42), usegmt=True)
    earlier = email.utils.format_datetime(now - datetime.timedelta(seconds=42), usegmt=True)
    assert parse_retry_after(later, now=now) == 42.0
    assert parse_retry_after(earlier, now=now) == 0.0


def test_backoff_is_full_jitter_doubling_up_to_a_cap() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_max=8.0)
    for retry, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (9, 8.0)]:
        waits = [policy.backoff(retry) for _ in range(200)]
        assert all(0.0 <= wait <= ceiling for wait in waits)
        assert max(waits) > ceiling / 2  # spread over the whole range, not a constant


# --- what is retried ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [500, 502, 503, 504, 429])
def test_5xx_and_429_are_retried(mode: Mode, code: int, sleeps: Sleeps) -> None:
    api = Scripted(status(code), status(code))
    assert len(Driver(mode, api).items()) == 5
    assert len(api.requests) == 3
    assert len(sleeps.waits) == 2
    assert sleeps.waits[0] <= 0.5
    assert sleeps.waits[1] <= 1.0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "failure", [httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError]
)
def test_connection_errors_and_timeouts_are_retried(
    mode: Mode, failure: type[httpx.RequestError], sleeps: Sleeps
) -> None:
    api = Scripted(failure, failure)
    assert len(Driver(mode, api).items()) == 5
    assert len(api.requests) == 3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("code", "body", "error"),
    [
        (400, b'{"page_size": ["Too big."]}', BadRequestError),
        (401, b'{"detail": "Invalid token."}', AuthenticationError),
        (403, b'{"detail": "No."}', PermissionDeniedError),
        (404, b'{"detail": "Invalid page."}', NotFoundError),
        (200, b"{not json", UnexpectedResponseError),
    ],
)
def test_other_failures_are_not_retried(
    mode: Mode, code: int, body: bytes, error: type[Exception], sleeps: Sleeps
) -> None:
    api = Scripted(httpx.Response(code, content=body))
    with pytest.raises(error):
        Driver(mode, api).items()
    assert len(api.requests) == 1
    assert sleeps.waits == []


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_seconds_is_waited_exactly(mode: Mode, sleeps: Sleeps) -> None:
    api = Scripted(status(429, **{"Retry-After": "3"}))
    assert len(Driver(mode, api).items()) == 5
    assert sleeps.waits[0] == 3.0


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_on_a_503_is_honoured_too(mode: Mode, sleeps: Sleeps) -> None:
    api = Scripted(status(503, **{"Retry-After": "2"}))
    Driver(mode, api).items()
    assert sleeps.waits[0] == 2.0


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_after_past_the_cap_raises_at_once_with_retry_after(
    mode: Mode, sleeps: Sleeps
) -> None:
    api = Scripted(status(429, **{"Retry-After": "120"}))
    with pytest.raises(RateLimitError) as caught:
        Driver(mode, api).items()
    assert caught.value.retry_after == 120.0
    assert len(api.requests) == 1
    assert sleeps.waits == []


@pytest.mark.parametrize("mode", MODES)
def test_exhausted_retries_raise_the_last_error_saying_how_many_attempts(
    mode: Mode, sleeps: Sleeps
) -> None:
    api = Scripted(*[status(502)] * 10)
    with pytest.raises(ServerError, match=r"after 3 attempts") as caught:
        Driver(mode, api).items()
    assert caught.value.status_code == 502
    assert len(api.requests) == 3


@pytest.mark.parametrize("mode", MODES)
def test_a_non_json_502_from_a_proxy_is_a_server_error_after_retries(
    mode: Mode, sleeps: Sleeps
) -> None:
    page = httpx.Response(502, content=b"<html><body><h1>502 Bad Gateway</h1></body></html>")
    api = Scripted(*[page] * 3)
    with pytest.raises(ServerError) as caught:
        Driver(mode, api).items()
    assert caught.value.detail is None
    assert "502 Bad Gateway" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_max_retries_per_client_and_per_call(mode: Mode, sleeps: Sleeps) -> None:
    api = Scripted(*[status(500)] * 10)
    with pytest.raises(ServerError):
        Driver(mode, api, max_retries=0).items()
    assert len(api.requests) == 1

    api = Scripted(*[status(500)] * 10)
    with pytest.raises(ServerError):
        Driver(mode, api, max_retries=0).items(max_retries=4)
    assert len(api.requests) == 5

    api = Scripted(*[status(500)] * 10)
    with pytest.raises(ServerError):
        Driver(mode, api).page(max_retries=1)
    assert len(api.requests) == 2


@pytest.mark.parametrize("mode", MODES)
def test_every_retry_is_logged_at_debug_with_reason_and_wait(
    mode: Mode, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="piriod")
    Driver(mode, Scripted(status(429, **{"Retry-After": "1"}), httpx.ConnectError)).items()
    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2
    assert "in 1.00 s (retry 1 of 2): status 429" in retries[0]
    assert "(retry 2 of 2): ConnectError" in retries[1]


def test_a_429_pauses_every_later_request_of_the_client(sleeps: Sleeps) -> None:
    api = Scripted(status(429, **{"Retry-After": "5"}))
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as client:
        with pytest.raises(RateLimitError):
            client.customers.page()
        client.customers.page()  # another call: it waits out the pause first
    http.close()
    assert len(sleeps.waits) == 1
    assert 4.9 < sleeps.waits[0] <= 5.0


@pytest.mark.parametrize("value", [-1, 1.5, "2", True])
def test_a_bad_max_retries_is_refused(value: Any) -> None:
    expected = f"max_retries={value!r} is invalid: use a whole number >= 0 (0: no retry)"
    with pytest.raises(ConfigurationError) as at_construction:
        Piriod(token=TOKEN, workspace=WORKSPACE, max_retries=value)
    assert str(at_construction.value) == expected
    client = Piriod(token=TOKEN, workspace=WORKSPACE)
    with pytest.raises(ValueError, match="max_retries") as per_call:
        client.customers.list(max_retries=value)
    assert str(per_call.value) == expected
    with pytest.raises(ConfigurationError) as derived:
        client.with_options(max_retries=value)
    assert str(derived.value) == expected
    client.close()


# --- a failed walk says where, and resumes --------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_walk_that_fails_names_the_page_and_resumes_from_it(mode: Mode, sleeps: Sleeps) -> None:
    broken = FakeAPI(450, script={3: status(503)})
    got: list[Any] = []
    with pytest.raises(ServerError) as caught:
        Driver(mode, broken).collect(got)
    error = caught.value
    assert error.page == 3
    assert "resume with start_page=3" in str(error)
    assert len(got) == 200

    rest = Driver(mode, FakeAPI(450)).items(start_page=error.page)
    assert [c.id for c in got + rest] == [make_customer(n)["id"] for n in range(450)]


@pytest.mark.parametrize("mode", MODES)
def test_start_page_starts_there(mode: Mode) -> None:
    api = FakeAPI(250)
    items = Driver(mode, api).items(start_page=2)
    assert api.pages_requested == [2, 3]
    assert items[0].id == "cus_000100"


def test_a_bad_start_page_is_refused_before_any_request() -> None:
    api = FakeAPI(10)
    with pytest.raises(ValueError, match="start_page=0"):
        Driver("sync", api).items(start_page=0)
    assert api.requests == []


# --- drift: the list changes during the walk ------------------------------------------------


class GrowingAPI(FakeAPI):
    """After the first page, `added` new customers appear at the front of the list (as with
    ordering=-created), shifting everything the walk has not seen yet."""

    def __init__(self, total: int, added: int) -> None:
        super().__init__(total)
        self.added = added

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        page = int(request.url.params["page"])
        size = int(request.url.params["page_size"])
        shift = self.added if page > 1 else 0
        everyone = [f"new_{n}" for n in range(shift)] + [f"cus_{n:06d}" for n in range(self.total)]
        chunk = everyone[(page - 1) * size : page * size]
        results = [{**make_customer(0), "id": item_id} for item_id in chunk]
        more = page * size < len(everyone)
        return json_response(
            200,
            {
                "count": len(everyone),
                "next": "https://api.piriod.test/customers/?page=x" if more else None,
                "previous": None,
                "results": results,
            },
        )


@pytest.mark.parametrize("mode", MODES)
def test_drift_drops_repeats_and_warns(mode: Mode) -> None:
    with pytest.warns(DriftWarning, match=r"count 250 -> 253, 3 repeated items dropped"):
        items = Driver(mode, GrowingAPI(250, added=3)).items()
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids))
    assert ids == [f"cus_{n:06d}" for n in range(250)]


@pytest.mark.parametrize("mode", MODES)
def test_drift_can_raise_instead(mode: Mode) -> None:
    with pytest.raises(ListChangedError) as caught:
        Driver(mode, GrowingAPI(250, added=3)).items(on_drift="raise")
    assert (caught.value.count_before, caught.value.count_now, caught.value.page) == (250, 253, 2)


@pytest.mark.parametrize("mode", MODES)
def test_drift_can_be_ignored(mode: Mode, recwarn: pytest.WarningsRecorder) -> None:
    items = Driver(mode, GrowingAPI(250, added=3)).items(on_drift="ignore")
    assert len(items) == 250
    assert not [w for w in recwarn if issubclass(w.category, DriftWarning)]


def test_a_steady_walk_does_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    Driver("sync", FakeAPI(250)).items()
    assert not [w for w in recwarn if issubclass(w.category, DriftWarning)]


def test_a_bad_on_drift_is_refused() -> None:
    with pytest.raises(ValueError, match="on_drift='loud'"):
        Driver("sync", FakeAPI(1)).items(on_drift="loud")


# --- timeouts -------------------------------------------------------------------------------


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()
        for connection in accepted:
            connection.close()


@pytest.mark.parametrize("mode", MODES)
def test_a_server_that_never_answers_times_out_in_bounded_time(
    mode: Mode, silent_server: str
) -> None:
    started = time.monotonic()
    driver = Driver(mode, None, base_url=silent_server, timeout=0.3, max_retries=1)
    with pytest.raises(APITimeoutError) as caught:
        driver.page(max_retries=0)
    assert isinstance(caught.value, APIConnectionError)
    assert time.monotonic() - started < 10  # a bound against hanging, not a speed target


@pytest.mark.parametrize("mode", MODES)
def test_a_timeout_per_call(mode: Mode) -> None:
    seen: list[dict[str, float]] = []
    api = FakeAPI(1)

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return api(request)

    Driver(mode, record).page(timeout=2.5)
    Driver(mode, record).items(timeout=httpx.Timeout(7.0, connect=1.0))
    assert seen[0] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert seen[1] == {"connect": 1.0, "read": 7.0, "write": 7.0, "pool": 7.0}


@pytest.mark.parametrize("timeout", [0, -1, httpx.Timeout(None)])
def test_a_call_timeout_cannot_switch_timeouts_off(timeout: Any) -> None:
    api = FakeAPI(1)
    with pytest.raises(ValueError, match="hang forever"):
        Driver("sync", api).page(timeout=timeout)
    assert api.requests == []
