"""The two list endpoints: how a request is built and how a reply becomes a `Page` or an error.

Requests are built by the generated `_get_kwargs` of each operation, so query names and
serialization follow `openapi.yaml`. Replies are parsed here with the generated models,
not by the generated `sync_detailed`, because that one decodes error bodies as JSON and
lets JSONDecodeError out on an HTML 502 from a proxy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs
import httpx

from piriod_api.api.customers import list_customers
from piriod_api.api.products import list_products
from piriod_api.models import Customer, Product

from ._config import ClientConfig
from ._exceptions import UnexpectedResponseError, make_status_error
from ._pagination import Page
from ._params import CUSTOMER_FILTERS, PRODUCT_FILTERS, QueryValue

__all__ = ["CUSTOMERS", "PRODUCTS", "Endpoint", "build_request", "parse_page"]

T = TypeVar("T")

_BODY_EXCERPT = 120


@attrs.frozen
class Endpoint(Generic[T]):
    """One list endpoint: its name, its request builder, its item model, its filters."""

    name: str
    get_kwargs: Callable[..., dict[str, Any]]
    parse_item: Callable[[Mapping[str, Any]], T]
    filters: frozenset[str]


CUSTOMERS: Endpoint[Customer] = Endpoint(
    "customers", list_customers._get_kwargs, Customer.from_dict, CUSTOMER_FILTERS
)
PRODUCTS: Endpoint[Product] = Endpoint(
    "products", list_products._get_kwargs, Product.from_dict, PRODUCT_FILTERS
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
) -> httpx.Request:
    """The request for one page, always to `config.base_url` (never to a URL the server sent)."""
    kwargs = endpoint.get_kwargs(
        page=page,
        page_size=page_size,
        x_simple_workspace=config.workspace,
        x_piriod_test_mode=config.test_mode,
        **filters,
    )
    headers = dict(kwargs.get("headers", {}))
    headers["Authorization"] = f"Token {config.token.reveal()}"
    return http.build_request(
        kwargs["method"].upper(),
        config.base_url + kwargs["url"],
        params={**extra_params, **kwargs["params"]},
        headers=headers,
        timeout=timeout,
    )


def _excerpt(content: bytes, secret: str | None) -> str:
    text = " ".join(content.decode("utf-8", errors="replace").split())
    if secret:  # before cutting, so no prefix of the token survives the cut
        text = text.replace(secret, "[redacted]")
    return text if len(text) <= _BODY_EXCERPT else text[:_BODY_EXCERPT] + "..."


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return f"{type(exc).__name__}: {exc}"


def parse_page(
    endpoint: Endpoint[T],
    response: httpx.Response,
    *,
    page: int,
    page_size: int,
    secret: str | None = None,
    attempts: int = 1,
) -> Page[T]:
    """The page in a reply, or the error the reply stands for (with `secret` scrubbed)."""
    if not response.is_success:
        raise make_status_error(response, secret=secret, attempts=attempts)

    where = f"GET /{endpoint.name}/ page {page}"

    def unexpected(problem: str) -> UnexpectedResponseError:
        return UnexpectedResponseError(
            f"{where} answered {response.status_code} but {problem}; body starts:"
            f" {_excerpt(response.content, secret)!r}",
            status_code=response.status_code,
            body=response.content,
        )

    try:
        data = json.loads(response.content)
    except ValueError:
        raise unexpected("the body is not JSON") from None
    if not isinstance(data, dict):
        raise unexpected("the body is not a JSON object")
    count = data.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise unexpected(f"'count' is {count!r}, not a whole number >= 0")
    results = data.get("results")
    if not isinstance(results, list):
        raise unexpected("'results' is not a list")
    next_url = data.get("next")
    if next_url is not None and not isinstance(next_url, str):
        raise unexpected(f"'next' is {next_url!r}, not a URL or null")

    items: list[T] = []
    for index, raw in enumerate(results):
        if not isinstance(raw, dict):
            raise unexpected(f"item {index} is not a JSON object")
        try:
            items.append(endpoint.parse_item(raw))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise unexpected(f"item {index} does not parse ({_describe(exc)})") from exc

    has_next = bool(next_url) and page < math.ceil(count / page_size)
    return Page(items=items, count=count, page=page, page_size=page_size, has_next=has_next)
