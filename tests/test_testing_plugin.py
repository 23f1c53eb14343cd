"""The pytest plugin as its users meet it: a test file of theirs, with no conftest, run by
pytest in a fresh process (pytester) with only piriod installed."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = '''
import asyncio
import os
import subprocess
import sys

import httpx
import pytest

from piriod import Piriod


def count_customers():
    """The application's own code: it makes its client from the environment."""
    with Piriod() as client:
        return sum(1 for _ in client.customers.list())


def test_the_client_sees_the_default_sandbox(piriod_client, piriod_sandbox):
    assert piriod_sandbox.count("customers") == 250
    assert sum(1 for _ in piriod_client.customers.list()) == 250


@pytest.mark.piriod_sandbox(customers=12, products=3, seed=7)
def test_the_marker_sizes_and_seeds_the_sandbox(piriod_client, piriod_sandbox):
    ids = [customer.id for customer in piriod_client.customers.list()]
    assert len(ids) == 12
    assert sorted(ids) == sorted(item["id"] for item in piriod_sandbox.items("customers"))
    assert piriod_client.products.page().count == 3


@pytest.mark.piriod_sandbox(customers=5)
def test_a_change_to_the_sandbox_shows(piriod_client, piriod_sandbox):
    first = piriod_sandbox.items("customers")[0]
    piriod_sandbox.delete("customers", first["id"])
    assert first["id"] not in {customer.id for customer in piriod_client.customers.list()}


@pytest.mark.piriod_sandbox(customers=30)
def test_the_async_client(async_piriod_client):
    async def count():
        return len([customer async for customer in async_piriod_client.customers.list()])

    assert asyncio.run(count()) == 30


SERVED = []


@pytest.mark.piriod_sandbox(customers=40)
def test_unchanged_code_and_the_command_talk_to_the_served_sandbox(piriod_sandbox_server):
    SERVED.append(piriod_sandbox_server.url)
    assert os.environ["PIRIOD_BASE_URL"] == piriod_sandbox_server.url
    assert piriod_sandbox_server.url.startswith("http://127.0.0.1:")
    assert count_customers() == 40
    done = subprocess.run(
        [sys.executable, "-m", "piriod", "customers", "list", "--format", "jsonl"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 40


def test_the_server_is_stopped_and_the_environment_restored_after_the_test():
    assert "PIRIOD_BASE_URL" not in os.environ
    assert "PIRIOD_API_TOKEN" not in os.environ
    with pytest.raises(httpx.ConnectError):
        httpx.get(SERVED[0] + "/customers/", timeout=2)
'''


def test_a_users_test_file_passes_under_plain_pytest(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    for name in ("PIRIOD_BASE_URL", "PIRIOD_API_TOKEN", "PIRIOD_WORKSPACE", "PIRIOD_TEST_MODE"):
        monkeypatch.delenv(name, raising=False)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=180)
    result.assert_outcomes(passed=6)


def test_a_mistyped_marker_option_is_named_with_the_choices(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_user="""
import pytest

@pytest.mark.piriod_sandbox(customer=5)
def test_typo(piriod_client):
    pass
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.piriod_sandbox does not know customer: use customers, faults,"
            " products, seed, token, workspace*"
        ]
    )


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers", timeout=120)
    result.stdout.fnmatch_lines(["@pytest.mark.piriod_sandbox(customers=250, products=40,*"])
