"""Habits users bring from openai-python and stripe-python: derived clients sharing the pool
(`with_options`), per-call headers (`extra_headers=`), the reply of a successful page
(`page.request_id`, `page.headers`), a helpful error when a lazy walk is awaited, clients
that close their pool when collected, and docstrings for every parameter."""

from __future__ import annotations

import asyncio
import copy
import gc
import inspect
import pydoc
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest

from piriod import AsyncPiriod, ConfigurationError, Piriod, ServerError, sandbox
from piriod._params import CustomerFilters, ProductFilters
from piriod._resources import AsyncCustomers, AsyncProducts, Customers, Products
from piriod.sandbox import SandboxAPI, SandboxServer

from conftest import TOKEN, WORKSPACE, FakeAPI, json_response, make_customer, this_code_env

BASE_URL = "https://api.piriod.test"


def recording_client(api: FakeAPI, **kwargs: Any) -> Piriod:
    http = httpx.Client(transport=httpx.MockTransport(api))
    return Piriod(token=TOKEN, workspace=WORKSPACE, base_url=BASE_URL, http_client=http, **kwargs)


def async_recording_client(api: FakeAPI, **kwargs: Any) -> AsyncPiriod:
    http = httpx.AsyncClient(transport=httpx.MockTransport(api))
    return AsyncPiriod(
        token=TOKEN, workspace=WORKSPACE, base_url=BASE_URL, http_client=http, **kwargs
    )


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxAPI(seed=11, customers=60)) as server:
        yield server


def over_loopback(server: SandboxServer, kind: Callable[..., Any]) -> Any:
    return kind(base_url=server.url, token=server.api.token, workspace=server.api.workspace)


# --- with_options ----------------------------------------------------------------------------


def test_with_options_shares_the_pool_and_changes_only_what_it_is_told() -> None:
    api = FakeAPI(3)
    with recording_client(api) as client:
        derived = client.with_options(workspace="acc_other", test_mode=True, max_retries=0)
        assert type(derived) is Piriod
        assert derived._api.get_httpx_client() is client._api.get_httpx_client()
        assert (derived.workspace, derived.test_mode, derived.max_retries) == ("acc_other", True, 0)
        assert (client.workspace, client.test_mode, client.max_retries) == (WORKSPACE, False, 2)
        assert derived.base_url == client.base_url
        derived.customers.page()
        client.customers.page()
    first, second = api.requests
    assert first.headers["x-simple-workspace"] == "acc_other"
    assert first.headers["x-piriod-test-mode"] == "true"
    assert second.headers["x-simple-workspace"] == WORKSPACE
    assert second.headers["x-piriod-test-mode"] == "false"
    assert first.headers["authorization"] == second.headers["authorization"] == f"Token {TOKEN}"


def test_with_options_sets_the_timeout_of_each_request() -> None:
    api = FakeAPI(3)
    with recording_client(api) as client:
        client.with_options(timeout=4.0).customers.page()
    assert api.requests[0].extensions["timeout"]["read"] == 4.0


def test_with_options_retries_as_told() -> None:
    api = FakeAPI(3, script={1: json_response(503, {"detail": "down"})})
    with recording_client(api) as client, pytest.raises(ServerError, match="503"):
        client.with_options(max_retries=0).customers.page()
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        ({"workspace": ""}, "workspace"),
        ({"workspace": "acc\n1"}, "workspace"),
        ({"test_mode": "yes"}, "test_mode"),
        ({"timeout": 0}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
    ],
)
def test_with_options_checks_as_the_constructor_does(options: dict[str, Any], needle: str) -> None:
    with recording_client(FakeAPI(1)) as client, pytest.raises(ConfigurationError, match=needle):
        client.with_options(**options)


def test_closing_a_derived_client_leaves_the_pool_open_and_closing_the_root_closes_it(
    server: SandboxServer,
) -> None:
    root = over_loopback(server, Piriod)
    http = root._api.get_httpx_client()
    with root.with_options(test_mode=True) as derived:
        assert derived.customers.page().count == 12  # the test-mode dataset: a fifth
    assert not http.is_closed
    assert root.customers.page().count == 60
    root.close()
    assert http.is_closed


@pytest.fixture
def abandoned(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[type[BaseException]]]:
    """What the collector reports of abandoned connections: a pool of a loop that has ended
    cannot be closed from the next loop, and is left to the collector (ResourceWarning)."""
    reported: list[type[BaseException]] = []
    monkeypatch.setattr(
        sys, "unraisablehook", lambda unraisable: reported.append(unraisable.exc_type)
    )
    yield reported
    gc.collect()
    assert set(reported) <= {ResourceWarning}


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_async_with_options_shares_the_pool_and_follows_the_event_loop(
    server: SandboxServer, abandoned: list[type[BaseException]]
) -> None:
    root = over_loopback(server, AsyncPiriod)
    derived = root.with_options(test_mode=True, timeout=10)

    async def count(client: AsyncPiriod) -> int:
        return (await client.customers.page()).count

    assert asyncio.run(count(root)) == 60
    # Another event loop: the pool the root made is replaced for both, as for the root alone.
    assert asyncio.run(count(derived)) == 12
    assert derived._api.get_async_httpx_client() is root._api.get_async_httpx_client()

    async def close_derived_then_use_root() -> int:
        await derived.close()
        found = await count(root)
        await root.close()
        return found

    assert asyncio.run(close_derived_then_use_root()) == 60
    assert root._api.get_async_httpx_client().is_closed


# --- extra_headers ---------------------------------------------------------------------------


def test_extra_headers_go_on_every_request_of_a_walk_and_a_page() -> None:
    api = FakeAPI(45)
    with recording_client(api) as client:
        walked = list(client.customers.list(page_size=20, extra_headers={"X-Trace": "walk-1"}))
        client.customers.page(extra_headers={"x-trace": "page-1"})
        client.customers.page()
    assert len(walked) == 45
    assert [request.headers.get("x-trace") for request in api.requests] == [
        "walk-1",
        "walk-1",
        "walk-1",
        "page-1",
        None,
    ]


def test_extra_headers_may_replace_the_user_agent_once_whatever_its_case() -> None:
    api = FakeAPI(1)
    with recording_client(api) as client:
        client.customers.page(extra_headers={"user-agent": "my-app/1.0"})
    assert api.requests[0].headers.get_list("user-agent") == ["my-app/1.0"]


@pytest.mark.parametrize(
    "name",
    ["Authorization", "authorization", "AUTHORIZATION", "Proxy-Authorization"],
)
def test_extra_headers_never_override_the_authorization(name: str) -> None:
    api = FakeAPI(1)
    with recording_client(api) as client:
        with pytest.raises(ValueError, match="may not set") as caught:
            client.customers.page(extra_headers={name: "Token stolen"})
        with pytest.raises(ValueError, match="may not set"):
            client.products.list(extra_headers={name: "Token stolen"})
    assert "stolen" not in str(caught.value)
    assert api.requests == []


@pytest.mark.parametrize(
    ("headers", "error", "needle"),
    [
        ({"x-simple-workspace": "acc_x"}, ValueError, "with_options"),
        ({"X-Piriod-Test-Mode": "true"}, ValueError, "with_options"),
        ({"Accept-Encoding": "br"}, ValueError, "encodings"),
        ({"Content-Length": "5"}, ValueError, "httpx sets it"),
        ({"transfer-encoding": "chunked"}, ValueError, "httpx sets it"),
        ({"Host": "evil.example"}, ValueError, "base_url"),
        ({"Connection": "close"}, ValueError, "connections"),
        ({"Cookie": "session=1"}, ValueError, "cookies"),
        ({"X-Trace": "a\r\nInjected: 1"}, ValueError, "line break"),
        ({"Bad Name": "x"}, ValueError, "not an HTTP header name"),
        ({"X-Count": 3}, TypeError, "str"),
        ([("X-Trace", "a")], TypeError, "mapping"),
    ],
)
def test_extra_headers_are_checked_before_any_request(
    headers: object, error: type[Exception], needle: str
) -> None:
    api = FakeAPI(1)
    with recording_client(api) as client, pytest.raises(error, match=needle):
        client.customers.page(extra_headers=headers)  # type: ignore[arg-type]
    assert api.requests == []


def test_async_extra_headers_on_a_walk_and_a_page() -> None:
    api = FakeAPI(25)

    async def run() -> int:
        async with async_recording_client(api) as client:
            walked = [c async for c in client.customers.list(extra_headers={"X-Trace": "w"})]
            await client.products.page(extra_headers={"X-Trace": "p"})
            with pytest.raises(ValueError, match="may not set"):
                await client.customers.page(extra_headers={"authorization": "x"})
        return len(walked)

    assert asyncio.run(run()) == 25
    assert [request.headers["x-trace"] for request in api.requests] == ["w", "p"]


# --- the reply of a successful page ----------------------------------------------------------


def test_a_page_carries_its_request_id_and_headers() -> None:
    with sandbox.client(SandboxAPI(seed=2, customers=45)) as client:
        page = client.customers.page()
        pages = list(client.customers.list(page_size=20).pages())
    assert page.request_id is not None
    assert re.fullmatch(r"req_\d{8}", page.request_id)
    assert page.headers["x-request-id"] == page.request_id
    assert page.headers["content-type"].startswith("application/json")
    ids = [walked.request_id for walked in pages]
    assert len(ids) == 3
    assert len(set(ids)) == 3
    assert page.request_id not in ids


def test_a_page_without_a_request_id_has_none() -> None:
    with recording_client(FakeAPI(2)) as client:
        page = client.customers.page()
    assert page.request_id is None
    assert "x-request-id" not in page.headers


def test_a_page_keeps_no_credential_header_and_no_echoed_token() -> None:
    secret = "sk_live_0123456789abcdefghij"
    body = {"count": 1, "next": None, "previous": None, "results": [make_customer(1)]}
    reply = json_response(
        200,
        body,
        headers=[
            ("x-request-id", "req_1"),
            ("authorization", f"Token {secret}"),
            ("set-cookie", "session=abc"),
            ("x-echo", f"you sent {secret}"),
        ],
    )
    api = FakeAPI(1, script={1: reply})
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Piriod(token=secret, workspace=WORKSPACE, base_url=BASE_URL, http_client=http) as client:
        page = client.customers.page()
    assert page.request_id == "req_1"
    assert "authorization" not in page.headers
    assert "set-cookie" not in page.headers
    assert page.headers["x-echo"] == "you sent [redacted]"
    assert secret not in repr(page)
    assert all(secret not in value for value in page.headers.values())


def test_async_pages_carry_their_request_id() -> None:
    async def run() -> list[str | None]:
        async with sandbox.async_client(SandboxAPI(seed=2, customers=30)) as client:
            one = await client.customers.page()
            return [one.request_id] + [
                page.request_id async for page in client.customers.list(page_size=20).pages()
            ]

    ids = asyncio.run(run())
    assert len(ids) == 3
    assert all(isinstance(request_id, str) for request_id in ids)
    assert len(set(ids)) == 3


# --- awaiting a lazy walk --------------------------------------------------------------------


@pytest.mark.parametrize("resource", ["customers", "products"])
def test_awaiting_list_says_what_to_write_instead(resource: str) -> None:
    api = FakeAPI(3)

    async def run() -> None:
        async with async_recording_client(api) as client:
            await getattr(client, resource).list(max_items=2)

    with pytest.raises(TypeError, match="not awaitable") as caught:
        asyncio.run(run())
    message = str(caught.value)
    assert f"async for item in client.{resource}.list(...)" in message
    assert f"await client.{resource}.page(...)" in message
    assert api.requests == []  # a lazy walk: nothing was sent


def test_a_bare_list_call_sends_nothing() -> None:
    api = FakeAPI(60)
    with recording_client(api) as client:
        client.customers.list(max_items=50)
    assert api.requests == []


# --- clients closed when collected -----------------------------------------------------------


def test_an_unclosed_client_closes_its_pool_when_collected(server: SandboxServer) -> None:
    client = over_loopback(server, Piriod)
    client.customers.page()  # a pooled connection, open
    http = client._api.get_httpx_client()
    del client
    gc.collect()
    assert http.is_closed


def test_a_client_with_your_http_client_leaves_it_open_when_collected() -> None:
    http = httpx.Client(transport=httpx.MockTransport(FakeAPI(1)))
    client = Piriod(token=TOKEN, workspace=WORKSPACE, base_url=BASE_URL, http_client=http)
    client.customers.page()
    del client
    gc.collect()
    assert not http.is_closed
    http.close()


def test_a_derived_client_collected_leaves_the_pool_to_its_root(server: SandboxServer) -> None:
    root = over_loopback(server, Piriod)
    derived = root.with_options(max_retries=0)
    derived.customers.page()
    del derived
    gc.collect()
    assert not root._api.get_httpx_client().is_closed
    assert root.customers.page().count == 60
    root.close()


def test_an_unclosed_async_client_closes_its_pool_when_collected_in_its_loop(
    server: SandboxServer,
) -> None:
    async def run() -> httpx.AsyncClient:
        client = over_loopback(server, AsyncPiriod)
        await client.customers.page()
        http: httpx.AsyncClient = client._api.get_async_httpx_client()
        del client
        gc.collect()
        for _ in range(10):  # the closing is a task of this loop
            await asyncio.sleep(0)
        return http

    assert asyncio.run(run()).is_closed


def test_a_patched_resource_method_is_what_the_client_calls_while_patched(
    server: SandboxServer,
) -> None:
    # Users mock `client.customers.list` in their own tests: the client keeps handing out
    # the patched resource for as long as the patch holds it.
    with over_loopback(server, Piriod) as client:
        with mock.patch.object(client.customers, "list", return_value=["patched"]):
            assert client.customers.list(max_items=1) == ["patched"]
            assert client.customers is client.customers
        assert not isinstance(client.customers.list, mock.Mock)
        assert len(list(client.customers.list(max_items=3))) == 3


def test_a_patched_async_resource_method_is_what_the_client_calls_while_patched(
    server: SandboxServer,
) -> None:
    async def run() -> int:
        client: AsyncPiriod = over_loopback(server, AsyncPiriod)
        async with client:
            patched: Any = "patched"
            with mock.patch.object(client.products, "page", return_value=patched):
                assert await client.products.page() is patched
            return (await client.customers.page(page_size=5)).count

    assert asyncio.run(run()) == 60


def test_a_client_derived_from_one_its_user_dropped_keeps_working(
    server: SandboxServer,
) -> None:
    # The dropped root used to close the pool the derived client shares: RuntimeError.
    derived = over_loopback(server, Piriod).with_options(max_retries=0)
    gc.collect()
    assert derived.customers.page(page_size=5).count == 60
    derived.close()


def test_a_copy_of_a_client_shares_its_pool_and_never_closes_it(server: SandboxServer) -> None:
    with over_loopback(server, Piriod) as client:
        twin = copy.copy(client)
        assert twin.customers.page(page_size=5).count == 60
        twin.close()
        del twin
        gc.collect()
        assert client.customers.page(page_size=5).count == 60


UNCLOSED_CLIENTS = """
import asyncio, sys
from piriod import AsyncPiriod, Piriod

settings = dict(base_url=sys.argv[1], token=sys.argv[2], workspace=sys.argv[3])

def sync_client() -> None:
    client = Piriod(**settings)
    print(len(list(client.customers.list(page_size=10, concurrency=4))))
    print(client.with_options(test_mode=True).customers.page().count)

async def async_page() -> None:
    client = AsyncPiriod(**settings)
    print((await client.customers.page()).count)

async def async_walk() -> None:
    client = AsyncPiriod(**settings)
    print(len([item async for item in client.customers.list(page_size=10)]))

async def async_derived() -> None:
    client = AsyncPiriod(**settings)
    print((await client.with_options(test_mode=True).customers.page()).count)

async def main() -> None:
    for user in (async_page, async_walk, async_derived):
        await user()
        await asyncio.sleep(0.05)  # the client's own closing task runs in this loop

sync_client()
asyncio.run(main())
"""


def test_clients_never_closed_leave_no_unclosed_socket_under_dev_mode(
    server: SandboxServer, tmp_path: Path
) -> None:
    # No gc.collect() and no reference kept by the test: a client dropped by its user must
    # close its pool at once, not wait for the garbage collector to find it in a cycle (and
    # collect its sockets unclosed with it, a ResourceWarning each).
    script = tmp_path / "unclosed.py"
    script.write_text(UNCLOSED_CLIENTS, encoding="utf-8")
    python = [sys.executable, "-X", "dev", "-W", "error::ResourceWarning"]
    done = subprocess.run(
        [*python, str(script), server.url, server.api.token, server.api.workspace],
        env=this_code_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout.split() == ["60", "12", "60", "60", "12"]


# --- docstrings ------------------------------------------------------------------------------


def documented(function: Callable[..., Any]) -> str:
    doc = inspect.getdoc(function)
    assert doc is not None, function
    return doc


def parameters(function: Callable[..., Any]) -> list[str]:
    return [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "self" and parameter.kind is not inspect.Parameter.VAR_KEYWORD
    ]


@pytest.mark.parametrize("kind", [Piriod, AsyncPiriod])
@pytest.mark.parametrize("method", ["__init__", "with_options"])
def test_every_client_parameter_is_documented(kind: type, method: str) -> None:
    function = getattr(kind, method)
    doc = documented(function)
    assert "Initialize self" not in doc
    missing = [name for name in parameters(function) if not re.search(rf"^\s+{name}:", doc, re.M)]
    assert missing == []


@pytest.mark.parametrize(
    ("resource", "filters"),
    [
        (Customers, CustomerFilters),
        (AsyncCustomers, CustomerFilters),
        (Products, ProductFilters),
        (AsyncProducts, ProductFilters),
    ],
)
@pytest.mark.parametrize("method", ["list", "page"])
def test_every_list_and_page_parameter_and_filter_is_documented(
    resource: type, filters: type, method: str
) -> None:
    function = getattr(resource, method)
    doc = documented(function)
    names = parameters(function) + list(filters.__annotations__)
    missing = [name for name in names if not re.search(rf"^\s+{name}:", doc, re.M)]
    assert missing == []
    assert len(doc.splitlines()) > 20


@pytest.mark.parametrize("kind", [Piriod, AsyncPiriod])
def test_help_shows_every_parameter(kind: type[Piriod] | type[AsyncPiriod]) -> None:
    text = pydoc.render_doc(kind)
    assert "Initialize self" not in text
    for name in parameters(kind.__init__):
        assert f"{name}:" in text
