from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, InvalidValue, Unset, model_repr

T = TypeVar("T", bound="ValidationError")


@_attrs_define(repr=False)
class ValidationError:
    """The body of a 400: each invalid field maps to a list of messages; errors about the request as a whole are under
    `non_field_errors`. Older payloads may nest lists of objects under a field.

    """

    non_field_errors: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        non_field_errors: list[str] | Unset = UNSET
        if not isinstance(self.non_field_errors, Unset):
            non_field_errors = self.non_field_errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if non_field_errors is not UNSET:
            field_dict["non_field_errors"] = non_field_errors

        return field_dict

    def to_json(self, *, indent: int | None = None) -> str:
        """The item as JSON text, as the API would send it: `to_dict()` through `json.dumps`
        (timestamps as ISO 8601 strings, enum members as their values, fields the API left
        out left out). `indent` pretty-prints, as in `json.dumps`."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return model_repr(self, ("non_field_errors",))

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _non_field_errors = d.pop("non_field_errors", UNSET)
        non_field_errors: list[str] | Unset
        if isinstance(_non_field_errors, list):
            non_field_errors_list: list[str] = []
            for non_field_errors_data in _non_field_errors:
                if not isinstance(non_field_errors_data, str):
                    raise InvalidValue.of(
                        ["non_field_errors", len(non_field_errors_list)],
                        "string",
                        non_field_errors_data,
                    )
                non_field_errors_list.append(non_field_errors_data)
            non_field_errors = non_field_errors_list
        elif _non_field_errors is UNSET:
            non_field_errors = _non_field_errors
        else:
            raise InvalidValue.of(["non_field_errors"], "array", _non_field_errors)

        validation_error = cls.__new__(cls)
        validation_error.non_field_errors = non_field_errors

        validation_error.additional_properties = d
        return validation_error

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes ValidationError JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "ValidationErrorWire",
            [
                ("non_field_errors", list[str], UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> ValidationError:
        """The ValidationError `from_dict` makes of the JSON msgspec decoded as `wire`."""
        validation_error = ValidationError.__new__(ValidationError)
        validation_error.non_field_errors = wire.non_field_errors
        validation_error.additional_properties = {}
        return validation_error

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
