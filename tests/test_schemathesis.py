"""Schemathesis generates requests from openapi.yaml and checks the sandbox's answers conform
(status codes, headers, bodies), with valid and invalid requests. Bounded and seeded so it
runs in every `make test`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, SandboxServer

from conftest import SPEC_PATH

schema = schemathesis.openapi.from_path(SPEC_PATH)

AUTHORIZATION = {"Authorization": f"Token {DEFAULT_TOKEN}"}


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxAPI(customers=120, products=30)) as running:
        yield running


@schema.parametrize()
@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_sandbox_conforms_to_the_contract(
    case: schemathesis.Case[Any], server: SandboxServer
) -> None:
    # A valid case gets the sandbox's own workspace, so it reaches the data instead of a 403;
    # an invalid one keeps whatever broken header Schemathesis made, to see it rejected.
    if case.meta is None or case.meta.generation.mode is GenerationMode.POSITIVE:
        case.headers["x-simple-workspace"] = DEFAULT_WORKSPACE
    case.call_and_validate(base_url=server.url, headers=AUTHORIZATION)
