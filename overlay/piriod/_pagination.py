"""Pages, and walking them: page numbers are computed here, never taken from the server."""

from __future__ import annotations

import math
import warnings
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Generic, Literal, TypeVar

import attrs

from ._exceptions import DriftWarning, ListChangedError, PiriodError

__all__ = ["RECENT_PAGES", "AsyncPaginator", "OnDrift", "Page", "Paginator", "check_on_drift"]

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


OnDrift = Literal["warn", "raise", "ignore"]
_ON_DRIFT: tuple[OnDrift, ...] = ("warn", "raise", "ignore")

# Duplicates are looked for among the ids of this many recent pages: an insertion ahead of
# the walk shifts items by less than that unless the list grows by 5 pages mid-walk, and
# the memory stays flat however long the walk is.
RECENT_PAGES = 5


def check_on_drift(value: object) -> OnDrift:
    for choice in _ON_DRIFT:
        if value == choice:
            return choice
    raise ValueError(
        f"on_drift={value!r} is invalid: use 'warn' (the default), 'raise' or 'ignore'"
    )


class _Walk(Generic[T]):
    """What to request next, and what of each page to hand out, for one walk."""

    def __init__(self, *, start_page: int, max_items: int | None, on_drift: OnDrift) -> None:
        self.next_page: int | None = None if max_items == 0 else start_page
        self._remaining = max_items
        self._on_drift = on_drift
        self._first_count: int | None = None
        self._reported = False
        self._recent_ids: deque[set[object]] = deque(maxlen=RECENT_PAGES)

    def accept(self, page: Page[T]) -> Page[T]:
        """Takes the page just fetched; returns it without repeats (cut to max_items) and
        plans the next request."""
        if self._first_count is None:
            self._first_count = page.count
        items = self._drop_repeats(page)
        if page.count != self._first_count or len(items) != len(page.items):
            self._drift(page, repeats=len(page.items) - len(items))
        if len(items) != len(page.items):
            page = attrs.evolve(page, items=items)
        if self._remaining is not None and len(page.items) >= self._remaining:
            self.next_page = None
            return attrs.evolve(page, items=page.items[: self._remaining])
        if self._remaining is not None:
            self._remaining -= len(page.items)
        self.next_page = page.page + 1 if page.has_next else None
        return page

    def _drop_repeats(self, page: Page[T]) -> list[T]:
        fresh: list[T] = []
        ids: set[object] = set()
        for item in page.items:
            item_id = getattr(item, "id", None)
            if item_id is not None and (
                item_id in ids or any(item_id in seen for seen in self._recent_ids)
            ):
                continue
            ids.add(item_id)
            fresh.append(item)
        self._recent_ids.append(ids)
        return fresh

    def _drift(self, page: Page[T], *, repeats: int) -> None:
        if self._on_drift == "ignore" or self._reported:
            return
        self._reported = True
        before = self._first_count if self._first_count is not None else page.count
        what = f"count {before} -> {page.count}" if page.count != before else "order changed"
        if repeats:
            what += f", {repeats} repeated item{'s' if repeats != 1 else ''} dropped"
        message = (
            f"the list changed during the walk ({what}, at page {page.page}): repeats are"
            " dropped, but items may have been missed. Walk with ordering='created' for the"
            " steadiest walk, or pass on_drift='raise' to stop at the first change."
        )
        if self._on_drift == "raise":
            raise ListChangedError(message, count_before=before, count_now=page.count)
        warnings.warn(message, DriftWarning, stacklevel=4)


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
        on_drift: OnDrift = "warn",
    ) -> None:
        self._fetch_page = fetch_page
        self._start_page = start_page
        self._max_items = max_items
        self._on_drift = on_drift

    def pages(self) -> Iterator[Page[T]]:
        """The pages, one request each; the last is cut so the items add up to max_items.

        An error names the page it struck (`error.page`), to resume from with `start_page`.
        """
        walk: _Walk[T] = _Walk(
            start_page=self._start_page, max_items=self._max_items, on_drift=self._on_drift
        )
        while walk.next_page is not None:
            number = walk.next_page
            try:
                page = walk.accept(self._fetch_page(number))
            except PiriodError as error:
                error.page = number
                raise
            yield page

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
        on_drift: OnDrift = "warn",
    ) -> None:
        self._fetch_page = fetch_page
        self._start_page = start_page
        self._max_items = max_items
        self._on_drift = on_drift

    async def pages(self) -> AsyncIterator[Page[T]]:
        """The pages, one request each; the last is cut so the items add up to max_items.

        An error names the page it struck (`error.page`), to resume from with `start_page`.
        """
        walk: _Walk[T] = _Walk(
            start_page=self._start_page, max_items=self._max_items, on_drift=self._on_drift
        )
        while walk.next_page is not None:
            number = walk.next_page
            try:
                page = walk.accept(await self._fetch_page(number))
            except PiriodError as error:
                error.page = number
                raise
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    def __repr__(self) -> str:
        return f"<AsyncPaginator start_page={self._start_page} max_items={self._max_items}>"
