from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_status import PlanStatus
from ..models.plan_tiers_mode import PlanTiersMode
from ..models.plan_usage_aggregation import PlanUsageAggregation
from ..models.plan_usage_scheme import PlanUsageScheme
from ..types import UNSET, Unset

T = TypeVar("T", bound="Plan")

# Members of open enums by value, for from_dict: far cheaper than calling the enum class.
_PLAN_STATUS_BY_VALUE = {member.value: member for member in PlanStatus}
_PLAN_TIERS_MODE_BY_VALUE = {member.value: member for member in PlanTiersMode}
_PLAN_USAGE_AGGREGATION_BY_VALUE = {
    member.value: member for member in PlanUsageAggregation
}
_PLAN_USAGE_SCHEME_BY_VALUE = {member.value: member for member in PlanUsageScheme}


@_attrs_define
class Plan:
    """A price for a product, charged at a frequency."""

    id: str
    product: None | str | Unset = UNSET
    """ Id of the product this plan belongs to. """
    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    frequency: None | str | Unset = UNSET
    """ Billing frequency id. Known values: monthly, annual, weekly, biannual, quarterly; an open string because the
    list is not documented as closed. """
    currency: None | str | Unset = UNSET
    """ ISO 4217 code. """
    amount: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). """
    sku: None | str | Unset = UNSET
    exempt: bool | Unset = False
    """ Exempt from tax. """
    usage_scheme: None | PlanUsageScheme | str | Unset = UNSET
    """ A value not listed in PlanUsageScheme is kept as a string. """
    usage_aggregation: None | PlanUsageAggregation | str | Unset = UNSET
    """ How metered usage is aggregated over a period; null for licensed plans. A value not listed in
    PlanUsageAggregation is kept as a string. """
    tiers_mode: None | PlanTiersMode | str | Unset = UNSET
    """ How tiers price the quantity; null for flat plans. `unit` and `range` are deprecated aliases still seen in
    older data. Unlisted values are kept as strings. """
    tiers: list[Tier] | Unset = UNSET
    unit_label: None | str | Unset = UNSET
    status: PlanStatus | str | Unset = UNSET
    """ A value not listed in PlanStatus is kept as a string. """
    archived: datetime.datetime | None | Unset = UNSET
    created: datetime.datetime | Unset = UNSET
    updated: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        product: None | str | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        else:
            product = self.product

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        frequency: None | str | Unset
        if isinstance(self.frequency, Unset):
            frequency = UNSET
        else:
            frequency = self.frequency

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        amount: float | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        sku: None | str | Unset
        if isinstance(self.sku, Unset):
            sku = UNSET
        else:
            sku = self.sku

        exempt = self.exempt

        usage_scheme: None | str | Unset
        if isinstance(self.usage_scheme, Unset):
            usage_scheme = UNSET
        elif isinstance(self.usage_scheme, PlanUsageScheme):
            usage_scheme = self.usage_scheme.value
        else:
            usage_scheme = self.usage_scheme

        usage_aggregation: None | str | Unset
        if isinstance(self.usage_aggregation, Unset):
            usage_aggregation = UNSET
        elif isinstance(self.usage_aggregation, PlanUsageAggregation):
            usage_aggregation = self.usage_aggregation.value
        else:
            usage_aggregation = self.usage_aggregation

        tiers_mode: None | str | Unset
        if isinstance(self.tiers_mode, Unset):
            tiers_mode = UNSET
        elif isinstance(self.tiers_mode, PlanTiersMode):
            tiers_mode = self.tiers_mode.value
        else:
            tiers_mode = self.tiers_mode

        tiers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tiers, Unset):
            tiers = []
            for tiers_item_data in self.tiers:
                tiers_item = tiers_item_data.to_dict()
                tiers.append(tiers_item)

        unit_label: None | str | Unset
        if isinstance(self.unit_label, Unset):
            unit_label = UNSET
        else:
            unit_label = self.unit_label

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PlanStatus):
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
        if product is not UNSET:
            field_dict["product"] = product
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if currency is not UNSET:
            field_dict["currency"] = currency
        if amount is not UNSET:
            field_dict["amount"] = amount
        if sku is not UNSET:
            field_dict["sku"] = sku
        if exempt is not UNSET:
            field_dict["exempt"] = exempt
        if usage_scheme is not UNSET:
            field_dict["usage_scheme"] = usage_scheme
        if usage_aggregation is not UNSET:
            field_dict["usage_aggregation"] = usage_aggregation
        if tiers_mode is not UNSET:
            field_dict["tiers_mode"] = tiers_mode
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if unit_label is not UNSET:
            field_dict["unit_label"] = unit_label
        if status is not UNSET:
            field_dict["status"] = status
        if archived is not UNSET:
            field_dict["archived"] = archived
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        product: None | str | Unset = d.pop("product", UNSET)

        name: None | str | Unset = d.pop("name", UNSET)

        description: None | str | Unset = d.pop("description", UNSET)

        frequency: None | str | Unset = d.pop("frequency", UNSET)

        currency: None | str | Unset = d.pop("currency", UNSET)

        amount: float | str | Unset = d.pop("amount", UNSET)

        sku: None | str | Unset = d.pop("sku", UNSET)

        exempt = d.pop("exempt", UNSET)

        _usage_scheme = d.pop("usage_scheme", UNSET)
        usage_scheme: None | PlanUsageScheme | str | Unset
        if _usage_scheme is None or _usage_scheme is UNSET:
            usage_scheme = _usage_scheme
        elif isinstance(_usage_scheme, str):
            usage_scheme = _PLAN_USAGE_SCHEME_BY_VALUE.get(_usage_scheme, _usage_scheme)
        else:
            usage_scheme = cast(None | PlanUsageScheme | str | Unset, _usage_scheme)

        _usage_aggregation = d.pop("usage_aggregation", UNSET)
        usage_aggregation: None | PlanUsageAggregation | str | Unset
        if _usage_aggregation is None or _usage_aggregation is UNSET:
            usage_aggregation = _usage_aggregation
        elif isinstance(_usage_aggregation, str):
            usage_aggregation = _PLAN_USAGE_AGGREGATION_BY_VALUE.get(
                _usage_aggregation, _usage_aggregation
            )
        else:
            usage_aggregation = cast(
                None | PlanUsageAggregation | str | Unset, _usage_aggregation
            )

        _tiers_mode = d.pop("tiers_mode", UNSET)
        tiers_mode: None | PlanTiersMode | str | Unset
        if _tiers_mode is None or _tiers_mode is UNSET:
            tiers_mode = _tiers_mode
        elif isinstance(_tiers_mode, str):
            tiers_mode = _PLAN_TIERS_MODE_BY_VALUE.get(_tiers_mode, _tiers_mode)
        else:
            tiers_mode = cast(None | PlanTiersMode | str | Unset, _tiers_mode)

        _tiers = d.pop("tiers", UNSET)
        tiers: list[Tier] | Unset = UNSET
        if _tiers is not UNSET:
            tiers = []
            for tiers_item_data in _tiers:
                tiers_item = Tier.from_dict(tiers_item_data)

                tiers.append(tiers_item)

        unit_label: None | str | Unset = d.pop("unit_label", UNSET)

        _status = d.pop("status", UNSET)
        status: PlanStatus | str | Unset
        if _status is UNSET:
            status = _status
        elif isinstance(_status, str):
            status = _PLAN_STATUS_BY_VALUE.get(_status, _status)
        else:
            status = cast(PlanStatus | str | Unset, _status)

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

        plan = cls.__new__(cls)
        plan.id = id
        plan.product = product
        plan.name = name
        plan.description = description
        plan.frequency = frequency
        plan.currency = currency
        plan.amount = amount
        plan.sku = sku
        plan.exempt = exempt
        plan.usage_scheme = usage_scheme
        plan.usage_aggregation = usage_aggregation
        plan.tiers_mode = tiers_mode
        plan.tiers = tiers
        plan.unit_label = unit_label
        plan.status = status
        plan.archived = archived
        plan.created = created
        plan.updated = updated

        plan.additional_properties = d
        return plan

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes Plan JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "PlanWire",
            [
                ("id", str),
                ("product", str | None, UNSET),
                ("name", str | None, UNSET),
                ("description", str | None, UNSET),
                ("frequency", str | None, UNSET),
                ("currency", str | None, UNSET),
                ("amount", int | float | str, UNSET),
                ("sku", str | None, UNSET),
                ("exempt", bool, UNSET),
                ("usage_scheme", str | None, UNSET),
                ("usage_aggregation", str | None, UNSET),
                ("tiers_mode", str | None, UNSET),
                ("tiers", list[Tier._wire_type()], UNSET),
                ("unit_label", str | None, UNSET),
                ("status", str, UNSET),
                ("archived", str | None, UNSET),
                ("created", str, UNSET),
                ("updated", str, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
        )

    @staticmethod
    def _from_wire(wire: Any) -> Plan:
        """The Plan `from_dict` makes of the JSON msgspec decoded as `wire`."""
        plan = Plan.__new__(Plan)
        plan.id = wire.id
        plan.product = wire.product
        plan.name = wire.name
        plan.description = wire.description
        plan.frequency = wire.frequency
        plan.currency = wire.currency
        plan.amount = wire.amount
        plan.sku = wire.sku
        plan.exempt = wire.exempt
        value = wire.usage_scheme
        plan.usage_scheme = (
            value
            if value is UNSET or value is None
            else _PLAN_USAGE_SCHEME_BY_VALUE.get(value, value)
        )
        value = wire.usage_aggregation
        plan.usage_aggregation = (
            value
            if value is UNSET or value is None
            else _PLAN_USAGE_AGGREGATION_BY_VALUE.get(value, value)
        )
        value = wire.tiers_mode
        plan.tiers_mode = (
            value
            if value is UNSET or value is None
            else _PLAN_TIERS_MODE_BY_VALUE.get(value, value)
        )
        value = wire.tiers
        plan.tiers = (
            value if value is UNSET else [Tier._from_wire(item) for item in value]
        )
        plan.unit_label = wire.unit_label
        value = wire.status
        plan.status = (
            value if value is UNSET else _PLAN_STATUS_BY_VALUE.get(value, value)
        )
        value = wire.archived
        plan.archived = (
            value
            if value is UNSET or value is None
            else datetime.datetime.fromisoformat(value)
        )
        value = wire.created
        plan.created = (
            value if value is UNSET else datetime.datetime.fromisoformat(value)
        )
        value = wire.updated
        plan.updated = (
            value if value is UNSET else datetime.datetime.fromisoformat(value)
        )
        plan.additional_properties = {}
        return plan

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
from ..models.tier import Tier  # noqa: E402
