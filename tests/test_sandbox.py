"""The sandbox answers like the real API where the docs say how, and injects faults on purpose."""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from piriod import (
    APIConnectionError,
    Piriod,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from piriod import sandbox as sandbox_module
from piriod.sandbox import (
    DEFAULT_TOKEN,
    DEFAULT_WORKSPACE,
    Faults,
    SandboxAPI,
    SandboxRequest,
    SandboxTransport,
)

AUTH = {"Authorization": f"Token {DEFAULT_TOKEN}", "x-simple-workspace": DEFAULT_WORKSPACE}
BASE = "https://sandbox.piriod.test"


@pytest.fixture(scope="module")
def api() -> SandboxAPI:
    return SandboxAPI()


@pytest.fixture
def http(api: SandboxAPI) -> Iterator[httpx.Client]:
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE, headers=AUTH) as client:
        yield client


def get(http: httpx.Client, path: str = "/customers/", **params: Any) -> httpx.Response:
    return http.get(path, params=params)


def every(http: httpx.Client, path: str = "/customers/", **params: Any) -> list[dict[str, Any]]:
    """Every item of a listing, walked page by page with page_size 100."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = get(http, path, page=page, page_size=100, **params).json()
        items.extend(body["results"])
        if body["next"] is None:
            return items
        page += 1


# --- credentials ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status", "body"),
    [
        (
            {"x-simple-workspace": DEFAULT_WORKSPACE},
            401,
            {"detail": "Authentication credentials were not provided."},
        ),
        ({**AUTH, "Authorization": "Token sk_wrong"}, 401, {"detail": "Invalid token."}),
        ({**AUTH, "Authorization": f"Bearer {DEFAULT_TOKEN}"}, 401, {"detail": "Invalid token."}),
        (
            {"Authorization": AUTH["Authorization"]},
            400,
            {"non_field_errors": ["x-simple-workspace header is required."]},
        ),
        (
            {**AUTH, "x-simple-workspace": "acc_someone_else"},
            403,
            {"detail": "You do not have permission to perform this action."},
        ),
    ],
)
def test_credentials_are_checked(
    api: SandboxAPI, headers: dict[str, str], status: int, body: dict[str, Any]
) -> None:
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE) as http:
        response = http.get("/customers/", headers=headers)
    assert (response.status_code, response.json()) == (status, body)


def test_other_credentials_can_be_configured() -> None:
    api = SandboxAPI(customers=3, token="sk_mine", workspace="acc_mine")
    with sandbox_module.client(api) as client:
        assert len(list(client.customers.list())) == 3
    headers = {"Authorization": "Token sk_mine", "x-simple-workspace": "acc_mine"}
    with httpx.Client(transport=SandboxTransport(api), base_url=BASE, headers=headers) as http:
        assert http.get("/products/").status_code == 200


def test_test_mode_data_is_kept_apart(http: httpx.Client, api: SandboxAPI) -> None:
    live = every(http)
    test = []
    page = 1
    while True:
        body = http.get(
            "/customers/",
            params={"page": page, "page_size": 100},
            headers={"x-piriod-test-mode": "true"},
        ).json()
        test.extend(body["results"])
        if body["next"] is None:
            break
        page += 1
    assert len(live) == api.count("customers") == 250
    assert len(test) == api.count("customers", test_mode=True) > 0
    assert {c["test_mode"] for c in live} == {False}
    assert {c["test_mode"] for c in test} == {True}
    assert not {c["id"] for c in live} & {c["id"] for c in test}


# --- paging ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "body"),
    [
        ({"page_size": 0}, {"page_size": ["Ensure this value is greater than or equal to 1."]}),
        ({"page_size": 101}, {"page_size": ["Ensure this value is less than or equal to 100."]}),
        ({"page_size": "ten"}, {"page_size": ["A valid integer is required."]}),
        ({"page": 0}, {"page": ["Ensure this value is greater than or equal to 1."]}),
        ({"page": "last"}, {"page": ["A valid integer is required."]}),
        ({"created__gte": "yesterday"}, {"created__gte": ["Enter a valid date/time."]}),
    ],
)
def test_bad_paging_and_filters_are_400(
    http: httpx.Client, params: dict[str, Any], body: dict[str, Any]
) -> None:
    response = get(http, **params)
    assert (response.status_code, response.json()) == (400, body)


def test_a_page_past_the_last_is_404(http: httpx.Client) -> None:
    response = get(http, page=3, page_size=100)
    assert response.status_code == 200
    response = get(http, page=4, page_size=100)
    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})


def test_the_default_page_size_is_20(http: httpx.Client) -> None:
    body = get(http).json()
    assert (body["count"], len(body["results"])) == (250, 20)


def test_an_empty_result_is_an_empty_first_page(http: httpx.Client) -> None:
    response = get(http, email="nobody@nowhere.invalid")
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_links_are_absolute_keep_the_filters_and_drop_page_1(http: httpx.Client) -> None:
    first = get(http, country="CL", page_size=10).json()
    assert first["previous"] is None
    link = urlsplit(first["next"])
    assert (link.scheme, link.netloc, link.path) == ("https", "sandbox.piriod.test", "/customers/")
    assert parse_qs(link.query) == {"country": ["CL"], "page_size": ["10"], "page": ["2"]}
    second = get(http, country="CL", page_size=10, page=2).json()
    assert parse_qs(urlsplit(second["previous"]).query) == {"country": ["CL"], "page_size": ["10"]}
    third = get(http, country="CL", page_size=10, page=3).json()
    assert parse_qs(urlsplit(third["previous"]).query)["page"] == ["2"]


def test_the_last_page_has_no_next(http: httpx.Client) -> None:
    body = get(http, page=3, page_size=100).json()
    assert body["next"] is None
    assert len(body["results"]) == 50


# --- filters, search, ordering --------------------------------------------------------------


def test_country_filter(http: httpx.Client) -> None:
    chileans = every(http, country="CL")
    assert 0 < len(chileans) < 250
    assert {c["country"]["id"] for c in chileans} == {"CL"}


@pytest.mark.parametrize("field", ["email", "name", "tax_id"])
def test_exact_filters_find_a_known_customer(http: httpx.Client, field: str) -> None:
    target = next(c for c in every(http) if c[field])  # a customer that has this field
    found = every(http, **{field: target[field]})
    assert target["id"] in [c["id"] for c in found]
    assert {c[field] for c in found} == {target[field]}
    assert len(found) < len(every(http))  # the filter narrowed the list


def test_link_filters(http: httpx.Client) -> None:
    with_source = next(c for c in every(http) if c["sources"])
    found = every(http, sources=with_source["sources"][0])
    assert [c["id"] for c in found] == [with_source["id"]]


def test_search_is_case_insensitive_over_name_email_and_tax_id(http: httpx.Client) -> None:
    target = every(http)[17]
    word = target["name"].split()[0]
    found = every(http, search=word.upper())
    assert target["id"] in [c["id"] for c in found]
    assert all(word.casefold() in json.dumps(c, ensure_ascii=False).casefold() for c in found)


def test_created_ranges(http: httpx.Client) -> None:
    cut = "2024-01-01T00:00:00+00:00"
    after = every(http, created__gte=cut)
    before = every(http, created__lte=cut)
    moment = datetime.datetime.fromisoformat(cut)
    assert all(datetime.datetime.fromisoformat(c["created"]) >= moment for c in after)
    assert all(datetime.datetime.fromisoformat(c["created"]) <= moment for c in before)
    assert len(after) + len(before) >= 250
    assert after
    assert before


@pytest.mark.parametrize("ordering", ["name", "-name", "created", "-created"])
def test_ordering(http: httpx.Client, ordering: str) -> None:
    items = every(http, ordering=ordering)
    field = ordering.lstrip("-")

    def key(item: dict[str, Any]) -> Any:
        value = item[field]
        return datetime.datetime.fromisoformat(value) if field == "created" else value.casefold()

    assert [key(i) for i in items] == sorted(map(key, items), reverse=ordering.startswith("-"))


def test_an_unknown_ordering_field_is_ignored(http: httpx.Client) -> None:
    assert every(http, ordering="favourite_colour") == every(http)


def test_product_filters(http: httpx.Client) -> None:
    products = every(http, "/products/")
    assert len(products) == 40
    product = next(p for p in products if p["plans"])
    assert [p["id"] for p in every(http, "/products/", plans=product["plans"][0]["id"])] == [
        product["id"]
    ]
    assert product["id"] in [p["id"] for p in every(http, "/products/", name=product["name"])]
    assert product["id"] in [p["id"] for p in every(http, "/products/", search=product["name"])]


def test_what_is_not_an_endpoint(http: httpx.Client) -> None:
    assert http.get("/invoices/").status_code == 404
    redirect = http.get("/customers")
    assert (redirect.status_code, redirect.headers["location"]) == (301, "/customers/")
    refused = http.post("/customers/")
    assert (refused.status_code, refused.headers["allow"]) == (405, "GET, HEAD, OPTIONS")


def test_the_dataset_is_the_same_for_the_same_seed() -> None:
    def ids(seed: int) -> list[str]:
        with sandbox_module.client(SandboxAPI(seed=seed, customers=30)) as client:
            return [c.id for c in client.customers.list(ordering="name")]

    assert ids(1) == ids(1)
    assert ids(1) != ids(2)


# --- faults ---------------------------------------------------------------------------------


def request_for(page: int) -> SandboxRequest:
    return SandboxRequest(
        "GET",
        "/customers/",
        [("page", str(page)), ("page_size", "10")],
        {"authorization": f"Token {DEFAULT_TOKEN}", "x-simple-workspace": DEFAULT_WORKSPACE},
        BASE,
    )


def test_faults_reproduce_by_seed_whatever_the_order_of_requests() -> None:
    faults = Faults(server_error_rate=0.3, rate_limit_rate=0.2, latency_ms=5, jitter_ms=20, seed=9)
    forward, backward = SandboxAPI(faults=faults), SandboxAPI(faults=faults)
    pages = list(range(1, 26))
    ahead = {p: forward.handle(request_for(p)) for p in pages}
    behind = {p: backward.handle(request_for(p)) for p in reversed(pages)}
    assert {p: (r.status, r.delay) for p, r in ahead.items()} == {
        p: (r.status, r.delay) for p, r in behind.items()
    }
    assert {r.status for r in ahead.values()} >= {200, 429}
    assert all(0.005 <= r.delay <= 0.025 for r in ahead.values())


def test_a_retried_request_gets_a_fresh_draw() -> None:
    api = SandboxAPI(faults=Faults(server_error_rate=0.5, seed=3))
    statuses = {api.handle(request_for(1)).status for _ in range(40)}
    assert 200 in statuses
    assert statuses & {500, 502, 503}


def test_429_carries_retry_after() -> None:
    api = SandboxAPI(faults=Faults(rate_limit_rate=1.0, retry_after_min=1, retry_after_max=1))
    with (
        sandbox_module.client(api, max_retries=0) as client,
        pytest.raises(RateLimitError) as caught,
    ):
        client.customers.page()
    assert caught.value.response.headers["retry-after"] == "1"


def test_5xx_faults_include_a_proxy_html_page() -> None:
    api = SandboxAPI(faults=Faults(server_error_rate=1.0, seed=1))
    bodies = {reply.status: reply for reply in map(api.handle, map(request_for, range(1, 40)))}
    assert set(bodies) == {500, 502, 503}
    assert 502 in bodies
    assert bodies[502].body.startswith(b"<html>")
    with sandbox_module.client(api, max_retries=0) as client, pytest.raises(ServerError):
        client.customers.page()


def test_a_dropped_connection_is_a_connection_error() -> None:
    api = SandboxAPI(faults=Faults(drop_rate=1.0))
    with sandbox_module.client(api, max_retries=0) as client, pytest.raises(APIConnectionError):
        client.customers.page()


def test_a_malformed_body_is_an_unexpected_response() -> None:
    api = SandboxAPI(faults=Faults(malformed_rate=1.0))
    with sandbox_module.client(api) as client, pytest.raises(UnexpectedResponseError):
        client.customers.page()


@pytest.mark.parametrize("which", ["foreign_next_rate", "insecure_next_rate"])
def test_bad_next_links_are_served_and_never_followed(which: str) -> None:
    api = SandboxAPI(faults=Faults(**{which: 1.0}))  # type: ignore[arg-type]
    raw = api.handle(request_for(1))
    next_url = json.loads(raw.body)["next"]
    assert next_url.startswith(("https://api.simpledte.com/", "http://sandbox.piriod.test/"))
    seen: list[httpx.Request] = []
    transport = SandboxTransport(api)

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return transport.handle_request(request)

    http = httpx.Client(transport=httpx.MockTransport(record))
    with Piriod(
        token=DEFAULT_TOKEN, workspace=DEFAULT_WORKSPACE, base_url=BASE, http_client=http
    ) as client:
        assert len(list(client.customers.list())) == 250
    http.close()
    assert {str(r.url.copy_with(query=None)) for r in seen} == {f"{BASE}/customers/"}


def test_async_in_process_client() -> None:
    async def walk() -> list[str]:
        async with sandbox_module.async_client(SandboxAPI(customers=120)) as client:
            return [c.id async for c in client.customers.list()]

    ids = asyncio.run(walk())
    assert len(ids) == len(set(ids)) == 120
