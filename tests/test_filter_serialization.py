"""The client sends only what openapi.yaml accepts: every date form it takes goes out as an RFC
3339 timestamp with an offset, and what it cannot send that way is refused before any request,
with a ValueError naming the argument and the fix."""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from piriod import Piriod
from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, SandboxTransport

from contract_check import ContractCheckingTransport

BASE = "https://sandbox.piriod.test"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
SANTIAGO = ZoneInfo("America/Santiago")
MINUS_3 = datetime.timezone(datetime.timedelta(hours=-3))


class NoOffset(datetime.tzinfo):
    """A tzinfo that does not know its offset: Python counts such datetimes as naive."""

    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None

    def dst(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str | None:
        return None


@pytest.fixture
def santiago_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Santiago's (-03:00 in January), so "local" differs from UTC."""
    monkeypatch.setenv("TZ", "America/Santiago")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class Recorder:
    """The sandbox behind a contract check, recording every request it is sent."""

    def __init__(self) -> None:
        self.inner = ContractCheckingTransport(SandboxTransport(SandboxAPI(customers=20)))
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.inner.handle_request(request)

    def client(self) -> Piriod:
        return Piriod(
            token=DEFAULT_TOKEN,
            workspace=DEFAULT_WORKSPACE,
            base_url=BASE,
            http_client=httpx.Client(transport=httpx.MockTransport(self)),
        )


def sent(**filters: Any) -> dict[str, str]:
    """The query parameters one `customers.page()` call sends (the sandbox served it: 200)."""
    recorder = Recorder()
    with recorder.client() as client:
        client.customers.page(page_size=1, **filters)
    assert len(recorder.requests) == 1
    assert recorder.inner.checked == 1  # openapi-core validated the request and the reply
    return dict(recorder.requests[0].url.params)


# Every form of DateLike the client accepts, and the instant it must send (local is -03:00).
FORMS: list[tuple[object, datetime.datetime]] = [
    (datetime.date(2026, 1, 5), datetime.datetime(2026, 1, 5, tzinfo=MINUS_3)),
    (datetime.datetime(2026, 1, 5, 10), datetime.datetime(2026, 1, 5, 10, tzinfo=MINUS_3)),
    (
        datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC),
        datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC),
    ),
    (
        datetime.datetime(2026, 1, 5, 10, 0, 0, 250000, tzinfo=SANTIAGO),
        datetime.datetime(2026, 1, 5, 13, 0, 0, 250000, tzinfo=datetime.UTC),
    ),
    ("2026-01-05", datetime.datetime(2026, 1, 5, tzinfo=MINUS_3)),
    (" 2026-01-05T10:00:00 ", datetime.datetime(2026, 1, 5, 10, tzinfo=MINUS_3)),
    ("2026-01-05T10:00:00Z", datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)),
    ("2026-01-05T10:00:00+05:30", datetime.datetime(2026, 1, 5, 4, 30, tzinfo=datetime.UTC)),
    # A tzinfo that gives no offset is naive: local time, like any naive datetime.
    (
        datetime.datetime(2026, 1, 5, 10, tzinfo=NoOffset()),
        datetime.datetime(2026, 1, 5, 10, tzinfo=MINUS_3),
    ),
    # Offsets RFC 3339 cannot write (seconds): the same instant, sent in UTC.
    (
        datetime.datetime(1890, 1, 1, tzinfo=SANTIAGO),  # LMT, -04:42:45
        datetime.datetime(1890, 1, 1, 4, 42, 45, tzinfo=datetime.UTC),
    ),
    ("2026-01-05T10:00:00+03:00:30", datetime.datetime(2026, 1, 5, 6, 59, 30, tzinfo=datetime.UTC)),
]


@pytest.mark.usefixtures("santiago_time")
@pytest.mark.parametrize("name", ["created", "created_gte", "created_lte"])
def test_every_date_form_is_sent_as_rfc3339_with_an_offset(name: str) -> None:
    api_name = name.replace("_gte", "__gte").replace("_lte", "__lte")
    values = [sent(**{name: value})[api_name] for value, _ in FORMS]
    assert [RFC3339.fullmatch(value) is not None for value in values] == [True] * len(FORMS)
    assert [datetime.datetime.fromisoformat(v) for v in values] == [i for _, i in FORMS]


@pytest.mark.usefixtures("santiago_time")
def test_dates_and_times_without_an_offset_are_local_time_with_its_offset() -> None:
    no_offset = datetime.datetime(2026, 1, 5, 10, tzinfo=NoOffset())
    assert sent(created_gte=datetime.date(2026, 1, 5), created_lte=no_offset) == {
        "page": "1",
        "page_size": "1",
        "created__gte": "2026-01-05T00:00:00-03:00",
        "created__lte": "2026-01-05T10:00:00-03:00",
    }


def test_an_offset_with_seconds_is_sent_in_utc() -> None:
    lmt = datetime.datetime(1890, 1, 1, tzinfo=SANTIAGO)
    assert sent(created_gte=lmt)["created__gte"] == "1890-01-01T04:42:45+00:00"


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(seconds=30))),
        datetime.datetime(
            9999, 12, 31, 23, 59, tzinfo=datetime.timezone(-datetime.timedelta(seconds=90))
        ),
    ],
)
def test_a_date_that_cannot_be_sent_is_refused_before_any_request(value: datetime.datetime) -> None:
    recorder = Recorder()
    with recorder.client() as client, pytest.raises(ValueError, match="created_gte=") as caught:
        client.customers.page(created_gte=value)
    assert "out of range" in str(caught.value)
    assert recorder.requests == []


STRING_FILTERS = {
    "customers": [
        "ordering",
        "search",
        "country",
        "email",
        "name",
        "tax_id",
        "subscriptions",
        "sources",
    ],
    "products": ["ordering", "search", "name", "plans"],
}


@pytest.mark.parametrize(
    ("resource", "name"),
    [(resource, name) for resource, names in STRING_FILTERS.items() for name in names],
)
def test_an_empty_filter_is_refused_before_any_request(resource: str, name: str) -> None:
    """The contract allows no empty query value; filtering by "" is more likely an unset
    variable than a wish for every item."""
    recorder = Recorder()
    with (
        recorder.client() as client,
        pytest.raises(ValueError, match=re.escape(f"{name}=''")) as caught,
    ):
        getattr(client, resource).page(**{name: ""})
    assert str(caught.value) == f"{name}='' is empty: pass None (or leave it out) to not filter"
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("key", "value", "argument"),
    [
        ("created__gte", "2026-01-05", "created_gte"),
        ("created__lte", "2026-01-31T23:59:59", "created_lte"),
        ("created", "2026-01-05T00:00:00Z", "created"),
        ("search", "", "search"),
        ("ordering", "-created", "ordering"),
        ("country", "CL", "country"),
    ],
)
def test_extra_params_may_not_set_a_declared_parameter(key: str, value: str, argument: str) -> None:
    recorder = Recorder()
    with (
        recorder.client() as client,
        pytest.raises(ValueError, match="extra_params may not set") as caught,
    ):
        client.customers.page(extra_params={key: value})
    assert str(caught.value) == (
        f"extra_params may not set {key!r}; pass {argument}=... to customers.page() instead,"
        " which checks the value before sending it"
    )
    assert recorder.requests == []
