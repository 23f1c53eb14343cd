"""Bad arguments are refused before any request, with a message that names the problem and
the fix. The messages are what a user reads, so each is checked word for word."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

import httpx
import pytest

from piriod import NotFoundError, Piriod
from piriod._params import MAX_PAGE

from conftest import TOKEN, WORKSPACE, FakeAPI


def refused(expected: type[Exception], **arguments: Any) -> str:
    """The message of the error `customers.page(**arguments)` raises; no request was sent."""
    api = FakeAPI(5)
    http = httpx.Client(transport=httpx.MockTransport(api))
    client = Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http)
    with client, pytest.raises(expected) as caught:
        client.customers.page(**arguments)
    http.close()
    assert api.requests == []
    return str(caught.value)


def sent(**arguments: Any) -> httpx.QueryParams:
    api = FakeAPI(5)
    http = httpx.Client(transport=httpx.MockTransport(api))
    client = Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0)
    with client, contextlib.suppress(NotFoundError):  # a page past the end: the request counts
        client.customers.page(**arguments)
    http.close()
    (request,) = api.requests
    return request.url.params


# --- pages ----------------------------------------------------------------------------------


def test_the_last_possible_page_number_is_sent() -> None:
    assert sent(page=MAX_PAGE)["page"] == "9223372036854775807"


@pytest.mark.parametrize(
    ("page", "shown"),
    [(0, "0"), (-1, "-1"), (MAX_PAGE + 1, "a number past 2**63 - 1"), ("2", "'2'")],
)
def test_a_page_out_of_range_is_refused_naming_it(page: object, shown: str) -> None:
    assert refused(ValueError, page=page) == (
        f"page={shown} is invalid: pages are numbered from 1 (the first page) to 2**63 - 1"
    )


# --- dates ----------------------------------------------------------------------------------


def test_a_text_that_is_not_a_date_is_refused_showing_the_forms_accepted() -> None:
    assert refused(ValueError, created_gte="tomorrow") == (
        "created_gte='tomorrow' is not a date: pass a datetime, a date, or an ISO 8601 string"
        " such as '2026-01-05' or '2026-01-05T10:00:00-03:00'"
    )


def test_a_date_that_cannot_be_written_with_an_offset_is_refused_with_the_range() -> None:
    far = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(seconds=30)))
    assert refused(ValueError, created=far) == (
        f"created={far!r} is out of range: it cannot be written as a timestamp with an"
        " offset; use a date between years 1 and 9999"
    )


@pytest.mark.parametrize("minutes", [1, 61, -330])
def test_an_offset_of_whole_minutes_is_sent_as_it_is(minutes: int) -> None:
    zone = datetime.timezone(datetime.timedelta(minutes=minutes))
    moment = datetime.datetime(2026, 1, 5, 10, 0, tzinfo=zone)
    assert sent(created_gte=moment)["created__gte"] == moment.isoformat()


# --- extra_params ---------------------------------------------------------------------------


def test_extra_params_that_are_not_a_dict_are_refused() -> None:
    assert refused(TypeError, extra_params=[("a", "1")]) == (
        "customers.page(): extra_params must be a dict of query parameters"
    )


@pytest.mark.parametrize(("key", "shown"), [(5, "5"), ("", "''"), (None, "None")])
def test_an_extra_param_whose_name_is_not_text_is_refused(key: object, shown: str) -> None:
    assert refused(TypeError, extra_params={key: "1"}) == (
        f"extra_params key {shown} must be a non-empty string"
    )


@pytest.mark.parametrize("key", ["page", "page_size"])
def test_extra_params_cannot_set_the_page(key: str) -> None:
    assert refused(ValueError, extra_params={key: 3}) == (
        f"extra_params may not set {key!r}; pass page/page_size as arguments instead"
    )


def test_extra_params_cannot_set_a_declared_filter() -> None:
    assert refused(ValueError, extra_params={"created__gte": "2026-01-05"}) == (
        "extra_params may not set 'created__gte'; pass created_gte=... to customers.page()"
        " instead, which checks the value before sending it"
    )


@pytest.mark.parametrize("value", [None, [1], {"a": 1}, b"x"])
def test_an_extra_param_value_that_is_not_a_scalar_is_refused(value: object) -> None:
    assert refused(TypeError, extra_params={"tag": value}) == (
        f"extra_params['tag']={value!r} must be a str, int, float or bool"
    )


# --- filters --------------------------------------------------------------------------------


def test_an_unknown_filter_is_refused_with_the_closest_name_and_the_list() -> None:
    assert refused(TypeError, emial="a@b.cl") == (
        "customers.page() got an unknown filter 'emial'. Did you mean 'email'? Known filters:"
        " country, created, created_gte, created_lte, email, name, ordering, search, sources,"
        " subscriptions, tax_id. Send other query parameters with extra_params={...}."
    )


def test_an_unknown_filter_far_from_any_name_has_no_guess() -> None:
    message = refused(TypeError, zzzzzz="1")
    assert message.startswith("customers.page() got an unknown filter 'zzzzzz'. Known filters:")


def test_an_empty_filter_is_refused_with_the_way_to_not_filter() -> None:
    assert refused(ValueError, email="") == (
        "email='' is empty: pass None (or leave it out) to not filter"
    )


def test_a_filter_that_is_not_text_is_refused() -> None:
    assert refused(TypeError, country=56) == "country=56 must be a string"


# --- extra_headers --------------------------------------------------------------------------


def test_extra_headers_that_are_not_a_mapping_are_refused() -> None:
    assert refused(TypeError, extra_headers=[("X-Tag", "1")]) == (
        "extra_headers must be a mapping of header names to values, e.g."
        " {'Idempotency-Key': '...'}, not list"
    )


@pytest.mark.parametrize("name", ["", "X Tag", "X-Tág", "X:Tag", 5])
def test_an_extra_header_name_http_cannot_carry_is_refused(name: object) -> None:
    assert refused(ValueError, extra_headers={name: "1"}) == (
        f"extra_headers: {name!r} is not an HTTP header name"
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Authorization", "the token is the client's: Piriod(token=...) or PIRIOD_API_TOKEN"),
        ("x-simple-workspace", "use client.with_options(workspace=...) for another workspace"),
        ("Cookie", "cookies belong to an http_client of your own"),
    ],
)
def test_a_header_piriod_sets_is_refused_with_where_it_comes_from(name: str, reason: str) -> None:
    assert refused(ValueError, extra_headers={name: "x"}) == (
        f"extra_headers may not set {name!r}: {reason}"
    )


def test_an_extra_header_value_that_is_not_text_is_refused() -> None:
    assert refused(TypeError, extra_headers={"X-Tag": 5}) == (
        "extra_headers['X-Tag'] is int; header values are str"
    )


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "caf\u00e9", "a\x00b", "a\x7fb"])
def test_an_extra_header_value_http_cannot_carry_is_refused_unquoted(value: str) -> None:
    assert refused(ValueError, extra_headers={"X-Tag": value}) == (
        "extra_headers['X-Tag'] holds a line break, a control or a non-ASCII character, which"
        " an HTTP header cannot carry (its value is not shown)"
    )


def test_extra_headers_that_http_can_carry_are_sent_as_given() -> None:
    api = FakeAPI(5)
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
        client.customers.page(extra_headers={"Idempotency-Key": "k-1 ~!#", "X-Empty": ""})
    http.close()
    (request,) = api.requests
    assert request.headers["Idempotency-Key"] == "k-1 ~!#"
    assert request.headers["X-Empty"] == ""
