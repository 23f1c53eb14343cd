"""The sandbox dataset: valid against the contract, deterministic, and as varied as real data."""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from piriod.sandbox import _data as data_module
from piriod.sandbox._data import (
    CustomerRecord,
    format_rut,
    is_valid_rut,
    iter_customers,
    iter_products,
    rut_check_digit,
)

from test_contract import validator_for

SEED = 2024
CUSTOMERS = 250  # the sandbox's default sizes
PRODUCTS = 40
MODES = pytest.mark.parametrize("test_mode", [False, True], ids=["live", "test_mode"])

Item = dict[str, Any]


@functools.cache
def customers(test_mode: bool, count: int = CUSTOMERS) -> tuple[CustomerRecord, ...]:
    return tuple(iter_customers(seed=SEED, count=count, test_mode=test_mode))


@functools.cache
def products(test_mode: bool, count: int = PRODUCTS) -> tuple[Item, ...]:
    return tuple(iter_products(seed=SEED, count=count, test_mode=test_mode))


def customer_data(test_mode: bool) -> list[Item]:
    return [record.data for record in customers(test_mode)]


def plans(items: tuple[Item, ...] | list[Item]) -> Iterator[Item]:
    for product in items:
        yield from product["plans"]


def contacts(items: list[Item]) -> Iterator[Item]:
    for customer in items:
        yield from customer["contacts"]


def instant(timestamp: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(timestamp)


# --- the contract ---------------------------------------------------------------------------


@MODES
def test_every_customer_matches_the_contract(spec: dict[str, Any], test_mode: bool) -> None:
    validator = validator_for(spec, "/components/schemas/Customer")
    customers = customer_data(test_mode)
    assert len(customers) > 100
    for customer in customers:
        validator.validate(customer)


@MODES
def test_every_product_matches_the_contract(spec: dict[str, Any], test_mode: bool) -> None:
    validator = validator_for(spec, "/components/schemas/Product")
    every_product = products(test_mode)
    assert len(every_product) == PRODUCTS
    for product in every_product:
        validator.validate(product)


@MODES
def test_records_are_plain_json(test_mode: bool) -> None:
    items = {"customers": customer_data(test_mode), "products": list(products(test_mode))}
    assert json.loads(json.dumps(items)) == items


# Where each enum of the spec shows up: from (customers, products), the values it takes.
ENUM_FIELDS: dict[str, Callable[[list[Item], list[Item]], Iterator[Any]]] = {
    "CustomerStatus": lambda cs, ps: (c["status"] for c in cs),
    "ProductStatus": lambda cs, ps: (p["status"] for p in ps),
    "PlanStatus": lambda cs, ps: (plan["status"] for plan in plans(ps)),
    "PlanUsageScheme": lambda cs, ps: (plan["usage_scheme"] for plan in plans(ps)),
    "PlanUsageAggregation": lambda cs, ps: (plan["usage_aggregation"] for plan in plans(ps)),
    "PlanTiersMode": lambda cs, ps: (plan["tiers_mode"] for plan in plans(ps)),
}


def test_every_enum_in_the_spec_is_checked(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert {name for name, schema in schemas.items() if "enum" in schema} == set(ENUM_FIELDS)


@MODES
@pytest.mark.parametrize("enum", sorted(ENUM_FIELDS))
def test_every_enum_value_appears_even_in_the_first_items(
    spec: dict[str, Any], enum: str, test_mode: bool
) -> None:
    expected = set(spec["components"]["schemas"][enum]["enum"])
    values = ENUM_FIELDS[enum]
    everything = customer_data(test_mode), list(products(test_mode))
    first = everything[0][:20], everything[1][:10]
    assert expected <= set(values(*everything))
    assert expected <= set(values(*first))


# --- RUTs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "digit"), [(76086428, "5"), (76354771, "K"), (99500410, "0"), (11111111, "1")]
)
def test_rut_check_digit_known_values(number: int, digit: str) -> None:
    assert rut_check_digit(number) == digit


def test_format_rut() -> None:
    assert format_rut(76086428) == "76.086.428-5"
    assert format_rut(5126663) == "5.126.663-3"


@pytest.mark.parametrize("rut", ["76.086.428-5", "76086428-5", "76354771-K", "76.354.771-k"])
def test_is_valid_rut_accepts_the_usual_spellings(rut: str) -> None:
    assert is_valid_rut(rut)


@pytest.mark.parametrize(
    "rut", ["76.086.428-4", "76354771-0", "76086428", "76.08.6428-5", "", "abc-5", "0-0"]
)
def test_is_valid_rut_rejects_wrong_digits_and_malformed_text(rut: str) -> None:
    assert not is_valid_rut(rut)


def test_rut_check_digit_rejects_non_positive_numbers() -> None:
    with pytest.raises(ValueError, match="positive"):
        rut_check_digit(0)


@MODES
def test_chilean_customers_have_valid_formatted_ruts(test_mode: bool) -> None:
    chileans = [c for c in customer_data(test_mode) if c["country"]["id"] == "CL"]
    assert chileans
    for customer in chileans:
        rut = customer["tax_id"]
        assert re.fullmatch(r"\d{1,2}\.\d{3}\.\d{3}-[0-9K]", rut), rut
        assert is_valid_rut(rut), rut
        assert 5_000_000 <= int(rut[:-2].replace(".", "")) < 79_000_000


# --- determinism ----------------------------------------------------------------------------


@MODES
def test_the_same_arguments_give_the_same_data(test_mode: bool) -> None:
    again = list(iter_customers(seed=SEED, count=CUSTOMERS, test_mode=test_mode))
    assert again == list(customers(test_mode))
    assert list(iter_products(seed=SEED, count=PRODUCTS, test_mode=test_mode)) == list(
        products(test_mode)
    )


@MODES
def test_the_first_items_do_not_depend_on_count(test_mode: bool) -> None:
    assert customers(test_mode, 1000)[:CUSTOMERS] == customers(test_mode)
    assert products(test_mode, 100)[:PRODUCTS] == products(test_mode)


def test_another_seed_gives_other_data() -> None:
    other = next(iter_customers(seed=SEED + 1, count=1, test_mode=False))
    assert other.data["id"] != customers(False)[0].data["id"]


# Loads the module by path: importing the piriod package would triple the subprocess's time.
_DIGEST = """
import hashlib, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("data", sys.argv[1])
data_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data_module)
data = [r.data for r in data_module.iter_customers(seed=7, count=60, test_mode=False)]
data += [r.subscriptions for r in data_module.iter_customers(seed=7, count=60, test_mode=True)]
data += list(data_module.iter_products(seed=7, count=15, test_mode=False))
sys.stdout.write(hashlib.sha256(json.dumps(data).encode()).hexdigest())
"""


def test_data_is_identical_across_processes_and_hash_seeds() -> None:
    def digest(hash_seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-c", _DIGEST, data_module.__file__],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return run.stdout

    first = digest("1")
    assert len(first) == 64
    assert first == digest("2")


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        next(iter_customers(seed=SEED, count=-1, test_mode=False))
    with pytest.raises(ValueError, match="negative"):
        next(iter_products(seed=SEED, count=-1, test_mode=False))


def test_iteration_is_lazy() -> None:
    # A billion items would never fit in memory; only the first is built.
    first = next(iter_customers(seed=SEED, count=10**9, test_mode=False))
    assert first == customers(False)[0]


# --- ids and test mode ----------------------------------------------------------------------


def all_ids(test_mode: bool) -> list[str]:
    records = customers(test_mode, 1000)
    items = [record.data for record in records]
    return [
        *(customer["id"] for customer in items),
        *(contact["id"] for contact in contacts(items)),
        *(source for customer in items for source in customer["sources"]),
        *(subscription for record in records for subscription in record.subscriptions),
        *(product["id"] for product in products(test_mode)),
        *(plan["id"] for plan in plans(products(test_mode))),
    ]


@MODES
def test_ids_are_unique_and_well_formed(test_mode: bool) -> None:
    ids = all_ids(test_mode)
    assert len(ids) == len(set(ids))
    for item_id in ids:
        assert re.fullmatch(r"(cus|con|src|sub|pro|pla)_[A-Z2-7]{14}", item_id), item_id


def test_live_and_test_mode_ids_never_meet() -> None:
    assert not set(all_ids(False)) & set(all_ids(True))


@MODES
def test_every_item_says_its_mode(test_mode: bool) -> None:
    assert {c["test_mode"] for c in customer_data(test_mode)} == {test_mode}
    assert {p["test_mode"] for p in products(test_mode)} == {test_mode}


# --- realism --------------------------------------------------------------------------------


@MODES
def test_the_odd_null_and_empty_string_are_there(test_mode: bool) -> None:
    items = customer_data(test_mode)

    def seen(field: str) -> list[Any]:
        return [customer[field] for customer in items]

    assert "" in seen("website")
    assert None in seen("website")
    assert "" in seen("phone")
    assert None in seen("phone")
    for field in ("zip_code", "manager", "reference", "state", "address"):
        assert None in seen(field), field
    assert any(c["metadata"] for c in items)
    assert any(not c["metadata"] for c in items)


ZULU = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
CHILEAN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}-0[34]:00")


@MODES
def test_both_timestamp_styles_appear_and_nothing_else(test_mode: bool) -> None:
    items = customer_data(test_mode)
    stamps = [c[f] for c in items for f in ("created", "updated")]
    stamps += [c[f] for c in contacts(items) for f in ("created", "updated")]
    stamps += [p[f] for p in products(test_mode) for f in ("created", "updated")]
    stamps += [p[f] for p in plans(products(test_mode)) for f in ("created", "updated")]
    styles = Counter(
        "Z" if ZULU.fullmatch(s) else "CL" if CHILEAN.fullmatch(s) else s for s in stamps
    )
    assert set(styles) == {"Z", "CL"}
    first_two = customer_data(test_mode)[:2]
    assert {ZULU.fullmatch(c["created"]) is None for c in first_two} == {True, False}


@MODES
def test_times_are_in_range_and_in_order(test_mode: bool) -> None:
    start = instant("2019-01-01T00:00:00Z")
    end = instant("2026-11-01T00:00:00Z")
    items = customer_data(test_mode)
    for customer in items:
        created = instant(customer["created"])
        assert start <= created <= instant(customer["updated"]) < end
        for contact in customer["contacts"]:
            assert created <= instant(contact["created"]) <= instant(contact["updated"])
    for product in products(test_mode):
        created = instant(product["created"])
        assert start <= created <= instant(product["updated"]) < end
        for plan in product["plans"]:
            assert created <= instant(plan["created"]) <= instant(plan["updated"])


@MODES
def test_contact_counts_span_zero_to_seven(test_mode: bool) -> None:
    counts = {len(c["contacts"]) for c in customer_data(test_mode)}
    assert counts == set(range(8))
    assert {len(c["contacts"]) for c in customer_data(test_mode)[:8]} == set(range(8))


@MODES
def test_contacts_and_links_belong_to_their_customer(test_mode: bool) -> None:
    for record in customers(test_mode):
        customer = record.data
        assert {contact["customer"] for contact in customer["contacts"]} <= {customer["id"]}
        assert len(customer["sources"]) <= 3
        assert len(record.subscriptions) <= 3
        assert all(source.startswith("src_") for source in customer["sources"])
        assert all(sub.startswith("sub_") for sub in record.subscriptions)
    assert any(record.subscriptions for record in customers(test_mode))


@MODES
def test_about_sixty_percent_of_customers_are_chilean(test_mode: bool) -> None:
    countries = Counter(c["country"]["id"] for c in customer_data(test_mode))
    assert 0.5 <= countries["CL"] / CUSTOMERS <= 0.7
    assert set(countries) == {"CL", "MX", "CO", "PE", "AR", "UY", "BR", "US"}


@MODES
def test_countries_and_currencies_are_consistent(test_mode: bool) -> None:
    for customer in customer_data(test_mode):
        country = customer["country"]
        assert country["has_regulation"] == (country["id"] == "CL")
        assert country["code"].startswith("+")
        assert customer["currency"] in country["currencies"]
        if customer["state"] is not None:
            assert customer["state"]["country"] == country["id"]
            assert isinstance(customer["state"]["id"], int)
        assert ("cl_activity_description" in customer["tax_settings"]) == (country["id"] == "CL")
    states = [c["state"] for c in customer_data(test_mode)]
    assert None in states
    assert any(state is not None for state in states)  # both branches above ran


@MODES
def test_money_has_the_currency_precision(test_mode: bool) -> None:
    for customer in customer_data(test_mode):
        amounts = customer["aggregations"].values()
        if customer["currency"] in {"CLP", "COP"}:
            assert all(isinstance(amount, int) for amount in amounts)
        else:
            assert all(round(amount, 2) == amount for amount in amounts)
    assert any(c["aggregations"]["balance"] < 0 for c in customer_data(test_mode))
    currencies = {c["currency"] for c in customer_data(test_mode)}
    assert currencies & {"CLP", "COP"}
    assert currencies - {"CLP", "COP"}  # both branches above ran


@MODES
def test_products_and_plans_are_consistent(test_mode: bool) -> None:
    for product in products(test_mode):
        assert (product["archived"] is None) == (product["status"] == "active")
        assert 1 <= len(product["plans"]) <= 4
        for plan in product["plans"]:
            assert plan["product"] == product["id"]
            assert (plan["archived"] is None) == (plan["status"] == "active")
            if product["status"] == "archived":
                assert plan["status"] == "archived"
            assert (plan["usage_aggregation"] is None) == (plan["usage_scheme"] == "licensed")
            assert (plan["tiers_mode"] is None) == (not plan["tiers"])
            if plan["tiers"]:
                assert 1 <= len(plan["tiers"]) <= 4
                assert plan["tiers"][-1]["quantity_to"] is None
                assert all(tier["quantity_to"] is not None for tier in plan["tiers"][:-1])
            if plan["currency"] == "CLP":
                assert isinstance(plan["amount"], int)
    every_plan = list(plans(products(test_mode)))
    assert any(p["status"] == "archived" for p in products(test_mode))
    assert any(plan["tiers"] for plan in every_plan)
    assert any(plan["currency"] == "CLP" for plan in every_plan)  # every branch above ran


def test_product_names_repeat_with_a_suffix_in_large_catalogues() -> None:
    names = [p["name"] for p in products(False, 100)]
    assert len(set(names)) == len(names)
    assert f"{names[0]} 2" in names


def test_large_datasets_reuse_entities_under_new_accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_module, "_ENTITIES", 5)
    first, *_, sixth = (r.data for r in iter_customers(seed=SEED, count=6, test_mode=False))
    for field in ("name", "address", "email", "tax_id"):
        assert sixth[field] == first[field]
    assert [c["name"] for c in sixth["contacts"]] == [c["name"] for c in first["contacts"]]
    assert sixth["id"] != first["id"]
    assert {c["id"] for c in sixth["contacts"]}.isdisjoint(c["id"] for c in first["contacts"])
    assert sixth["country"] == first["country"]
    assert sixth["country"] is not first["country"]
