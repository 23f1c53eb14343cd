"""Run the same test against `Piriod` and `AsyncPiriod`: a driver hides the await."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Literal

import httpx

from piriod import AsyncPiriod, Page, Piriod

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")

Handler = Callable[[httpx.Request], httpx.Response]


class Driver:
    """Lists, pages and walks through one of the two clients, returning plain results."""

    def __init__(self, mode: Mode, handler: Handler, **client_kwargs: Any) -> None:
        self.mode = mode
        self.handler = handler
        client_kwargs.setdefault("token", "sk_test_0123456789abcdef")
        client_kwargs.setdefault("workspace", "acc_test_workspace")
        client_kwargs.setdefault("base_url", "https://api.piriod.test")
        self.client_kwargs = client_kwargs

    def _sync(self) -> Piriod:
        http = httpx.Client(transport=httpx.MockTransport(self.handler))
        return Piriod(http_client=http, **self.client_kwargs)

    def _async(self) -> AsyncPiriod:
        http = httpx.AsyncClient(transport=httpx.MockTransport(self.handler))
        return AsyncPiriod(http_client=http, **self.client_kwargs)

    def items(self, resource: str = "customers", **kwargs: Any) -> list[Any]:
        if self.mode == "sync":
            with self._sync() as client:
                return list(getattr(client, resource).list(**kwargs))

        async def run() -> list[Any]:
            async with self._async() as client:
                return [item async for item in getattr(client, resource).list(**kwargs)]

        return asyncio.run(run())

    def pages(self, resource: str = "customers", **kwargs: Any) -> list[Page[Any]]:
        if self.mode == "sync":
            with self._sync() as client:
                return list(getattr(client, resource).list(**kwargs).pages())

        async def run() -> list[Page[Any]]:
            async with self._async() as client:
                return [page async for page in getattr(client, resource).list(**kwargs).pages()]

        return asyncio.run(run())

    def page(self, resource: str = "customers", **kwargs: Any) -> Page[Any]:
        if self.mode == "sync":
            with self._sync() as client:
                result: Page[Any] = getattr(client, resource).page(**kwargs)
                return result

        async def run() -> Page[Any]:
            async with self._async() as client:
                result: Page[Any] = await getattr(client, resource).page(**kwargs)
                return result

        return asyncio.run(run())
