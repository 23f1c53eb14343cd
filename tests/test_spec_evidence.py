"""The contract says what is known and what is guessed: every parameter, response, response
header, schema and schema property of openapi.yaml carries `x-piriod-evidence`, and each
`assumed` one says in its description what is assumed and why (see info.description)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

from test_contract import SPEC

EVIDENCE = ("documented", "old-docs", "seen-in-the-wild", "assumed")
NOTE = "Assumed:"


class Node(NamedTuple):
    kind: str
    where: str
    value: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.kind} {self.where}"


def _resolve(node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A `$ref` followed to what it names (Reference Objects may not carry extensions)."""
    if "$ref" not in node:
        return "", node
    pointer = node["$ref"].removeprefix("#/")
    target: Any = SPEC
    for part in pointer.split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return f"#/{pointer}", target


def _properties(schema: dict[str, Any], where: str) -> Iterator[Node]:
    """The properties of a schema and of every schema nested in it (items, anyOf, ...)."""
    for name, prop in schema.get("properties", {}).items():
        yield Node("property", f"{where}.{name}", prop)
        yield from _properties(prop, f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from _properties(schema[key], f"{where}[{key}]")
    for key in ("anyOf", "oneOf", "allOf"):
        for index, member in enumerate(schema.get(key, [])):
            yield from _properties(member, f"{where}.{key}[{index}]")


def nodes() -> Iterator[Node]:
    """Every node a reader meets, each once, `$ref`s followed to their target."""
    seen: set[str] = set()

    def once(kind: str, where: str, node: dict[str, Any]) -> Iterator[Node]:
        pointer, target = _resolve(node)
        key = pointer or where
        if key not in seen:
            seen.add(key)
            yield Node(kind, pointer or where, target)

    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                name = parameter.get("name", parameter.get("$ref"))
                yield from once("parameter", f"{method.upper()} {path} {name}", parameter)
            for status, response in operation["responses"].items():
                yield from once("response", f"{method.upper()} {path} {status}", response)
    components = SPEC["components"]
    for name, parameter in components.get("parameters", {}).items():
        yield from once("parameter", f"#/components/parameters/{name}", parameter)
    for name, response in components.get("responses", {}).items():
        yield from once("response", f"#/components/responses/{name}", response)
        for header_name, header in response.get("headers", {}).items():
            yield from once("header", f"#/components/responses/{name} {header_name}", header)
    for name, header in components.get("headers", {}).items():
        yield from once("header", f"#/components/headers/{name}", header)
    for name, schema in components["schemas"].items():
        yield from once("schema", f"#/components/schemas/{name}", schema)
        yield from _properties(schema, name)


NODES = list(nodes())


def by_where(where: str) -> Node:
    return next(node for node in NODES if node.where == where)


def test_every_kind_of_node_is_covered() -> None:
    kinds = {node.kind: 0 for node in NODES}
    for node in NODES:
        kinds[node.kind] += 1
    assert set(kinds) == {"parameter", "response", "header", "schema", "property"}
    assert kinds["parameter"] >= 17  # 5 shared + 10 customer + 2 product filters
    assert kinds["response"] >= 8  # two 200s and six shared errors
    assert kinds["schema"] >= 20
    assert kinds["property"] >= 90


@pytest.mark.parametrize("node", NODES, ids=str)
def test_every_node_says_where_it_comes_from(node: Node) -> None:
    assert node.value.get("x-piriod-evidence") in EVIDENCE


@pytest.mark.parametrize("node", NODES, ids=str)
def test_an_assumption_says_what_is_assumed_and_why(node: Node) -> None:
    evidence = node.value.get("x-piriod-evidence")
    description = node.value.get("description", "")
    # The note and the mark go together: no assumed node without its note, no note elsewhere.
    assert (evidence == "assumed") == (NOTE in description)
    note = description.partition(NOTE)[2].strip()
    assert len(note) >= 30 or evidence != "assumed", "the note must say what and why"


def _admits_null(schema: dict[str, Any]) -> bool:
    types = schema.get("type")
    if types == "null" or (isinstance(types, list) and "null" in types):
        return True
    return any(_admits_null(member) for key in ("anyOf", "oneOf") for member in schema.get(key, []))


NULLABLE = [node for node in NODES if node.kind == "property" and _admits_null(node.value)]


def test_there_are_nullable_properties() -> None:
    assert len(NULLABLE) > 30


@pytest.mark.parametrize("node", NULLABLE, ids=str)
def test_null_is_never_documented(node: Node) -> None:
    """The docs never say which fields may be null, so every null this document allows is a
    guess, whatever else the property's source is."""
    assert node.value["x-piriod-evidence"] == "assumed"


# The only `required` lists the docs state: the list envelope and the error body.
DOCUMENTED_REQUIRED = {
    "CustomerList": ["count", "results"],
    "ProductList": ["count", "results"],
    "ErrorDetail": ["detail"],
}
WITH_REQUIRED = sorted(
    name for name, schema in SPEC["components"]["schemas"].items() if schema.get("required")
)


def test_there_are_schemas_with_required_fields() -> None:
    assert set(WITH_REQUIRED) > set(DOCUMENTED_REQUIRED)


@pytest.mark.parametrize("name", sorted(DOCUMENTED_REQUIRED))
def test_the_documented_required_fields_are_marked_documented(name: str) -> None:
    schema = SPEC["components"]["schemas"][name]
    assert schema["required"] == DOCUMENTED_REQUIRED[name]
    assert schema["x-piriod-evidence"] == "documented"


@pytest.mark.parametrize("name", sorted(set(WITH_REQUIRED) - set(DOCUMENTED_REQUIRED)))
def test_other_required_fields_are_assumptions_named_in_the_note(name: str) -> None:
    schema = SPEC["components"]["schemas"][name]
    assert schema["x-piriod-evidence"] == "assumed"
    assert f"`required: {_flow(schema['required'])}`" in schema["description"]


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(names) + "]"


@pytest.mark.parametrize(
    ("where", "evidence"),
    [
        # Guesses named in issue 10: each must be visible as one.
        ("#/components/responses/NotFound", "assumed"),  # 404 "Invalid page." past the last
        ("#/components/responses/BadRequest", "assumed"),  # 400 for a bad page_size
        ("#/components/responses/TooManyRequests", "assumed"),
        ("#/components/headers/RetryAfter", "assumed"),
        ("#/components/schemas/ProductStatus", "assumed"),
        ("Tier.quantity_to", "assumed"),
        ("#/components/parameters/Search", "seen-in-the-wild"),
        ("#/components/schemas/Amount", "old-docs"),  # money as decimal strings
        ("Country.tax_percent", "old-docs"),
        ("State.id", "old-docs"),  # "USAZ"
        ("#/components/schemas/ValidationError", "old-docs"),  # nested lists of objects
        ("#/components/parameters/Workspace", "documented"),
        ("#/components/parameters/PageSize", "documented"),
        ("CustomerList.count", "documented"),
    ],
)
def test_known_sources(where: str, evidence: str) -> None:
    assert by_where(where).value["x-piriod-evidence"] == evidence


def test_the_convention_is_explained_where_readers_start() -> None:
    description = SPEC["info"]["description"]
    assert "x-piriod-evidence" in description
    for value in EVIDENCE:
        assert f"`{value}`" in description
    assert f"`{NOTE}`" in description
