from __future__ import annotations

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
