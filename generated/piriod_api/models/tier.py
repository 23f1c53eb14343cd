from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Tier")


@_attrs_define
class Tier:
    """One price band of a tiered plan."""

    quantity_from: int | Unset = UNSET
    """ First quantity of the band. """
    quantity_to: int | None | Unset = UNSET
    """ Last quantity of the band; null on the open-ended last band. """
    amount: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). """
    amount_scheme: None | str | Unset = UNSET
    """ How `amount` applies (known value `flat`); an open string. """
    unit_scheme: None | str | Unset = UNSET
    """ Which units the band prices (known value `all_units`); an open string. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quantity_from = self.quantity_from

        quantity_to: int | None | Unset
        if isinstance(self.quantity_to, Unset):
            quantity_to = UNSET
        else:
            quantity_to = self.quantity_to

        amount: float | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        amount_scheme: None | str | Unset
        if isinstance(self.amount_scheme, Unset):
            amount_scheme = UNSET
        else:
            amount_scheme = self.amount_scheme

        unit_scheme: None | str | Unset
        if isinstance(self.unit_scheme, Unset):
            unit_scheme = UNSET
        else:
            unit_scheme = self.unit_scheme

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if quantity_from is not UNSET:
            field_dict["quantity_from"] = quantity_from
        if quantity_to is not UNSET:
            field_dict["quantity_to"] = quantity_to
        if amount is not UNSET:
            field_dict["amount"] = amount
        if amount_scheme is not UNSET:
            field_dict["amount_scheme"] = amount_scheme
        if unit_scheme is not UNSET:
            field_dict["unit_scheme"] = unit_scheme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quantity_from = d.pop("quantity_from", UNSET)

        quantity_to: int | None | Unset = d.pop("quantity_to", UNSET)

        amount: float | str | Unset = d.pop("amount", UNSET)

        amount_scheme: None | str | Unset = d.pop("amount_scheme", UNSET)

        unit_scheme: None | str | Unset = d.pop("unit_scheme", UNSET)

        tier = cls.__new__(cls)
        tier.quantity_from = quantity_from
        tier.quantity_to = quantity_to
        tier.amount = amount
        tier.amount_scheme = amount_scheme
        tier.unit_scheme = unit_scheme

        tier.additional_properties = d
        return tier

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Tier JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "TierWire",
            [
                ("quantity_from", int, UNSET),
                ("quantity_to", int | None, UNSET),
                ("amount", int | float | str, UNSET),
                ("amount_scheme", str | None, UNSET),
                ("unit_scheme", str | None, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Tier:
        """The Tier `from_dict` makes of the JSON msgspec decoded as `wire`."""
        tier = Tier.__new__(Tier)
        tier.quantity_from = wire.quantity_from
        tier.quantity_to = wire.quantity_to
        tier.amount = wire.amount
        tier.amount_scheme = wire.amount_scheme
        tier.unit_scheme = wire.unit_scheme
        tier.additional_properties = {}
        return tier

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
