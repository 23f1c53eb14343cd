"""When to try a request again, and how long to wait first.

Retried: connection errors, timeouts, 429 and 5xx; never another 4xx, never a 2xx whose body
is bad. Waits are exponential backoff with full jitter, or what `Retry-After` asks (seconds
or an HTTP date) up to a cap; past the cap a 429 raises `RateLimitError` at once, carrying
`retry_after`, instead of sleeping for minutes. A 429 also pauses every request of the
client until its Retry-After has passed, so parallel workers back off together; a call
whose timeout is shorter than the pause left raises `RateLimitError` at once instead of
waiting past its own time.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import threading
import time
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_MAX_RETRIES", "RetryPolicy", "SharedPause", "parse_retry_after"]

DEFAULT_MAX_RETRIES = 2
# Longest Retry-After honoured by sleeping; the API's own throttle messages speak of seconds.
DEFAULT_MAX_RETRY_AFTER = 60.0


def parse_retry_after(value: str | None, *, now: datetime.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or HTTP-date); None if absent
    or unreadable. A date in the past means no wait."""
    if value is None:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):  # e.g. the year 2147483648
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        current = now or datetime.datetime.now(datetime.UTC)
        seconds = (when - current).total_seconds()
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


def is_retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How many times to retry and how long to wait between tries."""

    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_base: float = 0.5  # the first wait is up to this; each retry doubles it
    backoff_max: float = 8.0
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER

    def backoff(self, retry: int) -> float:
        """Full jitter: a uniform wait up to base * 2**(retry - 1), capped."""
        ceiling = min(self.backoff_max, self.backoff_base * 2 ** (retry - 1))
        return random.uniform(0.0, ceiling)  # noqa: S311 (spreading load, not secrecy)

    def wait_before(self, retry: int, retry_after: float | None) -> float:
        """The wait before retry number `retry` (1, 2, ...); Retry-After wins when given."""
        if retry_after is not None:
            return retry_after
        return self.backoff(retry)


def check_max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries={value!r} is invalid: use a whole number >= 0 (0: no retry)")
    return value


class SharedPause:
    """A deadline shared by every request of one client: after a 429, nobody sends until the
    server's Retry-After has passed. Thread-safe; the async client reads it from one loop.

    The 429 that set the pause is kept: a call that may not wait that long (the pause is
    longer than its timeout) raises `RateLimitError` with it at once instead."""

    def __init__(self) -> None:
        self._until = 0.0
        self._cause: httpx.Response | None = None
        self._lock = threading.Lock()

    def extend(self, seconds: float, cause: httpx.Response) -> None:
        with self._lock:
            until = time.monotonic() + seconds
            if until > self._until:
                self._until = until
                self._cause = cause

    def current(self) -> tuple[float, httpx.Response | None]:
        """The pause left, in seconds, and the 429 that set it."""
        with self._lock:
            return max(0.0, self._until - time.monotonic()), self._cause
