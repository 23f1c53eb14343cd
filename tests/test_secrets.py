"""The token never leaks: not into reprs or messages of the client, its configuration, pages,
items or errors, not into any log record at DEBUG (piriod's, httpx's, httpcore's), and not
into any request to a host other than base_url's, even when the server's `next` says so."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from piriod import AuthenticationError, Piriod, PiriodError, ServerError
from piriod.sandbox import Faults, SandboxAPI, SandboxServer

SECRET = "sk_live_TOPSECRET_4f9c2e77b1a04d"
WORKSPACE = "acc_secret_test"
MAX_RESUMES = 100


class RecordingTransport(httpx.HTTPTransport):
    """The real transport, keeping every request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return super().handle_request(request)


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[SandboxServer]:
    """Faults of every kind, including next links to another host and to http://."""
    faults = Faults(
        server_error_rate=0.1,
        rate_limit_rate=0.05,
        drop_rate=0.05,
        malformed_rate=0.05,
        foreign_next_rate=0.3,
        insecure_next_rate=0.3,
        retry_after_max=0,
        seed=4,
    )
    api = SandboxAPI(customers=600, token=SECRET, workspace=WORKSPACE, faults=faults)
    with SandboxServer(api) as server:
        yield server


def walk_everything(server: SandboxServer, transport: RecordingTransport) -> list[str]:
    """Walks every customer through faults, resuming after each failure; returns the text of
    every repr and message met on the way."""
    seen: list[str] = []
    with (
        httpx.Client(transport=transport) as http,
        Piriod(
            token=SECRET, workspace=WORKSPACE, base_url=server.url, http_client=http, max_retries=1
        ) as client,
    ):
        seen += [repr(client), str(client), repr(client._config), repr(client._api)]
        start_page, items = 1, 0
        for _ in range(MAX_RESUMES):
            paginator = client.customers.list(page_size=40, start_page=start_page)
            seen.append(repr(paginator))
            try:
                for page in paginator.pages():
                    seen += [repr(page), str(page)]
                    seen += [repr(item) for item in page.items]
                    items += len(page.items)
                break
            except PiriodError as error:
                seen += [repr(error), str(error), error.message, repr(error.args)]
                seen.append(repr(getattr(error, "body", "")))
                start_page = error.page or 1
        assert items == 600
    return seen


def test_the_token_appears_nowhere(
    hostile_server: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: piriod, httpx, httpcore, uvicorn
    transport = RecordingTransport()
    texts = walk_everything(hostile_server, transport)
    logged = [record.getMessage() for record in caplog.records]
    assert any("retrying" in line for line in logged), "the faults should have caused retries"
    assert [line for line in texts + logged if SECRET in line] == []


def test_every_request_goes_to_base_url_only(hostile_server: SandboxServer) -> None:
    transport = RecordingTransport()
    walk_everything(hostile_server, transport)
    origins = {(r.url.scheme, r.url.host, r.url.port) for r in transport.sent}
    base = httpx.URL(hostile_server.url)
    assert origins == {(base.scheme, base.host, base.port)}
    assert all(r.headers["Authorization"] == f"Token {SECRET}" for r in transport.sent)


def echo_the_token(request: httpx.Request) -> httpx.Response:
    """A misbehaving proxy that puts the request's headers in its error page."""
    echoed = request.headers["Authorization"]
    if request.url.params.get("page") == "1":
        return httpx.Response(500, json={"detail": f"upstream failed for {echoed}"})
    return httpx.Response(401, text=f"<html>denied: {echoed}</html>")


@pytest.mark.parametrize(("page", "error_class"), [(1, ServerError), (2, AuthenticationError)])
def test_an_error_body_that_echoes_the_token_is_scrubbed(
    page: int, error_class: type[PiriodError]
) -> None:
    http = httpx.Client(transport=httpx.MockTransport(echo_the_token))
    with (
        Piriod(token=SECRET, workspace=WORKSPACE, http_client=http, max_retries=0) as client,
        pytest.raises(error_class) as caught,
    ):
        client.customers.page(page=page)
    http.close()
    error: Any = caught.value
    for text in (str(error), repr(error), repr(error.body), str(error.detail)):
        assert SECRET not in text
    assert "[redacted]" in str(error)


def test_a_token_in_a_malformed_success_body_is_scrubbed() -> None:
    body = f'{{"count": 1, "results": "{SECRET}"'.encode()
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    with (
        Piriod(token=SECRET, workspace=WORKSPACE, http_client=http) as client,
        pytest.raises(PiriodError) as caught,
    ):
        client.customers.page()
    http.close()
    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value)
