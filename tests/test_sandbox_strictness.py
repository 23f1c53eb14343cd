"""The sandbox is exactly as strict as openapi.yaml: every parameter of both operations refuses,
with a 400 in Django REST framework's shape naming it, each value the contract refuses, and
serves each value it accepts. openapi-core, reading the same contract, is the referee; where
it is laxer than the contract's types (it casts `+1` or `yes` before validating) the test
says so below."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import httpx
import pytest
from openapi_core.testing import MockRequest

from piriod.sandbox import (
    DEFAULT_TOKEN,
    DEFAULT_WORKSPACE,
    SandboxAPI,
    SandboxServer,
    SandboxTransport,
)
from piriod.sandbox._validation import PARAMETERS

from contract_check import SPEC_SERVER, contract
from test_contract import SPEC

AUTH = {"Authorization": f"Token {DEFAULT_TOKEN}", "x-simple-workspace": DEFAULT_WORKSPACE}
BASE = "https://sandbox.piriod.test"

INTEGER = "A valid integer is required."
BOOLEAN = "Must be a valid boolean."
DATE_TIME = "Enter a valid date/time."
BLANK = "This field may not be blank."


class SpecParameter(NamedTuple):
    path: str
    name: str
    location: str
    kind: str
    minimum: int | None
    maximum: int | None

    def __str__(self) -> str:
        return f"{self.path} {self.name}"


def _kind(schema: dict[str, Any]) -> str:
    if schema["type"] == "string" and schema.get("format") == "date-time":
        return "date-time"
    if schema["type"] == "string" and schema.get("minLength") != 1:
        return "string that may be empty"  # the sandbox has no such kind: this would fail
    kind: str = schema["type"]
    return kind


def spec_parameters() -> Iterator[SpecParameter]:
    """Every parameter of both operations, as openapi.yaml declares it."""
    for path, item in SPEC["paths"].items():
        for declared in item["get"]["parameters"]:
            parameter = declared
            if "$ref" in declared:
                parameter = SPEC["components"]["parameters"][declared["$ref"].rsplit("/", 1)[1]]
            schema = parameter["schema"]
            yield SpecParameter(
                path,
                parameter["name"],
                parameter["in"],
                _kind(schema),
                schema.get("minimum"),
                schema.get("maximum"),
            )


# x-simple-workspace is checked with the credentials (tests/test_sandbox.py).
SPEC_PARAMETERS = [p for p in spec_parameters() if p.name != "x-simple-workspace"]


def test_the_sandbox_checks_every_parameter_the_spec_declares_as_declared() -> None:
    declared = {
        (p.path.strip("/"), p.name, p.location, p.kind, p.minimum, p.maximum)
        for p in SPEC_PARAMETERS
    }
    checked = {
        (resource, p.name, p.location, p.kind, p.minimum, p.maximum)
        for resource, parameters in PARAMETERS.items()
        for p in parameters
    }
    assert len(declared) == 21  # 14 of GET /customers/, 7 of GET /products/
    assert checked == declared


# Values the contract refuses, with the message; values it accepts.
REFUSED: dict[str, list[tuple[str, str]]] = {
    "integer": [
        ("abc", INTEGER),
        ("", INTEGER),
        ("1.5", INTEGER),
        ("1.0", INTEGER),
        ("1e2", INTEGER),
        ("+1", INTEGER),
        (" 1", INTEGER),
        ("1 ", INTEGER),
        ("1_0", INTEGER),
        ("\u0661", INTEGER),  # ARABIC-INDIC DIGIT ONE: int() reads it, the contract does not
        ("0", "Ensure this value is greater than or equal to 1."),
        ("-1", "Ensure this value is greater than or equal to 1."),
    ],
    "boolean": [
        ("maybe", BOOLEAN),
        ("", BOOLEAN),
        ("True", BOOLEAN),
        ("FALSE", BOOLEAN),
        ("1", BOOLEAN),
        ("0", BOOLEAN),
        ("yes", BOOLEAN),
    ],
    "date-time": [
        ("2026-01-05", DATE_TIME),  # a date alone
        ("2026-01-05T10:00:00", DATE_TIME),  # no offset
        ("2026-01-05T10:00:00.123456", DATE_TIME),
        ("2026-01-05 10:00:00Z", DATE_TIME),
        ("2026-01-05T10:00Z", DATE_TIME),
        ("2026-01-05T10:00:00+0300", DATE_TIME),
        ("2026-01-05T10:00:00+03:00:30", DATE_TIME),
        ("2026-01-05T10:00:00+24:00", DATE_TIME),
        ("2026-02-30T10:00:00Z", DATE_TIME),
        ("2026-01-05T24:00:00Z", DATE_TIME),
        ("2026-01-05T10:00:00.Z", DATE_TIME),
        ("20260105T100000Z", DATE_TIME),
        ("yesterday", DATE_TIME),
        ("", DATE_TIME),
    ],
    "string": [("", BLANK)],
}
ACCEPTED: dict[str, list[str]] = {
    "integer": ["1", "01", "2"],
    "boolean": ["true", "false"],
    "date-time": [
        "2026-01-05T10:00:00Z",
        "2026-01-05t10:00:00z",
        "2026-01-05T10:00:00+00:00",
        "2026-01-05T10:00:00-00:00",
        "2026-01-05T10:00:00.5-03:00",
        "2026-01-05T10:00:00.1234567+05:30",
        "0001-01-01T00:00:00+23:59",
    ],
    "string": ["CL", " ", "-created"],
}
# Lexical forms openapi-core casts before it validates, though they are not the type's.
OPENAPI_CORE_CASTS = {
    "integer": {"+1", " 1", "1 ", "1_0", "\u0661"},
    "boolean": {"True", "FALSE", "1", "0", "yes"},
}


def _refused(parameter: SpecParameter) -> list[tuple[str, str]]:
    refused = list(REFUSED[parameter.kind])
    if parameter.maximum is not None:
        refused.append(
            (
                str(parameter.maximum + 1),
                f"Ensure this value is less than or equal to {parameter.maximum}.",
            )
        )
    return refused


def _request(parameter: SpecParameter, value: str) -> tuple[dict[str, str], dict[str, str]]:
    """(query, headers) sending `value` for `parameter`."""
    if parameter.location == "header":
        return {}, {**AUTH, parameter.name: value}
    return {parameter.name: value}, dict(AUTH)


def _spec_refuses(parameter: SpecParameter, value: str) -> bool:
    query, headers = _request(parameter, value)
    request = MockRequest(SPEC_SERVER, "get", parameter.path, args=query, headers=headers)
    return bool(contract().unmarshal_request(request).errors)


@pytest.fixture(scope="module")
def api() -> SandboxAPI:
    return SandboxAPI(customers=60, products=30)


def _send(http: httpx.Client, parameter: SpecParameter, value: str) -> httpx.Response:
    query, headers = _request(parameter, value)
    return http.get(parameter.path, params=query, headers=headers)


def _accepted(parameter: SpecParameter) -> dict[str, int]:
    """Accepted values and the status they get (a page far past the last is a 404)."""
    accepted = dict.fromkeys(ACCEPTED[parameter.kind], 200)
    if parameter.maximum is not None:
        accepted[str(parameter.maximum)] = 200
    if parameter.name == "page":
        accepted["99999999999999999999"] = 404
    return accepted


@pytest.mark.parametrize("parameter", SPEC_PARAMETERS, ids=str)
def test_refused_values_are_a_400_naming_the_parameter_and_accepted_ones_are_served(
    api: SandboxAPI, parameter: SpecParameter
) -> None:
    refused, accepted = _refused(parameter), _accepted(parameter)
    assert refused
    assert accepted
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE) as http:
        answers = {value: _send(http, parameter, value) for value, _ in refused}
        served = {value: _send(http, parameter, value).status_code for value in accepted}
    assert {v: (r.status_code, r.json()) for v, r in answers.items()} == {
        value: (400, {parameter.name: [message]}) for value, message in refused
    }
    assert served == accepted


@pytest.mark.parametrize("parameter", SPEC_PARAMETERS, ids=str)
def test_the_sandbox_refuses_what_openapi_core_refuses_and_nothing_else(
    api: SandboxAPI, parameter: SpecParameter
) -> None:
    """openapi-core, reading the same contract, is the referee; the only disagreements
    allowed are the forms it casts into the type before checking (it is laxer there)."""
    values = [value for value, _ in _refused(parameter)] + list(_accepted(parameter))
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE) as http:
        sandbox = {v: _send(http, parameter, v).status_code == 400 for v in values}
    spec = {v: _spec_refuses(parameter, v) for v in values}
    casts = OPENAPI_CORE_CASTS.get(parameter.kind, set())
    disagreements = {v for v in values if sandbox[v] != spec[v]}
    assert disagreements == casts & set(values)
    assert all(sandbox[v] for v in disagreements)  # where they differ, the sandbox refuses


def test_every_bad_parameter_is_reported_at_once(api: SandboxAPI) -> None:
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE) as http:
        response = http.get(
            "/customers/",
            # metadata__<key> is no declared parameter: the contract says nothing of its value.
            params={"page": "first", "created__gte": "2026-01-05", "search": "", "metadata__a": ""},
            headers={**AUTH, "x-piriod-test-mode": "maybe"},
        )
    assert (response.status_code, response.json()) == (
        400,
        {
            "x-piriod-test-mode": [BOOLEAN],
            "page": [INTEGER],
            "search": [BLANK],
            "created__gte": [DATE_TIME],
        },
    )


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxAPI(customers=30, products=10)) as running:
        yield running


def test_the_server_over_http_is_as_strict(server: SandboxServer) -> None:
    with httpx.Client(base_url=server.url, headers=AUTH) as http:
        refused = [
            http.get("/customers/", params={"created__gte": "2026-01-05"}),
            http.get("/customers/", params={"created__lte": "2026-01-31T23:59:59"}),
            http.get("/products/", headers={"x-piriod-test-mode": "maybe"}),
            http.get("/products/", params={"page_size": "+10"}),
            http.get("/products/", params={"search": ""}),
        ]
        served = [
            http.get("/customers/", params={"created__gte": "2026-01-05T00:00:00-03:00"}),
            http.get("/customers/", params={"created__lte": "2026-01-31T23:59:59Z"}),
            http.get("/products/", headers={"x-piriod-test-mode": "true"}),
            http.get("/products/", params={"page_size": "10"}),
        ]
    assert [(r.status_code, r.json()) for r in refused] == [
        (400, {"created__gte": [DATE_TIME]}),
        (400, {"created__lte": [DATE_TIME]}),
        (400, {"x-piriod-test-mode": [BOOLEAN]}),
        (400, {"page_size": [INTEGER]}),
        (400, {"search": [BLANK]}),
    ]
    assert [r.status_code for r in served] == [200, 200, 200, 200]


def test_numbers_of_thousands_of_digits_are_read_not_a_server_error(api: SandboxAPI) -> None:
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE) as http:
        page_one = http.get("/customers/", params={"page": "0" * 4400 + "1"}, headers=AUTH)
        far = http.get("/customers/", params={"page": "9" * 4400}, headers=AUTH)
        size = http.get("/customers/", params={"page_size": "9" * 4400}, headers=AUTH)
    assert page_one.status_code == 200
    assert (far.status_code, far.json()) == (404, {"detail": "Invalid page."})
    assert size.status_code == 400
    assert list(size.json()) == ["page_size"]
