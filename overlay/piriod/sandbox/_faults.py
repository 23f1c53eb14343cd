"""Faults the sandbox injects on purpose: latency, 429, 5xx, dropped connections, bad bodies
and untrustworthy `next` links.

Each decision is drawn from a random generator seeded by the fault seed, the request itself
and how many times that same request was seen before. So a run is reproducible by seed even
when pages are fetched in parallel (arrival order does not matter), and a retried request
gets a fresh draw instead of failing forever.
"""

from __future__ import annotations

import enum
import random
import threading
from collections import Counter
from typing import Any

import attrs

__all__ = ["Fault", "FaultPlan", "Faults"]


def _rate(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name}={value!r} must be a probability between 0 and 1")


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name}={value!r} must be >= 0")


class Fault(enum.Enum):
    """What happens to one request instead of (or on top of) a normal answer."""

    NONE = "none"
    DROP = "drop"  # the connection closes without a complete answer
    RATE_LIMIT = "429"  # 429 with Retry-After
    SERVER_ERROR = "5xx"  # 500, 502 (an HTML page, as a proxy sends) or 503
    MALFORMED = "malformed"  # 200 with a body cut in the middle of its JSON


@attrs.frozen(kw_only=True)
class Faults:
    """How often each fault happens (probabilities per request) and how slow answers are."""

    latency_ms: float = attrs.field(default=0.0, validator=_non_negative)
    jitter_ms: float = attrs.field(default=0.0, validator=_non_negative)
    drop_rate: float = attrs.field(default=0.0, validator=_rate)
    rate_limit_rate: float = attrs.field(default=0.0, validator=_rate)
    server_error_rate: float = attrs.field(default=0.0, validator=_rate)
    malformed_rate: float = attrs.field(default=0.0, validator=_rate)
    # Of the pages that have a next link, how often it names another host or plain http://.
    foreign_next_rate: float = attrs.field(default=0.0, validator=_rate)
    insecure_next_rate: float = attrs.field(default=0.0, validator=_rate)
    retry_after_min: int = attrs.field(default=0, validator=_non_negative)
    retry_after_max: int = attrs.field(default=1, validator=_non_negative)
    seed: int = 0

    def __attrs_post_init__(self) -> None:
        failing = self.drop_rate + self.rate_limit_rate + self.server_error_rate
        if failing + self.malformed_rate > 1.0:
            raise ValueError("the fault rates add up to more than 1")
        if self.retry_after_min > self.retry_after_max:
            raise ValueError("retry_after_min must not exceed retry_after_max")

    @classmethod
    def transient(cls, rate: float, *, latency_ms: float = 0.0, seed: int = 0) -> Faults:
        """`rate` of requests fail in a way a retry can fix, split evenly over 429, 5xx, drops."""
        share = rate / 3
        return cls(
            drop_rate=share,
            rate_limit_rate=share,
            server_error_rate=share,
            latency_ms=latency_ms,
            seed=seed,
        )


@attrs.frozen
class Decision:
    """The faults drawn for one request."""

    fault: Fault
    delay: float
    status: int = 200
    retry_after: int = 0
    next_link: str = "normal"  # "normal", "foreign" or "insecure"


class FaultPlan:
    """Draws a `Decision` for each request; thread-safe. `served` counts what was drawn."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self.served: Counter[Fault] = Counter()
        self._seen: Counter[str] = Counter()
        self._lock = threading.Lock()

    def decide(self, request_key: str) -> Decision:
        with self._lock:
            attempt = self._seen[request_key]
            self._seen[request_key] += 1
        f = self.faults
        rng = random.Random(f"{f.seed}|{request_key}|{attempt}")  # noqa: S311 (a simulation)
        delay = (f.latency_ms + rng.uniform(0.0, f.jitter_ms)) / 1000.0
        roll = rng.random()
        link_roll = rng.random()
        next_link = "normal"
        if link_roll < f.foreign_next_rate:
            next_link = "foreign"
        elif link_roll < f.foreign_next_rate + f.insecure_next_rate:
            next_link = "insecure"
        for fault, rate in (
            (Fault.DROP, f.drop_rate),
            (Fault.RATE_LIMIT, f.rate_limit_rate),
            (Fault.SERVER_ERROR, f.server_error_rate),
            (Fault.MALFORMED, f.malformed_rate),
        ):
            if roll < rate:
                with self._lock:
                    self.served[fault] += 1
                return Decision(
                    fault,
                    delay,
                    status=rng.choice((500, 502, 503)) if fault is Fault.SERVER_ERROR else 200,
                    retry_after=rng.randint(f.retry_after_min, f.retry_after_max),
                    next_link=next_link,
                )
            roll -= rate
        return Decision(Fault.NONE, delay, next_link=next_link)
