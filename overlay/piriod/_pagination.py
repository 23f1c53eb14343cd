"""Pages, and walking them: page numbers are computed here, never taken from the server.

A walk fetches its first page alone (it reveals `count`), then, with `concurrency=N`, up to
N pages at once, always handing pages out in order and holding at most N + N/2 of them (see
`window_size`). When the consumer stops early (max_items reached, `break`, an exception), no
further request starts.

Fetching and parsing are two steps: a fetch (the request, with its retries) gives back a
`Reply`, and the consumer turns it into a `Page` when that page's turn comes. So the pages
waiting in a parallel walk are raw bytes, which the garbage collector never scans, and typed
items are built one page at a time. (Parsing 100 pages of 100 customers while holding the
last 8 pages of typed items cost 4.3 ms a page, against 1.9 ms holding one: the collector
kept walking the held items.)
"""

from __future__ import annotations

import array
import contextlib
import functools
import inspect
import os
import threading
import warnings
from collections import deque
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
)
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeAlias, TypeVar

import attrs
import httpx

from ._collector import collector_paused
from ._exceptions import (
    DriftWarning,
    IncompleteWalkError,
    InvalidItemError,
    InvalidItemsWarning,
    ListChangedError,
    NotFoundError,
    PiriodError,
)

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

__all__ = [
    "MAX_CONCURRENCY",
    "AsyncPaginator",
    "OnDrift",
    "OnInvalid",
    "Page",
    "Paginator",
    "Reply",
    "SeenIds",
    "WalkStopped",
    "check_concurrency",
    "check_on_drift",
    "check_on_invalid",
    "window_size",
]

T = TypeVar("T")
R = TypeVar("R")

OnDrift = Literal["warn", "raise", "ignore"]
_ON_DRIFT: tuple[OnDrift, ...] = ("warn", "raise", "ignore")
OnInvalid = Literal["raise", "skip"]
_ON_INVALID: tuple[OnInvalid, ...] = ("raise", "skip")

# More parallel requests than this only queue in the connection pool and invite 429s.
MAX_CONCURRENCY = 32


def _skipped_key(errors: tuple[InvalidItemError, ...]) -> tuple[tuple[object, ...], ...]:
    """What makes two pages' skipped items equal: each error's class, message and fields
    (exceptions themselves compare by identity, so a pickled page would differ)."""
    return tuple(
        (type(error), str(error), error.page, error.index, error.item_id, error.field)
        for error in errors
    )


@attrs.frozen(kw_only=True, repr=False)
class Page(Generic[T]):
    """One page of a list endpoint.

    `has_next` is true only while the server says there is more *and* the page number is
    below `ceil(count / page_size)`; the server's `next` URL itself is never followed.

    `request_id` is the server's `x-request-id` for the reply (None if it sent none), and
    `headers` the reply's headers: a copy without credential headers, the token scrubbed
    from every value. Neither takes part in `==`: a page equals its pickled or copied self,
    and another fetch of the same items. The repr is a summary; `items` holds the items.
    """

    items: list[T]
    count: int
    page: int
    page_size: int
    has_next: bool
    # Items left out because a value did not fit its type (only with on_invalid="skip").
    skipped: tuple[InvalidItemError, ...] = attrs.field(default=(), eq=_skipped_key)
    # Whether the server's `next` was set, whatever `count` says (walks check the two agree).
    links_next: bool = attrs.field(
        default=attrs.Factory(lambda page: page.has_next, takes_self=True)
    )
    request_id: str | None = attrs.field(default=None, eq=False)
    headers: httpx.Headers = attrs.field(factory=httpx.Headers, eq=False)

    @property
    def total_pages(self) -> int:
        """How many pages `count` items make at this page size."""
        return -(-self.count // self.page_size)  # integers: a float would overflow on huge counts

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        """`Page(page=1, page_size=20, count=250, has_next=True, items=<20 Customer: 'cus_A'
        ... 'cus_B'>, request_id='req_1')`: one line, however many items."""
        parts = [
            f"page={self.page}",
            f"page_size={self.page_size}",
            f"count={self.count}",
            f"has_next={self.has_next}",
            f"items={_summary(self.items)}",
        ]
        if self.skipped:
            parts.append(f"skipped=<{len(self.skipped)} InvalidItemError>")
        if self.request_id is not None:
            parts.append(f"request_id={self.request_id!r}")
        return f"Page({', '.join(parts)})"


def _summary(items: list[Any]) -> str:
    if not items:
        return "[]"
    kinds = sorted({type(item).__name__ for item in items})
    text = f"<{len(items)} {'/'.join(kinds)}"
    ids = [getattr(item, "id", None) for item in (items[0], items[-1])]
    if ids[0] is not None:
        text += f": {ids[0]!r}" if len(items) == 1 else f": {ids[0]!r} ... {ids[1]!r}"
    return text + ">"


# A page fetched but not parsed yet: calling it parses the reply, or raises its error.
Reply: TypeAlias = Callable[[], Page[T]]


def window_size(concurrency: int) -> int:
    """How many pages a parallel walk may have asked for and not handed out yet: the N
    requests in flight, plus half as many again of replies waiting their turn.

    Replies come in bursts, and the consumer parses them one after the other. Were there room
    for N pages only, the next request could start only once the consumer took a page, so each
    burst's parsing would hold up the requests after it: measured at concurrency 8 over
    loopback with 50 ms latency, room for N + N/2 took the median walk from 1.02 s to 0.89 s
    (room for 2N did no better).
    """
    return concurrency + (concurrency + 1) // 2


def check_on_drift(value: object) -> OnDrift:
    for choice in _ON_DRIFT:
        if value == choice:
            return choice
    raise ValueError(
        f"on_drift={value!r} is invalid: use 'warn' (the default), 'raise' or 'ignore'"
    )


def check_on_invalid(value: object) -> OnInvalid:
    for choice in _ON_INVALID:
        if value == choice:
            return choice
    raise ValueError(
        f"on_invalid={value!r} is invalid: use 'raise' (the default: an item whose values do"
        " not fit their types stops the walk) or 'skip' (leave it out, warn once, and list it"
        " in the paginator's `skipped`)"
    )


def check_concurrency(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONCURRENCY:
        raise ValueError(
            f"concurrency={value!r} is invalid: use a whole number from 1 (one page at a time,"
            f" the default) to {MAX_CONCURRENCY}"
        )
    return value


class SeenIds:
    """The ids a walk has handed out, as 64-bit hashes in one flat array (open addressing,
    linear probing): 16 to 32 bytes an item, where a `set` of the same hashes costs about 80.

    Every id of the walk is kept, so a repeat is caught however far back its first copy
    was (an unstable ordering, `ordering=country` say, can move an item from page 2 to page
    40). Two different ids share a 64-bit hash with odds of about n^2 / 2^65, one in some
    ten million for a million items; such an item would be taken for a repeat, dropped and
    reported as a change of the list, never handed out twice.
    """

    __slots__ = ("_mask", "_slots", "_used")

    def __init__(self) -> None:
        self._slots = array.array("q", bytes(8 * 1024))
        self._mask = 1023
        self._used = 0

    def __len__(self) -> int:
        return self._used

    def __contains__(self, key: object) -> bool:
        wanted = hash(key) or 1  # 0 marks an empty slot; hash() is never -1
        slots, mask = self._slots, self._mask
        index = wanted & mask
        while (found := slots[index]) != 0:
            if found == wanted:
                return True
            index = (index + 1) & mask
        return False

    def add(self, key: object) -> bool:
        """Adds `key`; False if it was there already."""
        wanted = hash(key) or 1
        slots, mask = self._slots, self._mask
        index = wanted & mask
        while (found := slots[index]) != 0:
            if found == wanted:
                return False
            index = (index + 1) & mask
        slots[index] = wanted
        self._used += 1
        if self._used * 2 > len(slots):  # at most half full: probes stay short
            self._grow()
        return True

    def _grow(self) -> None:
        old = self._slots
        self._slots = array.array("q", bytes(16 * len(old)))
        self._mask = len(self._slots) - 1
        slots, mask = self._slots, self._mask
        for wanted in old:
            if wanted:
                index = wanted & mask
                while slots[index] != 0:
                    index = (index + 1) & mask
                slots[index] = wanted


class _Walk(Generic[T]):
    """What to request next, and what of each page to hand out, for one walk.

    It also checks that the pages add up. Page numbers are planned from the page size the
    server really serves, learned from the walk's first page: a server (or a proxy, or a
    future API version) that caps pages at 50 when 100 are asked still gives every item,
    page 2 holding items 51 to 100. Then every page must hold that many items but the last,
    which holds the rest of `count`; the last page must not link a next one; and a page
    must bring something new. Anything else means items would be lost or handed out twice
    without a word, so the walk raises `IncompleteWalkError` before handing out the page
    that showed it, naming the page to resume from.
    """

    def __init__(
        self,
        *,
        start_page: int,
        max_items: int | None,
        on_drift: OnDrift,
    ) -> None:
        self.next_page: int | None = None if max_items == 0 else start_page
        self._start_page = start_page
        self.skipped: list[InvalidItemError] = []
        self._remaining = max_items
        self._on_drift = on_drift
        self._page_size: int | None = None  # what the server serves, learned from page one
        self._asked_size: int | None = None
        self._unfinished: IncompleteWalkError | None = None
        self._first_count: int | None = None
        self._last_page: Page[T] | None = None
        self._reported = False
        self._seen = SeenIds()

    def accept(self, page: Page[T]) -> Page[T]:
        """Takes the page just fetched; returns it without repeats (cut to max_items) and
        plans the next request. Raises `IncompleteWalkError` if the pages do not add up."""
        self._check_not_repeated(page)
        page = self._check_size(page)
        if self._first_count is None:
            self._first_count = page.count
        self._last_page = page
        items, skipped, repeats = self._drop_repeats(page)
        self._check_nothing_missed(page, repeats=repeats)
        for error in page.skipped:
            error.page = page.page
        self.skipped.extend(skipped)
        if page.count != self._first_count or repeats:
            self._drift(page, repeats=repeats)
        if len(items) != len(page.items):
            page = attrs.evolve(page, items=items)
        if self._remaining is not None and len(page.items) >= self._remaining:
            self.next_page = None
            return attrs.evolve(page, items=page.items[: self._remaining])
        if self._remaining is not None:
            self._remaining -= len(page.items)
        self.next_page = page.page + 1 if page.has_next else None
        if self.next_page is None and page.page < page.total_pages:
            # This page's items are sound: they are handed out, then the walk raises.
            self._unfinished = self._incomplete(
                f"page {page.page} is the last the server links, but count={page.count}"
                f" makes {page.total_pages} pages of {page.page_size}",
                page.page + 1,
            )
        return page

    def name_page_size(self, error: PiriodError) -> None:
        """An error of a walk whose server serves another page size than was asked names
        that size: resuming with it makes the server's pages start where this walk's did."""
        if self._page_size is not None and self._page_size != self._asked_size:
            error.page_size = self._page_size

    def check_finished(self) -> None:
        """Called when the walk has run out of pages: raises if the pages said it should not
        have."""
        if self._unfinished is not None:
            raise self._unfinished

    def _check_size(self, page: Page[T]) -> Page[T]:
        """The page, with the page size the server serves and `has_next` planned from it."""
        served = len(page.items) + len(page.skipped)
        if self._page_size is None:
            self._asked_size = page.page_size
            before = (page.page - 1) * page.page_size
            if (served < page.page_size and served > 0 and page.links_next) or (
                served > page.page_size
            ):
                # The server serves another size than asked: fewer (and says there is
                # more), or more (ignoring page_size).
                self._page_size = served
            else:
                self._page_size = page.page_size
            if served == 0 and page.links_next and page.count > before:
                raise self._incomplete(
                    f"page {page.page} is empty, but count={page.count} and the server"
                    " links a next page",
                    page.page,
                )
            first = True
        else:
            first = False
        size = self._page_size
        total_pages = -(-page.count // size)
        expected = max(0, min(size, page.count - (page.page - 1) * size))
        # The first page may hold more than `count` promises (a server ignoring page_size
        # gives everything at once); a later page that holds more than its share means
        # an earlier page was short of its own.
        if served < expected or (served > expected and not first):
            raise self._incomplete(
                f"page {page.page} holds {served} items where count={page.count} and pages of"
                f" {size} promise {expected}",
                page.page,
            )
        if page.links_next and page.page >= total_pages:
            raise self._incomplete(
                f"page {page.page} is the last of count={page.count} in pages of {size}, yet"
                " the server links a next page",
                page.page,
            )
        has_next = page.links_next and page.page < total_pages
        if size == page.page_size and has_next == page.has_next:
            return page
        return attrs.evolve(page, page_size=size, has_next=has_next)

    def _incomplete(self, evidence: str, resume_page: int) -> IncompleteWalkError:
        self.next_page = None
        return IncompleteWalkError(
            f"the pages do not add up ({evidence}): items would be lost or repeated, so the"
            " walk stops here. This happens when a proxy or cache ignores the page number,"
            " or the list changed mid-walk; walk again later, or resume from this page.",
            evidence=evidence,
            page=resume_page,
        )

    def last_page_worth_fetching(self) -> int:
        """The highest page number this walk can still need, judging by the latest page:
        never past `ceil(count / page_size)`, nor past what max_items still asks for."""
        page = self._last_page
        if page is None or self.next_page is None:
            return 0
        last = page.total_pages
        if self._remaining is not None:
            last = min(last, page.page - (-self._remaining // page.page_size))
        return last

    def ended_early(self, number: int, count_now: int) -> None:
        """Page `number` answered 404 although the page before it promised more. `count_now`
        is the count the server gives when asked again (page one): if it no longer promises
        page `number`, the list shrank during the walk, which ends it with a change worth
        reporting; if it still does, the server refuses a page it says it has, and the walk
        raises (whatever `on_drift`: this is no change of the list)."""
        self.next_page = None
        before = self._first_count if self._first_count is not None else count_now
        served = (number - 1) * (self._page_size or 0)
        if count_now > served:
            raise self._incomplete(
                f"page {number} answered 404, yet count={count_now} (asked again) still"
                f" promises it",
                number,
            )
        self._report(
            f"count {before} -> {count_now}, page {number} no longer exists",
            number,
            before=before,
            now=count_now,
        )

    def finished(self) -> None:
        """The walk ended (or its consumer stopped): says once how many items were skipped."""
        if self.skipped:
            ids = ", ".join(_named(error) for error in self.skipped[:5])
            more = f" and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
            warnings.warn(
                f"{len(self.skipped)} item{'s' if len(self.skipped) != 1 else ''} skipped"
                f" because a value did not fit its type (on_invalid='skip'): {ids}{more};"
                " the paginator's `skipped` lists each with its field",
                InvalidItemsWarning,
                stacklevel=_outside_the_package(),  # pragma: no mutate (see _outside_the_package)
            )

    def _drop_repeats(self, page: Page[T]) -> tuple[list[T], list[InvalidItemError], int]:
        """The page's items and skipped items not seen before in this walk, and how many of
        either were: a skipped item that comes back is a repeat like any other."""
        fresh: list[T] = []
        repeats = 0
        for item in page.items:
            item_id = getattr(item, "id", None)
            if item_id is None or self._seen.add(item_id):
                fresh.append(item)
            else:
                repeats += 1
        fresh_skipped: list[InvalidItemError] = []
        for error in page.skipped:
            if error.item_id is None or self._seen.add(error.item_id):
                fresh_skipped.append(error)
            else:
                repeats += 1
        return fresh, fresh_skipped, repeats

    def _check_nothing_missed(self, page: Page[T], *, repeats: int) -> None:
        """Items handed out before, back on a later page while `count` holds steady, took
        the places of as many items this walk will never see: with nothing saying the list
        changed, that is a lost export, not drift (unless the walk ignores drift)."""
        if repeats and page.count == self._first_count and self._on_drift != "ignore":
            raise self._incomplete(
                f"page {page.page} brings back {repeats} item{'s' if repeats != 1 else ''}"
                f" already handed out while count={page.count} has not changed, so as many"
                " others were missed",
                self._start_page,
            )

    def _check_not_repeated(self, page: Page[T]) -> None:
        """A page made only of items already handed out means the server is not paging: a
        cache or proxy that ignores `page` would otherwise make the walk repeat itself."""
        page_ids = [getattr(item, "id", None) for item in page.items]
        page_ids.extend(error.item_id for error in page.skipped)
        known = [item_id for item_id in page_ids if item_id is not None]
        if len(set(known)) != len(known):
            # An item twice on one page: no change to the list can explain it.
            raise self._incomplete(
                f"page {page.page} lists the same item twice: a server never does", page.page
            )
        if known and all(item_id in self._seen for item_id in known):
            raise self._incomplete(
                f"page {page.page} holds only items already handed out: the server is not"
                " paging (a cache or proxy that ignores `page`?)",
                page.page,
            )

    def _drift(self, page: Page[T], *, repeats: int) -> None:
        # Repeats while the count holds have stopped the walk already (_check_nothing_missed),
        # or the walk ignores drift: a drift reported here always moved the count.
        before = self._first_count if self._first_count is not None else page.count
        what = f"count {before} -> {page.count}"
        if repeats:
            what += f", {repeats} repeated item{'s' if repeats != 1 else ''} dropped"
        self._report(f"{what}, at page {page.page}", page.page, before=before, now=page.count)

    def _report(self, what: str, page_number: int, *, before: int, now: int) -> None:
        if self._on_drift == "ignore" or self._reported:
            return
        self._reported = True
        message = (
            f"the list changed during the walk ({what}): repeats are dropped, but items may"
            " have been missed. Walk with ordering='created' for the steadiest walk, or pass"
            " on_drift='raise' to stop at the first change."
        )
        if self._on_drift == "raise":
            error = ListChangedError(message, count_before=before, count_now=now)
            error.page = page_number
            raise error
        # Where it points is checked outside mutation runs only (see _outside_the_package).
        warnings.warn(message, DriftWarning, stacklevel=_outside_the_package())  # pragma: no mutate


def _named(error: InvalidItemError) -> str:
    """A skipped item as a warning names it: its id, or where it was if it had none."""
    if error.item_id is not None:
        return error.item_id
    return f"item {error.index} of page {error.page}"


_PACKAGE_FOLDER = os.path.dirname(__file__) + os.sep


def _outside_the_package() -> int:  # pragma: no mutate block
    """The `stacklevel` that points a warning at the user's line: its caller's first caller
    outside this package. A fixed number would be right for one path only: a walk warns from
    deeper in `for item in paginator` than in `for page in paginator.pages()`, and deeper
    still when async.

    Left out of mutation testing: mutmut calls every function through a frame of its own
    module, so under it no warning can point at the user's line. The tests that check where
    warnings point run in every ordinary test run."""
    frame = inspect.currentframe()
    level = 0  # this function's own frame; the function that warns is level 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_FOLDER):
        frame = frame.f_back
        level += 1
    return level


@contextlib.contextmanager
def _naming_page(number: int) -> Iterator[None]:
    """Errors raised inside name the page they struck, to resume from with `start_page`."""
    try:
        yield
    except PiriodError as error:
        error.page = number
        raise


def _parse(number: int, reply: Reply[T]) -> Page[T]:
    with _naming_page(number), collector_paused():
        return reply()


class WalkStopped(Exception):  # noqa: N818 (not an error: the walk's consumer has gone)
    """Raised in a worker that was about to send a request (or retry one) after the walk
    stopped: no request of a walk is sent once it has raised or its consumer has gone."""


class _Workers:
    """N daemon threads sending a walk's page requests.

    Not a ThreadPoolExecutor: the interpreter waits at exit for its threads to finish their
    request, so Ctrl-C during a parallel walk against a slow server took a whole read timeout
    to exit. These threads are daemons; once the walk stops, none starts a request again
    (the walk's `stopped` event), and each ends after at most the one it is reading.
    """

    def __init__(self, size: int) -> None:
        import queue  # noqa: PLC0415 (only parallel walks need it)

        self._size = size
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None]
        self._jobs = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def submit(self, job: Callable[[], R]) -> Future[R]:
        from concurrent.futures import Future  # noqa: PLC0415 (only parallel walks need it)

        future: Future[R] = Future()
        self._jobs.put((future, job))
        if len(self._threads) < self._size:
            thread = threading.Thread(
                target=self._work, name=f"piriod-page-{len(self._threads)}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return future

    def _work(self) -> None:
        while (task := self._jobs.get()) is not None:
            future, job = task
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = job()
            except BaseException as error:  # handed to the consumer as it is
                future.set_exception(error)
            else:
                future.set_result(result)

    def shutdown(self) -> None:
        """Each thread ends once it has finished the job in hand (if any)."""
        for _ in self._threads:
            self._jobs.put(None)


class _PaginatorBase(Generic[T]):
    """What the sync and async paginators share: their settings, the walk each iteration
    starts, and the items the latest walk skipped."""

    def __init__(
        self, start_page: int, max_items: int | None, on_drift: OnDrift, concurrency: int
    ) -> None:
        self._start_page = start_page
        self._max_items = max_items
        self._on_drift = on_drift
        self._concurrency = concurrency
        self._skipped: list[InvalidItemError] = []

    @property
    def skipped(self) -> list[InvalidItemError]:
        """The items the latest walk skipped (on_invalid="skip"), each an error naming the
        page, the item's index and id, and the field whose value did not fit."""
        return list(self._skipped)

    @property
    def skipped_ids(self) -> list[str | None]:
        """The ids of the items the latest walk skipped (None where the id itself was bad)."""
        return [error.item_id for error in self._skipped]

    def _new_walk(self) -> _Walk[T]:
        walk: _Walk[T] = _Walk(
            start_page=self._start_page, max_items=self._max_items, on_drift=self._on_drift
        )
        self._skipped = walk.skipped
        return walk

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} start_page={self._start_page}"
            f" max_items={self._max_items} concurrency={self._concurrency}>"
        )


class Paginator(_PaginatorBase[T]):
    """Every item of a list endpoint, fetched page after page as you iterate.

    Nothing is requested until iteration starts; iterating again walks again. An error
    names the page it struck (`error.page`), to resume from with `start_page`. With
    `on_invalid="skip"`, `skipped` lists the items the latest walk left out.
    """

    def __init__(
        self,
        fetch_page: Callable[[int, threading.Event | None], Reply[T]],
        *,
        start_page: int = 1,
        max_items: int | None = None,
        on_drift: OnDrift = "warn",
        concurrency: int = 1,
    ) -> None:
        super().__init__(start_page, max_items, on_drift, concurrency)
        self._fetch_page = fetch_page

    def pages(self) -> Generator[Page[T], None, None]:
        """The pages in order; the last is cut so the items add up to max_items. Closing the
        generator stops the walk (nothing more is requested)."""
        walk = self._new_walk()
        first = walk.next_page
        if first is None:  # max_items=0
            return
        try:
            yield from self._walk(walk, first)
        except PiriodError as error:
            walk.name_page_size(error)
            raise
        finally:
            walk.finished()

    def _walk(self, walk: _Walk[T], first: int) -> Iterator[Page[T]]:
        yield walk.accept(self._fetch(first))
        if self._concurrency == 1:
            while walk.next_page is not None:
                number = walk.next_page
                try:
                    page = self._fetch(number)
                except NotFoundError:
                    walk.ended_early(number, self._count_after_404(number))
                    return
                yield walk.accept(page)
        else:
            yield from self._parallel(walk)
        walk.check_finished()

    def _fetch(self, number: int) -> Page[T]:
        return _parse(number, self._send(number, None))

    def _count_after_404(self, number: int) -> int:
        """The count page 1 gives now, asked after page `number` answered 404. A failure
        asking names page `number`: the walk is to go on from there, not from page 1."""
        with _naming_page(number):
            return self._fetch(1).count

    def _send(self, number: int, stopped: threading.Event | None) -> Reply[T]:
        with _naming_page(number):
            return self._fetch_page(number, stopped)

    def _parallel(self, walk: _Walk[T]) -> Iterator[Page[T]]:
        next_number = walk.next_page
        if next_number is None:  # the first page was the whole walk
            return
        stopped = threading.Event()

        def send(number: int) -> Reply[T]:
            if stopped.is_set():
                raise WalkStopped
            return self._send(number, stopped)

        # N threads: at most N requests in flight, however many pages the window holds.
        workers = _Workers(self._concurrency)
        room = window_size(self._concurrency)
        window: deque[tuple[int, Future[Reply[T]]]] = deque()
        try:
            while walk.next_page is not None:
                last = walk.last_page_worth_fetching()
                while len(window) < room and next_number <= last:
                    window.append(
                        (next_number, workers.submit(functools.partial(send, next_number)))
                    )
                    next_number += 1
                if not window:
                    return
                number, future = window.popleft()
                try:
                    page = _parse(number, future.result())
                except NotFoundError:
                    walk.ended_early(number, self._count_after_404(number))
                    return
                yield walk.accept(page)
        finally:
            stopped.set()
            for _, pending in window:
                pending.cancel()
            workers.shutdown()

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items


class AsyncPaginator(_PaginatorBase[T]):
    """The async twin of `Paginator`: `async for item in ...` and `async for page in .pages()`."""

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[Reply[T]]],
        *,
        start_page: int = 1,
        max_items: int | None = None,
        on_drift: OnDrift = "warn",
        concurrency: int = 1,
        resource: str = "customers",
    ) -> None:
        super().__init__(start_page, max_items, on_drift, concurrency)
        self._fetch_page = fetch_page
        self._resource = resource  # for the advice when the walk is awaited

    if not TYPE_CHECKING:  # at run time only: type checkers still flag `await ....list()`

        def __await__(self):
            resource = self._resource
            raise TypeError(
                f"client.{resource}.list() is not awaitable: it is a lazy walk, which sends"
                " nothing until you iterate it. Iterate it with `async for item in"
                f" client.{resource}.list(...)`, collect it with `[item async for item in"
                f" client.{resource}.list(...)]`, or fetch one page with `page = await"
                f" client.{resource}.page(...)`"
            )

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """The pages in order; the last is cut so the items add up to max_items."""
        walk = self._new_walk()
        first = walk.next_page
        if first is None:  # max_items=0
            return
        try:
            async with contextlib.aclosing(self._walk(walk, first)) as pages:
                async for page in pages:
                    yield page
        except PiriodError as error:
            walk.name_page_size(error)
            raise
        finally:
            walk.finished()

    async def _walk(self, walk: _Walk[T], first: int) -> AsyncGenerator[Page[T], None]:
        yield walk.accept(await self._fetch(first))
        if self._concurrency == 1:
            while walk.next_page is not None:
                number = walk.next_page
                try:
                    page = await self._fetch(number)
                except NotFoundError:
                    walk.ended_early(number, await self._count_after_404(number))
                    return
                yield walk.accept(page)
        else:
            # Closing this walk must close the parallel one at once (its finally cancels tasks
            # not yet started); `async for` alone would leave it to the garbage collector.
            async with contextlib.aclosing(self._parallel(walk)) as parallel:
                async for page in parallel:
                    yield page
        walk.check_finished()

    async def _fetch(self, number: int) -> Page[T]:
        return _parse(number, await self._send(number))

    async def _count_after_404(self, number: int) -> int:
        """The count page 1 gives now (see Paginator._count_after_404)."""
        with _naming_page(number):
            return (await self._fetch(1)).count

    async def _send(self, number: int) -> Reply[T]:
        with _naming_page(number):
            return await self._fetch_page(number)

    async def _parallel(self, walk: _Walk[T]) -> AsyncGenerator[Page[T], None]:
        # asyncio tasks: the parallel async walk needs an asyncio event loop. Imported here,
        # as asyncio is a fifth of `import httpx` and sync users never need it.
        import asyncio  # noqa: PLC0415

        next_number = walk.next_page
        if next_number is None:  # the first page was the whole walk
            return
        in_flight = asyncio.Semaphore(self._concurrency)

        async def send(number: int) -> Reply[T]:
            async with in_flight:
                return await self._send(number)

        room = window_size(self._concurrency)
        window: deque[tuple[int, asyncio.Task[Reply[T]]]] = deque()
        try:
            while walk.next_page is not None:
                last = walk.last_page_worth_fetching()
                while len(window) < room and next_number <= last:
                    task = asyncio.ensure_future(send(next_number))
                    window.append((next_number, task))
                    next_number += 1
                if not window:
                    return
                number, task = window.popleft()
                try:
                    page = _parse(number, await task)
                except NotFoundError:
                    walk.ended_early(number, await self._count_after_404(number))
                    return
                yield walk.accept(page)
        finally:
            for _, pending in window:
                pending.cancel()
            # Wait for the cancelled tasks to end: once the walk is closed, none of its
            # requests is still running (and what they raise is collected, not reported).
            await asyncio.gather(*(pending for _, pending in window), return_exceptions=True)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item
