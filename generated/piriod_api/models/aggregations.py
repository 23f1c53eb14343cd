from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import DECIMAL, UNSET, InvalidValue, Unset, model_repr

T = TypeVar("T", bound="Aggregations")


@_attrs_define(repr=False)
class Aggregations:
    """Money totals of a customer, in the customer's currency."""

    sales: float | None | str | Unset = UNSET
    """ Total sales. Assumed: the docs show an amount but do not promise one; null is assumed possible, so a null
    parses (as None). """
    sales_current_period: float | None | str | Unset = UNSET
    """ Sales of the current period. Assumed: the docs show an amount but do not promise one; null is assumed
    possible, so a null parses (as None). """
    balance: float | None | str | Unset = UNSET
    """ Amount owed. Assumed: the docs show an amount but do not promise one; null is assumed possible, so a null
    parses (as None). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sales: float | None | str | Unset
        if isinstance(self.sales, Unset):
            sales = UNSET
        else:
            sales = self.sales

        sales_current_period: float | None | str | Unset
        if isinstance(self.sales_current_period, Unset):
            sales_current_period = UNSET
        else:
            sales_current_period = self.sales_current_period

        balance: float | None | str | Unset
        if isinstance(self.balance, Unset):
            balance = UNSET
        else:
            balance = self.balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sales is not UNSET:
            field_dict["sales"] = sales
        if sales_current_period is not UNSET:
            field_dict["sales_current_period"] = sales_current_period
        if balance is not UNSET:
            field_dict["balance"] = balance

        return field_dict

    def to_json(self, *, indent: int | None = None) -> str:
        """The item as JSON text, as the API would send it: `to_dict()` through `json.dumps`
        (timestamps as ISO 8601 strings, enum members as their values, fields the API left
        out left out). `indent` pretty-prints, as in `json.dumps`."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return model_repr(
            self,
            (
                "sales",
                "sales_current_period",
                "balance",
            ),
        )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sales = d.pop("sales", UNSET)
        if isinstance(sales, str):
            if DECIMAL.fullmatch(sales) is None:
                raise InvalidValue(
                    ["sales"],
                    "number or decimal string or null",
                    "string (not a decimal)",
                )
        elif not (
            (type(sales) is int or (type(sales) is float and math.isfinite(sales)))
            or sales is None
            or sales is UNSET
        ):
            raise InvalidValue.of(["sales"], "number or decimal string or null", sales)

        sales_current_period = d.pop("sales_current_period", UNSET)
        if isinstance(sales_current_period, str):
            if DECIMAL.fullmatch(sales_current_period) is None:
                raise InvalidValue(
                    ["sales_current_period"],
                    "number or decimal string or null",
                    "string (not a decimal)",
                )
        elif not (
            (
                type(sales_current_period) is int
                or (
                    type(sales_current_period) is float
                    and math.isfinite(sales_current_period)
                )
            )
            or sales_current_period is None
            or sales_current_period is UNSET
        ):
            raise InvalidValue.of(
                ["sales_current_period"],
                "number or decimal string or null",
                sales_current_period,
            )

        balance = d.pop("balance", UNSET)
        if isinstance(balance, str):
            if DECIMAL.fullmatch(balance) is None:
                raise InvalidValue(
                    ["balance"],
                    "number or decimal string or null",
                    "string (not a decimal)",
                )
        elif not (
            (
                type(balance) is int
                or (type(balance) is float and math.isfinite(balance))
            )
            or balance is None
            or balance is UNSET
        ):
            raise InvalidValue.of(
                ["balance"], "number or decimal string or null", balance
            )

        aggregations = cls.__new__(cls)
        aggregations.sales = sales
        aggregations.sales_current_period = sales_current_period
        aggregations.balance = balance

        aggregations.additional_properties = d
        return aggregations

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Aggregations JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "AggregationsWire",
            [
                ("sales", int | float | str | None, UNSET),
                ("sales_current_period", int | float | str | None, UNSET),
                ("balance", int | float | str | None, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Aggregations:
        """The Aggregations `from_dict` makes of the JSON msgspec decoded as `wire`."""
        aggregations = Aggregations.__new__(Aggregations)
        value = wire.sales
        if type(value) is str and DECIMAL.fullmatch(value) is None:
            raise ValueError("not a decimal")  # from_dict names the mismatch
        aggregations.sales = value
        value = wire.sales_current_period
        if type(value) is str and DECIMAL.fullmatch(value) is None:
            raise ValueError("not a decimal")  # from_dict names the mismatch
        aggregations.sales_current_period = value
        value = wire.balance
        if type(value) is str and DECIMAL.fullmatch(value) is None:
            raise ValueError("not a decimal")  # from_dict names the mismatch
        aggregations.balance = value
        aggregations.additional_properties = {}
        return aggregations

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
