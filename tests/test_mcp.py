"""`piriod mcp` as an assistant meets it: the server runs as a subprocess over stdio, against
the sandbox on loopback, and the MCP SDK's own stdio client lists and calls its tools. The
token is hunted in everything the server sends, results, errors and its stderr alike."""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import socket
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import HostileAPI, serving
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.types import CallToolResult, LoggingMessageNotificationParams

from piriod.sandbox import SandboxAPI, SandboxServer

from conftest import this_code_env

SECRET = "sk_live_mcp_secret_93b1d7"
WRONG = "sk_live_wrong_token_5e2c0a"

Session = Callable[[ClientSession], Awaitable[None]]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[SandboxAPI, str]]:
    api = SandboxAPI(seed=4, customers=120, products=15, token=SECRET)
    with SandboxServer(api) as server:
        yield api, server.url


def run_session(url: str, work: Session, tmp: Path, **env: str) -> str:
    """Runs `work` against a fresh `piriod mcp`; returns what the server wrote to stderr and
    every notification it sent."""
    variables = this_code_env(
        {
            "PIRIOD_BASE_URL": url,
            "PIRIOD_API_TOKEN": SECRET,
            "PIRIOD_WORKSPACE": "acc_sandbox",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            **env,
        }
    )
    if "PIRIOD_TEST_MODE" not in env:
        variables.pop("PIRIOD_TEST_MODE", None)
    parameters = StdioServerParameters(
        command=sys.executable, args=["-m", "piriod", "mcp"], env=variables
    )
    log = tmp / f"stderr-{len(list(tmp.iterdir()))}.txt"

    heard: list[str] = []  # notifications and log messages: the token is hunted there too

    async def hear(message: Any) -> None:
        heard.append(repr(message))

    async def hear_log(params: LoggingMessageNotificationParams) -> None:
        heard.append(repr(params))

    async def main() -> None:
        with log.open("w") as errlog:
            async with (
                stdio_client(parameters, errlog=errlog) as (read, write),
                ClientSession(
                    read, write, logging_callback=hear_log, message_handler=hear
                ) as session,
            ):
                await session.initialize()
                await asyncio.wait_for(work(session), timeout=60)

    asyncio.run(main())
    return log.read_text() + "".join(heard)


def sent(result: CallToolResult) -> str:
    """Everything a tool result carries, as text."""
    texts = [getattr(part, "text", "") for part in result.content]
    return json.dumps(result.structured_content) + "".join(texts)


def nulls(value: Any) -> list[str]:
    """Paths of the null or empty values inside `value`."""
    if isinstance(value, dict):
        found = [key for key, inner in value.items() if inner is None or inner in ("", [], {})]
        return found + [f"{key}.{path}" for key, inner in value.items() for path in nulls(inner)]
    if isinstance(value, list):
        return [path for inner in value for path in nulls(inner)]
    return []


def test_the_tools_are_listed_read_only_with_every_argument_described(
    served: tuple[SandboxAPI, str], tmp_path: Path
) -> None:
    _, url = served
    listed: dict[str, Any] = {}

    async def work(session: ClientSession) -> None:
        for tool in (await session.list_tools()).tools:
            listed[tool.name] = tool

    run_session(url, work, tmp_path)
    assert sorted(listed) == [
        "count_customers",
        "list_customers",
        "list_products",
        "search_customers",
    ]
    for tool in listed.values():
        assert tool.annotations.read_only_hint is True
        assert tool.description
        properties = tool.input_schema["properties"]
        assert all(spec.get("description") for spec in properties.values()), tool.name
    limit = listed["list_customers"].input_schema["properties"]["limit"]
    assert (limit["default"], limit["minimum"], limit["maximum"]) == (20, 1, 100)
    assert listed["search_customers"].input_schema["required"] == ["query"]


def test_each_tool_answers_from_the_sandbox_bounded_and_without_nulls(
    served: tuple[SandboxAPI, str], tmp_path: Path
) -> None:
    api, url = served
    results: dict[str, CallToolResult] = {}

    async def work(session: ClientSession) -> None:
        results["chile"] = await session.call_tool("list_customers", {"country": "CL", "limit": 5})
        results["all"] = await session.call_tool("list_customers", {})
        results["count"] = await session.call_tool("count_customers", {"country": "CL"})
        results["search"] = await session.call_tool("search_customers", {"query": "gonz"})
        results["products"] = await session.call_tool("list_products", {"limit": 100})

    stderr = run_session(url, work, tmp_path)
    customers = api.items("customers")
    chilean = [item for item in customers if item["country"] and item["country"]["id"] == "CL"]
    chile = results["chile"].structured_content
    assert chile is not None
    assert (chile["mode"], chile["count"], chile["returned"], chile["more"]) == (
        "live",
        len(chilean),
        5,
        True,
    )
    assert [item["id"] for item in chile["customers"]] == [item["id"] for item in chilean[:5]]
    first = chile["customers"][0]
    assert first["name"] == chilean[0]["name"]
    created = datetime.datetime.fromisoformat(first["created"])
    assert created == datetime.datetime.fromisoformat(chilean[0]["created"])
    assert first["country"] == {"id": "CL", "name": "Chile"}
    everyone = results["all"].structured_content
    assert everyone is not None
    assert (everyone["count"], everyone["returned"]) == (120, 20)
    assert results["count"].structured_content == {"mode": "live", "count": len(chilean)}
    found = results["search"].structured_content
    assert found is not None
    searched = ("name", "email", "tax_id", "reference")
    matches = [
        item["id"]
        for item in customers
        if "gonz" in " ".join(item.get(key) or "" for key in searched).casefold()
    ]
    assert found["count"] == len(matches) > 0
    assert [item["id"] for item in found["customers"]] == matches[:20]
    products = results["products"].structured_content
    assert products is not None
    assert products["count"] == products["returned"] == 15
    served_products = {item["id"]: item for item in api.items("products")}
    for product in products["products"]:
        original = served_products[product["id"]]
        plans = [plan["id"] for plan in original["plans"]]
        assert [plan["id"] for plan in product.get("plans", [])] == plans
        for plan, served_plan in zip(product.get("plans", []), original["plans"], strict=True):
            assert len(plan.get("tiers", [])) == len(served_plan["tiers"])
            assert isinstance(plan["amount"], int | float)
    for result in results.values():
        assert result.is_error is False
        assert nulls(result.structured_content) == []
        assert SECRET not in sent(result)
    assert SECRET not in stderr


def test_test_mode_comes_from_the_environment_and_every_answer_says_so(
    served: tuple[SandboxAPI, str], tmp_path: Path
) -> None:
    api, url = served
    results: list[CallToolResult] = []

    async def work(session: ClientSession) -> None:
        results.append(await session.call_tool("count_customers", {}))
        results.append(await session.call_tool("list_products", {"limit": 1}))

    run_session(url, work, tmp_path, PIRIOD_TEST_MODE="true")
    counted, products = (result.structured_content for result in results)
    assert counted == {"mode": "test", "count": api.count("customers", test_mode=True)}
    assert products is not None
    assert products["mode"] == "test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_errors_are_tool_errors_and_the_server_keeps_answering(
    served: tuple[SandboxAPI, str], tmp_path: Path
) -> None:
    _, url = served
    results: dict[str, CallToolResult] = {}

    async def work(session: ClientSession) -> None:
        results["date"] = await session.call_tool("list_customers", {"created_since": "March"})
        results["limit"] = await session.call_tool("list_customers", {"limit": 500})
        results["after"] = await session.call_tool("count_customers", {})

    stderr = run_session(url, work, tmp_path)
    assert results["date"].is_error is True
    assert sent(results["date"]).endswith(
        "'March' is not an ISO 8601 date (the date must be year-month-day, with four digits"
        " for the year); write it like 2026-01-05, 2026-01-05T10:00 or"
        " 2026-01-05T10:00:00-03:00"
    )
    assert results["limit"].is_error is True
    assert "less than or equal to 100" in sent(results["limit"])
    assert results["after"].is_error is False
    assert results["after"].structured_content == {"mode": "live", "count": 120}
    assert "Traceback" not in stderr

    refused: list[CallToolResult] = []

    async def wrong_token(session: ClientSession) -> None:
        refused.append(await session.call_tool("count_customers", {}))
        refused.append(await session.call_tool("search_customers", {"query": "a"}))

    stderr = run_session(url, wrong_token, tmp_path, PIRIOD_API_TOKEN=WRONG)
    assert [result.is_error for result in refused] == [True, True]
    assert sent(refused[0]).endswith(
        "401 Unauthorized from GET /customers/: Invalid token. (check the token"
        " (PIRIOD_API_TOKEN); a new token invalidates the old)"
    )
    assert all(WRONG not in sent(result) for result in refused)
    assert WRONG not in stderr

    down: list[CallToolResult] = []

    async def api_down(session: ClientSession) -> None:
        down.append(await session.call_tool("list_products", {}))
        down.append(await session.call_tool("list_products", {}))

    dead = f"http://127.0.0.1:{free_port()}"
    stderr = run_session(dead, api_down, tmp_path)
    assert [result.is_error for result in down] == [True, True]
    assert sent(down[0]).endswith(
        "Error executing tool list_products: GET /products/ (after 3 attempts) failed before"
        " any answer (ConnectError: All connection attempts failed); check the network and"
        " PIRIOD_BASE_URL"
    )
    assert SECRET not in stderr + "".join(sent(result) for result in down)


def test_a_missing_token_is_a_tool_error_not_a_dead_server(
    served: tuple[SandboxAPI, str], tmp_path: Path
) -> None:
    _, url = served
    results: list[CallToolResult] = []

    async def work(session: ClientSession) -> None:
        results.append(await session.call_tool("count_customers", {}))
        results.append(await session.call_tool("count_customers", {}))

    run_session(url, work, tmp_path, PIRIOD_API_TOKEN="")
    assert [result.is_error for result in results] == [True, True]
    assert "PIRIOD_API_TOKEN" in sent(results[0])


def test_the_readmes_client_entry_runs_this_server() -> None:
    from conftest import ROOT  # noqa: PLC0415

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```json\n", 1)[1].split("```", 1)[0]
    entry = json.loads(block)["mcpServers"]["piriod"]
    assert entry["command"].endswith("/bin/piriod")
    assert entry["args"] == ["mcp"]
    assert sorted(entry["env"]) == ["PIRIOD_API_TOKEN", "PIRIOD_TEST_MODE", "PIRIOD_WORKSPACE"]


class EchoingAPI(HostileAPI):
    """Answers 400 with a detail that quotes the request's Authorization header back."""

    def reply(self, page: int, page_size: int) -> tuple[int, bytes]:
        with self._lock:
            authorization = self.headers[-1].get("authorization", "")
        return 400, json.dumps(
            {"detail": f"rejected {authorization}", "echo": authorization}
        ).encode()


def test_a_server_echoing_the_token_never_gets_it_into_an_answer(tmp_path: Path) -> None:
    answers: list[CallToolResult] = []

    async def work(session: ClientSession) -> None:
        answers.append(await session.call_tool("count_customers", {}))
        answers.append(await session.call_tool("search_customers", {"query": "x"}))

    with serving(EchoingAPI(10)) as url:
        said = run_session(url, work, tmp_path)
    assert [answer.is_error for answer in answers] == [True, True]
    assert "400 Bad Request from GET /customers/" in sent(answers[0])
    assert all(SECRET not in sent(answer) for answer in answers)
    assert SECRET not in said
