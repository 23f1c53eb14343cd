"""The rules of one attempt, checked one by one: every socket connect, read, write and TLS
handshake of the pools piriod makes keeps to both its own timeout and the attempt's deadline
(proxies from the environment included; an http_client of yours is left alone); a refused
reply's error says exactly why, with a scrubbed 200-byte excerpt; gzip and deflate bodies
(zlib-wrapped, raw, odd but valid) decode to the same page as plain ones, and broken ones are
refused with their exact reason; the reply handed on keeps its status line and a true length.

Loopback servers and mock transports only; every call that could hang runs under a watchdog."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import logging
import shlex
import socket
import ssl
import struct
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_limits import Answer, Server, page_body, page_call, serve, streamed, watched

from piriod import (
    APIStatusError,
    APITimeoutError,
    AsyncPiriod,
    NotFoundError,
    Piriod,
    ServerError,
    UnexpectedResponseError,
)
from piriod._limits import install_deadlines, send_sync

from conftest import TOKEN, WORKSPACE, json_response, make_customer
from drivers import MODES, Driver, Mode

__all__ = ["serve"]  # the fixture, imported to be used here

MiB = 1024 * 1024
STEP = 64 * 1024  # the most bytes piriod inflates in one step
# Long enough to fail a mutant that hangs, short enough to keep a failing run quick.
LIMIT = 8.0
IDS = [make_customer(n)["id"] for n in range(3)]
BASE = "https://api.piriod.test"
PATH = "/customers/"


def where() -> str:
    """How errors name the request a page call makes."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return streamed(page_body())

    Driver("sync", handler).page()
    return f"GET {seen[0].url.path}"


GET = where()


def refused(problem: str) -> str:
    return f"{GET} answered 200 but {problem}; the reply was refused"


def too_big(cap: int, shown: str, how: str) -> str:
    return refused(
        f"the reply is larger than max_response_bytes={cap} ({shown}): {how}. It was not read"
        " to the end. If replies this large are expected, raise the cap:"
        " Piriod(max_response_bytes=...) or AsyncPiriod(max_response_bytes=...)"
    )


def timed_out(what: str) -> str:
    return (
        f"{GET} got no answer in time ({what}); the API may be slow or unreachable: try again,"
        " or pass a larger timeout="
    )


def pieces_of(body: bytes, size: int) -> list[bytes]:
    return [body[start : start + size] for start in range(0, len(body), size)]


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that comes in the given chunks, as over the wire."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks

    async def __aiter__(self) -> Any:
        for chunk in self.chunks:
            yield chunk


def reply(
    chunks: list[bytes],
    *headers: tuple[str, str],
    status: int = 200,
    extensions: dict[str, Any] | None = None,
) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, headers=list(headers), stream=Chunks(chunks), extensions=extensions
        )

    return handler


# --- the deadline on every socket operation of piriod's own pool -------------------------------


def silent(server: Server, connection: socket.socket) -> None:
    """Reads the request, then says nothing until the test ends."""
    server.stopped.wait(LIMIT + 2)


def own_page(url: str, timeout: float | httpx.Timeout) -> Callable[[], Any]:
    return page_call("sync", url, timeout=timeout, max_retries=0)


def test_a_read_keeps_to_the_read_timeout_when_the_deadline_is_further(
    serve: Callable[[Answer], Server],
) -> None:
    server = serve(silent)
    timeout = httpx.Timeout(connect=0.3, read=0.3, write=0.3, pool=4.0)  # a deadline of 4 s
    error, elapsed = watched(own_page(server.url, timeout), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error) == timed_out("ReadTimeout: timed out")
    assert elapsed < 2.0


def test_a_read_that_would_outlast_the_deadline_stops_at_it(
    serve: Callable[[Answer], Server],
) -> None:
    server = serve(silent)
    error, elapsed = watched(own_page(server.url, 0.5), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error) == timed_out(
        "ReadTimeout: the attempt took longer than its deadline of 0.5 s"
    )
    assert elapsed < 2.0


@contextlib.contextmanager
def full_backlog() -> Iterator[str]:
    """A loopback port whose queue of connections waiting to be accepted is full: a new
    connection's handshake gets no answer, so connecting hangs."""
    listener = socket.socket()
    fillers: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(listener.getsockname())
            fillers.append(filler)
        time.sleep(0.05)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_a_connect_keeps_to_the_connect_timeout_when_the_deadline_is_further() -> None:
    with full_backlog() as url:
        timeout = httpx.Timeout(connect=0.3, read=4.0, write=4.0, pool=4.0)
        error, elapsed = watched(own_page(url, timeout), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error) == timed_out("ConnectTimeout: timed out")
    assert elapsed < 2.0


def test_a_connect_that_would_outlast_the_deadline_stops_at_it() -> None:
    with full_backlog() as url:
        error, elapsed = watched(own_page(url, 0.5), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error) == timed_out(
        "ConnectTimeout: the attempt took longer than its deadline of 0.5 s"
    )
    assert elapsed < 2.0


def unread(server: Server, connection: socket.socket) -> None:
    """Reads the request's head, never its body, and answers nothing."""
    server.stopped.wait(LIMIT + 2)


@pytest.mark.parametrize(
    ("timeout", "message"),
    [
        (httpx.Timeout(connect=0.3, read=0.3, write=0.3, pool=4.0), "timed out"),
        (httpx.Timeout(0.5), "the attempt took longer than its deadline of 0.5 s"),
    ],
)
def test_a_write_keeps_to_the_write_timeout_and_to_the_deadline(
    timeout: httpx.Timeout, message: str, serve: Callable[[Answer], Server]
) -> None:
    """piriod's calls send no body, so this sends one through the pool the way they do."""
    server = serve(unread)
    big = bytes(64 * MiB)  # far more than the socket buffers take
    budget = max(part for part in (timeout.connect, timeout.read, timeout.pool) if part)
    with httpx.Client(timeout=timeout, trust_env=False) as http:
        assert install_deadlines(http) is True
        request = http.build_request("POST", server.url + PATH, content=big)
        error, elapsed = watched(lambda: send_sync(http, request, budget=budget, cap=MiB), LIMIT)
    assert isinstance(error, httpx.WriteTimeout), repr(error)
    assert str(error) == message
    assert elapsed < 2.0


@pytest.mark.parametrize("http_client", ["sync", "async"])
def test_an_http_client_of_yours_keeps_its_own_network_backend(http_client: str) -> None:
    if http_client == "sync":
        with httpx.Client() as http, Piriod(token=TOKEN, workspace=WORKSPACE, http_client=http):
            backend = http._transport._pool._network_backend  # type: ignore[attr-defined]
        assert type(backend).__name__ == "SyncBackend"
        return

    async def run() -> str:
        async with httpx.AsyncClient() as http:
            AsyncPiriod(token=TOKEN, workspace=WORKSPACE, http_client=http)
            backend = http._transport._pool._network_backend  # type: ignore[attr-defined]
            return type(backend).__name__

    assert asyncio.run(run()) == "AutoBackend"


def test_every_pool_of_a_client_is_wrapped_and_a_pool_out_of_reach_is_reported() -> None:
    with httpx.Client(trust_env=False) as plain:
        assert install_deadlines(plain) is True
        backend = plain._transport._pool._network_backend  # type: ignore[attr-defined]
        assert type(backend).__name__ == "_DeadlineBackend"
        assert install_deadlines(plain) is True  # once is enough: not wrapped twice
        again = plain._transport._pool._network_backend  # type: ignore[attr-defined]
        assert again is backend
    mock = httpx.MockTransport(lambda request: httpx.Response(204))
    mounts: dict[str, httpx.BaseTransport | None] = {"all://mocked.test": mock}
    with httpx.Client(mounts=mounts, trust_env=False) as mixed:
        assert install_deadlines(mixed) is False
        backend = mixed._transport._pool._network_backend  # type: ignore[attr-defined]
        assert type(backend).__name__ == "_DeadlineBackend"


def test_piriods_own_pool_reports_no_fallback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="piriod"):
        Piriod(token=TOKEN, workspace=WORKSPACE, base_url="http://127.0.0.1:9").close()
        Piriod(token=TOKEN, workspace=WORKSPACE, base_url=BASE).close()
    assert [r.getMessage() for r in caplog.records if "deadlines" in r.getMessage()] == []


# --- through a proxy from the environment: the tunnel and its TLS handshake -------------------


class Proxy:
    """A proxy on 127.0.0.1 that accepts every CONNECT, then either says nothing (so the TLS
    handshake hangs) or, given a TLS context, plays the API at the other end of the tunnel."""

    def __init__(self, tls: ssl.SSLContext | None) -> None:
        self.tls = tls
        self.seen: list[bytes] = []
        self.stopped = threading.Event()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self._listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
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
            self._sockets.append(connection)
            thread = threading.Thread(target=self._handle, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    @staticmethod
    def _head(connection: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            more = connection.recv(65536)
            if not more:
                break
            data += more
        return data

    def _handle(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        try:
            self.seen.append(self._head(connection).split(b"\r\n")[0])
            connection.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if self.tls is None:
                self.stopped.wait(LIMIT + 2)
                return
            with self.tls.wrap_socket(connection, server_side=True) as tunnel:
                self.seen.append(self._head(tunnel).split(b"\r\n")[0])
                body = page_body()
                tunnel.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                )
        except OSError:
            pass
        finally:
            connection.close()

    def close(self) -> None:
        self.stopped.set()
        self._acceptor.join(5)
        self._listener.close()
        for connection in self._sockets:
            connection.close()
        for thread in self._threads:
            thread.join(5)


@pytest.fixture
def proxied(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[ssl.SSLContext | None], Proxy]]:
    """Starts a Proxy and points HTTPS_PROXY at it (nothing else from the environment)."""
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    proxies: list[Proxy] = []

    def start(tls: ssl.SSLContext | None) -> Proxy:
        proxy = Proxy(tls)
        proxies.append(proxy)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        return proxy

    yield start
    for proxy in proxies:
        proxy.close()


def proxied_page(timeout: float | httpx.Timeout) -> Callable[[], Any]:
    return page_call("sync", BASE, timeout=timeout, max_retries=0)


@pytest.mark.parametrize("no_proxy", [None, "elsewhere.test,10.0.0.1"])
def test_a_tls_handshake_through_a_proxy_stops_at_the_deadline(
    no_proxy: str | None,
    proxied: Callable[[ssl.SSLContext | None], Proxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_PROXY for other hosts gives the client mounts that turn proxying off: the proxy's
    own mount is wrapped all the same."""
    proxy = proxied(None)
    if no_proxy is not None:
        monkeypatch.setenv("NO_PROXY", no_proxy)
    error, elapsed = watched(proxied_page(0.5), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error) == timed_out(
        "ConnectTimeout: the attempt took longer than its deadline of 0.5 s"
    )
    assert elapsed < 2.0
    assert proxy.seen == [b"CONNECT api.piriod.test:443 HTTP/1.1"]


def test_a_tls_handshake_through_a_proxy_keeps_to_the_connect_timeout(
    proxied: Callable[[ssl.SSLContext | None], Proxy],
) -> None:
    proxied(None)
    timeout = httpx.Timeout(connect=0.3, read=4.0, write=4.0, pool=4.0)
    error, elapsed = watched(proxied_page(timeout), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error).startswith(f"{GET} got no answer in time (ConnectTimeout: ")
    assert "deadline" not in str(error)
    assert elapsed < 2.0


OPENSSL = (
    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
    " -subj /CN=api.piriod.test -addext subjectAltName=DNS:api.piriod.test"
    " -addext basicConstraints=critical,CA:TRUE"
    " -addext keyUsage=critical,digitalSignature,keyCertSign"
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for api.piriod.test (its own authority) and its key."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [*shlex.split(OPENSSL), "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


def test_a_page_comes_through_a_proxy_tunnel_over_tls(
    certificate: tuple[Path, Path],
    proxied: Callable[[ssl.SSLContext | None], Proxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    proxy = proxied(context)
    with Piriod(token=TOKEN, workspace=WORKSPACE, base_url=BASE, timeout=5, max_retries=0) as c:
        page = c.customers.page()
    assert [customer.id for customer in page.items] == IDS
    assert proxy.seen[0] == b"CONNECT api.piriod.test:443 HTTP/1.1"
    assert proxy.seen[1].startswith(b"GET " + PATH.encode())


# --- the error of a missed deadline ---------------------------------------------------------


def test_a_missed_deadline_keeps_the_request_it_was_sending(
    serve: Callable[[Answer], Server],
) -> None:
    def trickled(server: Server, connection: socket.socket) -> None:
        body = page_body()
        if server.send(connection, b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body)):
            server.trickle(connection, body, every=0.1)

    server = serve(trickled)
    error, elapsed = watched(page_call("async", server.url, timeout=0.5, max_retries=0), LIMIT)
    assert isinstance(error, APITimeoutError), repr(error)
    assert str(error) == timed_out(
        "DeadlineExceeded: the attempt took longer than its deadline of 0.5 s"
    )
    cause = error.__cause__
    assert isinstance(cause, httpx.TimeoutException)
    assert cause.request.url.path == PATH
    assert "authorization" not in cause.request.headers
    assert elapsed < 2.0


# --- refused replies: their exact message and excerpt ----------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("cap", "shown"),
    [
        (1000, "1,000 bytes"),
        (2048, "2 KiB"),
        (MiB, "1 MiB"),
        (3 * MiB, "3 MiB"),
        (16 * MiB, "16 MiB"),
        (MiB + 1024, "1025 KiB"),
    ],
)
def test_a_content_length_over_the_cap_is_refused_in_words(
    mode: Mode, cap: int, shown: str
) -> None:
    length = ("Content-Length", str(cap + 1))
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, reply([], length), max_response_bytes=cap).page()
    assert str(caught.value) == too_big(cap, shown, f"its Content-Length is {cap + 1:,} bytes")
    assert caught.value.status_code == 200
    assert caught.value.body == b""


@pytest.mark.parametrize("mode", MODES)
def test_a_body_over_the_cap_is_refused_with_the_start_of_it(mode: Mode) -> None:
    body = b"".join(b"%03d" % n + b"-" * 97 for n in range(20))  # 100-byte parts, told apart
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, reply(pieces_of(body, 100)), max_response_bytes=1000).page()
    assert str(caught.value) == too_big(1000, "1,000 bytes", "more than 1,000 bytes came")
    assert caught.value.body == body[:200]


@pytest.mark.parametrize("mode", MODES)
def test_a_token_across_the_excerpts_end_is_scrubbed_whole(mode: Mode) -> None:
    body = b"a" * 190 + TOKEN.encode() + b"b" * 1000
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, reply(pieces_of(body, 100)), max_response_bytes=1000).page()
    assert caught.value.body == b"a" * 190 + b"[redacted]"


@pytest.mark.parametrize("mode", MODES)
def test_a_big_reply_in_tiny_chunks_is_refused_promptly_and_lightly(mode: Mode) -> None:
    """The chunks are made beforehand: what refusing them costs is its 200-byte excerpt, not
    another copy of what was read."""
    body = b"x" * (4 * MiB + 100)
    handler = reply(pieces_of(body, 100))

    def call() -> None:
        Driver(mode, handler, max_response_bytes=4 * MiB).page()

    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        error, elapsed = watched(call, LIMIT)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert isinstance(error, UnexpectedResponseError), repr(error)
    assert str(error) == too_big(4 * MiB, "4 MiB", "more than 4,194,304 bytes came")
    assert error.body == b"x" * 200
    assert peak < MiB, f"peak {peak / MiB:.1f} MiB"
    assert elapsed < 5.0


@pytest.mark.parametrize("mode", MODES)
def test_a_content_encoding_quoting_the_token_is_scrubbed_from_the_message(mode: Mode) -> None:
    handler = reply([page_body()], ("Content-Encoding", f"x-{TOKEN}"))
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, handler).page()
    assert str(caught.value) == refused(
        "its Content-Encoding is 'x-[redacted]', which piriod did not ask for (it sends"
        " Accept-Encoding: gzip, deflate) and cannot decode"
    )
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_a_ready_made_reply_exactly_at_the_cap_is_accepted(mode: Mode) -> None:
    ready = json_response(200, {"count": 3, "next": None, "previous": None, "results": []})
    size = len(ready.content)
    assert Driver(mode, lambda request: ready, max_response_bytes=size).page().items == []
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, lambda request: ready, max_response_bytes=size - 1).page()
    assert str(caught.value) == too_big(
        size - 1, f"{size - 1:,} bytes", f"its Content-Length is {size:,} bytes"
    )


# --- decoding: odd but valid bodies, and broken ones -----------------------------------------


def stored_deflate_starting_like_zlib(data: bytes) -> bytes:
    """Raw deflate (RFC 1951) whose first byte has the low nibble 8, as a zlib header's has:
    a stored block that is not the last, its unused bits set, then an empty last block."""
    assert len(data) < 65536
    header = b"\x08" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF)
    assert (header[0] << 8 | header[1]) % 31 != 0  # not a zlib header after all
    return header + data + b"\x01\x00\x00\xff\xff"


def fixed_huffman_raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS, 8, zlib.Z_FIXED)
    return compressor.compress(data) + compressor.flush()


# A body whose raw deflate (fixed Huffman codes) ends on a match that straddles the end of an
# inflating step: the last step takes all the input and leaves output in zlib.
STRADDLING = page_body() + b" " * (2 * STEP + 1 - len(page_body()))
# And one whose last step takes all the input too, after steps that each ended on a full piece.
LONGER = page_body() + b" " * (3 * STEP + 472 - len(page_body()))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("encoding", "sent"),
    [
        ("deflate", stored_deflate_starting_like_zlib(page_body())),
        ("deflate", fixed_huffman_raw_deflate(STRADDLING)),
        ("deflate", fixed_huffman_raw_deflate(LONGER)),
        ("gzip", gzip.compress(STRADDLING)),
    ],
    ids=["raw-deflate-like-zlib", "raw-deflate-straddling", "raw-deflate-longer", "gzip"],
)
@pytest.mark.parametrize("size", [1, 3, 1 << 30], ids=["bytewise", "threes", "whole"])
def test_odd_but_valid_compressed_bodies_decode(
    mode: Mode, encoding: str, sent: bytes, size: int
) -> None:
    assert zlib.decompressobj(-zlib.MAX_WBITS if encoding == "deflate" else 31).decompress(sent)
    handler = reply(pieces_of(sent, size), ("Content-Encoding", encoding))
    page = Driver(mode, handler).page()
    assert [customer.id for customer in page.items] == IDS


@pytest.mark.parametrize("mode", MODES)
def test_a_chunk_ending_where_a_step_leaves_output_in_zlib_loses_nothing(mode: Mode) -> None:
    """The straddling body as gzip, its trailer in a chunk of its own: the first chunk's
    last step takes all its input and leaves output, which comes before the trailer."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31, 8, zlib.Z_FIXED)
    sent = compressor.compress(STRADDLING) + compressor.flush()
    handler = reply([sent[:-8], sent[-8:]], ("Content-Encoding", "gzip"))
    assert [customer.id for customer in Driver(mode, handler).page().items] == IDS


def test_the_straddling_body_does_straddle() -> None:
    """The case above is the one meant: inflated in steps, its last step takes every byte
    of input while output is left, and only asking zlib again gets the rest."""
    sent = fixed_huffman_raw_deflate(STRADDLING)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    data, out = sent, b""
    while data:
        out += inflater.decompress(data, STEP)
        data = inflater.unconsumed_tail
    assert not inflater.eof
    assert len(out) == 2 * STEP
    assert out + inflater.decompress(b"", STEP) == STRADDLING
    assert inflater.eof


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("encoding", "sent", "problem"),
    [
        ("deflate", b"\x07", "Error -3 while decompressing data: invalid block type"),
        ("deflate", b"\x03", "the compressed stream is cut short"),
        ("gzip", gzip.compress(page_body())[:-3], "the compressed stream is cut short"),
        ("deflate", zlib.compress(page_body())[:40], "the compressed stream is cut short"),
        ("gzip", b"\x1f", "the compressed stream is cut short"),
    ],
)
def test_a_broken_compressed_body_is_refused_with_its_reason(
    mode: Mode, encoding: str, sent: bytes, problem: str
) -> None:
    handler = reply(pieces_of(sent, 7), ("Content-Encoding", encoding))
    with pytest.raises(UnexpectedResponseError) as caught:
        Driver(mode, handler, max_retries=0).page()
    assert str(caught.value) == refused(f"its body could not be decompressed ({problem})")
    assert caught.value.status_code == 200


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("encoding", ["gzip", "deflate", "deflate, gzip"])
def test_an_empty_compressed_error_reply_is_the_servers_error(mode: Mode, encoding: str) -> None:
    handler = reply([], ("Content-Encoding", encoding), status=500)
    with pytest.raises(ServerError) as caught:
        Driver(mode, handler, max_retries=0).page()
    assert caught.value.status_code == 500
    assert caught.value.response.content == b""


# --- the reply handed on ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_decoded_reply_carries_its_true_length(mode: Mode) -> None:
    body = b'{"detail": "No such customer."}'
    sent = gzip.compress(body)
    handler = reply(
        [sent],
        ("Content-Type", "application/json"),
        ("Content-Encoding", "gzip"),
        ("Content-Length", str(len(sent))),
        status=404,
    )
    with pytest.raises(NotFoundError) as caught:
        Driver(mode, handler).page()
    response = caught.value.response
    assert response.content == body
    assert response.headers["content-length"] == str(len(body))
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize("mode", MODES)
def test_a_chunked_reply_is_handed_on_with_a_length_not_chunked(mode: Mode) -> None:
    body = b'{"detail": "No such customer."}'
    handler = reply(
        pieces_of(body, 5),
        ("Content-Type", "application/json"),
        ("Transfer-Encoding", "chunked"),
        status=404,
    )
    with pytest.raises(NotFoundError) as caught:
        Driver(mode, handler).page()
    response = caught.value.response
    assert "transfer-encoding" not in response.headers
    assert response.headers["content-length"] == str(len(body))


@pytest.mark.parametrize("mode", MODES)
def test_the_status_line_is_kept(mode: Mode) -> None:
    extensions = {"http_version": b"HTTP/1.0", "reason_phrase": b"Gone Fishing"}
    handler = reply([b'{"detail": "Nope."}'], status=404, extensions=extensions)
    with pytest.raises(NotFoundError) as caught:
        Driver(mode, handler).page()
    assert str(caught.value).startswith(f"404 Gone Fishing from {GET}: Nope.")
    assert caught.value.response.http_version == "HTTP/1.0"
    assert caught.value.response.reason_phrase == "Gone Fishing"


@pytest.mark.parametrize("mode", MODES)
def test_an_http_client_of_yours_neither_redirects_nor_signs_piriods_requests(mode: Mode) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path != "/elsewhere/":
            return httpx.Response(302, headers={"Location": f"{BASE}/elsewhere/"})
        return streamed(page_body())

    settings: dict[str, Any] = {
        "transport": httpx.MockTransport(handler),
        "follow_redirects": True,
        "auth": ("u", "p"),
    }
    arguments: dict[str, Any] = {
        "token": TOKEN,
        "workspace": WORKSPACE,
        "base_url": BASE,
        "max_retries": 0,
    }

    def run_sync() -> None:
        with httpx.Client(**settings) as http, Piriod(http_client=http, **arguments) as client:
            client.customers.page()

    async def run_async() -> None:
        async with (
            httpx.AsyncClient(**settings) as http,
            AsyncPiriod(http_client=http, **arguments) as client,
        ):
            await client.customers.page()

    run = run_sync if mode == "sync" else lambda: asyncio.run(run_async())
    with pytest.raises(APIStatusError) as caught:
        run()
    assert caught.value.status_code == 302
    assert [request.url.path for request in seen] == [PATH]
    assert seen[0].headers["Authorization"] == f"Token {TOKEN}"
