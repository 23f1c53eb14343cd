"""The sandbox's request handler: one function from request to reply, served in-process by the
httpx transports and over HTTP by the ASGI app. It answers like the real API where the docs
say how: auth, workspace, test mode, page validation, filters, ordering, search, links; and
it takes exactly the parameter values openapi.yaml allows (see `_validation`)."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, Final
from urllib.parse import urlencode

import attrs

from ._data import CustomerRecord
from ._faults import Fault, FaultPlan, Faults
from ._store import (
    Collection,
    FilterError,
    build_customers,
    build_products,
    customer_row,
    product_row,
)
from ._validation import check_parameters

__all__ = [
    "DEFAULT_TOKEN",
    "DEFAULT_WORKSPACE",
    "SandboxAPI",
    "SandboxReply",
    "SandboxRequest",
]

DEFAULT_TOKEN: Final = "sk_test_sandbox"  # noqa: S105 (a published sandbox credential)
DEFAULT_WORKSPACE: Final = "acc_sandbox"
# Where a "foreign" next link points: the API's old host, as seen in old documentation.
FOREIGN_HOST: Final = "api.simpledte.com"

_JSON = (("content-type", "application/json"),)
_BAD_GATEWAY_PAGE = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    b"</h1></center><hr><center>nginx</center></body></html>"
)


@attrs.frozen
class SandboxRequest:
    """What the handler needs of a request; header names are lower case."""

    method: str
    path: str
    query: Sequence[tuple[str, str]]
    headers: Mapping[str, str]
    origin: str  # scheme://host[:port], for absolute next/previous links


@attrs.frozen
class SandboxReply:
    """The answer, and how to deliver it: after `delay` seconds, or by dropping the connection."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    delay: float = 0.0
    drop: bool = False


def _json_reply(status: int, body: object, *extra_headers: tuple[str, str]) -> SandboxReply:
    return SandboxReply(status, _JSON + extra_headers, json.dumps(body).encode())


class SandboxAPI:
    """A Piriod-compatible API over a seeded, in-memory dataset.

    Live data has `customers` customers and `products` products; test mode (header
    `x-piriod-test-mode: true`) has a fifth as many, apart. Requests must carry
    `Authorization: Token <token>` and `x-simple-workspace: <workspace>`.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        customers: int = 250,
        products: int = 40,
        token: str = DEFAULT_TOKEN,
        workspace: str = DEFAULT_WORKSPACE,
        faults: Faults | None = None,
    ) -> None:
        if customers < 0 or products < 0:
            raise ValueError("customers and products must be >= 0")
        self.seed = seed
        self.token = token
        self.workspace = workspace
        self.faults = faults or Faults()
        self._plan = FaultPlan(self.faults)
        self._request_ids = itertools.count(1)
        self._collections: dict[tuple[str, bool], Collection] = {
            ("customers", False): build_customers(seed=seed, count=customers, test_mode=False),
            ("products", False): build_products(seed=seed, count=products, test_mode=False),
            ("customers", True): build_customers(seed=seed, count=customers // 5, test_mode=True),
            ("products", True): build_products(seed=seed, count=products // 5, test_mode=True),
        }

    @property
    def faults_served(self) -> dict[str, int]:
        """How many of each fault were injected so far, e.g. {"429": 3, "5xx": 7}."""
        return {fault.value: count for fault, count in self._plan.served.items()}

    def count(self, resource: str, *, test_mode: bool = False) -> int:
        """How many items a resource has, unfiltered."""
        return len(self._collections[(resource, test_mode)])

    def items(self, resource: str, *, test_mode: bool = False) -> list[dict[str, Any]]:
        """Every item of a resource as the API serves it, in its default order."""
        collection = self._collection(resource, test_mode)
        return [json.loads(row.body) for row in collection.query({})]

    def put(self, resource: str, item: Mapping[str, Any], *, test_mode: bool = False) -> None:
        """Adds `item`, or replaces the item with its `id`: as if it were created or changed
        in Piriod. `item` is an item as the API serves it (see `items`)."""
        collection = self._collection(resource, test_mode)
        data = dict(item)
        if resource == "customers":
            try:
                subscriptions = tuple(sorted(collection.get(data["id"]).members["subscriptions"]))
            except KeyError:
                subscriptions = ()
            collection.put(customer_row(CustomerRecord(data, subscriptions)))
        else:
            collection.put(product_row(data))

    def delete(self, resource: str, item_id: str, *, test_mode: bool = False) -> None:
        """Removes the item with id `item_id`, as if it were deleted in Piriod."""
        try:
            self._collection(resource, test_mode).remove(item_id)
        except KeyError:
            raise KeyError(f"the sandbox has no {resource} item with id {item_id!r}") from None

    def _collection(self, resource: str, test_mode: bool) -> Collection:
        if resource not in ("customers", "products"):
            raise ValueError(f"resource={resource!r} is unknown: use 'customers' or 'products'")
        return self._collections[(resource, test_mode)]

    def handle(self, request: SandboxRequest) -> SandboxReply:
        """The reply to one request, faults included."""
        key = f"{request.method} {request.path}?{urlencode(sorted(request.query))}"
        decision = self._plan.decide(key)
        request_id = ("x-request-id", f"req_{next(self._request_ids):08d}")
        if decision.fault is Fault.DROP:
            return SandboxReply(0, (), b"", delay=decision.delay, drop=True)
        if decision.fault is Fault.RATE_LIMIT:
            wait = str(decision.retry_after)
            reply = _json_reply(
                429,
                {"detail": f"Request was throttled. Expected available in {wait} seconds."},
                ("retry-after", wait),
                request_id,
            )
        elif decision.fault is Fault.SERVER_ERROR:
            if decision.status == 502:
                reply = SandboxReply(
                    502, (("content-type", "text/html"), request_id), _BAD_GATEWAY_PAGE
                )
            else:
                reply = _json_reply(
                    decision.status, {"detail": "A server error occurred."}, request_id
                )
        else:
            reply = self._answer(request, request_id, next_link=decision.next_link)
            if decision.fault is Fault.MALFORMED and reply.status == 200:
                reply = attrs.evolve(reply, body=reply.body[: max(1, len(reply.body) // 2)])
        return attrs.evolve(reply, delay=decision.delay)

    def _answer(
        self, request: SandboxRequest, request_id: tuple[str, str], *, next_link: str
    ) -> SandboxReply:
        refusal = self._refusal(request)
        if refusal is not None:
            return attrs.evolve(refusal, headers=(*refusal.headers, request_id))
        resource = request.path.strip("/")
        # The last value of a repeated parameter wins, as in Django's QueryDict.get.
        query = dict(request.query)
        checked = check_parameters(resource, query, request.headers)
        if checked.errors:
            return _json_reply(400, checked.errors, request_id)
        page, page_size = checked.page, checked.page_size
        collection = self._collections[(resource, checked.test_mode)]
        try:
            rows = collection.query(query)
        except FilterError as error:
            return _json_reply(400, {error.field: [error.message]}, request_id)
        last_page = max(1, math.ceil(len(rows) / page_size))
        if page > last_page:
            return _json_reply(404, {"detail": "Invalid page."}, request_id)
        start = (page - 1) * page_size
        links = _Links(request, page, next_link)
        body = b"".join(
            (
                b'{"count":%d,"next":' % len(rows),
                links.next_json if page < last_page else b"null",
                b',"previous":',
                links.previous_json if page > 1 else b"null",
                b',"results":[',
                b",".join(row.body for row in rows[start : start + page_size]),
                b"]}",
            )
        )
        return SandboxReply(200, (*_JSON, request_id), b"" if request.method == "HEAD" else body)

    def _refusal(self, request: SandboxRequest) -> SandboxReply | None:
        """The answer to a request that never reaches the data, in the order Django decides."""
        if request.path.strip("/") not in ("customers", "products"):
            return _json_reply(404, {"detail": "Not found."})
        if not request.path.endswith("/"):
            return SandboxReply(301, (("location", f"{request.path}/"),), b"")
        if request.method not in ("GET", "HEAD"):
            return _json_reply(
                405,
                {"detail": f'Method "{request.method}" not allowed.'},
                ("allow", "GET, HEAD, OPTIONS"),
            )
        return self._check_credentials(request.headers)

    def _check_credentials(self, headers: Mapping[str, str]) -> SandboxReply | None:
        authorization = headers.get("authorization")
        if not authorization:
            return _json_reply(
                401,
                {"detail": "Authentication credentials were not provided."},
                ("www-authenticate", "Token"),
            )
        scheme, _, token = authorization.partition(" ")
        if scheme != "Token" or token.strip() != self.token:
            return _json_reply(401, {"detail": "Invalid token."}, ("www-authenticate", "Token"))
        workspace = headers.get("x-simple-workspace", "").strip()
        if not workspace:
            return _json_reply(
                400, {"non_field_errors": ["x-simple-workspace header is required."]}
            )
        if workspace != self.workspace:
            return _json_reply(
                403, {"detail": "You do not have permission to perform this action."}
            )
        return None


class _Links:
    """Absolute next/previous links as Django REST framework builds them (previous of page 2
    has no page parameter), optionally pointing somewhere they should not."""

    def __init__(self, request: SandboxRequest, page: int, next_link: str) -> None:
        self._request = request
        self._page = page
        origin = request.origin
        if next_link == "foreign":
            origin = f"https://{FOREIGN_HOST}"
        elif next_link == "insecure":
            origin = origin.replace("https://", "http://", 1)
        self._next_origin = origin

    def _url(self, origin: str, page: int | None) -> bytes:
        query = [(k, v) for k, v in self._request.query if k != "page"]
        if page is not None:
            query.append(("page", str(page)))
        encoded = urlencode(query)
        url = f"{origin}{self._request.path}" + (f"?{encoded}" if encoded else "")
        return json.dumps(url).encode()

    @property
    def next_json(self) -> bytes:
        return self._url(self._next_origin, self._page + 1)

    @property
    def previous_json(self) -> bytes:
        return self._url(self._request.origin, self._page - 1 if self._page > 2 else None)


def describe(api: SandboxAPI) -> dict[str, Any]:
    """What the sandbox serves, for its start-up banner."""
    return {
        "token": api.token,
        "workspace": api.workspace,
        "customers": api.count("customers"),
        "products": api.count("products"),
        "test_customers": api.count("customers", test_mode=True),
        "test_products": api.count("products", test_mode=True),
        "seed": api.seed,
    }
