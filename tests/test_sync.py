"""`piriod.sync` and `piriod sync` into a real DuckDB file: the tables equal the API after a
full sync, a second run changes nothing, updates and deletions show, `new_only` loads only
new customers, a failed sync leaves the old tables alone, live and test data never mix, and
the token reaches neither the database nor dlt's logs."""

from __future__ import annotations

import datetime
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dlt
import duckdb
import httpx
import pytest

from piriod import Piriod, ServerError, sandbox
from piriod.sandbox import IN_PROCESS_BASE_URL, SandboxAPI, SandboxServer
from piriod.sandbox._transport import SandboxTransport
from piriod.sync import DatasetMismatchError, SyncError, sync

from conftest import this_code_env

SECRET = "sk_live_sync_secret_4f7a9c"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder a sync writes its default piriod.duckdb into."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def api_with(customers: int = 60, products: int = 12) -> SandboxAPI:
    return SandboxAPI(seed=3, customers=customers, products=products, token=SECRET)


def tables(path: Path, dataset: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the dataset (dlt's own left out), its rows sorted, without dlt's
    columns (load ids and row keys, new at every load)."""
    with duckdb.connect(str(path), read_only=True) as db:
        names = [
            name
            for (name,) in db.execute(
                "select table_name from information_schema.tables where table_schema = ?"
                " order by table_name",
                [dataset],
            ).fetchall()
            if not name.startswith("_dlt")
        ]
        found = {}
        for name in names:
            columns = [
                column
                for (column,) in db.execute(
                    "select column_name from information_schema.columns where table_schema = ?"
                    " and table_name = ? order by column_name",
                    [dataset, name],
                ).fetchall()
                if not column.startswith("_dlt")
            ]
            select = ", ".join(f'"{column}"' for column in columns)
            rows = db.execute(f'select {select} from "{dataset}"."{name}"').fetchall()  # noqa: S608
            found[name] = sorted(rows, key=repr)
    return found


def query(path: Path, sql: str, *parameters: object) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as db:
        return db.execute(sql, list(parameters)).fetchall()


def customer_ids(path: Path, dataset: str = "piriod_live") -> list[str]:
    sql = f'select id from "{dataset}".customers order by id'  # noqa: S608 (a test's own name)
    return [row[0] for row in query(path, sql)]


def api_ids(api: SandboxAPI, resource: str = "customers", *, test_mode: bool = False) -> list[str]:
    return sorted(item["id"] for item in api.items(resource, test_mode=test_mode))


# --- a full sync -------------------------------------------------------------------------------


def test_a_full_sync_leaves_tables_equal_to_the_api(here: Path) -> None:
    api = api_with()
    with sandbox.client(api) as client:
        result = sync(client)
        customers = {customer.id: customer for customer in client.customers.list()}
    database = here / "piriod.duckdb"
    assert result.destination == str(database)
    assert result.dataset == "piriod_live"
    assert result.rows["customers"] == 60
    assert result.rows["products"] == 12
    assert customer_ids(database) == sorted(customers) == api_ids(api)
    rows = query(
        database,
        "select id, name, email, tax_id, status, created, country__id, aggregations__sales"
        " from piriod_live.customers",
    )
    assert len(rows) == 60
    served_by_id = {item["id"]: item for item in api.items("customers")}
    for item_id, name, email, tax_id, status, created, country, sales in rows:
        served = served_by_id[item_id]
        assert (name, email, tax_id, status) == (
            served["name"],
            served["email"],
            served["tax_id"],
            served["status"],
        )
        assert created == datetime.datetime.fromisoformat(served["created"])
        assert country == served["country"]["id"]
        assert sales == served["aggregations"]["sales"]
    contacts = query(
        database,
        "select c.id, k.id from piriod_live.customers c"
        " join piriod_live.customers__contacts k on k._dlt_parent_id = c._dlt_id",
    )
    assert sorted(contacts) == sorted(
        (customer.id, contact.id)
        for customer in customers.values()
        for contact in customer.contacts or []
    )
    tiers = query(database, "select count(*) from piriod_live.products__plans__tiers")[0][0]
    assert tiers == sum(len(plan["tiers"]) for p in api.items("products") for plan in p["plans"])


def test_a_second_sync_changes_nothing(here: Path) -> None:
    api = api_with()
    with sandbox.client(api) as client:
        sync(client)
        first = tables(here / "piriod.duckdb", "piriod_live")
        again = sync(client)
    assert tables(here / "piriod.duckdb", "piriod_live") == first
    assert again.rows["customers"] == 60
    assert set(first) >= {"customers", "customers__contacts", "products", "products__plans"}


def test_a_sync_leaves_dlts_settings_as_it_found_them(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It used to set dlt.config's load workers and file size for the whole process: a
    # pipeline of the user's own then ran with one loader and 10,000-row files.
    monkeypatch.setenv("LOAD__WORKERS", "7")
    monkeypatch.delenv("NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS", raising=False)
    with sandbox.client(api_with()) as client:
        sync(client)
    assert os.environ["LOAD__WORKERS"] == "7"
    assert "NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS" not in os.environ
    assert dlt.config.get("load.workers") == "7"  # the environment, as the user set it
    assert dlt.config.get("normalize.data_writer.file_max_items") is None


def test_an_update_and_a_deletion_show_at_the_next_sync(here: Path) -> None:
    api = api_with()
    changed, deleted = api.items("customers")[:2]
    with sandbox.client(api) as client:
        sync(client)
        api.put("customers", changed | {"name": "Nuevo Nombre SpA", "contacts": []})
        api.delete("customers", deleted["id"])
        sync(client)
    database = here / "piriod.duckdb"
    assert customer_ids(database) == api_ids(api)
    assert deleted["id"] not in customer_ids(database)
    name = query(database, "select name from piriod_live.customers where id = ?", changed["id"])
    assert name == [("Nuevo Nombre SpA",)]
    left = query(
        database,
        "select count(*) from piriod_live.customers__contacts k join piriod_live.customers c"
        " on k._dlt_parent_id = c._dlt_id where c.id in (?, ?)",
        changed["id"],
        deleted["id"],
    )
    assert left == [(0,)]


def test_a_column_first_seen_after_twenty_thousand_rows_still_loads(here: Path) -> None:
    # DuckDB guesses a JSON Lines file's columns from its first 20,480 rows.
    api = api_with(customers=20_600, products=0)
    late = new_customer(api, 1, "2031-01-01T00:00:00+00:00") | {"loyalty_tier": "gold"}
    api.put("customers", late)
    with sandbox.client(api) as client:
        result = sync(client, resources=["customers"])
    assert result.rows["customers"] == 20_601
    database = here / "piriod.duckdb"
    tiers = query(
        database,
        "select id, loyalty_tier from piriod_live.customers where loyalty_tier is not null",
    )
    assert tiers == [(late["id"], "gold")]


# --- new customers only ------------------------------------------------------------------------


def new_customer(api: SandboxAPI, number: int, created: str) -> dict[str, Any]:
    template = api.items("customers")[0]
    return template | {"id": f"cus_NEW{number:011d}", "name": f"Nuevo {number}", "created": created}


def test_new_only_loads_only_the_customers_created_since_the_last_sync(here: Path) -> None:
    api = api_with()
    asked: list[httpx.URL] = []

    def record(request: httpx.Request) -> None:
        asked.append(request.url)

    transport = SandboxTransport(api)
    http = httpx.Client(transport=transport, event_hooks={"request": [record]})
    client = Piriod(
        token=SECRET, workspace=api.workspace, base_url=IN_PROCESS_BASE_URL, http_client=http
    )
    with client, http:
        sync(client, resources=["customers"])
        newest = max(item["created"] for item in api.items("customers"))
        # Two customers created after the last sync; one of them at the very same moment as
        # the newest already loaded, which created__gte brings back with it.
        api.put("customers", new_customer(api, 1, "2031-01-01T00:00:00+00:00"))
        api.put("customers", new_customer(api, 2, newest))
        asked.clear()
        result = sync(client, resources=["customers"], new_only=True)
        again = sync(client, resources=["customers"], new_only=True)
    database = here / "piriod.duckdb"
    assert result.rows["customers"] == 2
    assert again.rows.get("customers", 0) == 0
    assert customer_ids(database) == api_ids(api)
    assert len(customer_ids(database)) == 62
    first_ask = asked[0].params
    assert first_ask["created__gte"].startswith(newest[:19])
    assert first_ask["ordering"] == "created"


def test_new_only_before_any_sync_loads_everything(here: Path) -> None:
    api = api_with()
    with sandbox.client(api) as client:
        result = sync(client, new_only=True)
    assert result.rows["customers"] == 60
    assert customer_ids(here / "piriod.duckdb") == api_ids(api)


# --- failures ------------------------------------------------------------------------------------


class FailingPage(httpx.BaseTransport):
    """The sandbox, but page `page` of customers answers 503."""

    def __init__(self, api: SandboxAPI, page: int) -> None:
        self.inner = SandboxTransport(api)
        self.page = page

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/customers/" and request.url.params.get("page") == str(self.page):
            return httpx.Response(503, json={"detail": "down"}, request=request)
        return self.inner.handle_request(request)


def test_a_failed_sync_leaves_the_old_tables_and_the_next_completes_them(here: Path) -> None:
    api = api_with(customers=450)
    database = here / "piriod.duckdb"
    with sandbox.client(api) as client:
        sync(client)
    before = tables(database, "piriod_live")
    api.put("customers", new_customer(api, 1, "2031-01-01T00:00:00+00:00"))
    api.delete("customers", api.items("customers")[5]["id"])
    failing = Piriod(
        token=SECRET,
        workspace=api.workspace,
        base_url=IN_PROCESS_BASE_URL,
        max_retries=0,
        http_client=httpx.Client(transport=FailingPage(api, 3)),
    )
    with failing, pytest.raises(SyncError) as caught:
        sync(failing, concurrency=1)
    assert isinstance(caught.value.__cause__, ServerError)
    assert caught.value.message.startswith("the sync stopped (")
    assert "[page 3]" in caught.value.message
    assert caught.value.message.endswith(
        "; the tables are as the last sync left them. Run it again to complete it."
    )
    assert tables(database, "piriod_live") == before
    with sandbox.client(api) as client:
        sync(client)
    assert customer_ids(database) == api_ids(api)


def test_a_load_that_fails_halfway_leaves_the_old_tables(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dlt.destinations.impl.duckdb.duck import DuckDbCopyJob  # noqa: PLC0415

    api = api_with()
    database = here / "piriod.duckdb"
    with sandbox.client(api) as client:
        sync(client)
    before = tables(database, "piriod_live")
    api.delete("customers", api.items("customers")[0]["id"])
    copy = DuckDbCopyJob.run

    def disk_full(job: DuckDbCopyJob) -> None:
        if job.load_table_name == "customers__contacts":  # after others loaded into staging
            raise OSError(28, "No space left on device")
        copy(job)

    monkeypatch.setattr(DuckDbCopyJob, "run", disk_full)
    with sandbox.client(api) as client, pytest.raises(SyncError) as caught:
        sync(client)
    assert caught.value.message.startswith("the sync could not load into the destination (")
    assert "No space left on device" in caught.value.message
    assert tables(database, "piriod_live") == before
    monkeypatch.setattr(DuckDbCopyJob, "run", copy)
    with sandbox.client(api) as client:
        sync(client)
    assert customer_ids(database) == api_ids(api)


# --- live and test data ---------------------------------------------------------------------------


def test_test_mode_goes_to_its_own_dataset_and_never_into_the_live_one(here: Path) -> None:
    api = api_with()
    database = here / "piriod.duckdb"
    with sandbox.client(api) as live, sandbox.client(api, test_mode=True) as test:
        sync(live)
        result = sync(test)
        assert result.dataset == "piriod_test"
        with pytest.raises(DatasetMismatchError) as caught:
            sync(test, dataset="piriod_live")
    assert str(caught.value) == (
        "this dataset holds the live data of workspace acc_sandbox, and this sync is of the"
        " test-mode data of workspace acc_sandbox: sync into another dataset (test mode's"
        " default is piriod_test, live mode's piriod_live)"
    )
    assert customer_ids(database, "piriod_test") == api_ids(api, test_mode=True)
    assert customer_ids(database) == api_ids(api)


# --- secrets and telemetry ---------------------------------------------------------------------


def test_the_token_reaches_neither_the_database_nor_dlts_logs(
    here: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api = api_with()
    with caplog.at_level(logging.DEBUG), sandbox.client(api) as client:
        sync(client)
        sync(client, new_only=True)
    assert SECRET.encode() not in (here / "piriod.duckdb").read_bytes()
    assert SECRET not in caplog.text
    leftovers = [
        path for path in here.rglob("*") if path.is_file() and path.name != "piriod.duckdb"
    ]
    assert all(SECRET.encode() not in path.read_bytes() for path in leftovers)


def test_dlt_telemetry_is_off_unless_asked_for(here: Path) -> None:
    from dlt.common.runtime import anon_tracker  # noqa: PLC0415

    with sandbox.client(api_with()) as client:
        sync(client)
    assert anon_tracker._WRITE_KEY is None  # the tracker was never started


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[tuple[SandboxAPI, SandboxServer]]:
    api = SandboxAPI(seed=3, customers=80, products=10)
    with SandboxServer(api) as server:
        yield api, server


def piriod_sync(server: SandboxServer, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = this_code_env(
        {
            "PIRIOD_BASE_URL": server.url,
            "PIRIOD_API_TOKEN": "sk_test_sandbox",
            "PIRIOD_WORKSPACE": "acc_sandbox",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "piriod", "sync", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_piriod_sync_writes_piriod_duckdb_here_and_says_what_it_loaded(
    tmp_path: Path, served: tuple[SandboxAPI, SandboxServer]
) -> None:
    api, server = served
    done = piriod_sync(server, tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0].startswith(
        f"synced customers and products into {tmp_path / 'piriod.duckdb'} (dataset piriod_live) in "
    )
    assert any(line.split() == ["customers", "80", "rows"] for line in lines)
    assert any(line.split() == ["products", "10", "rows"] for line in lines)
    first = tables(tmp_path / "piriod.duckdb", "piriod_live")
    again = piriod_sync(server, tmp_path)
    assert again.returncode == 0
    assert tables(tmp_path / "piriod.duckdb", "piriod_live") == first
    assert customer_ids(tmp_path / "piriod.duckdb") == api_ids(api)


def test_piriod_sync_new_only_says_when_nothing_is_new(
    tmp_path: Path, served: tuple[SandboxAPI, SandboxServer]
) -> None:
    _, server = served
    assert piriod_sync(server, tmp_path, "customers").returncode == 0
    done = piriod_sync(server, tmp_path, "customers", "--new-only")
    assert done.returncode == 0
    assert done.stdout.splitlines()[1:] == ["  nothing new"]
    assert done.stdout.startswith("synced new customers into ")


def test_piriod_sync_refuses_an_unknown_resource_and_destination(
    tmp_path: Path, served: tuple[SandboxAPI, SandboxServer]
) -> None:
    _, server = served
    wrong = piriod_sync(server, tmp_path, "invoices")
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        "piriod: error: argument RESOURCE: 'invoices' is not a resource: use customers or"
        " products (see 'piriod sync --help')\n"
    )
    nowhere = piriod_sync(server, tmp_path, "--destination", "nosuch")
    assert nowhere.returncode == 2
    assert nowhere.stderr == (
        "piriod: error: --destination 'nosuch' is not a dlt destination: use 'duckdb' (the"
        " default) or a dlt destination name such as 'postgres', 'bigquery' or 'snowflake'"
        " (its credentials from dlt's configuration)\n"
    )
    assert not (tmp_path / "piriod.duckdb").exists()


def test_a_failed_piriod_sync_says_so_in_one_line(
    tmp_path: Path, served: tuple[SandboxAPI, SandboxServer]
) -> None:
    api, server = served
    api.token = "sk_other"  # every request is now refused
    done = piriod_sync(server, tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "piriod: error: the sync stopped (401 Unauthorized from GET /customers/: Invalid token."
        " (check the token (PIRIOD_API_TOKEN); a new token invalidates the old) [page 1]);"
        " the tables are as the last sync left them.\n"
    )
    assert tables(tmp_path / "piriod.duckdb", "piriod_live") == {}
    assert len(done.stderr.splitlines()) == 1


def test_a_changed_customer_created_later_is_a_datetime_in_the_table(here: Path) -> None:
    api = api_with(customers=5)
    with sandbox.client(api) as client:
        sync(client, resources=["customers"])
    created = query(here / "piriod.duckdb", "select min(created) from piriod_live.customers")[0][0]
    assert isinstance(created, datetime.datetime)
    assert created.tzinfo is not None
