"""Transports that check every request and response against openapi.yaml (openapi-core), so
neither the client nor the sandbox can drift from the contract unnoticed."""

from __future__ import annotations

import functools

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from conftest import SPEC_PATH

# openapi-core finds operations by the spec's server; the checks are about paths, parameters
# and bodies, so requests are checked as if sent to it whatever host they really went to.
SPEC_SERVER = "https://api.piriod.com"


@functools.cache
def contract() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPEC_PATH))


def check_exchange(request: httpx.Request, response: httpx.Response) -> None:
    """Raises if the request or the response breaks the contract."""
    headers = dict(request.headers.items())
    mock_request = MockRequest(
        SPEC_SERVER,
        request.method.lower(),
        request.url.path,
        args=dict(request.url.params.multi_items()),
        headers=headers,
    )
    contract().validate_request(mock_request)
    content_type = response.headers.get("content-type", "application/json").split(";")[0]
    mock_response = MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.headers.items()),
        content_type=content_type,
    )
    contract().validate_response(mock_request, mock_response)


class ContractCheckingTransport(httpx.BaseTransport):
    """Wraps a transport; every exchange through it is checked against the contract."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.checked = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        check_exchange(request, response)
        self.checked += 1
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncContractCheckingTransport(httpx.AsyncBaseTransport):
    """The async twin of `ContractCheckingTransport`."""

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.checked = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        check_exchange(request, response)
        self.checked += 1
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
