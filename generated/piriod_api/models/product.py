from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_status import ProductStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Product")

# Members of open enums by value, for from_dict: far cheaper than calling the enum class.
_PRODUCT_STATUS_BY_VALUE = {member.value: member for member in ProductStatus}


@_attrs_define
class Product:
    """Something the workspace sells, with its plans."""

    id: str
    """ Unique identifier, prefixed `pro_`. """
    name: str
    unit_label: None | str | Unset = UNSET
    """ What one unit is called on invoices (e.g. `usuario`). """
    status: ProductStatus | str | Unset = UNSET
    """ A value not listed in ProductStatus is kept as a string. """
    archived: datetime.datetime | None | Unset = UNSET
    """ When the product was archived; null while it is not. """
    plans: list[Plan] | Unset = UNSET
    test_mode: bool | Unset = UNSET
    created: datetime.datetime | Unset = UNSET
    updated: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        unit_label: None | str | Unset
        if isinstance(self.unit_label, Unset):
            unit_label = UNSET
        else:
            unit_label = self.unit_label

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ProductStatus):
            status = self.status.value
        else:
            status = self.status

        archived: None | str | Unset
        if isinstance(self.archived, Unset):
            archived = UNSET
        elif isinstance(self.archived, datetime.datetime):
            archived = self.archived.isoformat()
        else:
            archived = self.archived

        plans: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.plans, Unset):
            plans = []
            for plans_item_data in self.plans:
                plans_item = plans_item_data.to_dict()
                plans.append(plans_item)

        test_mode = self.test_mode

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        updated: str | Unset = UNSET
        if not isinstance(self.updated, Unset):
            updated = self.updated.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if unit_label is not UNSET:
            field_dict["unit_label"] = unit_label
        if status is not UNSET:
            field_dict["status"] = status
        if archived is not UNSET:
            field_dict["archived"] = archived
        if plans is not UNSET:
            field_dict["plans"] = plans
        if test_mode is not UNSET:
            field_dict["test_mode"] = test_mode
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        unit_label: None | str | Unset = d.pop("unit_label", UNSET)

        _status = d.pop("status", UNSET)
        status: ProductStatus | str | Unset
        if _status is UNSET:
            status = _status
        elif isinstance(_status, str):
            status = _PRODUCT_STATUS_BY_VALUE.get(_status, _status)
        else:
            status = cast(ProductStatus | str | Unset, _status)

        _archived = d.pop("archived", UNSET)
        archived: datetime.datetime | None | Unset
        if _archived is None or _archived is UNSET:
            archived = _archived
        elif isinstance(_archived, str):
            try:
                archived_type_0 = datetime.datetime.fromisoformat(_archived)

                archived = archived_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                archived = cast(datetime.datetime | None | Unset, _archived)
        else:
            archived = cast(datetime.datetime | None | Unset, _archived)

        _plans = d.pop("plans", UNSET)
        plans: list[Plan] | Unset = UNSET
        if _plans is not UNSET:
            plans = []
            for plans_item_data in _plans:
                plans_item = Plan.from_dict(plans_item_data)

                plans.append(plans_item)

        test_mode = d.pop("test_mode", UNSET)

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset):
            created = UNSET
        else:
            created = datetime.datetime.fromisoformat(_created)

        _updated = d.pop("updated", UNSET)
        updated: datetime.datetime | Unset
        if isinstance(_updated, Unset):
            updated = UNSET
        else:
            updated = datetime.datetime.fromisoformat(_updated)

        product = cls.__new__(cls)
        product.id = id
        product.name = name
        product.unit_label = unit_label
        product.status = status
        product.archived = archived
        product.plans = plans
        product.test_mode = test_mode
        product.created = created
        product.updated = updated

        product.additional_properties = d
        return product

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Product JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "ProductWire",
            [
                ("id", str),
                ("name", str),
                ("unit_label", str | None, UNSET),
                ("status", str, UNSET),
                ("archived", str | None, UNSET),
                ("plans", list[Plan._wire_type()], UNSET),
                ("test_mode", bool, UNSET),
                ("created", str, UNSET),
                ("updated", str, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Product:
        """The Product `from_dict` makes of the JSON msgspec decoded as `wire`."""
        product = Product.__new__(Product)
        product.id = wire.id
        product.name = wire.name
        product.unit_label = wire.unit_label
        value = wire.status
        product.status = (
            value if value is UNSET else _PRODUCT_STATUS_BY_VALUE.get(value, value)
        )
        value = wire.archived
        product.archived = (
            value
            if value is UNSET or value is None
            else datetime.datetime.fromisoformat(value)
        )
        value = wire.plans
        product.plans = (
            value if value is UNSET else [Plan._from_wire(item) for item in value]
        )
        product.test_mode = wire.test_mode
        value = wire.created
        product.created = (
            value if value is UNSET else datetime.datetime.fromisoformat(value)
        )
        value = wire.updated
        product.updated = (
            value if value is UNSET else datetime.datetime.fromisoformat(value)
        )
        product.additional_properties = {}
        return product

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


# Imported once here, after the class, rather than inside from_dict/to_dict on every call:
# late enough that models which refer to each other still import.
from ..models.plan import Plan  # noqa: E402
