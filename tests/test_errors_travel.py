"""Errors travel: they pickle (to a process pool, a task queue's result backend) and come back
the same; tracebacks name them where users import them; their advice fits them; an
AsyncPiriod outlives an event loop; an http_client of yours stays yours; logs print once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import io
import multiprocessing
import pickle
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hostile import HostileAPI, serving

import piriod
from piriod import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncPiriod,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    IncompleteWalkError,
    InvalidItemError,
    ListChangedError,
    NotFoundError,
    PermissionDeniedError,
    Piriod,
    PiriodError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from piriod._cli import run
from piriod.sandbox import SandboxAPI, SandboxServer

from conftest import TOKEN, WORKSPACE, make_customer, this_code_env
from drivers import MODES, Driver, Mode

FIELDS = (
    "message",
    "args",
    "page",
    "resumable",
    "status_code",
    "body",
    "detail",
    "field_errors",
    "non_field_errors",
    "request_id",
    "retry_after",
    "evidence",
    "index",
    "item_id",
    "field",
    "expected",
    "found",
    "count_before",
    "count_now",
)
MISSING = object()


def fields(error: BaseException) -> dict[str, Any]:
    """What an error says, field by field (its class, str and each field it has)."""
    said = {name: getattr(error, name, MISSING) for name in FIELDS}
    return {"class": type(error), "str": str(error)} | {
        name: value for name, value in said.items() if value is not MISSING
    }


def page_error(reply: Callable[[httpx.Request], httpx.Response], page: int = 1) -> PiriodError:
    """The error `customers.page(page=...)` raises when the API answers `reply`."""
    with (
        httpx.Client(transport=httpx.MockTransport(reply)) as http,
        Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as client,
        pytest.raises(PiriodError) as caught,
    ):
        client.customers.page(page=page)
    return caught.value


def json_reply(
    status: int, body: object, **headers: str
) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def walk_error(api: HostileAPI, **kwargs: Any) -> PiriodError:
    """The error a sync walk of `api` over loopback raises."""
    with serving(api) as url:
        driver = Driver("sync", None, base_url=url, max_retries=0, timeout=0.3)
        with pytest.raises(PiriodError) as caught:
            driver.items(**kwargs)
    return caught.value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def refused() -> PiriodError:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(PiriodError) as caught:
        Driver("sync", None, base_url=url, max_retries=0).items()
    return caught.value


def timed_out() -> PiriodError:
    api = HostileAPI(100)
    api.delay_on = lambda page: 1.0 if page == 2 else 0.0
    return walk_error(api, page_size=20)


def short_page() -> PiriodError:
    api = HostileAPI(300)
    api.items_on = lambda page, numbers: numbers[:60] if page == 2 else numbers
    return walk_error(api, page_size=100)


def list_changed() -> PiriodError:
    api = HostileAPI(300)
    api.reported_count = lambda page: 300 if page == 1 else 310
    return walk_error(api, page_size=100, on_drift="raise")


def status_on_page_2(status: int) -> PiriodError:
    api = HostileAPI(100)
    api.status_on = lambda page: status if page == 2 else 200
    return walk_error(api, page_size=20)


def bad_item() -> PiriodError:
    body = {"count": 1, "next": None, "results": [{**make_customer(1), "name": 5}]}
    return page_error(json_reply(200, body))


def no_token() -> PiriodError:
    with pytest.raises(PiriodError) as caught:
        Piriod(token="", workspace=WORKSPACE)
    return caught.value


ERRORS: dict[str, tuple[Callable[[], PiriodError], type[PiriodError]]] = {
    "400": (
        lambda: page_error(
            json_reply(400, {"email": ["Enter a valid email."], "non_field_errors": ["No."]})
        ),
        BadRequestError,
    ),
    "401": (
        lambda: page_error(json_reply(401, {"detail": "Invalid token."}, **{"X-Request-Id": "r1"})),
        AuthenticationError,
    ),
    "403": (lambda: page_error(json_reply(403, {"detail": "Not yours."})), PermissionDeniedError),
    "404": (lambda: page_error(json_reply(404, {"detail": "Invalid page."}), 9), NotFoundError),
    "429": (
        lambda: page_error(json_reply(429, {"detail": "Slow down."}, **{"Retry-After": "120"})),
        RateLimitError,
    ),
    "503": (lambda: page_error(json_reply(503, {"detail": "Down."})), ServerError),
    "302": (
        lambda: page_error(
            lambda request: httpx.Response(302, headers={"Location": "https://elsewhere.test/"})
        ),
        APIStatusError,
    ),
    "not JSON": (
        lambda: page_error(lambda request: httpx.Response(200, content=b"<html>")),
        UnexpectedResponseError,
    ),
    "bad item": (bad_item, InvalidItemError),
    "refused": (refused, APIConnectionError),
    "timeout": (timed_out, APITimeoutError),
    "401 in a walk": (lambda: status_on_page_2(401), AuthenticationError),
    "503 in a walk": (lambda: status_on_page_2(503), ServerError),
    "short page": (short_page, IncompleteWalkError),
    "list changed": (list_changed, ListChangedError),
    "no token": (no_token, ConfigurationError),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_every_error_unpickles_to_the_same_class_and_fields(case: str) -> None:
    """APIStatusError, RateLimitError and UnexpectedResponseError could not be unpickled:
    their __init__ takes keyword-only arguments that pickle does not pass."""
    make, error_class = ERRORS[case]
    error = make()
    assert type(error) is error_class
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert fields(again) == fields(error)


def test_a_pickled_status_error_keeps_its_reply_without_the_token() -> None:
    error = page_error(json_reply(401, {"detail": "Invalid token."}))
    assert type(error) is AuthenticationError
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert type(again) is AuthenticationError
    assert again.response.status_code == 401
    assert again.response.json() == {"detail": "Invalid token."}
    assert again.response.request.url == error.response.request.url
    assert "authorization" not in again.response.request.headers
    assert TOKEN.encode() not in pickle.dumps(error)


def test_a_pickled_connection_error_keeps_its_request_without_the_token() -> None:
    error = refused()
    assert type(error) is APIConnectionError
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert type(again) is APIConnectionError
    assert again.request is not None
    assert error.request is not None
    assert (again.request.method, again.request.url) == ("GET", error.request.url)
    assert "authorization" not in again.request.headers
    assert TOKEN.encode() not in pickle.dumps(error)


def fetch_with_a_wrong_token(base_url: str) -> int:
    """Runs in a worker process: a 401 the parent must get back whole."""
    with Piriod(token="sk_test_wrong", workspace="acc_sandbox", base_url=base_url) as client:
        return client.customers.page().count


def test_a_401_in_a_process_pool_worker_reaches_the_parent_as_itself() -> None:
    """It used to become BrokenProcessPool: the parent could not unpickle the error."""
    context = multiprocessing.get_context("spawn")  # no fork of a process running threads
    with (
        SandboxServer(SandboxAPI(customers=10)) as server,
        concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool,
    ):
        future = pool.submit(fetch_with_a_wrong_token, server.url)
        with pytest.raises(AuthenticationError) as caught:
            future.result(timeout=120)
    error = caught.value
    assert error.status_code == 401
    assert error.detail is not None
    assert error.message.startswith("401 ")
    assert "sk_test_wrong" not in pickle.dumps(error).decode("latin-1")


# --- names where users import them -----------------------------------------------------------

PUBLIC_CLASSES = [
    getattr(piriod, name)
    for name in piriod.__all__
    if isinstance(getattr(piriod, name), type)
    and issubclass(getattr(piriod, name), (PiriodError, Warning))
]


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda cls: cls.__name__)
def test_public_error_classes_live_in_piriod(cls: type) -> None:
    assert cls.__module__ == "piriod"
    assert getattr(piriod, cls.__qualname__) is cls


def test_a_traceback_names_piriod_authentication_error() -> None:
    error = page_error(json_reply(401, {"detail": "Invalid token."}))
    last_line = traceback.format_exception(error)[-1]
    assert last_line.startswith("piriod.AuthenticationError: 401 Unauthorized")


# --- resume advice only where resuming helps ----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_class", "resumable"),
    [
        (400, BadRequestError, False),
        (401, AuthenticationError, False),
        (403, PermissionDeniedError, False),
        (429, RateLimitError, True),
        (500, ServerError, True),
        (503, ServerError, True),
    ],
)
def test_a_walk_gives_resume_advice_only_where_resuming_helps(
    status: int, error_class: type[PiriodError], resumable: bool
) -> None:
    error = status_on_page_2(status)
    assert type(error) is error_class
    assert error.page == 2
    assert error.resumable is resumable
    ending = "[page 2; resume with start_page=2]" if resumable else "[page 2]"
    assert str(error).endswith(ending)


@pytest.mark.parametrize(
    ("make", "resumable"),
    [(timed_out, True), (short_page, True), (list_changed, False)],
    ids=["timeout", "short page", "list changed"],
)
def test_walk_failures_that_are_not_statuses_say_whether_to_resume(
    make: Callable[[], PiriodError], resumable: bool
) -> None:
    error = make()
    assert error.page == 2
    assert error.resumable is resumable
    assert ("resume with start_page=2" in str(error)) is resumable


def test_a_refused_connection_is_resumable() -> None:
    error = refused()
    assert type(error) is APIConnectionError
    assert error.resumable is True
    assert str(error).endswith("[page 1; resume with start_page=1]")


@pytest.mark.parametrize(("status", "advice"), [(401, False), (403, False), (503, True)])
def test_the_cli_gives_resume_advice_only_where_resuming_helps(status: int, advice: bool) -> None:
    api = HostileAPI(100)
    api.status_on = lambda page: status if page == 2 else 200
    stdout, stderr = io.StringIO(), io.StringIO()
    with serving(api) as url:

        def client_factory() -> Piriod:
            return Piriod(token=TOKEN, workspace=WORKSPACE, base_url=url, max_retries=0)

        code = run(
            ["customers", "list", "--format", "jsonl", "--page-size", "20"],
            stdout=stdout,
            stderr=stderr,
            client_factory=client_factory,
        )
    assert code == 1
    assert len(stdout.getvalue().splitlines()) == 20
    assert "[page 2" in stderr.getvalue()
    assert ("resume with --start-page 2" in stderr.getvalue()) is advice
    assert ("resume" in stderr.getvalue()) is advice


# --- one AsyncPiriod, two event loops -----------------------------------------------------------


@pytest.fixture
def api_url() -> Iterator[str]:
    with serving(HostileAPI(30)) as url:
        yield url


@pytest.fixture
def abandoned(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[type[BaseException]]]:
    """What the collector reports of the test's abandoned connections. A loop ends with a
    pooled connection open (asyncio.run closes the loop, not the client); once that client
    is dropped, the collector finds the connection unclosed and says so (ResourceWarning)."""
    reported: list[type[BaseException]] = []
    monkeypatch.setattr(
        sys, "unraisablehook", lambda unraisable: reported.append(unraisable.exc_type)
    )
    yield reported
    gc.collect()
    assert set(reported) <= {ResourceWarning}


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_async_client_piriod_made_works_from_a_second_event_loop(
    api_url: str, abandoned: list[type[BaseException]]
) -> None:
    """It used to raise a bare RuntimeError: Event loop is closed."""
    client = AsyncPiriod(token=TOKEN, workspace=WORKSPACE, base_url=api_url)

    async def count() -> int:
        return (await client.customers.page()).count

    assert [asyncio.run(count()) for _ in range(3)] == [30, 30, 30]

    async def close() -> None:
        await client.close()

    asyncio.run(close())
    assert client._api.get_async_httpx_client().is_closed


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_http_client_of_yours_from_a_second_event_loop_is_a_configuration_error(
    api_url: str, abandoned: list[type[BaseException]]
) -> None:
    clients = [
        AsyncPiriod(
            token=TOKEN, workspace=WORKSPACE, base_url=api_url, http_client=httpx.AsyncClient()
        )
    ]

    async def count() -> int:
        return (await clients[0].customers.page()).count

    assert asyncio.run(count()) == 30
    with pytest.raises(ConfigurationError) as caught:
        asyncio.run(count())
    message = str(caught.value)
    assert "another event loop" in message
    assert "inside the event loop" in message
    del caught
    clients.clear()  # its connection of the first loop can only be abandoned


# --- your http_client stays yours -----------------------------------------------------------------


def empty_page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"count": 0, "next": None, "results": []})


def settings(http: httpx.Client | httpx.AsyncClient) -> dict[str, Any]:
    """Everything of a client piriod could change."""
    return {
        "headers": list(http.headers.multi_items()),
        "follow_redirects": http.follow_redirects,
        "timeout": http.timeout,
        "auth": http.auth,
        "base_url": http.base_url,
        "params": http.params,
        "event_hooks": {name: list(hooks) for name, hooks in http.event_hooks.items()},
        "max_redirects": http.max_redirects,
    }


def test_piriod_leaves_your_sync_http_client_as_it_was() -> None:
    """It used to set your client's User-Agent, for every other request of your application."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return empty_page(request)

    with httpx.Client(transport=httpx.MockTransport(answer), headers={"X-App": "mine"}) as http:
        before = settings(http)
        with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
            client.customers.page()
        assert settings(http) == before
        http.get("https://example.test/")
    assert sent[0].headers["User-Agent"].startswith("piriod-python/")
    assert sent[0].headers["X-App"] == "mine"
    assert sent[1].headers["User-Agent"].startswith("python-httpx/")


def test_piriod_leaves_your_async_http_client_as_it_was() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return empty_page(request)

    async def use() -> tuple[dict[str, Any], dict[str, Any]]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
            before = settings(http)
            async with AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
                await client.customers.page()
            after = settings(http)
            await http.get("https://example.test/")
        return before, after

    before, after = asyncio.run(use())
    assert after == before
    assert sent[0].headers["User-Agent"].startswith("piriod-python/")
    assert sent[1].headers["User-Agent"].startswith("python-httpx/")


@pytest.mark.parametrize("mode", MODES)
def test_redirects_are_not_followed_even_by_a_client_that_follows_them(mode: Mode) -> None:
    """A client of yours built with follow_redirects=True used to follow, token and all."""
    sent: list[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        if request.url.path == "/customers/":
            return httpx.Response(302, headers={"Location": "https://api.piriod.test/moved/"})
        return empty_page(request)

    error = redirected(mode, answer)
    assert type(error) is APIStatusError
    assert error.status_code == 302
    assert [url.path for url in sent] == ["/customers/"]


def redirected(mode: Mode, answer: Callable[[httpx.Request], httpx.Response]) -> PiriodError:
    kwargs: dict[str, Any] = {
        "token": TOKEN,
        "workspace": WORKSPACE,
        "base_url": "https://api.piriod.test",
    }
    if mode == "sync":
        with (
            httpx.Client(transport=httpx.MockTransport(answer), follow_redirects=True) as http,
            Piriod(http_client=http, **kwargs) as client,
            pytest.raises(PiriodError) as caught,
        ):
            client.customers.page()
        return caught.value

    async def use() -> PiriodError:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(answer), follow_redirects=True) as http,
            AsyncPiriod(http_client=http, **kwargs) as client,
        ):
            try:
                await client.customers.page()
            except PiriodError as error:
                return error
        raise AssertionError("no error")

    return asyncio.run(use())


def test_your_clients_auth_does_not_replace_the_token() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return empty_page(request)

    with (
        httpx.Client(transport=httpx.MockTransport(answer), auth=("me", "my-password")) as http,
        Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client,
    ):
        client.customers.page()
    assert [request.headers["Authorization"] for request in sent] == [f"Token {TOKEN}"]


# --- PIRIOD_LOG=debug prints each line once ----------------------------------------------------

LOGGING_SCRIPT = """
import logging, sys
import httpx
logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="root: %(message)s")
from piriod import Piriod
reply = lambda request: httpx.Response(200, json={"count": 0, "next": None, "results": []})
with httpx.Client(transport=httpx.MockTransport(reply)) as http:
    Piriod(token="sk_test_x", workspace="acc_x", http_client=http).customers.page()
"""


def test_piriod_log_debug_with_an_applications_logging_prints_each_line_once() -> None:
    """The piriod logger had its own handler and propagated to basicConfig's: twice."""
    env = {**this_code_env(), "PIRIOD_LOG": "debug"}
    done = subprocess.run(
        [sys.executable, "-c", LOGGING_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [line for line in done.stderr.splitlines() if "GET /customers/" in line]
    assert len(lines) == 1
    assert " piriod DEBUG GET /customers/?" in lines[0]
