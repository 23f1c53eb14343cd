"""Every ```python block of README.md runs, as written, against the in-process sandbox.

Each block runs on its own, in a fresh namespace holding what the README's examples take
as given: `client` (a `Piriod`), `aclient` (an `AsyncPiriod`) and `save` (a function that
keeps what it is given). `Piriod` and `AsyncPiriod` themselves are replaced by subclasses
wired to the sandbox, whatever token, workspace or base URL a block passes, so that
`Piriod(token="sk_live_...", workspace="acc_...")` works as written; so is the generated
`piriod_api.AuthenticatedClient` (its `prefix` is kept: a wrong one still gets a 401).
Blocks are compiled as a script would be: top-level `await` or `async with` is a
SyntaxError. Warnings are errors, as in the rest of the suite.

A block that cannot run here says so in the README itself, on the line before its fence
(blank lines allowed between):

    <!-- not run: why, in words -->
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import piriod
import piriod_api
from piriod import AsyncPiriod, Piriod
from piriod.sandbox import IN_PROCESS_BASE_URL, SandboxAPI
from piriod.sandbox._transport import AsyncSandboxTransport, SandboxTransport

from conftest import ROOT, this_code_env

README = ROOT / "README.md"
NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>.*?)\s*-->")
FENCE = re.compile(r"^```python\s*$")


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, 1-based
    source: str
    not_run: str | None  # the reason given, for a block marked `<!-- not run: ... -->`


def python_blocks(path: Path) -> list[Block]:
    """The ```python blocks of a Markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        if not FENCE.match(lines[index]):
            index += 1
            continue
        start = index
        index += 1
        body = []
        while index < len(lines) and lines[index].strip() != "```":
            body.append(lines[index])
            index += 1
        before = start - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        marker = NOT_RUN.search(lines[before]) if before >= 0 else None
        blocks.append(Block(start + 1, "\n".join(body) + "\n", marker and marker["reason"]))
        index += 1
    return blocks


# --- the sandbox behind every client a block makes --------------------------------------------


def sandbox_api() -> SandboxAPI:
    return SandboxAPI(seed=1)


class AnyWorkspace(SandboxTransport):
    """The sandbox, serving every workspace a block names (`acc_...`) as its own, so that
    `with_options(workspace=...)` examples run."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["x-simple-workspace"] = self.api.workspace
        return super().handle_request(request)


class AsyncAnyWorkspace(AsyncSandboxTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["x-simple-workspace"] = self.api.workspace
        return await super().handle_async_request(request)


class EitherWay(AnyWorkspace, AsyncAnyWorkspace):
    """For the generated client, which makes an httpx.Client or an httpx.AsyncClient from
    the same `httpx_args`."""


def sandbox_settings(api: SandboxAPI, kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs.update(token=api.token, workspace=api.workspace, base_url=IN_PROCESS_BASE_URL)
    return kwargs


class SandboxPiriod(Piriod):
    """`Piriod` as a README block makes it, wired to the sandbox."""

    api: SandboxAPI

    def __init__(self, **kwargs: Any) -> None:
        kwargs = sandbox_settings(self.api, kwargs)
        owns = "http_client" not in kwargs
        kwargs.setdefault("http_client", httpx.Client(transport=AnyWorkspace(self.api)))
        super().__init__(**kwargs)
        self._owns_http = owns


class AsyncSandboxPiriod(AsyncPiriod):
    """`AsyncPiriod` as a README block makes it, wired to the sandbox (in every event loop)."""

    api: SandboxAPI

    def __init__(self, **kwargs: Any) -> None:
        kwargs = sandbox_settings(self.api, kwargs)
        owns = "http_client" not in kwargs
        kwargs.setdefault("http_client", self._sandbox_client())
        super().__init__(**kwargs)
        self._owns_http = owns

    def _sandbox_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=AsyncAnyWorkspace(self.api))

    def _own_client(self, kind: Any) -> Any:  # a fresh pool for a new event loop
        return self._sandbox_client()


@pytest.fixture
def namespace(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Any]]:
    monkeypatch.chdir(tmp_path)  # where a block's files go (piriod sync's piriod.duckdb)
    api = sandbox_api()
    sync_kind = type("Piriod", (SandboxPiriod,), {"api": api})
    async_kind = type("AsyncPiriod", (AsyncSandboxPiriod,), {"api": api})
    monkeypatch.setattr(piriod, "Piriod", sync_kind)
    monkeypatch.setattr(piriod, "AsyncPiriod", async_kind)
    real_authenticated_client = piriod_api.AuthenticatedClient

    def authenticated_client(**kwargs: Any) -> piriod_api.AuthenticatedClient:
        kwargs.update(base_url=IN_PROCESS_BASE_URL, token=api.token)
        kwargs["httpx_args"] = {**kwargs.get("httpx_args", {}), "transport": EitherWay(api)}
        return real_authenticated_client(**kwargs)

    monkeypatch.setattr(piriod_api, "AuthenticatedClient", authenticated_client)
    saved: list[object] = []
    client = sync_kind()
    aclient = async_kind()
    yield {"__name__": "__main__", "client": client, "aclient": aclient, "save": saved.append}
    client.close()


BLOCKS = python_blocks(README)


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 5
    assert [block.line for block in BLOCKS if block.not_run == ""] == []  # a reason is given


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{block.line}" for block in BLOCKS])
def test_a_readme_example_runs(block: Block, namespace: dict[str, Any]) -> None:
    if block.not_run is not None:
        pytest.skip(f"marked in README.md: not run: {block.not_run}")
    code = compile(block.source, f"README.md:{block.line}", "exec", flags=0, dont_inherit=True)
    exec(code, namespace)  # noqa: S102 (the README's own examples)


def test_blocks_are_found_with_their_markers(tmp_path: Path) -> None:
    text = (
        "Intro\n\n```python\nx = 1\n```\n\n<!-- not run: needs a live token -->\n\n"
        "```python\ny = 2\n```\n\n```\nnot python\n```\n"
    )
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    assert python_blocks(path) == [
        Block(3, "x = 1\n", None),
        Block(9, "y = 2\n", "needs a live token"),
    ]
    assert ast.parse(python_blocks(path)[0].source)


def test_every_make_command_the_readme_names_is_a_target() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][\w-]*)", readme))
    assert {"demo", "test", "mutate", "bench", "fuzz"} <= named
    assert named - targets == set()


def console_blocks(path: Path) -> dict[str, str]:
    """Each ```console block of `path` that shows one command's output: command -> output."""
    found: dict[str, str] = {}
    for match in re.finditer(r"```console\n\$ ([^\n]+)\n(.*?)```\n", path.read_text("utf-8"), re.S):
        found[match.group(1)] = match.group(2)
    return found


@pytest.mark.parametrize("command", ["piriod customers list --help"])
def test_the_readme_shows_the_real_help(command: str, tmp_path: Path) -> None:
    # The help as a person in Chile sees it in an 80-column terminal.
    env = {**this_code_env(), "COLUMNS": "80", "TZ": "America/Santiago"}
    shown = subprocess.run(
        [sys.executable, "-m", "piriod", *command.split()[1:]],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert console_blocks(ROOT / "README.md")[command] == shown
