"""Fuzzed replies, the bounded seeded slice `make test` runs: schema-valid pages with unknown
fields and enum values always parse; any other status, body or headers yields a Page or a
PiriodError, through the sync and the async client. `make fuzz` (scripts/fuzz.py) runs the
same properties over thousands of cases; the strategies are in fuzz_replies.py."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

from conftest import TOKEN
from fuzz_replies import (
    ENDPOINTS,
    EndpointName,
    HostileReply,
    broken_pages,
    check_broken_page_typed,
    check_hostile_reply,
    check_schema_valid_page,
    hostile_replies,
    schema_valid_pages,
)

# The same examples on every run and machine (until Hypothesis or the test changes), no
# deadline (a loaded CI machine is not a bug), no database (a past failure replayed here
# would make the slice depend on what ran before).
SLICE = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

NEXT_PAGE = "https://api.piriod.com/customers/?page=2&page_size=20"
NAN = float("nan")


def page_of(*items: dict[str, Any], **fields: Any) -> bytes:
    return json.dumps(
        {"count": len(items), "next": None, "results": list(items), **fields}
    ).encode()


def item(**fields: Any) -> dict[str, Any]:
    return {"id": "cus_1", "name": "Cliente", **fields}


def reply(
    status: int, body: bytes, *headers: tuple[str, bytes], max_retries: int = 0
) -> HostileReply:
    return HostileReply("customers", status, body, headers, max_retries=max_retries)


@settings(SLICE, max_examples=100)
@given(page=schema_valid_pages("customers"))
def test_schema_valid_customer_pages_parse(page: dict[str, Any]) -> None:
    check_schema_valid_page("customers", page)


@settings(SLICE, max_examples=100)
@given(page=schema_valid_pages("products"))
def test_schema_valid_product_pages_parse(page: dict[str, Any]) -> None:
    check_schema_valid_page("products", page)


@settings(SLICE, max_examples=100)
@example({"count": 1, "next": None, "results": [{"id": ["cus_1"], "name": "A"}]})
@example({"count": 2, "results": [{"id": "c", "name": "A", "aggregations": {"sales": NAN}}]})
@given(page=broken_pages())
def test_broken_pages_hand_out_only_typed_items(page: object) -> None:
    check_broken_page_typed(page)


# The shapes the issue names, run on every `make test` whatever Hypothesis draws.
@settings(SLICE, max_examples=400)
@example(reply(200, page_of(item(contacts=5))))
@example(reply(200, page_of(item(country="CL"))))
@example(reply(200, page_of(item(created="yesterday"))))
@example(reply(200, page_of(item(aggregations=[]))))
@example(reply(200, page_of({"name": "no id"})))
@example(reply(200, page_of(count="5")))
@example(reply(200, page_of(results={"id": "cus_1"})))
@example(reply(200, b"[]"))
@example(reply(200, b"null"))
@example(reply(200, b'{"count": 3, "next": null, "results": [{"id": "cus_1", "na'))
@example(reply(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>"))
@example(reply(200, page_of(), ("content-encoding", b"gzip")))
@example(reply(200, b"<html></html>", ("content-type", b"application/json")))
@example(reply(429, b"{}", ("retry-after", b"NaN"), max_retries=1))
@example(reply(429, b"{}", ("retry-after", b"-5"), max_retries=1))
@example(reply(503, b"{}", ("retry-after", b"1e400"), max_retries=1))
@example(reply(429, b"{}", ("retry-after", b"Wed, 21 Oct 2026 07:28:00 GMT"), max_retries=1))
@example(reply(429, b"{}", ("retry-after", b"soon"), max_retries=1))
@example(reply(400, b"{}", ("content-length", b"20000000")))  # over the 16 MiB reply cap
@given(reply=hostile_replies())
def test_hostile_replies_yield_a_page_or_a_piriod_error(reply: HostileReply) -> None:
    check_hostile_reply(reply)


# What the fuzzing found (shrunk by Hypothesis), and what probing the depths it leaves out
# found, kept so each stays fixed.
REPLIES_THAT_BROKE_THE_CLIENT = [
    pytest.param(
        reply(200, b"[" * 100_000 + b"]" * 100_000),
        id="200-json-nested-past-the-recursion-limit",
    ),
    pytest.param(
        reply(500, b"[" * 100_000 + b"]" * 100_000),
        id="500-json-nested-past-the-recursion-limit",
    ),
    # Deep enough to exhaust the default recursion limit when the body is walked in Python
    # (scrubbing the token from it), shallow enough for the json decoder to accept it.
    pytest.param(
        reply(400, b"[" * 700 + b"]" * 700),
        id="400-json-nested-700-deep",
    ),
    pytest.param(
        reply(500, b"[" * 700 + b"]" * 700),
        id="500-json-nested-700-deep",
    ),
    pytest.param(
        reply(429, b"", ("retry-after", b"Mon, 00 Jan 2147483648 00:00:00 GMT")),
        id="retry-after-date-with-a-year-past-a-c-int",
    ),
    pytest.param(
        reply(200, page_of(count=TOKEN)),
        id="token-echoed-as-count-reaches-the-message",
    ),
    pytest.param(
        reply(200, page_of(item(created=TOKEN))),
        id="token-echoed-as-a-timestamp-reaches-the-message",
    ),
]


@pytest.mark.parametrize("hostile", REPLIES_THAT_BROKE_THE_CLIENT)
def test_replies_that_broke_the_client(hostile: HostileReply) -> None:
    check_hostile_reply(hostile)


# JSON integers have no size and the spec sets no maximum: the stdlib keeps them whole, and
# a client must neither round them to floats nor overflow dividing them.
@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("count", [2**64, 10**400], ids=["past-64-bits", "past-a-floats-range"])
def test_counts_past_64_bits_parse(endpoint: EndpointName, count: int) -> None:
    check_schema_valid_page(endpoint, {"count": count, "next": NEXT_PAGE, "results": []})


def test_an_id_past_64_bits_keeps_its_value() -> None:
    customer = item(state={"id": 2**64, "name": "Región"})
    check_schema_valid_page("customers", {"count": 1, "next": None, "results": [customer]})
