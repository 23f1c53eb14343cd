"""The token never leaks: not into reprs or messages of the client, its configuration, pages,
items or errors, not into any log record at DEBUG (piriod's, httpx's, httpcore's), and not
into any request to a host other than base_url's, even when the server's `next` says so."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import io
import logging
import pickle
import socket
import threading
import traceback
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hostile import HostileAPI, serving

from piriod import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncPiriod,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InvalidItemError,
    PermissionDeniedError,
    Piriod,
    PiriodError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from piriod._cli import run
from piriod._pagination import Page
from piriod.sandbox import Faults, SandboxAPI, SandboxServer

from conftest import make_customer
from drivers import MODES, Driver, Mode

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


# --- the leak hunt: every view of every error of faulty walks, logs, the CLI ----------------

HALVES = (SECRET[: len(SECRET) // 2], SECRET[len(SECRET) // 2 :])


def leaked(text: str) -> list[str]:
    """Which of the token and its halves `text` holds."""
    return [needle for needle in (SECRET, *HALVES) if needle in text]


_MUTMUT = importlib.util.find_spec("mutmut")  # a dev dependency: `make mutate`
MUTATION_HARNESS = Path(_MUTMUT.origin).parent if _MUTMUT and _MUTMUT.origin else None


def with_locals(error: BaseException) -> str:
    """The traceback as Django's debug page or `pytest --showlocals` print it: every frame
    of the error and of its causes, with the repr of every local."""
    exception = traceback.TracebackException.from_exception(error, capture_locals=True)
    seen: set[int] = set()
    chain: list[traceback.TracebackException | None] = [exception]
    while chain:
        link = chain.pop()
        if link is None or id(link) in seen:
            continue
        seen.add(id(link))
        for frame in link.stack:
            if MUTATION_HARNESS and Path(frame.filename).is_relative_to(MUTATION_HARNESS):
                # `make mutate` routes calls through mutmut's own frames, which hold the
                # arguments of the project's functions; users never have these frames.
                frame.locals = None
        chain += [link.__cause__, link.__context__]
    return "".join(exception.format())


class Quiet(list[Any]):
    """A list whose repr stays short: the test's frame is part of every traceback it
    formats with locals, which would otherwise hold every view formatted before."""

    def __repr__(self) -> str:
        return f"<{len(self)} collected>"


def every_view(error: BaseException) -> list[str]:
    """str, repr, args, the pickle and the traceback with locals of `error`."""
    return [
        str(error),
        repr(error),
        repr(error.args),
        pickle.dumps(error).decode("latin-1"),
        with_locals(error),
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def hostile() -> Iterator[tuple[HostileAPI, str]]:
    api = HostileAPI(200)
    with serving(api) as url:
        yield api, url


def failing_page(api: HostileAPI, kind: str) -> None:
    """Page 2 of `api` fails as `kind` says (a timeout needs timeout=0.3 on the client)."""
    statuses = {"401": 401, "403": 403, "429": 429, "503": 503, "400": 400}
    if kind in statuses:
        api.status_on = lambda page: statuses[kind] if page == 2 else 200
    elif kind == "timeout":
        api.delay_on = lambda page: 1.0 if page == 2 else 0.0
    elif kind == "bad item":
        api.edit_item = lambda item: {**item, "name": 5} if item["id"] == "cus_000025" else item
    else:
        raise AssertionError(kind)


ERROR_KINDS = {
    "401": AuthenticationError,
    "403": PermissionDeniedError,
    "429": RateLimitError,
    "503": ServerError,
    "400": BadRequestError,
    "timeout": APITimeoutError,
    "bad item": InvalidItemError,
}


def walk_until_it_fails(mode: Mode, url: str) -> PiriodError:
    got: list[Any] = []
    driver = Driver(
        mode, None, token=SECRET, workspace=WORKSPACE, base_url=url, timeout=0.3, max_retries=0
    )
    with pytest.raises(PiriodError) as caught:
        driver.collect(got, page_size=20)
    return caught.value


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", list(ERROR_KINDS))
def test_no_view_of_a_walks_error_holds_the_token(
    mode: Mode, kind: str, hostile: tuple[HostileAPI, str], caplog: pytest.LogCaptureFixture
) -> None:
    """str, repr, pickle and the traceback with the locals of every frame (the parsing
    frames used to hold `secret = 'sk_live_...'`), and every log record at DEBUG."""
    caplog.set_level(logging.DEBUG)
    api, url = hostile
    failing_page(api, kind)
    error = walk_until_it_fails(mode, url)
    assert type(error) is ERROR_KINDS[kind]
    assert error.page == 2
    views = every_view(error)
    assert [leaked(view) for view in views] == [[]] * len(views)
    logged = [record.getMessage() for record in caplog.records]
    assert [line for line in logged if leaked(line)] == []


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_connection_shows_the_token_nowhere(mode: Mode) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    error = walk_until_it_fails(mode, url)
    assert type(error) is APIConnectionError
    assert error.request is not None
    assert "authorization" not in error.request.headers
    assert [leaked(view) for view in every_view(error)] == [[]] * 5


@pytest.fixture
def faulty_server() -> Iterator[SandboxServer]:
    """A fresh sandbox failing a good share of requests, each way it can."""
    faults = Faults(
        server_error_rate=0.15,
        rate_limit_rate=0.1,
        drop_rate=0.1,
        malformed_rate=0.1,
        foreign_next_rate=0.3,
        insecure_next_rate=0.3,
        retry_after_max=0,
        seed=7,
    )
    api = SandboxAPI(customers=600, token=SECRET, workspace=WORKSPACE, faults=faults)
    with SandboxServer(api) as server:
        yield server


@pytest.mark.parametrize("mode", MODES)
def test_a_faulty_sandbox_walk_leaks_nothing(mode: Mode, faulty_server: SandboxServer) -> None:
    """Every error of a walk through 5xx, 429, drops, cut bodies and foreign `next` links,
    resumed until it is done: no view of any of them holds the token or half of it."""
    views, got = Quiet(), Quiet()
    driver = Driver(
        mode, None, token=SECRET, workspace=WORKSPACE, base_url=faulty_server.url, max_retries=0
    )
    start_page = 1
    for _ in range(MAX_RESUMES):
        try:
            driver.collect(got, page_size=40, start_page=start_page)
            break
        except PiriodError as error:
            views += every_view(error)
            start_page = error.page or 1
    assert len({customer.id for customer in got}) == 600
    assert len(views) >= 5 * 3, "the faults should have failed some pages"
    assert [view for view in views if leaked(view)] == []


def test_the_cli_shows_the_token_nowhere(
    faulty_server: SandboxServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """`piriod customers list` through the faults, resumed with --start-page as it says."""
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("PIRIOD_API_TOKEN", SECRET)
    monkeypatch.setenv("PIRIOD_WORKSPACE", WORKSPACE)
    monkeypatch.setenv("PIRIOD_BASE_URL", faulty_server.url)
    outputs: list[str] = []
    start_page, failures = "1", 0
    for _ in range(MAX_RESUMES):
        stdout, stderr = io.StringIO(), io.StringIO()
        argv = ["customers", "list", "--format", "jsonl", "--start-page", start_page]
        status = run(argv, stdout=stdout, stderr=stderr)
        outputs += [stdout.getvalue(), stderr.getvalue()]
        if status == 0:
            break
        failures += 1
        start_page = stderr.getvalue().rsplit("--start-page ", 1)[1].split("]")[0]
    assert status == 0
    assert failures >= 1, "the faults should have failed some exports"
    logged = [record.getMessage() for record in caplog.records]
    assert [text for text in outputs + logged if leaked(text)] == []


# --- credentials an HTTP header cannot carry ---------------------------------------------------

UNSENDABLE = {
    "two lines": f"{HALVES[0]}\n{HALVES[1]}",
    "a carriage return": f"{HALVES[0]}\r\n{HALVES[1]}",
    "zero-width space": f"{HALVES[0]}\u200b{HALVES[1]}",
    "non-ASCII letter": f"{HALVES[0]}é{HALVES[1]}",
    "byte-order mark": f"\ufeff{SECRET}",
    "no-break space": f"{HALVES[0]}\u00a0{HALVES[1]}",
}


@pytest.mark.parametrize("client_class", [Piriod, AsyncPiriod])
@pytest.mark.parametrize("case", list(UNSENDABLE))
def test_a_token_a_header_cannot_carry_is_refused_when_the_client_is_made(
    client_class: type[Piriod] | type[AsyncPiriod], case: str, no_piriod_env: None
) -> None:
    """It used to be sent (three times, a line break reported as a network error) or to
    escape as UnicodeEncodeError quoting the whole header."""
    with pytest.raises(ConfigurationError) as caught:  # no frame of the test holds the token
        client_class(token=UNSENDABLE[case], workspace=WORKSPACE)
    assert "token=" in str(caught.value)
    assert [view for view in every_view(caught.value) if leaked(view)] == []


@pytest.mark.parametrize("client_class", [Piriod, AsyncPiriod])
@pytest.mark.parametrize("case", list(UNSENDABLE))
def test_a_token_variable_a_header_cannot_carry_is_refused_naming_it(
    client_class: type[Piriod] | type[AsyncPiriod],
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    no_piriod_env: None,
) -> None:
    monkeypatch.setenv("PIRIOD_API_TOKEN", UNSENDABLE[case])
    with pytest.raises(ConfigurationError) as caught:
        client_class(workspace=WORKSPACE)
    assert "PIRIOD_API_TOKEN" in str(caught.value)
    assert [view for view in every_view(caught.value) if leaked(view)] == []


@pytest.mark.parametrize("client_class", [Piriod, AsyncPiriod])
@pytest.mark.parametrize("from_environment", [False, True])
def test_a_workspace_a_header_cannot_carry_is_refused_without_quoting_it(
    client_class: type[Piriod] | type[AsyncPiriod],
    from_environment: bool,
    monkeypatch: pytest.MonkeyPatch,
    no_piriod_env: None,
) -> None:
    workspace = "acc_\u200bpasted"
    if from_environment:
        monkeypatch.setenv("PIRIOD_WORKSPACE", workspace)
    arguments: dict[str, Any] = {} if from_environment else {"workspace": workspace}
    with pytest.raises(ConfigurationError) as caught:
        client_class(token=SECRET, **arguments)
    name = "PIRIOD_WORKSPACE" if from_environment else "workspace="
    assert name in str(caught.value)
    assert "U+200B" in str(caught.value)
    assert "pasted" not in str(caught.value)


def test_a_token_files_final_newline_is_stripped() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"count": 0, "next": None, "results": []})

    with (
        httpx.Client(transport=httpx.MockTransport(answer)) as http,
        Piriod(token=f"  {SECRET}\n", workspace=WORKSPACE, http_client=http) as client,
    ):
        client.customers.page()
    assert [request.headers["Authorization"] for request in sent] == [f"Token {SECRET}"]


def test_no_frame_of_a_refused_construction_holds_the_token(no_piriod_env: None) -> None:
    """Piriod(token=...) failing on another argument: its own frame no longer keeps the token."""
    with pytest.raises(ConfigurationError) as caught:
        Piriod(token=SECRET, workspace=WORKSPACE, base_url="http://example.com")
    assert leaked(with_locals(caught.value)) == []


def test_no_frame_of_a_refused_environment_holds_the_token(
    monkeypatch: pytest.MonkeyPatch, no_piriod_env: None
) -> None:
    """os.environ (whose repr shows the token) is never a local of a raising frame."""
    monkeypatch.setenv("PIRIOD_API_TOKEN", SECRET)
    monkeypatch.setenv("PIRIOD_TEST_MODE", "perhaps")
    with pytest.raises(ConfigurationError) as caught:
        Piriod(workspace=WORKSPACE)
    assert leaked(with_locals(caught.value)) == []


# --- echoes outside the body -------------------------------------------------------------------


def one_reply(reply: Callable[[], httpx.Response]) -> PiriodError:
    """The error `Piriod.customers.page()` raises when the API answers `reply()` (made in
    the transport: a local of this frame would show the echo in the traceback)."""
    with (
        httpx.Client(transport=httpx.MockTransport(lambda request: reply())) as http,
        Piriod(token=SECRET, workspace=WORKSPACE, http_client=http, max_retries=0) as client,
        pytest.raises(PiriodError) as caught,
    ):
        client.customers.page()
    return caught.value


def test_a_token_echoed_in_the_reason_phrase_is_scrubbed() -> None:
    error = one_reply(
        lambda: httpx.Response(
            401, json={}, extensions={"reason_phrase": f"Unauthorized for Token {SECRET}".encode()}
        )
    )
    assert type(error) is AuthenticationError
    assert "Unauthorized for Token [redacted]" in str(error)
    assert [view for view in every_view(error) if leaked(view)] == []
    assert leaked(error.response.reason_phrase) == []


def test_a_token_echoed_in_a_redirects_location_is_scrubbed() -> None:
    error = one_reply(
        lambda: httpx.Response(302, headers={"Location": f"https://login.example.com/?t={SECRET}"})
    )
    assert type(error) is APIStatusError
    assert "https://login.example.com/?t=[redacted]" in str(error)
    assert [view for view in every_view(error) if leaked(view)] == []
    assert error.response.headers["location"] == "https://login.example.com/?t=[redacted]"


def test_a_token_echoed_in_a_header_of_a_refused_reply_is_scrubbed() -> None:
    error = one_reply(
        lambda: httpx.Response(200, headers={"Content-Encoding": SECRET}, content=b"{}")
    )
    assert type(error) is UnexpectedResponseError
    assert "Content-Encoding is '[redacted]'" in str(error)
    assert [view for view in every_view(error) if leaked(view)] == []


def test_a_token_echoed_in_a_header_name_is_scrubbed_from_what_the_error_keeps() -> None:
    error = one_reply(
        lambda: httpx.Response(503, headers={f"X-{SECRET}": "1"}, json={"detail": "busy"})
    )
    assert type(error) is ServerError
    assert error.response is not None
    assert "x-[redacted]" in error.response.headers
    assert [view for view in every_view(error) if leaked(view)] == []
    assert leaked(repr(error.response.headers.raw)) == []


def page_with_headers(headers: dict[str, str]) -> Page[Any]:
    """The page `Piriod.customers.page()` gives when the API's reply carries `headers`."""
    body = {"count": 1, "next": None, "previous": None, "results": [make_customer(1)]}
    reply = httpx.Response(200, headers=headers, json=body)
    with (
        httpx.Client(transport=httpx.MockTransport(lambda request: reply)) as http,
        Piriod(token=SECRET, workspace=WORKSPACE, http_client=http) as client,
    ):
        return client.customers.page()


def test_a_token_echoed_in_a_header_name_is_scrubbed_from_a_pages_headers() -> None:
    page = page_with_headers({f"X-{SECRET}": "1"})
    assert "x-[redacted]" in page.headers
    assert leaked(repr(page.headers.raw)) == []
    assert leaked(pickle.dumps(page).decode("latin-1")) == []


def test_a_token_echoed_lowered_in_a_header_name_is_scrubbed() -> None:
    # HTTP/2 and many proxies send header names in lower case.
    error = one_reply(
        lambda: httpx.Response(503, headers={f"X-{SECRET.lower()}": "1"}, json={"detail": "x"})
    )
    assert type(error) is ServerError
    assert "x-[redacted]" in error.response.headers
    assert [view for view in every_view(error) if SECRET.lower() in view.lower()] == []
    page = page_with_headers({f"x-{SECRET.lower()}": "1"})
    assert list(page.headers.keys()).count("x-[redacted]") == 1
    assert SECRET.lower() not in repr(page.headers.raw).lower()


def test_a_token_echoed_in_another_case_in_a_header_value_is_scrubbed() -> None:
    error = one_reply(
        lambda: httpx.Response(503, headers={"X-Echo": SECRET.upper()}, json={"detail": "x"})
    )
    assert type(error) is ServerError
    assert error.response.headers["x-echo"] == "[redacted]"
    assert [view for view in every_view(error) if SECRET.lower() in view.lower()] == []


def test_a_token_spelled_with_json_escapes_is_not_given_back_by_the_kept_reply() -> None:
    escaped = "\\u00" + format(ord(SECRET[0]), "x") + SECRET[1:]  # JSON for the token itself
    error = one_reply(
        lambda: httpx.Response(
            401,
            content=f'{{"detail": "Invalid token {escaped}"}}'.encode(),
            headers={"Content-Type": "application/json"},
        )
    )
    assert type(error) is AuthenticationError
    assert error.response is not None
    assert error.response.json() == {"detail": "Invalid token [redacted]"}
    assert [view for view in every_view(error) if leaked(view)] == []


def test_a_token_echoed_as_an_items_id_is_scrubbed_from_the_message_and_the_fields() -> None:
    error = one_reply(
        lambda: httpx.Response(
            200,
            json={
                "count": 1,
                "next": None,
                "results": [{**make_customer(1), "id": SECRET, "name": 5}],
            },
        )
    )
    assert type(error) is InvalidItemError
    assert (error.item_id, error.field, error.found) == ("[redacted]", "name", "integer")
    assert "(id '[redacted]')" in str(error)
    assert [view for view in every_view(error) if leaked(view)] == []


def test_a_token_cut_in_a_body_excerpt_leaves_no_half() -> None:
    """The excerpt of a bad body is scrubbed before it is cut: no prefix of the token stays."""
    # The cut at 120 characters falls inside the token.
    error = one_reply(
        lambda: httpx.Response(200, content=("x" * 100 + SECRET + "x" * 100).encode())
    )
    assert type(error) is UnexpectedResponseError
    assert [view for view in every_view(error) if leaked(view)] == []


# --- scrubbing keeps the server's data -----------------------------------------------------------

SHORT = "x"  # a token short enough to be part of honest words


def test_a_short_token_does_not_damage_the_fields_the_server_sent() -> None:
    body = {
        "non_field_errors": ["x-simple-workspace header is required."],
        "email": ["Enter a valid email address."],
        "token": [SHORT],  # a value equal to the token: scrubbed
        SHORT: ["a key equal to the token"],  # a key equal to the token: scrubbed
    }
    with (
        httpx.Client(
            transport=httpx.MockTransport(lambda r: httpx.Response(400, json=body))
        ) as http,
        Piriod(token=SHORT, workspace=WORKSPACE, http_client=http) as client,
        pytest.raises(BadRequestError) as caught,
    ):
        client.customers.page()
    error = caught.value
    assert error.non_field_errors == ["x-simple-workspace header is required."]
    assert error.field_errors == {
        "email": ["Enter a valid email address."],
        "token": ["[redacted]"],
        "[redacted]": ["a key equal to the token"],
    }
    assert error.body == {
        "non_field_errors": ["x-simple-workspace header is required."],
        "email": ["Enter a valid email address."],
        "token": ["[redacted]"],
        "[redacted]": ["a key equal to the token"],
    }
    assert error.detail is None


def test_a_short_token_keeps_the_detail_exact() -> None:
    detail = "The x-simple-workspace header names no workspace of yours."
    with (
        httpx.Client(
            transport=httpx.MockTransport(lambda r: httpx.Response(403, json={"detail": detail}))
        ) as http,
        Piriod(token=SHORT, workspace=WORKSPACE, http_client=http) as client,
        pytest.raises(PermissionDeniedError) as caught,
    ):
        client.customers.page()
    assert caught.value.detail == detail
    assert caught.value.body == {"detail": detail}


# --- proxies from the environment ----------------------------------------------------------------


class RecordingProxy:
    """A stand-in proxy on 127.0.0.1: records the request line and headers of whatever it
    is sent (GET through it, or CONNECT) and answers 502."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []

    @contextlib.contextmanager
    def serving(self) -> Iterator[str]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self) -> None:
                proxy.seen.append((self.requestline, dict(self.headers.items())))
                self.send_response(502)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()

            def do_GET(self) -> None:
                self.answer()

            def do_CONNECT(self) -> None:
                self.answer()

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(5)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_a_loopback_base_url_never_goes_through_an_environment_proxy(
    mode: Mode, variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It used to: `Authorization: Token ...` in clear text to whatever HTTP_PROXY named."""
    proxy = RecordingProxy()
    api = HostileAPI(30)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with proxy.serving() as proxy_url, serving(api) as url:
        monkeypatch.setenv(variable, proxy_url)
        items = own_client_items(mode, url)
    assert proxy.seen == []
    assert len(items) == 30


def own_client_items(mode: Mode, url: str) -> list[Any]:
    """The items of a walk through a client piriod makes itself (no http_client)."""
    if mode == "sync":
        with Piriod(token=SECRET, workspace=WORKSPACE, base_url=url) as client:
            return list(client.customers.list())

    async def walk() -> list[Any]:
        async with AsyncPiriod(token=SECRET, workspace=WORKSPACE, base_url=url) as client:
            return [item async for item in client.customers.list()]

    return asyncio.run(walk())


def test_an_https_base_url_still_goes_through_the_environment_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Proxies are for the real API: the request tunnels through HTTPS_PROXY, and the pool of
    the proxy's transport keeps to attempt deadlines like any other."""
    proxy = RecordingProxy()
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with proxy.serving() as proxy_url:
        monkeypatch.setenv("HTTPS_PROXY", proxy_url)
        with Piriod(token=SECRET, workspace=WORKSPACE, max_retries=0) as client:
            http = client._api.get_httpx_client()
            backends = [
                type(transport._pool._network_backend).__name__  # type: ignore[attr-defined]
                for transport in http._mounts.values()
                if transport is not None
            ]
            with pytest.raises(APIConnectionError) as caught:
                client.customers.page()
    assert [line for line, _ in proxy.seen] == ["CONNECT api.piriod.com:443 HTTP/1.1"]
    assert backends == ["_DeadlineBackend"]
    assert leaked(str(caught.value)) == []


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("ALL_PROXY", "socks5://user:hunter2@127.0.0.1:1080", "socksio"),
        ("HTTPS_PROXY", "ftp://user:hunter2@proxy.example.com:21", "ftp://"),
        ("https_proxy", "gopher://user:hunter2@proxy.example.com", "gopher://"),
    ],
)
@pytest.mark.parametrize("client_class", [Piriod, AsyncPiriod])
def test_a_proxy_variable_httpx_cannot_use_is_a_configuration_error(
    client_class: type[Piriod] | type[AsyncPiriod],
    variable: str,
    value: str,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It used to escape as ImportError (socks5 without socksio) or ValueError."""
    if value.startswith("socks5") and importlib.util.find_spec("socksio") is not None:
        pytest.skip("socksio is installed: httpx can use a socks5 proxy")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError) as caught:
        client_class(token=SECRET, workspace=WORKSPACE)
    message = str(caught.value)
    assert variable in message
    assert words in message
    assert "hunter2" not in message
    assert leaked(with_locals(caught.value)) == []


def test_a_bad_proxy_variable_does_not_matter_to_a_loopback_base_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")
    with Piriod(token=SECRET, workspace=WORKSPACE, base_url="http://127.0.0.1:9") as client:
        assert client.base_url == "http://127.0.0.1:9"


# --- plain http:// only to this machine ----------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    ["http://api.localhost:8000", "http://piriod.localhost", "http://localhost.example.com"],
)
def test_names_that_only_look_local_get_no_plain_http(base_url: str) -> None:
    """`<name>.localhost` goes to DNS on many machines, and the token with it."""
    with pytest.raises(ConfigurationError, match="plain http://"):
        Piriod(token=SECRET, workspace=WORKSPACE, base_url=base_url)


@pytest.mark.parametrize(
    "base_url", ["http://localhost:8000", "http://LOCALHOST:8000", "http://127.0.0.2:9"]
)
def test_localhost_itself_and_loopback_literals_get_plain_http(base_url: str) -> None:
    with Piriod(token=SECRET, workspace=WORKSPACE, base_url=base_url) as client:
        assert client.base_url == base_url.lower()
