"""The paginators built by hand, as a user wrapping a fetch function of their own would, and
the parts a walk is made of: the threads of a parallel walk and the record of ids handed out.

No server: each fetch function hands back pages it builds itself.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import httpx
import pytest

from piriod import (
    AsyncPaginator,
    DriftWarning,
    IncompleteWalkError,
    NotFoundError,
    Page,
    Paginator,
    ServerError,
)
from piriod._pagination import Reply, SeenIds


@attrs.frozen
class Item:
    id: str


PAGE_SIZE = 2
COUNT = 10  # five pages of two


def page_of(number: int) -> Page[Item]:
    """Page `number` of COUNT items in pages of PAGE_SIZE."""
    first = (number - 1) * PAGE_SIZE + 1
    items = [Item(f"it_{n}") for n in range(first, min(first + PAGE_SIZE, COUNT + 1))]
    return Page(
        items=items,
        count=COUNT,
        page=number,
        page_size=PAGE_SIZE,
        has_next=number * PAGE_SIZE < COUNT,
    )


def reply_with(status: int) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("GET", "https://api.example/customers/"))


def item_ids(numbers: range) -> list[str]:
    return [f"it_{n}" for n in numbers]


# --- defaults of a paginator built by hand ---------------------------------------------------


def test_a_paginator_walks_from_page_one_a_page_at_a_time_by_default() -> None:
    asked: list[int] = []

    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        asked.append(number)
        return lambda: page_of(number)

    pages = Paginator(fetch).pages()
    assert [next(pages).page, next(pages).page] == [1, 2]
    # One page at a time: nothing is asked for ahead of the consumer.
    assert asked == [1, 2]
    assert [page.page for page in pages] == [3, 4, 5]
    assert asked == [1, 2, 3, 4, 5]


def test_an_async_paginator_walks_from_page_one_a_page_at_a_time_by_default() -> None:
    asked: list[int] = []

    async def fetch(number: int) -> Reply[Item]:
        asked.append(number)
        return lambda: page_of(number)

    async def first_two() -> list[int]:
        pages = AsyncPaginator(fetch).pages()
        numbers = [(await anext(pages)).page, (await anext(pages)).page]
        await pages.aclose()
        return numbers

    assert asyncio.run(first_two()) == [1, 2]
    assert asked == [1, 2]


def test_awaiting_a_hand_built_async_paginator_speaks_of_customers() -> None:
    async def fetch(number: int) -> Reply[Item]:
        return lambda: page_of(number)

    async def wrong() -> object:
        return await AsyncPaginator(fetch)  # type: ignore[misc]

    with pytest.raises(TypeError) as caught:
        asyncio.run(wrong())
    assert str(caught.value).startswith(
        "client.customers.list() is not awaitable: it is a lazy walk"
    )


# --- the threads of a parallel walk -----------------------------------------------------------


def test_a_parallel_walk_sends_from_daemon_threads_named_for_the_walk() -> None:
    """Daemons, so a walk left unfinished never keeps the program from exiting; named, so a
    thread dump shows what they are."""
    senders: dict[int, tuple[str, bool]] = {}

    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        thread = threading.current_thread()
        senders[number] = (thread.name, thread.daemon)
        return lambda: page_of(number)

    got = [item.id for item in Paginator(fetch, concurrency=3)]
    assert got == item_ids(range(1, COUNT + 1))
    assert senders[1] == (threading.main_thread().name, False)  # the first page: the caller's
    assert sorted(senders) == [1, 2, 3, 4, 5]
    workers = [senders[number] for number in range(2, 6)]
    assert {daemon for _, daemon in workers} == {True}
    names = {name for name, _ in workers}
    assert "piriod-page-0" in names
    assert names <= {"piriod-page-0", "piriod-page-1", "piriod-page-2"}


@pytest.mark.parametrize("failing", [2, 4])
def test_an_error_sending_a_later_page_of_a_parallel_walk_reaches_the_consumer(
    failing: int,
) -> None:
    failure = ServerError("boom", response=reply_with(503), body=None, detail=None)

    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        if number == failing:
            raise failure
        return lambda: page_of(number)

    got: list[str] = []
    with pytest.raises(ServerError) as caught:
        got.extend(item.id for item in Paginator(fetch, concurrency=3))
    assert caught.value is failure
    assert caught.value.page == failing
    assert got == item_ids(range(1, (failing - 1) * PAGE_SIZE + 1))


def test_a_page_gone_in_a_parallel_walk_while_count_holds_raises_after_the_pages_before() -> None:
    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        if number == 4:
            raise NotFoundError("gone", response=reply_with(404), body=None, detail=None)
        return lambda: page_of(number)

    got: list[str] = []
    with pytest.raises(IncompleteWalkError) as caught:
        got.extend(item.id for item in Paginator(fetch, concurrency=3))
    assert got == item_ids(range(1, 7))
    assert caught.value.page == 4
    assert caught.value.evidence == (
        "page 4 answered 404, yet count=10 (asked again) still promises it"
    )


def test_a_page_gone_after_count_shrank_ends_a_parallel_walk_with_a_warning() -> None:
    gone: list[int] = []

    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        if number == 4:
            gone.append(number)
            raise NotFoundError("gone", response=reply_with(404), body=None, detail=None)
        page = page_of(number)
        return lambda: attrs.evolve(page, count=6) if gone and number == 1 else page

    with pytest.warns(DriftWarning, match=r"count 10 -> 6, page 4 no longer exists"):
        got = [item.id for item in Paginator(fetch, concurrency=3)]
    assert got == item_ids(range(1, 7))


# --- the ids a walk has handed out -----------------------------------------------------------


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Stops the block with TimeoutError after `seconds`: a broken probe loops forever."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_seen_ids_finds_every_id_after_growing_even_when_their_hashes_collide() -> None:
    # Integers hash to themselves: multiples of 1024 all start at slot 0, so they sit in one
    # long run of neighbouring slots, which growing the table must keep findable.
    seen = SeenIds()
    keys = [n * 1024 for n in range(1, 701)]
    with within(10):
        assert all(seen.add(key) for key in keys)
        assert len(seen) == 700
        assert all(key in seen for key in keys)
        assert not any(seen.add(key) for key in keys)
        assert len(seen) == 700
        assert 701 * 1024 not in seen


def test_seen_ids_finds_an_id_whose_hash_is_zero() -> None:
    # 0 marks an empty slot, so a hash of 0 is stored as 1: adding and finding must agree.
    seen = SeenIds()
    with within(10):
        assert seen.add(0) is True
        assert 0 in seen
        assert seen.add(0) is False
    assert len(seen) == 1


# --- what a hand-built fetch may leave to the walk ------------------------------------------------


def test_the_walk_plans_the_next_page_from_the_servers_link_and_the_count() -> None:
    """A fetch that reports only whether the server linked a next page (`links_next`) gets
    `has_next` planned by the walk."""

    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        items = [Item(f"it_{n}") for n in range(2 * number - 1, 2 * number + 1)]
        page = Page(
            items=items, count=4, page=number, page_size=2, has_next=False, links_next=number < 2
        )
        return lambda: page

    pages = list(Paginator(fetch).pages())
    assert [(page.page, page.has_next) for page in pages] == [(1, True), (2, False)]
    assert [item.id for page in pages for item in page] == item_ids(range(1, 5))


def test_a_first_page_holding_more_than_count_says_is_handed_out_whole() -> None:
    """A server that ignores page_size and answers everything at once, while its count lags
    behind (two items added since it counted): every item is handed out."""

    def fetch(number: int, stopped: threading.Event | None) -> Reply[Item]:
        items = [Item(f"it_{n}") for n in range(1, 13)]
        return lambda: Page(items=items, count=10, page=1, page_size=5, has_next=False)

    got = [item.id for item in Paginator(fetch)]
    assert got == item_ids(range(1, 13))


def test_closing_a_parallel_async_walk_leaves_no_request_running() -> None:
    """Pages 3 to 5 are in flight (their server is slow) when the consumer closes the walk
    after page 2: once `aclose()` returns, their tasks are over, none left running."""
    sending: list[asyncio.Task[Any] | None] = []

    async def fetch(number: int) -> Reply[Item]:
        if number > 2:
            sending.append(asyncio.current_task())
            await asyncio.sleep(30)
        return lambda: page_of(number)

    async def walk() -> list[bool]:
        pages = AsyncPaginator(fetch, concurrency=3).pages()
        assert [(await anext(pages)).page, (await anext(pages)).page] == [1, 2]
        await asyncio.sleep(0.01)  # pages 3 to 5 are sent meanwhile
        await pages.aclose()
        return [task is not None and task.done() for task in sending]

    assert asyncio.run(walk()) == [True, True, True]
