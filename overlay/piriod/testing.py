"""The pytest plugin: fixtures for testing code that uses Piriod, with no Piriod account.

Installed with piriod (entry point `pytest11`), so no conftest is needed:

    def test_counts_customers(piriod_client):
        assert sum(1 for _ in piriod_client.customers.list()) == 250

    @pytest.mark.piriod_sandbox(customers=20, products=3, seed=7)
    def test_small(piriod_sandbox, piriod_client):
        assert piriod_sandbox.count("customers") == 20

    def test_unchanged_app_code(piriod_sandbox_server):
        assert my_app.count_customers() == 250     # calls Piriod() as in production

- `piriod_sandbox`: the `SandboxAPI` serving the test, sized and seeded by the
  `piriod_sandbox` marker (customers, products, seed, faults, token, workspace). Change it
  with `put` and `delete` to see how the code under test copes.
- `piriod_client` / `async_piriod_client`: clients wired to it in-process (no sockets).
- `piriod_sandbox_server`: the sandbox over HTTP on 127.0.0.1 (a free port) with
  PIRIOD_BASE_URL, PIRIOD_API_TOKEN and PIRIOD_WORKSPACE set for the test (PIRIOD_TEST_MODE
  removed), so code that calls `Piriod()`, or runs the `piriod` command, talks to it.
  Needs uvicorn (the `sandbox` extra; from a checkout: `pip install '.[sandbox]'`).

Every fixture cleans up after itself: clients closed, the server stopped, the environment
as it was.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._client import AsyncPiriod, Piriod
    from .sandbox import SandboxAPI, SandboxServer

__all__ = [
    "async_piriod_client",
    "piriod_client",
    "piriod_sandbox",
    "piriod_sandbox_server",
    "pytest_configure",
]

_MARKER = "piriod_sandbox"
_MARKER_OPTIONS = frozenset({"customers", "products", "seed", "faults", "token", "workspace"})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(customers=250, products=40, seed=0, faults=None, token=..., workspace=...):"
        " the sandbox the piriod fixtures serve in this test",
    )


@pytest.fixture
def piriod_sandbox(request: pytest.FixtureRequest) -> SandboxAPI:
    """A sandbox API of its own for this test, as the `piriod_sandbox` marker describes."""
    from .sandbox import SandboxAPI  # noqa: PLC0415 (only tests that use the fixtures pay)

    options: dict[str, Any] = {}
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None:
        if marker.args:
            raise pytest.UsageError(
                f"@pytest.mark.{_MARKER} takes keywords only, e.g."
                f" @pytest.mark.{_MARKER}(customers=20, seed=7)"
            )
        unknown = sorted(set(marker.kwargs) - _MARKER_OPTIONS)
        if unknown:
            raise pytest.UsageError(
                f"@pytest.mark.{_MARKER} does not know {', '.join(unknown)}: use"
                f" {', '.join(sorted(_MARKER_OPTIONS))}"
            )
        options = dict(marker.kwargs)
    return SandboxAPI(**options)


@pytest.fixture
def piriod_client(piriod_sandbox: SandboxAPI) -> Iterator[Piriod]:
    """A `Piriod` talking to `piriod_sandbox` in-process; closed after the test."""
    from . import sandbox  # noqa: PLC0415

    with sandbox.client(piriod_sandbox) as client:
        yield client


@pytest.fixture
def async_piriod_client(piriod_sandbox: SandboxAPI) -> Iterator[AsyncPiriod]:
    """An `AsyncPiriod` talking to `piriod_sandbox` in-process; closed after the test.

    A plain fixture, so it serves any async test runner (pytest-asyncio, anyio, or
    `asyncio.run` in a sync test); the in-process transport holds no connection to close
    in the test's own event loop."""
    from . import sandbox  # noqa: PLC0415

    client = sandbox.async_client(piriod_sandbox)
    try:
        yield client
    finally:
        asyncio.run(client.close())


@pytest.fixture
def piriod_sandbox_server(
    piriod_sandbox: SandboxAPI, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SandboxServer]:
    """`piriod_sandbox` over HTTP on 127.0.0.1, with the PIRIOD_* environment pointing at it
    for this test; the server is stopped and the environment restored afterwards."""
    from .sandbox import SandboxServer  # noqa: PLC0415

    with SandboxServer(piriod_sandbox) as server:
        monkeypatch.setenv("PIRIOD_BASE_URL", server.url)
        monkeypatch.setenv("PIRIOD_API_TOKEN", piriod_sandbox.token)
        monkeypatch.setenv("PIRIOD_WORKSPACE", piriod_sandbox.workspace)
        monkeypatch.delenv("PIRIOD_TEST_MODE", raising=False)
        yield server
