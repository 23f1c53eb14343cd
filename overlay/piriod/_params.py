"""Checks call arguments before any request and turns them into the generated client's."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from typing import Any, TypedDict

__all__ = [
    "CUSTOMER_FILTERS",
    "PRODUCT_FILTERS",
    "CustomerFilters",
    "DateLike",
    "ProductFilters",
    "QueryValue",
    "check_extra_headers",
    "check_max_items",
    "check_page",
    "check_page_size",
    "split_filters",
]

DateLike = datetime.datetime | datetime.date | str
"""A datetime, a date or an ISO 8601 string; dates (their midnight) and naive times are local
time. Always sent as an RFC 3339 timestamp with an offset, the only form openapi.yaml allows."""

QueryValue = str | int | float | bool
"""What `extra_params` values may be."""

MAX_PAGE_SIZE = 100


class CustomerFilters(TypedDict, total=False):
    """Filters of GET /customers/ (named as in the API; `created__gte` is `created_gte`)."""

    ordering: str
    search: str
    country: str
    email: str
    name: str
    tax_id: str
    created: DateLike
    created_gte: DateLike
    created_lte: DateLike
    subscriptions: str
    sources: str
    extra_params: Mapping[str, QueryValue]


class ProductFilters(TypedDict, total=False):
    """Filters of GET /products/."""

    ordering: str
    search: str
    name: str
    plans: str
    extra_params: Mapping[str, QueryValue]


# The filter names each endpoint accepts (extra_params aside).
CUSTOMER_FILTERS = frozenset(CustomerFilters.__annotations__) - {"extra_params"}
PRODUCT_FILTERS = frozenset(ProductFilters.__annotations__) - {"extra_params"}


_DATE_FILTERS = frozenset({"created", "created_gte", "created_lte"})


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# No list has more pages than this; a larger number would not even fit a query string
# (Python writes at most 4,300 digits of an int).
MAX_PAGE = 2**63 - 1


def check_page(page: object, name: str = "page") -> int:
    if not _is_int(page) or not 1 <= page <= MAX_PAGE:  # type: ignore[operator]
        shown = repr(page) if not _is_int(page) or page < 1 else "a number past 2**63 - 1"  # type: ignore[operator]
        raise ValueError(
            f"{name}={shown} is invalid: pages are numbered from 1 (the first page) to 2**63 - 1"
        )
    return page  # type: ignore[return-value]


def check_page_size(page_size: object) -> int:
    if not _is_int(page_size) or not 1 <= page_size <= MAX_PAGE_SIZE:  # type: ignore[operator]
        raise ValueError(
            f"page_size={page_size!r} is invalid: the API serves 1 to {MAX_PAGE_SIZE} items a"
            f" page; use a whole number in that range (list() walks with {MAX_PAGE_SIZE})"
        )
    return page_size  # type: ignore[return-value]


def check_max_items(max_items: object) -> int | None:
    if max_items is None:
        return None
    if not _is_int(max_items) or max_items < 0:  # type: ignore[operator]
        raise ValueError(
            f"max_items={max_items!r} is invalid: use a whole number >= 0, or None for every item"
        )
    return max_items  # type: ignore[return-value]


def _to_datetime(name: str, value: object) -> datetime.datetime:
    """An aware datetime whose `isoformat()` is an RFC 3339 timestamp: the API (openapi.yaml,
    `format: date-time`) takes nothing else, so neither a date alone nor a time without offset
    is ever sent. A date (its midnight), a naive datetime, an ISO 8601 string without offset
    and a datetime whose tzinfo gives no offset are read as local time, as
    `datetime.timestamp()` reads them, and sent with the local offset. An offset RFC 3339
    cannot write (seconds, as in old zoneinfo LMT offsets) is sent as the same instant in UTC.
    Strings go through the same conversion, so `'2026-01-05'` is sent as local midnight with
    its offset."""
    moment: datetime.datetime | None = None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise ValueError(
            f"{name}={value!r} is not a date: pass a datetime, a date, or an ISO 8601 string"
            " such as '2026-01-05' or '2026-01-05T10:00:00-03:00'"
        )
    try:
        offset = moment.utcoffset()
        if offset is None:  # naive, or a tzinfo that does not know its offset
            moment = moment.replace(tzinfo=None).astimezone()
        elif offset % datetime.timedelta(minutes=1):
            moment = moment.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError(
            f"{name}={value!r} is out of range: it cannot be written as a timestamp with an"
            " offset; use a date between years 1 and 9999"
        ) from None
    return moment


def split_filters(
    operation: str, allowed: frozenset[str], filters: Mapping[str, object]
) -> tuple[dict[str, Any], dict[str, QueryValue]]:
    """Checks filter keyword arguments.

    Returns the keyword arguments for the generated `_get_kwargs` and the extra query
    parameters to add as they are.
    """
    generated: dict[str, Any] = {}
    extra: dict[str, QueryValue] = {}
    for name, value in filters.items():
        if name == "extra_params":
            extra = _check_extra_params(operation, value, allowed)
            continue
        if name not in allowed:
            close = difflib.get_close_matches(name, list(allowed), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise TypeError(
                f"{operation}() got an unknown filter {name!r}.{hint} Known filters:"
                f" {', '.join(sorted(allowed))}. Send other query parameters with"
                " extra_params={...}."
            )
        if value is None:
            continue
        if name in _DATE_FILTERS:
            generated[name] = _to_datetime(name, value)
        elif not isinstance(value, str):
            raise TypeError(f"{name}={value!r} must be a string")
        elif not value:
            # openapi.yaml allows no empty query value, and filtering by "" is more likely
            # an unset variable than a wish for every item.
            raise ValueError(f"{name}='' is empty: pass None (or leave it out) to not filter")
        else:
            generated[name] = value
    return generated, extra


def _api_name(name: str) -> str:
    """The query parameter a filter is sent as: `created_gte` -> `created__gte`."""
    for lookup in ("_gte", "_lte"):
        if name.endswith(lookup):
            return name.removesuffix(lookup) + "_" + lookup
    return name


def _check_extra_params(
    operation: str, value: object, allowed: frozenset[str]
) -> dict[str, QueryValue]:
    """Checks extra query parameters. One the contract declares must go through its filter
    argument instead, where its value is checked (and a date converted) before sending."""
    declared = {_api_name(name): name for name in allowed}
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{operation}(): extra_params must be a dict of query parameters")
    checked: dict[str, QueryValue] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key:
            raise TypeError(f"extra_params key {key!r} must be a non-empty string")
        if key in ("page", "page_size"):
            raise ValueError(
                f"extra_params may not set {key!r}; pass page/page_size as arguments instead"
            )
        if key in declared:
            raise ValueError(
                f"extra_params may not set {key!r}; pass {declared[key]}=... to"
                f" {operation}() instead, which checks the value before sending it"
            )
        if not isinstance(item, str | int | float | bool):
            raise TypeError(f"extra_params[{key!r}]={item!r} must be a str, int, float or bool")
        checked[key] = ("true" if item else "false") if isinstance(item, bool) else item
    return checked


# Headers a call may not set through extra_headers, and what to do instead. The token goes
# only in the Authorization header piriod sets; the workspace and test mode are the client's.
_RESERVED_HEADERS: Mapping[str, str] = {
    "authorization": "the token is the client's: Piriod(token=...) or PIRIOD_API_TOKEN",
    "proxy-authorization": "credentials for a proxy belong to an http_client of your own",
    "x-simple-workspace": "use client.with_options(workspace=...) for another workspace",
    "x-piriod-test-mode": "use client.with_options(test_mode=...)",
    "accept-encoding": "piriod asks only for the encodings it inflates in bounded steps",
    # Framing and routing: httpx sets them from the request itself; another value would
    # make the server misread the request, or send it elsewhere.
    "content-length": "httpx sets it from the request (a GET has no body)",
    "transfer-encoding": "httpx sets it from the request (a GET has no body)",
    "host": "the host is base_url's: Piriod(base_url=...)",
    "connection": "httpx manages connections (a shared pool)",
    "cookie": "cookies belong to an http_client of your own",
}
# An HTTP header name (RFC 9110 token).
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# What a header value can carry as piriod sends it: printable ASCII and the space.
_HEADER_VALUE = re.compile(r"[\x20-\x7e]*")


def check_extra_headers(extra_headers: object) -> dict[str, str]:
    """The headers a call adds to each of its requests (`extra_headers=`), checked before any
    request: names must be HTTP header names, values one line of printable ASCII (never
    quoted in the error: a header may carry a secret), and none may be one piriod sets from
    the client's settings (Authorization above all). A ValueError or TypeError says which."""
    if extra_headers is None:
        return {}
    if not isinstance(extra_headers, Mapping):
        raise TypeError(
            f"extra_headers must be a mapping of header names to values, e.g."
            f" {{'Idempotency-Key': '...'}}, not {type(extra_headers).__name__}"
        )
    checked: dict[str, str] = {}
    for name, value in extra_headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise ValueError(f"extra_headers: {name!r} is not an HTTP header name")
        reason = _RESERVED_HEADERS.get(name.lower())
        if reason is not None:
            raise ValueError(f"extra_headers may not set {name!r}: {reason}")
        if not isinstance(value, str):
            raise TypeError(
                f"extra_headers[{name!r}] is {type(value).__name__}; header values are str"
            )
        if not _HEADER_VALUE.fullmatch(value):
            raise ValueError(
                f"extra_headers[{name!r}] holds a line break, a control or a non-ASCII"
                " character, which an HTTP header cannot carry (its value is not shown)"
            )
        checked[name] = value
    return checked
