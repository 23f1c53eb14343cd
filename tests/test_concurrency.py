"""Parallel walks (`concurrency=N`): pages in order, nothing lost or repeated under random
per-request latency, at most N requests in flight, and no request started after the consumer
stops. No timing is asserted: latency only shuffles the order in which answers arrive."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import Any

import httpx
import pytest

from piriod import AsyncPiriod, DriftWarning, IncompleteWalkError, Piriod, ServerError
from piriod import sandbox as sandbox_module
from piriod._pagination import window_size
from piriod.sandbox import Faults, SandboxAPI, SandboxTransport

from conftest import TOKEN, WORKSPACE, FakeAPI, json_response
from drivers import MODES, Driver, Mode

CUSTOMERS = 1000
PAGE_SIZE = 20  # 50 pages


@pytest.fixture(scope="module")
def reference_ids() -> list[str]:
    with sandbox_module.client(SandboxAPI(seed=8, customers=CUSTOMERS)) as client:
        return [c.id for c in client.customers.list(page_size=PAGE_SIZE)]


class InFlight:
    """A handler around the sandbox that tracks requests in flight and every page asked for."""

    def __init__(self, api: SandboxAPI) -> None:
        self.transport = SandboxTransport(api)
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.pages: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            self.pages.append(int(request.url.params["page"]))
        try:
            return self.transport.handle_request(request)
        finally:
            with self.lock:
                self.in_flight -= 1


def sandbox_driver(mode: Mode, handler: InFlight) -> Driver:
    return Driver(mode, handler, token="sk_test_sandbox", workspace="acc_sandbox")


def jittery(seed: int = 8) -> SandboxAPI:
    return SandboxAPI(seed=seed, customers=CUSTOMERS, faults=Faults(jitter_ms=25, seed=seed))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("concurrency", [2, 4, 8])
def test_parallel_walks_keep_order_and_lose_and_repeat_nothing(
    mode: Mode, concurrency: int, reference_ids: list[str]
) -> None:
    handler = InFlight(jittery())
    items = sandbox_driver(mode, handler).items(page_size=PAGE_SIZE, concurrency=concurrency)
    assert [c.id for c in items] == reference_ids
    assert sorted(handler.pages) == list(range(1, CUSTOMERS // PAGE_SIZE + 1))
    assert handler.peak <= concurrency


def test_the_sync_walk_really_overlaps_requests(reference_ids: list[str]) -> None:
    handler = InFlight(jittery())
    sandbox_driver("sync", handler).items(page_size=PAGE_SIZE, concurrency=8)
    assert handler.peak > 1


@pytest.mark.parametrize("mode", MODES)
def test_max_items_requests_only_the_pages_it_needs(mode: Mode) -> None:
    handler = InFlight(jittery())
    items = sandbox_driver(mode, handler).items(page_size=PAGE_SIZE, concurrency=8, max_items=130)
    assert len(items) == 130
    assert sorted(handler.pages) == list(range(1, 8))


@pytest.mark.parametrize("mode", MODES)
def test_pages_come_in_order_with_their_numbers(mode: Mode) -> None:
    pages = sandbox_driver(mode, InFlight(jittery())).pages(page_size=PAGE_SIZE, concurrency=4)
    assert [p.page for p in pages] == list(range(1, 51))


def test_window_sizes() -> None:
    assert [window_size(n) for n in (2, 3, 4, 8, 32)] == [3, 5, 6, 12, 48]


def test_a_slow_sync_consumer_holds_at_most_one_window_of_pages() -> None:
    """However slow the consumer, the walk asks for no page beyond one window ahead of it."""
    handler = InFlight(jittery())
    http = httpx.Client(transport=httpx.MockTransport(handler))
    ahead: list[int] = []
    with Piriod(token="sk_test_sandbox", workspace="acc_sandbox", http_client=http) as client:
        for page in client.customers.list(page_size=PAGE_SIZE, concurrency=4).pages():
            time.sleep(0.01)  # room for the workers to run ahead, if they could
            with handler.lock:
                ahead.append(max(handler.pages) - page.page)
    http.close()
    # The page in the consumer's hands still holds its place in the window.
    assert max(ahead) <= window_size(4) - 1
    assert max(ahead) > 1  # it did run ahead
    assert handler.peak <= 4


def test_a_slow_async_consumer_holds_at_most_one_window_of_pages() -> None:
    handler = InFlight(jittery())

    async def walk() -> list[int]:
        ahead: list[int] = []
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(
                token="sk_test_sandbox", workspace="acc_sandbox", http_client=http
            ) as client,
        ):
            async for page in client.customers.list(page_size=PAGE_SIZE, concurrency=4).pages():
                await asyncio.sleep(0.01)
                ahead.append(max(handler.pages) - page.page)
        return ahead

    ahead = asyncio.run(walk())
    assert max(ahead) <= window_size(4) - 1  # the page being read holds its place
    assert max(ahead) > 1
    assert handler.peak <= 4


def test_no_request_starts_after_a_sync_consumer_breaks() -> None:
    handler = InFlight(jittery())
    http = httpx.Client(transport=httpx.MockTransport(handler))
    with Piriod(token="sk_test_sandbox", workspace="acc_sandbox", http_client=http) as client:
        for n, _ in enumerate(client.customers.list(page_size=PAGE_SIZE, concurrency=4)):
            if n == 3 * PAGE_SIZE:
                break
        asked_at_stop = len(handler.pages)
        time.sleep(0.3)  # room for a stray request to show up; a bound, not a speed check
        assert len(handler.pages) == asked_at_stop
    http.close()
    # Page 4 is in the consumer's hands: pages 1 to 3, plus one window that holds page 4.
    assert asked_at_stop <= 3 + window_size(4)


def test_no_request_starts_after_an_async_consumer_closes_the_walk() -> None:
    handler = InFlight(jittery())

    async def walk() -> tuple[int, int]:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
            AsyncPiriod(
                token="sk_test_sandbox", workspace="acc_sandbox", http_client=http
            ) as client,
        ):
            pages = client.customers.list(page_size=PAGE_SIZE, concurrency=4).pages()
            async with contextlib.aclosing(pages):
                async for page in pages:
                    if page.page == 3:
                        break
            asked_at_stop = len(handler.pages)
            await asyncio.sleep(0.3)
            return asked_at_stop, len(handler.pages)

    asked_at_stop, asked_later = asyncio.run(walk())
    assert asked_later == asked_at_stop
    assert asked_at_stop <= 2 + window_size(4)  # pages 1 and 2, and the window holding 3


@pytest.mark.parametrize("mode", MODES)
def test_an_error_in_a_parallel_walk_names_its_page_after_the_pages_before_it(mode: Mode) -> None:
    api = FakeAPI(500, script={4: json_response(500, {"detail": "boom"})})
    got: list[Any] = []
    with pytest.raises(ServerError) as caught:
        Driver(mode, api, max_retries=0).collect(got, page_size=50, concurrency=4)
    assert caught.value.page == 4
    assert [c.id for c in got] == [f"cus_{n:06d}" for n in range(150)]


@pytest.mark.parametrize("mode", MODES)
class ShrinkingAPI(FakeAPI):
    """Page 9 is gone: the list shrank to 400 items, as page one says when asked again."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.params.get("page") == "9":
            self.total = 400
        return super().__call__(request)


@pytest.mark.parametrize("mode", MODES)
def test_a_page_gone_while_count_holds_stops_the_walk(mode: Mode) -> None:
    api = FakeAPI(500, script={9: json_response(404, {"detail": "Invalid page."})})
    with pytest.raises(IncompleteWalkError) as caught:
        Driver(mode, api).items(page_size=50, concurrency=4)
    assert caught.value.page == 9
    assert "count=500 (asked again) still promises it" in caught.value.evidence


@pytest.mark.parametrize("mode", MODES)
def test_a_list_that_shrinks_mid_walk_ends_with_a_drift_warning(mode: Mode) -> None:
    api = ShrinkingAPI(500)
    with pytest.warns(DriftWarning, match="count 500 -> 400, page 9 no longer exists"):
        items = Driver(mode, api).items(page_size=50, concurrency=4)
    assert len(items) == 400


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", [0, 33, 2.0, True])
def test_a_bad_concurrency_is_refused_before_any_request(mode: Mode, value: Any) -> None:
    api = FakeAPI(10)
    with pytest.raises(ValueError, match="concurrency="):
        Driver(mode, api).items(concurrency=value)
    assert api.requests == []


def test_a_429_pauses_every_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """After one page gets 429 with Retry-After, the other workers' next requests wait too."""
    waits: list[float] = []
    monkeypatch.setattr("piriod._client._wait", lambda seconds, stop: waits.append(seconds))
    throttled = {"done": False}
    api = FakeAPI(1000)
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            if request.url.params["page"] == "3" and not throttled["done"]:
                throttled["done"] = True
                return json_response(429, {"detail": "slow down"}, headers={"Retry-After": "7"})
        return api(request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
        assert len(list(client.customers.list(page_size=50, concurrency=4))) == 1000
    http.close()
    paused = [w for w in waits if w > 6.0]
    assert len(paused) > 1  # the throttled worker's own wait, and others' shared pause
