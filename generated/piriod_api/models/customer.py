from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_status import CustomerStatus
from ..types import UNSET, InvalidValue, Unset, model_repr, parse_date_time

T = TypeVar("T", bound="Customer")

# Members of open enums by value, for from_dict: far cheaper than calling the enum class.
_CUSTOMER_STATUS_BY_VALUE = {member.value: member for member in CustomerStatus}


@_attrs_define(repr=False)
class Customer:
    """A person or company the workspace bills. Assumed: the docs do not say which fields are always present; `required:
    [id, name]` is inferred (every item is identified and named by them), so an item without them is reported as
    invalid.

    """

    id: str
    """ Unique identifier, prefixed `cus_`. """
    name: str
    """ Legal or display name. """
    address: None | str | Unset = UNSET
    """ Street address. Assumed: the docs list this field but not whether it can be null; null is allowed so a null
    parses. """
    country: Country | None | Unset = UNSET
    """ Country of the customer. Assumed: the docs list this field but not whether it can be null; null is allowed
    so a null parses. """
    state: None | State | Unset = UNSET
    """ State, region or province of the customer. Assumed: the docs list this field but not whether it can be null;
    null is allowed so a null parses. """
    currency: None | str | Unset = UNSET
    """ Default billing currency (ISO 4217, e.g. `CLP`). Assumed: the docs list this field but not whether it can be
    null; null is allowed so a null parses. """
    email: None | str | Unset = UNSET
    """ Billing e-mail address. Assumed: the docs list this field but not whether it can be null; null is allowed so
    a null parses. """
    phone: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    website: None | str | Unset = UNSET
    """ Website; often an empty string when unknown. Assumed: the docs list this field but not whether it can be
    null; null is allowed so a null parses. """
    zip_code: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    manager: None | str | Unset = UNSET
    """ Account manager's name. Assumed: the docs list this field but not whether it can be null; null is allowed so
    a null parses. """
    reference: None | str | Unset = UNSET
    """ The workspace's own reference for this customer. Assumed: the docs list this field but not whether it can be
    null; null is allowed so a null parses. """
    tax_id: None | str | Unset = UNSET
    """ Tax identifier (RUT in Chile, RFC in Mexico, NIT in Colombia, EIN in the US). Assumed: the docs list this
    field but not whether it can be null; null is allowed so a null parses. """
    tax_settings: None | TaxSettings | Unset = UNSET
    """ Country-specific tax settings. Assumed: the docs list this field but not whether it can be null; null is
    allowed so a null parses. """
    metadata: Metadata | None | Unset = UNSET
    """ Free key-value data set by the workspace. Assumed: the docs list this field but not whether it can be null;
    null is allowed so a null parses. """
    send_invoices: bool | Unset = UNSET
    """ Whether invoices are e-mailed to the customer. """
    send_collections: bool | Unset = UNSET
    """ Whether collection reminders are e-mailed to the customer. """
    send_vouchers: bool | Unset = UNSET
    """ Whether payment vouchers are e-mailed to the customer. """
    status: CustomerStatus | str | Unset = UNSET
    """ Lifecycle status; a value not listed in CustomerStatus is kept as a string. """
    contacts: list[Contact] | None | Unset = UNSET
    """ The customer's contacts. Assumed: the docs show a list but do not promise one; null is assumed possible, so
    a null parses (as None). """
    sources: list[str] | None | Unset = UNSET
    """ Ids of the customer's payment sources. Assumed: the docs show a list but do not promise one; null is assumed
    possible, so a null parses (as None). """
    aggregations: Aggregations | None | Unset = UNSET
    """ Money totals of the customer. Assumed: the docs show an object but do not promise one; null is assumed
    possible, so a null parses (as None). """
    test_mode: bool | Unset = UNSET
    """ True for test-mode data. """
    created: datetime.datetime | Unset = UNSET
    updated: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        country: dict[str, Any] | None | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        elif isinstance(self.country, Country):
            country = self.country.to_dict()
        else:
            country = self.country

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, State):
            state = self.state.to_dict()
        else:
            state = self.state

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        zip_code: None | str | Unset
        if isinstance(self.zip_code, Unset):
            zip_code = UNSET
        else:
            zip_code = self.zip_code

        manager: None | str | Unset
        if isinstance(self.manager, Unset):
            manager = UNSET
        else:
            manager = self.manager

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        tax_id: None | str | Unset
        if isinstance(self.tax_id, Unset):
            tax_id = UNSET
        else:
            tax_id = self.tax_id

        tax_settings: dict[str, Any] | None | Unset
        if isinstance(self.tax_settings, Unset):
            tax_settings = UNSET
        elif isinstance(self.tax_settings, TaxSettings):
            tax_settings = self.tax_settings.to_dict()
        else:
            tax_settings = self.tax_settings

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, Metadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        send_invoices = self.send_invoices

        send_collections = self.send_collections

        send_vouchers = self.send_vouchers

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, CustomerStatus):
            status = self.status.value
        else:
            status = self.status

        contacts: list[dict[str, Any]] | None | Unset
        if isinstance(self.contacts, Unset):
            contacts = UNSET
        elif isinstance(self.contacts, list):
            contacts = []
            for contacts_type_0_item_data in self.contacts:
                contacts_type_0_item = contacts_type_0_item_data.to_dict()
                contacts.append(contacts_type_0_item)

        else:
            contacts = self.contacts

        sources: list[str] | None | Unset
        if isinstance(self.sources, Unset):
            sources = UNSET
        elif isinstance(self.sources, list):
            sources = self.sources

        else:
            sources = self.sources

        aggregations: dict[str, Any] | None | Unset
        if isinstance(self.aggregations, Unset):
            aggregations = UNSET
        elif isinstance(self.aggregations, Aggregations):
            aggregations = self.aggregations.to_dict()
        else:
            aggregations = self.aggregations

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
        if address is not UNSET:
            field_dict["address"] = address
        if country is not UNSET:
            field_dict["country"] = country
        if state is not UNSET:
            field_dict["state"] = state
        if currency is not UNSET:
            field_dict["currency"] = currency
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if website is not UNSET:
            field_dict["website"] = website
        if zip_code is not UNSET:
            field_dict["zip_code"] = zip_code
        if manager is not UNSET:
            field_dict["manager"] = manager
        if reference is not UNSET:
            field_dict["reference"] = reference
        if tax_id is not UNSET:
            field_dict["tax_id"] = tax_id
        if tax_settings is not UNSET:
            field_dict["tax_settings"] = tax_settings
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if send_invoices is not UNSET:
            field_dict["send_invoices"] = send_invoices
        if send_collections is not UNSET:
            field_dict["send_collections"] = send_collections
        if send_vouchers is not UNSET:
            field_dict["send_vouchers"] = send_vouchers
        if status is not UNSET:
            field_dict["status"] = status
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if sources is not UNSET:
            field_dict["sources"] = sources
        if aggregations is not UNSET:
            field_dict["aggregations"] = aggregations
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
                "address",
                "country",
                "state",
                "currency",
                "email",
                "phone",
                "website",
                "zip_code",
                "manager",
                "reference",
                "tax_id",
                "tax_settings",
                "metadata",
                "send_invoices",
                "send_collections",
                "send_vouchers",
                "status",
                "contacts",
                "sources",
                "aggregations",
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

        address = d.pop("address", UNSET)
        if not (isinstance(address, str) or address is None or address is UNSET):
            raise InvalidValue.of(["address"], "string or null", address)

        _country = d.pop("country", UNSET)
        country: Country | None | Unset
        if isinstance(_country, dict):
            try:
                country = Country.from_dict(_country)
            except InvalidValue as error:
                error.path[:0] = ["country"]
                raise
        elif _country is None or _country is UNSET:
            country = _country
        else:
            raise InvalidValue.of(["country"], "object or null", _country)

        _state = d.pop("state", UNSET)
        state: None | State | Unset
        if isinstance(_state, dict):
            try:
                state = State.from_dict(_state)
            except InvalidValue as error:
                error.path[:0] = ["state"]
                raise
        elif _state is None or _state is UNSET:
            state = _state
        else:
            raise InvalidValue.of(["state"], "object or null", _state)

        currency = d.pop("currency", UNSET)
        if not (isinstance(currency, str) or currency is None or currency is UNSET):
            raise InvalidValue.of(["currency"], "string or null", currency)

        email = d.pop("email", UNSET)
        if not (isinstance(email, str) or email is None or email is UNSET):
            raise InvalidValue.of(["email"], "string or null", email)

        phone = d.pop("phone", UNSET)
        if not (isinstance(phone, str) or phone is None or phone is UNSET):
            raise InvalidValue.of(["phone"], "string or null", phone)

        website = d.pop("website", UNSET)
        if not (isinstance(website, str) or website is None or website is UNSET):
            raise InvalidValue.of(["website"], "string or null", website)

        zip_code = d.pop("zip_code", UNSET)
        if not (isinstance(zip_code, str) or zip_code is None or zip_code is UNSET):
            raise InvalidValue.of(["zip_code"], "string or null", zip_code)

        manager = d.pop("manager", UNSET)
        if not (isinstance(manager, str) or manager is None or manager is UNSET):
            raise InvalidValue.of(["manager"], "string or null", manager)

        reference = d.pop("reference", UNSET)
        if not (isinstance(reference, str) or reference is None or reference is UNSET):
            raise InvalidValue.of(["reference"], "string or null", reference)

        tax_id = d.pop("tax_id", UNSET)
        if not (isinstance(tax_id, str) or tax_id is None or tax_id is UNSET):
            raise InvalidValue.of(["tax_id"], "string or null", tax_id)

        _tax_settings = d.pop("tax_settings", UNSET)
        tax_settings: None | TaxSettings | Unset
        if isinstance(_tax_settings, dict):
            try:
                tax_settings = TaxSettings.from_dict(_tax_settings)
            except InvalidValue as error:
                error.path[:0] = ["tax_settings"]
                raise
        elif _tax_settings is None or _tax_settings is UNSET:
            tax_settings = _tax_settings
        else:
            raise InvalidValue.of(["tax_settings"], "object or null", _tax_settings)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | None | Unset
        if isinstance(_metadata, dict):
            try:
                metadata = Metadata.from_dict(_metadata)
            except InvalidValue as error:
                error.path[:0] = ["metadata"]
                raise
        elif _metadata is None or _metadata is UNSET:
            metadata = _metadata
        else:
            raise InvalidValue.of(["metadata"], "object or null", _metadata)

        send_invoices = d.pop("send_invoices", UNSET)
        if not (isinstance(send_invoices, bool) or send_invoices is UNSET):
            raise InvalidValue.of(["send_invoices"], "boolean", send_invoices)

        send_collections = d.pop("send_collections", UNSET)
        if not (isinstance(send_collections, bool) or send_collections is UNSET):
            raise InvalidValue.of(["send_collections"], "boolean", send_collections)

        send_vouchers = d.pop("send_vouchers", UNSET)
        if not (isinstance(send_vouchers, bool) or send_vouchers is UNSET):
            raise InvalidValue.of(["send_vouchers"], "boolean", send_vouchers)

        _status = d.pop("status", UNSET)
        status: CustomerStatus | str | Unset
        if isinstance(_status, str):
            status = _CUSTOMER_STATUS_BY_VALUE.get(_status, _status)
        elif _status is UNSET:
            status = _status
        else:
            raise InvalidValue.of(["status"], "string", _status)

        _contacts = d.pop("contacts", UNSET)
        contacts: list[Contact] | None | Unset
        if isinstance(_contacts, list):
            contacts_list: list[Contact] = []
            for contacts_data in _contacts:
                contacts_item: Contact
                if isinstance(contacts_data, dict):
                    try:
                        contacts_item = Contact.from_dict(contacts_data)
                    except InvalidValue as error:
                        error.path[:0] = ["contacts", len(contacts_list)]
                        raise
                else:
                    raise InvalidValue.of(
                        ["contacts", len(contacts_list)], "object", contacts_data
                    )
                contacts_list.append(contacts_item)
            contacts = contacts_list
        elif _contacts is None or _contacts is UNSET:
            contacts = _contacts
        else:
            raise InvalidValue.of(["contacts"], "array or null", _contacts)

        _sources = d.pop("sources", UNSET)
        sources: list[str] | None | Unset
        if isinstance(_sources, list):
            sources_list: list[str] = []
            for sources_data in _sources:
                if not isinstance(sources_data, str):
                    raise InvalidValue.of(
                        ["sources", len(sources_list)], "string", sources_data
                    )
                sources_list.append(sources_data)
            sources = sources_list
        elif _sources is None or _sources is UNSET:
            sources = _sources
        else:
            raise InvalidValue.of(["sources"], "array or null", _sources)

        _aggregations = d.pop("aggregations", UNSET)
        aggregations: Aggregations | None | Unset
        if isinstance(_aggregations, dict):
            try:
                aggregations = Aggregations.from_dict(_aggregations)
            except InvalidValue as error:
                error.path[:0] = ["aggregations"]
                raise
        elif _aggregations is None or _aggregations is UNSET:
            aggregations = _aggregations
        else:
            raise InvalidValue.of(["aggregations"], "object or null", _aggregations)

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

        customer = cls.__new__(cls)
        customer.id = id
        customer.name = name
        customer.address = address
        customer.country = country
        customer.state = state
        customer.currency = currency
        customer.email = email
        customer.phone = phone
        customer.website = website
        customer.zip_code = zip_code
        customer.manager = manager
        customer.reference = reference
        customer.tax_id = tax_id
        customer.tax_settings = tax_settings
        customer.metadata = metadata
        customer.send_invoices = send_invoices
        customer.send_collections = send_collections
        customer.send_vouchers = send_vouchers
        customer.status = status
        customer.contacts = contacts
        customer.sources = sources
        customer.aggregations = aggregations
        customer.test_mode = test_mode
        customer.created = created
        customer.updated = updated

        customer.additional_properties = d
        return customer

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Customer JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "CustomerWire",
            [
                ("id", str),
                ("name", str),
                ("address", str | None, UNSET),
                ("country", Country._wire_type() | None, UNSET),
                ("state", State._wire_type() | None, UNSET),
                ("currency", str | None, UNSET),
                ("email", str | None, UNSET),
                ("phone", str | None, UNSET),
                ("website", str | None, UNSET),
                ("zip_code", str | None, UNSET),
                ("manager", str | None, UNSET),
                ("reference", str | None, UNSET),
                ("tax_id", str | None, UNSET),
                ("tax_settings", TaxSettings._wire_type() | None, UNSET),
                ("metadata", Metadata._wire_type() | None, UNSET),
                ("send_invoices", bool, UNSET),
                ("send_collections", bool, UNSET),
                ("send_vouchers", bool, UNSET),
                ("status", str, UNSET),
                ("contacts", list[Contact._wire_type()] | None, UNSET),
                ("sources", list[str] | None, UNSET),
                ("aggregations", Aggregations._wire_type() | None, UNSET),
                ("test_mode", bool, UNSET),
                ("created", str, UNSET),
                ("updated", str, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Customer:
        """The Customer `from_dict` makes of the JSON msgspec decoded as `wire`."""
        customer = Customer.__new__(Customer)
        customer.id = wire.id
        customer.name = wire.name
        customer.address = wire.address
        value = wire.country
        customer.country = (
            value if value is UNSET or value is None else Country._from_wire(value)
        )
        value = wire.state
        customer.state = (
            value if value is UNSET or value is None else State._from_wire(value)
        )
        customer.currency = wire.currency
        customer.email = wire.email
        customer.phone = wire.phone
        customer.website = wire.website
        customer.zip_code = wire.zip_code
        customer.manager = wire.manager
        customer.reference = wire.reference
        customer.tax_id = wire.tax_id
        value = wire.tax_settings
        customer.tax_settings = (
            value if value is UNSET or value is None else TaxSettings._from_wire(value)
        )
        value = wire.metadata
        customer.metadata = (
            value if value is UNSET or value is None else Metadata._from_wire(value)
        )
        customer.send_invoices = wire.send_invoices
        customer.send_collections = wire.send_collections
        customer.send_vouchers = wire.send_vouchers
        value = wire.status
        customer.status = (
            value if value is UNSET else _CUSTOMER_STATUS_BY_VALUE.get(value, value)
        )
        value = wire.contacts
        customer.contacts = (
            value
            if value is UNSET or value is None
            else [Contact._from_wire(item) for item in value]
        )
        customer.sources = wire.sources
        value = wire.aggregations
        customer.aggregations = (
            value if value is UNSET or value is None else Aggregations._from_wire(value)
        )
        customer.test_mode = wire.test_mode
        value = wire.created
        customer.created = value if value is UNSET else parse_date_time(value)
        value = wire.updated
        customer.updated = value if value is UNSET else parse_date_time(value)
        customer.additional_properties = {}
        return customer

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
from ..models.aggregations import Aggregations  # noqa: E402
from ..models.contact import Contact  # noqa: E402
from ..models.country import Country  # noqa: E402
from ..models.metadata import Metadata  # noqa: E402
from ..models.state import State  # noqa: E402
from ..models.tax_settings import TaxSettings  # noqa: E402
