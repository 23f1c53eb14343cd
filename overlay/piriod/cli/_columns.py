"""What each resource shows: its table columns and its CSV columns.

Imported only when a list command runs (it needs the generated models).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from piriod_api.models import Country, Customer, Product, State
from piriod_api.types import Unset

__all__ = ["COLUMNS", "Column", "Columns", "text"]

T_contra = TypeVar("T_contra", contravariant=True)


def text(value: object) -> str:
    """A cell: empty for UNSET and None, ISO 8601 for datetimes, str() for the rest."""
    if value is None or isinstance(value, Unset):
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def _day(value: object) -> str:
    return value.date().isoformat() if isinstance(value, datetime.datetime) else ""


def _count(values: object) -> str:
    """How many, or "" when the API left the list out or sent null."""
    return str(len(values)) if isinstance(values, list) else ""


def _country(customer: Customer) -> str:
    return text(customer.country.id) if isinstance(customer.country, Country) else ""


def _state(customer: Customer) -> str:
    if not isinstance(customer.state, State):
        return ""
    return text(customer.state.name) or text(customer.state.id)


def _sources(customer: Customer) -> str:
    sources = customer.sources
    return " ".join(map(text, sources)) if isinstance(sources, list) else ""


@dataclass(frozen=True)
class Column(Generic[T_contra]):
    """One column of a table or CSV: its header and how to get its cell from an item.

    Table widths (a CSV never cuts) are sized from the first page within `min_width` and
    `max_width`, then shrunk toward `shrink_to` to fit the terminal; columns with a higher
    `drop` go first when even that is too wide (0: never dropped).
    """

    header: str
    cell: Callable[[T_contra], str]
    min_width: int = 0
    max_width: int = 0
    numeric: bool = False
    keep_whole: bool = False  # an id cut short is useless: it folds onto a second line
    drop: int = 0
    shrink_to: int = 0  # the narrowest it gets to fit a terminal (else min_width)


@dataclass(frozen=True)
class Columns(Generic[T_contra]):
    table: tuple[Column[T_contra], ...]
    csv: tuple[Column[T_contra], ...]


_CUSTOMERS: Columns[Customer] = Columns(
    table=(
        Column("ID", lambda c: text(c.id), 10, 40, keep_whole=True),
        Column("NAME", lambda c: text(c.name), 24, 30, shrink_to=12),
        Column("TAX_ID", lambda c: text(c.tax_id), 12, 16, drop=3),
        Column("COUNTRY", _country, 7, 7, drop=2),
        Column("STATUS", lambda c: text(c.status), 8, 10, drop=4),
        Column("EMAIL", lambda c: text(c.email), 24, 32, drop=5, shrink_to=12),
        Column("CREATED", lambda c: _day(c.created), 10, 10, drop=1),
    ),
    csv=(
        Column("id", lambda c: text(c.id)),
        Column("name", lambda c: text(c.name)),
        Column("tax_id", lambda c: text(c.tax_id)),
        Column("email", lambda c: text(c.email)),
        Column("phone", lambda c: text(c.phone)),
        Column("country", _country),
        Column("state", _state),
        Column("currency", lambda c: text(c.currency)),
        Column("status", lambda c: text(c.status)),
        Column("website", lambda c: text(c.website)),
        Column("created", lambda c: text(c.created)),
        Column("updated", lambda c: text(c.updated)),
        Column("contacts", lambda c: _count(c.contacts)),
        Column("sources", _sources),
    ),
)

_PRODUCTS: Columns[Product] = Columns(
    table=(
        Column("ID", lambda p: text(p.id), 10, 40, keep_whole=True),
        Column("NAME", lambda p: text(p.name), 24, 40, shrink_to=12),
        Column("STATUS", lambda p: text(p.status), 8, 10, drop=2),
        Column("PLANS", lambda p: _count(p.plans), 5, 5, numeric=True, drop=3),
        Column("UNIT_LABEL", lambda p: text(p.unit_label), 10, 20, drop=1),
    ),
    csv=(
        Column("id", lambda p: text(p.id)),
        Column("name", lambda p: text(p.name)),
        Column("status", lambda p: text(p.status)),
        Column("unit_label", lambda p: text(p.unit_label)),
        Column("archived", lambda p: text(p.archived)),
        Column("plans", lambda p: _count(p.plans)),
        Column("created", lambda p: text(p.created)),
        Column("updated", lambda p: text(p.updated)),
    ),
)

COLUMNS: dict[str, Columns[Any]] = {"customers": _CUSTOMERS, "products": _PRODUCTS}
