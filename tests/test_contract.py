"""Contract tests: the spec is valid, and every example in it validates against its schema,
parses through the generated models, and survives `to_dict()` unchanged."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import httpx
import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from piriod import Customer, Product
from piriod._endpoints import CUSTOMERS, PRODUCTS, Endpoint, parse_page
from piriod._exceptions import BadRequestError, make_status_error
from piriod_api.models import CustomerList, ErrorDetail, ProductList, ValidationError

from conftest import SPEC_PATH

SPEC_URI = "urn:piriod:openapi"
LIST_MODELS: dict[str, type[CustomerList] | type[ProductList]] = {
    "/customers/": CustomerList,
    "/products/": ProductList,
}
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def validator_for(spec: dict[str, Any], pointer: str) -> OAS31Validator:
    """A validator for the schema at `pointer` in the spec, with its $refs resolvable."""
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return OAS31Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry)


class Example(NamedTuple):
    path: str
    status: str
    name: str
    schema_pointer: str
    value: Any

    def __str__(self) -> str:
        return f"{self.path} {self.status} {self.name}"


def response_examples(spec: dict[str, Any]) -> Iterator[Example]:
    """Every response example of the spec, with where its schema is."""
    for path, item in spec["paths"].items():
        for status, declared in item["get"]["responses"].items():
            pointer = f"/paths/{path.replace('/', '~1')}/get/responses/{status}"
            response = declared
            if "$ref" in declared:
                pointer = declared["$ref"].removeprefix("#")
                response = spec["components"]["responses"][pointer.rsplit("/", 1)[-1]]
            media = response["content"]["application/json"]
            for name, example in media["examples"].items():
                schema_pointer = f"{pointer}/content/application~1json/schema"
                yield Example(path, status, name, schema_pointer, example["value"])


def _load_spec() -> dict[str, Any]:
    import yaml  # noqa: PLC0415 (only at collection time)

    with SPEC_PATH.open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml.safe_load(file)
    return loaded


SPEC = _load_spec()
EXAMPLES = list(response_examples(SPEC))


def as_instants(value: Any) -> Any:
    """Timestamps as datetimes, so `Z` and `+00:00` (what isoformat writes) compare equal."""
    if isinstance(value, dict):
        return {key: as_instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_instants(item) for item in value]
    if isinstance(value, str) and _TIMESTAMP.match(value):
        return datetime.datetime.fromisoformat(value)
    return value


def test_the_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    validate(spec)


def test_each_endpoint_has_first_middle_last_and_empty_page_examples() -> None:
    for path in LIST_MODELS:
        names = {e.name for e in EXAMPLES if e.path == path and e.status == "200"}
        assert names >= {"first_page", "middle_page", "last_page", "empty_page"}, path


def test_every_error_status_has_an_example() -> None:
    for path in LIST_MODELS:
        statuses = {e.status for e in EXAMPLES if e.path == path and e.status != "200"}
        assert statuses == {"400", "401", "403", "404", "429", "500"}, path


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_validates_against_its_schema(spec: dict[str, Any], example: Example) -> None:
    validator_for(spec, example.schema_pointer).validate(example.value)


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_parses_and_round_trips_through_the_generated_models(example: Example) -> None:
    path, status, value = example.path, example.status, example.value
    model: type[CustomerList] | type[ProductList] | type[ErrorDetail] | type[ValidationError]
    if status == "200":
        model = LIST_MODELS[path]
    elif status == "400":
        model = ValidationError
    else:
        model = ErrorDetail
    parsed = model.from_dict(value)
    assert as_instants(parsed.to_dict()) == as_instants(value)


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_is_what_the_overlay_hands_out(example: Example) -> None:
    path, status, value = example.path, example.status, example.value
    request = httpx.Request("GET", f"https://api.piriod.com{path}")
    response = httpx.Response(int(status), json=value, request=request)
    if status == "200":
        endpoint: Endpoint[Customer] | Endpoint[Product] = (
            CUSTOMERS if path == "/customers/" else PRODUCTS
        )
        page_size = max(1, len(value["results"]))
        page = parse_page(endpoint, response, page=1, page_size=page_size)  # type: ignore[misc]
        assert page.count == value["count"]
        assert [item.id for item in page.items] == [item["id"] for item in value["results"]]
        return
    error = make_status_error(response)
    assert error.status_code == int(status)
    if status == "400":
        assert isinstance(error, BadRequestError)
        assert error.non_field_errors == value.get("non_field_errors", [])
        assert set(error.field_errors) == set(value) - {"non_field_errors"}
    else:
        assert error.detail == value["detail"]


def schema_examples(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(schema pointer, example) for every `examples` list under a schema in the spec."""
    if isinstance(node, dict):
        examples = node.get("examples")
        if isinstance(examples, list) and ("type" in node or "anyOf" in node):
            for example in examples:
                yield pointer, example
        for key, child in node.items():
            yield from schema_examples(child, f"{pointer}/{str(key).replace('/', '~1')}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from schema_examples(child, f"{pointer}/{index}")


SCHEMA_EXAMPLES = list(schema_examples(SPEC))


def test_there_are_schema_examples() -> None:
    assert len(SCHEMA_EXAMPLES) > 10


@pytest.mark.parametrize(
    ("pointer", "example"), SCHEMA_EXAMPLES, ids=[p for p, _ in SCHEMA_EXAMPLES]
)
def test_schema_and_parameter_examples_validate(
    spec: dict[str, Any], pointer: str, example: Any
) -> None:
    validator_for(spec, pointer).validate(example)
