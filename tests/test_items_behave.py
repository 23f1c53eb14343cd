"""Items and pages behave like values: UNSET is one value across pickle and copy, items and
pages round-trip equal through pickle and deepcopy, reprs are short, and items turn into
JSON with `to_json()` (all of it from the generator's templates, for UNSET and the items)."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from collections.abc import Iterator
from typing import TypeVar

import attrs
import pytest

from piriod import UNSET, Customer, InvalidItemError, Page, Piriod, Product, State, Unset, sandbox
from piriod.sandbox import SandboxAPI
from piriod_api import types as generated_types

PAGE_SIZE = 20

T = TypeVar("T")


@pytest.fixture(scope="module")
def client() -> Iterator[Piriod]:
    with sandbox.client(SandboxAPI(seed=7)) as client:
        yield client


@pytest.fixture(scope="module")
def customer_page(client: Piriod) -> Page[Customer]:
    return client.customers.page(page_size=PAGE_SIZE)


@pytest.fixture(scope="module")
def product_page(client: Piriod) -> Page[Product]:
    return client.products.page(page_size=PAGE_SIZE)


def round_trip(value: T, protocol: int = pickle.HIGHEST_PROTOCOL) -> T:
    """`value` pickled and unpickled, as multiprocessing and caches do."""
    again: T = pickle.loads(pickle.dumps(value, protocol=protocol))  # noqa: S301 (our own bytes)
    return again


def unset_fields(value: object, path: str = "") -> list[str]:
    """The paths of every UNSET field in `value`, nested models and lists included."""
    if isinstance(value, list):
        return [
            p for index, item in enumerate(value) for p in unset_fields(item, f"{path}[{index}]")
        ]
    kind = type(value)
    if not attrs.has(kind):
        return []
    found = []
    for field in attrs.fields(kind):
        inner = getattr(value, field.name)
        if inner is UNSET:
            found.append(f"{path}.{field.name}")
        else:
            found.extend(unset_fields(inner, f"{path}.{field.name}"))
    return found


# --- UNSET: one value ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "duplicate",
    [
        pytest.param(round_trip, id="pickle"),
        pytest.param(lambda value: round_trip(value, protocol=0), id="pickle-protocol-0"),
        pytest.param(copy.copy, id="copy"),
        pytest.param(copy.deepcopy, id="deepcopy"),
    ],
)
def test_unset_is_one_value_through_pickle_and_copy(duplicate: object) -> None:
    assert callable(duplicate)
    assert duplicate(UNSET) is UNSET
    assert duplicate([UNSET, {"field": UNSET}])[1]["field"] is UNSET


def test_making_an_unset_gives_the_unset() -> None:
    assert Unset() is UNSET
    assert generated_types.UNSET is UNSET
    assert not UNSET
    assert repr(UNSET) == "UNSET"


def test_an_unset_is_pickled_by_name() -> None:
    # A reference to piriod_api.types.UNSET, so another process loads its own UNSET.
    assert b"piriod_api.types" in pickle.dumps(UNSET)
    assert b"UNSET" in pickle.dumps(UNSET)


# --- items and pages round-trip --------------------------------------------------------------


@pytest.mark.parametrize("how", ["pickle", "deepcopy", "copy"])
def test_items_round_trip_equal_with_their_unset_fields_unset(
    customer_page: Page[Customer], product_page: Page[Product], how: str
) -> None:
    items: list[object] = [*customer_page.items, *product_page.items]
    assert any(unset_fields(item) for item in items)  # the point: items with UNSET fields
    for item in items:
        if how == "pickle":
            twin = round_trip(item)
        elif how == "deepcopy":
            twin = copy.deepcopy(item)
        else:
            twin = copy.copy(item)
        assert twin == item
        assert unset_fields(twin) == unset_fields(item)


def test_nested_unset_fields_stay_unset_through_pickle(customer_page: Page[Customer]) -> None:
    states = [customer.state for customer in customer_page.items if customer.state]
    codes = [getattr(state, "code", None) for state in states]
    assert UNSET in codes
    twins = round_trip(states)
    assert [getattr(state, "code", None) is UNSET for state in twins] == [
        code is UNSET for code in codes
    ]


@pytest.mark.parametrize("how", ["pickle", "deepcopy"])
def test_pages_round_trip_equal(customer_page: Page[Customer], how: str) -> None:
    twin = round_trip(customer_page) if how == "pickle" else copy.deepcopy(customer_page)
    assert twin == customer_page
    assert twin.items == customer_page.items
    assert twin.request_id == customer_page.request_id
    assert twin.headers == customer_page.headers


def test_pages_with_skipped_items_round_trip_equal() -> None:
    api = SandboxAPI(seed=3, customers=30)
    with sandbox.client(api) as client:
        page = client.customers.page(page_size=10)

    error = InvalidItemError(
        "GET /customers/ page 1 answered 200 but item 2 holds a value of the wrong type",
        status_code=200,
        body=b"{}",
        index=2,
        item_id="cus_1",
        field="name",
        expected="string",
        found="integer",
    )
    skipping = Page(
        items=page.items,
        count=page.count,
        page=1,
        page_size=10,
        has_next=True,
        skipped=(error,),
    )
    assert round_trip(skipping) == skipping
    assert copy.deepcopy(skipping) == skipping


# --- reprs ---------------------------------------------------------------------------------


def test_item_reprs_leave_unset_fields_out(customer_page: Page[Customer]) -> None:
    for customer in customer_page.items:
        text = repr(customer)
        assert "Unset" not in text
        assert "UNSET" not in text
        assert "object at 0x" not in text
        assert text.startswith(f"Customer(id={customer.id!r}, name=")
    state = next(c.state for c in customer_page.items if c.state and c.state.code is UNSET)
    assert "code=" not in repr(state)


def test_item_reprs_show_fields_the_spec_does_not_list() -> None:
    state = State.from_dict({"id": 13, "name": "RM", "region_code": "XIII"})
    assert repr(state) == "State(id=13, name='RM', additional_properties={'region_code': 'XIII'})"


def test_a_page_repr_is_one_short_line(
    customer_page: Page[Customer], product_page: Page[Product]
) -> None:
    for page in (customer_page, product_page):
        text = repr(page)
        assert len(page.items) == PAGE_SIZE
        assert len(text) < 300, text  # was 48 KB for 20 customers
        assert "\n" not in text
        kind = type(page.items[0]).__name__
        assert f"items=<{PAGE_SIZE} {kind}: {page.items[0].id!r} ... {page.items[-1].id!r}>" in text
        assert text.startswith(f"Page(page=1, page_size={PAGE_SIZE}, count={page.count},")
        assert f"request_id={page.request_id!r}" in text


def test_an_empty_page_repr() -> None:
    page: Page[Customer] = Page(items=[], count=0, page=1, page_size=20, has_next=False)
    assert repr(page) == "Page(page=1, page_size=20, count=0, has_next=False, items=[])"


# --- JSON ----------------------------------------------------------------------------------


def test_to_json_is_to_dict_as_json_with_iso_timestamps(
    customer_page: Page[Customer], product_page: Page[Product]
) -> None:
    items: list[Customer | Product] = [*customer_page.items, *product_page.items]
    for item in items:
        text = item.to_json()
        assert json.loads(text) == json.loads(json.dumps(item.to_dict()))
        decoded = json.loads(text)
        assert isinstance(item.created, datetime.datetime)
        assert decoded["created"] == item.created.isoformat()
        assert datetime.datetime.fromisoformat(decoded["created"]) == item.created
        assert type(item).from_dict(decoded) == item  # and back, equal


def test_to_json_indents_on_request(customer_page: Page[Customer]) -> None:
    customer = customer_page.items[0]
    assert "\n" not in customer.to_json()
    assert customer.to_json(indent=2).startswith('{\n  "id": ')


def test_to_json_leaves_unset_fields_out(customer_page: Page[Customer]) -> None:
    state = next(c.state for c in customer_page.items if c.state and c.state.code is UNSET)
    assert "code" not in json.loads(state.to_json())
