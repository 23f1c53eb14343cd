"""The errors every call can raise. Nothing else escapes a call on a bad server reply."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import httpx

from ._retries import parse_retry_after

if TYPE_CHECKING:
    from ._config import Secret

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "DriftWarning",
    "IncompleteWalkError",
    "InvalidItemError",
    "InvalidItemsWarning",
    "ListChangedError",
    "NotFoundError",
    "PermissionDeniedError",
    "PiriodError",
    "RateLimitError",
    "ServerError",
    "UnexpectedResponseError",
]

# Long bodies (an HTML error page from a proxy) are cut in messages; `.body` keeps them whole.
_MESSAGE_BODY_LIMIT = 200


# Headers that carry credentials: never kept in an error's request.
_CREDENTIAL_HEADERS = frozenset({b"authorization", b"proxy-authorization", b"cookie"})


def public_request(request: httpx.Request) -> httpx.Request:
    """`request`, or a copy of it without credential headers (Authorization, Cookie) if it
    has any: what an error keeps, so that neither it nor its pickle holds the token."""
    headers = [
        (name, value)
        for name, value in request.headers.raw
        if name.lower() not in _CREDENTIAL_HEADERS
    ]
    if len(headers) == len(request.headers.raw):
        return request
    try:
        content = request.content
    except httpx.RequestNotRead:
        content = b""
    return httpx.Request(request.method, request.url, headers=headers, content=content or None)


def public_response(response: httpx.Response, secret: Secret | None = None) -> httpx.Response:
    """A copy of `response` for an error to keep: its request without credentials and,
    with `secret`, the token scrubbed from its status line, headers and body as from every
    field (see `Secret.scrub_value`). A reply not read yet is kept as it is."""
    try:
        content = response.content
        request = response.request
    except (httpx.ResponseNotRead, RuntimeError):  # RuntimeError: no request attached
        return response

    def scrub(data: bytes) -> bytes:
        return data if secret is None else secret.scrub_bytes(data)

    extensions: dict[str, Any] = {}
    if "http_version" in response.extensions:
        extensions["http_version"] = response.extensions["http_version"]
    reason = response.extensions.get("reason_phrase")
    if isinstance(reason, bytes):
        extensions["reason_phrase"] = scrub(reason)
    return httpx.Response(
        response.status_code,
        headers=[
            (name, value)
            if secret is None
            else (secret.scrub_header(name), secret.scrub_header(value))
            for name, value in response.headers.raw
        ],
        content=_scrub_json_escapes(scrub(content), secret),
        request=public_request(request),
        extensions=extensions,
    )


def _scrub_json_escapes(content: bytes, secret: Secret | None) -> bytes:
    """A JSON body that still holds the token once decoded (spelled with escapes such as
    `\\u0073k_live_...`, which no byte scrub finds) is kept re-encoded from its redacted
    form: `response.json()` of a kept reply must not give the token back."""
    if secret is None or not content or len(secret) == 0:
        return content
    try:
        decoded = json.loads(content)
        redacted = redact(decoded, secret)
    except (ValueError, RecursionError):  # not JSON, or nested past what Python decodes
        return content
    again = json.dumps(redacted, ensure_ascii=False)
    if again == json.dumps(decoded, ensure_ascii=False):
        return content
    return again.encode("utf-8")


def _restore(cls: type[PiriodError], args: tuple[Any, ...], state: dict[str, Any]) -> PiriodError:
    """Unpickles an error: its class, its args and its attributes, without calling the
    class's __init__ (whose keyword-only arguments pickle does not know)."""
    error = cls.__new__(cls)
    BaseException.__init__(error, *args)
    error.__dict__.update(state)
    return error


class PiriodError(Exception):
    """Base class of every error piriod raises.

    `page` is the page a walk was fetching when the error struck (None outside a walk).
    When `resumable` is true (the failure may pass: no answer, a timeout, 429, 5xx, a bad
    reply, pages that do not add up), its message ends `[page N; resume with start_page=N]`:
    pass it as `list(start_page=...)` to go on from there. When it is false (401, 403, a
    bad request, a configuration problem), asking again would fail again: the message
    only says `[page N]`.

    Every error pickles to the same class with the same fields, without the token: the
    request and response it keeps have no Authorization header.
    """

    message: str
    page: int | None = None
    # The page size the walk's pages were numbered in, when the server served another size
    # than was asked (a cap): resume with it too, or the pages would start elsewhere.
    page_size: int | None = None
    resumable: ClassVar[bool] = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        if self.page is None:
            return self.message
        if self.resumable:
            size = f", page_size={self.page_size}" if self.page_size is not None else ""
            return f"{self.message} [page {self.page}; resume with start_page={self.page}{size}]"
        return f"{self.message} [page {self.page}]"

    def __reduce__(self) -> tuple[Any, ...]:
        state = dict(self.__dict__)
        for name, value in state.items():
            if isinstance(value, httpx.Request):
                state[name] = public_request(value)
            elif isinstance(value, httpx.Response):
                state[name] = public_response(value)
        return (_restore, (type(self), self.args, state))


class ListChangedError(PiriodError):
    """The list changed during a walk (its `count` moved) and `on_drift="raise"` was asked.

    `count_before` is the count the walk started with, `count_now` the one just seen. Not
    `resumable`: resuming would give the mixed walk `on_drift="raise"` refuses; walk again.
    """

    count_before: int
    count_now: int

    def __init__(self, message: str, *, count_before: int, count_now: int) -> None:
        super().__init__(message)
        self.count_before = count_before
        self.count_now = count_now


class DriftWarning(UserWarning):
    """The list changed during a walk: duplicates were dropped, items may have been missed."""


class IncompleteWalkError(PiriodError):
    """The server's pages do not add up to the list it described, and nothing says the list
    changed: a page shorter than the others before the last, a `next` link on the last page,
    a page made only of items already handed out, fewer items than `count` at the end.

    `evidence` says which, in words; `page` is the page to resume from (`start_page=`).
    """

    evidence: str
    resumable = True

    def __init__(self, message: str, *, evidence: str, page: int) -> None:
        super().__init__(message)
        self.evidence = evidence
        self.page = page


class InvalidItemsWarning(UserWarning):
    """A walk with `on_invalid="skip"` skipped items whose values do not fit their types."""


class ConfigurationError(PiriodError):
    """The client is missing something it needs (a token, a workspace) or has a bad setting."""


class APIConnectionError(PiriodError):
    """The request never got an HTTP answer: DNS, refused or dropped connection, TLS.

    `request` is the request that failed, without its Authorization header.
    """

    request: httpx.Request | None
    resumable = True

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = None if request is None else public_request(request)


class APITimeoutError(APIConnectionError):
    """The server did not answer in time (connect, read, write or pool timeout)."""


class UnexpectedResponseError(PiriodError):
    """A success status whose body is not JSON or not the documented shape."""

    status_code: int
    body: bytes
    resumable = True

    def __init__(self, message: str, *, status_code: int, body: bytes) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body


class InvalidItemError(UnexpectedResponseError):
    """An item of a page holds a value that does not fit its field's type (an `id` that is
    a number, a `name` that is an object, `NaN` in a money field...).

    `index` is the item's position in its page and `item_id` its `id` when that is a
    string; `field` is the path of the value (`contacts[2].email`), `expected` the type the
    field holds and `found` the JSON type that came instead. The value itself is never
    quoted: it may be anything.
    """

    index: int
    item_id: str | None
    field: str
    expected: str
    found: str

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: bytes,
        index: int,
        item_id: str | None,
        field: str,
        expected: str,
        found: str,
    ) -> None:
        super().__init__(message, status_code=status_code, body=body)
        self.index = index
        self.item_id = item_id
        self.field = field
        self.expected = expected
        self.found = found


class APIStatusError(PiriodError):
    """The API answered with a status that is not a success.

    `body` is the decoded JSON (or the text when it is not JSON); `detail` the API's own
    explanation when it gave one; `request_id` the server's request id when it sent one.
    These keep what the server sent, except the token (see `Secret.scrub_value`); `response`
    is a copy of the reply whose request has no Authorization header.
    """

    status_code: int
    body: object
    detail: str | None
    request_id: str | None
    response: httpx.Response

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        detail: str | None,
    ) -> None:
        super().__init__(message)
        self.response = public_response(response)
        self.status_code = response.status_code
        self.body = body
        self.detail = detail
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """400: the API rejected the request's parameters.

    `field_errors` maps each rejected field to its messages (nested fields are spelled
    `contacts[0].email`); `non_field_errors` holds errors about the request as a whole.
    """

    field_errors: dict[str, list[str]]
    non_field_errors: list[str]

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        detail: str | None,
        field_errors: dict[str, list[str]],
        non_field_errors: list[str],
    ) -> None:
        super().__init__(message, response=response, body=body, detail=detail)
        self.field_errors = field_errors
        self.non_field_errors = non_field_errors


class AuthenticationError(APIStatusError):
    """401: the token is missing or invalid."""


class PermissionDeniedError(APIStatusError):
    """403: the token is valid but may not do this (often: a workspace the user is not in)."""


class NotFoundError(APIStatusError):
    """404: not found, or a page past the last one."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is the wait the server asked for, in seconds
    (or, when the client's shared 429 pause outlasts the call's timeout, the pause left)."""

    retry_after: float | None
    resumable = True

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        detail: str | None,
        retry_after: float | None,
    ) -> None:
        super().__init__(message, response=response, body=body, detail=detail)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the API (or a proxy in front of it) failed."""

    resumable = True


# What to tell the user to do, per status, after the API's own words.
_ADVICE = {
    401: "check the token (Piriod(token=...) or PIRIOD_API_TOKEN); a new token invalidates the old",
    403: (
        "check the workspace id (Piriod(workspace=...) or PIRIOD_WORKSPACE) belongs to the"
        " token's user"
    ),
    404: "the page may be past the last one; start again from page 1",
    429: "slow down, or raise max_retries to wait for the rate limit",
}


def decode_body(response: httpx.Response) -> object:
    """The JSON body, or its text when it is not JSON (an HTML page from a proxy)."""
    try:
        return json.loads(response.content)
    # JSONDecodeError and UnicodeDecodeError are ValueErrors; RecursionError is JSON nested
    # thousands deep.
    except (ValueError, RecursionError):
        return response.content.decode("utf-8", errors="replace")


def _field_messages(value: object, prefix: str, into: dict[str, list[str]]) -> None:
    """Flattens a DRF error value into `{"field.sub[0]": ["message", ...]}`."""
    if isinstance(value, str):
        into.setdefault(prefix, []).append(value)
    elif isinstance(value, Mapping):
        for key, sub in value.items():
            _field_messages(sub, f"{prefix}.{key}" if prefix else str(key), into)
    elif isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            into.setdefault(prefix, []).extend(value)
        else:
            for index, item in enumerate(value):
                if item:  # DRF puts {} at the positions of valid items
                    _field_messages(item, f"{prefix}[{index}]", into)
    elif value is not None:
        into.setdefault(prefix, []).append(str(value))


def _detail(body: object) -> str | None:
    if isinstance(body, Mapping):
        detail = body.get("detail")
        if isinstance(detail, str):
            return detail
    return None


Shown = Callable[[str], str]


def shown_with(secret: Secret | None) -> Shown:
    """How server text is made fit for a message: every occurrence of the token scrubbed."""
    return (lambda text: text) if secret is None else secret.scrub


def _shorten(text: str, shown: Shown) -> str:
    # Scrubbed before it is cut, so that no prefix of the token survives the cut.
    text = " ".join(shown(text).split())
    return text if len(text) <= _MESSAGE_BODY_LIMIT else text[:_MESSAGE_BODY_LIMIT] + "..."


def _bad_request(
    response: httpx.Response, body: object, detail: str | None, message: str, shown: Shown
) -> BadRequestError:
    field_errors: dict[str, list[str]] = {}
    non_field_errors: list[str] = []
    if isinstance(body, Mapping):
        for key, value in body.items():
            if key == "non_field_errors":
                flat: dict[str, list[str]] = {}
                _field_messages(value, "", flat)
                non_field_errors = [m for messages in flat.values() for m in messages]
            elif key != "detail":
                _field_messages(value, str(key), field_errors)
    if detail is None and (field_errors or non_field_errors):
        parts = non_field_errors + [
            f"{field}: {' '.join(messages)}" for field, messages in field_errors.items()
        ]
        message = f"{message.split(': ', 1)[0]}: {shown('; '.join(parts))}"
    return BadRequestError(
        message,
        response=response,
        body=body,
        detail=detail,
        field_errors=field_errors,
        non_field_errors=non_field_errors,
    )


_CLASS_BY_STATUS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
}


def redact(value: object, secret: Secret | None) -> object:
    """A JSON body as the server sent it, except the token: a string (key or value) equal to
    it becomes [redacted], and so do its occurrences inside strings when it is too long to be
    there by chance (`Secret.scrub_value`). Structured fields stay exact otherwise."""
    if secret is None:
        return value
    if isinstance(value, str):
        return secret.scrub_value(value)
    if isinstance(value, Mapping):
        return {redact(key, secret): redact(item, secret) for key, item in value.items()}
    if isinstance(value, list):
        return [redact(item, secret) for item in value]
    return value


def make_status_error(
    response: httpx.Response, *, secret: Secret | None = None, attempts: int = 1
) -> APIStatusError:
    """Builds the error for a non-success response, from any body at all.

    A server that echoes the request (some proxy error pages do) could put the token in the
    status line, a header or the body: everything of the reply that reaches the message is
    scrubbed of every occurrence of `secret`, and the fields (`body`, `detail`,
    `field_errors`...) of the token itself (see `redact`).
    """
    status = response.status_code
    shown = shown_with(secret)
    response = public_response(response, secret)
    try:
        body = redact(decode_body(response), secret)
    except RecursionError:  # decodable, but nested too deep to walk: keep it as text
        body = redact(response.content.decode("utf-8", errors="replace"), secret)
    detail = _detail(body)
    reason = shown(response.reason_phrase or "HTTP error")
    message = f"{status} {reason} from {response.request.method} {response.request.url.path}"
    if attempts > 1:
        message += f" (after {attempts} attempts)"
    if detail is not None:
        explanation = shown(detail)
    else:
        explanation = _shorten(str(body), shown) if body else ""
    if explanation:
        message += f": {explanation}"
    if status == 400:
        return _bad_request(response, body, detail, message, shown)

    advice = _ADVICE.get(status)
    if advice:
        message += f" ({advice})"
    if 300 <= status < 400:
        location = _shorten(response.headers.get("location", "?"), shown)
        message += (
            f" (the API redirected to {location}; piriod never follows redirects so the token"
            " stays with base_url: set base_url to the API's real address)"
        )
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        return RateLimitError(
            message, response=response, body=body, detail=detail, retry_after=retry_after
        )
    error_class = _CLASS_BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
    return error_class(message, response=response, body=body, detail=detail)


def paused_rate_limit_error(
    response: httpx.Response, *, retry_after: float, budget: float, secret: Secret | None = None
) -> RateLimitError:
    """The error of a call that will not wait out the client's shared 429 pause because the
    pause is longer than its own timeout: `response` is the 429 that set the pause and
    `retry_after` the pause left, in seconds."""
    status = make_status_error(response, secret=secret)
    message = (
        f"429 from {response.request.method} {response.request.url.path}: this client is"
        f" pausing every request for another {retry_after:.1f} s (Retry-After), longer than"
        f" this call's timeout of {budget:g} s lets it wait; try again after retry_after"
        " seconds, or pass a larger timeout="
    )
    if status.detail is not None:
        message += f" (the API said: {_shorten(status.detail, shown_with(secret))})"
    return RateLimitError(
        message,
        response=status.response,
        body=status.body,
        detail=status.detail,
        retry_after=retry_after,
    )


# Tracebacks and reprs name the classes where users import them: `piriod.AuthenticationError`,
# not `piriod._exceptions.AuthenticationError` (pickles find them there too).
for _public_class in (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    DriftWarning,
    IncompleteWalkError,
    InvalidItemError,
    InvalidItemsWarning,
    ListChangedError,
    NotFoundError,
    PermissionDeniedError,
    PiriodError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
):
    _public_class.__module__ = "piriod"
del _public_class
