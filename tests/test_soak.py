"""Fault soak over loopback: walks through 10% 5xx, 5% 429 (Retry-After 0-1 s) and 2% dropped
connections yield exactly the ids of a clean walk, in the same order, sync and async, over
several fault seeds; and a walk whose retries run out resumes to the same result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from piriod import APIConnectionError, PiriodError, RateLimitError, ServerError
from piriod import sandbox as sandbox_module
from piriod.sandbox import Faults, SandboxAPI, SandboxServer

from drivers import MODES, Driver, Mode

DATA_SEED = 5
CUSTOMERS = 2000
PAGE_SIZE = 50  # 40 pages a walk: more requests, more faults met
FAULT_SEEDS = (1, 2, 3)
MAX_RESUMES = 200  # a bound: each resume is one failed page


def soak_faults(seed: int) -> Faults:
    return Faults(
        server_error_rate=0.10,
        rate_limit_rate=0.05,
        drop_rate=0.02,
        retry_after_min=0,
        retry_after_max=1,
        seed=seed,
    )


@pytest.fixture(scope="module")
def clean_ids() -> list[str]:
    api = SandboxAPI(seed=DATA_SEED, customers=CUSTOMERS)
    with sandbox_module.client(api) as client:
        return [customer.id for customer in client.customers.list(page_size=PAGE_SIZE)]


@pytest.fixture
def faulty_server(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    api = SandboxAPI(seed=DATA_SEED, customers=CUSTOMERS, faults=soak_faults(request.param))
    with SandboxServer(api) as server:
        yield server


def driver(mode: Mode, server: SandboxServer, **kwargs: Any) -> Driver:
    return Driver(
        mode,
        None,
        token=server.api.token,
        workspace=server.api.workspace,
        base_url=server.url,
        **kwargs,
    )


def test_the_clean_walk_is_complete(clean_ids: list[str]) -> None:
    assert len(clean_ids) == len(set(clean_ids)) == CUSTOMERS


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("faulty_server", FAULT_SEEDS, indirect=True)
def test_a_faulty_walk_loses_and_repeats_nothing(
    mode: Mode, faulty_server: SandboxServer, clean_ids: list[str]
) -> None:
    ids = [c.id for c in driver(mode, faulty_server, max_retries=8).items(page_size=PAGE_SIZE)]
    assert ids == clean_ids
    served = faulty_server.api.faults_served
    assert served.get("5xx", 0) > 0
    assert served.get("429", 0) + served.get("drop", 0) > 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("faulty_server", FAULT_SEEDS[:1], indirect=True)
def test_a_walk_without_retries_fails_typed_and_resumes_to_the_same_result(
    mode: Mode, faulty_server: SandboxServer, clean_ids: list[str]
) -> None:
    collected: list[Any] = []
    failures: list[PiriodError] = []
    start_page = 1
    for _ in range(MAX_RESUMES):
        try:
            driver(mode, faulty_server, max_retries=0).collect(
                collected, page_size=PAGE_SIZE, start_page=start_page
            )
            break
        except (ServerError, RateLimitError, APIConnectionError) as error:
            failures.append(error)
            start_page = error.page or 1  # a missing page shows as repeats in the check below
    else:
        pytest.fail(f"no complete walk after {MAX_RESUMES} resumes")
    assert failures, "with these fault rates and no retries, some page must fail"
    assert all(failure.page is not None for failure in failures)
    assert {type(f) for f in failures} <= {ServerError, RateLimitError, APIConnectionError}
    assert [c.id for c in collected] == clean_ids
