"""The sandbox in-process: httpx transports that hand each request straight to the handler.
Latency and dropped connections behave as over a network, without sockets."""

from __future__ import annotations

import time

import anyio
import httpx

from ._api import SandboxAPI, SandboxReply, SandboxRequest

__all__ = ["AsyncSandboxTransport", "SandboxTransport"]


def to_sandbox_request(request: httpx.Request) -> SandboxRequest:
    url = request.url
    return SandboxRequest(
        method=request.method,
        path=url.path,
        query=list(url.params.multi_items()),
        headers={name.lower(): value for name, value in request.headers.items()},
        origin=f"{url.scheme}://{url.netloc.decode('ascii')}",
    )


def to_httpx_response(request: httpx.Request, reply: SandboxReply) -> httpx.Response:
    if reply.drop:
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a complete response.", request=request
        )
    return httpx.Response(reply.status, headers=list(reply.headers), content=reply.body)


class SandboxTransport(httpx.BaseTransport):
    """`httpx.Client(transport=SandboxTransport(api))`: the sandbox with no server."""

    def __init__(self, api: SandboxAPI) -> None:
        self.api = api

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        reply = self.api.handle(to_sandbox_request(request))
        if reply.delay:
            time.sleep(reply.delay)
        return to_httpx_response(request, reply)


class AsyncSandboxTransport(httpx.AsyncBaseTransport):
    """`httpx.AsyncClient(transport=AsyncSandboxTransport(api))`: the async twin."""

    def __init__(self, api: SandboxAPI) -> None:
        self.api = api

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        reply = self.api.handle(to_sandbox_request(request))
        if reply.delay:
            await anyio.sleep(reply.delay)
        return to_httpx_response(request, reply)
