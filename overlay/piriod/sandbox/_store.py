"""The sandbox's data in memory: each item kept as its JSON bytes plus the few fields that
filters and ordering read, so 100,000 customers fit in a few hundred MB and a page is served
by joining bytes (benchmarks then measure the client, not the server)."""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._data import CustomerRecord, iter_customers, iter_products
from ._validation import INVALID_DATE_TIME, parse_date_time

__all__ = [
    "Collection",
    "FilterError",
    "Row",
    "build_customers",
    "build_products",
    "customer_row",
    "product_row",
]


class FilterError(ValueError):
    """A filter value the API would reject with a 400; `field` is the query parameter."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@attrs.frozen
class Row:
    """One item: what is served (`body`) and what filters and ordering look at."""

    body: bytes
    id: str
    name: str
    created: datetime.datetime
    updated: datetime.datetime
    search_text: str
    exact: Mapping[str, str]  # filter name -> value, for exact-match filters
    members: Mapping[str, frozenset[str]]  # filter name -> ids the item links to
    metadata: Mapping[str, str]


def _timestamp(value: object) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def customer_row(record: CustomerRecord) -> Row:
    item = record.data
    country = item.get("country")
    metadata = item.get("metadata") or {}
    return Row(
        body=json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode(),
        id=item["id"],
        name=item["name"],
        created=_timestamp(item["created"]),
        updated=_timestamp(item["updated"]),
        search_text=" ".join(
            _text(item.get(key)) for key in ("name", "email", "tax_id", "reference")
        ).casefold(),
        exact={
            "name": item["name"],
            "email": _text(item.get("email")),
            "tax_id": _text(item.get("tax_id")),
            "country": country["id"] if isinstance(country, dict) else "",
        },
        members={
            "sources": frozenset(item.get("sources") or ()),
            "subscriptions": frozenset(record.subscriptions),
        },
        metadata={str(k): str(v) for k, v in metadata.items()},
    )


def product_row(item: dict[str, Any]) -> Row:
    return Row(
        body=json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode(),
        id=item["id"],
        name=item["name"],
        created=_timestamp(item["created"]),
        updated=_timestamp(item["updated"]),
        search_text=_text(item.get("name")).casefold(),
        exact={"name": item["name"]},
        members={"plans": frozenset(plan["id"] for plan in item.get("plans") or ())},
        metadata={},
    )


_ORDER_KEYS: dict[str, Callable[[Row], Any]] = {
    "id": lambda row: row.id,
    "name": lambda row: (row.name.casefold(), row.name),
    "created": lambda row: row.created,
    "updated": lambda row: row.updated,
}


class Collection:
    """One resource of one dataset (live or test mode), queried like the API does."""

    def __init__(
        self,
        rows: Iterable[Row],
        *,
        exact_filters: frozenset[str],
        member_filters: frozenset[str],
        default_ordering: str,
        created_filters: bool = False,
        metadata_filters: bool = False,
    ) -> None:
        self.rows: tuple[Row, ...] = tuple(rows)
        self.exact_filters = exact_filters
        self.member_filters = member_filters
        self.default_ordering = default_ordering
        self.created_filters = created_filters
        self.metadata_filters = metadata_filters

    def __len__(self) -> int:
        return len(self.rows)

    def put(self, row: Row) -> None:
        """Adds `row`, or puts it in the place of the row with its id."""
        rows = [existing for existing in self.rows if existing.id != row.id]
        rows.append(row)
        self.rows = tuple(rows)
        self._query.cache_clear()

    def remove(self, item_id: str) -> None:
        """Removes the row with id `item_id`; KeyError if there is none."""
        rows = tuple(row for row in self.rows if row.id != item_id)
        if len(rows) == len(self.rows):
            raise KeyError(item_id)
        self.rows = rows
        self._query.cache_clear()

    def get(self, item_id: str) -> Row:
        """The row with id `item_id`; KeyError if there is none."""
        for row in self.rows:
            if row.id == item_id:
                return row
        raise KeyError(item_id)

    def query(self, params: Mapping[str, str]) -> Sequence[Row]:
        """The rows matching the filters in `params`, in the requested order.

        Unknown parameters are ignored and unknown ordering fields dropped, as Django REST
        framework's filter backends do.
        """
        filters = tuple(
            sorted(
                (key, value)
                for key, value in params.items()
                if key not in ("page", "page_size", "ordering")
            )
        )
        fields = [f.strip() for f in params.get("ordering", "").split(",")]
        known = ",".join(f for f in fields if f.lstrip("-") in _ORDER_KEYS)
        return self._query(filters, known or self.default_ordering)

    @functools.lru_cache(maxsize=64)  # noqa: B019 (the collection lives as long as the server)
    def _query(self, filters: tuple[tuple[str, str], ...], ordering: str) -> tuple[Row, ...]:
        tests = [self._test(key, value) for key, value in filters]
        matched = [row for row in self.rows if all(test(row) for test in tests if test)]
        # Ties are broken by id so every walk over the same data sees the same order.
        matched.sort(key=lambda row: row.id)
        for field in reversed(ordering.split(",")):
            matched.sort(key=_ORDER_KEYS[field.lstrip("-")], reverse=field.startswith("-"))
        return tuple(matched)

    def _test(self, key: str, value: str) -> Callable[[Row], bool] | None:  # noqa: PLR0911
        """The test a row must pass for one filter, or None for a parameter that is no filter
        (one early return per kind of filter reads better than a table of lambdas)."""
        if key == "search":
            needle = value.casefold().strip()
            return lambda row: needle in row.search_text
        if key in self.exact_filters:
            return lambda row: row.exact.get(key) == value
        if key in self.member_filters:
            return lambda row: value in row.members[key]
        if self.metadata_filters and key.startswith("metadata__"):
            meta_key = key.removeprefix("metadata__")
            return lambda row: row.metadata.get(meta_key) == value
        if self.created_filters and key in ("created", "created__gte", "created__lte"):
            moment = _parse_filter_moment(key, value)
            if key == "created__gte":
                return lambda row: row.created >= moment
            if key == "created__lte":
                return lambda row: row.created <= moment
            return lambda row: row.created == moment
        return None


def _parse_filter_moment(key: str, value: str) -> datetime.datetime:
    moment = parse_date_time(value)
    if moment is None:
        raise FilterError(key, INVALID_DATE_TIME)
    return moment


def build_customers(*, seed: int, count: int, test_mode: bool) -> Collection:
    return Collection(
        map(customer_row, iter_customers(seed=seed, count=count, test_mode=test_mode)),
        exact_filters=frozenset({"name", "email", "tax_id", "country"}),
        member_filters=frozenset({"sources", "subscriptions"}),
        default_ordering="-created",
        created_filters=True,
        metadata_filters=True,
    )


def build_products(*, seed: int, count: int, test_mode: bool) -> Collection:
    return Collection(
        map(product_row, iter_products(seed=seed, count=count, test_mode=test_mode)),
        exact_filters=frozenset({"name"}),
        member_filters=frozenset({"plans"}),
        default_ordering="name",
    )
