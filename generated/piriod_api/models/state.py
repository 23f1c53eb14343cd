from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, InvalidValue, Unset, model_repr

T = TypeVar("T", bound="State")


@_attrs_define(repr=False)
class State:
    """A state, region or province. Current payloads have an integer `id` and `country`; older ones a string `id` (e.g.
    `USAZ`) and `code`. Both shapes parse. Assumed: the docs do not say which fields are always present; `required:
    [id]` is inferred (every item is identified by it), so an item without one is reported as invalid.

    """

    id: int | str
    """ Integer in current payloads, string in older ones. """
    name: str | Unset = UNSET
    country: None | str | Unset = UNSET
    """ Country id of the state. Assumed: the docs list this field but not whether it can be null; null is allowed
    so a null parses. """
    code: None | str | Unset = UNSET
    """ Short code (older payloads). Assumed: a field of the old docs only; null is allowed because current payloads
    lack it and its nullability was never documented. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        name = self.name

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if country is not UNSET:
            field_dict["country"] = country
        if code is not UNSET:
            field_dict["code"] = code

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
                "country",
                "code",
            ),
        )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if not (type(id) is int or isinstance(id, str)):
            raise InvalidValue.of(["id"], "integer or string", id)

        name = d.pop("name", UNSET)
        if not (isinstance(name, str) or name is UNSET):
            raise InvalidValue.of(["name"], "string", name)

        country = d.pop("country", UNSET)
        if not (isinstance(country, str) or country is None or country is UNSET):
            raise InvalidValue.of(["country"], "string or null", country)

        code = d.pop("code", UNSET)
        if not (isinstance(code, str) or code is None or code is UNSET):
            raise InvalidValue.of(["code"], "string or null", code)

        state = cls.__new__(cls)
        state.id = id
        state.name = name
        state.country = country
        state.code = code

        state.additional_properties = d
        return state

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes State JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "StateWire",
            [
                ("id", int | str),
                ("name", str, UNSET),
                ("country", str | None, UNSET),
                ("code", str | None, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> State:
        """The State `from_dict` makes of the JSON msgspec decoded as `wire`."""
        state = State.__new__(State)
        state.id = wire.id
        state.name = wire.name
        state.country = wire.country
        state.code = wire.code
        state.additional_properties = {}
        return state

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
