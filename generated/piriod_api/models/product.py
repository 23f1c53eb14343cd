from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_status import ProductStatus
from ..types import UNSET, InvalidValue, Unset, model_repr, parse_date_time

T = TypeVar("T", bound="Product")

# Members of open enums by value, for from_dict: far cheaper than calling the enum class.
_PRODUCT_STATUS_BY_VALUE = {member.value: member for member in ProductStatus}


@_attrs_define(repr=False)
class Product:
    """Something the workspace sells, with its plans. Assumed: the docs do not say which fields are always present;
    `required: [id, name]` is inferred (every item is identified and named by them), so an item without them is reported
    as invalid.

    """

    id: str
    """ Unique identifier, prefixed `pro_`. """
    name: str
    unit_label: None | str | Unset = UNSET
    """ What one unit is called on invoices (e.g. `usuario`). Assumed: the docs list this field but not whether it
    can be null; null is allowed so a null parses. """
    status: ProductStatus | str | Unset = UNSET
    """ A value not listed in ProductStatus is kept as a string. """
    archived: datetime.datetime | None | Unset = UNSET
    """ When the product was archived; null while it is not. Assumed: the docs list this field but not whether it
    can be null; null is allowed so a null parses. """
    plans: list[Plan] | None | Unset = UNSET
    """ The product's plans. Assumed: the docs show a list but do not promise one; null is assumed possible, so a
    null parses (as None). """
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

        plans: list[dict[str, Any]] | None | Unset
        if isinstance(self.plans, Unset):
            plans = UNSET
        elif isinstance(self.plans, list):
            plans = []
            for plans_type_0_item_data in self.plans:
                plans_type_0_item = plans_type_0_item_data.to_dict()
                plans.append(plans_type_0_item)

        else:
            plans = self.plans

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
                "unit_label",
                "status",
                "archived",
                "plans",
                "test_mode",
                "created",
                "updated",
            ),
        )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if not isinstance(id, str):
            raise InvalidValue.of(["id"], "string", id)

        name = d.pop("name", UNSET)
        if not isinstance(name, str):
            raise InvalidValue.of(["name"], "string", name)

        unit_label = d.pop("unit_label", UNSET)
        if not (
            isinstance(unit_label, str) or unit_label is None or unit_label is UNSET
        ):
            raise InvalidValue.of(["unit_label"], "string or null", unit_label)

        _status = d.pop("status", UNSET)
        status: ProductStatus | str | Unset
        if isinstance(_status, str):
            status = _PRODUCT_STATUS_BY_VALUE.get(_status, _status)
        elif _status is UNSET:
            status = _status
        else:
            raise InvalidValue.of(["status"], "string", _status)

        _archived = d.pop("archived", UNSET)
        archived: datetime.datetime | None | Unset
        if isinstance(_archived, str):
            try:
                archived = parse_date_time(_archived)
            except ValueError:
                raise InvalidValue(
                    ["archived"], "date-time string or null", "string (not a date-time)"
                ) from None
        elif _archived is None or _archived is UNSET:
            archived = _archived
        else:
            raise InvalidValue.of(["archived"], "date-time string or null", _archived)

        _plans = d.pop("plans", UNSET)
        plans: list[Plan] | None | Unset
        if isinstance(_plans, list):
            plans_list: list[Plan] = []
            for plans_data in _plans:
                plans_item: Plan
                if isinstance(plans_data, dict):
                    try:
                        plans_item = Plan.from_dict(plans_data)
                    except InvalidValue as error:
                        error.path[:0] = ["plans", len(plans_list)]
                        raise
                else:
                    raise InvalidValue.of(
                        ["plans", len(plans_list)], "object", plans_data
                    )
                plans_list.append(plans_item)
            plans = plans_list
        elif _plans is None or _plans is UNSET:
            plans = _plans
        else:
            raise InvalidValue.of(["plans"], "array or null", _plans)

        test_mode = d.pop("test_mode", UNSET)
        if not (isinstance(test_mode, bool) or test_mode is UNSET):
            raise InvalidValue.of(["test_mode"], "boolean", test_mode)

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, str):
            try:
                created = parse_date_time(_created)
            except ValueError:
                raise InvalidValue(
                    ["created"], "date-time string", "string (not a date-time)"
                ) from None
        elif _created is UNSET:
            created = _created
        else:
            raise InvalidValue.of(["created"], "date-time string", _created)

        _updated = d.pop("updated", UNSET)
        updated: datetime.datetime | Unset
        if isinstance(_updated, str):
            try:
                updated = parse_date_time(_updated)
            except ValueError:
                raise InvalidValue(
                    ["updated"], "date-time string", "string (not a date-time)"
                ) from None
        elif _updated is UNSET:
            updated = _updated
        else:
            raise InvalidValue.of(["updated"], "date-time string", _updated)

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
                ("plans", list[Plan._wire_type()] | None, UNSET),
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
            value if value is UNSET or value is None else parse_date_time(value)
        )
        value = wire.plans
        product.plans = (
            value
            if value is UNSET or value is None
            else [Plan._from_wire(item) for item in value]
        )
        product.test_mode = wire.test_mode
        value = wire.created
        product.created = value if value is UNSET else parse_date_time(value)
        value = wire.updated
        product.updated = value if value is UNSET else parse_date_time(value)
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
