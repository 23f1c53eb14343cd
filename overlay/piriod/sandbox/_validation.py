"""The parameters of the two operations, checked exactly as openapi.yaml declares them.

A value the contract refuses gets a 400 in Django REST framework's shape, `{"<parameter>":
["<message>"]}` (every bad parameter at once); a value it accepts is served. So a client that
works against the sandbox sends only what the contract allows:

- integers (`page`, `page_size`): ASCII digits, optionally after `-`, within the declared
  bounds (no `+1`, `1.0`, `1_000`, spaces or other scripts' digits);
- booleans (`x-piriod-test-mode`): `true` or `false`, nothing else;
- date-times (`created`, `created__gte`, `created__lte`): RFC 3339, i.e. a date, `T`, a time
  and an offset (`Z` or `+hh:mm`); a date alone or a time without offset is refused;
- strings: anything but empty (OpenAPI's `allowEmptyValue` defaults to false).

Parameters the contract does not declare (e.g. `metadata__<key>`) are not checked here.
`x-simple-workspace` is checked with the credentials (its 400 is the documented one).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Final, Literal

import attrs

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "PARAMETERS",
    "Checked",
    "Parameter",
    "check_parameters",
    "parse_date_time",
]

MAX_PAGE_SIZE: Final = 100
DEFAULT_PAGE_SIZE: Final = 20

Kind = Literal["integer", "boolean", "date-time", "string"]

_INTEGER = re.compile(r"-?[0-9]+")
_DATE_TIME = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})[Tt]"
    r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]+))?"
    r"(?:(?P<zulu>[Zz])|(?P<sign>[+-])(?P<off_hour>[0-9]{2}):(?P<off_minute>[0-9]{2}))"
)
_HTTP_WHITESPACE = " \t"  # optional whitespace around a header value is not part of it

INVALID_INTEGER: Final = "A valid integer is required."
INVALID_BOOLEAN: Final = "Must be a valid boolean."
INVALID_DATE_TIME: Final = "Enter a valid date/time."
BLANK: Final = "This field may not be blank."


@attrs.frozen
class Parameter:
    """One parameter as openapi.yaml declares it."""

    name: str
    kind: Kind
    location: Literal["query", "header"] = "query"
    minimum: int | None = None
    maximum: int | None = None


_SHARED = (
    Parameter("x-piriod-test-mode", "boolean", location="header"),
    Parameter("page", "integer", minimum=1),
    Parameter("page_size", "integer", minimum=1, maximum=MAX_PAGE_SIZE),
    Parameter("ordering", "string"),
    Parameter("search", "string"),
)

# Per resource, every parameter of its operation but x-simple-workspace.
PARAMETERS: Final[Mapping[str, tuple[Parameter, ...]]] = {
    "customers": (
        *_SHARED,
        *(
            Parameter(name, "string")
            for name in ("country", "email", "name", "tax_id", "subscriptions", "sources")
        ),
        *(Parameter(name, "date-time") for name in ("created", "created__gte", "created__lte")),
    ),
    "products": (*_SHARED, Parameter("name", "string"), Parameter("plans", "string")),
}


@attrs.frozen
class Checked:
    """The outcome: the errors by parameter, or the values the handler needs."""

    errors: dict[str, list[str]]
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    test_mode: bool = False


def parse_date_time(text: str) -> datetime.datetime | None:
    """The instant an RFC 3339 date-time names, or None if `text` is not one. Fractions past
    microseconds are cut; a leap second (`:60`) is refused, as openapi-core refuses it."""
    match = _DATE_TIME.fullmatch(text)
    if match is None:
        return None
    part = match.groupdict()
    try:
        if part["zulu"]:
            offset = datetime.timedelta(0)
        else:
            off_hour, off_minute = int(part["off_hour"]), int(part["off_minute"])
            if off_hour > 23 or off_minute > 59:
                return None
            offset = datetime.timedelta(hours=off_hour, minutes=off_minute)
            offset = -offset if part["sign"] == "-" else offset
        return datetime.datetime(
            int(part["year"]),
            int(part["month"]),
            int(part["day"]),
            int(part["hour"]),
            int(part["minute"]),
            int(part["second"]),
            int((part["fraction"] or "0")[:6].ljust(6, "0")),
            tzinfo=datetime.timezone(offset),
        )
    except ValueError:  # month 13, February 30, hour 24, second 60, ...
        return None


Outcome = tuple[str | None, object]  # (error message or None, parsed value)
_MOST_DIGITS = 4000


def _integer(parameter: Parameter, raw: str) -> Outcome:
    if not _INTEGER.fullmatch(raw):
        return INVALID_INTEGER, None
    digits = raw.lstrip("0") or "0"
    # Python refuses to read more than 4,300 digits; any such number is past every bound.
    number = int(digits) if len(digits) <= _MOST_DIGITS else 10**_MOST_DIGITS
    if parameter.minimum is not None and number < parameter.minimum:
        return f"Ensure this value is greater than or equal to {parameter.minimum}.", None
    if parameter.maximum is not None and number > parameter.maximum:
        return f"Ensure this value is less than or equal to {parameter.maximum}.", None
    return None, number


def _boolean(_: Parameter, raw: str) -> Outcome:
    value = raw.strip(_HTTP_WHITESPACE)
    return (None, value == "true") if value in ("true", "false") else (INVALID_BOOLEAN, None)


def _date_time(_: Parameter, raw: str) -> Outcome:
    moment = parse_date_time(raw)
    return (INVALID_DATE_TIME, None) if moment is None else (None, moment)


def _string(_: Parameter, raw: str) -> Outcome:
    return (BLANK, None) if raw == "" else (None, raw)


_CHECKS: Final[Mapping[Kind, Callable[[Parameter, str], Outcome]]] = {
    "integer": _integer,
    "boolean": _boolean,
    "date-time": _date_time,
    "string": _string,
}


def check_parameters(
    resource: str, query: Mapping[str, str], headers: Mapping[str, str]
) -> Checked:
    """Checks a request's parameters (`query`: the last value of each; `headers`: lower-case
    names) against what `resource`'s operation declares."""
    errors: dict[str, list[str]] = {}
    values: dict[str, object] = {}
    for parameter in PARAMETERS[resource]:
        source = headers if parameter.location == "header" else query
        raw = source.get(parameter.name)
        if raw is None:
            continue
        error, value = _CHECKS[parameter.kind](parameter, raw)
        if error is None:
            values[parameter.name] = value
        else:
            errors[parameter.name] = [error]
    if errors:
        return Checked(errors)
    page, page_size = values.get("page"), values.get("page_size")
    return Checked(
        {},
        page=page if isinstance(page, int) else 1,
        page_size=page_size if isinstance(page_size, int) else DEFAULT_PAGE_SIZE,
        test_mode=values.get("x-piriod-test-mode") is True,
    )
