from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import DECIMAL, UNSET, InvalidValue, Unset, model_repr

T = TypeVar("T", bound="Country")


@_attrs_define(repr=False)
class Country:
    """A country. Current payloads carry `code` and `currencies`; older ones carry `name_en`, `phone_code` and
    `tax_percent` instead. Both shapes parse. Assumed: the docs do not say which fields are always present; `required:
    [id]` is inferred (every item is identified by it), so an item without one is reported as invalid.

    """

    id: str
    """ ISO 3166-1 alpha-2 code. """
    name: str | Unset = UNSET
    code: None | str | Unset = UNSET
    """ International phone prefix (not an ISO code). Assumed: the docs list this field but not whether it can be
    null; null is allowed so a null parses. """
    has_regulation: bool | Unset = UNSET
    """ Whether Piriod issues regulated tax documents in this country. """
    currencies: list[str] | Unset = UNSET
    """ ISO 4217 codes usable in this country. """
    name_en: None | str | Unset = UNSET
    """ English name (older payloads). Assumed: a field of the old docs only; null is allowed because current
    payloads lack it and its nullability was never documented. """
    phone_code: None | str | Unset = UNSET
    """ International phone prefix (older payloads). Assumed: a field of the old docs only; null is allowed because
    current payloads lack it and its nullability was never documented. """
    tax_percent: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). A number must be finite (no NaN or Infinity); a string must be a decimal as the pattern says,
    whole: any other string is a value of the wrong type, and the client reports it as such. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        has_regulation = self.has_regulation

        currencies: list[str] | Unset = UNSET
        if not isinstance(self.currencies, Unset):
            currencies = self.currencies

        name_en: None | str | Unset
        if isinstance(self.name_en, Unset):
            name_en = UNSET
        else:
            name_en = self.name_en

        phone_code: None | str | Unset
        if isinstance(self.phone_code, Unset):
            phone_code = UNSET
        else:
            phone_code = self.phone_code

        tax_percent: float | str | Unset
        if isinstance(self.tax_percent, Unset):
            tax_percent = UNSET
        else:
            tax_percent = self.tax_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if code is not UNSET:
            field_dict["code"] = code
        if has_regulation is not UNSET:
            field_dict["has_regulation"] = has_regulation
        if currencies is not UNSET:
            field_dict["currencies"] = currencies
        if name_en is not UNSET:
            field_dict["name_en"] = name_en
        if phone_code is not UNSET:
            field_dict["phone_code"] = phone_code
        if tax_percent is not UNSET:
            field_dict["tax_percent"] = tax_percent

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
                "id",
                "name",
                "code",
                "has_regulation",
                "currencies",
                "name_en",
                "phone_code",
                "tax_percent",
            ),
        )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if not isinstance(id, str):
            raise InvalidValue.of(["id"], "string", id)

        name = d.pop("name", UNSET)
        if not (isinstance(name, str) or name is UNSET):
            raise InvalidValue.of(["name"], "string", name)

        code = d.pop("code", UNSET)
        if not (isinstance(code, str) or code is None or code is UNSET):
            raise InvalidValue.of(["code"], "string or null", code)

        has_regulation = d.pop("has_regulation", UNSET)
        if not (isinstance(has_regulation, bool) or has_regulation is UNSET):
            raise InvalidValue.of(["has_regulation"], "boolean", has_regulation)

        _currencies = d.pop("currencies", UNSET)
        currencies: list[str] | Unset
        if isinstance(_currencies, list):
            currencies_list: list[str] = []
            for currencies_data in _currencies:
                if not isinstance(currencies_data, str):
                    raise InvalidValue.of(
                        ["currencies", len(currencies_list)], "string", currencies_data
                    )
                currencies_list.append(currencies_data)
            currencies = currencies_list
        elif _currencies is UNSET:
            currencies = _currencies
        else:
            raise InvalidValue.of(["currencies"], "array", _currencies)

        name_en = d.pop("name_en", UNSET)
        if not (isinstance(name_en, str) or name_en is None or name_en is UNSET):
            raise InvalidValue.of(["name_en"], "string or null", name_en)

        phone_code = d.pop("phone_code", UNSET)
        if not (
            isinstance(phone_code, str) or phone_code is None or phone_code is UNSET
        ):
            raise InvalidValue.of(["phone_code"], "string or null", phone_code)

        tax_percent = d.pop("tax_percent", UNSET)
        if isinstance(tax_percent, str):
            if DECIMAL.fullmatch(tax_percent) is None:
                raise InvalidValue(
                    ["tax_percent"],
                    "number or decimal string",
                    "string (not a decimal)",
                )
        elif not (
            (
                type(tax_percent) is int
                or (type(tax_percent) is float and math.isfinite(tax_percent))
            )
            or tax_percent is UNSET
        ):
            raise InvalidValue.of(
                ["tax_percent"], "number or decimal string", tax_percent
            )

        country = cls.__new__(cls)
        country.id = id
        country.name = name
        country.code = code
        country.has_regulation = has_regulation
        country.currencies = currencies
        country.name_en = name_en
        country.phone_code = phone_code
        country.tax_percent = tax_percent

        country.additional_properties = d
        return country

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Country JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "CountryWire",
            [
                ("id", str),
                ("name", str, UNSET),
                ("code", str | None, UNSET),
                ("has_regulation", bool, UNSET),
                ("currencies", list[str], UNSET),
                ("name_en", str | None, UNSET),
                ("phone_code", str | None, UNSET),
                ("tax_percent", int | float | str, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Country:
        """The Country `from_dict` makes of the JSON msgspec decoded as `wire`."""
        country = Country.__new__(Country)
        country.id = wire.id
        country.name = wire.name
        country.code = wire.code
        country.has_regulation = wire.has_regulation
        country.currencies = wire.currencies
        country.name_en = wire.name_en
        country.phone_code = wire.phone_code
        value = wire.tax_percent
        if type(value) is str and DECIMAL.fullmatch(value) is None:
            raise ValueError("not a decimal")  # from_dict names the mismatch
        country.tax_percent = value
        country.additional_properties = {}
        return country

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
