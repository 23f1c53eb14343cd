"""The rules a failed call's error follows, as a user of the client meets them.

Each test lets a fake server answer a call badly and checks the error the call raises: its
class, its exact message, the fields it keeps (status, detail, body, field errors, request
id, the reply and its request), that it pickles to the same thing, and that the token never
shows up in any of it, even when the server echoes the token back.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from typing import TypeVar

import httpx
import pytest

import piriod
from piriod import Piriod
from piriod._config import Secret
from piriod._exceptions import make_status_error, paused_rate_limit_error

from conftest import TOKEN, WORKSPACE, make_customer

Reply = Callable[[httpx.Request], httpx.Response]

URL = "https://api.piriod.test/customers/"
SHORT_TOKEN = "tok42"

E = TypeVar("E", bound=piriod.PiriodError)


def round_trip(error: E) -> E:
    """`error` after a trip through pickle, as it comes back from another process."""
    again: E = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    return again


def raised(reply: Reply, *, token: str = TOKEN) -> piriod.PiriodError:
    """The error `customers.page()` raises when the API answers `reply`."""
    with (
        httpx.Client(transport=httpx.MockTransport(reply)) as http,
        Piriod(token=token, workspace=WORKSPACE, http_client=http, max_retries=0) as client,
        pytest.raises(piriod.PiriodError) as caught,
    ):
        client.customers.page()
    return caught.value


def status_error(reply: Reply, *, token: str = TOKEN) -> piriod.APIStatusError:
    error = raised(reply, token=token)
    assert isinstance(error, piriod.APIStatusError)
    return error


def answer(
    status: int,
    content: bytes = b"",
    *,
    headers: dict[str, str] | None = None,
    extensions: dict[str, object] | None = None,
) -> Reply:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, content=content, headers=headers or {}, extensions=extensions or {}
        )

    return reply


def json_answer(status: int, body: object, **headers: str) -> Reply:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def bad_request(body: object) -> piriod.BadRequestError:
    error = raised(json_answer(400, body))
    assert isinstance(error, piriod.BadRequestError)
    return error


def bare_response(status: int, content: bytes = b"", **headers: str) -> httpx.Response:
    """A reply as the client sees it, with the request it answers (token and all)."""
    request = httpx.Request("GET", URL, headers={"Authorization": f"Token {TOKEN}"})
    return httpx.Response(status, content=content, headers=headers, request=request)


# --- the kept request ---------------------------------------------------------------------


def test_a_connection_error_keeps_the_request_body_and_headers_but_not_the_token() -> None:
    request = httpx.Request(
        "POST",
        URL,
        headers={"Authorization": f"Token {TOKEN}", "X-Simple-Workspace": WORKSPACE},
        content=b'{"name": "Cliente"}',
    )
    error = piriod.APIConnectionError("connection refused", request=request)
    assert error.request is not None
    assert error.request.content == b'{"name": "Cliente"}'
    assert error.request.headers["x-simple-workspace"] == WORKSPACE
    assert "authorization" not in error.request.headers
    assert error.request.method == "POST"
    assert str(error.request.url) == URL
    copy = round_trip(error)
    assert copy.request is not None
    assert copy.request.content == b'{"name": "Cliente"}'
    assert copy.request.headers["x-simple-workspace"] == WORKSPACE


def test_a_streamed_request_not_read_is_kept_without_a_body() -> None:
    def chunks() -> Iterator[bytes]:
        yield b"secret-ish stream"

    request = httpx.Request(
        "POST",
        URL,
        headers={"Authorization": f"Token {TOKEN}", "X-App": "mine"},
        content=chunks(),
    )
    error = piriod.APIConnectionError("dropped", request=request)
    assert error.request is not None
    assert error.request.content == b""
    assert error.request.headers["x-app"] == "mine"
    assert "authorization" not in error.request.headers


# --- the kept reply -----------------------------------------------------------------------


def test_the_kept_reply_holds_no_echo_of_the_token() -> None:
    reply = answer(
        502,
        f"upstream said: Token {TOKEN}".encode(),
        headers={"X-Echo": f"Token {TOKEN}", "X-Request-Id": "req_1"},
        extensions={"reason_phrase": f"Bad {TOKEN}".encode()},
    )
    error = status_error(reply)
    assert isinstance(error, piriod.ServerError)
    assert error.response.headers["x-echo"] == "Token [redacted]"
    assert error.response.content == b"upstream said: Token [redacted]"
    assert error.response.reason_phrase == "Bad [redacted]"
    assert error.request_id == "req_1"
    assert str(error) == (
        "502 Bad [redacted] from GET /customers/: upstream said: Token [redacted]"
    )
    assert "authorization" not in error.response.request.headers
    for shown in (str(error), repr(error), repr(pickle.dumps(error)), repr(vars(error))):
        assert TOKEN not in shown


def test_the_kept_reply_keeps_its_reason() -> None:
    reply = answer(503, b"", extensions={"reason_phrase": b"Down For Maintenance"})
    error = status_error(reply)
    assert error.response.reason_phrase == "Down For Maintenance"
    assert str(error) == "503 Down For Maintenance from GET /customers/"


def test_the_kept_reply_keeps_its_http_version() -> None:
    request = httpx.Request("GET", URL, headers={"Authorization": f"Token {TOKEN}"})
    response = httpx.Response(
        503,
        request=request,
        extensions={"http_version": b"HTTP/2", "reason_phrase": b"Down For Maintenance"},
    )
    error = make_status_error(response, secret=Secret(TOKEN))
    assert error.response.http_version == "HTTP/2"
    assert error.response.reason_phrase == "Down For Maintenance"
    assert "authorization" not in error.response.request.headers


# --- the error itself ---------------------------------------------------------------------


def test_an_error_carries_its_message_in_args_and_repr() -> None:
    error = status_error(answer(404))
    message = "404 Not Found from GET /customers/ (" + (
        "the page may be past the last one; start again from page 1)"
    )
    assert isinstance(error, piriod.NotFoundError)
    assert error.args == (message,)
    assert repr(error) == f"NotFoundError({message!r})"
    copy = round_trip(error)
    assert copy.args == (message,)
    assert str(copy) == message


def test_a_resumable_error_names_the_page_size_to_resume_with() -> None:
    error = piriod.IncompleteWalkError("pages do not add up", evidence="short page", page=3)
    error.page_size = 50
    assert str(error) == "pages do not add up [page 3; resume with start_page=3, page_size=50]"
    error.page_size = None
    assert str(error) == "pages do not add up [page 3; resume with start_page=3]"


def test_an_invalid_item_names_its_id() -> None:
    customer = make_customer(1)
    customer["name"] = {"first": "Cliente"}
    page = {"count": 1, "next": None, "previous": None, "results": [customer]}
    error = raised(json_answer(200, page))
    assert isinstance(error, piriod.InvalidItemError)
    assert error.item_id == "cus_000001"
    assert error.index == 0
    assert error.field == "name"
    assert round_trip(error).item_id == "cus_000001"


# --- bodies -------------------------------------------------------------------------------


def test_a_body_that_is_not_utf8_is_kept_as_text() -> None:
    error = status_error(answer(502, b"<h1>caf\xe9 down</h1>"))
    assert error.body == "<h1>caf\ufffd down</h1>"
    assert str(error) == "502 Bad Gateway from GET /customers/: <h1>caf\ufffd down</h1>"


def test_a_body_too_deep_to_walk_is_kept_as_text() -> None:
    text = "[" * 700 + '"caf\u00e9"' + "]" * 700
    content = text.encode("utf-16-le")
    error = status_error(answer(500, content))
    assert isinstance(error, piriod.ServerError)
    assert error.body == content.decode("utf-8", errors="replace")


def test_a_text_body_shows_with_its_whitespace_squeezed() -> None:
    error = status_error(answer(500, b"  Upstream   failed\n\n  try later  "))
    assert error.body == "  Upstream   failed\n\n  try later  "
    assert str(error) == "500 Internal Server Error from GET /customers/: Upstream failed try later"


def test_a_long_body_is_cut_in_the_message_only() -> None:
    long_text = "x" * 300
    error = status_error(answer(500, long_text.encode()))
    assert error.body == long_text
    assert str(error) == f"500 Internal Server Error from GET /customers/: {'x' * 200}..."


def test_a_body_of_exactly_the_limit_is_not_cut() -> None:
    text = "y" * 200
    error = status_error(answer(500, text.encode()))
    assert str(error) == f"500 Internal Server Error from GET /customers/: {text}"


@pytest.mark.parametrize("content", [b"", b"null", b"{}", b"[]"])
def test_an_empty_body_adds_nothing_to_the_message(content: bytes) -> None:
    error = status_error(answer(500, content))
    assert str(error) == "500 Internal Server Error from GET /customers/"


def test_a_json_body_without_detail_is_shown_as_it_came() -> None:
    error = status_error(json_answer(500, {"error": "boom"}))
    assert error.detail is None
    assert error.body == {"error": "boom"}
    assert str(error) == "500 Internal Server Error from GET /customers/: {'error': 'boom'}"


def test_the_detail_is_the_explanation() -> None:
    error = status_error(json_answer(401, {"detail": "Invalid token."}))
    assert isinstance(error, piriod.AuthenticationError)
    assert error.detail == "Invalid token."
    assert str(error) == (
        "401 Unauthorized from GET /customers/: Invalid token. (check the token"
        " (Piriod(token=...) or PIRIOD_API_TOKEN); a new token invalidates the old)"
    )


def test_a_status_without_a_reason_says_http_error() -> None:
    error = status_error(answer(599))
    assert isinstance(error, piriod.ServerError)
    assert str(error) == "599 HTTP error from GET /customers/"


# --- the token in bodies ------------------------------------------------------------------

# The token written with a JSON escape: the bytes do not hold it, the decoded body does.
ESCAPED_TOKEN = "\\u0073" + TOKEN[1:]


def test_the_token_is_redacted_from_keys_values_and_lists_of_a_body() -> None:
    content = (
        f'{{"echo": "{ESCAPED_TOKEN}", "{ESCAPED_TOKEN}": 1, "seen": ["{ESCAPED_TOKEN}"]}}'
    ).encode()
    assert TOKEN.encode() not in content
    error = status_error(answer(500, content))
    assert error.body == {"echo": "[redacted]", "[redacted]": 1, "seen": ["[redacted]"]}
    assert TOKEN not in str(error)
    assert TOKEN not in repr(round_trip(error).body)


def test_a_short_token_is_scrubbed_from_the_message_but_kept_inside_field_text() -> None:
    reply = json_answer(500, {"detail": f"bad token {SHORT_TOKEN} here"})
    error = status_error(reply, token=SHORT_TOKEN)
    assert error.detail == f"bad token {SHORT_TOKEN} here"
    assert str(error) == "500 Internal Server Error from GET /customers/: bad token [redacted] here"


def test_a_short_token_is_scrubbed_from_a_text_body_in_the_message() -> None:
    error = status_error(answer(500, f"echo {SHORT_TOKEN}".encode()), token=SHORT_TOKEN)
    assert error.body == f"echo {SHORT_TOKEN}"
    assert str(error) == "500 Internal Server Error from GET /customers/: echo [redacted]"


# --- 400 ----------------------------------------------------------------------------------


def test_a_400_with_only_field_errors_lists_them_in_the_message() -> None:
    body = {"name": ["This field is required."], "email": ["Enter a valid email.", "Too long."]}
    error = bad_request(body)
    assert error.field_errors == {
        "name": ["This field is required."],
        "email": ["Enter a valid email.", "Too long."],
    }
    assert error.non_field_errors == []
    assert error.body == body
    assert error.detail is None
    assert str(error) == (
        "400 Bad Request from GET /customers/: name: This field is required.;"
        " email: Enter a valid email. Too long."
    )


def test_a_400_with_general_and_field_errors_lists_both() -> None:
    body = {"non_field_errors": ["Dates overlap."], "amount": 5, "note": None}
    error = bad_request(body)
    assert error.non_field_errors == ["Dates overlap."]
    assert error.field_errors == {"amount": ["5"]}
    assert str(error) == "400 Bad Request from GET /customers/: Dates overlap.; amount: 5"


def test_a_400_with_a_detail_shows_the_detail_and_keeps_the_fields() -> None:
    body = {"detail": "Invalid filter.", "name": ["Unknown field."]}
    error = bad_request(body)
    assert error.detail == "Invalid filter."
    assert error.body == body
    assert error.field_errors == {"name": ["Unknown field."]}
    assert str(error) == "400 Bad Request from GET /customers/: Invalid filter."
    copy = round_trip(error)
    assert (copy.detail, copy.body, copy.field_errors) == (error.detail, body, error.field_errors)


def test_a_400_with_a_nested_field_under_an_empty_name() -> None:
    error = bad_request({"": {"email": ["Enter a valid email."]}})
    assert error.field_errors == {"email": ["Enter a valid email."]}


def test_general_errors_keep_the_order_the_server_gave_them() -> None:
    body = {"non_field_errors": {"a.b": "first", "c": "second", "a": {"b": "third"}}}
    error = bad_request(body)
    assert error.non_field_errors == ["first", "third", "second"]


# --- redirects ----------------------------------------------------------------------------

REDIRECT_ADVICE = (
    " (the API redirected to {}; piriod never follows redirects so the token"
    " stays with base_url: set base_url to the API's real address)"
)


@pytest.mark.parametrize("status", [300, 302])
def test_a_redirect_says_where_it_went(status: int) -> None:
    reply = answer(status, headers={"Location": "https://elsewhere.test/v1/customers/"})
    error = status_error(reply)
    assert type(error) is piriod.APIStatusError
    reason = httpx.codes.get_reason_phrase(status)
    assert str(error) == f"{status} {reason} from GET /customers/" + REDIRECT_ADVICE.format(
        "https://elsewhere.test/v1/customers/"
    )


def test_a_redirect_without_a_location() -> None:
    error = status_error(answer(302))
    assert str(error) == "302 Found from GET /customers/" + REDIRECT_ADVICE.format("?")


def test_a_400_is_not_a_redirect() -> None:
    error = status_error(answer(400, headers={"Location": "https://elsewhere.test/"}))
    assert str(error) == "400 Bad Request from GET /customers/"


# --- attempts -----------------------------------------------------------------------------


def test_a_single_attempt_is_not_counted_in_the_message() -> None:
    error = status_error(answer(500))
    assert str(error) == "500 Internal Server Error from GET /customers/"


@pytest.mark.parametrize(
    ("attempts", "suffix"), [(1, ""), (2, " (after 2 attempts)"), (3, " (after 3 attempts)")]
)
def test_the_attempts_are_counted_in_the_message(attempts: int, suffix: str) -> None:
    error = make_status_error(bare_response(503), secret=Secret(TOKEN), attempts=attempts)
    assert str(error) == f"503 Service Unavailable from GET /customers/{suffix}"


def test_one_attempt_is_the_default() -> None:
    error = make_status_error(bare_response(503))
    assert str(error) == "503 Service Unavailable from GET /customers/"


# --- 429 ----------------------------------------------------------------------------------


def test_a_429_keeps_the_wait_the_server_asked_for() -> None:
    error = status_error(json_answer(429, {"detail": "Slow down."}, **{"Retry-After": "7"}))
    assert isinstance(error, piriod.RateLimitError)
    assert error.retry_after == 7.0
    assert str(error) == (
        "429 Too Many Requests from GET /customers/: Slow down. (slow down, or raise"
        " max_retries to wait for the rate limit)"
    )


PAUSED = (
    "429 from GET /customers/: this client is pausing every request for another 42.5 s"
    " (Retry-After), longer than this call's timeout of 10 s lets it wait; try again after"
    " retry_after seconds, or pass a larger timeout="
)


def test_a_paused_429_says_how_long_the_pause_lasts() -> None:
    cause = bare_response(429, b'{"detail": "Slow down."}', **{"Retry-After": "60"})
    error = paused_rate_limit_error(cause, retry_after=42.5, budget=10.0, secret=Secret(TOKEN))
    assert isinstance(error, piriod.RateLimitError)
    assert error.retry_after == 42.5
    assert error.detail == "Slow down."
    assert error.body == {"detail": "Slow down."}
    assert error.status_code == 429
    assert str(error) == PAUSED + " (the API said: Slow down.)"
    assert "authorization" not in error.response.request.headers


def test_a_paused_429_without_detail() -> None:
    cause = bare_response(429, b"", **{"Retry-After": "60"})
    error = paused_rate_limit_error(cause, retry_after=42.5, budget=10.0, secret=Secret(TOKEN))
    assert str(error) == PAUSED
    assert error.body == ""


def test_a_paused_429_keeps_no_echo_of_the_token() -> None:
    content = f'{{"detail": "{ESCAPED_TOKEN}", "echo": ["{ESCAPED_TOKEN}"]}}'.encode()
    cause = bare_response(429, content, **{"X-Echo": TOKEN})
    error = paused_rate_limit_error(cause, retry_after=5.0, budget=1.0, secret=Secret(TOKEN))
    assert error.detail == "[redacted]"
    assert error.body == {"detail": "[redacted]", "echo": ["[redacted]"]}
    assert error.response.headers["x-echo"] == "[redacted]"
    assert TOKEN not in str(error)


def test_a_paused_429_scrubs_a_short_token_from_the_detail_it_quotes() -> None:
    request = httpx.Request("GET", URL, headers={"Authorization": f"Token {SHORT_TOKEN}"})
    cause = httpx.Response(429, json={"detail": f"token {SHORT_TOKEN} is busy"}, request=request)
    error = paused_rate_limit_error(cause, retry_after=5.0, budget=1.0, secret=Secret(SHORT_TOKEN))
    assert error.detail == f"token {SHORT_TOKEN} is busy"
    assert str(error).endswith(" (the API said: token [redacted] is busy)")
