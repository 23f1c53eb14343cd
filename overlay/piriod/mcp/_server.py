"""The MCP server (the `mcp` extra: this module imports the SDK): four read-only tools
over the client, each answering with one request.

Every answer is bounded (at most `limit` items, 20 by default, 100 at most) and carries the
total `count`, so an assistant knows when to narrow its question instead of walking a whole
workspace into its context. Items keep the fields people ask about, dates as ISO strings,
money as numbers, and leave unset or null fields out. Errors (bad arguments, the API's
refusals, a server down) become tool errors carrying piriod's own one-line message, from
which the token is already scrubbed; the server keeps running.
"""

from __future__ import annotations

import argparse
import datetime
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

from .._exceptions import ConfigurationError, PiriodError
from .._version import __version__
from ..cli._dates import parse_date_argument  # strict ISO 8601, as the command line reads it

if TYPE_CHECKING:
    from .._client import AsyncPiriod

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "build_server"]

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

ClientFactory = Callable[[], "AsyncPiriod"]

Limit = Annotated[
    int,
    Field(
        ge=1,
        le=MAX_LIMIT,
        description=f"How many items to return, 1 to {MAX_LIMIT}; the answer's `count` says"
        " how many match in all (narrow the question rather than raise the limit).",
    ),
]
Country = Annotated[
    str | None,
    Field(description="Two-letter country code, e.g. CL, MX, CO, PE (exact match)."),
]
Email = Annotated[str | None, Field(description="The customer's email address (exact match).")]
Name = Annotated[str | None, Field(description="The exact name (use search for part of one).")]
TaxId = Annotated[
    str | None,
    Field(description="The tax id as Piriod stores it, e.g. a Chilean RUT 76.123.456-7."),
]
Since = Annotated[
    str | None,
    Field(
        description="Created on or after this ISO 8601 date or time (2026-01-05 is the whole"
        " day; 2026-01-05T10:00:00-03:00 an instant)."
    ),
]
Until = Annotated[
    str | None,
    Field(description="Created on or before this ISO 8601 date or time (a date: the whole day)."),
]
CustomerOrdering = Annotated[
    Literal["created", "-created", "name", "-name", "updated", "-updated"] | None,
    Field(description="Sort order; '-' for descending. Default: newest first."),
]
Search = Annotated[
    str,
    Field(min_length=1, description="Words to find in the name, email, tax id or reference."),
]
SearchWords = Annotated[
    str | None, Field(description="Words to find in the name, email, tax id or reference.")
]
ProductSearch = Annotated[str | None, Field(description="Words to find in the product's name.")]

_CUSTOMER_FIELDS = (
    "id",
    "name",
    "email",
    "phone",
    "tax_id",
    "reference",
    "status",
    "currency",
    "address",
    "country",
    "state",
    "contacts",
    "aggregations",
    "metadata",
    "created",
    "updated",
)
_CONTACT_FIELDS = ("id", "name", "email", "phone", "orgunit", "invoicing", "collections")
_PRODUCT_FIELDS = ("id", "name", "status", "unit_label", "plans", "created", "updated")
_PLAN_FIELDS = (
    "id",
    "name",
    "description",
    "status",
    "frequency",
    "currency",
    "amount",
    "tiers_mode",
    "tiers",
)
_MONEY = frozenset({"amount", "sales", "sales_current_period", "balance"})


def build_server(client_factory: ClientFactory) -> MCPServer:
    """The server, its client made by `client_factory` on the first call (a configuration
    error then becomes that call's tool error, not a server that fails to start)."""
    server = MCPServer(
        name="piriod",
        version=__version__,
        instructions=(
            "Read-only access to one Piriod workspace's customers and products. Answers hold"
            f" at most `limit` items ({DEFAULT_LIMIT} by default) and the total `count`: when"
            " the count is larger, narrow the question with filters. `mode` says whether the"
            " data is live or the workspace's test data."
        ),
        log_level="WARNING",
    )
    clients: list[AsyncPiriod] = []

    def client() -> AsyncPiriod:
        if not clients:
            clients.append(client_factory())
        return clients[0]

    read_only = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=True)

    @server.tool(annotations=read_only)
    async def search_customers(query: Search, limit: Limit = DEFAULT_LIMIT) -> dict[str, Any]:
        """Customers whose name, email, tax id or reference contain the words, newest first."""
        return await _answer(client, "customers", limit, search=query)

    @server.tool(annotations=read_only)
    async def list_customers(
        *,
        country: Country = None,
        email: Email = None,
        name: Name = None,
        tax_id: TaxId = None,
        created_since: Since = None,
        created_until: Until = None,
        ordering: CustomerOrdering = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> dict[str, Any]:
        """Customers matching every filter given (none: all customers), with the total count."""
        filters = _customer_filters(
            country=country,
            email=email,
            name=name,
            tax_id=tax_id,
            created_since=created_since,
            created_until=created_until,
            ordering=ordering,
        )
        return await _answer(client, "customers", limit, **filters)

    @server.tool(annotations=read_only)
    async def count_customers(
        *,
        country: Country = None,
        email: Email = None,
        name: Name = None,
        tax_id: TaxId = None,
        created_since: Since = None,
        created_until: Until = None,
        search: SearchWords = None,
    ) -> dict[str, Any]:
        """How many customers match every filter given (one request, no items)."""
        filters = _customer_filters(
            country=country,
            email=email,
            name=name,
            tax_id=tax_id,
            created_since=created_since,
            created_until=created_until,
        )
        if search:
            filters["search"] = search
        answer = await _answer(client, "customers", 1, **filters)
        return {"mode": answer["mode"], "count": answer["count"]}

    @server.tool(annotations=read_only)
    async def list_products(
        search: ProductSearch = None,
        name: Name = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> dict[str, Any]:
        """Products with their plans (prices, frequency) and price tiers, by name."""
        filters = {key: value for key, value in (("search", search), ("name", name)) if value}
        return await _answer(client, "products", limit, **filters)

    return server


async def _answer(
    client: Callable[[], AsyncPiriod], resource: str, limit: int, **filters: Any
) -> dict[str, Any]:
    """One page of `limit` items, shaped for an assistant; errors as tool errors."""
    try:
        piriod = client()
        endpoint = getattr(piriod, resource)
        fetch: Callable[..., Awaitable[Any]] = endpoint.page
        page = await fetch(page=1, page_size=limit, **filters)
    except (PiriodError, ConfigurationError) as error:
        raise ToolError(_one_line(error)) from None
    except (ValueError, TypeError) as error:  # an argument the client refused before sending
        raise ToolError(_one_line(error)) from None
    shape = _customer if resource == "customers" else _product
    items = [shape(item.to_dict()) for item in page.items]
    return {
        "mode": "test" if piriod.test_mode else "live",
        "count": page.count,
        "returned": len(items),
        "more": page.count > len(items),
        resource: items,
    }


# The library names its Python arguments; this server's credentials come from the
# environment only.
_ENVIRONMENT_WORDS = (
    (r"pass Piriod\(token='\.\.\.'\) or set", "set"),
    (r"pass Piriod\(workspace='acc_\.\.\.'\) or set", "set"),
    (r"Piriod\(token=\.\.\.\) or PIRIOD_API_TOKEN", "PIRIOD_API_TOKEN"),
    (r"Piriod\(workspace=\.\.\.\) or PIRIOD_WORKSPACE", "PIRIOD_WORKSPACE"),
    (r"The token= argument", "The token"),
    (r"The workspace= argument", "The workspace"),
    (r"\bbase_url\b", "PIRIOD_BASE_URL"),
)


def _one_line(error: BaseException) -> str:
    text = error.message if isinstance(error, PiriodError) else str(error)
    for pattern, replacement in _ENVIRONMENT_WORDS:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())


def _customer_filters(
    *,
    country: str | None,
    email: str | None,
    name: str | None,
    tax_id: str | None,
    created_since: str | None,
    created_until: str | None,
    ordering: str | None = None,
) -> dict[str, Any]:
    filters: dict[str, Any] = {
        key: value
        for key, value in (
            ("country", country),
            ("email", email),
            ("name", name),
            ("tax_id", tax_id),
            ("ordering", ordering),
        )
        if value
    }
    try:
        if created_since:
            filters["created_gte"] = parse_date_argument(created_since).first_instant
        if created_until:
            filters["created_lte"] = parse_date_argument(created_until).last_instant
    except argparse.ArgumentTypeError as error:
        raise ToolError(str(error)) from None
    return filters


def _customer(item: dict[str, Any]) -> dict[str, Any]:
    shaped = _pick(item, _CUSTOMER_FIELDS)
    if "contacts" in shaped:
        shaped["contacts"] = [_pick(contact, _CONTACT_FIELDS) for contact in shaped["contacts"]]
    if isinstance(shaped.get("country"), dict):
        shaped["country"] = _pick(shaped["country"], ("id", "name"))
    if isinstance(shaped.get("state"), dict):
        shaped["state"] = _pick(shaped["state"], ("id", "name"))
    return shaped


def _product(item: dict[str, Any]) -> dict[str, Any]:
    shaped = _pick(item, _PRODUCT_FIELDS)
    if "plans" in shaped:
        shaped["plans"] = [_plan(plan) for plan in shaped["plans"]]
    return shaped


def _plan(plan: dict[str, Any]) -> dict[str, Any]:
    shaped = _pick(plan, _PLAN_FIELDS)
    if "tiers" in shaped:
        shaped["tiers"] = [_pick(tier, tuple(tier)) for tier in shaped["tiers"]]
    return shaped


def _pick(item: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields named, without the null or empty ones, money as numbers."""
    shaped: dict[str, Any] = {}
    for field in fields:
        value = item.get(field)
        if value is None or (not value and isinstance(value, str | list | dict)):
            continue
        if isinstance(value, dict) and field == "aggregations":
            value = {key: _number(amount) for key, amount in value.items() if amount is not None}
        elif field in _MONEY:
            value = _number(value)
        elif isinstance(value, datetime.datetime):
            value = value.isoformat()
        shaped[field] = value
    return shaped


def _number(value: Any) -> Any:
    """Money as a number: older payloads send decimal strings (`"3757.00"`)."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value
