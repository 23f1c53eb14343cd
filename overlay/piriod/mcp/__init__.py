"""`piriod mcp`: an MCP (Model Context Protocol) server over stdio, so AI assistants can read
a workspace's customers and products, safely: read-only tools, bounded answers, errors as
tool errors, no token in anything sent. Extra `mcp` (the official MCP Python SDK; from a
checkout `pip install '.[mcp]'`).

Credentials come from the environment, as for the command line: PIRIOD_API_TOKEN,
PIRIOD_WORKSPACE, and PIRIOD_TEST_MODE for the workspace's test data.
"""

from __future__ import annotations

from ._server import DEFAULT_LIMIT, MAX_LIMIT, build_server

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "build_server", "serve"]


def serve() -> None:
    """Runs the server on standard input and output until the client closes them."""
    from .._client import AsyncPiriod  # noqa: PLC0415

    build_server(AsyncPiriod).run("stdio")
