"""Regressions a user would feel that once passed every test: mutation testing (`make mutate`)
found each of them unguarded. Each test names what goes wrong for a user if it fails."""

from __future__ import annotations

import asyncio
import datetime
import threading
import time
import warnings
from typing import Any, TypeVar

import httpx
import pytest

from piriod import (
    AsyncPiriod,
    BadRequestError,
    DriftWarning,
    IncompleteWalkError,
    ListChangedError,
    NotFoundError,
    Piriod,
    PiriodError,
    RateLimitError,
    ServerError,
)
from piriod._retries import parse_retry_after

from conftest import TOKEN, WORKSPACE, FakeAPI, json_response, make_customer

E = TypeVar("E", bound=Exception)


def sent_query(**filters: Any) -> list[tuple[str, str]]:
    api = FakeAPI(3)
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
        client.customers.page(**filters)
    http.close()
    (request,) = api.requests
    return sorted(request.url.params.multi_items())


# --- the request that goes out --------------------------------------------------------------


def test_no_filter_is_dropped_whatever_comes_before_it() -> None:
    """A filter after `extra_params=` or after one passed as None was dropped: an export
    then held more than was asked, without a word."""
    query = sent_query(
        extra_params={"plan_code": "pro"},
        email="a@b.cl",
        name=None,
        tax_id="76.086.428-5",
        country="CL",
        search=None,
        ordering="-created",
    )
    assert query == [
        ("country", "CL"),
        ("email", "a@b.cl"),
        ("ordering", "-created"),
        ("page", "1"),
        ("page_size", "20"),
        ("plan_code", "pro"),
        ("tax_id", "76.086.428-5"),
    ]


@pytest.mark.parametrize(("value", "sent"), [(False, "false"), (True, "true"), (0, "0")])
def test_extra_params_booleans_are_sent_as_the_api_spells_them(value: object, sent: str) -> None:
    """`extra_params={"active": False}` could go out as `active=true`: the opposite filter."""
    assert ("active", sent) in sent_query(extra_params={"active": value})


@pytest.mark.parametrize("concurrency", [2, 3])
def test_a_parallel_walk_has_exactly_concurrency_requests_in_flight(concurrency: int) -> None:
    """`concurrency=2` quietly fetched one page at a time."""
    lock = threading.Lock()
    in_flight = peak = 0
    api = FakeAPI(200)

    def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.05)  # long enough for the other workers to start theirs
        with lock:
            in_flight -= 1
        return api(request)

    http = httpx.Client(transport=httpx.MockTransport(slow))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
        ids = [c.id for c in client.customers.list(page_size=20, concurrency=concurrency)]
    http.close()
    assert ids == [make_customer(n)["id"] for n in range(200)]
    assert peak == concurrency


def test_an_async_parallel_walk_has_exactly_concurrency_requests_in_flight() -> None:
    in_flight = peak = 0
    api = FakeAPI(200)

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return api(request)

    async def walk() -> list[str]:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(slow)) as http,
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client,
        ):
            return [c.id async for c in client.customers.list(page_size=20, concurrency=2)]

    assert asyncio.run(walk()) == [make_customer(n)["id"] for n in range(200)]
    assert peak == 2


# --- errors and their fields ----------------------------------------------------------------


def failing(expected: type[E], response: httpx.Response, **options: Any) -> E:
    http = httpx.Client(transport=httpx.MockTransport(lambda request: response))
    client = Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0)
    with client, pytest.raises(expected) as caught:
        client.customers.page(**options)
    http.close()
    return caught.value


def test_an_error_keeps_the_request_id_the_request_and_the_body() -> None:
    """Support asks for the request id; users read the body and the request they sent."""
    body = {"detail": "Not found."}
    error = failing(
        NotFoundError,
        json_response(404, body, headers={"X-Request-Id": "req_123"}),
        extra_params={"q": "1"},
    )
    assert error.request_id == "req_123"
    assert error.status_code == 404
    assert error.detail == "Not found."
    assert error.body == body
    assert error.response.status_code == 404
    assert error.response.request.method == "GET"
    assert error.response.request.url.params["q"] == "1"
    assert "Authorization" not in error.response.request.headers


def test_a_field_error_that_is_a_bare_string_is_a_bad_request_error() -> None:
    """`{"email": "..."}` (a string, not a list) let an AttributeError escape."""
    body = {"email": "Enter a valid email.", "non_field_errors": "x"}
    error = failing(BadRequestError, json_response(400, body))
    assert error.field_errors == {"email": ["Enter a valid email."]}
    assert error.non_field_errors == ["x"]


def test_a_retry_after_date_without_a_time_zone_is_read_as_utc() -> None:
    """A `Retry-After` HTTP date without a zone let a raw TypeError escape."""
    assert parse_retry_after("Sat, 28 Nov 2026 10:00:00") == 0.0  # past: no wait, no TypeError
    then = datetime.datetime(2026, 11, 28, 9, 59, 0, tzinfo=datetime.UTC)
    assert parse_retry_after("Sat, 28 Nov 2026 10:00:00", now=then) == 60.0
    assert parse_retry_after("Sat, 28 Nov 2026 10:00:00 -0000", now=then) == 60.0
    slow = json_response(429, {"detail": "Slow."}, headers={"Retry-After": "junk"})
    error = failing(RateLimitError, slow)
    assert error.retry_after is None


def test_a_token_deep_in_a_json_error_body_or_in_a_key_is_not_shown() -> None:
    """The token was shown when nested about 700 levels deep, or echoed as an object key."""
    nested: Any = TOKEN
    for _ in range(700):
        nested = [nested]
    error = failing(ServerError, json_response(500, {"detail": nested, TOKEN: "echo"}))
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error)
    assert TOKEN not in repr(error.detail)


# --- what a walk hands out ------------------------------------------------------------------


def changing_count(count_by_page: dict[int, int], ids_by_page: dict[int, list[int]]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        results = [make_customer(n) for n in ids_by_page[page]]
        last = max(ids_by_page)
        body = {
            "count": count_by_page[page],
            "next": f"https://api.piriod.com/customers/?page={page + 1}" if page < last else None,
            "previous": None,
            "results": results,
        }
        return httpx.Response(200, json=body)

    return handler


def walk(handler: Any, **options: Any) -> list[str]:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
        ids = [c.id for c in client.customers.list(page_size=2, **options)]
    http.close()
    return ids


def test_a_count_that_changes_without_repeats_warns_or_raises() -> None:
    """A list whose count changes mid-walk (an item added before the page read) must not
    pass in silence, even when no id repeats."""
    handler = changing_count({1: 6, 2: 5, 3: 5}, {1: [0, 1], 2: [2, 3], 3: [4]})
    with pytest.warns(DriftWarning, match=r"count 6 -> 5, at page 2"):
        assert walk(handler) == [make_customer(n)["id"] for n in range(5)]
    with pytest.raises(ListChangedError) as caught:
        walk(handler, on_drift="raise")
    assert caught.value.count_before == 6
    assert caught.value.count_now == 5


def test_repeats_without_a_count_change_stop_the_walk_and_are_never_handed_out() -> None:
    """An item back on a later page while count holds took the place of one never seen:
    nothing says the list changed, so the walk raises instead of losing it with a warning."""
    handler = changing_count({1: 6, 2: 6, 3: 6}, {1: [0, 1], 2: [1, 2], 3: [3, 4]})
    with pytest.raises(IncompleteWalkError) as caught:
        walk(handler)
    assert caught.value.evidence == (
        "page 2 brings back 1 item already handed out while count=6 has not changed,"
        " so as many others were missed"
    )
    with warnings.catch_warnings(record=True) as ignored:
        warnings.simplefilter("always")
        ids = walk(handler, on_drift="ignore")
    assert ids == [make_customer(n)["id"] for n in (0, 1, 2, 3, 4)]
    assert ignored == []


# --- retries --------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "requests"), [(599, 2), (600, 1), (499, 1), (500, 2)])
def test_only_429_and_5xx_are_tried_again(status: int, requests: int) -> None:
    api = FakeAPI(5, script={1: json_response(status, {"detail": "x"})})
    http = httpx.Client(transport=httpx.MockTransport(api))
    client = Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=1)
    with client, pytest.raises(PiriodError) as caught:
        client.customers.page()
    http.close()
    assert len(api.requests) == requests
    assert getattr(caught.value, "status_code", None) == status


def test_a_call_that_cannot_wait_out_the_pause_raises_the_429_that_set_it() -> None:
    """The shared pause keeps the 429 that set it: a call whose timeout is shorter raises
    that 429 (its detail, its Retry-After) at once, not an error without a response."""
    throttled = json_response(
        429, {"detail": "Slow down."}, headers={"Retry-After": "5", "X-Request-Id": "r-429"}
    )
    api = FakeAPI(5, script={1: throttled})
    http = httpx.Client(transport=httpx.MockTransport(api))
    client = Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0)
    with client:
        with pytest.raises(RateLimitError):
            client.customers.page()
        with pytest.raises(RateLimitError) as caught:
            client.customers.page(page=2, timeout=1)
    http.close()
    assert len(api.requests) == 1  # the second call sent nothing
    assert caught.value.detail == "Slow down."
    assert caught.value.request_id == "r-429"
    assert caught.value.response.status_code == 429
