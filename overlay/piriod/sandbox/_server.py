"""The sandbox over real HTTP: an ASGI app around the handler, served by uvicorn.

uvicorn because the sandbox must answer many requests at once while each waits out its
injected latency: an asyncio server sleeps without holding a thread, so concurrency 8 or
64 costs nothing and benchmarks measure the client, not the server. It is small (its only
other dependencies are h11, which httpx already brings, and click) and made for exactly this.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl

from ._api import SandboxAPI, SandboxRequest

__all__ = ["SandboxApp", "SandboxServer", "bind_socket"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_STARTUP_TIMEOUT = 20.0
_SHUTDOWN_TIMEOUT = 10.0


class DroppedConnection(Exception):  # noqa: N818 (named for what it does to the client)
    """Raised after the response has started, which makes uvicorn close the connection."""


class _HideDroppedConnections(logging.Filter):
    """uvicorn logs any exception from the app; a drop on purpose is not worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DroppedConnection))


class SandboxApp:
    """The ASGI app: every HTTP request goes to `SandboxAPI.handle`.

    `peak_in_flight` is the most requests it has answered at once (proof that injected
    latency does not serialize requests).
    """

    def __init__(self, api: SandboxAPI) -> None:
        self.api = api
        self.in_flight = 0
        self.peak_in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            await self._answer(scope, send)
        finally:
            self.in_flight -= 1

    async def _answer(self, scope: Scope, send: Send) -> None:
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        host, port = scope.get("server") or ("127.0.0.1", 80)
        origin = f"{scope['scheme']}://{headers.get('host') or f'{host}:{port}'}"
        query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        request = SandboxRequest(scope["method"], scope["path"], query, headers, origin)
        reply = self.api.handle(request)
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.drop:
            # A promised body that never comes: the client sees the connection close mid-reply.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"64")],
                }
            )
            raise DroppedConnection
        raw_headers = [(name.encode(), value.encode()) for name, value in reply.headers]
        raw_headers.append((b"content-length", str(len(reply.body)).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": reply.body})


def bind_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening socket; port 0 picks a free one, known before the server starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(512)
    except OSError:
        sock.close()
        raise
    return sock


def make_server(app: SandboxApp, *, access_log: bool = False) -> Any:
    """A uvicorn server for the app (imported here: the in-process sandbox needs no uvicorn)."""
    try:
        import uvicorn  # noqa: PLC0415
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "The sandbox's HTTP server needs uvicorn: pip install 'uvicorn>=0.30' (what"
            " piriod's `sandbox` extra installs; from a checkout: pip install '.[sandbox]')"
        ) from None
    logging.getLogger("uvicorn.error").addFilter(_HideDroppedConnections())
    config = uvicorn.Config(
        app,
        lifespan="off",
        access_log=access_log,
        log_level="info" if access_log else "warning",
        timeout_keep_alive=30,
    )
    return uvicorn.Server(config)


class SandboxServer:
    """The sandbox on a free port of 127.0.0.1, in a background thread.

    with SandboxServer(SandboxAPI()) as server:
        client = Piriod(base_url=server.url, token=..., workspace=...)
    """

    def __init__(self, api: SandboxAPI, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.api = api
        self._socket = bind_socket(host, port)
        bound_host, self.port = self._socket.getsockname()[:2]
        self.url = (
            f"http://{'[' + bound_host + ']' if ':' in bound_host else bound_host}:{self.port}"
        )
        self.app = SandboxApp(api)
        self._server = make_server(self.app)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + _STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the sandbox did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(_SHUTDOWN_TIMEOUT)
        self._socket.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    api: SandboxAPI,
    *,
    host: str,
    port: int,
    ready_file: Path | None,
    banner: Callable[[str], None],
    access_log: bool = False,
) -> None:
    """Serves in the foreground until Ctrl-C or SIGTERM (uvicorn handles both)."""
    sock = bind_socket(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    url = f"http://{'[' + bound_host + ']' if ':' in bound_host else bound_host}:{bound_port}"
    server = make_server(SandboxApp(api), access_log=access_log)
    banner(url)
    if ready_file is not None:
        # Written only once the socket listens, so whoever waits for it can connect at once.
        temporary = ready_file.with_name(ready_file.name + ".tmp")
        temporary.write_text(url + "\n", encoding="utf-8")
        temporary.replace(ready_file)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
