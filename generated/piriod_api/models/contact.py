from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, InvalidValue, Unset, model_repr, parse_date_time

T = TypeVar("T", bound="Contact")


@_attrs_define(repr=False)
class Contact:
    """A person at a customer who receives invoices or collection notices. Assumed: the docs do not say which fields are
    always present; `required: [id]` is inferred (every item is identified by it), so an item without one is reported as
    invalid.

    """

    id: str
    """ Unique identifier, prefixed `con_`. """
    name: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    email: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    customer: None | str | Unset = UNSET
    """ Id of the customer this contact belongs to. Assumed: the docs list this field but not whether it can be
    null; null is allowed so a null parses. """
    orgunit: None | str | Unset = UNSET
    """ Department or organisational unit. Assumed: the docs list this field but not whether it can be null; null is
    allowed so a null parses. """
    phone: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    invoicing: bool | Unset = UNSET
    """ Receives invoices. """
    collections: bool | Unset = UNSET
    """ Receives collection notices. """
    created: datetime.datetime | Unset = UNSET
    updated: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        customer: None | str | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        else:
            customer = self.customer

        orgunit: None | str | Unset
        if isinstance(self.orgunit, Unset):
            orgunit = UNSET
        else:
            orgunit = self.orgunit

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        invoicing = self.invoicing

        collections = self.collections

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
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if customer is not UNSET:
            field_dict["customer"] = customer
        if orgunit is not UNSET:
            field_dict["orgunit"] = orgunit
        if phone is not UNSET:
            field_dict["phone"] = phone
        if invoicing is not UNSET:
            field_dict["invoicing"] = invoicing
        if collections is not UNSET:
            field_dict["collections"] = collections
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
                "email",
                "customer",
                "orgunit",
                "phone",
                "invoicing",
                "collections",
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
        if not (isinstance(name, str) or name is None or name is UNSET):
            raise InvalidValue.of(["name"], "string or null", name)

        email = d.pop("email", UNSET)
        if not (isinstance(email, str) or email is None or email is UNSET):
            raise InvalidValue.of(["email"], "string or null", email)

        customer = d.pop("customer", UNSET)
        if not (isinstance(customer, str) or customer is None or customer is UNSET):
            raise InvalidValue.of(["customer"], "string or null", customer)

        orgunit = d.pop("orgunit", UNSET)
        if not (isinstance(orgunit, str) or orgunit is None or orgunit is UNSET):
            raise InvalidValue.of(["orgunit"], "string or null", orgunit)

        phone = d.pop("phone", UNSET)
        if not (isinstance(phone, str) or phone is None or phone is UNSET):
            raise InvalidValue.of(["phone"], "string or null", phone)

        invoicing = d.pop("invoicing", UNSET)
        if not (isinstance(invoicing, bool) or invoicing is UNSET):
            raise InvalidValue.of(["invoicing"], "boolean", invoicing)

        collections = d.pop("collections", UNSET)
        if not (isinstance(collections, bool) or collections is UNSET):
            raise InvalidValue.of(["collections"], "boolean", collections)

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

        contact = cls.__new__(cls)
        contact.id = id
        contact.name = name
        contact.email = email
        contact.customer = customer
        contact.orgunit = orgunit
        contact.phone = phone
        contact.invoicing = invoicing
        contact.collections = collections
        contact.created = created
        contact.updated = updated

        contact.additional_properties = d
        return contact

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Contact JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "ContactWire",
            [
                ("id", str),
                ("name", str | None, UNSET),
                ("email", str | None, UNSET),
                ("customer", str | None, UNSET),
                ("orgunit", str | None, UNSET),
                ("phone", str | None, UNSET),
                ("invoicing", bool, UNSET),
                ("collections", bool, UNSET),
                ("created", str, UNSET),
                ("updated", str, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Contact:
        """The Contact `from_dict` makes of the JSON msgspec decoded as `wire`."""
        contact = Contact.__new__(Contact)
        contact.id = wire.id
        contact.name = wire.name
        contact.email = wire.email
        contact.customer = wire.customer
        contact.orgunit = wire.orgunit
        contact.phone = wire.phone
        contact.invoicing = wire.invoicing
        contact.collections = wire.collections
        value = wire.created
        contact.created = value if value is UNSET else parse_date_time(value)
        value = wire.updated
        contact.updated = value if value is UNSET else parse_date_time(value)
        contact.additional_properties = {}
        return contact

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
