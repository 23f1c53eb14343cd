from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Aggregations")


@_attrs_define
class Aggregations:
    """Money totals of a customer, in the customer's currency."""

    sales: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). """
    sales_current_period: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). """
    balance: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sales: float | str | Unset
        if isinstance(self.sales, Unset):
            sales = UNSET
        else:
            sales = self.sales

        sales_current_period: float | str | Unset
        if isinstance(self.sales_current_period, Unset):
            sales_current_period = UNSET
        else:
            sales_current_period = self.sales_current_period

        balance: float | str | Unset
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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sales: float | str | Unset = d.pop("sales", UNSET)

        sales_current_period: float | str | Unset = d.pop("sales_current_period", UNSET)

        balance: float | str | Unset = d.pop("balance", UNSET)

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
                ("sales", int | float | str, UNSET),
                ("sales_current_period", int | float | str, UNSET),
                ("balance", int | float | str, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Aggregations:
        """The Aggregations `from_dict` makes of the JSON msgspec decoded as `wire`."""
        aggregations = Aggregations.__new__(Aggregations)
        aggregations.sales = wire.sales
        aggregations.sales_current_period = wire.sales_current_period
        aggregations.balance = wire.balance
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
