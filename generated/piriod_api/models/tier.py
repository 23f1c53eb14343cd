from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import DECIMAL, UNSET, InvalidValue, Unset, model_repr

T = TypeVar("T", bound="Tier")


@_attrs_define(repr=False)
class Tier:
    """One price band of a tiered plan."""

    quantity_from: int | None | Unset = UNSET
    """ First quantity of the band. Assumed: the docs do not promise a value; null is assumed possible, so a null
    parses (as None). """
    quantity_to: int | None | Unset = UNSET
    """ Last quantity of the band; null on the open-ended last band. Assumed: the docs do not say how the last,
    open-ended band is written; null is assumed (a band without an upper bound). """
    amount: float | None | str | Unset = UNSET
    """ The band's price. Assumed: the docs do not promise a value; null is assumed possible, so a null parses (as
    None). """
    amount_scheme: None | str | Unset = UNSET
    """ How `amount` applies (known value `flat`); an open string. Assumed: the docs list this field but not whether
    it can be null; null is allowed so a null parses. """
    unit_scheme: None | str | Unset = UNSET
    """ Which units the band prices (known value `all_units`); an open string. Assumed: the docs list this field but
    not whether it can be null; null is allowed so a null parses. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quantity_from: int | None | Unset
        if isinstance(self.quantity_from, Unset):
            quantity_from = UNSET
        else:
            quantity_from = self.quantity_from

        quantity_to: int | None | Unset
        if isinstance(self.quantity_to, Unset):
            quantity_to = UNSET
        else:
            quantity_to = self.quantity_to

        amount: float | None | str | Unset
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

    def to_json(self, *, indent: int | None = None) -> str:
        """The item as JSON text, as the API would send it: `to_dict()` through `json.dumps`
        (timestamps as ISO 8601 strings, enum members as their values, fields the API left
        out left out). `indent` pretty-prints, as in `json.dumps`."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return model_repr(
            self,
            (
                "quantity_from",
                "quantity_to",
                "amount",
                "amount_scheme",
                "unit_scheme",
            ),
        )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quantity_from = d.pop("quantity_from", UNSET)
        if not (
            type(quantity_from) is int
            or quantity_from is None
            or quantity_from is UNSET
        ):
            raise InvalidValue.of(["quantity_from"], "integer or null", quantity_from)

        quantity_to = d.pop("quantity_to", UNSET)
        if not (
            type(quantity_to) is int or quantity_to is None or quantity_to is UNSET
        ):
            raise InvalidValue.of(["quantity_to"], "integer or null", quantity_to)

        amount = d.pop("amount", UNSET)
        if isinstance(amount, str):
            if DECIMAL.fullmatch(amount) is None:
                raise InvalidValue(
                    ["amount"],
                    "number or decimal string or null",
                    "string (not a decimal)",
                )
        elif not (
            (type(amount) is int or (type(amount) is float and math.isfinite(amount)))
            or amount is None
            or amount is UNSET
        ):
            raise InvalidValue.of(
                ["amount"], "number or decimal string or null", amount
            )

        amount_scheme = d.pop("amount_scheme", UNSET)
        if not (
            isinstance(amount_scheme, str)
            or amount_scheme is None
            or amount_scheme is UNSET
        ):
            raise InvalidValue.of(["amount_scheme"], "string or null", amount_scheme)

        unit_scheme = d.pop("unit_scheme", UNSET)
        if not (
            isinstance(unit_scheme, str) or unit_scheme is None or unit_scheme is UNSET
        ):
            raise InvalidValue.of(["unit_scheme"], "string or null", unit_scheme)

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
                ("quantity_from", int | None, UNSET),
                ("quantity_to", int | None, UNSET),
                ("amount", int | float | str | None, UNSET),
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
        value = wire.amount
        if type(value) is str and DECIMAL.fullmatch(value) is None:
            raise ValueError("not a decimal")  # from_dict names the mismatch
        tier.amount = value
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
