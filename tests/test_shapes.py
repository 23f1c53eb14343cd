"""The shapes piriod-api.md says the client must survive: old and new payloads, odd values,
enum values and fields the spec does not know yet. Each parses through the whole client and
is valid under openapi.yaml (so the spec says the truth about what the API may send)."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from piriod import (
    UNSET,
    Country,
    Customer,
    CustomerStatus,
    Plan,
    PlanTiersMode,
    PlanUsageScheme,
    Product,
)

from conftest import FakeAPI, make_customer, make_product
from drivers import MODES, Driver, Mode
from test_contract import validator_for

UTC = datetime.UTC
CHILE_WINTER = datetime.timezone(datetime.timedelta(hours=-3))


def customer_with(**changes: Any) -> dict[str, Any]:
    return {**make_customer(0), **changes}


def plan(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "pla_1",
        "product": "pro_000000",
        "name": "Mensual",
        "description": None,
        "frequency": "monthly",
        "currency": "CLP",
        "amount": 29990,
        "sku": None,
        "exempt": False,
        "usage_scheme": "licensed",
        "usage_aggregation": None,
        "tiers_mode": None,
        "tiers": [],
        "unit_label": None,
        "status": "active",
        "archived": None,
        "created": "2026-01-05T10:00:00Z",
        "updated": "2026-01-05T10:00:00Z",
    }
    return {**base, **changes}


def product_with(*plans: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**make_product(0), "plans": list(plans), **changes}


def served(mode: Mode, item: dict[str, Any], resource: str = "customers") -> Any:
    """The item as the client hands it out after a round trip through a fake API."""
    api = FakeAPI(1, make_item=lambda _: item)
    (parsed,) = Driver(mode, api).items(resource)
    return parsed


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> Mode:
    result: Mode = request.param
    return result


def assert_valid(spec: dict[str, Any], schema: str, item: dict[str, Any]) -> None:
    validator_for(spec, f"/components/schemas/{schema}").validate(item)


def test_timestamps_with_z_and_with_microseconds_and_offset(
    mode: Mode, spec: dict[str, Any]
) -> None:
    item = customer_with(created="2024-03-14T12:30:00Z", updated="2020-10-15T13:26:15.356289-03:00")
    assert_valid(spec, "Customer", item)
    customer = served(mode, item)
    assert customer.created == datetime.datetime(2024, 3, 14, 12, 30, tzinfo=UTC)
    assert customer.updated == datetime.datetime(
        2020, 10, 15, 13, 26, 15, 356289, tzinfo=CHILE_WINTER
    )


def test_money_as_numbers_with_decimals_and_as_strings(mode: Mode, spec: dict[str, Any]) -> None:
    numbers = customer_with(
        aggregations={"sales": 3757.00, "sales_current_period": 0, "balance": -15000}
    )
    strings = customer_with(
        aggregations={"sales": "3757.00", "sales_current_period": "0.00", "balance": "-1.5"}
    )
    for item in (numbers, strings):
        assert_valid(spec, "Customer", item)
    assert served(mode, numbers).aggregations.sales == 3757.0
    assert served(mode, strings).aggregations.sales == "3757.00"
    assert served(mode, product_with(plan(amount="29990.00")), "products").plans[0].amount == (
        "29990.00"
    )


def test_state_id_as_integer_and_as_string(mode: Mode, spec: dict[str, Any]) -> None:
    new = customer_with(state={"id": 123, "name": "Región Metropolitana", "country": "CL"})
    old = customer_with(state={"id": "USAZ", "code": "AZ", "name": "Arizona"})
    for item in (new, old):
        assert_valid(spec, "Customer", item)
    assert served(mode, new).state.id == 123
    old_state = served(mode, old).state
    assert (old_state.id, old_state.code, old_state.country) == ("USAZ", "AZ", UNSET)


def test_country_with_code_or_with_phone_code(mode: Mode, spec: dict[str, Any]) -> None:
    old = customer_with(
        country={
            "id": "CL",
            "name": "Chile",
            "name_en": "Chile",
            "phone_code": "+56",
            "has_regulation": True,
            "tax_percent": "19.00",
        }
    )
    assert_valid(spec, "Customer", old)
    country = served(mode, old).country
    assert (country.phone_code, country.code, country.tax_percent) == ("+56", UNSET, "19.00")
    assert served(mode, make_customer(0)).country.code == "+56"


def test_empty_strings_and_nulls_stay_as_sent(mode: Mode, spec: dict[str, Any]) -> None:
    item = customer_with(website="", phone="", zip_code=None, state=None, metadata=None)
    assert_valid(spec, "Customer", item)
    customer = served(mode, item)
    assert (customer.website, customer.phone, customer.zip_code) == ("", "", None)
    assert customer.state is None
    assert customer.metadata is None


def test_unknown_enum_values_are_kept_as_strings(mode: Mode, spec: dict[str, Any]) -> None:
    item = customer_with(status="suspended")
    assert_valid(spec, "Customer", item)
    assert served(mode, item).status == "suspended"
    assert served(mode, customer_with(status="active")).status is CustomerStatus.ACTIVE

    product = product_with(
        plan(tiers_mode="tiered_overage", usage_scheme="prepaid", status="paused"),
        plan(tiers_mode="graduated", usage_scheme="metered", usage_aggregation="sum"),
        status="retired",
    )
    assert_valid(spec, "Product", product)
    parsed: Product = served(mode, product, "products")
    assert isinstance(parsed.plans, list)
    first: Plan = parsed.plans[0]
    assert parsed.status == "retired"
    assert (first.tiers_mode, first.usage_scheme, first.status) == (
        "tiered_overage",
        "prepaid",
        "paused",
    )
    assert parsed.plans[1].tiers_mode is PlanTiersMode.GRADUATED
    assert parsed.plans[1].usage_scheme is PlanUsageScheme.METERED


def test_deprecated_tier_modes_parse(mode: Mode) -> None:
    product = product_with(plan(tiers_mode="unit"), plan(tiers_mode="range"))
    parsed = served(mode, product, "products")
    assert [p.tiers_mode for p in parsed.plans] == [PlanTiersMode.UNIT, PlanTiersMode.RANGE]


def test_unknown_fields_stay_reachable(mode: Mode, spec: dict[str, Any]) -> None:
    item = customer_with(
        loyalty_tier="gold",
        contacts=[{"id": "con_1", "name": "Ana", "preferred_language": "es"}],
        country={"id": "CL", "name": "Chile", "iso3": "CHL"},
    )
    assert_valid(spec, "Customer", item)
    customer: Customer = served(mode, item)
    assert customer["loyalty_tier"] == "gold"
    assert customer.additional_properties == {"loyalty_tier": "gold"}
    assert isinstance(customer.contacts, list)
    assert customer.contacts[0]["preferred_language"] == "es"
    assert isinstance(customer.country, Country)
    assert customer.country["iso3"] == "CHL"
    assert customer.to_dict()["loyalty_tier"] == "gold"


def test_tiers_with_an_open_ended_last_band(mode: Mode) -> None:
    tiers = [
        {"quantity_from": 1, "quantity_to": 1000, "amount": 12, "amount_scheme": "flat"},
        {"quantity_from": 1001, "quantity_to": None, "amount": "9.50", "unit_scheme": "per_unit"},
    ]
    parsed = served(mode, product_with(plan(tiers=tiers, tiers_mode="volume")), "products")
    assert parsed.plans[0].tiers[1].quantity_to is None
    assert parsed.plans[0].tiers[1].unit_scheme == "per_unit"


def test_a_minimal_item_parses(mode: Mode) -> None:
    customer = served(mode, {"id": "cus_1", "name": "Solo nombre"})
    assert (customer.id, customer.name, customer.email) == ("cus_1", "Solo nombre", UNSET)


def test_a_page_response_from_the_docs_seed_parses(mode: Mode) -> None:
    """The placeholder-filled sample of the docs page: strings where values would be."""
    seed_item = customer_with(
        country={
            "id": "CL",
            "name": "Chile",
            "code": "+56",
            "has_regulation": True,
            "currencies": ["CLP"],
        },
        state={"id": 123, "name": "<string>", "country": "CL"},
        id="cus_01H8XYZ123ABC",
        website="<string>",
        sources=["<string>"],
        aggregations={"sales": 123, "sales_current_period": 123, "balance": 123},
        created="2023-11-07T05:31:56Z",
    )
    api = FakeAPI(
        1,
        script={
            1: httpx.Response(
                200, json={"count": 1, "results": [seed_item], "next": None, "previous": None}
            )
        },
    )
    (customer,) = Driver(mode, api).items()
    assert customer.id == "cus_01H8XYZ123ABC"
