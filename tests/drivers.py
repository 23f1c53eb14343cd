"""Run the same test against `Piriod` and `AsyncPiriod`: a driver hides the await."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Literal

import httpx

from piriod import AsyncPiriod, Page, Piriod

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")

Handler = Callable[[httpx.Request], httpx.Response]


class Driver:
    """Lists, pages and walks through one of the two clients, returning plain results.

    With a handler, requests go to it through an httpx mock transport; with None, over
    the network to `base_url`. The driver closes whatever it opens.
    """

    def __init__(self, mode: Mode, handler: Handler | None, **client_kwargs: Any) -> None:
        self.mode = mode
        self.handler = handler
        client_kwargs.setdefault("token", "sk_test_0123456789abcdef")
        client_kwargs.setdefault("workspace", "acc_test_workspace")
        client_kwargs.setdefault("base_url", "https://api.piriod.test")
        self.client_kwargs = client_kwargs

    @contextlib.contextmanager
    def _sync(self) -> Iterator[Piriod]:
        transport = httpx.MockTransport(self.handler) if self.handler else None
        with (
            httpx.Client(transport=transport) as http,
            Piriod(http_client=http, **self.client_kwargs) as client,
        ):
            yield client

    @contextlib.asynccontextmanager
    async def _async(self) -> AsyncIterator[AsyncPiriod]:
        transport = httpx.MockTransport(self.handler) if self.handler else None
        async with (
            httpx.AsyncClient(transport=transport) as http,
            AsyncPiriod(http_client=http, **self.client_kwargs) as client,
        ):
            yield client

    def collect(self, into: list[Any], resource: str = "customers", **kwargs: Any) -> None:
        """Appends every item to `into` as it arrives, so a walk that fails keeps its start."""
        if self.mode == "sync":
            with self._sync() as client:
                into.extend(getattr(client, resource).list(**kwargs))
            return

        async def run() -> None:
            async with self._async() as client:
                async for item in getattr(client, resource).list(**kwargs):
                    into.append(item)

        asyncio.run(run())

    def items(self, resource: str = "customers", **kwargs: Any) -> list[Any]:
        collected: list[Any] = []
        self.collect(collected, resource, **kwargs)
        return collected

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
