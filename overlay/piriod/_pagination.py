"""Pages, and walking them: page numbers are computed here, never taken from the server."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Generic, TypeVar

import attrs

__all__ = ["AsyncPaginator", "Page", "Paginator"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page of a list endpoint.

    `has_next` is true only while the server says there is more *and* the page number is
    below `ceil(count / page_size)`; the server's `next` URL itself is never followed.
    """

    items: list[T]
    count: int
    page: int
    page_size: int
    has_next: bool

    @property
    def total_pages(self) -> int:
        """How many pages `count` items make at this page size."""
        return math.ceil(self.count / self.page_size)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class _Walk(Generic[T]):
    """What to request next, and what of each page to hand out, for one walk."""

    def __init__(self, *, start_page: int, max_items: int | None) -> None:
        self.next_page: int | None = None if max_items == 0 else start_page
        self._remaining = max_items

    def accept(self, page: Page[T]) -> Page[T]:
        """Takes the page just fetched; returns it (cut to max_items) and plans the next."""
        if self._remaining is not None and len(page.items) >= self._remaining:
            page = attrs.evolve(page, items=page.items[: self._remaining])
            self.next_page = None
            return page
        if self._remaining is not None:
            self._remaining -= len(page.items)
        self.next_page = page.page + 1 if page.has_next else None
        return page


class Paginator(Generic[T]):
    """Every item of a list endpoint, fetched page after page as you iterate.

    Nothing is requested until iteration starts; iterating again walks again.
    """

    def __init__(
        self,
        fetch_page: Callable[[int], Page[T]],
        *,
        start_page: int = 1,
        max_items: int | None = None,
    ) -> None:
        self._fetch_page = fetch_page
        self._start_page = start_page
        self._max_items = max_items

    def pages(self) -> Iterator[Page[T]]:
        """The pages, one request each; the last is cut so the items add up to max_items."""
        walk: _Walk[T] = _Walk(start_page=self._start_page, max_items=self._max_items)
        while walk.next_page is not None:
            yield walk.accept(self._fetch_page(walk.next_page))

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def __repr__(self) -> str:
        return f"<Paginator start_page={self._start_page} max_items={self._max_items}>"


class AsyncPaginator(Generic[T]):
    """The async twin of `Paginator`: `async for item in ...` and `async for page in .pages()`."""

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[Page[T]]],
        *,
        start_page: int = 1,
        max_items: int | None = None,
    ) -> None:
        self._fetch_page = fetch_page
        self._start_page = start_page
        self._max_items = max_items

    async def pages(self) -> AsyncIterator[Page[T]]:
        """The pages, one request each; the last is cut so the items add up to max_items."""
        walk: _Walk[T] = _Walk(start_page=self._start_page, max_items=self._max_items)
        while walk.next_page is not None:
            yield walk.accept(await self._fetch_page(walk.next_page))

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    def __repr__(self) -> str:
        return f"<AsyncPaginator start_page={self._start_page} max_items={self._max_items}>"
