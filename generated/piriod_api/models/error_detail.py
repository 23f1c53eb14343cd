from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, InvalidValue, model_repr

T = TypeVar("T", bound="ErrorDetail")


@_attrs_define(repr=False)
class ErrorDetail:
    """The body of most errors."""

    detail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
            }
        )

        return field_dict

    def to_json(self, *, indent: int | None = None) -> str:
        """The item as JSON text, as the API would send it: `to_dict()` through `json.dumps`
        (timestamps as ISO 8601 strings, enum members as their values, fields the API left
        out left out). `indent` pretty-prints, as in `json.dumps`."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return model_repr(self, ("detail",))

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail", UNSET)
        if not isinstance(detail, str):
            raise InvalidValue.of(["detail"], "string", detail)

        error_detail = cls.__new__(cls)
        error_detail.detail = detail

        error_detail.additional_properties = d
        return error_detail

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes ErrorDetail JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "ErrorDetailWire",
            [
                ("detail", str),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> ErrorDetail:
        """The ErrorDetail `from_dict` makes of the JSON msgspec decoded as `wire`."""
        error_detail = ErrorDetail.__new__(ErrorDetail)
        error_detail.detail = wire.detail
        error_detail.additional_properties = {}
        return error_detail

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
