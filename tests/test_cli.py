"""The `piriod` command line through `run()` and httpx mock transports: no network."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import piriod
import piriod_api
from piriod import Customer, Paginator, Piriod
from piriod.cli import run

from conftest import (
    ROOT,
    TOKEN,
    WORKSPACE,
    FakeAPI,
    json_response,
    make_customer,
    make_product,
    this_code_env,
)

Transport = Callable[[httpx.Request], httpx.Response]

CUSTOMERS_CSV_HEADER = [
    "id",
    "name",
    "tax_id",
    "email",
    "phone",
    "country",
    "state",
    "currency",
    "status",
    "website",
    "created",
    "updated",
    "contacts",
    "sources",
]


@dataclass
class Result:
    status: int
    out: str
    err: str


def ids(count: int, prefix: str = "cus") -> list[str]:
    return [f"{prefix}_{number:06d}" for number in range(count)]


def cli(
    *args: str,
    api: Transport | None = None,
    stdout_terminal: bool = False,
    stderr_terminal: bool = False,
    stdout: io.StringIO | None = None,
    prepare: Callable[[Piriod], None] | None = None,
) -> Result:
    """Runs `piriod *args` against `api`; `prepare` may adjust the client before it is used."""
    out = stdout if stdout is not None else io.StringIO()
    err = io.StringIO()

    def is_terminal(stream: object) -> bool:
        return (stream is out and stdout_terminal) or (stream is err and stderr_terminal)

    with httpx.Client(transport=httpx.MockTransport(api or FakeAPI(0))) as http:

        def client_factory(**options: Any) -> Piriod:
            client = Piriod(
                **{
                    "token": TOKEN,
                    "workspace": WORKSPACE,
                    "base_url": "https://api.piriod.test",
                    "http_client": http,
                    **options,
                }
            )
            if prepare is not None:
                prepare(client)
            return client

        status = run(
            list(args),
            stdout=out,
            stderr=err,
            is_terminal=is_terminal,
            client_factory=client_factory,
        )
    return Result(status, out.getvalue(), err.getvalue())


def assert_one_error_line(result: Result, status: int, *needles: str) -> None:
    assert result.status == status
    assert result.err.startswith("piriod: error: ")
    assert result.err.count("\n") == 1
    assert result.err.endswith("\n")
    for needle in needles:
        assert needle in result.err
    assert "Traceback" not in result.err


# --- formats -------------------------------------------------------------------------------


def test_jsonl_is_the_default_off_a_terminal_and_walks_every_page_in_order() -> None:
    api = FakeAPI(250)
    result = cli("customers", "list", "--page-size", "100", api=api)
    assert result.status == 0
    lines = result.out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids(250)
    assert api.pages_requested == [1, 2, 3]
    assert json.loads(lines[0]) == Customer.from_dict(make_customer(0)).to_dict()
    assert "Región Metropolitana" in result.out  # ensure_ascii=False
    assert result.err == ""


def test_json_is_one_array_written_incrementally() -> None:
    result = cli("customers", "list", "--page-size", "100", "--format", "json", api=FakeAPI(250))
    assert result.status == 0
    assert result.out.startswith("[\n{")
    assert result.out.endswith("}\n]\n")
    assert [item["id"] for item in json.loads(result.out)] == ids(250)


def test_json_of_nothing_is_an_empty_array() -> None:
    result = cli("customers", "list", "--format", "json", api=FakeAPI(0))
    assert (result.status, result.out) == (0, "[]\n")


def test_csv_has_a_fixed_header_and_one_row_per_item() -> None:
    result = cli("customers", "list", "--page-size", "100", "--format", "csv", api=FakeAPI(250))
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == CUSTOMERS_CSV_HEADER
    assert [row[0] for row in rows[1:]] == ids(250)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["country"] == "CL"
    assert first["state"] == "Región Metropolitana de Santiago"
    assert first["status"] == "active"
    assert first["website"] == ""
    assert first["created"] == "2026-01-05T10:00:00+00:00"
    assert (first["contacts"], first["sources"]) == ("0", "")


def test_csv_leaves_missing_fields_empty_counts_contacts_and_joins_sources() -> None:
    def customer(number: int) -> dict[str, Any]:
        if number == 0:
            return {"id": "cus_bare", "name": "Sin Datos"}
        full = make_customer(number)
        full["contacts"] = [{"id": "con_1", "name": "Ana"}, {"id": "con_2", "name": "Luis"}]
        full["sources"] = ["src_1", "src_2"]
        full["email"] = None
        return full

    result = cli("customers", "list", "--format", "csv", api=FakeAPI(2, make_item=customer))
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert rows[0] == dict.fromkeys(CUSTOMERS_CSV_HEADER, "") | {
        "id": "cus_bare",
        "name": "Sin Datos",
    }
    assert (rows[1]["contacts"], rows[1]["sources"], rows[1]["email"]) == ("2", "src_1 src_2", "")


def test_csv_of_nothing_is_its_header() -> None:
    result = cli("customers", "list", "--format", "csv", api=FakeAPI(0))
    assert list(csv.reader(io.StringIO(result.out))) == [CUSTOMERS_CSV_HEADER]


def test_products_csv_and_jsonl() -> None:
    def product(number: int) -> dict[str, Any]:
        item = make_product(number)
        item["plans"] = [{"id": f"pla_{number}_{n}"} for n in range(number)]
        item["unit_label"] = "asiento"
        return item

    api = FakeAPI(3, make_item=product)
    result = cli("products", "list", "--format", "csv", api=api)
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == [
        "id",
        "name",
        "status",
        "unit_label",
        "archived",
        "plans",
        "created",
        "updated",
    ]
    assert [row[0] for row in rows[1:]] == ids(3, "pro")
    assert rows[3] == [
        "pro_000002",
        "Producto 2",
        "active",
        "asiento",
        "",
        "2",
        "2026-01-05T10:00:00+00:00",
        "2026-01-05T10:00:00+00:00",
    ]
    assert api.requests[0].url.path == "/products/"
    lines = cli("products", "list", api=api).out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids(3, "pro")


def test_table_is_the_default_on_a_terminal_with_the_count_on_stderr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the fake terminal has no size of its own

    def customer(number: int) -> dict[str, Any]:
        item = make_customer(number)
        if number == 1:
            item["name"] = "Comercializadora e Importadora del Pacífico Sur Limitada"
        return item

    result = cli("customers", "list", api=FakeAPI(250, make_item=customer), stdout_terminal=True)
    assert result.status == 0
    header, *rows = result.out.splitlines()
    assert header.split() == ["ID", "NAME", "TAX_ID", "COUNTRY", "STATUS", "EMAIL", "CREATED"]
    assert [row.split()[0] for row in rows] == ids(250)
    assert rows[0].split("  ")[0] == "cus_000000"
    assert "76.086.428-5" in rows[0]
    assert rows[0].endswith("2026-01-05")
    assert "Comercializadora e Importador…" in rows[1]
    assert len({len(row) for row in rows}) == 1  # fixed widths: every row lines up
    assert result.err == "250 customers\n"


def test_table_widths_come_from_the_first_page_and_later_long_cells_are_cut() -> None:
    long_id = "cus_01H8XYZ123ABCDEFGHJKMNPQRS"

    def customer(number: int) -> dict[str, Any]:
        item = make_customer(number)
        if number == 2:
            item["name"] = "Sociedad Agrícola y Ganadera Los Andes"
            item["email"] = None
        if number == 3:
            item["id"] = long_id
        return item

    api = FakeAPI(4, make_item=customer)
    result = cli("customers", "list", "--page-size", "2", "--format", "table", api=api)
    header, first, _, cut, overflowing, *folded = result.out.splitlines()
    assert header.index("NAME") == first.index("Cliente 0") == cut.index("Sociedad")
    assert header.index("CREATED") == first.index("2026-01-05") == cut.index("2026-01-05")
    name_width = header.index("TAX_ID") - header.index("NAME") - 2
    assert cut.split("  ")[1] == "Sociedad Agrícola y Ganadera Los Andes"[: name_width - 1] + "…"
    # An id is never cut: one longer than its column folds onto a second line, in its column.
    id_width = header.index("NAME") - 2
    assert overflowing.startswith(long_id[:id_width] + "  Cliente 3")
    assert long_id[:id_width] + "".join(folded) == long_id
    assert {len(line) for line in folded} <= {id_width, len(long_id) % id_width}


def test_table_counts_in_the_singular() -> None:
    result = cli("products", "list", "--format", "table", api=FakeAPI(1, make_item=make_product))
    assert result.out.splitlines()[0].split() == ["ID", "NAME", "STATUS", "PLANS", "UNIT_LABEL"]
    assert result.err == "1 product\n"


def test_output_writes_a_utf8_file_and_nothing_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "customers.csv"
    target.write_text("old content that must go\n" * 100, encoding="utf-8")
    result = cli("customers", "list", "--format", "csv", "--output", str(target), api=FakeAPI(3))
    assert (result.status, result.out, result.err) == (0, "", "")
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert [row[0] for row in rows] == ["id", *ids(3)]
    assert rows[1][6] == "Región Metropolitana de Santiago"


def test_output_defaults_to_jsonl_even_from_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "customers.jsonl"
    result = cli("customers", "list", "--output", str(target), api=FakeAPI(2), stdout_terminal=True)
    assert result.status == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids(2)


# --- what reaches the API ------------------------------------------------------------------


def test_customer_filters_reach_the_request_as_query_parameters() -> None:
    api = FakeAPI(1)
    result = cli(
        "customers",
        "list",
        "--country",
        "CL",
        "--tax-id",
        "76.086.428-5",
        "--email",
        "a@b.cl",
        "--name",
        "Cliente",
        "--search",
        "spa",
        "--created-since",
        "2026-01-05",
        "--created-until",
        "2026-01-31T10:00-03:00",
        "--ordering",
        "-created",
        api=api,
    )
    assert result.status == 0
    params = api.requests[0].url.params
    assert params["country"] == "CL"
    assert params["tax_id"] == "76.086.428-5"
    assert params["email"] == "a@b.cl"
    assert params["name"] == "Cliente"
    assert params["search"] == "spa"
    assert params["created__gte"] == datetime.datetime(2026, 1, 5).astimezone().isoformat()
    assert params["created__lte"] == "2026-01-31T10:00:00-03:00"
    assert params["ordering"] == "-created"
    assert params["page_size"] == "100"  # list()'s own default when --page-size is left out


def test_product_filters_reach_the_request() -> None:
    api = FakeAPI(1, make_item=make_product)
    cli("products", "list", "--name", "Pro", "--plans", "pla_1", "--ordering", "name", api=api)
    params = api.requests[0].url.params
    assert (params["name"], params["plans"], params["ordering"]) == ("Pro", "pla_1", "name")


def test_limit_stops_after_that_many_items() -> None:
    api = FakeAPI(250)
    result = cli("customers", "list", "--page-size", "100", "--limit", "150", api=api)
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == ids(150)
    assert api.pages_requested == [1, 2]


def test_items_are_written_before_the_last_page_is_requested() -> None:
    events: list[str] = []
    api = FakeAPI(250)

    def recording_api(request: httpx.Request) -> httpx.Response:
        events.append(f"request page {request.url.params['page']}")
        return api(request)

    class RecordingStream(io.StringIO):
        def write(self, text: str) -> int:
            events.append("write")
            return super().write(text)

    result = cli(
        "customers", "list", "--page-size", "100", api=recording_api, stdout=RecordingStream()
    )
    assert result.status == 0
    assert events.index("write") < events.index("request page 3")
    assert events.index("write") > events.index("request page 1")


# --- progress ------------------------------------------------------------------------------


def test_progress_is_drawn_only_on_a_terminal_even_with_progress() -> None:
    """The bar itself is checked in a real terminal (test_cli_terminal.py)."""
    result = cli("customers", "list", "--page-size", "100", "--progress", api=FakeAPI(250))
    assert result.status == 0
    assert result.err == ""
    assert len(result.out.splitlines()) == 250


def test_progress_is_off_with_no_progress_even_on_a_terminal() -> None:
    result = cli("customers", "list", "--no-progress", api=FakeAPI(250), stderr_terminal=True)
    assert (result.status, result.err) == (0, "")


def test_progress_by_default_only_to_a_pipe_from_a_terminal() -> None:
    assert "\r" in cli("customers", "list", api=FakeAPI(5), stderr_terminal=True).err
    assert cli("customers", "list", api=FakeAPI(5)).err == ""
    on_terminal = cli(
        "customers", "list", api=FakeAPI(5), stdout_terminal=True, stderr_terminal=True
    )
    assert "\r" not in on_terminal.err


# --- errors --------------------------------------------------------------------------------


def test_missing_token_is_a_configuration_error(
    no_piriod_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run(["customers", "list"], stdout=out, stderr=err)  # the real factory: Piriod()
    assert_one_error_line(Result(status, out.getvalue(), err.getvalue()), 2, "PIRIOD_API_TOKEN")
    monkeypatch.setenv("PIRIOD_API_TOKEN", TOKEN)
    status = run(["customers", "list"], stdout=out, stderr=(err := io.StringIO()))
    assert_one_error_line(Result(status, "", err.getvalue()), 2, "PIRIOD_WORKSPACE")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["customers", "list", "--page-size", "0"], "--page-size"),
        (["customers", "list", "--page-size", "101"], "--page-size"),
        (["customers", "list", "--limit", "many"], "--limit"),
        (["customers", "list", "--created-since", "yesterday"], "--created-since"),
        (["customers", "list", "--created-until", "2026-13-45"], "--created-until"),
        (["customers", "list", "--format", "xml"], "--format"),
        (["customers", "list", "--token", "sk_live_x"], "--token"),
        (["products", "list", "--country", "CL"], "--country"),
        (["invoices", "list"], "invoices"),
        (["customers"], "required"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], needle: str) -> None:
    api = FakeAPI(5)
    result = cli(*args, api=api)
    assert_one_error_line(result, 2, needle)
    assert api.requests == []


def test_a_client_argument_error_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(client: Piriod) -> None:
        def list_customers(**kwargs: Any) -> Paginator[Customer]:
            raise ValueError("page_size=0 is invalid: the API serves 1 to 100 items a page")

        monkeypatch.setattr(client.customers, "list", list_customers)

    result = cli("customers", "list", prepare=refuse)
    assert_one_error_line(result, 2, "--page-size 0 is invalid")  # in the CLI's words


def test_an_output_path_that_cannot_be_opened_is_a_usage_error(tmp_path: Path) -> None:
    api = FakeAPI(5)
    result = cli("customers", "list", "--output", str(tmp_path / "missing" / "x.jsonl"), api=api)
    assert_one_error_line(result, 2, "--output", "missing")
    assert api.requests == []


def test_401_is_an_api_error_naming_the_fix() -> None:
    api = FakeAPI(5, script={1: json_response(401, {"detail": "Invalid token."})})
    result = cli("customers", "list", api=api)
    assert_one_error_line(result, 1, "401", "Invalid token.", "PIRIOD_API_TOKEN")
    assert result.out == ""


def test_a_reply_that_is_not_json_is_an_api_error() -> None:
    reply = httpx.Response(200, content=b"<html>\n<body>Bad gateway</body>\n</html>")
    result = cli("customers", "list", api=FakeAPI(5, script={1: reply}))
    assert_one_error_line(result, 1)


def test_an_export_refused_with_403_names_the_page_but_gives_no_resume_advice() -> None:
    """Resuming would be refused again: the fix is the workspace, not --start-page."""
    broken = FakeAPI(250, script={2: json_response(403, {"detail": "Not in this workspace."})})
    failed = cli("customers", "list", "--format", "jsonl", api=broken)
    assert_one_error_line(failed, 1, "Not in this workspace.", "[page 2]\n")
    assert "resume" not in failed.err


def test_an_error_mid_walk_keeps_what_was_written_and_leaves_json_unclosed() -> None:
    api = FakeAPI(250, script={2: json_response(403, {"detail": "Not in this workspace."})})
    result = cli("customers", "list", "--format", "json", "--progress", api=api)
    assert result.status == 1
    assert result.out.startswith("[\n")
    assert not result.out.endswith("]\n")
    assert_one_error_line(result, 1, "403")


def test_a_failed_export_names_the_page_and_start_page_resumes_it() -> None:
    unavailable = json_response(503, {"detail": "Try later."}, headers={"Retry-After": "0"})
    broken = FakeAPI(250, script={2: unavailable})
    failed = cli("customers", "list", "--format", "jsonl", api=broken)
    assert_one_error_line(failed, 1, "[page 2: resume with --start-page 2]")
    first = [json.loads(line)["id"] for line in failed.out.splitlines()]
    resumed = cli("customers", "list", "--format", "jsonl", "--start-page", "2", api=FakeAPI(250))
    assert resumed.status == 0
    rest = [json.loads(line)["id"] for line in resumed.out.splitlines()]
    assert first + rest == [make_customer(n)["id"] for n in range(250)]


def test_concurrency_above_1_exports_every_item_once() -> None:
    api = FakeAPI(250)
    result = cli("customers", "list", "--concurrency", "2", "--page-size", "50", api=api)
    assert result.status == 0
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == [
        make_customer(n)["id"] for n in range(250)
    ]
    assert sorted(api.pages_requested) == [1, 2, 3, 4, 5]
    assert cli("customers", "list", "--concurrency", "1", api=FakeAPI(5)).status == 0
    assert_one_error_line(cli("customers", "list", "--concurrency", "0"), 2, "--concurrency")


def test_concurrency_reaches_a_list_that_accepts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    received: list[int] = []

    def accept_concurrency(client: Piriod) -> None:
        original = client.customers.list

        def list_customers(*, concurrency: int = 1, **kwargs: Any) -> Paginator[Customer]:
            received.append(concurrency)
            return original(**kwargs)

        monkeypatch.setattr(client.customers, "list", list_customers)

    result = cli(
        "customers", "list", "--concurrency", "4", api=FakeAPI(5), prepare=accept_concurrency
    )
    assert result.status == 0
    assert received == [4]
    assert len(result.out.splitlines()) == 5


def test_ctrl_c_exits_130_and_ends_the_progress_line() -> None:
    api = FakeAPI(250)

    def interrupted_on_page_2(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] == "2":
            raise KeyboardInterrupt
        return api(request)

    result = cli("customers", "list", "--progress", api=interrupted_on_page_2)
    assert result.status == 130
    assert result.err.endswith("\n")
    assert "Traceback" not in result.err


def test_a_closed_pipe_ends_quietly() -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    result = cli("customers", "list", api=FakeAPI(250), stdout=ClosedPipe())
    assert (result.status, result.err) == (0, "")


def test_a_closed_os_pipe_is_pointed_at_devnull() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -3` having exited
    out = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8")
    err = io.StringIO()
    with httpx.Client(transport=httpx.MockTransport(FakeAPI(250))) as http:
        status = run(
            ["customers", "list"],
            stdout=out,
            stderr=err,
            is_terminal=lambda stream: False,
            client_factory=lambda: Piriod(
                token=TOKEN,
                workspace=WORKSPACE,
                base_url="https://api.piriod.test",
                http_client=http,
            ),
        )
    assert (status, err.getvalue()) == (0, "")
    out.close()  # would raise BrokenPipeError again had the descriptor not become devnull


# --- entry points and extension ------------------------------------------------------------


def test_version_and_help() -> None:
    assert cli("--version").out == f"piriod {piriod.__version__}\n"
    help_text = cli("--help").out
    assert "customers" in help_text
    assert "products" in help_text
    assert "PIRIOD_API_TOKEN" in help_text
    assert "--created-since" in cli("customers", "list", "--help").out


def test_python_dash_m_piriod_prints_the_version() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "piriod", "--version"],
        env=this_code_env(),
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode == 0
    assert completed.stdout == f"piriod {piriod.__version__}\n"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["sandbox", "--fault-rate", "2"], "not a probability between 0 and 1"),
        (["sandbox", "--drop-rate", "0.6", "--rate-limit-rate", "0.6"], "lower the fault rates"),
        (["sandbox", "--customers", "-5"], "must be >= 0"),
    ],
)
def test_sandbox_usage_errors_are_one_line(argv: list[str], words: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(argv, stdout=out, stderr=err) == 2
    assert err.getvalue().startswith("piriod: error: ")
    assert words in err.getvalue()
    assert err.getvalue().count("\n") == 1


def test_sandbox_on_a_busy_port_is_a_usage_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        out, err = io.StringIO(), io.StringIO()
        status = run(["sandbox", "--customers", "3", "--port", str(port)], stdout=out, stderr=err)
    assert status == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err.getvalue()
    assert "--port 0" in err.getvalue()


def test_cli_subprocesses_run_the_code_this_test_process_imported(tmp_path: Path) -> None:
    """CLI tests start `python -m piriod`; they must run the code under test (a mutated copy
    during `make mutate`), not whatever is installed."""
    # -S: no site-packages, so no editable install either; only this_code_env can find them.
    script = "from importlib.util import find_spec as f; print(f('piriod').origin)"
    script += "; print(f('piriod_api').origin)"
    done = subprocess.run(
        [sys.executable, "-S", "-c", script],
        env=this_code_env({"PATH": os.environ.get("PATH", "")}),
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert done.stdout.split() == [piriod.__file__, piriod_api.__file__]
