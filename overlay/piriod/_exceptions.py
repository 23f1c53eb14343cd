"""The errors every call can raise. Nothing else escapes a call on a bad server reply."""

from __future__ import annotations

import json
from collections.abc import Mapping

import httpx

from ._retries import parse_retry_after

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


class PiriodError(Exception):
    """Base class of every error piriod raises.

    `page` is the page a walk was fetching when the error struck (None outside a walk):
    pass it as `list(start_page=...)` to go on from there.
    """

    message: str
    page: int | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        if self.page is None:
            return self.message
        return f"{self.message} [page {self.page}; resume with start_page={self.page}]"


class ListChangedError(PiriodError):
    """The list changed during a walk (its `count` moved) and `on_drift="raise"` was asked.

    `count_before` is the count the walk started with, `count_now` the one just seen.
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

    def __init__(self, message: str, *, evidence: str, page: int) -> None:
        super().__init__(message)
        self.evidence = evidence
        self.page = page


class InvalidItemsWarning(UserWarning):
    """A walk with `on_invalid="skip"` skipped items whose values do not fit their types."""


class ConfigurationError(PiriodError):
    """The client is missing something it needs (a token, a workspace) or has a bad setting."""


class APIConnectionError(PiriodError):
    """The request never got an HTTP answer: DNS, refused or dropped connection, TLS."""

    request: httpx.Request | None

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The server did not answer in time (connect, read, write or pool timeout)."""


class UnexpectedResponseError(PiriodError):
    """A success status whose body is not JSON or not the documented shape."""

    status_code: int
    body: bytes

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
        self.response = response
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


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_BODY_LIMIT else text[:_MESSAGE_BODY_LIMIT] + "..."


def _bad_request(
    response: httpx.Response, body: object, detail: str | None, message: str
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
        message = f"{message.split(': ', 1)[0]}: {'; '.join(parts)}"
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


def redact(value: object, secret: str | None) -> object:
    """`value` with every occurrence of `secret` replaced, however deep in a JSON body."""
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, "[redacted]")
    if isinstance(value, Mapping):
        return {redact(key, secret): redact(item, secret) for key, item in value.items()}
    if isinstance(value, list):
        return [redact(item, secret) for item in value]
    return value


def make_status_error(
    response: httpx.Response, *, secret: str | None = None, attempts: int = 1
) -> APIStatusError:
    """Builds the error for a non-success response, from any body at all.

    A server that echoes the request (some proxy error pages do) could put the token in the
    body, so `secret` is scrubbed from the body and the message.
    """
    status = response.status_code
    try:
        body = redact(decode_body(response), secret)
    except RecursionError:  # decodable, but nested too deep to walk: keep it as text
        body = redact(response.content.decode("utf-8", errors="replace"), secret)
    detail = _detail(body)
    reason = response.reason_phrase or "HTTP error"
    message = f"{status} {reason} from {response.request.method} {response.request.url.path}"
    if attempts > 1:
        message += f" (after {attempts} attempts)"
    explanation = detail if detail is not None else _shorten(str(body)) if body else ""
    if explanation:
        message += f": {explanation}"
    if status == 400:
        return _bad_request(response, body, detail, message)

    advice = _ADVICE.get(status)
    if advice:
        message += f" ({advice})"
    if 300 <= status < 400:
        location = response.headers.get("location", "?")
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
    response: httpx.Response, *, retry_after: float, budget: float, secret: str | None = None
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
        message += f" (the API said: {status.detail})"
    return RateLimitError(
        message,
        response=response,
        body=status.body,
        detail=status.detail,
        retry_after=retry_after,
    )
