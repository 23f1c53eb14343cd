from __future__ import annotations

import datetime
import functools
import json
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_status import PlanStatus
from ..models.plan_tiers_mode import PlanTiersMode
from ..models.plan_usage_aggregation import PlanUsageAggregation
from ..models.plan_usage_scheme import PlanUsageScheme
from ..types import DECIMAL, UNSET, InvalidValue, Unset, model_repr, parse_date_time

T = TypeVar("T", bound="Plan")

# Members of open enums by value, for from_dict: far cheaper than calling the enum class.
_PLAN_STATUS_BY_VALUE = {member.value: member for member in PlanStatus}
_PLAN_TIERS_MODE_BY_VALUE = {member.value: member for member in PlanTiersMode}
_PLAN_USAGE_AGGREGATION_BY_VALUE = {
    member.value: member for member in PlanUsageAggregation
}
_PLAN_USAGE_SCHEME_BY_VALUE = {member.value: member for member in PlanUsageScheme}


@_attrs_define(repr=False)
class Plan:
    """A price for a product, charged at a frequency. Assumed: the docs do not say which fields are always present;
    `required: [id]` is inferred (every item is identified by it), so an item without one is reported as invalid.

    """

    id: str
    product: None | str | Unset = UNSET
    """ Id of the product this plan belongs to. Assumed: the docs list this field but not whether it can be null;
    null is allowed so a null parses. """
    name: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    description: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    frequency: None | str | Unset = UNSET
    """ Billing frequency id. Known values: monthly, annual, weekly, biannual, quarterly; an open string because the
    list is not documented as closed. Assumed: the docs list this field but not whether it can be null; null is
    allowed so a null parses. """
    currency: None | str | Unset = UNSET
    """ ISO 4217 code. Assumed: the docs list this field but not whether it can be null; null is allowed so a null
    parses. """
    amount: float | str | Unset = UNSET
    """ A money amount. A JSON number in current payloads (e.g. `3757.00`), a decimal string in older ones (e.g.
    `"3757.00"`). A number must be finite (no NaN or Infinity); a string must be a decimal as the pattern says,
    whole: any other string is a value of the wrong type, and the client reports it as such. """
    sku: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    exempt: bool | Unset = False
    """ Exempt from tax. Assumed: that it defaults to false when missing is not documented. """
    usage_scheme: None | PlanUsageScheme | str | Unset = UNSET
    """ A value not listed in PlanUsageScheme is kept as a string. Assumed: the docs list this field but not whether
    it can be null; null is allowed so a null parses. """
    usage_aggregation: None | PlanUsageAggregation | str | Unset = UNSET
    """ How metered usage is aggregated over a period; null for licensed plans. A value not listed in
    PlanUsageAggregation is kept as a string. Assumed: the docs list this field but not whether it can be null; null
    is allowed so a null parses. """
    tiers_mode: None | PlanTiersMode | str | Unset = UNSET
    """ How tiers price the quantity; null for flat plans. `unit` and `range` are deprecated aliases still seen in
    older data. Unlisted values are kept as strings. Assumed: the docs list this field but not whether it can be
    null; null is allowed so a null parses. """
    tiers: list[Tier] | None | Unset = UNSET
    """ The price bands of a tiered plan. Assumed: the docs show a list but do not promise one; null is assumed
    possible (on a flat plan above all), so a null parses (as None). """
    unit_label: None | str | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
    status: PlanStatus | str | Unset = UNSET
    """ A value not listed in PlanStatus is kept as a string. """
    archived: datetime.datetime | None | Unset = UNSET
    """ Assumed: the docs list this field but not whether it can be null; null is allowed so a null parses. """
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

        tiers: list[dict[str, Any]] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = []
            for tiers_type_0_item_data in self.tiers:
                tiers_type_0_item = tiers_type_0_item_data.to_dict()
                tiers.append(tiers_type_0_item)

        else:
            tiers = self.tiers

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
                "product",
                "name",
                "description",
                "frequency",
                "currency",
                "amount",
                "sku",
                "exempt",
                "usage_scheme",
                "usage_aggregation",
                "tiers_mode",
                "tiers",
                "unit_label",
                "status",
                "archived",
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

        product = d.pop("product", UNSET)
        if not (isinstance(product, str) or product is None or product is UNSET):
            raise InvalidValue.of(["product"], "string or null", product)

        name = d.pop("name", UNSET)
        if not (isinstance(name, str) or name is None or name is UNSET):
            raise InvalidValue.of(["name"], "string or null", name)

        description = d.pop("description", UNSET)
        if not (
            isinstance(description, str) or description is None or description is UNSET
        ):
            raise InvalidValue.of(["description"], "string or null", description)

        frequency = d.pop("frequency", UNSET)
        if not (isinstance(frequency, str) or frequency is None or frequency is UNSET):
            raise InvalidValue.of(["frequency"], "string or null", frequency)

        currency = d.pop("currency", UNSET)
        if not (isinstance(currency, str) or currency is None or currency is UNSET):
            raise InvalidValue.of(["currency"], "string or null", currency)

        amount = d.pop("amount", UNSET)
        if isinstance(amount, str):
            if DECIMAL.fullmatch(amount) is None:
                raise InvalidValue(
                    ["amount"], "number or decimal string", "string (not a decimal)"
                )
        elif not (
            (type(amount) is int or (type(amount) is float and math.isfinite(amount)))
            or amount is UNSET
        ):
            raise InvalidValue.of(["amount"], "number or decimal string", amount)

        sku = d.pop("sku", UNSET)
        if not (isinstance(sku, str) or sku is None or sku is UNSET):
            raise InvalidValue.of(["sku"], "string or null", sku)

        exempt = d.pop("exempt", UNSET)
        if not (isinstance(exempt, bool) or exempt is UNSET):
            raise InvalidValue.of(["exempt"], "boolean", exempt)

        _usage_scheme = d.pop("usage_scheme", UNSET)
        usage_scheme: None | PlanUsageScheme | str | Unset
        if isinstance(_usage_scheme, str):
            usage_scheme = _PLAN_USAGE_SCHEME_BY_VALUE.get(_usage_scheme, _usage_scheme)
        elif _usage_scheme is None or _usage_scheme is UNSET:
            usage_scheme = _usage_scheme
        else:
            raise InvalidValue.of(["usage_scheme"], "string or null", _usage_scheme)

        _usage_aggregation = d.pop("usage_aggregation", UNSET)
        usage_aggregation: None | PlanUsageAggregation | str | Unset
        if isinstance(_usage_aggregation, str):
            usage_aggregation = _PLAN_USAGE_AGGREGATION_BY_VALUE.get(
                _usage_aggregation, _usage_aggregation
            )
        elif _usage_aggregation is None or _usage_aggregation is UNSET:
            usage_aggregation = _usage_aggregation
        else:
            raise InvalidValue.of(
                ["usage_aggregation"], "string or null", _usage_aggregation
            )

        _tiers_mode = d.pop("tiers_mode", UNSET)
        tiers_mode: None | PlanTiersMode | str | Unset
        if isinstance(_tiers_mode, str):
            tiers_mode = _PLAN_TIERS_MODE_BY_VALUE.get(_tiers_mode, _tiers_mode)
        elif _tiers_mode is None or _tiers_mode is UNSET:
            tiers_mode = _tiers_mode
        else:
            raise InvalidValue.of(["tiers_mode"], "string or null", _tiers_mode)

        _tiers = d.pop("tiers", UNSET)
        tiers: list[Tier] | None | Unset
        if isinstance(_tiers, list):
            tiers_list: list[Tier] = []
            for tiers_data in _tiers:
                tiers_item: Tier
                if isinstance(tiers_data, dict):
                    try:
                        tiers_item = Tier.from_dict(tiers_data)
                    except InvalidValue as error:
                        error.path[:0] = ["tiers", len(tiers_list)]
                        raise
                else:
                    raise InvalidValue.of(
                        ["tiers", len(tiers_list)], "object", tiers_data
                    )
                tiers_list.append(tiers_item)
            tiers = tiers_list
        elif _tiers is None or _tiers is UNSET:
            tiers = _tiers
        else:
            raise InvalidValue.of(["tiers"], "array or null", _tiers)

        unit_label = d.pop("unit_label", UNSET)
        if not (
            isinstance(unit_label, str) or unit_label is None or unit_label is UNSET
        ):
            raise InvalidValue.of(["unit_label"], "string or null", unit_label)

        _status = d.pop("status", UNSET)
        status: PlanStatus | str | Unset
        if isinstance(_status, str):
            status = _PLAN_STATUS_BY_VALUE.get(_status, _status)
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
                ("tiers", list[Tier._wire_type()] | None, UNSET),
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
        value = wire.amount
        if type(value) is str and DECIMAL.fullmatch(value) is None:
            raise ValueError("not a decimal")  # from_dict names the mismatch
        plan.amount = value
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
            value
            if value is UNSET or value is None
            else [Tier._from_wire(item) for item in value]
        )
        plan.unit_label = wire.unit_label
        value = wire.status
        plan.status = (
            value if value is UNSET else _PLAN_STATUS_BY_VALUE.get(value, value)
        )
        value = wire.archived
        plan.archived = (
            value if value is UNSET or value is None else parse_date_time(value)
        )
        value = wire.created
        plan.created = value if value is UNSET else parse_date_time(value)
        value = wire.updated
        plan.updated = value if value is UNSET else parse_date_time(value)
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
