from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_status import PlanStatus
from ..models.plan_tiers_mode import PlanTiersMode
from ..models.plan_usage_aggregation import PlanUsageAggregation
from ..models.plan_usage_scheme import PlanUsageScheme
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tier import Tier


T = TypeVar("T", bound="Plan")


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
        from ..models.tier import Tier  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_product(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_frequency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        frequency = _parse_frequency(d.pop("frequency", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_sku(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sku = _parse_sku(d.pop("sku", UNSET))

        exempt = d.pop("exempt", UNSET)

        def _parse_usage_scheme(data: object) -> None | PlanUsageScheme | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                usage_scheme_type_0 = PlanUsageScheme(data)

                return usage_scheme_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanUsageScheme | str | Unset, data)

        usage_scheme = _parse_usage_scheme(d.pop("usage_scheme", UNSET))

        def _parse_usage_aggregation(
            data: object,
        ) -> None | PlanUsageAggregation | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                usage_aggregation_type_0 = PlanUsageAggregation(data)

                return usage_aggregation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanUsageAggregation | str | Unset, data)

        usage_aggregation = _parse_usage_aggregation(d.pop("usage_aggregation", UNSET))

        def _parse_tiers_mode(data: object) -> None | PlanTiersMode | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tiers_mode_type_0 = PlanTiersMode(data)

                return tiers_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanTiersMode | str | Unset, data)

        tiers_mode = _parse_tiers_mode(d.pop("tiers_mode", UNSET))

        _tiers = d.pop("tiers", UNSET)
        tiers: list[Tier] | Unset = UNSET
        if _tiers is not UNSET:
            tiers = []
            for tiers_item_data in _tiers:
                tiers_item = Tier.from_dict(tiers_item_data)

                tiers.append(tiers_item)

        def _parse_unit_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit_label = _parse_unit_label(d.pop("unit_label", UNSET))

        def _parse_status(data: object) -> PlanStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PlanStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(PlanStatus | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_archived(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_type_0 = datetime.datetime.fromisoformat(data)

                return archived_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        archived = _parse_archived(d.pop("archived", UNSET))

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

        plan = cls(
            id=id,
            product=product,
            name=name,
            description=description,
            frequency=frequency,
            currency=currency,
            amount=amount,
            sku=sku,
            exempt=exempt,
            usage_scheme=usage_scheme,
            usage_aggregation=usage_aggregation,
            tiers_mode=tiers_mode,
            tiers=tiers,
            unit_label=unit_label,
            status=status,
            archived=archived,
            created=created,
            updated=updated,
        )

        plan.additional_properties = d
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
