"""What a walk tells its user, word for word: how pages and paginators print, what iterating
a page gives, when two pages count as equal, and the exact text of the warnings and errors a
walk raises when the list changes under it or its pages do not add up.

Every reply comes from a scripted server behind an httpx mock transport.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from piriod import (
    AsyncPaginator,
    AsyncPiriod,
    Customer,
    DriftWarning,
    IncompleteWalkError,
    InvalidItemsWarning,
    ListChangedError,
    Page,
    Paginator,
    Piriod,
)

from conftest import TOKEN, WORKSPACE, json_response, make_customer

Item = dict[str, Any]
# A scripted page: the count the server claims, the items it serves, whether it links a next.
Script = dict[int, tuple[int, list[Item], bool]]

DRIFT_ADVICE = (
    ": repeats are dropped, but items may have been missed. Walk with ordering='created' for"
    " the steadiest walk, or pass on_drift='raise' to stop at the first change."
)


def customers(numbers: range | list[int]) -> list[Item]:
    return [make_customer(number) for number in numbers]


def ids(numbers: range | list[int]) -> list[str]:
    return [f"cus_{number:06d}" for number in numbers]


def drift_message(what: str) -> str:
    return f"the list changed during the walk ({what}){DRIFT_ADVICE}"


def scripted(
    script: Script, headers: dict[str, str] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    """A server answering each page of `script`, and 404 for any other page."""

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        if number not in script:
            return json_response(404, {"detail": "Invalid page."})
        count, results, links_next = script[number]
        following = str(request.url.copy_merge_params({"page": number + 1}))
        body = {
            "count": count,
            "next": following if links_next else None,
            "previous": None,
            "results": results,
        }
        return json_response(200, body, headers=headers or {})

    return handler


def shrinking(script: Script, count_now: int) -> Callable[[httpx.Request], httpx.Response]:
    """`scripted(script)`, where the list has shrunk to `count_now` once a page is gone: a
    walk asking page one again after the 404 learns the new count."""
    serve = scripted(script)
    gone: list[bool] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if gone and request.url.params.get("page", "1") == "1":
            _, results, links_next = script[1]
            return scripted({1: (count_now, results, links_next)})(request)
        response = serve(request)
        if response.status_code == 404:
            gone.append(True)
        return response

    return handler


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> Piriod:
    transport = httpx.MockTransport(handler)
    return Piriod(
        token=TOKEN,
        workspace=WORKSPACE,
        max_retries=0,
        http_client=httpx.Client(transport=transport),
    )


def async_client_for(handler: Callable[[httpx.Request], httpx.Response]) -> AsyncPiriod:
    transport = httpx.MockTransport(handler)
    return AsyncPiriod(
        token=TOKEN,
        workspace=WORKSPACE,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=transport),
    )


@contextmanager
def recorded() -> Iterator[list[warnings.WarningMessage]]:
    """Every warning raised inside, each kept (none turned into an error)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def line_of(start: str) -> int:
    """The number of the line of the calling test that starts (once indented) with `start`."""
    frame = inspect.stack()[1]
    lines, first = inspect.getsourcelines(frame.frame)
    (number,) = [first + i for i, line in enumerate(lines) if line.strip().startswith(start)]
    return number


def texts(caught: list[warnings.WarningMessage]) -> list[tuple[type[Warning], str]]:
    return [(warning.category, str(warning.message)) for warning in caught]


# --- a page, item by item and in its repr -----------------------------------------------------


def test_iterating_a_page_gives_its_items_in_order() -> None:
    client = client_for(scripted({1: (3, customers([4, 5, 6]), False)}))
    page = client.customers.page(page_size=20)
    assert [customer.id for customer in page] == ids([4, 5, 6])
    assert list(page) == page.items
    assert len(page) == 3


def test_a_page_repr_names_its_first_and_last_item_and_the_request_id() -> None:
    handler = scripted({1: (7, customers([1, 2, 3]), True)}, headers={"x-request-id": "req_9"})
    page = client_for(handler).customers.page(page_size=3)
    assert repr(page) == (
        "Page(page=1, page_size=3, count=7, has_next=True,"
        " items=<3 Customer: 'cus_000001' ... 'cus_000003'>, request_id='req_9')"
    )


def test_a_page_repr_without_a_request_id_leaves_it_out() -> None:
    page = client_for(scripted({1: (2, customers([8, 9]), False)})).customers.page()
    assert page.request_id is None
    assert repr(page) == (
        "Page(page=1, page_size=20, count=2, has_next=False,"
        " items=<2 Customer: 'cus_000008' ... 'cus_000009'>)"
    )


def test_a_page_of_one_item_names_it_once() -> None:
    page = client_for(scripted({1: (1, customers([7]), False)})).customers.page()
    assert repr(page) == (
        "Page(page=1, page_size=20, count=1, has_next=False, items=<1 Customer: 'cus_000007'>)"
    )


def test_an_empty_page_shows_its_items_as_an_empty_list() -> None:
    page = client_for(scripted({1: (0, [], False)})).customers.page()
    assert repr(page) == "Page(page=1, page_size=20, count=0, has_next=False, items=[])"


def test_a_hand_built_page_shows_each_kind_and_ids_only_where_the_first_item_has_one() -> None:
    (customer,) = client_for(scripted({1: (1, customers([3]), False)})).customers.page()
    mixed: Page[object] = Page(items=[customer, 7], count=2, page=1, page_size=2, has_next=False)
    assert repr(mixed) == (
        "Page(page=1, page_size=2, count=2, has_next=False,"
        " items=<2 Customer/int: 'cus_000003' ... None>)"
    )
    no_ids: Page[object] = Page(items=[7, customer], count=2, page=2, page_size=2, has_next=False)
    assert repr(no_ids) == (
        "Page(page=2, page_size=2, count=2, has_next=False, items=<2 Customer/int>)"
    )
    numbers: Page[int] = Page(items=[1, 2, 3], count=3, page=1, page_size=3, has_next=False)
    assert repr(numbers) == "Page(page=1, page_size=3, count=3, has_next=False, items=<3 int>)"


def test_a_walked_page_with_skipped_items_says_how_many() -> None:
    bad = make_customer(2) | {"name": 5}
    client = client_for(scripted({1: (3, [make_customer(1), bad, make_customer(3)], False)}))
    with recorded() as caught:
        (page,) = list(client.customers.list(page_size=3, on_invalid="skip").pages())
    assert [category for category, _ in texts(caught)] == [InvalidItemsWarning]
    assert repr(page) == (
        "Page(page=1, page_size=3, count=3, has_next=False,"
        " items=<2 Customer: 'cus_000001' ... 'cus_000003'>, skipped=<1 InvalidItemError>)"
    )


# --- equality of pages with skipped items -----------------------------------------------------


def test_pages_with_the_same_skipped_items_are_equal_and_a_different_bad_value_is_not() -> None:
    served: list[Item] = [make_customer(2) | {"name": 5}, make_customer(2) | {"name": {}}]

    def handler(request: httpx.Request) -> httpx.Response:
        bad = served[0] if len(calls) < 2 else served[1]
        calls.append(request)
        return scripted({1: (2, [make_customer(1), bad], False)})(request)

    calls: list[httpx.Request] = []
    paginator = client_for(handler).customers.list(page_size=2, on_invalid="skip")
    with recorded() as caught:
        first = list(paginator.pages())
        again = list(paginator.pages())
        changed = list(paginator.pages())
    assert len(caught) == 3
    assert first[0].skipped[0] is not again[0].skipped[0]
    assert first == again
    assert first != changed
    assert [error.field for error in changed[0].skipped] == ["name"]
    assert str(first[0].skipped[0]) != str(changed[0].skipped[0])


# --- the paginators' reprs --------------------------------------------------------------------


def test_a_paginator_repr_names_its_class_and_settings() -> None:
    paginator = client_for(scripted({})).customers.list(start_page=2, max_items=5, concurrency=3)
    assert isinstance(paginator, Paginator)
    assert repr(paginator) == "<Paginator start_page=2 max_items=5 concurrency=3>"


def test_an_async_paginator_repr_names_its_class_and_settings() -> None:
    paginator = async_client_for(scripted({})).customers.list()
    assert isinstance(paginator, AsyncPaginator)
    assert repr(paginator) == "<AsyncPaginator start_page=1 max_items=None concurrency=1>"


# --- pages that do not add up ------------------------------------------------------------------


def test_a_next_link_on_the_last_page_stops_the_walk_with_the_whole_message() -> None:
    # 3 items where 20 were asked, and a next link: taken for a server serving pages of 3.
    client = client_for(scripted({1: (3, customers([1, 2, 3]), True)}))
    got: list[Customer] = []
    with pytest.raises(IncompleteWalkError) as caught:
        got.extend(client.customers.list(page_size=20))
    evidence = "page 1 is the last of count=3 in pages of 3, yet the server links a next page"
    error = caught.value
    assert got == []
    assert (error.evidence, error.page, error.page_size, error.resumable) == (
        evidence,
        1,
        3,
        True,
    )
    assert str(error) == (
        f"the pages do not add up ({evidence}): items would be lost or repeated, so the walk"
        " stops here. This happens when a proxy or cache ignores the page number, or the list"
        " changed mid-walk; walk again later, or resume from this page."
        " [page 1; resume with start_page=1, page_size=3]"
    )


def test_an_async_walk_stops_with_the_same_message() -> None:
    client = async_client_for(
        scripted({1: (4, customers([1, 2]), True), 2: (4, customers([3]), False)})
    )

    async def collect(into: list[Customer]) -> None:
        async for customer in client.customers.list(page_size=2):
            into.append(customer)

    got: list[Customer] = []
    with pytest.raises(IncompleteWalkError) as caught:
        asyncio.run(collect(got))
    evidence = "page 2 holds 1 items where count=4 and pages of 2 promise 2"
    assert [customer.id for customer in got] == ids([1, 2])
    assert caught.value.evidence == evidence
    assert caught.value.page == 2
    assert str(caught.value) == (
        f"the pages do not add up ({evidence}): items would be lost or repeated, so the walk"
        " stops here. This happens when a proxy or cache ignores the page number, or the list"
        " changed mid-walk; walk again later, or resume from this page."
        " [page 2; resume with start_page=2]"
    )


# --- the list changing during the walk ----------------------------------------------------------


def test_one_repeated_item_is_dropped_and_the_warning_says_so_in_the_singular() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (9, customers(range(5, 9)), False)})
    )
    with recorded() as caught:
        got = [customer.id for customer in client.customers.list(page_size=5)]
    assert got == ids(range(1, 9))
    assert texts(caught) == [
        (DriftWarning, drift_message("count 10 -> 9, 1 repeated item dropped, at page 2"))
    ]


def test_two_repeated_items_are_dropped_and_the_warning_says_so_in_the_plural() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (9, customers(range(4, 8)), False)})
    )
    with recorded() as caught:
        got = [customer.id for customer in client.customers.list(page_size=5)]
    assert got == ids(range(1, 8))
    assert texts(caught) == [
        (DriftWarning, drift_message("count 10 -> 9, 2 repeated items dropped, at page 2"))
    ]


def test_a_count_that_moves_is_named_in_the_warning() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (9, customers(range(6, 10)), False)})
    )
    with recorded() as caught:
        got = [customer.id for customer in client.customers.list(page_size=5)]
    assert got == ids(range(1, 10))
    assert texts(caught) == [(DriftWarning, drift_message("count 10 -> 9, at page 2"))]


def test_a_repeat_with_on_drift_raise_stops_with_list_changed_error() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (9, customers(range(5, 9)), False)})
    )
    got: list[str] = []
    with pytest.raises(ListChangedError) as caught:
        got.extend(customer.id for customer in client.customers.list(page_size=5, on_drift="raise"))
    error = caught.value
    assert got == ids(range(1, 6))
    assert (error.count_before, error.count_now, error.page, error.resumable) == (10, 9, 2, False)
    assert str(error) == (
        drift_message("count 10 -> 9, 1 repeated item dropped, at page 2") + " [page 2]"
    )


def test_a_page_gone_with_on_drift_raise_names_the_counts_seen() -> None:
    client = client_for(
        shrinking(
            {1: (15, customers(range(1, 6)), True), 2: (15, customers(range(6, 11)), True)}, 10
        )
    )
    got: list[str] = []
    with pytest.raises(ListChangedError) as caught:
        got.extend(customer.id for customer in client.customers.list(page_size=5, on_drift="raise"))
    error = caught.value
    assert got == ids(range(1, 11))
    assert (error.count_before, error.count_now, error.page) == (15, 10, 3)
    assert str(error) == drift_message("count 15 -> 10, page 3 no longer exists") + " [page 3]"


# mutmut calls each function of the package through a frame of its own module, so under it no
# warning can point at the user's line (the function finding that line is not mutated).
UNDER_MUTMUT = pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ,
    reason="mutmut's trampoline frames stand between the warning and the user's line",
)


@UNDER_MUTMUT
def test_a_page_gone_warns_at_the_line_walking_the_pages() -> None:
    client = client_for(
        shrinking(
            {1: (15, customers(range(1, 6)), True), 2: (15, customers(range(6, 11)), True)}, 10
        )
    )
    numbers: list[int] = []
    with recorded() as caught:
        for page in client.customers.list(page_size=5).pages():
            numbers.append(page.page)
    assert numbers == [1, 2]
    assert texts(caught) == [
        (DriftWarning, drift_message("count 15 -> 10, page 3 no longer exists"))
    ]
    assert (caught[0].filename, caught[0].lineno) == (__file__, line_of("for page in"))


@UNDER_MUTMUT
def test_a_repeat_warns_at_the_line_looping_over_the_items() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (9, customers(range(5, 9)), False)})
    )
    got: list[str] = []
    with recorded() as caught:
        for customer in client.customers.list(page_size=5):
            got.append(customer.id)
    assert got == ids(range(1, 9))
    assert [warning.category for warning in caught] == [DriftWarning]
    assert (caught[0].filename, caught[0].lineno) == (__file__, line_of("for customer in"))


@UNDER_MUTMUT
def test_an_async_walks_warning_points_at_the_users_async_for() -> None:
    client = async_client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (9, customers(range(5, 9)), False)})
    )
    got: list[str] = []
    lines: list[int] = []

    async def walk() -> None:
        lines.append(line_of("async for customer in"))
        async for customer in client.customers.list(page_size=5, concurrency=3):
            got.append(customer.id)

    with recorded() as caught:
        asyncio.run(walk())
    assert got == ids(range(1, 9))
    assert [warning.category for warning in caught] == [DriftWarning]
    assert (caught[0].filename, caught[0].lineno) == (__file__, lines[0])


def test_on_drift_ignore_says_nothing_and_still_drops_the_repeat() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (10, customers(range(5, 10)), False)})
    )
    with recorded() as caught:
        got = [customer.id for customer in client.customers.list(page_size=5, on_drift="ignore")]
    assert got == ids(range(1, 10))
    assert caught == []


def test_a_page_of_only_items_already_handed_out_stops_the_walk() -> None:
    client = client_for(
        scripted({1: (10, customers(range(1, 6)), True), 2: (10, customers(range(1, 6)), False)})
    )
    got: list[str] = []
    with pytest.raises(IncompleteWalkError) as caught:
        got.extend(customer.id for customer in client.customers.list(page_size=5))
    evidence = (
        "page 2 holds only items already handed out: the server is not paging (a cache or"
        " proxy that ignores `page`?)"
    )
    assert got == ids(range(1, 6))
    assert (caught.value.evidence, caught.value.page, caught.value.page_size) == (evidence, 2, None)


def test_an_empty_first_page_that_links_a_next_one_stops_the_walk() -> None:
    client = client_for(scripted({1: (4, [], True)}))
    with pytest.raises(IncompleteWalkError) as caught:
        list(client.customers.list(page_size=2))
    evidence = "page 1 is empty, but count=4 and the server links a next page"
    assert (caught.value.evidence, caught.value.page, caught.value.page_size) == (evidence, 1, None)


def test_starting_past_the_end_at_a_page_that_links_a_next_one_stops_the_walk() -> None:
    # Pages 1 and 2 hold count=20 in pages of 10: page 3 is past the end, empty as it should
    # be, and yet the server links a page 4.
    client = client_for(scripted({3: (20, [], True)}))
    with pytest.raises(IncompleteWalkError) as caught:
        list(client.customers.list(page_size=10, start_page=3))
    evidence = "page 3 is the last of count=20 in pages of 10, yet the server links a next page"
    assert (caught.value.evidence, caught.value.page, caught.value.page_size) == (evidence, 3, None)


def test_an_empty_page_within_count_at_the_start_page_stops_the_walk() -> None:
    client = client_for(scripted({3: (21, [], True)}))
    with pytest.raises(IncompleteWalkError) as caught:
        list(client.customers.list(page_size=10, start_page=3))
    evidence = "page 3 is empty, but count=21 and the server links a next page"
    assert (caught.value.evidence, caught.value.page, caught.value.page_size) == (evidence, 3, None)


@pytest.mark.parametrize("concurrency", [1, 3])
def test_a_server_serving_one_item_a_page_is_walked_one_item_a_page(concurrency: int) -> None:
    script: Script = {number: (3, customers([number]), number < 3) for number in range(1, 4)}
    paginator = client_for(scripted(script)).customers.list(page_size=10, concurrency=concurrency)
    pages = list(paginator.pages())
    assert [(page.page, page.page_size, page.has_next) for page in pages] == [
        (1, 1, True),
        (2, 1, True),
        (3, 1, False),
    ]
    assert [customer.id for page in pages for customer in page] == ids([1, 2, 3])


def test_a_page_repeating_one_with_a_skipped_item_still_shows_the_server_is_not_paging() -> None:
    # The skipped item counts as met: page 2 holds nothing the walk has not seen.
    first = [make_customer(1), make_customer(2) | {"name": 5}]
    client = client_for(scripted({1: (4, first, True), 2: (4, first, False)}))
    paginator = client.customers.list(page_size=2, on_invalid="skip")
    got: list[str] = []
    with recorded(), pytest.raises(IncompleteWalkError) as caught:
        got.extend(customer.id for customer in paginator)
    evidence = (
        "page 2 holds only items already handed out: the server is not paging (a cache or"
        " proxy that ignores `page`?)"
    )
    assert got == ids([1])
    assert (caught.value.evidence, caught.value.page) == (evidence, 2)
    assert paginator.skipped_ids == ids([2])


def test_a_last_page_before_count_is_reached_hands_out_its_items_then_raises() -> None:
    client = client_for(
        scripted({1: (6, customers(range(1, 3)), True), 2: (6, customers(range(3, 5)), False)})
    )
    got: list[str] = []
    with pytest.raises(IncompleteWalkError) as caught:
        got.extend(customer.id for customer in client.customers.list(page_size=2))
    evidence = "page 2 is the last the server links, but count=6 makes 3 pages of 2"
    assert got == ids(range(1, 5))
    assert (caught.value.evidence, caught.value.page, caught.value.page_size) == (evidence, 3, None)


# --- skipped items ------------------------------------------------------------------------------


def skip_walk_server(bad: list[int], total: int = 10) -> Callable[[httpx.Request], httpx.Response]:
    """`total` customers in one page, those numbered in `bad` with a name that is a number."""
    results = [make_customer(n) | ({"name": 5} if n in bad else {}) for n in range(1, total + 1)]
    return scripted({1: (total, results, False)})


def test_skipping_one_item_warns_once_in_the_singular() -> None:
    paginator = client_for(skip_walk_server([4])).customers.list(on_invalid="skip")
    with recorded() as caught:
        got = [customer.id for customer in paginator]
    assert got == ids([1, 2, 3, 5, 6, 7, 8, 9, 10])
    assert texts(caught) == [
        (
            InvalidItemsWarning,
            "1 item skipped because a value did not fit its type (on_invalid='skip'):"
            " cus_000004; the paginator's `skipped` lists each with its field",
        )
    ]
    assert paginator.skipped_ids == ["cus_000004"]
    (error,) = paginator.skipped
    assert (error.page, error.index, error.item_id, error.field) == (1, 3, "cus_000004", "name")


def test_skipping_many_items_names_five_and_counts_the_rest() -> None:
    paginator = client_for(skip_walk_server([1, 2, 3, 5, 6, 8, 9])).customers.list(
        on_invalid="skip"
    )
    with recorded() as caught:
        got = [customer.id for customer in paginator]
    assert got == ids([4, 7, 10])
    assert texts(caught) == [
        (
            InvalidItemsWarning,
            "7 items skipped because a value did not fit its type (on_invalid='skip'):"
            " cus_000001, cus_000002, cus_000003, cus_000005, cus_000006 and 2 more;"
            " the paginator's `skipped` lists each with its field",
        )
    ]
    assert paginator.skipped_ids == ids([1, 2, 3, 5, 6, 8, 9])
    assert [error.index for error in paginator.skipped] == [0, 1, 2, 4, 5, 7, 8]


@UNDER_MUTMUT
def test_the_skipped_items_warning_points_at_the_users_loop() -> None:
    paginator = client_for(skip_walk_server([4])).customers.list(on_invalid="skip")
    with recorded() as caught:
        got = [customer.id for customer in paginator]
    assert got == ids([1, 2, 3, 5, 6, 7, 8, 9, 10])
    assert [warning.category for warning in caught] == [InvalidItemsWarning]
    assert (caught[0].filename, caught[0].lineno) == (__file__, line_of("got = [customer.id"))


def test_skipping_exactly_five_items_names_them_all() -> None:
    paginator = client_for(skip_walk_server([2, 4, 6, 8, 10])).customers.list(on_invalid="skip")
    with recorded() as caught:
        got = [customer.id for customer in paginator]
    assert got == ids([1, 3, 5, 7, 9])
    assert texts(caught) == [
        (
            InvalidItemsWarning,
            "5 items skipped because a value did not fit its type (on_invalid='skip'):"
            " cus_000002, cus_000004, cus_000006, cus_000008, cus_000010;"
            " the paginator's `skipped` lists each with its field",
        )
    ]


def test_skipping_six_items_names_five_and_one_more() -> None:
    paginator = client_for(skip_walk_server([1, 2, 4, 6, 8, 10])).customers.list(on_invalid="skip")
    with recorded() as caught:
        got = [customer.id for customer in paginator]
    assert got == ids([3, 5, 7, 9])
    assert texts(caught) == [
        (
            InvalidItemsWarning,
            "6 items skipped because a value did not fit its type (on_invalid='skip'):"
            " cus_000001, cus_000002, cus_000004, cus_000006, cus_000008 and 1 more;"
            " the paginator's `skipped` lists each with its field",
        )
    ]


def test_a_walk_with_nothing_skipped_says_nothing() -> None:
    paginator = client_for(skip_walk_server([])).customers.list(on_invalid="skip")
    with recorded() as caught:
        got = [customer.id for customer in paginator]
    assert got == ids(range(1, 11))
    assert caught == []
    assert paginator.skipped == []
    assert paginator.skipped_ids == []


# --- bad settings ---------------------------------------------------------------------------------


def test_bad_walk_settings_are_refused_with_the_choices() -> None:
    customers_api = client_for(scripted({})).customers
    with pytest.raises(ValueError, match=r"^on_drift=") as drift:
        customers_api.list(on_drift="loud")  # type: ignore[arg-type]
    assert str(drift.value) == (
        "on_drift='loud' is invalid: use 'warn' (the default), 'raise' or 'ignore'"
    )
    with pytest.raises(ValueError, match=r"^on_invalid=") as invalid:
        customers_api.list(on_invalid="drop")  # type: ignore[arg-type]
    assert str(invalid.value) == (
        "on_invalid='drop' is invalid: use 'raise' (the default: an item whose values do not fit"
        " their types stops the walk) or 'skip' (leave it out, warn once, and list it in the"
        " paginator's `skipped`)"
    )
    for concurrency in (0, 33, True, 2.0):
        with pytest.raises(ValueError, match=r"^concurrency=") as bad:
            customers_api.list(concurrency=concurrency)  # type: ignore[arg-type]
        assert str(bad.value) == (
            f"concurrency={concurrency!r} is invalid: use a whole number from 1 (one page at a"
            " time, the default) to 32"
        )


def test_the_extreme_concurrencies_are_accepted() -> None:
    customers_api = client_for(scripted({})).customers
    assert repr(customers_api.list(concurrency=1)) == (
        "<Paginator start_page=1 max_items=None concurrency=1>"
    )
    assert repr(customers_api.list(concurrency=32)) == (
        "<Paginator start_page=1 max_items=None concurrency=32>"
    )


def test_awaiting_an_async_walk_says_how_to_iterate_it() -> None:
    paginator = async_client_for(scripted({})).customers.list()

    async def wrong() -> object:
        return await paginator  # type: ignore[misc]

    with pytest.raises(TypeError) as caught:
        asyncio.run(wrong())
    assert str(caught.value) == (
        "client.customers.list() is not awaitable: it is a lazy walk, which sends nothing until"
        " you iterate it. Iterate it with `async for item in client.customers.list(...)`,"
        " collect it with `[item async for item in client.customers.list(...)]`, or fetch one"
        " page with `page = await client.customers.page(...)`"
    )


# --- max_items and long walks ----------------------------------------------------------------


def counting(
    handler: Callable[[httpx.Request], httpx.Response], asked: list[int]
) -> Callable[[httpx.Request], httpx.Response]:
    """`handler`, noting the page number of each request in `asked`."""

    def note(request: httpx.Request) -> httpx.Response:
        asked.append(int(request.url.params.get("page", "1")))
        return handler(request)

    return note


def twenty_in_pages_of_five() -> Script:
    return {
        number: (20, customers(range(5 * number - 4, 5 * number + 1)), number < 4)
        for number in range(1, 5)
    }


@pytest.mark.parametrize("concurrency", [1, 4])
def test_max_items_cuts_the_last_page_and_asks_for_no_page_beyond(concurrency: int) -> None:
    asked: list[int] = []
    client = client_for(counting(scripted(twenty_in_pages_of_five()), asked))
    paginator = client.customers.list(page_size=5, max_items=7, concurrency=concurrency)
    pages = list(paginator.pages())
    assert [customer.id for page in pages for customer in page] == ids(range(1, 8))
    assert [(page.page, len(page)) for page in pages] == [(1, 5), (2, 2)]
    assert sorted(asked) == [1, 2]


@pytest.mark.parametrize("concurrency", [1, 4])
def test_max_items_of_a_whole_page_stops_at_that_page(concurrency: int) -> None:
    asked: list[int] = []
    client = client_for(counting(scripted(twenty_in_pages_of_five()), asked))
    paginator = client.customers.list(page_size=5, max_items=10, concurrency=concurrency)
    assert [customer.id for customer in paginator] == ids(range(1, 11))
    assert sorted(asked) == [1, 2]


def test_max_items_zero_sends_nothing() -> None:
    asked: list[int] = []
    client = client_for(counting(scripted(twenty_in_pages_of_five()), asked))
    assert list(client.customers.list(page_size=5, max_items=0)) == []
    assert asked == []


@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_repeat_far_back_in_a_long_walk_is_still_caught(concurrency: int) -> None:
    script: Script = {
        number: (1500, customers(range(100 * number - 99, 100 * number + 1)), number < 15)
        for number in range(1, 16)
    }
    # The last page brings back item 3 in place of item 1500.
    script[15] = (1500, customers([*range(1401, 1500), 3]), False)
    client = client_for(scripted(script))
    got: list[str] = []
    with pytest.raises(IncompleteWalkError) as caught:
        got.extend(c.id for c in client.customers.list(page_size=100, concurrency=concurrency))
    assert got == ids(range(1, 1401))
    assert caught.value.evidence == (
        "page 15 brings back 1 item already handed out while count=1500 has not changed,"
        " so as many others were missed"
    )


@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_capped_server_is_walked_in_its_own_page_size(concurrency: int) -> None:
    asked: list[int] = []
    script: Script = {
        number: (12, customers(range(5 * number - 4, min(5 * number, 12) + 1)), number < 3)
        for number in range(1, 4)
    }
    client = client_for(counting(scripted(script), asked))
    pages = list(client.customers.list(page_size=20, concurrency=concurrency).pages())
    assert [(page.page, page.page_size, len(page), page.has_next) for page in pages] == [
        (1, 5, 5, True),
        (2, 5, 5, True),
        (3, 5, 2, False),
    ]
    assert sorted(asked) == [1, 2, 3]
