"""A local, Piriod-compatible API for trying and testing piriod without a Piriod account.

In-process, for tests (no sockets, sync or async):

    from piriod import sandbox
    from piriod.sandbox import SandboxAPI

    api = SandboxAPI(seed=7, customers=500)
    with sandbox.client(api) as client:
        print(sum(1 for _ in client.customers.list()))

Over HTTP on 127.0.0.1, from the shell (`piriod sandbox`) or from Python:

    from piriod.sandbox import SandboxAPI, SandboxServer

    with SandboxServer(SandboxAPI()) as server:
        print(server.url)
"""

from __future__ import annotations

from typing import Any

import httpx

from .._client import AsyncPiriod, Piriod
from ._api import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, SandboxReply, SandboxRequest
from ._faults import Faults
from ._server import SandboxApp, SandboxServer
from ._transport import AsyncSandboxTransport, SandboxTransport

__all__ = [
    "DEFAULT_TOKEN",
    "DEFAULT_WORKSPACE",
    "IN_PROCESS_BASE_URL",
    "AsyncSandboxTransport",
    "Faults",
    "SandboxAPI",
    "SandboxApp",
    "SandboxReply",
    "SandboxRequest",
    "SandboxServer",
    "SandboxTransport",
    "async_client",
    "client",
]

# Never resolved: in-process requests go straight to the handler.
IN_PROCESS_BASE_URL = "https://sandbox.piriod.test"


def client(api: SandboxAPI, **kwargs: Any) -> Piriod:
    """A `Piriod` wired to `api` in-process, with the sandbox's credentials."""
    kwargs.setdefault("token", api.token)
    kwargs.setdefault("workspace", api.workspace)
    kwargs.setdefault("base_url", IN_PROCESS_BASE_URL)
    piriod = Piriod(http_client=httpx.Client(transport=SandboxTransport(api)), **kwargs)
    piriod._owns_http = True  # the transport client was made here, so closing it is ours
    return piriod


def async_client(api: SandboxAPI, **kwargs: Any) -> AsyncPiriod:
    """An `AsyncPiriod` wired to `api` in-process, with the sandbox's credentials."""
    kwargs.setdefault("token", api.token)
    kwargs.setdefault("workspace", api.workspace)
    kwargs.setdefault("base_url", IN_PROCESS_BASE_URL)
    transport = AsyncSandboxTransport(api)
    piriod = AsyncPiriod(http_client=httpx.AsyncClient(transport=transport), **kwargs)
    piriod._owns_http = True  # the transport client was made here, so closing it is ours
    return piriod
