"""Sending one attempt within limits: a total deadline, and a cap on the size of the reply.

Deadline. httpx's timeouts bound each socket operation, so a server that sends one byte
every 0.2 s never trips a 1 s read timeout and keeps a call running forever. Every attempt
(waiting for a connection, connecting, sending, the status line, the headers and the whole
body) therefore gets a deadline `attempt_budget(timeout)` seconds away, the largest part of
the call's timeout. How it is enforced depends on the client:

- `AsyncPiriod`: the whole attempt runs under `anyio.fail_after`, whatever the transport,
  an `http_client` of your own included.
- `Piriod` with the connection pool it makes itself: every connect, read and write on its
  sockets waits at most `min(its timeout, time left before the deadline)`. A wrapper around
  httpcore's network backend reads the deadline from a context variable set around the
  attempt, so it costs nothing outside piriod's calls.
- `Piriod(http_client=...)`: piriod does not reach into your client's connections. Each
  socket operation is bounded by the timeout, and the deadline is checked between chunks of
  the body (so the body stops at most one read timeout late); a server trickling the status
  line and headers byte by byte is not bounded.

A missed deadline is an `httpx.TimeoutException` (`DeadlineExceeded`, or httpx's own
`ReadTimeout`...), retried like any timeout and reported as `APITimeoutError`.

Reply caps. A reply is read streamed and refused with `UnexpectedResponseError` as soon as it
is known to be over `max_response_bytes`: at once when its Content-Length says so, else when
the bytes received, or the bytes they inflate to, pass the cap. gzip and deflate are inflated
here in bounded steps (zlib's `max_length`), so a small compressed reply that inflates to
gigabytes costs about the cap in memory; httpx's own decoder inflates whole chunks. Requests
ask for `Accept-Encoding: gzip, deflate` only, and any other Content-Encoding is refused.
The reply handed on is fully read, its content decoded, without Content-Encoding.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, Literal

import httpx

from ._exceptions import UnexpectedResponseError, shown_with

if TYPE_CHECKING:
    import ssl
    from collections.abc import Iterable

    # Subclassed for the type checker only: importing httpcore would make `import piriod`
    # slower, and httpcore uses backends and streams by what they do, not by their class.
    from httpcore import NetworkBackend as _NetworkBackend
    from httpcore import NetworkStream as _NetworkStream

    from ._config import Secret
else:
    _NetworkBackend = _NetworkStream = object

__all__ = [
    "ACCEPT_ENCODING",
    "DeadlineExceeded",
    "install_deadlines",
    "send_async",
    "send_sync",
]

# The only encodings asked for: the ones inflated here in bounded steps.
ACCEPT_ENCODING: Final = "gzip, deflate"
# The most bytes inflated in one step, and so the most the cap can be overshot by.
_STEP: Final = 64 * 1024
# How much of a refused reply `UnexpectedResponseError.body` keeps.
_EXCERPT: Final = 200

# The deadline of the attempt in progress in this context (monotonic time), and its budget.
_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "piriod_attempt_deadline", default=None
)


class DeadlineExceeded(httpx.TimeoutException):
    """An attempt took longer than its total deadline (a timeout, so it is retried)."""


def _overdue_message(budget: float) -> str:
    return f"the attempt took longer than its deadline of {budget:g} s"


# --- the deadline, sync: a network backend that never waits past it ------------------------


@contextlib.contextmanager
def _within_deadline(
    timeout: float | None, operation: Literal["connect", "read", "write"]
) -> Iterator[float | None]:
    """Gives the timeout for one socket operation: `timeout`, cut to the time left before
    the deadline of the attempt in progress (if any). When the deadline is what runs out,
    the operation's httpcore timeout error (which httpx maps to its own) says so."""
    attempt = _deadline.get()
    if attempt is None:
        yield timeout
        return
    deadline, budget = attempt
    left = deadline - time.monotonic()
    if timeout is not None and timeout < left:
        yield timeout
        return
    import httpcore  # noqa: PLC0415 (loaded already: this runs inside an httpcore pool)

    error = {
        "connect": httpcore.ConnectTimeout,
        "read": httpcore.ReadTimeout,
        "write": httpcore.WriteTimeout,
    }[operation]
    if left <= 0:
        raise error(_overdue_message(budget))
    try:
        yield left
    except error:
        raise error(_overdue_message(budget)) from None


class _DeadlineStream(_NetworkStream):
    def __init__(self, stream: _NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _within_deadline(timeout, "read") as bounded:
            return self._stream.read(max_bytes, bounded)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        with _within_deadline(timeout, "write") as bounded:
            self._stream.write(buffer, bounded)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> _NetworkStream:
        with _within_deadline(timeout, "connect") as bounded:
            return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(_NetworkBackend):
    def __init__(self, backend: _NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _NetworkStream:
        with _within_deadline(timeout, "connect") as bounded:
            stream = self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    # No connect_unix_socket: the pools piriod makes never connect through a Unix socket.

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def install_deadlines(http: httpx.Client) -> bool:
    """Makes the connection pools of `http`, a client piriod made itself, keep to attempt
    deadlines; True if every pool could be reached. (httpx offers no public way to choose
    the network backend of the transports it makes, proxies from the environment included,
    so this wraps the one each pool has.)"""
    transports: list[object] = [getattr(http, "_transport", None)]
    transports.extend(getattr(http, "_mounts", {}).values())
    reached = True
    for transport in transports:
        if transport is None:  # a mount that turns proxying off: the main transport serves it
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None:
            reached = False
        elif not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return reached


# --- the reply: read streamed, inflated in bounded steps, refused over the cap --------------


def _size(count: int) -> str:
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    if count % 1024 == 0:
        return f"{count // 1024} KiB"
    return f"{count:,} bytes"


def _zlib_header(data: bytes) -> bool:
    """Whether `data` starts like a zlib stream (RFC 1950); 'deflate' replies are meant to,
    but some servers send raw deflate (RFC 1951) instead, as browsers and httpx accept."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


class _Inflate:
    """One gzip or deflate layer, inflated at most `_STEP` bytes at a time."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding != "deflate"
        self._head = b""  # deflate only: the first bytes, until there are two to look at
        self._fed = False
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16) if self._gzip else None

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        if self._zlib is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            self._zlib = zlib.decompressobj(
                zlib.MAX_WBITS if _zlib_header(data) else -zlib.MAX_WBITS
            )
        inflater = self._zlib
        while data and not inflater.eof:  # after the end, bytes are ignored (as httpx does)
            piece = inflater.decompress(data, _STEP)
            if piece:
                yield piece
            data = inflater.unconsumed_tail  # the input max_length held back
            if not data and len(piece) == _STEP:  # all input taken, but output may be left
                yield from self._drain()

    def _drain(self) -> Iterator[bytes]:
        """Output zlib holds after taking all the input (a step ended on a full piece)."""
        assert self._zlib is not None
        while not self._zlib.eof:
            piece = self._zlib.decompress(b"", _STEP)
            if piece:
                yield piece
            if len(piece) < _STEP:
                return

    def finish(self) -> Iterator[bytes]:
        """What is left at the end of the body; zlib.error if the compressed stream stops
        short of its end (an empty body is taken as empty)."""
        if self._zlib is None:
            if not self._head:
                return
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # one byte: raw, and cut short
            yield from self.feed(self._head)
        if not self._zlib.eof and self._fed:
            raise zlib.error("the compressed stream is cut short")


class _Body:
    """A reply read chunk by chunk: counted, inflated layer by layer, refused over the cap."""

    def __init__(
        self,
        response: httpx.Response,
        request: httpx.Request,
        cap: int,
        secret: Secret | None = None,
    ) -> None:
        self._response = response
        self._request = request
        self._cap = cap
        self._secret = secret
        self._received = 0
        self._size = 0
        self._parts: list[bytes] = []
        sent = [
            value.strip()
            for value in response.headers.get_list("content-encoding", split_commas=True)
        ]
        sent = [value for value in sent if value.lower() not in ("", "identity")]
        unknown = [value for value in sent if value.lower() not in ("gzip", "x-gzip", "deflate")]
        if unknown:  # quoted as sent (scrubbed by _refuse), not lowered
            raise self._refuse(
                f"its Content-Encoding is {unknown[0]!r}, which piriod did not ask for (it"
                f" sends Accept-Encoding: {ACCEPT_ENCODING}) and cannot decode"
            )
        encodings = [value.lower() for value in sent]
        # Listed in the order they were applied: the last one is undone first.
        self._layers = [_Inflate(value) for value in reversed(encodings)]
        length = response.headers.get("content-length", "").strip()
        if length.isascii() and length.isdigit() and int(length) > cap:
            raise self._too_big(f"its Content-Length is {int(length):,} bytes")

    @property
    def where(self) -> str:
        return f"{self._request.method} {self._request.url.path}"

    def _refuse(self, problem: str) -> UnexpectedResponseError:
        # A little more than the excerpt, so that the token is scrubbed before the cut and
        # no prefix of it survives the cut.
        room = _EXCERPT + (len(self._secret) if self._secret is not None else 0)
        excerpt = b""
        for part in self._parts:  # not a join of all of them: that could be the cap again
            excerpt += part[: room - len(excerpt)]
            if len(excerpt) == room:
                break
        if self._secret is not None:
            excerpt = self._secret.scrub_bytes(excerpt)
        # The problem may quote a header of the reply (its Content-Encoding).
        return UnexpectedResponseError(
            f"{self.where} answered {self._response.status_code} but"
            f" {shown_with(self._secret)(problem)}; the reply was refused",
            status_code=self._response.status_code,
            body=excerpt[:_EXCERPT],
        )

    def _too_big(self, how: str) -> UnexpectedResponseError:
        return self._refuse(
            f"the reply is larger than max_response_bytes={self._cap} ({_size(self._cap)}):"
            f" {how}. It was not read to the end. If replies this large are expected, raise"
            " the cap: Piriod(max_response_bytes=...) or AsyncPiriod(max_response_bytes=...)"
        )

    def feed(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > self._cap:
            raise self._too_big(f"more than {self._cap:,} bytes came")
        try:
            for piece in self._decode(chunk, 0):
                self._keep(piece)
        except zlib.error as error:
            raise self._refuse(f"its body could not be decompressed ({error})") from None

    def _decode(self, data: bytes, layer: int) -> Iterator[bytes]:
        if layer == len(self._layers):
            yield data
            return
        for piece in self._layers[layer].feed(data):
            yield from self._decode(piece, layer + 1)

    def _keep(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._cap:
            raise self._too_big(f"its body inflates to more than {self._cap:,} bytes")
        self._parts.append(piece)

    def _finish_layers(self) -> None:
        for index, layer in enumerate(self._layers):
            for piece in layer.finish():
                for out in self._decode(piece, index + 1):
                    self._keep(out)

    def response(self) -> httpx.Response:
        """The reply, read to the end: its content decoded, its headers without the
        Content-Encoding (that would have httpx decode it again) nor a stale length."""
        try:
            self._finish_layers()
        except zlib.error as error:
            raise self._refuse(f"its body could not be decompressed ({error})") from None
        return self._ready(b"".join(self._parts))

    def ready_made(self, content: bytes) -> httpx.Response:
        """A reply a transport handed over already read (a mock's or the in-process
        sandbox's): httpx decoded it when it was made; only its size is left to check."""
        if len(content) > self._cap:
            raise self._too_big(f"its body is {len(content):,} bytes")
        return self._ready(content)

    def _ready(self, content: bytes) -> httpx.Response:
        dropped = (b"content-encoding", b"content-length", b"transfer-encoding")
        headers = [
            (name, value)
            for name, value in self._response.headers.raw
            if name.lower() not in dropped
        ]
        extensions = {
            key: value
            for key, value in self._response.extensions.items()
            if key in ("http_version", "reason_phrase")
        }
        reason = extensions.get("reason_phrase")
        if isinstance(reason, bytes):  # shown by repr(response): a server may echo the token
            extensions["reason_phrase"] = shown_with(self._secret)(reason.decode("latin-1")).encode(
                "latin-1"
            )
        return httpx.Response(
            self._response.status_code,
            headers=headers,
            content=content,
            request=self._request,
            extensions=extensions,
        )


def _overdue(request: httpx.Request, budget: float) -> DeadlineExceeded:
    return DeadlineExceeded(_overdue_message(budget), request=request)


def send_sync(
    http: httpx.Client,
    request: httpx.Request,
    *,
    budget: float,
    cap: int,
    secret: Secret | None = None,
) -> httpx.Response:
    """Sends `request` and reads the whole reply within `budget` seconds and `cap` bytes.

    Redirects are never followed and the client's own `auth` never applies, whatever the
    client (one of the caller's may follow redirects or carry credentials of its own): the
    request goes to base_url with piriod's token and nothing else. `secret` is scrubbed from
    a refused reply's error."""
    deadline = time.monotonic() + budget
    token = _deadline.set((deadline, budget))
    try:
        response = http.send(request, stream=True, follow_redirects=False, auth=None)
        try:
            body = _Body(response, request, cap, secret)
            if response.is_stream_consumed:
                return body.ready_made(response.content)
            for chunk in response.iter_raw():
                body.feed(chunk)
                if time.monotonic() > deadline:  # all a client of the user's leaves to check
                    raise _overdue(request, budget)
            return body.response()
        finally:
            response.close()
    finally:
        _deadline.reset(token)


async def send_async(
    http: httpx.AsyncClient,
    request: httpx.Request,
    *,
    budget: float,
    cap: int,
    secret: Secret | None = None,
) -> httpx.Response:
    """The async `send_sync`: the whole attempt is cancelled at its deadline."""
    import anyio  # noqa: PLC0415 (imported on first use: `import piriod` stays cheap)

    response: httpx.Response | None = None
    try:
        with anyio.fail_after(budget):
            response = await http.send(request, stream=True, follow_redirects=False, auth=None)
            body = _Body(response, request, cap, secret)
            if response.is_stream_consumed:
                return body.ready_made(response.content)
            async for chunk in response.aiter_raw():
                body.feed(chunk)
            return body.response()
    except TimeoutError:
        raise _overdue(request, budget) from None
    finally:
        if response is not None:  # out of the cancelled scope, so closing is not cancelled
            await response.aclose()
