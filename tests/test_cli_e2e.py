"""The CLI as a user runs it: `piriod sandbox` in its own process on a free loopback port,
and `piriod ... list` exports from it, each item exactly once."""

from __future__ import annotations

import csv
import datetime
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from piriod import Piriod
from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE

from conftest import this_code_env

CUSTOMERS = 345  # not a multiple of any page size used below: the last page is partial
STARTUP_SECONDS = 30
COMMAND_SECONDS = 60


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ready = tmp_path_factory.mktemp("sandbox") / "url"
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "piriod", "sandbox", "--port", "0"),
            *("--ready-file", str(ready), "--customers", str(CUSTOMERS), "--seed", "11"),
        ],
        env=this_code_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not ready.exists():
            if process.poll() is not None:
                pytest.fail(
                    f"piriod sandbox exited: {process.stderr.read() if process.stderr else ''!r}"
                )
            if time.monotonic() > deadline:
                pytest.fail("piriod sandbox did not start in time")
            time.sleep(0.05)
        url = ready.read_text(encoding="utf-8").strip()
        assert url.startswith("http://127.0.0.1:")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def piriod(url: str, *args: str, token: str = DEFAULT_TOKEN) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PIRIOD_BASE_URL": url,
        "PIRIOD_API_TOKEN": token,
        "PIRIOD_WORKSPACE": DEFAULT_WORKSPACE,
        "PIRIOD_TEST_MODE": "false",
    }
    return subprocess.run(
        [sys.executable, "-m", "piriod", *args],
        env=this_code_env(env),
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=False,
    )


def api_count(url: str, resource: str) -> int:
    with Piriod(token=DEFAULT_TOKEN, workspace=DEFAULT_WORKSPACE, base_url=url) as client:
        count: int = getattr(client, resource).page(page_size=1).count
        return count


def test_a_csv_export_has_every_customer_exactly_once(sandbox_url: str, tmp_path: Path) -> None:
    output = tmp_path / "customers.csv"
    done = piriod(sandbox_url, "customers", "list", "--format", "csv", "--output", str(output))
    assert done.returncode == 0, done.stderr
    with output.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    ids = [row["id"] for row in rows]
    assert len(rows) == api_count(sandbox_url, "customers") == CUSTOMERS
    assert len(set(ids)) == len(ids)


def test_jsonl_to_a_pipe_with_small_pages(sandbox_url: str) -> None:
    done = piriod(sandbox_url, "customers", "list", "--page-size", "7", "--ordering", "-created")
    assert done.returncode == 0, done.stderr
    items = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(items) == len({item["id"] for item in items}) == CUSTOMERS
    created = [datetime.datetime.fromisoformat(item["created"]) for item in items]
    assert created == sorted(created, reverse=True)


def test_a_filtered_json_export_of_products(sandbox_url: str, tmp_path: Path) -> None:
    output = tmp_path / "products.json"
    done = piriod(sandbox_url, "products", "list", "--format", "json", "--output", str(output))
    assert done.returncode == 0, done.stderr
    products = json.loads(output.read_text(encoding="utf-8"))
    assert len(products) == api_count(sandbox_url, "products")
    assert all(isinstance(product["plans"], list) for product in products)


def test_a_wrong_token_is_one_line_and_exit_1(sandbox_url: str) -> None:
    done = piriod(sandbox_url, "customers", "list", token="sk_wrong")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("piriod: error: 401")
    assert done.stderr.count("\n") == 1
    assert "sk_wrong" not in done.stderr
