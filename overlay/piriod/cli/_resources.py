"""What the list commands offer: each resource's name and its filter flags.

Kept free of the generated models and of rich, so that `piriod --help` stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from ._dates import DateArgument, parse_date_argument

__all__ = ["CUSTOMERS", "PRODUCTS", "RESOURCES", "FilterOption", "Resource", "text_value"]


def text_value(text: str) -> str:
    """A filter's text: anything but empty (an unset shell variable, not a wish for all)."""
    if not text:
        raise argparse.ArgumentTypeError("empty value: leave the flag out to not filter")
    return text


@dataclass(frozen=True)
class FilterOption:
    """A command-line flag that becomes one filter of `list()`."""

    flag: str
    keyword: str  # the filter's name in the library: created_gte
    help: str
    metavar: str = "TEXT"
    parse: Callable[[str], object] = text_value

    @property
    def dest(self) -> str:
        # Prefixed so a filter can never shadow an output option in the Namespace.
        return f"filter_{self.keyword}"

    @property
    def query_name(self) -> str:
        """The query parameter it is sent as: created_gte -> created__gte."""
        for lookup in ("_gte", "_lte"):
            if self.keyword.endswith(lookup):
                return self.keyword.removesuffix(lookup) + "_" + lookup
        return self.keyword

    @property
    def is_date(self) -> bool:
        return self.parse is parse_date_argument

    def raw(self, value: object) -> str:
        """The value as typed, for comparing a resumed export with the one it resumes."""
        return value.text if isinstance(value, DateArgument) else str(value)


@dataclass(frozen=True)
class Resource:
    """A listable resource: its names and its filters."""

    plural: str
    singular: str
    filters: tuple[FilterOption, ...]

    def noun(self, count: int) -> str:
        return self.singular if count == 1 else self.plural


SEARCH = FilterOption("--search", "search", "free-text search")
ORDERING = FilterOption(
    "--ordering", "ordering", "sort by a field, '-' for descending (e.g. -created)", "FIELD"
)
_DAY = "a date alone is that whole day"

CUSTOMERS = Resource(
    plural="customers",
    singular="customer",
    filters=(
        FilterOption("--country", "country", "country id, e.g. CL", "ID"),
        FilterOption("--email", "email", "billing e-mail address"),
        FilterOption("--name", "name", "customer name"),
        FilterOption("--tax-id", "tax_id", "tax id (RUT, RFC, NIT...)"),
        FilterOption("--subscriptions", "subscriptions", "linked to this subscription id", "ID"),
        FilterOption("--sources", "sources", "linked to this payment source id", "ID"),
        SEARCH,
        FilterOption(
            "--created",
            "created",
            f"created on this day, or at exactly this instant if a time is given ({_DAY})",
            "DATE",
            parse_date_argument,
        ),
        FilterOption(
            "--created-since",
            "created_gte",
            "created on or after (a date alone: from the start of that day)",
            "DATE",
            parse_date_argument,
        ),
        FilterOption(
            "--created-until",
            "created_lte",
            "created on or before (a date alone: up to the end of that day, included)",
            "DATE",
            parse_date_argument,
        ),
        ORDERING,
    ),
)

PRODUCTS = Resource(
    plural="products",
    singular="product",
    filters=(
        FilterOption("--name", "name", "product name"),
        FilterOption("--plans", "plans", "has this plan id", "ID"),
        SEARCH,
        ORDERING,
    ),
)

RESOURCES = (CUSTOMERS, PRODUCTS)
