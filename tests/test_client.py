"""The overlay through httpx mock transports: headers, filters, walks, errors, sync and async."""

from __future__ import annotations

import datetime
import json
import platform
from typing import Any

import httpx
import pytest

import piriod
from piriod import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    Customer,
    IncompleteWalkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)

from conftest import TOKEN, WORKSPACE, FakeAPI, json_response, make_product
from drivers import MODES, Driver, Mode

pytestmark = pytest.mark.parametrize("mode", MODES)


def ids(items: list[Any]) -> list[str]:
    return [item.id for item in items]


# --- what goes on the wire ----------------------------------------------------------------


def test_every_request_carries_auth_workspace_test_mode_and_user_agent(mode: Mode) -> None:
    api = FakeAPI(3)
    Driver(mode, api, test_mode=True).items()
    request = api.requests[0]
    assert request.headers["Authorization"] == f"Token {TOKEN}"
    assert request.headers["x-simple-workspace"] == WORKSPACE
    assert request.headers["x-piriod-test-mode"] == "true"
    agent = request.headers["User-Agent"]
    assert f"piriod-python/{piriod.__version__}" in agent
    assert f"httpx/{httpx.__version__}" in agent
    assert f"Python/{platform.python_version()}" in agent


def test_test_mode_defaults_to_false(mode: Mode, no_piriod_env: None) -> None:
    api = FakeAPI(1)
    Driver(mode, api).items()
    assert api.requests[0].headers["x-piriod-test-mode"] == "false"


def test_filters_are_serialized_as_the_api_names_them(mode: Mode) -> None:
    api = FakeAPI(1)
    Driver(mode, api).items(
        country="CL",
        email="pagos@andes.cl",
        tax_id="76.086.428-5",
        created_gte=datetime.date(2026, 1, 5),
        created_lte=datetime.datetime(2026, 1, 31, 23, 59, tzinfo=datetime.UTC),
        ordering="-created",
        search="andes",
        extra_params={"metadata__crm_id": "4471"},
    )
    params = api.requests[0].url.params
    assert params["country"] == "CL"
    assert params["email"] == "pagos@andes.cl"
    assert params["tax_id"] == "76.086.428-5"
    assert params["created__gte"] == datetime.datetime(2026, 1, 5).astimezone().isoformat()
    assert params["created__lte"] == "2026-01-31T23:59:00+00:00"
    assert params["ordering"] == "-created"
    assert params["search"] == "andes"
    assert params["metadata__crm_id"] == "4471"
    assert params["page"] == "1"
    assert params["page_size"] == "100"
    assert "created_gte" not in params


def test_a_date_string_filter_is_sent_as_iso_8601(mode: Mode) -> None:
    api = FakeAPI(1)
    Driver(mode, api).items(created_gte="2026-01-05T10:00-03:00")
    assert api.requests[0].url.params["created__gte"] == "2026-01-05T10:00:00-03:00"


def test_product_filters(mode: Mode) -> None:
    api = FakeAPI(2, make_item=make_product)
    products = Driver(mode, api).items("products", name="Plan Pyme", plans="pla_1")
    assert ids(products) == ["pro_000000", "pro_000001"]
    assert isinstance(products[0], piriod.Product)
    assert api.requests[0].url.path == "/products/"
    assert api.requests[0].url.params["name"] == "Plan Pyme"
    assert api.requests[0].url.params["plans"] == "pla_1"


# --- walking --------------------------------------------------------------------------------


def test_an_empty_list_takes_one_request(mode: Mode) -> None:
    api = FakeAPI(0)
    assert Driver(mode, api).items() == []
    assert api.pages_requested == [1]


def test_a_single_page(mode: Mode) -> None:
    api = FakeAPI(7)
    items = Driver(mode, api).items()
    assert ids(items) == [f"cus_{n:06d}" for n in range(7)]
    assert all(isinstance(item, Customer) for item in items)
    assert api.pages_requested == [1]


def test_many_pages_are_walked_in_order_each_once(mode: Mode) -> None:
    api = FakeAPI(250)
    items = Driver(mode, api).items()
    assert ids(items) == [f"cus_{n:06d}" for n in range(250)]
    assert api.pages_requested == [1, 2, 3]


def test_page_size_sets_the_walk(mode: Mode) -> None:
    api = FakeAPI(45)
    items = Driver(mode, api).items(page_size=20)
    assert len(items) == 45
    assert api.pages_requested == [1, 2, 3]
    assert {r.url.params["page_size"] for r in api.requests} == {"20"}


def test_max_items_stops_early_and_requests_no_more_pages_than_needed(mode: Mode) -> None:
    api = FakeAPI(500)
    items = Driver(mode, api).items(max_items=150)
    assert ids(items) == [f"cus_{n:06d}" for n in range(150)]
    assert api.pages_requested == [1, 2]


def test_max_items_on_a_page_boundary_takes_no_extra_request(mode: Mode) -> None:
    api = FakeAPI(500)
    assert len(Driver(mode, api).items(max_items=100)) == 100
    assert api.pages_requested == [1]


def test_max_items_zero_makes_no_request(mode: Mode) -> None:
    api = FakeAPI(500)
    assert Driver(mode, api).items(max_items=0) == []
    assert api.requests == []


def test_pages_yields_page_objects(mode: Mode) -> None:
    api = FakeAPI(250)
    pages = Driver(mode, api).pages()
    assert [(p.page, p.count, p.page_size, len(p.items), p.has_next) for p in pages] == [
        (1, 250, 100, 100, True),
        (2, 250, 100, 100, True),
        (3, 250, 100, 50, False),
    ]
    assert pages[0].total_pages == 3


def test_pages_with_max_items_cut_the_last_page(mode: Mode) -> None:
    pages = Driver(mode, FakeAPI(500)).pages(max_items=130)
    assert [len(p.items) for p in pages] == [100, 30]


def test_page_makes_exactly_one_request_with_the_api_default_size(mode: Mode) -> None:
    api = FakeAPI(50)
    page = Driver(mode, api).page(page=2, email="a@b.cl")
    assert api.pages_requested == [2]
    assert api.requests[0].url.params["page_size"] == "20"
    assert api.requests[0].url.params["email"] == "a@b.cl"
    assert (page.page, page.count, len(page.items), page.has_next) == (2, 50, 20, True)
    assert ids(page.items)[0] == "cus_000020"


def test_the_walk_never_goes_past_the_last_page_whatever_next_says(mode: Mode) -> None:
    api = FakeAPI(250, next_url=lambda request, page: "https://api.piriod.test/customers/?page=99")
    handed: list[Any] = []
    # A next link on the last page of `count` contradicts it: the walk stops there, loudly.
    with pytest.raises(IncompleteWalkError) as caught:
        Driver(mode, api).collect(handed)
    assert len(handed) == 200
    assert caught.value.page == 3
    assert api.pages_requested == [1, 2, 3]


def test_the_walk_stops_when_next_is_null(mode: Mode) -> None:
    api = FakeAPI(250, next_url=lambda request, page: None)
    handed: list[Any] = []
    # The server says page 1 is the last, but count says 3 pages: page 1 is handed out, then
    # the walk raises instead of ending short, naming page 2 to resume from.
    with pytest.raises(IncompleteWalkError) as caught:
        Driver(mode, api).collect(handed)
    assert len(handed) == 100
    assert caught.value.page == 2
    assert api.pages_requested == [1]


@pytest.mark.parametrize(
    "foreign_next",
    [
        "https://evil.example.com/customers/?page={page}",
        "http://api.piriod.test/customers/?page={page}",
        "https://api.simpledte.com/customers/?page={page}",
    ],
)
def test_a_foreign_or_plain_http_next_link_is_never_requested(
    mode: Mode, foreign_next: str
) -> None:
    api = FakeAPI(
        250, next_url=lambda request, page: foreign_next.format(page=page + 1) if page < 3 else None
    )
    assert len(Driver(mode, api).items()) == 250
    assert [str(r.url.copy_with(query=None)) for r in api.requests] == [
        "https://api.piriod.test/customers/"
    ] * 3


# --- bad arguments raise before any request -------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"page_size": 0}, "page_size=0"),
        ({"page_size": 101}, "page_size=101"),
        ({"page_size": "10"}, "page_size='10'"),
        ({"page_size": True}, "page_size=True"),
        ({"max_items": -1}, "max_items=-1"),
        ({"created_gte": "yesterday"}, "created_gte='yesterday'"),
        ({"created_lte": 20260105}, "created_lte=20260105"),
        ({"extra_params": {"page": 3}}, "extra_params may not set 'page'"),
    ],
)
def test_bad_list_arguments_raise_before_any_request(
    mode: Mode, kwargs: dict[str, Any], words: str
) -> None:
    api = FakeAPI(10)
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace("[", r"\[")):
        Driver(mode, api).items(**kwargs)
    assert api.requests == []


def test_an_unknown_filter_names_the_close_match(mode: Mode) -> None:
    api = FakeAPI(10)
    with pytest.raises(TypeError, match=r"unknown filter 'county'.*Did you mean 'country'"):
        Driver(mode, api).items(county="CL")
    assert api.requests == []


def test_a_customer_filter_is_refused_on_products(mode: Mode) -> None:
    api = FakeAPI(10)
    with pytest.raises(TypeError, match="extra_params"):
        Driver(mode, api).items("products", country="CL")
    assert api.requests == []


@pytest.mark.parametrize("page", [0, -1])
def test_page_zero_raises_before_any_request(mode: Mode, page: int) -> None:
    api = FakeAPI(10)
    with pytest.raises(ValueError, match=f"page={page} is invalid: pages are numbered from 1"):
        Driver(mode, api).page(page=page)
    assert api.requests == []


def test_no_token_raises_naming_the_fix(mode: Mode, no_piriod_env: None) -> None:
    api = FakeAPI(1)
    with pytest.raises(ConfigurationError, match="PIRIOD_API_TOKEN"):
        Driver(mode, api, token=None).items()
    assert api.requests == []


def test_no_workspace_raises_naming_the_fix(mode: Mode, no_piriod_env: None) -> None:
    api = FakeAPI(1)
    with pytest.raises(ConfigurationError, match="PIRIOD_WORKSPACE"):
        Driver(mode, api, workspace="  ").items()
    assert api.requests == []


# --- every status becomes its error ---------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "error_class", "detail"),
    [
        (401, {"detail": "Invalid token."}, AuthenticationError, "Invalid token."),
        (403, {"detail": "No permission."}, PermissionDeniedError, "No permission."),
        (404, {"detail": "Invalid page."}, NotFoundError, "Invalid page."),
        (405, {"detail": 'Method "GET" not allowed.'}, APIStatusError, 'Method "GET" not allowed.'),
        (429, {"detail": "Request was throttled."}, RateLimitError, "Request was throttled."),
        (500, {"detail": "A server error occurred."}, ServerError, "A server error occurred."),
        (503, {"detail": "Down for maintenance."}, ServerError, "Down for maintenance."),
        (520, "<html>Web server is returning an unknown error</html>", ServerError, None),
        (502, "<html><body>502 Bad Gateway</body></html>", ServerError, None),
    ],
)
def test_each_status_maps_to_its_error_class(
    mode: Mode, status: int, body: object, error_class: type[APIStatusError], detail: str | None
) -> None:
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    api = FakeAPI(10, script={1: httpx.Response(status, content=content)})
    with pytest.raises(error_class) as caught:
        Driver(mode, api, max_retries=0).items()
    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status
    assert error.detail == detail
    assert str(status) in str(error)
    assert error.body == body


def test_a_400_carries_field_and_non_field_errors(mode: Mode) -> None:
    body = {
        "page_size": ["Ensure this value is less than or equal to 100."],
        "non_field_errors": ["x-simple-workspace header is required."],
        "contacts": [{}, {"email": ["Enter a valid email address."]}],
    }
    api = FakeAPI(10, script={1: json_response(400, body)})
    with pytest.raises(BadRequestError) as caught:
        Driver(mode, api).items()
    error = caught.value
    assert error.status_code == 400
    assert error.field_errors == {
        "page_size": ["Ensure this value is less than or equal to 100."],
        "contacts[1].email": ["Enter a valid email address."],
    }
    assert error.non_field_errors == ["x-simple-workspace header is required."]
    assert "x-simple-workspace header is required." in str(error)
    assert "page_size: Ensure this value" in str(error)


def test_a_rate_limit_error_is_a_status_error(mode: Mode) -> None:
    api = FakeAPI(10, script={1: json_response(429, {"detail": "slow down"})})
    with pytest.raises(APIStatusError) as caught:
        Driver(mode, api, max_retries=0).items()
    assert isinstance(caught.value, RateLimitError)


def test_a_redirect_is_not_followed(mode: Mode) -> None:
    redirect = httpx.Response(301, headers={"Location": "https://elsewhere.example/customers/"})
    api = FakeAPI(10, script={1: redirect})
    with pytest.raises(APIStatusError, match="never follows redirects") as caught:
        Driver(mode, api).items()
    assert caught.value.status_code == 301
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<html>maintenance</html>", "not JSON"),
        (b"", "not JSON"),
        (b"\xff\xfe garbage", "not JSON"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"results": []}', "'count' is None"),
        (b'{"count": "12", "results": []}', "'count' is '12'"),
        (b'{"count": -1, "results": []}', "'count' is -1"),
        (b'{"count": true, "results": []}', "'count' is True"),
        (b'{"count": 1, "results": {"id": "cus_1"}}', "'results' is not a list"),
        (b'{"count": 1, "results": ["cus_1"]}', "the item itself should be object, found string"),
        (b'{"count": 1, "results": [{"name": "No id"}]}', "`id` should be string, found missing"),
        (b'{"count": 1, "next": 5, "results": []}', "'next' is 5"),
    ],
)
def test_a_malformed_success_body_raises_unexpected_response(
    mode: Mode, content: bytes, problem: str
) -> None:
    api = FakeAPI(10, script={1: httpx.Response(200, content=content)})
    with pytest.raises(UnexpectedResponseError, match=problem) as caught:
        Driver(mode, api).items()
    assert caught.value.status_code == 200
    assert caught.value.body == content


def test_a_connection_failure_is_an_api_connection_error(mode: Mode) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(APIConnectionError, match="ConnectError") as caught:
        Driver(mode, refuse, max_retries=0).items()
    assert not isinstance(caught.value, APITimeoutError)


def test_a_timeout_is_an_api_timeout_error(mode: Mode) -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(APITimeoutError, match="no answer in time"):
        Driver(mode, hang, max_retries=0).items()


def test_the_token_is_in_no_error_message(mode: Mode) -> None:
    api = FakeAPI(10, script={1: json_response(401, {"detail": "Invalid token."})})
    with pytest.raises(AuthenticationError) as caught:
        Driver(mode, api).items()
    assert TOKEN not in str(caught.value)
    assert TOKEN not in repr(caught.value)


# --- configuration --------------------------------------------------------------------------


def test_configuration_comes_from_the_environment(
    mode: Mode, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIRIOD_API_TOKEN", "sk_env_token")
    monkeypatch.setenv("PIRIOD_WORKSPACE", "acc_env")
    monkeypatch.setenv("PIRIOD_TEST_MODE", "true")
    monkeypatch.setenv("PIRIOD_BASE_URL", "https://piriod.internal.example/")
    api = FakeAPI(1)
    Driver(mode, api, token=None, workspace=None, base_url=None).items()
    request = api.requests[0]
    assert request.headers["Authorization"] == "Token sk_env_token"
    assert request.headers["x-simple-workspace"] == "acc_env"
    assert request.headers["x-piriod-test-mode"] == "true"
    assert str(request.url).startswith("https://piriod.internal.example/customers/?")


def test_arguments_win_over_the_environment(mode: Mode, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIRIOD_API_TOKEN", "sk_env_token")
    monkeypatch.setenv("PIRIOD_TEST_MODE", "true")
    api = FakeAPI(1)
    Driver(mode, api, token="sk_arg", test_mode=False).items()
    assert api.requests[0].headers["Authorization"] == "Token sk_arg"
    assert api.requests[0].headers["x-piriod-test-mode"] == "false"


def test_a_base_url_path_prefix_is_kept(mode: Mode) -> None:
    api = FakeAPI(1)
    Driver(mode, api, base_url="https://gateway.example/piriod/").items()
    assert api.requests[0].url.path == "/piriod/customers/"
