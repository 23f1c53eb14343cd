"""Typed means typed: every value handed out fits its field's annotation.

A value the spec does not allow in its field (an `id` that is a number, a `name` that is an
object, "CL" where a country object goes, "yesterday" in a timestamp, NaN in money) raises
`InvalidItemError` naming the field and the JSON type found, never the value; or, with
`on_invalid="skip"`, the item is left out and listed in `page.skipped`. What the spec allows
(unknown enum values, unknown fields, any JSON in free objects, null where it is nullable)
parses. The wire path (msgspec Structs) and the dict path (msgspec dicts or the stdlib, then
`from_dict`) agree on every page.

The expectations come from openapi.yaml (through a small oracle checked against the spec's
own validator) and the annotations (through tests/annotations_check.py), never from the
generated code.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import httpx
import pytest
from annotations_check import annotation_violations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import oas31_format_checker
from test_parsing_speedups import WAYS

from piriod import (
    UNSET,
    Aggregations,
    Customer,
    InvalidItemError,
    Plan,
    Product,
    Tier,
    UnexpectedResponseError,
    _endpoints,
)
from piriod._config import Secret
from piriod._endpoints import CUSTOMERS, PRODUCTS, Endpoint, parse_page
from piriod_api.types import DECIMAL, InvalidValue

from conftest import FakeAPI, make_customer, make_product
from drivers import MODES, Driver, Mode
from fuzz_replies import broken_pages, resolve, schema_valid_pages
from test_contract import EXAMPLES, SPEC, validator_for

RESOURCES = ("customers", "products")
ITEM_SCHEMA = {"customers": "Customer", "products": "Product"}
ENDPOINT: dict[str, Endpoint[Any]] = {"customers": CUSTOMERS, "products": PRODUCTS}
PAGE_SIZE = 100

Path = tuple[str | int, ...]


def field_text(path: Path) -> str:
    """("contacts", 2, "email") as "contacts[2].email", as InvalidItemError.field has it."""
    text = ""
    for segment in path:
        text += f"[{segment}]" if isinstance(segment, int) else f".{segment}" if text else segment
    return text


def page_body(*items: object) -> bytes:
    page = {"count": len(items), "next": None, "previous": None, "results": list(items)}
    return json.dumps(page).encode()  # allow_nan: NaN and Infinity as Python's json writes them


def reply(resource: str, body: bytes) -> httpx.Response:
    request = httpx.Request("GET", f"https://api.piriod.test/{resource}/")
    return httpx.Response(200, content=body, request=request)


def parse(resource: str, body: bytes, **kwargs: Any) -> Any:
    return parse_page(
        ENDPOINT[resource], reply(resource, body), page=3, page_size=PAGE_SIZE, **kwargs
    )


# --- the oracle: what openapi.yaml says of one value ---------------------------------------

MISSING = object()  # the field deleted


def branches(schema: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The alternatives a schema allows, one JSON type each (None: any JSON)."""
    schema = resolve(schema)
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            return [branch for member in schema[keyword] for branch in branches(member)]
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return [{**schema, "type": kind} for kind in kinds]
    return [schema]


def child(schema: Mapping[str, Any], segment: str | int) -> Mapping[str, Any]:
    """The schema of `segment` (a property name or a list index) inside `schema`."""
    for branch in branches(schema):
        if isinstance(segment, int) and branch.get("type") == "array":
            items: Mapping[str, Any] = branch["items"]
            return items
        if isinstance(segment, str) and branch.get("type") == "object":
            properties: Mapping[str, Mapping[str, Any]] = branch.get("properties", {})
            return properties.get(segment, {})  # an extra field: any JSON
    raise AssertionError(f"no schema for {segment!r} in {schema}")


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number" if math.isfinite(value) else "non-finite number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def mismatch(  # noqa: PLR0911, PLR0912 (a rule of the spec a branch)
    schema: Mapping[str, Any], path: Path, value: object
) -> tuple[str, str] | None:
    """(field, found) InvalidItemError must name for `value` at `path`, whose schema is
    `schema`; None if the spec allows the value there."""
    kinds = {branch.get("type"): branch for branch in branches(schema)}
    found = json_type(value)
    if None in kinds:  # no type: any JSON, NaN included (it is kept as Python's json read it)
        return None
    if found == "non-finite number":
        return field_text(path), found
    if found == "integer" and "integer" not in kinds and "number" in kinds:
        return None
    if found not in kinds:
        return field_text(path), found
    branch = kinds[found]
    if found == "string" and branch.get("format") == "date-time":
        return field_text(path), "string (not a date-time)"
    if found == "string" and "pattern" in branch:
        # An ECMA 262 regex, as JSON Schema says: `$` is the very end (in Python it also
        # matches before a final newline, hence \Z).
        ecma = re.sub(r"\$$", r"\\Z", branch["pattern"])
        matches = re.search(ecma, str(value)) is not None
        return None if matches else (field_text(path), "string (not a decimal)")
    if found == "object":
        assert isinstance(value, dict)
        for name in branch.get("required", ()):
            if name not in value:
                return field_text((*path, name)), "missing"
        for name, entry in value.items():
            inner = mismatch(child(branch, name), (*path, name), entry)
            if inner is not None:
                return inner
    if found == "array":
        assert isinstance(value, list)
        for index, entry in enumerate(value):
            inner = mismatch(branch["items"], (*path, index), entry)
            if inner is not None:
                return inner
    return None


# --- single-field changes to the spec's example items ---------------------------------------

# One value of each JSON type, and the shapes the issue names: an object, a list holding a
# number (so a list field fails at its first item), NaN and Infinity.
CHANGES: tuple[object, ...] = (
    "CL",
    12345,
    1.5,
    True,
    None,
    {},
    [12345],
    [],
    float("nan"),
    float("inf"),
    MISSING,
)


class Case(NamedTuple):
    resource: str
    item: dict[str, Any]
    path: Path
    value: object
    expected: tuple[str, str] | None  # (field, found), or None: it parses

    def __str__(self) -> str:
        shown = "deleted" if self.value is MISSING else repr(self.value)
        return f"{self.item.get('id')}.{field_text(self.path)}={shown}"


def locations(value: object, path: Path = ()) -> Iterator[Path]:
    """The path to every value inside an item, nested ones included."""
    children: Iterator[tuple[str | int, object]]
    if isinstance(value, dict):
        children = iter(value.items())
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return
    for key, inner in children:
        yield (*path, key)
        yield from locations(inner, (*path, key))


def changed(item: dict[str, Any], path: Path, value: object) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(item))
    target: Any = result
    for segment in path[:-1]:
        target = target[segment]
    if value is MISSING:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result


def expectation(resource: str, item: dict[str, Any], path: Path, value: object) -> Any:
    parent: Mapping[str, Any] = {"$ref": f"#/components/schemas/{ITEM_SCHEMA[resource]}"}
    for segment in path[:-1]:
        parent = child(parent, segment)
    if value is MISSING:
        required = any(
            path[-1] in branch.get("required", ())
            for branch in branches(parent)
            if branch.get("type") == "object"
        )
        return (field_text(path), "missing") if required else None
    return mismatch(child(parent, path[-1]), path, value)


def single_field_cases() -> list[Case]:
    cases = []
    for example in EXAMPLES:
        if example.status != "200":
            continue
        resource = example.path.strip("/")
        for item in example.value["results"]:
            for path in locations(item):
                for value in CHANGES:
                    expected = expectation(resource, item, path, value)
                    cases.append(Case(resource, item, path, value, expected))
    return cases


CASES = single_field_cases()
ITEM_VALIDATORS = {
    resource: validator_for(SPEC, f"/components/schemas/{schema}").evolve(
        format_checker=oas31_format_checker
    )
    for resource, schema in ITEM_SCHEMA.items()
}


def test_the_cases_cover_every_field_of_the_examples() -> None:
    invalid = [case for case in CASES if case.expected is not None]
    assert len(CASES) > 2000
    assert len(invalid) > 1000
    fields = {(case.resource, field_text(case.path)) for case in invalid}
    assert ("customers", "contacts[0].email") in fields
    assert ("products", "plans[0].tiers[0].amount") in fields


def test_the_oracle_agrees_with_the_specs_validator() -> None:
    """The oracle says "parses" exactly when openapi.yaml's own validator accepts the item,
    NaN and Infinity aside (JSON has neither; jsonschema takes them for numbers)."""
    disagreements = []
    for case in CASES:
        item = changed(case.item, case.path, case.value)
        non_finite = isinstance(case.value, float) and not math.isfinite(case.value)
        valid = ITEM_VALIDATORS[case.resource].is_valid(item)
        if valid != (case.expected is None) and not non_finite:
            disagreements.append(str(case))
    assert disagreements == []


def outcome(resource: str, body: bytes) -> Any:
    """What parse_page makes of a page: the items' ids, or the error's fields."""
    try:
        page = parse(resource, body)
    except InvalidItemError as error:
        return ("invalid", error.index, error.item_id, error.field, error.found)
    violations = [problem for item in page.items for problem in annotation_violations(item)]
    return ("parsed", [item.id for item in page.items], len(violations))


@pytest.mark.parametrize("way", list(WAYS))
def test_every_single_field_change_parses_or_names_the_field_and_the_type_found(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of the spec's example items, with one value replaced (or deleted), behind a
    valid item: what the spec allows parses into well-typed items; anything else raises
    InvalidItemError for item 1, naming the field and the JSON type found."""
    WAYS[way](monkeypatch)
    wrong = []
    for case in CASES:
        first = make_customer(1) if case.resource == "customers" else make_product(1)
        item = changed(case.item, case.path, case.value)
        got = outcome(case.resource, page_body(first, item))
        if case.expected is None:
            expected: Any = ("parsed", [first["id"], item.get("id")], 0)
        else:
            item_id = item.get("id") if isinstance(item.get("id"), str) else None
            expected = ("invalid", 1, item_id, *case.expected)
        if got != expected:
            wrong.append(f"{case}: {got} instead of {expected}")
    assert wrong == []


def test_the_wire_path_refuses_every_page_with_a_mismatch() -> None:
    """So such a page goes by the dict path, which names the mismatch: the wire path never
    hands out an item the strict from_dict would refuse."""
    taken = [
        str(case)
        for case in CASES
        if case.expected is not None
        and _endpoints._parse_wire(
            ENDPOINT[case.resource].model, page_body(changed(case.item, case.path, case.value))
        )
        is not None
    ]
    assert taken == []


def test_every_way_gives_the_same_error_message() -> None:
    for case in CASES[::7]:
        body = page_body(make_customer(1), changed(case.item, case.path, case.value))
        messages = set()
        for setup in WAYS.values():
            with pytest.MonkeyPatch.context() as patch:
                setup(patch)
                try:
                    parse(case.resource, body)
                except InvalidItemError as error:
                    messages.add(str(error))
                else:
                    messages.add("parsed")
        assert len(messages) == 1, case


# --- what users see --------------------------------------------------------------------------


@pytest.mark.parametrize("way", list(WAYS))
def test_the_error_names_endpoint_page_item_field_and_type_never_the_value(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    WAYS[way](monkeypatch)
    secret_value = "s3cr3t-value-4471"
    bad = make_customer(2)
    bad["contacts"] = [
        {"id": "con_1", "email": "ana@example.cl"},
        {"id": "con_2", "email": "x@example.cl"},
        {"id": "con_3", "email": {"value": secret_value}},
    ]
    body = page_body(make_customer(1), bad)
    with pytest.raises(InvalidItemError) as caught:
        parse("customers", body)
    error = caught.value
    assert isinstance(error, UnexpectedResponseError)
    assert (error.index, error.item_id, error.field) == (1, "cus_000002", "contacts[2].email")
    assert (error.expected, error.found) == ("string or null", "object")
    assert (error.status_code, error.body) == (200, body)
    message = str(error)
    for part in ("GET /customers/", "page 3", "item 1", "'cus_000002'", "`contacts[2].email`"):
        assert part in message
    assert "found object" in message
    assert secret_value not in message
    assert secret_value not in repr(error)


def test_an_item_that_is_no_object_is_an_invalid_item() -> None:
    with pytest.raises(InvalidItemError) as caught:
        parse("customers", page_body(make_customer(1), make_customer(2), ["cus_3"]))
    error = caught.value
    assert (error.index, error.item_id, error.field, error.found) == (2, None, "", "array")
    assert "item 2 holds a value of the wrong type: the item itself should be object" in str(error)


def test_the_token_never_reaches_the_message_even_as_an_id() -> None:
    token = "sk_test_0123456789abcdef"
    item = {"id": f"cus_{token}", "name": 5}
    with pytest.raises(InvalidItemError) as caught:
        parse_page(
            CUSTOMERS,
            reply("customers", page_body(item)),
            page=1,
            page_size=PAGE_SIZE,
            secret=Secret(token),
        )
    assert token not in str(caught.value)
    assert caught.value.item_id == "cus_[redacted]"


@pytest.mark.parametrize("mode", MODES)
def test_a_list_id_stops_a_walk_with_invalid_item_error_not_a_type_error(mode: Mode) -> None:
    """It used to reach the walk's duplicate check, which hashes ids: a bare TypeError."""
    items = [make_customer(0), {**make_customer(1), "id": ["cus_1"]}]
    api = FakeAPI(2, make_item=lambda number: items[number])
    with pytest.raises(InvalidItemError) as caught:
        Driver(mode, api).items()
    assert (caught.value.index, caught.value.field, caught.value.found) == (1, "id", "array")
    assert caught.value.page == 1


# --- null where the docs promise nothing -----------------------------------------------------


@pytest.mark.parametrize("way", list(WAYS))
def test_null_parses_as_none_where_the_docs_promise_no_value(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    WAYS[way](monkeypatch)
    customer_item = {
        **make_customer(1),
        "contacts": None,
        "sources": None,
        "aggregations": None,
    }
    amounts_item = {
        **make_customer(2),
        "aggregations": {"sales": None, "sales_current_period": None, "balance": None},
    }
    customers = parse("customers", page_body(customer_item, amounts_item)).items
    first, second = customers
    assert (first.contacts, first.sources, first.aggregations) == (None, None, None)
    assert isinstance(second.aggregations, Aggregations)
    amounts = second.aggregations
    assert (amounts.sales, amounts.sales_current_period, amounts.balance) == (None, None, None)

    tier = {"quantity_from": None, "quantity_to": None, "amount": None}
    flat = {"id": "pla_1", "tiers": None}
    tiered = {"id": "pla_2", "tiers": [tier]}
    products = [{**make_product(1), "plans": None}, {**make_product(2), "plans": [flat, tiered]}]
    without_plans, with_plans = parse("products", page_body(*products)).items
    assert without_plans.plans is None
    assert isinstance(with_plans.plans, list)
    flat_plan, tiered_plan = with_plans.plans
    assert isinstance(flat_plan, Plan)
    assert flat_plan.tiers is None
    assert isinstance(tiered_plan.tiers, list)
    (band,) = tiered_plan.tiers
    assert isinstance(band, Tier)
    assert (band.quantity_from, band.quantity_to, band.amount) == (None, None, None)
    for item in [*customers, without_plans, with_plans]:
        assert annotation_violations(item) == []


def test_null_stays_a_mismatch_where_the_spec_does_not_allow_it() -> None:
    for field in ("id", "name", "status", "send_invoices", "created"):
        with pytest.raises(InvalidItemError) as caught:
            parse("customers", page_body({**make_customer(1), field: None}))
        assert (caught.value.field, caught.value.found) == (field, "null")


def test_an_amount_string_must_be_a_decimal_as_the_spec_pattern_says() -> None:
    """The generated check and openapi.yaml's `Amount` pattern are one and the same."""
    amount = resolve({"$ref": "#/components/schemas/Amount"})
    (string_branch,) = [branch for branch in amount["anyOf"] if branch["type"] == "string"]
    assert string_branch["pattern"] == f"^{DECIMAL.pattern}$"
    good = {**make_customer(1), "aggregations": {"sales": "-3757.00", "balance": "12"}}
    (customer,) = parse("customers", page_body(good)).items
    assert isinstance(customer.aggregations, Aggregations)
    assert (customer.aggregations.sales, customer.aggregations.balance) == ("-3757.00", "12")
    for text in ("3,757.00", "1e3", "", " 12", "12\n", "NaN", "١٢"):
        bad = {**make_customer(1), "aggregations": {"balance": text}}
        with pytest.raises(InvalidItemError) as caught:
            parse("customers", page_body(bad))
        assert (caught.value.field, caught.value.found) == (
            "aggregations.balance",
            "string (not a decimal)",
        )


def test_integers_stay_ints_and_booleans_are_no_numbers() -> None:
    item = {**make_customer(1), "aggregations": {"sales": 10, "balance": 2.5}}
    (customer,) = parse("customers", page_body(item)).items
    assert isinstance(customer.aggregations, Aggregations)
    assert type(customer.aggregations.sales) is int
    for field, value, found in [
        ("sales", True, "boolean"),
        ("balance", float("-inf"), "non-finite number"),
    ]:
        bad = {**make_customer(1), "aggregations": {field: value}}
        with pytest.raises(InvalidItemError) as caught:
            parse("customers", page_body(bad))
        assert (caught.value.field, caught.value.found) == (f"aggregations.{field}", found)
    bad_state = {**make_customer(1), "state": {"id": 13.0}}
    with pytest.raises(InvalidItemError) as caught:
        parse("customers", page_body(bad_state))
    assert (caught.value.field, caught.value.found) == ("state.id", "number")


def test_what_the_spec_allows_still_parses_unknown_enum_values_and_fields_free_objects() -> None:
    item = {
        **make_customer(1),
        "status": "suspended",
        "loyalty_tier": {"level": [1, None]},
        "metadata": {"crm": {"ids": [1, 2.5, None, True]}, "n": float("nan")},
        "tax_settings": {"anything": ["goes"]},
    }
    (customer,) = parse("customers", page_body(item)).items
    assert customer.status == "suspended"
    assert customer["loyalty_tier"] == {"level": [1, None]}
    assert customer.metadata is not None
    assert not isinstance(customer.metadata, type(UNSET))
    assert customer.metadata["crm"] == {"ids": [1, 2.5, None, True]}
    assert math.isnan(customer.metadata["n"])
    assert annotation_violations(customer) == []


# --- on_invalid="skip" -----------------------------------------------------------------------


@pytest.mark.parametrize("way", list(WAYS))
def test_skip_leaves_bad_items_out_and_lists_them_in_page_skipped(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    WAYS[way](monkeypatch)
    contacts = [{"id": "con_1"}, {"id": "con_2", "email": 5}]
    items = [
        make_customer(0),
        {**make_customer(1), "id": 12345},
        make_customer(2),
        {**make_customer(3), "contacts": contacts},
        "cus_4",
        {**make_customer(5), "country": "CL"},
        make_customer(6),
    ]
    body = page_body(*items)
    page = parse("customers", body, on_invalid="skip")
    assert [customer.id for customer in page.items] == ["cus_000000", "cus_000002", "cus_000006"]
    assert [(e.index, e.item_id, e.field, e.found) for e in page.skipped] == [
        (1, None, "id", "integer"),
        (3, "cus_000003", "contacts[1].email", "integer"),
        (4, None, "", "string"),
        (5, "cus_000005", "country", "string"),
    ]
    assert all(isinstance(error, InvalidItemError) for error in page.skipped)
    assert {error.body for error in page.skipped} == {body}
    assert page.count == len(items)

    with pytest.raises(InvalidItemError) as caught:  # the default raises at the first
        parse("customers", body)
    assert (caught.value.index, caught.value.field) == (1, "id")


def test_skip_on_a_clean_page_skips_nothing() -> None:
    page = parse("customers", page_body(make_customer(1), make_customer(2)), on_invalid="skip")
    assert [customer.id for customer in page.items] == ["cus_000001", "cus_000002"]
    assert page.skipped == ()


def test_invalid_value_says_where_and_what_and_survives_nesting() -> None:
    item = {**make_customer(1), "contacts": [{"id": "con_1", "created": "yesterday"}]}
    with pytest.raises(InvalidValue) as caught:
        Customer.from_dict(item)
    error = caught.value
    assert (error.path, error.field) == (["contacts", 0, "created"], "contacts[0].created")
    assert (error.expected, error.found) == ("date-time string", "string (not a date-time)")
    assert str(error) == (
        "contacts[0].created: expected date-time string, found string (not a date-time)"
    )
    with pytest.raises(InvalidValue) as caught:
        Product.from_dict({"id": "pro_1", "name": "P", "plans": [{"id": "p", "tiers": [{}, 7]}]})
    assert caught.value.field == "plans[0].tiers[1]"
    assert (caught.value.expected, caught.value.found) == ("object", "integer")
    with pytest.raises(InvalidValue) as caught:
        Customer.from_dict({"name": "no id"})
    assert (caught.value.field, caught.value.found) == ("id", "missing")


# --- the property: whatever the page, what is handed out is typed ----------------------------


def outcomes_by_way(resource: str, body: bytes) -> dict[str, Any]:
    by_way: dict[str, Any] = {}
    for way, setup in WAYS.items():
        with pytest.MonkeyPatch.context() as patch:
            setup(patch)
            try:
                page = parse(resource, body, on_invalid="skip")
            except InvalidItemError:  # never with on_invalid="skip"
                raise
            except UnexpectedResponseError as error:  # the page itself is broken
                by_way[way] = ("raised", str(error))
                continue
            violations = [v for item in page.items for v in annotation_violations(item)]
            assert violations == [], f"{way}: {violations}"
            skipped = [(e.index, e.item_id, e.field, e.expected, e.found) for e in page.skipped]
            by_way[way] = ([item.to_dict() for item in page.items], skipped)
    return by_way


PROPERTY = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(page=broken_pages())
def test_broken_pages_hand_out_only_typed_items_alike_by_every_way(page: object) -> None:
    body = json.dumps(page).encode()
    for resource in RESOURCES:
        by_way = outcomes_by_way(resource, body)
        assert by_way["wire"] == by_way["msgspec-dicts"] == by_way["stdlib"]


@PROPERTY
@given(data=st.data(), resource=st.sampled_from(RESOURCES))
def test_schema_valid_pages_parse_into_typed_items_with_nothing_skipped(
    data: st.DataObject, resource: str
) -> None:
    page = data.draw(schema_valid_pages("customers" if resource == "customers" else "products"))
    by_way = outcomes_by_way(resource, json.dumps(page).encode())
    assert by_way["wire"] == by_way["msgspec-dicts"] == by_way["stdlib"]
    items, skipped = by_way["wire"]
    assert (len(items), skipped) == (len(page["results"]), [])


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize(
    "text", ["2026-01-05", "2026-01-05T10:00:00", "2026-01-05T10:00:00.123456"]
)
def test_a_timestamp_without_an_offset_is_refused_not_handed_out_naive(
    way: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A naive datetime among aware ones would raise TypeError in the user's comparisons."""
    WAYS[way](monkeypatch)
    for resource, item, path in [
        ("customers", {**make_customer(1), "created": text}, "created"),
        (
            "customers",
            {**make_customer(1), "contacts": [{"id": "con_1", "updated": text}]},
            "contacts[0].updated",
        ),
        ("products", {**make_product(1), "archived": text}, "archived"),
    ]:
        with pytest.raises(InvalidItemError) as caught:
            parse(resource, page_body(item))
        assert (caught.value.field, caught.value.found) == (path, "string (not a date-time)")


@pytest.mark.parametrize("way", list(WAYS))
def test_timestamps_with_an_offset_are_aware(way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    WAYS[way](monkeypatch)
    item = {**make_customer(1), "created": "2026-01-05T10:00:00Z"}
    item["updated"] = "2026-01-05T10:00:00.123456-03:00"
    (customer,) = parse("customers", page_body(item)).items
    assert customer.created == datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)
    assert customer.updated.utcoffset() == datetime.timedelta(hours=-3)
