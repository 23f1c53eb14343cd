"""The fast parsing paths give exactly what the stock one gives.

Typed items are fast because of custom generator templates (`templates/`) and, with the
optional `fast` extra, msgspec: pages go by the wire path (msgspec Structs, then each model's
`_from_wire`), and those the wire path does not take by the dict path (msgspec dicts, then
`from_dict`). Here the items `parse_page` hands out are compared, field for field, with what
the stock-equivalent parse gives: the stdlib's `json.loads` and the models that
openapi-python-client's own templates generate from the same openapi.yaml (generated once per
session into a temporary folder, imported as `piriod_api_stock`). The three ways (wire path,
msgspec dicts, the stdlib as without the extra) are compared with each other too.

The stock models are lenient where ours are strict (tests/test_typed.py): they keep a value
of another type as it came (`country: "CL"`, `status: 3`, NaN in money). So where the stock
models hand out a well-typed item, ours hand out the same; where they raise or hand out a
value its annotation contradicts, ours raise InvalidValue (InvalidItemError from parse_page).
"""

from __future__ import annotations

import datetime
import enum
import functools
import importlib
import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any
from unittest import mock

import attrs
import httpx
import pytest
import yaml
from annotations_check import annotation_violations
from hypothesis import given, settings
from hypothesis import strategies as st
from test_shapes import customer_with, plan, product_with

from piriod import (
    UNSET,
    Aggregations,
    Country,
    Customer,
    CustomerStatus,
    InvalidItemError,
    Plan,
    PlanStatus,
    PlanTiersMode,
    Product,
    UnexpectedResponseError,
    Unset,
    _endpoints,
)
from piriod._endpoints import CUSTOMERS, PRODUCTS, Endpoint, parse_page
from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, SandboxRequest

from conftest import ROOT, SPEC_PATH, make_customer, make_product
from fuzz_replies import EndpointName, broken_pages, plain_schema_valid_pages
from test_contract import EXAMPLES, SPEC, validator_for

STOCK_PACKAGE = "piriod_api_stock"
SANDBOX_CUSTOMERS = 2000  # live; test mode has a fifth as many
SANDBOX_PRODUCTS = 1000
PAGE_SIZE = 100


@pytest.fixture(scope="session")
def stock_models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """`piriod_api_stock.models`: openapi.yaml through the generator's own templates."""
    folder = tmp_path_factory.mktemp("stock")
    config = yaml.safe_load((ROOT / "generator-config.yaml").read_text(encoding="utf-8"))
    config["post_hooks"] = []  # no ruff needed: unformatted code runs the same
    config_path = folder / "config.yaml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    command = [sys.executable, "-m", "openapi_python_client", "generate"]
    command += ["--path", str(SPEC_PATH), "--config", str(config_path), "--meta", "none"]
    command += ["--output-path", str(folder / STOCK_PACKAGE), "--fail-on-warning"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(f"{STOCK_PACKAGE}.models")
    finally:
        sys.path.remove(str(folder))


def shape(value: Any) -> Any:
    """A model instance as plain data, types included: class names, enum members, UNSET,
    datetimes and raw values (with their types), so equal shapes mean equal field for field."""
    kind = type(value).__name__
    if attrs.has(type(value)):
        value = {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}
    elif isinstance(value, enum.Enum):
        return ("enum", kind, value.value)
    elif kind == "Unset":  # piriod_api's and piriod_api_stock's are two classes
        return "UNSET"
    elif isinstance(value, float) and math.isnan(value):
        value = "nan"
    elif isinstance(value, datetime.datetime):  # == would let equal instants differ in offset
        value = value.isoformat()
    if isinstance(value, list):
        return [kind, *map(shape, value)]
    if isinstance(value, dict):
        return (kind, {key: shape(item) for key, item in value.items()})
    return (kind, value)


def stock_parse(stock_models: ModuleType, resource: str, body: bytes) -> list[Any]:
    """What the stock client would hand out: stdlib json, stock from_dict, item by item."""
    model = stock_models.Customer if resource == "customers" else stock_models.Product
    return [model.from_dict(raw) for raw in json.loads(body)["results"]]


def reply(resource: str, body: bytes) -> httpx.Response:
    request = httpx.Request("GET", f"https://api.piriod.test/{resource}/")
    return httpx.Response(
        200, headers={"content-type": "application/json"}, content=body, request=request
    )


def typed_items(resource: str, body: bytes) -> list[Any]:
    """What the client hands out for a reply: `parse_page`, with the decoder it picked."""
    endpoint: Endpoint[Any] = CUSTOMERS if resource == "customers" else PRODUCTS
    return list(parse_page(endpoint, reply(resource, body), page=1, page_size=PAGE_SIZE).items)


def customers_in(body: bytes) -> list[Customer]:
    return list(parse_page(CUSTOMERS, reply("customers", body), page=1, page_size=PAGE_SIZE).items)


def products_in(body: bytes) -> list[Product]:
    return list(parse_page(PRODUCTS, reply("products", body), page=1, page_size=PAGE_SIZE).items)


def page_body(resource: str, *items: dict[str, Any]) -> bytes:
    return json.dumps({"count": len(items), "next": None, "results": list(items)}).encode()


def assert_same_as_stock(stock_models: ModuleType, resource: str, body: bytes) -> int:
    """Fast and stock items are equal field for field, and serialize alike; returns how many."""
    fast = typed_items(resource, body)
    stock = stock_parse(stock_models, resource, body)
    assert [shape(item) for item in fast] == [shape(item) for item in stock]
    assert [item.to_dict() for item in fast] == [item.to_dict() for item in stock]
    return len(fast)


def without_fast_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_endpoints, "_fast_loads", lambda: None)
    monkeypatch.setattr(_endpoints, "_wire", lambda model: None)


def without_wire_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """msgspec decodes into dicts, for from_dict: the way pages the wire path refuses go."""
    monkeypatch.setattr(_endpoints, "_wire", lambda model: None)


WAYS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "wire": lambda monkeypatch: None,
    "msgspec-dicts": without_wire_path,
    "stdlib": without_fast_extra,
}


@pytest.fixture(params=list(WAYS))
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test with it runs three times: by the wire path (the `fast` extra), by msgspec
    dicts and from_dict (what the extra does with pages the wire path refuses), and as
    without the extra."""
    name: str = request.param
    WAYS[name](monkeypatch)
    expected = "json" if name == "stdlib" else "msgspec"
    assert _endpoints.json_decoder() == expected, (
        "the dev extra brings msgspec: pip install -e .[dev]"
    )
    return name


@functools.cache
def sandbox() -> SandboxAPI:
    return SandboxAPI(customers=SANDBOX_CUSTOMERS, products=SANDBOX_PRODUCTS)


def sandbox_pages(resource: str, *, test_mode: bool) -> Iterator[bytes]:
    api = sandbox()
    headers = {
        "authorization": f"Token {DEFAULT_TOKEN}",
        "x-simple-workspace": DEFAULT_WORKSPACE,
        "x-piriod-test-mode": "true" if test_mode else "false",
    }
    pages = math.ceil(api.count(resource, test_mode=test_mode) / PAGE_SIZE)
    for number in range(1, pages + 1):
        query = [("page", str(number)), ("page_size", str(PAGE_SIZE))]
        answer = api.handle(SandboxRequest("GET", f"/{resource}/", query, headers, "https://x"))
        assert answer.status == 200
        yield answer.body


# --- The spec's examples, the sandbox's data, both decoders --------------------------------


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.status == "200"], ids=str)
def test_every_spec_example_parses_as_the_stock_models_parse_it(
    stock_models: ModuleType, decoder: str, example: Any
) -> None:
    resource = example.path.strip("/")
    assert_same_as_stock(stock_models, resource, json.dumps(example.value).encode())


@pytest.mark.parametrize("test_mode", [False, True], ids=["live", "test_mode"])
@pytest.mark.parametrize("resource", ["customers", "products"])
def test_thousands_of_sandbox_items_parse_as_the_stock_models_parse_them(
    stock_models: ModuleType, resource: str, test_mode: bool
) -> None:
    parsed = sum(
        assert_same_as_stock(stock_models, resource, body)
        for body in sandbox_pages(resource, test_mode=test_mode)
    )
    total = SANDBOX_CUSTOMERS if resource == "customers" else SANDBOX_PRODUCTS
    assert parsed == (total // 5 if test_mode else total)


@pytest.mark.parametrize("resource", ["customers", "products"])
def test_the_three_ways_give_the_same_items(resource: str) -> None:
    assert _endpoints.json_decoder() == "msgspec", "the dev extra brings msgspec"
    for test_mode in (False, True):
        for body in sandbox_pages(resource, test_mode=test_mode):
            by_way = outcomes_by_way(resource, body)
            assert by_way["wire"] == by_way["msgspec-dicts"] == by_way["stdlib"]


@pytest.mark.parametrize("test_mode", [False, True], ids=["live", "test_mode"])
@pytest.mark.parametrize("resource", ["customers", "products"])
def test_every_sandbox_page_goes_by_the_wire_path(resource: str, test_mode: bool) -> None:
    """The sandbox serves what the spec describes, so none of its pages may need the dict
    path: if one does, the wire types refuse JSON they should take (and walks got slower)."""
    endpoint: Endpoint[Any] = CUSTOMERS if resource == "customers" else PRODUCTS
    for body in sandbox_pages(resource, test_mode=test_mode):
        parsed = _endpoints._parse_wire(endpoint.model, body)
        assert parsed is not None, f"a sandbox page of {resource} went by the dict path"
        assert len(parsed[2]) == len(json.loads(body)["results"])


def test_every_model_has_a_wire_form() -> None:
    """templates/wire.jinja leaves out models with a property kind it does not handle; none
    of openapi.yaml's may be left out, or pages holding them lose the wire path unnoticed."""
    models = importlib.import_module("piriod_api.models")
    schemas = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))["components"]["schemas"]
    for name, schema in schemas.items():
        if "enum" in schema or "anyOf" in schema:  # enums and open enums are not models
            continue
        model = getattr(models, name)
        assert model._wire_type() is not None, name
    assert _endpoints._wire("Customer") is not None
    assert _endpoints._wire("Product") is not None


def test_pages_the_wire_path_refuses_go_by_the_dict_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown field, a value of another type, a timestamp that is no date-time: the wire
    path gives the page up, and the dict path parses it item by item (keeping the unknown
    field, naming the value of the wrong type)."""
    unknown = customer_with_news()
    mistyped = customer_with(state=13)
    bad_date = product_with(rich_plan() | {"archived": "not a date"})
    dict_path = mock.Mock(wraps=Customer.from_dict)
    monkeypatch.setattr(_endpoints, "_generated", lambda operation, model: (None, dict_path))
    body = page_body("customers", make_customer(1), unknown)
    assert _endpoints._parse_wire("Customer", body) is None
    first, second = customers_in(body)
    assert dict_path.call_count == 2
    assert first.id == "cus_000001"
    assert shape(second) == shape(Customer.from_dict(unknown))
    body = page_body("customers", make_customer(1), mistyped)
    assert _endpoints._parse_wire("Customer", body) is None
    dict_path.reset_mock()
    with pytest.raises(InvalidItemError) as caught:
        customers_in(body)
    assert dict_path.call_count == 2
    assert (caught.value.index, caught.value.field, caught.value.found) == (1, "state", "integer")
    assert _endpoints._parse_wire("Product", page_body("products", bad_date)) is None
    dict_path.reset_mock()
    assert customers_in(page_body("customers", make_customer(2)))[0].id == "cus_000002"
    assert dict_path.call_count == 0  # a page the wire path takes never reaches from_dict


def test_wire_path_edge_values(stock_models: ModuleType) -> None:
    """Integer amounts stay ints, a repeated key keeps its last value, integers past 64 bits
    stay exact: as the stock models have them, and still by the wire path."""
    item = make_customer(1)
    item["aggregations"] = {"sales": 10, "sales_current_period": 2.5, "balance": 2**64 + 1}
    item["country"]["tax_percent"] = 19
    body = page_body("customers", item)
    assert _endpoints._parse_wire("Customer", body) is not None
    assert_same_as_stock(stock_models, "customers", body)
    (customer,) = customers_in(body)
    assert isinstance(customer.aggregations, Aggregations)
    assert (customer.aggregations.sales, customer.aggregations.balance) == (10, 2**64 + 1)
    assert type(customer.aggregations.sales) is int

    repeated = body.replace(b'"name": ', b'"name": "first", "name": ', 1)
    assert repeated != body
    assert _endpoints._parse_wire("Customer", repeated) is not None
    assert customers_in(repeated)[0].name == json.loads(repeated)["results"][0]["name"]


def test_without_msgspec_the_client_decodes_with_the_stdlib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where msgspec cannot be imported, the stdlib decodes, with the same items."""
    body = page_body("customers", make_customer(1), make_customer(2))
    with_msgspec = [shape(item) for item in customers_in(body)]
    for name in ("msgspec", "msgspec.json"):
        monkeypatch.setitem(sys.modules, name, None)  # now importing it raises ImportError
    find_decoder = _endpoints._fast_loads.__wrapped__  # the same, uncached
    assert find_decoder() is None
    monkeypatch.setattr(_endpoints, "_fast_loads", find_decoder)
    monkeypatch.setattr(_endpoints, "_wire", _endpoints._wire.__wrapped__)
    assert _endpoints.json_decoder() == "json"
    assert _endpoints._wire("Customer") is None
    assert [shape(item) for item in customers_in(body)] == with_msgspec


def test_what_msgspec_refuses_the_stdlib_still_decides(decoder: str) -> None:
    item = make_customer(1)
    item["metadata"] = {"score": float("nan")}  # free data: any JSON Python's json reads
    with_nan = page_body("customers", item)  # json.dumps writes NaN, which msgspec refuses
    assert b"NaN" in with_nan
    (customer,) = customers_in(with_nan)
    assert customer.metadata is not None
    assert not isinstance(customer.metadata, Unset)
    assert math.isnan(customer.metadata["score"])
    # ...and NaN where a number goes is a value of the wrong type, whichever decoder read it.
    item["aggregations"]["balance"] = float("nan")
    with pytest.raises(InvalidItemError) as caught:
        customers_in(page_body("customers", item))
    assert (caught.value.field, caught.value.found) == ("aggregations.balance", "non-finite number")

    utf16 = page_body("customers", make_customer(2)).decode().encode("utf-16")
    assert [customer.id for customer in customers_in(utf16)] == ["cus_000002"]

    with pytest.raises(UnexpectedResponseError, match="not JSON"):
        customers_in(b'{"count": 1, "results": [')


def test_integers_past_64_bits_stay_exact_integers(decoder: str) -> None:
    """As the stdlib reads them (orjson, for one, would read them as floats: 2**64 + 1 as 2**64)."""
    item = make_customer(1)
    item["loyalty_points"] = 2**64 + 1
    item["state"]["id"] = -(2**63) - 1
    body = json.dumps({"count": 2**64, "next": None, "results": [item]}).encode()
    page = parse_page(CUSTOMERS, reply("customers", body), page=1, page_size=PAGE_SIZE)
    (customer,) = page.items
    assert customer.state is not None
    assert not isinstance(customer.state, Unset)
    values = (page.count, customer["loyalty_points"], customer.state.id)
    assert values == (2**64, 2**64 + 1, -(2**63) - 1)
    assert {type(value) for value in values} == {int}


ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62).map(lambda n: n * 2)  # around and past 64 bits
    | st.floats()
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=12,
)


def decoded(decode: Callable[[bytes], Any], body: bytes) -> Any:
    try:
        return shape(decode(body))
    except ValueError as exc:
        return ("raised", type(exc).__name__)


@settings(max_examples=300, deadline=None)
@given(value=ANY_JSON, ascii_only=st.booleans())
def test_the_client_decodes_any_body_as_the_stdlib_does(value: Any, ascii_only: bool) -> None:
    """With msgspec or not: same values, same types, same refusals (NaN, lone surrogates...)."""
    body = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", errors="surrogatepass")
    assert decoded(_endpoints._decode, body) == decoded(json.loads, body)


# --- Open enums, unknown fields, odd shapes -------------------------------------------------


def customer_with_news() -> dict[str, Any]:
    item = make_customer(7)
    item["status"] = "suspended"  # not in CustomerStatus yet
    item["loyalty_tier"] = "gold"  # not in Customer yet
    item["country"]["iso3"] = "CHL"  # not in Country yet
    item["contacts"] = [
        {"id": "con_1", "name": "Ana", "role": "cfo", "created": "2026-01-05T10:00:00Z"}
    ]
    return item


def product_with_news() -> dict[str, Any]:
    known: dict[str, Any] = {"id": "pla_1", "status": "active", "tiers_mode": "graduated"}
    new: dict[str, Any] = {
        "id": "pla_2",
        "status": "paused",
        "tiers_mode": "stairstep",
        "usage_scheme": "hybrid",
        "usage_aggregation": "p95",
        "tiers": [{"quantity_from": 1, "quantity_to": None, "amount": 10, "cap": 99}],
        "trial_days": 14,
    }
    return {**make_product(3), "status": "draft", "plans": [known, new], "owner": {"id": 1}}


def test_unknown_enum_values_stay_strings_and_unknown_fields_stay_reachable(
    stock_models: ModuleType, decoder: str
) -> None:
    customers = page_body("customers", customer_with_news(), make_customer(8))
    products = page_body("products", product_with_news())
    assert_same_as_stock(stock_models, "customers", customers)
    assert_same_as_stock(stock_models, "products", products)

    new, known = customers_in(customers)
    assert type(new.status) is str
    assert new.status == "suspended"
    assert known.status is CustomerStatus.ACTIVE
    assert new["loyalty_tier"] == "gold"
    assert new.additional_properties == {"loyalty_tier": "gold"}
    assert isinstance(new.country, Country)
    assert new.country["iso3"] == "CHL"
    assert isinstance(new.contacts, list)
    (contact,) = new.contacts
    assert (contact["role"], contact.email) == ("cfo", UNSET)
    assert contact.created == datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)

    (product,) = products_in(products)
    assert (product.status, product["owner"]) == ("draft", {"id": 1})
    assert isinstance(product.plans, list)
    known_plan, new_plan = product.plans
    assert isinstance(known_plan, Plan)
    assert known_plan.status is PlanStatus.ACTIVE
    assert known_plan.tiers_mode is PlanTiersMode.GRADUATED
    assert (new_plan.status, new_plan.tiers_mode) == ("paused", "stairstep")
    assert (new_plan.usage_scheme, new_plan.usage_aggregation) == ("hybrid", "p95")
    assert type(new_plan.tiers_mode) is str
    assert new_plan["trial_days"] == 14
    assert isinstance(new_plan.tiers, list)
    assert new_plan.tiers[0]["cap"] == 99


def test_from_dict_leaves_its_input_alone() -> None:
    item = customer_with_news()
    before = json.dumps(item, sort_keys=True)
    Customer.from_dict(item)
    Product.from_dict(product_with_news())
    assert json.dumps(item, sort_keys=True) == before


# Each a change to one field of a valid customer or product: values of the wrong type, nested
# objects that do not parse, unknown values, nulls, absent fields. Where the stock models hand
# out a well-typed item, ours hand out the same; where they keep a value its annotation
# contradicts (a country without an id stays a dict, an `archived` that is no date stays a
# string) or raise, ours raise InvalidValue, which parse_page turns into InvalidItemError.
ODD_CUSTOMERS: list[tuple[str, Any]] = [
    ("country", {"name": "Chile"}),
    ("country", "CL"),
    ("country", None),
    ("state", {"id": "USAZ", "code": "AZ"}),
    ("state", {"name": "no id"}),
    ("state", 13),
    ("status", 3),
    ("status", None),
    ("status", "ACTIVE"),
    ("tax_settings", []),
    ("metadata", None),
    ("metadata", "none"),
    ("aggregations", {"sales": "1.50", "extra": True}),
    ("aggregations", None),
    ("contacts", [{"name": "no id"}]),
    ("contacts", None),
    ("created", "yesterday"),
    ("created", None),
    ("sources", None),
    ("id", None),
    ("name", 42),
]
ODD_PLANS: list[tuple[str, Any]] = [
    ("archived", "not a date"),
    ("archived", 1700000000),
    ("archived", "2026-01-05T10:00:00-03:00"),
    ("usage_scheme", None),
    ("usage_scheme", 1),
    ("tiers_mode", ["volume"]),
    ("tiers", [{"quantity_from": "1", "amount": "1.5"}]),
    ("status", {}),
    ("amount", None),
]


def outcome(parse: Callable[[dict[str, Any]], Any], raw: dict[str, Any]) -> Any:
    try:
        return shape(parse(raw))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return ("raised", type(exc).__name__)


# Types, required fields and patterns; formats are left to the models, which read timestamps
# with datetime.fromisoformat, as the stock models do.
ITEM_TYPES = {
    "Customer": validator_for(SPEC, "/components/schemas/Customer"),
    "Product": validator_for(SPEC, "/components/schemas/Product"),
}


def strict_outcome(stock_model: Any, raw: dict[str, Any]) -> Any:
    """What our models must give for `raw`: the stock models' item where openapi.yaml allows
    `raw` and the item is well typed (amount strings decimals), else InvalidValue. (The stock
    models take more: `[]` for an object, as `dict([])` is `{}`.)"""
    try:
        item = stock_model.from_dict(raw)
    except (KeyError, TypeError, ValueError, AttributeError):
        return ("raised", "InvalidValue")
    typed = annotation_violations(item, decimals=True) == []
    allowed = ITEM_TYPES[type(item).__name__].is_valid(raw)
    return shape(item) if typed and allowed else ("raised", "InvalidValue")


def rich_plan() -> dict[str, Any]:
    """A plan with every open enum set and one tier."""
    tier = {"quantity_from": 1, "quantity_to": None, "amount": 5, "unit_scheme": "all_units"}
    return plan(
        usage_scheme="metered", usage_aggregation="sum", tiers_mode="graduated", tiers=[tier]
    )


def odd_items() -> Iterator[Any]:
    for field, value in ODD_CUSTOMERS:
        raw = customer_with(**{field: value})
        yield pytest.param("customers", raw, id=f"customer.{field}={value!r}")
    without_id = {key: value for key, value in make_customer(1).items() if key != "id"}
    yield pytest.param("customers", without_id, id="customer without id")
    for field, value in ODD_PLANS:
        raw = product_with(rich_plan() | {field: value})
        yield pytest.param("products", raw, id=f"plan.{field}={value!r}")


@pytest.mark.parametrize(("resource", "raw"), list(odd_items()))
def test_odd_shapes_end_as_they_end_with_the_stock_models(
    stock_models: ModuleType, resource: str, raw: dict[str, Any]
) -> None:
    fast_model: Any = Customer if resource == "customers" else Product
    stock_model = stock_models.Customer if resource == "customers" else stock_models.Product
    expected = strict_outcome(stock_model, raw)
    assert outcome(fast_model.from_dict, raw) == expected
    assert page_outcome(resource, page_body(resource, raw)) == (
        ("raised", "InvalidItemError") if expected[0] == "raised" else ["list", expected]
    )


def page_outcome(resource: str, body: bytes) -> Any:
    """The items parse_page hands out (as shapes), or the kind of error it raises."""
    try:
        return ["list", *map(shape, typed_items(resource, body))]
    except UnexpectedResponseError as exc:
        return ("raised", type(exc).__name__)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["active", "archived", "volume", "licensed", "2026-01-05T10:00:00Z"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def field_paths(item: dict[str, Any], *prefix: str) -> list[tuple[str, ...]]:
    """Where a value can go: each field, and each field of a nested object or first item."""
    paths: list[tuple[str, ...]] = []
    for key, value in item.items():
        paths.append((*prefix, key))
        if isinstance(value, dict):
            paths += [(*prefix, key, inner) for inner in value]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            paths += [(*prefix, key, "0", inner) for inner in value[0]]
    return paths


def replaced(item: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(item))
    target: Any = result
    for step in path[:-1]:
        target = target[int(step)] if isinstance(target, list) else target[step]
    target[path[-1]] = value
    return result


CUSTOMER = customer_with(contacts=[{"id": "con_1", "name": "A", "created": "2026-01-05T10:00:00Z"}])
PRODUCT = product_with(rich_plan())
PATHS = {
    "customers": field_paths(CUSTOMER),
    "products": field_paths(PRODUCT) + field_paths(rich_plan(), "plans", "0"),
}


@settings(max_examples=400, deadline=None)
@given(
    data=st.data(),
    value=JSON_VALUES,
    resource=st.sampled_from(["customers", "products"]),
)
def test_any_value_in_any_field_ends_as_with_the_stock_models(
    stock_models: ModuleType, data: st.DataObject, value: Any, resource: str
) -> None:
    path = data.draw(st.sampled_from(PATHS[resource]))
    raw = replaced(CUSTOMER if resource == "customers" else PRODUCT, path, value)
    fast_model: Any = Customer if resource == "customers" else Product
    stock_model = stock_models.Customer if resource == "customers" else stock_models.Product
    expected = strict_outcome(stock_model, raw)
    assert outcome(fast_model.from_dict, raw) == expected
    # And through parse_page, which takes the wire path where it can.
    assert page_outcome(resource, page_body(resource, raw)) == (
        ("raised", "InvalidItemError") if expected[0] == "raised" else ["list", expected]
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data(), resource=st.sampled_from(["customers", "products"]))
def test_schema_valid_pages_give_the_same_items_by_every_way(
    data: st.DataObject, resource: str
) -> None:
    """Pages as the spec describes them, drawn by the fuzz module: what the wire path gives
    equals what msgspec dicts and the stdlib give."""
    endpoint: EndpointName = "customers" if resource == "customers" else "products"
    page = data.draw(plain_schema_valid_pages(endpoint))
    by_way = outcomes_by_way(resource, json.dumps(page).encode())
    assert by_way["wire"] == by_way["msgspec-dicts"] == by_way["stdlib"]


@settings(max_examples=150, deadline=None)
@given(page=broken_pages())
def test_broken_pages_end_alike_by_every_way(page: Any) -> None:
    """Pages with values deleted or of another type: the same items or the same error."""
    body = json.dumps(page).encode()
    for resource in ("customers", "products"):
        by_way = outcomes_by_way(resource, body)
        assert by_way["wire"] == by_way["msgspec-dicts"] == by_way["stdlib"]


def outcomes_by_way(resource: str, body: bytes) -> dict[str, Any]:
    """The items (as shapes) or the error message parse_page gives for `body`, by each way."""
    by_way: dict[str, Any] = {}
    for way, setup in WAYS.items():
        with pytest.MonkeyPatch.context() as patch:
            setup(patch)
            try:
                by_way[way] = [shape(item) for item in typed_items(resource, body)]
            except UnexpectedResponseError as exc:
                by_way[way] = ("raised", str(exc))
    return by_way
