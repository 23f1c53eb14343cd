"""Typed items are built with Python's cyclic garbage collector paused.

A page of typed items is a few hundred to a few thousand attrs instances, each tracked by
the collector, where `json.loads` makes dicts of plain values that the collector does not
track. Built with the collector running, a page set off several collections that walked
the half-built page again and again and moved it into the older generations, so that the
full collections that follow cost more: a page of customers with 20 contacts each took
1.5x `json.loads` with the collector running and 1.0x with it paused, while the consumer
held each page as a walk does (`bench/bench.py` prints these ratios).

The pause lasts the building of one page (milliseconds), and nothing is lost: garbage made
meanwhile is collected at the next collection. Pauses from several threads nest; the last
one to end turns the collector back on, unless it was off before the first began.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["collector_paused"]

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    global _pauses, _was_enabled  # noqa: PLW0603 (one collector per process)
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
