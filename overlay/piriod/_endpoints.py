"""The two list endpoints: how a request is built and how a reply becomes a `Page` or an error.

Requests are built by the generated `_get_kwargs` of each operation, so query names and
serialization follow `openapi.yaml`. Replies are parsed here with the generated models,
not by the generated `sync_detailed`, because that one decodes error bodies as JSON and
lets JSONDecodeError out on an HTML 502 from a proxy.

With the optional `fast` extra, msgspec decodes a page straight into the gc-free Structs the
generated models describe (`_wire_type`, written by templates/wire.jinja), and each model's
`_from_wire` copies them into the model: about half what `json.loads` plus `from_dict` cost.
Those Structs take only JSON that `from_dict` turns into a model as it is; a page with
anything else in it (an unknown field, a value of another type, a body msgspec refuses) goes
by the dict path instead, as every page does without the extra: decoded into dicts, then
`from_dict`. Both paths give the same items and the same errors.

Typed means typed: every generated `from_dict` checks each value against its field's type
(templates/strict.jinja) and raises `piriod_api.types.InvalidValue` with the path to the
value and the JSON type found. Here that becomes an `InvalidItemError` naming the endpoint,
page, item, field and type (never the value), or, with `on_invalid="skip"`, the item is left
out and the error listed in `page.skipped`. The wire Structs refuse every such page, so it
goes by the dict path, item by item.

The dict path decodes with msgspec when the extra is installed (in about half the time the
stdlib takes), else with the stdlib's `json`; what msgspec refuses (NaN, UTF-16, lone
surrogates, 1e400) goes to the stdlib too, so both decoders accept the same bodies and give
the same values. (orjson, as fast, reads integers past 64 bits as floats: exact results
would need a scan of every body first.)
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from piriod_api.types import InvalidValue  # cheap: `import piriod` loads piriod_api.types

from ._config import ClientConfig, Secret
from ._exceptions import (
    InvalidItemError,
    UnexpectedResponseError,
    make_status_error,
    shown_with,
)
from ._pagination import OnInvalid, Page
from ._params import CUSTOMER_FILTERS, PRODUCT_FILTERS, QueryValue

if TYPE_CHECKING:
    from piriod_api.models import Customer, Product

__all__ = ["CUSTOMERS", "PRODUCTS", "Endpoint", "build_request", "json_decoder", "parse_page"]

T = TypeVar("T")

_BODY_EXCERPT = 120


@functools.cache
def _generated(operation: str, model: str) -> tuple[Callable[..., dict[str, Any]], Any]:
    """The generated request builder and item model, imported on first use: `import piriod`
    then costs no more than the twenty generated model classes a first request needs."""
    module = importlib.import_module(f"piriod_api.api.{operation}")
    models = importlib.import_module("piriod_api.models")
    return module._get_kwargs, getattr(models, model).from_dict


@attrs.frozen
class Endpoint(Generic[T]):
    """One list endpoint: its name, its generated operation and item model, its filters."""

    name: str
    operation: str  # module under piriod_api.api, e.g. "customers.list_customers"
    model: str  # class name in piriod_api.models
    filters: frozenset[str]

    @property
    def get_kwargs(self) -> Callable[..., dict[str, Any]]:
        return _generated(self.operation, self.model)[0]

    @property
    def parse_item(self) -> Callable[[Mapping[str, Any]], T]:
        parse: Callable[[Mapping[str, Any]], T] = _generated(self.operation, self.model)[1]
        return parse


CUSTOMERS: Endpoint[Customer] = Endpoint(
    "customers", "customers.list_customers", "Customer", CUSTOMER_FILTERS
)
PRODUCTS: Endpoint[Product] = Endpoint(
    "products", "products.list_products", "Product", PRODUCT_FILTERS
)


def build_request(
    http: httpx.Client | httpx.AsyncClient,
    config: ClientConfig,
    endpoint: Endpoint[T],
    *,
    page: int,
    page_size: int,
    filters: Mapping[str, Any],
    extra_params: Mapping[str, QueryValue],
    timeout: httpx.Timeout,
    headers: Mapping[str, str] | None = None,
) -> httpx.Request:
    """The request for one page, always to `config.base_url` (never to a URL the server sent),
    with piriod's headers (`headers`, e.g. its User-Agent, over the client's own).

    The Authorization header is set last, on the built request, from the wrapped token: no
    local variable of a frame that can raise ever holds its text (tracebacks with locals,
    as Django's debug page or `pytest --showlocals` print them, cannot show it).
    """
    kwargs = endpoint.get_kwargs(
        page=page,
        page_size=page_size,
        x_simple_workspace=config.workspace,
        x_piriod_test_mode=config.test_mode,
        **filters,
    )
    request = http.build_request(
        kwargs["method"].upper(),
        config.base_url + kwargs["url"],
        params={**extra_params, **kwargs["params"]},
        headers={**(headers or {}), **kwargs.get("headers", {})},
        timeout=timeout,
    )
    # Checked sendable when the client was made (ClientConfig.resolve): this cannot raise.
    request.headers["Authorization"] = "Token " + config.token.reveal()
    return request


def _excerpt(content: bytes, secret: Secret | None) -> str:
    # Scrubbed before it is cut, so that no prefix of the token survives the cut.
    text = " ".join(shown_with(secret)(content.decode("utf-8", errors="replace")).split())
    return text if len(text) <= _BODY_EXCERPT else text[:_BODY_EXCERPT] + "..."


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return f"{type(exc).__name__}: {exc}"


@functools.cache
def _fast_loads() -> Callable[[bytes], Any] | None:
    """msgspec's JSON decoder if the `fast` extra is installed, else None. Imported on first
    use: importing it with piriod would make `import piriod` some 10 ms slower."""
    try:
        from msgspec.json import Decoder  # noqa: PLC0415 (see the docstring)
    except ImportError:
        return None
    return Decoder().decode


def json_decoder() -> str:
    """Which library decodes reply bodies: "msgspec" with the `fast` extra, else "json"."""
    return "json" if _fast_loads() is None else "msgspec"


@functools.cache
def _wire(model: str) -> tuple[Callable[[bytes], Any], Callable[[Any], Any]] | None:
    """For pages of `model` (a class name in piriod_api.models), msgspec's decoder into wire
    Structs and the model's `_from_wire`; None without the `fast` extra, or if the generated
    model has no wire form (templates/wire.jinja leaves it out for kinds it does not handle)."""
    if _fast_loads() is None:
        return None
    import msgspec  # noqa: PLC0415 (imported by _fast_loads already; optional)

    item = getattr(importlib.import_module("piriod_api.models"), model)
    try:
        item_type = item._wire_type()
    except AttributeError:
        return None
    # Only what parse_page reads of a page, each as it came: checked below as in the dict path.
    page_type = msgspec.defstruct(
        f"{model}WirePage",
        [("count", Any), ("results", list[item_type]), ("next", Any, None)],  # type: ignore[valid-type]
        kw_only=True,
        gc=False,
    )
    return msgspec.json.Decoder(page_type).decode, item._from_wire


def _parse_wire(model: str, content: bytes) -> tuple[Any, Any, list[Any]] | None:
    """`count`, `next` and the typed items of a page, by the wire path; None when the page is
    not one the wire path takes (then the dict path parses it, and names any problem)."""
    wire = _wire(model)
    if wire is None:
        return None
    decode, from_wire = wire
    try:
        page = decode(content)
        return page.count, page.next, [from_wire(item) for item in page.results]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # msgspec's errors are ValueErrors; the others are what from_dict would raise too.
        return None


def _decode(content: bytes) -> Any:
    fast_loads = _fast_loads()
    if fast_loads is not None:
        try:
            return fast_loads(content)
        except ValueError:  # NaN, UTF-16, 1e400...: what the stdlib accepts, it decides on
            pass
    return json.loads(content)


_NOT_JSON = object()


def parse_page(
    endpoint: Endpoint[T],
    response: httpx.Response,
    *,
    page: int,
    page_size: int,
    secret: Secret | None = None,
    attempts: int = 1,
    on_invalid: OnInvalid = "raise",
) -> Page[T]:
    """The page in a reply, or the error the reply stands for (with `secret` scrubbed from
    its message, and the token itself from its fields: see `Secret.scrub_value`).

    An item holding a value that does not fit its field's type raises InvalidItemError, or,
    with `on_invalid="skip"`, is left out of the page and listed in `page.skipped`.
    """
    if not response.is_success:
        raise make_status_error(response, secret=secret, attempts=attempts)

    where = f"GET /{endpoint.name}/ page {page}"

    def unexpected(problem: str) -> UnexpectedResponseError:
        # The problem may quote a value from the body, and the body may be anything.
        return UnexpectedResponseError(
            f"{where} answered {response.status_code} but {shown_with(secret)(problem)}; body"
            f" starts: {_excerpt(response.content, secret)!r}",
            status_code=response.status_code,
            body=response.content if secret is None else secret.scrub_bytes(response.content),
        )

    def check_count(count: object) -> int:
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise unexpected(f"'count' is {count!r}, not a whole number >= 0")
        return count

    def check_next(next_url: object) -> str | None:
        if next_url is not None and not isinstance(next_url, str):
            raise unexpected(f"'next' is {next_url!r}, not a URL or null")
        return next_url

    parsed = _parse_wire(endpoint.model, response.content)
    if parsed is not None:
        wire_count, wire_next, typed = parsed
        return _page(
            typed,
            count=check_count(wire_count),
            next_url=check_next(wire_next),
            page=page,
            page_size=page_size,
            headers=reply_headers(response, secret),
        )

    try:
        data = _decode(response.content)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        data = _NOT_JSON
    # Raised out here, not in the except block: the decoder's error would stay chained as
    # the new one's __context__ (`from None` only hides it), with the whole body in `.doc`.
    if data is _NOT_JSON:
        raise unexpected("the body is not JSON")
    if not isinstance(data, dict):
        raise unexpected("the body is not a JSON object")
    count = check_count(data.get("count"))
    results = data.get("results")
    if not isinstance(results, list):
        raise unexpected("'results' is not a list")
    next_url = check_next(data.get("next"))

    items: list[T] = []
    skipped: list[InvalidItemError] = []
    for index, raw in enumerate(results):
        # Each decoded item goes as soon as it is typed, instead of all of them living on next
        # to the typed ones until the page is done: the garbage collector, which runs by count
        # of objects alive, then runs about half as often (and so costs half as much).
        results[index] = None
        try:
            if not isinstance(raw, dict):
                raise InvalidValue.of([], "object", raw)
            items.append(endpoint.parse_item(raw))
        except InvalidValue as exc:
            error = _invalid_item(where, response, exc, index=index, raw=raw, secret=secret)
            if on_invalid != "skip":
                raise error from None
            skipped.append(error)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a generator bug
            raise unexpected(f"item {index} does not parse ({_describe(exc)})") from exc
    return _page(
        items,
        count=count,
        next_url=next_url,
        page=page,
        page_size=page_size,
        skipped=tuple(skipped),
        headers=reply_headers(response, secret),
    )


def _invalid_item(
    where: str,
    response: httpx.Response,
    error: InvalidValue,
    *,
    index: int,
    raw: object,
    secret: Secret | None,
) -> InvalidItemError:
    """The error for item `index` of a page, which does not fit its type as `error` says.
    It names the field and the JSON type found, never the value (which may be anything);
    the item's id when it is a string. The message is scrubbed of every occurrence of
    `secret`, the fields (the server's keys and id) of the token itself."""
    item_id = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(item_id, str):
        item_id = None
    field, found = error.field, error.found
    if secret is not None:
        item_id = None if item_id is None else secret.scrub_value(item_id)
        field, found = secret.scrub_value(field), secret.scrub_value(found)
    shown = shown_with(secret)
    which = f"item {index}" + (f" (id {shown(item_id)!r})" if item_id is not None else "")
    what = f"`{shown(field)}`" if field else "the item itself"
    return InvalidItemError(
        f"{where} answered {response.status_code} but {which} holds a value of the wrong"
        f" type: {what} should be {error.expected}, found {shown(found)} (values are not"
        " quoted; the error's `body` holds the reply). The same page fails again until the"
        " server mends it: on_invalid='skip' walks on without such items",
        status_code=response.status_code,
        body=response.content if secret is None else secret.scrub_bytes(response.content),
        index=index,
        item_id=item_id,
        field=field,
        expected=error.expected,
        found=found,
    )


# Never kept in a page's headers: what could carry credentials, were a server to echo them.
_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def reply_headers(response: httpx.Response, secret: Secret | None) -> httpx.Headers:
    """The headers of a successful reply, as a page keeps them: a copy without credential
    headers, and with the token scrubbed from every value (see `Secret.scrub_value`)."""
    return httpx.Headers(
        [
            (name, value)
            if secret is None
            else (secret.scrub_header(name), secret.scrub_header(value))
            for name, value in response.headers.raw
            if name.decode("latin-1").lower() not in _CREDENTIAL_HEADERS
        ]
    )


def _page(
    items: list[T],
    *,
    count: int,
    next_url: str | None,
    page: int,
    page_size: int,
    skipped: tuple[InvalidItemError, ...] = (),
    headers: httpx.Headers | None = None,
) -> Page[T]:
    # Integer ceiling: a float division would overflow on an absurd count.
    has_next = bool(next_url) and page < -(-count // page_size)
    if headers is None:
        headers = httpx.Headers()
    return Page(
        items=items,
        count=count,
        page=page,
        page_size=page_size,
        has_next=has_next,
        skipped=skipped,
        links_next=bool(next_url),
        request_id=headers.get("x-request-id"),
        headers=headers,
    )
