"""Nothing hangs, and no reply can exhaust memory: loopback servers that misbehave on purpose
(trickled headers or body, a 160 MiB body, a gzip bomb) against the attempt deadline and the
reply size cap; bounded decoding; the shared 429 pause against the call's timeout; stopping
a sync fetch. Sync and async.

Every call that could hang runs under a watchdog, so a regression fails instead of hanging,
and every server loop is bounded in count and time and stopped by its fixture."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import struct
import threading
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Literal

import httpx
import pytest

from piriod import (
    APITimeoutError,
    AsyncPiriod,
    ConfigurationError,
    Piriod,
    RateLimitError,
    UnexpectedResponseError,
)
from piriod._endpoints import CUSTOMERS
from piriod._pagination import WalkStopped

from conftest import TOKEN, WORKSPACE, json_response, make_customer
from drivers import MODES, Driver, Mode

MiB = 1024 * 1024
DEFAULT_CAP = 16 * MiB
HUGE = 160 * MiB
# How long a call may take before the watchdog calls it hung (today's code never returns).
WATCHDOG = 15.0

Answer = Callable[["Server", socket.socket], None]


class Server:
    """An HTTP server on 127.0.0.1 (a free port) that reads each request, counts it, and lets
    `answer` write whatever it likes on the connection (then closes it). Counts the bytes it
    managed to send. `close()` stops everything; the fixture always calls it."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests = 0
        self.sent = 0
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._handlers: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.1)
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection = self._listener.accept()[0]
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
            handler = threading.Thread(target=self._handle, args=(connection,), daemon=True)
            self._handlers.append(handler)
            handler.start()

    def _handle(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < 65536:
                data = connection.recv(65536)
                if not data:
                    return
                head += data
            with self._lock:
                self.requests += 1
            self.answer(self, connection)
        except OSError:
            pass
        finally:
            connection.close()

    def send(self, connection: socket.socket, data: bytes) -> bool:
        """Sends `data` whole; False once the client has gone (or the server stopped)."""
        if self.stopped.is_set():
            return False
        try:
            connection.sendall(data)
        except OSError:
            return False
        with self._lock:
            self.sent += len(data)
        return True

    def trickle(self, connection: socket.socket, data: bytes, *, every: float = 0.2) -> None:
        """One byte every `every` seconds (at most len(data) of them), until the client goes."""
        for index in range(len(data)):
            if not self.send(connection, data[index : index + 1]) or self.stopped.wait(every):
                return

    def wait_handled(self, timeout: float = 10.0) -> None:
        """Waits for every connection so far to be done with (so `sent` is final)."""
        end = time.monotonic() + timeout
        for handler in list(self._handlers):
            handler.join(max(0.0, end - time.monotonic()))

    def close(self) -> None:
        self.stopped.set()
        self._acceptor.join(5)
        self._listener.close()
        with self._lock:
            for connection in self._connections:
                connection.close()
        for handler in self._handlers:
            handler.join(5)


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], Server]]:
    servers: list[Server] = []

    def start(answer: Answer) -> Server:
        server = Server(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def page_body(count: int = 3) -> bytes:
    return json.dumps(
        {
            "count": count,
            "next": None,
            "previous": None,
            "results": [make_customer(n) for n in range(count)],
        }
    ).encode()


def head(status: str = "200 OK", *headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/json", "Connection: close"]
    return ("\r\n".join([*lines, *headers]) + "\r\n\r\n").encode()


# --- running a call under a watchdog --------------------------------------------------------

Client = Literal["own", "yours"]  # the client's own connection pool, or an http_client


def page_call(mode: Mode, url: str, client: Client = "own", **kwargs: Any) -> Callable[[], Any]:
    """A `customers.page()` call against `url`, through a client made here and closed after."""
    kwargs = {"token": TOKEN, "workspace": WORKSPACE, "base_url": url, **kwargs}
    if mode == "sync":

        def run_sync() -> Any:
            http = httpx.Client() if client == "yours" else None
            try:
                with Piriod(http_client=http, **kwargs) as piriod:
                    return piriod.customers.page()
            finally:
                if http is not None:
                    http.close()

        return run_sync

    async def run_async() -> Any:
        http = httpx.AsyncClient() if client == "yours" else None
        try:
            async with AsyncPiriod(http_client=http, **kwargs) as piriod:
                return await piriod.customers.page()
        finally:
            if http is not None:
                await http.aclose()

    return lambda: asyncio.run(run_async())


def watched(call: Callable[[], Any], limit: float = WATCHDOG) -> tuple[BaseException, float]:
    """Runs `call` in a thread; returns what it raised and how long it took. Fails the test
    if it returns normally, or is still running after `limit` seconds (the fixture then
    stops the server, which lets the thread end)."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as error:  # handed to the test to judge
            raised.append(error)

    started = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    elapsed = time.monotonic() - started
    if thread.is_alive():
        pytest.fail(f"the call was still running after {limit:.0f} s: it hangs")
    if not raised:
        pytest.fail(f"the call returned after {elapsed:.1f} s instead of raising")
    return raised[0], elapsed


# --- the deadline ---------------------------------------------------------------------------

HEADER_CASES = [("sync", "own"), ("async", "own"), ("async", "yours")]
BODY_CASES = [*HEADER_CASES, ("sync", "yours")]


def trickled_headers(server: Server, connection: socket.socket) -> None:
    server.trickle(connection, head("200 OK", "X-Padding: " + "a" * 300))


def trickled_body(server: Server, connection: socket.socket) -> None:
    body = page_body()
    if server.send(connection, head("200 OK", f"Content-Length: {len(body)}")):
        server.trickle(connection, body)


@pytest.mark.parametrize(("mode", "client"), HEADER_CASES)
def test_headers_trickled_byte_by_byte_time_out_within_the_timeout(
    mode: Mode, client: Client, serve: Callable[[Answer], Server]
) -> None:
    server = serve(trickled_headers)
    error, elapsed = watched(page_call(mode, server.url, client, timeout=1, max_retries=0))
    assert isinstance(error, APITimeoutError), repr(error)
    assert elapsed < 3.0
    assert server.requests == 1


@pytest.mark.parametrize(("mode", "client"), BODY_CASES)
def test_a_body_trickled_byte_by_byte_times_out_within_the_timeout(
    mode: Mode, client: Client, serve: Callable[[Answer], Server]
) -> None:
    server = serve(trickled_body)
    error, elapsed = watched(page_call(mode, server.url, client, timeout=1, max_retries=0))
    assert isinstance(error, APITimeoutError), repr(error)
    assert "deadline" in str(error)
    assert elapsed < 3.0
    assert server.requests == 1


@pytest.mark.parametrize("mode", MODES)
def test_with_retries_the_time_is_bounded_by_the_attempts_and_their_backoff(
    mode: Mode, serve: Callable[[Answer], Server]
) -> None:
    server = serve(trickled_body)
    error, elapsed = watched(page_call(mode, server.url, timeout=1, max_retries=2))
    assert isinstance(error, APITimeoutError), repr(error)
    assert "after 3 attempts" in str(error)
    assert server.requests == 3
    # Three attempts of 1 s, and backoffs of at most 0.5 s and 1 s, with room for a slow host.
    assert 2.9 < elapsed < 3 * 1.0 + 1.5 + 1.5


# --- reply size caps over the wire ----------------------------------------------------------


def huge_with_length(server: Server, connection: socket.socket) -> None:
    if server.send(connection, head("200 OK", f"Content-Length: {HUGE}")):
        chunk = b"x" * 65536
        for _ in range(HUGE // len(chunk)):
            if not server.send(connection, chunk):
                return


def huge_chunked(status: str) -> Answer:
    def answer(server: Server, connection: socket.socket) -> None:
        if server.send(connection, head(status, "Transfer-Encoding: chunked")):
            chunk = b"x" * 65536
            framed = b"%x\r\n%s\r\n" % (len(chunk), chunk)
            for _ in range(HUGE // len(chunk)):
                if not server.send(connection, framed):
                    return
            server.send(connection, b"0\r\n\r\n")

    return answer


@pytest.mark.parametrize("mode", MODES)
def test_a_huge_body_with_a_content_length_is_refused_before_it_is_read(
    mode: Mode, serve: Callable[[Answer], Server]
) -> None:
    server = serve(huge_with_length)
    error, elapsed = watched(page_call(mode, server.url, max_retries=2))
    assert isinstance(error, UnexpectedResponseError), repr(error)
    assert error.status_code == 200
    assert error.body == b""
    assert f"max_response_bytes={DEFAULT_CAP}" in str(error)
    assert "Content-Length" in str(error)
    assert elapsed < 3.0
    server.wait_handled()
    assert server.requests == 1  # not retried: a reply this large is no passing hiccup
    assert server.sent < 32 * MiB  # what the socket buffers took, not the 160 MiB


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("status", "code"), [("200 OK", 200), ("500 Internal Server Error", 500)])
def test_a_huge_chunked_body_is_refused_at_the_cap(
    mode: Mode, status: str, code: int, serve: Callable[[Answer], Server]
) -> None:
    server = serve(huge_chunked(status))
    error, elapsed = watched(page_call(mode, server.url, max_retries=2))
    assert isinstance(error, UnexpectedResponseError), repr(error)
    assert error.status_code == code
    assert error.body == b"x" * 200  # a short excerpt, not the 16 MiB read
    assert f"max_response_bytes={DEFAULT_CAP}" in str(error)
    assert elapsed < 5.0
    server.wait_handled()
    assert server.requests == 1
    assert server.sent < 48 * MiB  # the cap, plus what the socket buffers took


def gzip_bomb(inflated: int) -> bytes:
    """A valid gzip stream of `inflated` zero bytes (a whole number of MiB), about 1/1000 its
    size: one MiB of zeros compressed after a full flush always gives the same bytes, so
    they are repeated instead of compressing the whole."""
    zeros = bytes(MiB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()[:-8]  # the last block, without the trailer for 2 MiB
    crc = 0
    for _ in range(inflated // MiB):
        crc = zlib.crc32(zeros, crc)
    trailer = struct.pack("<II", crc, inflated & 0xFFFFFFFF)
    return first + repeated * (inflated // MiB - 1) + end + trailer


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 1 MiB of gzip that inflates to 1 GiB of zeros."""
    bomb = gzip_bomb(1024 * MiB)
    # The construction checked on a small one, and the big one's start and trailer.
    assert gzip.decompress(gzip_bomb(8 * MiB)) == bytes(8 * MiB)
    assert len(bomb) < 1.1 * MiB
    assert struct.unpack("<I", bomb[-4:]) == (1024 * MiB,)
    assert zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(bomb, 64 * MiB) == bytes(64 * MiB)
    return bomb


@pytest.mark.parametrize("mode", MODES)
def test_a_gzip_bomb_is_refused_with_memory_near_the_cap(
    mode: Mode, bomb: bytes, serve: Callable[[Answer], Server]
) -> None:
    def answer(server: Server, connection: socket.socket) -> None:
        headers = head("200 OK", "Content-Encoding: gzip", f"Content-Length: {len(bomb)}")
        server.send(connection, headers + bomb)

    server = serve(answer)
    call = page_call(mode, server.url, max_retries=0)
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        error, elapsed = watched(call)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert isinstance(error, UnexpectedResponseError), repr(error)
    assert error.status_code == 200
    assert "inflates to more than" in str(error)
    assert f"max_response_bytes={DEFAULT_CAP}" in str(error)
    assert elapsed < 5.0
    assert peak < 1.5 * DEFAULT_CAP, f"peak {peak / MiB:.1f} MiB"


# --- the cap, and decoding, through mock transports ------------------------------------------


def streamed(body: bytes, *headers: tuple[str, str], pieces: int = 1) -> httpx.Response:
    """A reply whose body comes as a stream in `pieces` parts (as over the wire, where httpx
    would decode it), not as ready content."""
    size = -(-len(body) // pieces) or 1
    parts = [body[start : start + size] for start in range(0, len(body), size)]

    class Stream(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield from parts

        async def __aiter__(self) -> AsyncIterator[bytes]:
            for part in parts:
                yield part

    return httpx.Response(200, headers=list(headers), stream=Stream())


def padded_page(size: int) -> bytes:
    """A page of three customers, padded with JSON whitespace to exactly `size` bytes."""
    body = page_body()
    return body + b" " * (size - len(body))


@pytest.mark.parametrize("mode", MODES)
def test_a_reply_at_the_default_cap_parses_and_one_byte_more_is_refused(mode: Mode) -> None:
    at_cap = padded_page(DEFAULT_CAP)
    page = Driver(mode, lambda request: streamed(at_cap)).page()
    assert [c.id for c in page.items] == [make_customer(n)["id"] for n in range(3)]

    over = padded_page(DEFAULT_CAP + 1)
    with pytest.raises(UnexpectedResponseError, match=f"max_response_bytes={DEFAULT_CAP}"):
        Driver(mode, lambda request: streamed(over)).page()


@pytest.mark.parametrize("mode", MODES)
def test_a_small_cap_refuses_a_normal_page(mode: Mode) -> None:
    body = page_body()
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, lambda request: streamed(body), max_response_bytes=1024).page()
    assert caught.value.status_code == 200
    assert "max_response_bytes=1024 (1 KiB)" in str(caught.value)
    assert "Piriod(max_response_bytes=...)" in str(caught.value)
    # A ready-made reply (as mocks and the in-process sandbox give) is held to it too.
    ready = json_response(200, json.loads(body))
    with pytest.raises(UnexpectedResponseError, match="max_response_bytes=1024"):
        Driver(mode, lambda request: ready, max_response_bytes=1024).page()
    exact = Driver(mode, lambda request: streamed(body), max_response_bytes=len(body)).page()
    assert len(exact.items) == 3


@pytest.mark.parametrize("constructor", [Piriod, AsyncPiriod])
@pytest.mark.parametrize("value", [0, -1, 1.5, "16", True, None])
def test_a_bad_max_response_bytes_is_refused(constructor: Any, value: Any) -> None:
    with pytest.raises(ConfigurationError, match=f"max_response_bytes={value!r} is invalid"):
        constructor(token=TOKEN, workspace=WORKSPACE, max_response_bytes=value)


def test_the_cap_is_a_client_setting_with_a_documented_default() -> None:
    with Piriod(token=TOKEN, workspace=WORKSPACE) as client:
        assert client.max_response_bytes == 16 * MiB
    with Piriod(token=TOKEN, workspace=WORKSPACE, max_response_bytes=MiB) as client:
        assert client.max_response_bytes == MiB
    assert AsyncPiriod(token=TOKEN, workspace=WORKSPACE).max_response_bytes == 16 * MiB


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


ENCODED: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("gzip", gzip.compress),
    ("x-gzip", gzip.compress),
    ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
    ("deflate", raw_deflate),  # raw, as some servers send it
    ("gzip, identity", gzip.compress),
    ("deflate, gzip", lambda data: gzip.compress(zlib.compress(data))),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("encoding", "encode"), ENCODED)
@pytest.mark.parametrize("pieces", [1, 7, 10_000])  # whole, in parts, nearly byte by byte
def test_gzip_and_deflate_replies_decode_and_the_cap_counts_inflated_bytes(
    mode: Mode, encoding: str, encode: Callable[[bytes], bytes], pieces: int
) -> None:
    body = padded_page(300_000)  # inflates over several 64 KiB steps
    sent = encode(body)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return streamed(sent, ("Content-Encoding", encoding), pieces=pieces)

    page = Driver(mode, handler, max_response_bytes=len(body)).page()
    assert [c.id for c in page.items] == [make_customer(n)["id"] for n in range(3)]
    assert seen[0].headers["Accept-Encoding"] == "gzip, deflate"

    with pytest.raises(UnexpectedResponseError, match="inflates to more than") as caught:
        Driver(mode, handler, max_response_bytes=len(body) - 1).page()
    assert len(sent) < len(body) - 1  # refused for what it inflates to, not for its size
    assert caught.value.status_code == 200


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_an_encoding_piriod_did_not_ask_for_is_refused(mode: Mode, encoding: str) -> None:
    handler = lambda request: streamed(page_body(), ("Content-Encoding", encoding))  # noqa: E731
    with pytest.raises(UnexpectedResponseError, match="Content-Encoding is") as caught:
        Driver(mode, handler, max_retries=2).page()
    assert caught.value.status_code == 200


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("encoding", "body", "problem"),
    [
        ("gzip", b"not gzip at all", "incorrect header check"),
        ("gzip", gzip.compress(page_body())[:-30], "is cut short"),
        ("deflate", zlib.compress(page_body())[:-30], "is cut short"),
    ],
)
def test_a_broken_compressed_body_is_an_unexpected_response_not_retried(
    mode: Mode, encoding: str, body: bytes, problem: str
) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return streamed(body, ("Content-Encoding", encoding))

    with pytest.raises(UnexpectedResponseError, match="could not be decompressed") as caught:
        Driver(mode, handler, max_retries=2).page()
    assert problem in str(caught.value)
    assert caught.value.status_code == 200
    assert len(requests) == 1


# --- the shared 429 pause against the call's own time ----------------------------------------


class Throttled:
    """Answers 429 with Retry-After to the first request, then healthy pages; counts them."""

    def __init__(self, retry_after: str) -> None:
        self.retry_after = retry_after
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests == 1:
            return json_response(
                429, {"detail": "Slow down."}, headers={"Retry-After": self.retry_after}
            )
        return streamed(page_body())


def test_a_shared_pause_longer_than_the_timeout_raises_at_once_sync() -> None:
    api = Throttled("5")
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as client:
        with pytest.raises(RateLimitError):
            client.customers.page()  # sets the client's pause: 5 s
        started = time.monotonic()
        with pytest.raises(RateLimitError) as caught:
            client.customers.page(timeout=1)  # may not wait 5 s
        elapsed = time.monotonic() - started
    http.close()
    error = caught.value
    assert error.retry_after is not None
    assert 4.0 < error.retry_after <= 5.0
    assert error.response.status_code == 429
    assert error.detail == "Slow down."
    assert "timeout of 1 s" in str(error)
    assert elapsed < 0.9  # less than the 1 s timeout: no wait at all
    assert api.requests == 1


def test_a_shared_pause_longer_than_the_timeout_raises_at_once_async() -> None:
    api = Throttled("5")

    async def run() -> tuple[RateLimitError, float]:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(api)) as http,
            AsyncPiriod(
                token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0
            ) as client,
        ):
            with pytest.raises(RateLimitError):
                await client.customers.page()
            started = time.monotonic()
            with pytest.raises(RateLimitError) as caught:
                await client.customers.page(timeout=httpx.Timeout(1.0, connect=0.5))
            return caught.value, time.monotonic() - started

    error, elapsed = asyncio.run(run())
    assert error.retry_after is not None
    assert 4.0 < error.retry_after <= 5.0
    assert error.response.status_code == 429
    assert elapsed < 0.9  # less than the 1 s timeout: no wait at all
    assert api.requests == 1


# --- stopping a sync fetch (a parallel walk's workers) ---------------------------------------


def fetch_with_stop(
    client: Piriod, stop: threading.Event, *, max_retries: int = 2, timeout: float | None = None
) -> Any:
    call = client._check_call(
        "customers.list",
        CUSTOMERS,
        page_size=20,
        max_retries=max_retries,
        timeout=timeout,
        filters={},
    )
    return client._fetch(call, 1, stop=stop)


def stop_soon(stop: threading.Event, after: float = 0.3) -> threading.Timer:
    timer = threading.Timer(after, stop.set)
    timer.daemon = True
    timer.start()
    return timer


def test_a_stop_set_before_the_attempt_sends_nothing(serve: Callable[[Answer], Server]) -> None:
    server = serve(lambda server, connection: None)
    stop = threading.Event()
    stop.set()
    client = Piriod(token=TOKEN, workspace=WORKSPACE, base_url=server.url)
    with client, pytest.raises(WalkStopped):
        fetch_with_stop(client, stop)
    assert server.requests == 0


def test_a_stop_set_while_waiting_to_retry_sends_no_more(
    serve: Callable[[Answer], Server],
) -> None:
    def unavailable(server: Server, connection: socket.socket) -> None:
        body = b'{"detail": "maintenance"}'
        headers = head("503 Service Unavailable", "Retry-After: 5", f"Content-Length: {len(body)}")
        server.send(connection, headers + body)

    server = serve(unavailable)
    stop = threading.Event()
    with Piriod(token=TOKEN, workspace=WORKSPACE, base_url=server.url) as client:
        started = time.monotonic()
        timer = stop_soon(stop)
        with pytest.raises(WalkStopped):
            fetch_with_stop(client, stop)
        elapsed = time.monotonic() - started
        timer.join()
        time.sleep(0.2)  # room for a stray retry to show up
    assert server.requests == 1
    assert elapsed < 2.0  # not the 5 s Retry-After


def test_a_stop_set_during_a_shared_pause_sends_nothing() -> None:
    api = Throttled("5")
    http = httpx.Client(transport=httpx.MockTransport(api))
    stop = threading.Event()
    with Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http, max_retries=0) as client:
        with pytest.raises(RateLimitError):
            client.customers.page()  # the client now pauses 5 s
        started = time.monotonic()
        timer = stop_soon(stop)
        with pytest.raises(WalkStopped):
            fetch_with_stop(client, stop, max_retries=0)
        elapsed = time.monotonic() - started
        timer.join()
    http.close()
    assert api.requests == 1
    assert elapsed < 2.0
