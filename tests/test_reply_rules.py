"""How a reply becomes a page, as a user of `client.customers.page()` sees it.

Each test serves a reply through an httpx mock transport, with the sync client and the async
one, and checks what comes back: the page's items, count, `has_next`, `links_next`,
`request_id` and `headers`, or the error raised, with its exact message and fields. Also
checked: the request that went out (its timeout, its Authorization header), that the token
never shows in what a reply turns into (messages, error bodies, page headers), that a bug in
the generated models is reported as a bad reply, and that the `fast` extra really does the
decoding when it is installed, while without it the stdlib gives the same pages.
"""

from __future__ import annotations

import asyncio
import json
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal
from unittest import mock

import httpx
import pytest

import piriod
from piriod import (
    InvalidItemError,
    NotFoundError,
    Page,
    ServerError,
    UnexpectedResponseError,
    _endpoints,
)

from conftest import TOKEN, WORKSPACE, make_customer, make_product

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")
BASE_URL = "https://api.piriod.com"
NEXT_PAGE = f"{BASE_URL}/customers/?page=2"


class Server:
    """Answers every request with a fresh reply of the same status, body and headers, and
    keeps the requests it got."""

    def __init__(
        self, body: bytes, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> None:
        self.body = body
        self.status = status
        self.headers = dict(headers or {})
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, content=self.body, headers=self.headers)


def page_body(*items: dict[str, Any], count: object = None, next_url: object = None) -> bytes:
    """A page as the API writes it; `count` defaults to the number of items."""
    body = {
        "count": len(items) if count is None else count,
        "next": next_url,
        "previous": None,
        "results": list(items),
    }
    return json.dumps(body).encode()


def fetch_page(
    mode: Mode,
    server: Server,
    *,
    resource: Literal["customers", "products"] = "customers",
    token: str = TOKEN,
    client_timeout: float | None = None,
    max_retries: int = 0,
    **call: Any,
) -> Page[Any]:
    """`client.<resource>.page(**call)` with a client whose requests `server` answers."""
    settings: dict[str, Any] = {
        "token": token,
        "workspace": WORKSPACE,
        "test_mode": False,
        "base_url": BASE_URL,
        "max_retries": max_retries,
    }
    if client_timeout is not None:
        settings["timeout"] = client_timeout
    transport = httpx.MockTransport(server)
    if mode == "sync":
        with (
            httpx.Client(transport=transport) as http,
            piriod.Piriod(http_client=http, **settings) as client,
        ):
            page: Page[Any] = getattr(client, resource).page(**call)
            return page

    async def run() -> Page[Any]:
        async with (
            httpx.AsyncClient(transport=transport) as http,
            piriod.AsyncPiriod(http_client=http, **settings) as client,
        ):
            page: Page[Any] = await getattr(client, resource).page(**call)
            return page

    return asyncio.run(run())


def with_a_new_field(item: dict[str, Any]) -> dict[str, Any]:
    """`item` with a field this version of the client does not know (the API added one)."""
    return item | {"loyalty_tier": "gold"}


# --- the request that goes out -------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_each_request_carries_the_timeout_of_its_client_or_of_its_call(mode: Mode) -> None:
    server = Server(page_body(make_customer(1)))
    fetch_page(mode, server, client_timeout=7.5)
    fetch_page(mode, server, client_timeout=7.5, timeout=3)
    first, second = server.requests
    assert first.extensions["timeout"] == {"connect": 5.0, "read": 7.5, "write": 7.5, "pool": 7.5}
    assert second.extensions["timeout"] == {"connect": 3.0, "read": 3.0, "write": 3.0, "pool": 3.0}


@pytest.mark.parametrize("mode", MODES)
def test_the_token_goes_in_one_header_spelled_authorization(mode: Mode) -> None:
    server = Server(page_body(make_customer(1)))
    fetch_page(mode, server)
    (request,) = server.requests
    sent = [
        (name, value) for name, value in request.headers.raw if name.lower() == b"authorization"
    ]
    assert sent == [(b"Authorization", f"Token {TOKEN}".encode())]


# --- a success status whose body is not a page ---------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("resource", "body", "message"),
    [
        (
            "customers",
            b"<html>\n  <h1>502</h1>   Bad   gateway\n</html>\n",
            "GET /customers/ page 1 answered 200 but the body is not JSON; body starts:"
            " '<html> <h1>502</h1> Bad gateway </html>'",
        ),
        (
            "products",
            b"[1, 2]",
            "GET /products/ page 1 answered 200 but the body is not a JSON object; body starts:"
            " '[1, 2]'",
        ),
        (
            "customers",
            b'{"count": 0, "next": null, "results": {}}',
            "GET /customers/ page 1 answered 200 but 'results' is not a list; body starts:"
            ' \'{"count": 0, "next": null, "results": {}}\'',
        ),
    ],
    ids=["html", "array", "results-object"],
)
def test_a_body_that_is_not_a_page_says_what_is_wrong_and_how_it_starts(
    mode: Mode, resource: Literal["customers", "products"], body: bytes, message: str
) -> None:
    with pytest.raises(UnexpectedResponseError) as caught:
        fetch_page(mode, Server(body), resource=resource)
    assert type(caught.value) is UnexpectedResponseError
    assert str(caught.value) == message
    assert caught.value.status_code == 200
    assert caught.value.body == body


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("length", "shown"),
    [(119, "x" * 119), (120, "x" * 120), (121, "x" * 120 + "..."), (5000, "x" * 120 + "...")],
)
def test_the_body_quoted_in_a_message_is_cut_after_120_characters(
    mode: Mode, length: int, shown: str
) -> None:
    body = b"x" * length
    with pytest.raises(UnexpectedResponseError) as caught:
        fetch_page(mode, Server(body))
    assert str(caught.value) == (
        f"GET /customers/ page 1 answered 200 but the body is not JSON; body starts: '{shown}'"
    )
    assert caught.value.body == body


@pytest.mark.parametrize("mode", MODES)
def test_a_reply_echoing_the_token_never_shows_it_in_a_bad_reply_error(mode: Mode) -> None:
    body = page_body(count=TOKEN)
    with pytest.raises(UnexpectedResponseError) as caught:
        fetch_page(mode, Server(body))
    scrubbed = b'{"count": "[redacted]", "next": null, "previous": null, "results": []}'
    assert str(caught.value) == (
        "GET /customers/ page 1 answered 200 but 'count' is '[redacted]', not a whole number"
        f" >= 0; body starts: {scrubbed.decode()!r}"
    )
    assert caught.value.body == scrubbed


@pytest.mark.parametrize("mode", MODES)
def test_a_body_that_is_not_json_never_shows_the_token_either(mode: Mode) -> None:
    body = f"<p>Unknown token {TOKEN}</p>".encode()
    with pytest.raises(UnexpectedResponseError) as caught:
        fetch_page(mode, Server(body))
    assert str(caught.value) == (
        "GET /customers/ page 1 answered 200 but the body is not JSON; body starts:"
        " '<p>Unknown token [redacted]</p>'"
    )
    assert caught.value.body == b"<p>Unknown token [redacted]</p>"


# --- an error status --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_error_status_echoing_the_token_never_shows_it(mode: Mode) -> None:
    body = json.dumps({"detail": f"No page here for {TOKEN}."}).encode()
    with pytest.raises(NotFoundError) as caught:
        fetch_page(mode, Server(body, status=404), page=9)
    assert str(caught.value) == (
        "404 Not Found from GET /customers/: No page here for [redacted]. (the page may be"
        " past the last one; start again from page 1)"
    )
    assert caught.value.detail == "No page here for [redacted]."
    assert caught.value.body == {"detail": "No page here for [redacted]."}


@pytest.mark.parametrize("mode", MODES)
def test_an_error_status_after_retries_says_how_many_attempts_were_made(mode: Mode) -> None:
    server = Server(b"busy", status=503, headers={"Retry-After": "0"})
    with pytest.raises(ServerError) as caught:
        fetch_page(mode, server, max_retries=1)
    assert (
        str(caught.value) == "503 Service Unavailable from GET /customers/ (after 2 attempts): busy"
    )
    assert len(server.requests) == 2


# --- what a page keeps of the reply ----------------------------------------------------------

REPLY_HEADERS = {
    "X-Request-Id": "req_7f3a",
    "X-RateLimit-Remaining": "99",
    "X-Echo": f"Token {TOKEN}",
    "Set-Cookie": "sessionid=abc123",
    "Authorization": f"Token {TOKEN}",
    "Cookie": "csrftoken=xyz",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("item", [make_customer(1), with_a_new_field(make_customer(1))])
def test_a_page_keeps_the_reply_headers_without_credentials_and_the_next_link(
    mode: Mode, item: dict[str, Any]
) -> None:
    body = page_body(item, count=2, next_url=NEXT_PAGE)
    page = fetch_page(mode, Server(body, headers=REPLY_HEADERS), page_size=1)
    assert [customer.id for customer in page.items] == ["cus_000001"]
    assert (page.count, page.page, page.page_size) == (2, 1, 1)
    assert (page.has_next, page.links_next) == (True, True)
    assert page.request_id == "req_7f3a"
    kept = [(name, value) for name, value in page.headers.multi_items() if name != "content-length"]
    assert kept == [
        ("x-request-id", "req_7f3a"),
        ("x-ratelimit-remaining", "99"),
        ("x-echo", "Token [redacted]"),
    ]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("number", "next_url", "has_next", "links_next"),
    [
        (1, None, False, False),  # the server says it is the last page: believed
        (2, NEXT_PAGE, True, True),
        (3, NEXT_PAGE, False, True),  # 50 items at 20 a page make 3 pages: no 4th
    ],
)
def test_has_next_needs_both_a_next_link_and_a_page_left_by_count(
    mode: Mode, number: int, next_url: str | None, has_next: bool, links_next: bool
) -> None:
    body = page_body(make_customer(1), count=50, next_url=next_url)
    page = fetch_page(mode, Server(body), page=number, page_size=20)
    assert (page.page, page.total_pages) == (number, 3)
    assert (page.has_next, page.links_next) == (has_next, links_next)


# --- items that do not fit their types -------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("resource", "item", "message", "fields"),
    [
        (
            "customers",
            make_customer(1) | {"state": 13},
            "GET /customers/ page 1 answered 200 but item 0 (id 'cus_000001') holds a value of"
            " the wrong type: `state` should be object or null, found integer (values are not"
            " quoted; the error's `body` holds the reply). The same page fails again until the"
            " server mends it: on_invalid='skip' walks on without such items",
            (0, "cus_000001", "state", "object or null", "integer"),
        ),
        (
            "products",
            make_product(4) | {"id": 4},
            "GET /products/ page 1 answered 200 but item 0 holds a value of the wrong type:"
            " `id` should be string, found integer (values are not quoted; the error's `body`"
            " holds the reply). The same page fails again until the server mends it:"
            " on_invalid='skip' walks on without such items",
            (0, None, "id", "string", "integer"),
        ),
    ],
    ids=["customer", "product"],
)
def test_an_item_of_the_wrong_type_is_named_by_position_id_field_and_type(
    mode: Mode,
    resource: Literal["customers", "products"],
    item: dict[str, Any],
    message: str,
    fields: tuple[object, ...],
) -> None:
    body = page_body(item)
    with pytest.raises(InvalidItemError) as caught:
        fetch_page(mode, Server(body), resource=resource)
    error = caught.value
    assert str(error) == message
    assert (error.index, error.item_id, error.field, error.expected, error.found) == fields
    assert (error.status_code, error.body) == (200, body)


@pytest.mark.parametrize("mode", MODES)
def test_an_invalid_items_error_keeps_the_reply_without_the_token(mode: Mode) -> None:
    body = page_body(make_customer(1) | {"reference": TOKEN, "state": 13})
    with pytest.raises(InvalidItemError) as caught:
        fetch_page(mode, Server(body))
    assert TOKEN.encode() not in caught.value.body
    assert caught.value.body == body.replace(TOKEN.encode(), b"[redacted]")


@pytest.mark.parametrize("mode", MODES)
def test_a_short_token_inside_an_item_id_is_hidden_from_the_message(mode: Mode) -> None:
    """A token too short to be echoed by anything but chance stays in the `item_id` field
    (which holds what the server sent), but the message, made to be shown, never quotes it."""
    body = page_body(make_customer(1) | {"id": "cus_tok_abc123", "state": 13})
    with pytest.raises(InvalidItemError) as caught:
        fetch_page(mode, Server(body), token="tok_abc123")
    assert str(caught.value) == (
        "GET /customers/ page 1 answered 200 but item 0 (id 'cus_[redacted]') holds a value of"
        " the wrong type: `state` should be object or null, found integer (values are not"
        " quoted; the error's `body` holds the reply). The same page fails again until the"
        " server mends it: on_invalid='skip' walks on without such items"
    )
    assert caught.value.item_id == "cus_tok_abc123"


# --- a bug in the generated models -----------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("bug", "cause"),
    [
        (KeyError("id"), "the field 'id' is missing"),
        (
            TypeError("'NoneType' object is not subscriptable"),
            "TypeError: 'NoneType' object is not subscriptable",
        ),
    ],
    ids=["KeyError", "TypeError"],
)
def test_a_bug_in_the_generated_models_is_reported_as_a_reply_that_does_not_parse(
    mode: Mode, bug: Exception, cause: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every generated `from_dict` raises only InvalidValue; should a regenerated model raise
    anything else, the user gets an UnexpectedResponseError naming the item and the cause."""
    generated = _endpoints._generated

    def broken(data: Mapping[str, Any]) -> Any:
        raise bug

    def with_broken_model(operation: str, model: str) -> tuple[Callable[..., Any], Any]:
        return generated(operation, model)[0], broken

    monkeypatch.setattr(_endpoints, "_generated", with_broken_model)
    body = b'{"count": 1, "next": null, "results": [{"name": "x"}]}'
    with pytest.raises(UnexpectedResponseError) as caught:
        fetch_page(mode, Server(body))
    assert type(caught.value) is UnexpectedResponseError
    assert str(caught.value) == (
        f"GET /customers/ page 1 answered 200 but item 0 does not parse ({cause}); body starts:"
        f" {body.decode()!r}"
    )
    assert caught.value.__cause__ is bug


# --- the decoder: msgspec with the `fast` extra, else the stdlib ---------------------------


def test_with_the_fast_extra_replies_are_decoded_by_msgspec() -> None:
    assert _endpoints.json_decoder() == "msgspec", "the dev extra brings msgspec"


@pytest.mark.parametrize("mode", MODES)
def test_without_msgspec_the_stdlib_decodes_the_same_pages(
    mode: Mode, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = page_body(make_customer(1), with_a_new_field(make_customer(2)))
    with_msgspec = fetch_page(mode, Server(body))
    for name in ("msgspec", "msgspec.json"):
        monkeypatch.setitem(sys.modules, name, None)  # importing it now raises ImportError
    # As in a fresh process without the extra: the cached answers are looked for again.
    monkeypatch.setattr(_endpoints, "_fast_loads", _endpoints._fast_loads.__wrapped__)
    monkeypatch.setattr(_endpoints, "_wire", _endpoints._wire.__wrapped__)
    assert _endpoints.json_decoder() == "json"
    without = fetch_page(mode, Server(body))
    assert without == with_msgspec
    assert [customer.id for customer in without.items] == ["cus_000001", "cus_000002"]
    with pytest.raises(UnexpectedResponseError) as caught:
        fetch_page(mode, Server(b"<html>502</html>"))
    assert str(caught.value) == (
        "GET /customers/ page 1 answered 200 but the body is not JSON; body starts:"
        " '<html>502</html>'"
    )


@pytest.mark.parametrize("mode", MODES)
def test_with_the_fast_extra_a_well_formed_page_is_typed_without_from_dict(
    mode: Mode, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of the extra: a page that is all the spec describes goes by msgspec's typed
    decoding (about half the cost); only pages it refuses go item by item through
    `from_dict`."""
    generated = _endpoints._generated
    from_dict = mock.Mock(wraps=generated("customers.list_customers", "Customer")[1])

    def watched(operation: str, model: str) -> tuple[Callable[..., Any], Any]:
        return generated(operation, model)[0], from_dict

    monkeypatch.setattr(_endpoints, "_generated", watched)
    page = fetch_page(mode, Server(page_body(make_customer(1), make_customer(2))))
    assert [customer.id for customer in page.items] == ["cus_000001", "cus_000002"]
    assert from_dict.call_count == 0
    page = fetch_page(mode, Server(page_body(make_customer(1), with_a_new_field(make_customer(2)))))
    assert [customer.id for customer in page.items] == ["cus_000001", "cus_000002"]
    assert page.items[1].additional_properties == {"loyalty_tier": "gold"}
    assert from_dict.call_count == 2


@pytest.mark.parametrize("mode", MODES)
def test_with_the_fast_extra_the_stdlib_decodes_only_what_msgspec_refuses(
    mode: Mode, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = mock.Mock(wraps=json.loads)
    monkeypatch.setattr(_endpoints, "json", types.SimpleNamespace(loads=loads))
    page = fetch_page(mode, Server(page_body(with_a_new_field(make_customer(1)))))
    assert [customer.id for customer in page.items] == ["cus_000001"]
    assert loads.call_count == 0
    with_nan = make_customer(2) | {"metadata": {"score": float("nan")}}
    page = fetch_page(mode, Server(page_body(with_nan)))  # json.dumps writes NaN: msgspec refuses
    assert [customer.id for customer in page.items] == ["cus_000002"]
    assert loads.call_count == 1
