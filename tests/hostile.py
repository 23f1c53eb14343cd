"""A list API on 127.0.0.1 that misbehaves on purpose, for tests of what walks promise.

`HostileAPI` serves `count` customers like the real API, except for what a test changes:
the page size it really serves, the page it answers with, the count and `next` it reports,
delays and statuses per page. It records every request it sees, with the time it arrived.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from conftest import make_customer


class HostileAPI:
    """GET /customers/ over real HTTP, with knobs for each way a server can break a walk."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.cap: int | None = None  # serve at most this many items a page, whatever is asked
        self.answer_page: Callable[[int], int] = lambda page: page  # which page to really serve
        self.items_on: Callable[[int, list[int]], list[int]] = lambda page, numbers: numbers
        self.reported_count: Callable[[int], int] = lambda page: self.count
        self.next_on: Callable[[int, bool], bool] = lambda page, more: more
        self.status_on: Callable[[int], int] = lambda page: 200
        self.delay_on: Callable[[int], float] = lambda page: 0.0
        self.headers_on: Callable[[int], dict[str, str]] = lambda page: {}
        self.edit_item: Callable[[dict[str, Any]], object] = lambda item: item
        self.requests: list[tuple[float, int]] = []  # (time.monotonic(), page)
        # Every request's query parameters and headers (names in lower case), in order.
        self.queries: list[dict[str, list[str]]] = []
        self.paths: list[str] = []  # each request's target, as sent
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def reply(self, page: int, page_size: int) -> tuple[int, bytes]:
        with self._lock:
            self.requests.append((time.monotonic(), page))
        time.sleep(self.delay_on(page))
        status = self.status_on(page)
        if status != 200:
            return status, json.dumps({"detail": f"status {status} on purpose"}).encode()
        size = min(page_size, self.cap) if self.cap else page_size
        served = self.answer_page(page)
        start = (served - 1) * size
        if start >= self.count and served > 1:
            return 404, b'{"detail": "Invalid page."}'
        numbers = self.items_on(page, list(range(start + 1, min(start + size, self.count) + 1)))
        more = start + size < self.count
        body = {
            "count": self.reported_count(page),
            "next": f"http://127.0.0.1/customers/?page={page + 1}"
            if self.next_on(page, more)
            else None,
            "previous": None,
            "results": [self.edit_item(make_customer(number)) for number in numbers],
        }
        return 200, json.dumps(body).encode()

    def pages_asked(self) -> list[int]:
        with self._lock:
            return [page for _, page in self.requests]

    def asked_after(self, moment: float) -> list[int]:
        with self._lock:
            return [page for at, page in self.requests if at > moment]


@contextlib.contextmanager
def serving(api: HostileAPI) -> Iterator[str]:
    """Serves `api` on a free port of 127.0.0.1 until the block ends; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            with api._lock:
                api.queries.append(query)
                api.paths.append(self.path)  # a whole URL if it came through a proxy
                api.headers.append({name.lower(): value for name, value in self.headers.items()})
            page = int(query.get("page", ["1"])[0])
            page_size = int(query.get("page_size", ["20"])[0])
            status, body = api.reply(page, page_size)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in api.headers_on(page).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client went away (a stopped walk): nothing to answer
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
