"""Hypothesis strategies and properties that fuzz piriod with server replies.

Two promises of the README are fuzzed, by `make test` (tests/test_fuzz.py, a bounded seeded
slice) and by `make fuzz` (scripts/fuzz.py, thousands of cases):

- A page that `openapi.yaml` allows always parses, however many fields and enum values it
  carries that the spec does not list yet: an unknown enum value stays its string, an unknown
  field stays reachable through `additional_properties`.
- Any other reply (any status, body or headers) yields a `Page` or raises a `PiriodError`,
  never a KeyError, TypeError, ValueError, JSONDecodeError or anything else untyped.
- Typed means typed: every value of every item handed out fits its annotation (checked by
  tests/annotations_check.py, which reads only the annotations), and a page with values of
  the wrong type gives the same items and the same skipped items by every parse path.

Schema-valid pages come from openapi.yaml itself, through a small translator for the subset
of JSON Schema the spec uses, so a field or enum value added to the spec is fuzzed without
touching this file, and a keyword the translator does not know stops it loudly.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import datetime
import enum
import functools
import gzip
import itertools
import json
import math
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from unittest import mock

import httpx
import yaml
from annotations_check import annotation_violations
from hypothesis import strategies as st
from openapi_schema_validator import oas31_format_checker

import piriod
from piriod import UNSET, Page, _endpoints
from piriod._config import DEFAULT_MAX_RESPONSE_BYTES
from piriod._endpoints import CUSTOMERS, PRODUCTS, parse_page
from piriod._retries import RetryPolicy

from conftest import SPEC_PATH, TOKEN, WORKSPACE
from test_contract import validator_for

__all__ = [
    "COUNTS",
    "ENDPOINTS",
    "CaseCounts",
    "EndpointName",
    "HostileReply",
    "api_timestamps",
    "check_broken_page_typed",
    "check_hostile_reply",
    "check_schema_valid_page",
    "hostile_replies",
    "schema_valid_pages",
]

EndpointName = Literal["customers", "products"]
ENDPOINTS: tuple[EndpointName, ...] = ("customers", "products")
PAGE_SCHEMAS: dict[EndpointName, str] = {"customers": "CustomerList", "products": "ProductList"}
ITEM_SCHEMAS: dict[EndpointName, str] = {"customers": "Customer", "products": "Product"}
BASE_URL = "https://api.piriod.com"
_SCHEMA_REF_PREFIX = "#/components/schemas/"


def _load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml.safe_load(file)
    return loaded


SPEC = _load_spec()


# --- counting --------------------------------------------------------------------------------


@dataclass
class CaseCounts:
    """How many cases the properties tried, and what went wrong, for the runner's summary."""

    schema_valid_pages: int = 0
    hostile_replies: int = 0
    broken_pages: int = 0
    untyped_exceptions: int = 0
    # Items handed out, and values among them that do not fit their annotation.
    items_checked: int = 0
    annotation_violations: int = 0
    # "OverflowError at _endpoints.py:145" -> cases; shrinking replays a failure many times,
    # so the distinct origins say more than the total.
    untyped_origins: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.schema_valid_pages + self.hostile_replies + self.broken_pages


COUNTS = CaseCounts()


def _origin(exc: BaseException) -> str:
    """Where an exception was raised, as "OverflowError at _endpoints.py:178"."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}{where}"


# --- the spec's schemas ----------------------------------------------------------------------


def schema_named(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = SPEC["components"]["schemas"][name]
    return schema


def resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The schema a `$ref` points at (siblings of a `$ref`, like `description`, say nothing)."""
    while "$ref" in schema:
        schema = schema_named(_ref_name(schema["$ref"]))
    return schema


def _ref_name(ref: str) -> str:
    if not ref.startswith(_SCHEMA_REF_PREFIX):
        raise ValueError(f"the fuzz translator only follows {_SCHEMA_REF_PREFIX}... refs: {ref}")
    return ref.removeprefix(_SCHEMA_REF_PREFIX)


def _page_validator(endpoint: EndpointName) -> Any:
    # validator_for checks types only; `format` is an annotation unless a checker is given,
    # and "created": "yesterday" must not pass for schema-valid.
    validator = validator_for(SPEC, f"/components/schemas/{PAGE_SCHEMAS[endpoint]}")
    return validator.evolve(format_checker=oas31_format_checker)


PAGE_VALIDATORS: dict[EndpointName, Any] = {name: _page_validator(name) for name in ENDPOINTS}


# --- values the API sends --------------------------------------------------------------------


def json_scalars(*, allow_nan: bool = False) -> st.SearchStrategy[Any]:
    """null, booleans, integers, floats and short strings; with `allow_nan`, also the NaN and
    Infinity that Python's json writes and reads although JSON has neither."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=allow_nan, allow_infinity=allow_nan),
        st.text(max_size=20),
    )


@functools.cache
def json_values(*, allow_nan: bool = False) -> st.SearchStrategy[Any]:
    """Any JSON value, small."""
    scalars = json_scalars(allow_nan=allow_nan)
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
        ),
        max_leaves=8,
    )


@functools.cache
def field_values() -> st.SearchStrategy[Any]:
    """What an unknown field or a metadata key holds: a scalar, or a list or object of them.
    Shallower than `json_values` because a page has a dozen objects that each get some, and
    the depth says nothing new to a parser that keeps the value as it is."""
    scalars = json_scalars()
    return st.one_of(
        scalars,
        st.lists(scalars, max_size=3),
        st.dictionaries(st.text(max_size=10), scalars, max_size=3),
    )


# Offsets of the examples and of Piriod's customers (Chile, Colombia, Mexico, the US).
_COMMON_ZONES = ("Z", "-03:00", "-04:00", "-05:00", "-06:00", "-07:00", "+00:00")


def _utc_offset(sign: str, hours: int, minutes: int) -> str:
    return f"{sign}{hours:02d}:{minutes:02d}"


# Strategies a composite draws from are built once: building them per draw costs more than
# drawing from them.
_MOMENTS = st.datetimes(
    min_value=datetime.datetime(1, 1, 1),  # naive: only the digits are used
    max_value=datetime.datetime(9999, 12, 31, 23, 59, 59, 999999),
)
_TIMESTAMP_ZONES = st.one_of(
    st.sampled_from(_COMMON_ZONES),
    st.builds(_utc_offset, st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)),
)


@functools.cache
@st.composite
def api_timestamps(draw: st.DrawFn) -> str:
    """A date-time as the API writes it: 'YYYY-MM-DDTHH:MM:SS', an optional fraction of 1 to 6
    digits, then 'Z' or an offset such as '-03:00'.

    RFC 3339, and so the spec's `format: date-time`, also allows a lowercase 'z'
    ('2026-01-05T10:00:00z'), which Python 3.11's fromisoformat, and so the generated models,
    reject. The API writes 'Z', so it is not generated here; the mismatch is reported.
    """
    moment = draw(_MOMENTS)
    digits = draw(st.integers(0, 6))
    fraction = f".{moment.microsecond:06d}"[: digits + 1] if digits else ""
    zone = draw(_TIMESTAMP_ZONES)
    # Not strftime: glibc writes year 1 as '1', not '0001'.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{fraction}{zone}"
    )


@functools.cache
def page_urls() -> st.SearchStrategy[str]:
    """`next`/`previous` links, including the foreign hosts and http:// the API has sent."""
    return st.builds(
        "{}://{}/{}/?page={}&page_size={}".format,
        st.sampled_from(["https", "http"]),
        st.sampled_from(["api.piriod.com", "evil.example", "127.0.0.1:8000"]),
        st.sampled_from(ENDPOINTS),
        st.integers(1, 10**6),
        st.integers(1, 100),
    )


@functools.cache
def unknown_field_names(declared: frozenset[str]) -> st.SearchStrategy[str]:
    """Field names the schema does not declare: plausible new API fields and odd keys."""
    return st.one_of(
        st.from_regex(r"[a-z][a-z0-9_]{0,24}", fullmatch=True), st.text(max_size=12)
    ).filter(lambda name: name not in declared)


@functools.cache
def unknown_enum_values(listed: frozenset[str]) -> st.SearchStrategy[str]:
    """Strings an open enum does not list: plausible new values and odd text."""
    return st.one_of(
        st.from_regex(r"[a-z][a-z_]{0,19}", fullmatch=True), st.text(max_size=20)
    ).filter(lambda value: value not in listed)


# --- schema -> strategy ----------------------------------------------------------------------

# Every keyword openapi.yaml's schemas use. Meeting another one means the spec grew a
# constraint the translator would silently ignore, generating pages the spec forbids.
_KNOWN_KEYWORDS = frozenset(
    {
        "$ref",
        "additionalProperties",
        "anyOf",
        "default",
        "description",
        "enum",
        "examples",
        "format",
        "items",
        "maximum",
        "minimum",
        "oneOf",
        "pattern",
        "properties",
        "required",
        "type",
        "x-piriod-evidence",  # where a statement comes from: says nothing about values
    }
)


def _merge_fields(declared_and_extra: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    declared, extra = declared_and_extra
    return {**declared, **extra}


class SchemaTranslator:
    """Turns the JSON Schema subset of openapi.yaml into Hypothesis strategies.

    Follows `$ref`, `anyOf`/`oneOf`, type lists (nullability), required and optional
    properties, enums, patterns, minimums and array items. With `extra_fields`, every open
    object also gets fields the spec does not declare; with `unknown_enums`, the string
    branch beside an enum (`anyOf: [CustomerStatus, string]`) yields values the enum does not
    list, so unknown values are fuzzed on purpose rather than by luck.

    The spec's `oneOf`s are "object or null", disjoint by type, so a value never matches two
    branches; the properties validate every page anyway.
    """

    def __init__(self, *, extra_fields: bool, unknown_enums: bool, max_array_size: int = 3):
        self._extra_fields = extra_fields
        self._unknown_enums = unknown_enums
        self._max_array_size = max_array_size
        self._named: dict[str, st.SearchStrategy[Any]] = {}

    def named(self, name: str) -> st.SearchStrategy[Any]:
        """The strategy of `components/schemas/<name>` (deferred, so cycles would be fine)."""
        if name not in self._named:
            self._named[name] = st.deferred(lambda: self.translate(schema_named(name)))
        return self._named[name]

    def translate(self, schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
        unknown = set(schema) - _KNOWN_KEYWORDS
        if unknown:
            raise ValueError(f"the fuzz translator does not know {sorted(unknown)} in {schema}")
        if "$ref" in schema:
            return self.named(_ref_name(schema["$ref"]))
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                return self._alternatives(schema[keyword])
        kind = schema.get("type")
        if isinstance(kind, list):
            return st.one_of([self.translate({**schema, "type": each}) for each in kind])
        return self._of_type(kind, schema)

    def _of_type(self, kind: str | None, schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
        simple: dict[str | None, st.SearchStrategy[Any]] = {
            None: json_values(),  # no type at all: anything JSON
            "null": st.none(),
            "boolean": st.booleans(),
            "integer": _integers(schema.get("minimum"), schema.get("maximum")),
            "number": st.one_of(
                _integers(schema.get("minimum"), schema.get("maximum")),
                st.floats(
                    schema.get("minimum"),
                    schema.get("maximum"),
                    allow_nan=False,
                    allow_infinity=False,
                ),
            ),
        }
        if kind in simple:
            return simple[kind]
        if kind == "string":
            return self._string(schema)
        if kind == "array":
            items = self.translate(schema.get("items", {}))
            return st.lists(items, max_size=self._max_array_size)
        if kind == "object":
            return self._object(schema)
        raise ValueError(f"the fuzz translator does not know the type {kind!r}")

    def _string(self, schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
        match schema.get("format"):
            case "date-time":
                return api_timestamps()
            case "uri":
                return page_urls()
            case None:
                pass
            case other:
                raise ValueError(f"the fuzz translator does not know the format {other!r}")
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        text = st.text(max_size=30)
        examples = schema.get("examples")
        return st.one_of(st.sampled_from(examples), text) if examples else text

    def _alternatives(self, branches: list[Mapping[str, Any]]) -> st.SearchStrategy[Any]:
        listed = frozenset(
            value for branch in branches for value in resolve(branch).get("enum", ())
        )
        strategies = []
        for branch in branches:
            if listed and self._unknown_enums and _is_plain_string(branch):
                strategies.append(unknown_enum_values(listed))
            else:
                strategies.append(self.translate(branch))
        return st.one_of(strategies)

    def _object(self, schema: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        properties: Mapping[str, Mapping[str, Any]] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        declared = st.fixed_dictionaries(
            {name: self.translate(sub) for name, sub in properties.items() if name in required},
            optional={
                name: self.translate(sub)
                for name, sub in properties.items()
                if name not in required
            },
        )
        additional = schema.get("additionalProperties", True)
        if additional is False:
            return declared
        if not properties:  # a free-form map (TaxSettings, Metadata): its content is its point
            values = field_values() if additional is True else self.translate(additional)
            return st.dictionaries(st.text(max_size=15), values, max_size=4)
        if not self._extra_fields:
            return declared
        values = field_values() if additional is True else self.translate(additional)
        extra = st.dictionaries(unknown_field_names(frozenset(properties)), values, max_size=3)
        return st.tuples(declared, extra).map(_merge_fields)


def _integers(minimum: int | None, maximum: int | None) -> st.SearchStrategy[int]:
    """Integers in range, and past 64 bits and a float's range when the schema sets no bound
    (JSON integers have no size; Hypothesis alone rarely draws that far). Below Python's
    4,300-digit limit, which json.dumps would hit first."""
    strategies = [st.integers(minimum, maximum)]
    if maximum is None:
        strategies.append(st.integers(max(minimum or 0, 2**63), 10**1000))
    if minimum is None:
        strategies.append(st.integers(-(10**1000), min(maximum or 0, -(2**63))))
    return st.one_of(strategies)


def _is_plain_string(schema: Mapping[str, Any]) -> bool:
    return set(schema) <= {"type", "description"} and schema.get("type") == "string"


# Pages as the spec allows them, with unknown fields everywhere and unknown enum values.
_SCHEMA_VALID = SchemaTranslator(extra_fields=True, unknown_enums=True)
# Plain schema-valid pages, the starting point of the broken ones.
_PLAIN = SchemaTranslator(extra_fields=False, unknown_enums=False)


def schema_valid_pages(endpoint: EndpointName) -> st.SearchStrategy[dict[str, Any]]:
    """Pages `openapi.yaml` allows, with fields and enum values it does not list."""
    return _SCHEMA_VALID.named(PAGE_SCHEMAS[endpoint])


def plain_schema_valid_pages(endpoint: EndpointName) -> st.SearchStrategy[dict[str, Any]]:
    """Pages `openapi.yaml` allows, with only the fields and enum values it lists."""
    return _PLAIN.named(PAGE_SCHEMAS[endpoint])


# --- does the parsed item say what the JSON said? --------------------------------------------


def _is_json_type(value: object, kind: str) -> bool:
    if isinstance(value, bool):  # an int to Python, never an integer or number to JSON
        return kind == "boolean"
    checks: dict[str, Callable[[object], bool]] = {
        "null": lambda v: v is None,
        "boolean": lambda v: False,  # bools returned above
        "integer": lambda v: isinstance(v, int),
        "number": lambda v: isinstance(v, int | float),
        "string": lambda v: isinstance(v, str),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    return checks[kind](value)


def _fits(schema: Mapping[str, Any], value: object) -> bool:
    """Whether `value` has a JSON type the schema allows (all the branches here need)."""
    schema = resolve(schema)
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            return any(_fits(branch, value) for branch in schema[keyword])
    if "enum" in schema:
        return value in schema["enum"]
    kinds = schema.get("type")
    if kinds is None:
        return True
    return any(
        _is_json_type(value, kind) for kind in ([kinds] if isinstance(kinds, str) else kinds)
    )


def assert_parsed_like(schema: Mapping[str, Any], raw: object, parsed: object, where: str) -> None:
    """Fails unless the model `parsed` holds exactly what the JSON `raw` said, per `schema`:
    listed enum values as enum members, unknown ones as their very string, timestamps as
    the instants written, every undeclared field in `additional_properties`."""
    schema = resolve(schema)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches is not None:
        listed = {value for branch in branches for value in resolve(branch).get("enum", ())}
        if listed and isinstance(raw, str):
            if raw in listed:
                assert isinstance(parsed, enum.Enum), f"{where}: {raw!r} parsed as {parsed!r}"
                assert parsed.value == raw, f"{where}: {raw!r} parsed as {parsed!r}"
            else:
                assert type(parsed) is str, (
                    f"{where}: the unknown enum value {raw!r} became {parsed!r}, not its string"
                )
                assert parsed == raw, f"{where}: the unknown enum value {raw!r} became {parsed!r}"
            return
        fitting = [branch for branch in branches if _fits(branch, raw)]
        assert fitting, f"{where}: {raw!r} fits no branch of {schema} (a fuzzer bug)"
        assert_parsed_like(fitting[0], raw, parsed, where)
        return
    if raw is None:
        assert parsed is None, f"{where}: null parsed as {parsed!r}"
    elif isinstance(raw, dict):
        _assert_object_parsed_like(schema, raw, parsed, where)
    elif isinstance(raw, list):
        assert isinstance(parsed, list), f"{where}: a list parsed as {parsed!r}"
        assert len(parsed) == len(raw), f"{where}: {len(raw)} entries parsed as {len(parsed)}"
        for index, (raw_entry, parsed_entry) in enumerate(zip(raw, parsed, strict=True)):
            assert_parsed_like(
                schema.get("items", {}), raw_entry, parsed_entry, f"{where}[{index}]"
            )
    elif schema.get("format") == "date-time":
        assert isinstance(raw, str)
        written = datetime.datetime.fromisoformat(raw)
        assert isinstance(parsed, datetime.datetime), f"{where}: {raw!r} parsed as {parsed!r}"
        assert parsed == written, f"{where}: {raw!r} parsed as {parsed!r}"
        assert parsed.utcoffset() == written.utcoffset(), f"{where}: {raw!r} lost its offset"
    else:
        assert type(parsed) is type(raw), f"{where}: {raw!r} parsed as {parsed!r}"
        assert parsed == raw, f"{where}: {raw!r} parsed as {parsed!r}"


def _assert_object_parsed_like(
    schema: Mapping[str, Any], raw: dict[str, Any], parsed: object, where: str
) -> None:
    extra = getattr(parsed, "additional_properties", None)
    assert isinstance(extra, dict), f"{where}: an object was not parsed into a model: {parsed!r}"
    properties: Mapping[str, Mapping[str, Any]] = schema.get("properties", {})
    for name, sub in properties.items():
        value = getattr(parsed, name)
        if name in raw:
            assert_parsed_like(sub, raw[name], value, f"{where}.{name}")
        else:
            assert value is UNSET, f"{where}.{name}: absent from the JSON but parsed as {value!r}"
    unknown = {name: value for name, value in raw.items() if name not in properties}
    assert extra == unknown, (
        f"{where}: unknown fields {unknown!r} are not reachable as they were: {extra!r}"
    )


# --- driving the two clients -----------------------------------------------------------------


@dataclass
class Exchange:
    """What one call did on the wire: the requests it sent and the waits it asked for."""

    requests: int = 0
    waits: list[float] = field(default_factory=list)


Respond = Callable[[], httpx.Response]
# What a call returned, or the exception it raised (for the property to judge).
Outcome = Page[Any] | Exception
Fetch = Callable[..., Outcome]

# No call sleeps for real here; one this slow did, through a sleep the patches missed.
_SLOWEST_CALL = 10.0


def _check_did_not_sleep(started: float, client_kind: str) -> None:
    elapsed = time.monotonic() - started
    assert elapsed < _SLOWEST_CALL, (
        f"a {client_kind} call took {elapsed:.0f} s: the client slept for real, so the fuzz"
        " harness no longer patches the sleep it uses (time.sleep / anyio.sleep)"
    )


def fetch_page_sync(
    endpoint: EndpointName,
    respond: Respond,
    *,
    page: int,
    page_size: int,
    max_retries: int,
    exchange: Exchange,
) -> Outcome:
    """One `page()` call through `Piriod`, every reply made by `respond`, sleeping recorded
    instead of done. Returns what the call returned or raised; whatever the harness itself
    raises (building clients, patching) propagates, so it is never blamed on the client."""

    def handler(request: httpx.Request) -> httpx.Response:
        exchange.requests += 1
        return respond()

    def sleep(seconds: float) -> None:
        exchange.waits.append(seconds)

    # time.sleep itself, not a name in piriod._client: right however the client imports it.
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        mock.patch("time.sleep", new=sleep),
    ):
        client = piriod.Piriod(
            token=TOKEN,
            workspace=WORKSPACE,
            test_mode=False,
            base_url=BASE_URL,
            http_client=http,
            max_retries=max_retries,
        )
        resource = client.customers if endpoint == "customers" else client.products
        started = time.monotonic()
        try:
            outcome: Outcome = resource.page(page=page, page_size=page_size)
        except Exception as exc:
            outcome = exc
    _check_did_not_sleep(started, "sync")
    return outcome


def fetch_page_async(
    endpoint: EndpointName,
    respond: Respond,
    *,
    page: int,
    page_size: int,
    max_retries: int,
    exchange: Exchange,
) -> Outcome:
    """The same call through `AsyncPiriod`, in an event loop of its own."""

    def handler(request: httpx.Request) -> httpx.Response:
        exchange.requests += 1
        return respond()

    async def sleep(seconds: float) -> None:
        exchange.waits.append(seconds)

    async def call() -> Outcome:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = piriod.AsyncPiriod(
                token=TOKEN,
                workspace=WORKSPACE,
                test_mode=False,
                base_url=BASE_URL,
                http_client=http,
                max_retries=max_retries,
            )
            resource = client.customers if endpoint == "customers" else client.products
            try:
                return await resource.page(page=page, page_size=page_size)
            except Exception as exc:
                return exc

    started = time.monotonic()
    with mock.patch("anyio.sleep", new=sleep):  # anyio's own, however the client imports it
        outcome = asyncio.run(call())
    _check_did_not_sleep(started, "async")
    return outcome


DRIVERS: tuple[tuple[str, Fetch], ...] = (("sync", fetch_page_sync), ("async", fetch_page_async))


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


# --- property (a): schema-valid pages parse --------------------------------------------------


def check_schema_valid_page(endpoint: EndpointName, page: dict[str, Any]) -> None:
    """A page openapi.yaml allows, served with 200, parses through both clients into exactly
    its items, with unknown enum values kept as strings and unknown fields reachable."""
    COUNTS.schema_valid_pages += 1
    problems = sorted(PAGE_VALIDATORS[endpoint].iter_errors(page), key=str)
    assert not problems, f"the strategy made a page openapi.yaml rejects (a fuzzer bug): {problems}"
    body = json.dumps(page, ensure_ascii=False, allow_nan=False).encode()
    wire = json.loads(body)
    item_schema = schema_named(ITEM_SCHEMAS[endpoint])
    for client_kind, fetch in DRIVERS:
        parsed = fetch(
            endpoint,
            lambda: httpx.Response(200, content=body, headers={"content-type": "application/json"}),
            page=1,
            page_size=100,
            max_retries=0,
            exchange=Exchange(),
        )
        if isinstance(parsed, Exception):
            if not isinstance(parsed, piriod.PiriodError):
                COUNTS.untyped_exceptions += 1
                COUNTS.untyped_origins[_origin(parsed)] += 1
            raise AssertionError(
                f"the {client_kind} client did not parse a schema-valid {endpoint} page:"
                f" {type(parsed).__name__}: {parsed}"
            ) from parsed
        assert parsed.count == wire["count"]
        assert len(parsed.items) == len(wire["results"]), (
            f"{client_kind}: {len(wire['results'])} results parsed as {len(parsed.items)} items"
        )
        check_typed(parsed, client_kind)
        for index, (raw, item) in enumerate(zip(wire["results"], parsed.items, strict=True)):
            assert_parsed_like(item_schema, raw, item, f"{client_kind}: results[{index}]")


# --- typed means typed -----------------------------------------------------------------------


def check_typed(page: Page[Any], where: str) -> None:
    """Every value of every item of the page fits its annotation."""
    for index, item in enumerate(page.items):
        COUNTS.items_checked += 1
        problems = annotation_violations(item, f"{where}: items[{index}]")
        COUNTS.annotation_violations += len(problems)
        assert not problems, f"values that contradict their annotations: {problems}"


# The three ways a page is parsed: the wire path (the `fast` extra), msgspec dicts and
# from_dict (pages the wire path refuses), the stdlib and from_dict (without the extra).
_PARSE_WAYS: dict[str, dict[str, Any]] = {
    "wire": {},
    "msgspec-dicts": {"_wire": lambda model: None},
    "stdlib": {"_wire": lambda model: None, "_fast_loads": lambda: None},
}


_ENDPOINTS: dict[EndpointName, _endpoints.Endpoint[Any]] = {
    "customers": CUSTOMERS,
    "products": PRODUCTS,
}


def _parsed_every_way(endpoint: EndpointName, body: bytes, on_invalid: Any) -> dict[str, Any]:
    """Per way: the items' JSON and the skipped items' (index, id, field, expected, found),
    or the message of the error the page raised."""
    response = httpx.Response(
        200, content=body, request=httpx.Request("GET", f"{BASE_URL}/{endpoint}/")
    )
    by_way: dict[str, Any] = {}
    for way, patches in _PARSE_WAYS.items():
        with contextlib.ExitStack() as stack:
            for name, replacement in patches.items():
                stack.enter_context(mock.patch.object(_endpoints, name, replacement))
            try:
                page: Page[Any] = parse_page(
                    _ENDPOINTS[endpoint],
                    response,
                    page=1,
                    page_size=100,
                    on_invalid=on_invalid,
                )
            except piriod.InvalidItemError as error:
                fields = (error.index, error.item_id, error.field, error.expected, error.found)
                by_way[way] = ("invalid", *fields)
                continue
            except piriod.UnexpectedResponseError as error:  # the page itself is broken
                by_way[way] = ("raised", str(error))
                continue
            check_typed(page, way)
            skipped = [(e.index, e.item_id, e.field, e.expected, e.found) for e in page.skipped]
            by_way[way] = ([item.to_dict() for item in page.items], skipped)
    return by_way


def _raising_as_skipping_says(skipping: Any) -> Any:
    """What on_invalid="raise" gives, judging by what "skip" gave: the error for the first
    item skipped; the same items when none was; the same error when the page is broken."""
    if skipping[0] == "raised":
        return skipping
    items, skipped = skipping
    return ("invalid", *skipped[0]) if skipped else (items, [])


def check_broken_page_typed(page: object) -> None:
    """A page with values deleted or of the wrong type, parsed with on_invalid="skip" and
    "raise" by each way: only well-typed items are handed out, every way gives the same
    items, skipped items and errors, and "raise" raises for the first item "skip" skips."""
    COUNTS.broken_pages += 1
    body = json.dumps(page).encode()  # NaN and Infinity too, as Python's json writes them
    for endpoint in ENDPOINTS:
        skipping = _parsed_every_way(endpoint, body, "skip")
        assert skipping["wire"] == skipping["msgspec-dicts"] == skipping["stdlib"], skipping
        raising = _parsed_every_way(endpoint, body, "raise")
        assert raising["wire"] == raising["msgspec-dicts"] == raising["stdlib"], raising
        assert raising["wire"] == _raising_as_skipping_says(skipping["wire"])


# --- hostile replies -------------------------------------------------------------------------

# Runs of one byte longer than this are written as `b'[' * 5000` when a reply is shown.
_RUN_SHOWN_AS_PRODUCT = 12


def _bytes_expression(data: bytes) -> str:
    """A Python expression equal to `data`, short even for 100,000 nested brackets."""
    parts: list[str] = []
    literal = bytearray()
    for byte, run in itertools.groupby(data):
        length = len(list(run))
        if length > _RUN_SHOWN_AS_PRODUCT:
            if literal:
                parts.append(repr(bytes(literal)))
                literal.clear()
            parts.append(f"{bytes([byte])!r} * {length}")
        else:
            literal.extend([byte] * length)
    if literal or not parts:
        parts.append(repr(bytes(literal)))
    return " + ".join(parts)


@dataclass(frozen=True)
class HostileReply:
    """One reply the server (or a proxy in front of it) might send, and the call it answers."""

    endpoint: EndpointName
    status: int
    body: bytes
    headers: tuple[tuple[str, bytes], ...]
    page: int = 1
    page_size: int = 20
    max_retries: int = 0

    def response(self) -> httpx.Response:
        # A stream, not content=: httpx then decodes (gunzips) inside the client, as on the
        # wire, instead of in this constructor.
        headers = [(name.encode("ascii"), value) for name, value in self.headers]
        return httpx.Response(self.status, headers=headers, stream=httpx.ByteStream(self.body))

    @property
    def declares_encoding(self) -> bool:
        return any(name.lower() == "content-encoding" for name, _ in self.headers)

    @property
    def over_the_size_cap(self) -> bool:
        """Its body, or the Content-Length it declares, passes the client's reply cap."""
        if len(self.body) > DEFAULT_MAX_RESPONSE_BYTES:
            return True
        return any(
            name.lower() == "content-length"
            and value.strip().isdigit()
            and int(value) > DEFAULT_MAX_RESPONSE_BYTES
            for name, value in self.headers
        )

    def __repr__(self) -> str:
        return (
            f"HostileReply(endpoint={self.endpoint!r}, status={self.status},"
            f" body={_bytes_expression(self.body)}, headers={self.headers!r}, page={self.page},"
            f" page_size={self.page_size}, max_retries={self.max_retries})"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """What Hypothesis prints for a falsifying example: the short repr, not the fields."""
        printer.text(repr(self))


_STATUS_ERRORS: dict[int, type[piriod.APIStatusError]] = {
    400: piriod.BadRequestError,
    401: piriod.AuthenticationError,
    403: piriod.PermissionDeniedError,
    404: piriod.NotFoundError,
    429: piriod.RateLimitError,
}


def _check_error_fits_reply(reply: HostileReply, error: piriod.PiriodError, where: str) -> None:
    """The error is the one the README's error tree (section Errors) names for this status,
    and it hides the token."""
    assert TOKEN not in str(error), f"{where}: the token is in str() of {error!r}"
    assert TOKEN not in repr(error), f"{where}: the token is in repr() of {error!r}"
    if isinstance(error, piriod.UnexpectedResponseError):
        # A success with a bad body, a body that could not be decoded (a lying gzip), or a
        # reply over the size cap, whatever its status.
        assert (
            reply.status in range(200, 300) or reply.declares_encoding or reply.over_the_size_cap
        ), f"{where}: UnexpectedResponseError for status {reply.status}: {error}"
        return
    assert isinstance(error, piriod.APIStatusError), f"{where}: {error!r} for {reply!r}"
    assert error.status_code == reply.status, f"{where}: {error!r} for status {reply.status}"
    if 100 <= reply.status <= 599:
        expected = _STATUS_ERRORS.get(
            reply.status, piriod.ServerError if reply.status >= 500 else piriod.APIStatusError
        )
        assert type(error) is expected, f"{where}: {type(error).__name__} for {reply.status}"
    if isinstance(error, piriod.RateLimitError) and error.retry_after is not None:
        assert math.isfinite(error.retry_after), f"{where}: retry_after={error.retry_after}"
        assert error.retry_after >= 0, f"{where}: retry_after={error.retry_after}"


_MAX_WAIT = RetryPolicy().max_retry_after


def _check_exchange(reply: HostileReply, exchange: Exchange, where: str) -> None:
    assert 1 <= exchange.requests <= reply.max_retries + 1, (
        f"{where}: {exchange.requests} requests with max_retries={reply.max_retries}"
    )
    for wait in exchange.waits:
        assert math.isfinite(wait), f"{where}: asked to sleep {wait} s"
        assert 0 <= wait <= _MAX_WAIT, f"{where}: asked to sleep {wait} s"


class UntypedExceptionError(AssertionError):
    """A call let out an exception that is not a PiriodError (its cause is the culprit)."""


def check_hostile_reply(reply: HostileReply) -> None:
    """Through both clients, the reply yields a Page (2xx only) or raises the PiriodError its
    status calls for; nothing else escapes, and no call sleeps an absurd time."""
    COUNTS.hostile_replies += 1
    for client_kind, fetch in DRIVERS:
        exchange = Exchange()
        outcome = fetch(
            reply.endpoint,
            reply.response,
            page=reply.page,
            page_size=reply.page_size,
            max_retries=reply.max_retries,
            exchange=exchange,
        )
        if isinstance(outcome, piriod.PiriodError):
            _check_error_fits_reply(reply, outcome, client_kind)
        elif isinstance(outcome, Exception):
            COUNTS.untyped_exceptions += 1
            COUNTS.untyped_origins[_origin(outcome)] += 1
            raise UntypedExceptionError(
                f"the {client_kind} client let {type(outcome).__name__} escape: {outcome}"
                f"\n  reply: {reply!r}"
            ) from outcome
        else:
            assert 200 <= reply.status < 300, f"{client_kind}: a Page for status {reply.status}"
            assert outcome.page == reply.page, f"{client_kind}: page {outcome.page} handed out"
            check_typed(outcome, client_kind)
        _check_exchange(reply, exchange, client_kind)


# --- hostile bodies --------------------------------------------------------------------------


def _truncate(whole_and_cut: tuple[bytes, float]) -> bytes:
    whole, cut = whole_and_cut
    return whole[: int(len(whole) * cut)]


@functools.cache
def truncated_json() -> st.SearchStrategy[bytes]:
    """A valid page cut short, as a dropped connection or a full proxy buffer leaves it."""
    whole = st.sampled_from(ENDPOINTS).flatmap(schema_valid_pages).map(_json_bytes)
    return st.tuples(whole, st.floats(0, 1, exclude_max=True)).map(_truncate)


@functools.cache
def html_pages() -> st.SearchStrategy[bytes]:
    """The error page of a proxy or load balancer."""
    titles = st.one_of(
        st.sampled_from(
            ["502 Bad Gateway", "503 Service Unavailable", "Just a moment...", "Server Error"]
        ),
        st.text(max_size=20),
    )
    return st.builds(
        "<!DOCTYPE html><html><head><title>{0}</title></head>"
        "<body><h1>{0}</h1><p>{1}</p></body></html>".format,
        titles,
        st.text(max_size=100),
    ).map(str.encode)


@functools.cache
def encoded_text() -> st.SearchStrategy[bytes]:
    return st.builds(
        lambda text, codec: text.encode(codec, errors="replace"),
        st.text(max_size=200),
        st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "cp1252"]),
    )


@functools.cache
@st.composite
def deeply_nested_json(draw: st.DrawFn) -> bytes:
    """JSON nested deeper than any parser's recursion allows, alone or inside a page.

    Depths between 100 and 3,000 are left out: whether they exhaust the recursion limit
    depends on how deep the caller's stack already is (Hypothesis raises the limit while it
    runs), so a failure there would not replay and Hypothesis would call it flaky.
    """
    depth = draw(st.one_of(st.integers(1, 100), st.integers(3_000, 200_000)))
    opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
    nested = opener * depth + b"1" + closer * depth
    template = draw(
        st.sampled_from(
            [
                b"%s",
                b'{"detail": %s}',
                b'{"count": 1, "next": null, "results": [%s]}',
                b'{"count": 1, "results": [{"id": "cus_1", "name": "A", "metadata": %s}]}',
                b'{"page_size": %s, "non_field_errors": ["x"]}',
            ]
        )
    )
    return template % nested


@functools.cache
@st.composite
def huge_numbers(draw: st.DrawFn) -> bytes:
    """Numbers past a float's range or Python's 4300-digit limit, where a count or an amount
    would be."""
    digits = draw(st.integers(300, 6000))
    number = draw(
        st.sampled_from(
            [b"1" + b"0" * digits, b"-1" + b"0" * digits, b"1e%d" % digits, b"1." + b"5" * digits]
        )
    )
    template = draw(
        st.sampled_from(
            [
                b"%s",
                b'{"count": %s, "next": "https://api.piriod.com/customers/?page=2", "results": []}',
                b'{"count": %s, "next": null, "results": []}',
                b'{"count": 1, "results": [{"id": "x", "name": "y", "aggregations": {"sales": %s}}]}',  # noqa: E501
                b'{"count": 1, "results": [{"id": "x", "name": "y", "state": {"id": %s}}]}',
                b'{"detail": %s}',
                b'{"page": [%s]}',
            ]
        )
    )
    return template % number


# Each is valid JSON to some parser and odd to most.
_ODD_JSON_TEXTS = (
    b'\xef\xbb\xbf{"count": 0, "results": []}',
    b'{"count": NaN, "results": []}',
    b'{"count": Infinity, "results": []}',
    b'{"count": -Infinity, "next": "x", "results": []}',
    b'{"count": 1, "count": "one", "results": []}',
    b'{"count": 0, "results": []} trailing',
    b'  {"count": 0, "results": [] }\n\n',
    b'{"count": 1e2, "next": "x", "results": []}',
    b'{"count": -0, "results": []}',
    b'{"count": 0, "next": "\\ud800", "results": []}',
    b'{"detail": "\\udfff"}',
    b'"\\ud800"',
    b"\x00",
    '{"count": 0, "results": []}'.encode("utf-16"),
    '{"count": 0, "results": []}'.encode("utf-32"),
    b'{"count": 1, "results": [{"id": "x", "name": "y", "created": "\\u0000"}]}',
)

# Values of the wrong type wherever they land, the ones the issue names first.
_WRONG_VALUES: tuple[object, ...] = (
    5,
    "CL",
    "yesterday",
    [],
    {},
    None,
    True,
    -1,
    1.5,
    "",
    "2026-13-45T99:99:99Z",
    "NaN",
    [1, 2],
    {"id": None},
    10**400,
)


def _locations(
    document: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """The path to every value inside `document` (not the document itself)."""
    children: Iterator[tuple[str | int, object]]
    if isinstance(document, dict):
        children = iter(document.items())
    elif isinstance(document, list):
        children = enumerate(document)
    else:
        return
    for key, child in children:
        yield (*path, key)
        yield from _locations(child, (*path, key))


def _container_at(document: Any, path: tuple[str | int, ...]) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


_ITEM_FIELDS = {
    endpoint: st.sampled_from(sorted(schema_named(ITEM_SCHEMAS[endpoint])["properties"]))
    for endpoint in ENDPOINTS
}
_WRONG = st.one_of(st.sampled_from(_WRONG_VALUES), json_values(allow_nan=True)).map(copy.deepcopy)


@functools.cache
@st.composite
def broken_pages(draw: st.DrawFn) -> object:
    """A valid page with one to three values deleted or replaced by values of another type:
    items missing `id`, `contacts: 5`, `country: "CL"`, `aggregations: []`, `count: "5"`..."""
    endpoint = draw(st.sampled_from(ENDPOINTS))
    # Copies: the mutations below work in place, and a drawn value (the `{}` of _WRONG_VALUES)
    # must never be changed for the next draw, nor end up inside itself.
    page: Any = copy.deepcopy(draw(_PLAIN.named(PAGE_SCHEMAS[endpoint])))
    for _ in range(draw(st.integers(1, 3))):
        results = page.get("results")  # an earlier mutation may have broken it
        items = (
            [item for item in results if isinstance(item, dict)]
            if isinstance(results, list)
            else []
        )
        aim_at_an_item = draw(st.booleans())
        if items and aim_at_an_item:
            # Aim at an item's own fields, where most of the parsing happens.
            item = draw(st.sampled_from(items))
            name = draw(_ITEM_FIELDS[endpoint])
            if draw(st.booleans()):
                item.pop(name, None)
            else:
                item[name] = draw(_WRONG)
            continue
        locations = list(_locations(page))
        if not locations:  # every field deleted already: `{}` is broken enough
            break
        path = draw(st.sampled_from(locations))
        container = _container_at(page, path)
        if isinstance(container, dict) and draw(st.booleans()):
            del container[path[-1]]
        else:
            container[path[-1]] = draw(_WRONG)
    return page


@functools.cache
def error_bodies() -> st.SearchStrategy[object]:
    """What error replies carry: `detail`, DRF field errors, and the same with odd types."""
    field_names = st.one_of(st.sampled_from(["page_size", "page", "contacts", "email"]), st.text())
    messages = st.one_of(st.lists(st.text(max_size=30), max_size=3), json_values(allow_nan=True))
    return st.one_of(
        st.fixed_dictionaries({"detail": json_values(allow_nan=True)}),
        st.dictionaries(field_names, messages, max_size=4),
        st.fixed_dictionaries(
            {"non_field_errors": messages},
            optional={"detail": st.text(max_size=30), "contacts": messages},
        ),
    )


@functools.cache
def bodies_echoing_the_token() -> st.SearchStrategy[bytes]:
    """Replies that repeat the token back (some proxies echo requests), anywhere a string
    could be, to check it never reaches an error message."""
    header = f"Token {TOKEN}"
    echoes: list[object] = [
        {"detail": f"Invalid token {TOKEN}."},
        {"non_field_errors": [header], TOKEN: [TOKEN]},
        {"count": header, "next": None, "results": []},
        {"count": 1, "next": None, "results": [TOKEN]},
        {"count": 1, "results": [{"id": "cus_1", "name": "A", "created": header}]},
        {
            "count": 1,
            "results": [{"id": "cus_1", "name": "A", "contacts": [{"id": 1, "created": TOKEN}]}],
        },
        {
            "count": 1,
            "results": [{"id": "pro_1", "name": "A", "plans": [{"id": "p", "created": TOKEN}]}],
        },
        {"count": 1, "results": [{"name": TOKEN}]},
        {TOKEN: {"count": 1}},
    ]
    html = f"<html><body><pre>GET /customers/ HTTP/1.1\nAuthorization: {header}</pre></body></html>"
    return st.one_of(st.sampled_from(echoes).map(_json_bytes), st.just(html.encode()))


@functools.cache
def hostile_bodies() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.just(b""),
        st.binary(max_size=300),
        encoded_text(),
        html_pages(),
        truncated_json(),
        json_values(allow_nan=True).map(_json_bytes),
        broken_pages().map(_json_bytes),
        deeply_nested_json(),
        huge_numbers(),
        st.sampled_from(_ODD_JSON_TEXTS),
        error_bodies().map(_json_bytes),
        bodies_echoing_the_token(),
        # Good pages too, so odd statuses and headers meet bodies that would parse.
        st.sampled_from(ENDPOINTS).flatmap(schema_valid_pages).map(_json_bytes),
    )


# --- hostile statuses and headers ------------------------------------------------------------


@functools.cache
@st.composite
def statuses(draw: st.DrawFn) -> int:
    """200 four times in ten (most bodies only reach the parser with a success), the
    statuses the API and proxies send, any other status, and a few no server should send."""
    kind = draw(st.integers(0, 9))
    if kind <= 3:
        return 200
    if kind == 4:
        return draw(st.sampled_from([201, 203, 204, 206, 299]))
    if kind <= 6:
        return draw(st.sampled_from([400, 401, 403, 404, 429, 429, 500, 502, 503, 504]))
    if kind <= 8:
        return draw(st.integers(100, 599))
    return draw(st.sampled_from([0, 1, 99, 600, 700, 999, 1000, 65535]))


def _latin1(text: str) -> bytes:
    return text.encode("latin-1", errors="replace")


@functools.cache
def header_text(max_size: int = 40) -> st.SearchStrategy[bytes]:
    """Header values as they reach a client: printable Latin-1, no control characters (the
    HTTP parser in front of the client drops those)."""
    printable = st.characters(codec="latin-1", exclude_categories=["Cc"], exclude_characters="\x7f")
    return st.text(printable, max_size=max_size).map(_latin1)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Xyz", "")
_MONTHS = ("Jan", "Feb", "Oct", "Dec", "Foo", "", "13")
_ZONES = ("GMT", "UTC", "+0000", "-0300", "+9999", "-9999", "EST", "XYZ", "")


@functools.cache
@st.composite
def garbled_http_dates(draw: st.DrawFn) -> str:
    """HTTP-date shaped text with each part possibly out of range: year 0 or 20 digits long,
    day 99, zone +9999."""
    year = draw(st.one_of(st.integers(0, 9999), st.integers(10**4, 10**20)))
    return (
        f"{draw(st.sampled_from(_DAYS))}, {draw(st.integers(0, 99)):02d}"
        f" {draw(st.sampled_from(_MONTHS))} {year}"
        f" {draw(st.integers(0, 99)):02d}:{draw(st.integers(0, 99)):02d}:"
        f"{draw(st.integers(0, 99)):02d} {draw(st.sampled_from(_ZONES))}"
    )


@functools.cache
def http_dates() -> st.SearchStrategy[str]:
    """Proper HTTP dates, past and future."""
    return st.datetimes(
        min_value=datetime.datetime(1900, 1, 1),  # naive bounds; `timezones` makes them UTC
        max_value=datetime.datetime(9999, 12, 31),
        timezones=st.just(datetime.UTC),
    ).map(lambda moment: moment.strftime("%a, %d %b %Y %H:%M:%S GMT"))


# Numbers Python's float() reads oddly or not at all, and the three HTTP date formats.
_ODD_RETRY_AFTERS = (
    *("NaN", "nan", "-inf", "Infinity", "1e400", "-1e400", "0", "-0", "0.0001", "  2  "),
    *("2s", "1,5", "0x10", "\u00bd", "", "Wed, 21 Oct 2026 07:28:00 GMT"),
    *("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT"),
    *("Sun Nov  6 08:49:37 1994", "Fri, 31 Dec 9999 23:59:59 GMT"),
)


@functools.cache
def retry_after_values() -> st.SearchStrategy[bytes]:
    numbers = st.one_of(
        st.integers(-(10**6), 10**6).map(str),
        st.integers().map(str),
        st.floats().map(repr),  # nan, inf, 1e+300, -0.0
        st.sampled_from(_ODD_RETRY_AFTERS),
    )
    dates = st.one_of(http_dates(), garbled_http_dates())
    return st.one_of(numbers.map(_latin1), dates.map(_latin1), header_text())


@functools.cache
def content_types() -> st.SearchStrategy[bytes]:
    lies = [
        "text/html",
        "text/html; charset=utf-8",
        "application/json",
        "application/json; charset=utf-16",
        "application/json; charset=bogus",
        "application/octet-stream",
        "multipart/form-data; boundary=",
        "",
    ]
    return st.one_of(st.sampled_from(lies).map(_latin1), header_text())


_ENCODINGS = ("gzip", "x-gzip", "deflate", "br", "zstd", "identity", "gzip, deflate", "compress")


def _compress(body: bytes, encoding: str) -> bytes:
    if encoding in ("gzip", "x-gzip"):
        return gzip.compress(body)
    if encoding == "deflate":
        return zlib.compress(body)
    return body


_CONTENT_ENCODINGS = st.one_of(st.sampled_from(_ENCODINGS), st.text(max_size=10))
_OPTIONAL_HEADERS = {
    "x-request-id": header_text(),
    "location": st.one_of(page_urls().map(_latin1), header_text()),
    "content-length": st.one_of(st.integers(-5, 10**6).map(str).map(_latin1), header_text()),
}


@functools.cache
@st.composite
def hostile_replies(draw: st.DrawFn) -> HostileReply:
    """Any status, any body, and headers that lie: Retry-After of every shape, a wrong
    content-type, a content-encoding the body does not have."""
    status = draw(statuses())
    body = draw(hostile_bodies())
    headers: list[tuple[str, bytes]] = []
    if draw(st.booleans()):
        headers.append(("retry-after", draw(retry_after_values())))
    if draw(st.booleans()):
        headers.append(("content-type", draw(content_types())))
    if draw(st.integers(0, 3)) == 0:
        encoding = draw(_CONTENT_ENCODINGS)
        if draw(st.booleans()):  # honest half the time, so real gzip is fuzzed as well
            body = _compress(body, encoding)
        headers.append(("content-encoding", _latin1(encoding)))
    for name, values in _OPTIONAL_HEADERS.items():
        if draw(st.integers(0, 3)) == 0:
            headers.append((name, draw(values)))
    return HostileReply(
        endpoint=draw(st.sampled_from(ENDPOINTS)),
        status=status,
        body=body,
        headers=tuple(headers),
        page=draw(st.integers(1, 10)),
        page_size=draw(st.integers(1, 100)),
        # A share runs with one retry (sleeping recorded, not done) so Retry-After is used.
        max_retries=draw(st.sampled_from([0, 0, 0, 1])),
    )
