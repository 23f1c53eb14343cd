"""Client configuration: arguments, environment, base URL and timeout checks, repr and close."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from piriod import ConfigurationError, Piriod

from conftest import TOKEN, WORKSPACE, FakeAPI


@pytest.mark.parametrize(
    ("base_url", "words"),
    [
        ("http://api.piriod.com", "plain http://"),
        ("ftp://api.piriod.com", "absolute http"),
        ("api.piriod.com", "absolute http"),
        ("https://api.piriod.com/?page=2", "query"),
    ],
)
def test_bad_base_urls_are_refused(base_url: str, words: str) -> None:
    with pytest.raises(ConfigurationError, match=words):
        Piriod(token=TOKEN, workspace=WORKSPACE, base_url=base_url)


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:8000", "http://localhost:9", "http://[::1]:8000"]
)
def test_plain_http_is_allowed_on_loopback(base_url: str) -> None:
    with Piriod(token=TOKEN, workspace=WORKSPACE, base_url=base_url) as client:
        assert client.base_url == base_url


def test_a_bad_test_mode_variable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIRIOD_TEST_MODE", "maybe")
    with pytest.raises(ConfigurationError, match="PIRIOD_TEST_MODE='maybe'"):
        Piriod(token=TOKEN, workspace=WORKSPACE)


@pytest.mark.parametrize("timeout", [None, 0, -1, httpx.Timeout(None)])
def test_timeouts_cannot_be_switched_off(timeout: Any) -> None:
    with pytest.raises(ConfigurationError, match="hang forever"):
        Piriod(token=TOKEN, workspace=WORKSPACE, timeout=timeout)


def test_timeouts_are_on_by_default() -> None:
    api = FakeAPI(1)
    seen: list[dict[str, float | None]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return api(request)

    http = httpx.Client(transport=httpx.MockTransport(record))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http) as client:
        list(client.customers.list())
    http.close()
    assert seen[0] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


def test_the_token_is_in_no_repr() -> None:
    with Piriod(token=TOKEN, workspace=WORKSPACE) as client:
        assert TOKEN not in repr(client)
        assert TOKEN not in repr(client._config)
        assert TOKEN not in str(client._config)
        assert TOKEN not in repr(client._api)


def test_close_leaves_a_callers_http_client_open() -> None:
    http = httpx.Client(transport=httpx.MockTransport(FakeAPI(1)))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http):
        pass
    assert not http.is_closed
    http.close()


def test_close_closes_its_own_connection_pool() -> None:
    client = Piriod(token=TOKEN, workspace=WORKSPACE)
    client.close()
    assert client._api.get_httpx_client().is_closed
