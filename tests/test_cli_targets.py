"""Where an export goes, as people point it: a pipe, a FIFO, `/dev/stdout`, `-`, a link to
the shared folder's file, a shell that closed stdout, a `kill`. And what an attacker could
plant beside the file. The real `piriod` command, against HostileAPI on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import HostileAPI, serving
from test_cli_export import (
    OLD_EXPORT,
    TIMEOUT,
    customer_ids,
    environment,
    ids_in,
    one_error_line,
    piriod,
    shell,
)


@pytest.fixture
def hostile() -> Iterator[tuple[HostileAPI, str]]:
    api = HostileAPI(250)
    with serving(api) as url:
        yield api, url


def test_output_to_dev_stdout_in_a_pipe_writes_every_row(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # It used to write page 1, then fail with "Illegal seek" (a pipe has no position).
    _, url = hostile
    done = piriod(url, "customers", "list", "--format", "csv", "--output", "/dev/stdout")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.count("\n") == 251  # the header and 250 rows
    target = tmp_path / "out.csv"
    target.write_text(done.stdout, encoding="utf-8")
    assert ids_in(target, "csv") == customer_ids(range(1, 251))


def test_output_to_a_link_to_standard_output_redirected_to_a_file_keeps_the_link(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # `--output /dev/stdout > out.csv` used to replace the /dev/stdout link with a regular
    # file (as root). Tested with a link of the test's own to the same place, so that a
    # broken build cannot break this machine's /dev/stdout.
    _, url = hostile
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
    done = shell("piriod customers list --format csv --output stdout > out.csv", url, tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert ids_in(tmp_path / "out.csv", "csv") == customer_ids(range(1, 251))
    assert os.readlink(tmp_path / "stdout") == "/proc/self/fd/1"


def test_output_to_a_fifo_writes_every_row(hostile: tuple[HostileAPI, str], tmp_path: Path) -> None:
    _, url = hostile
    fifo = tmp_path / "rows.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = piriod(url, "customers", "list", "--format", "jsonl", "--output", str(fifo))
    reader.join(TIMEOUT)
    assert (done.returncode, done.stderr) == (0, "")
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(received[0])
    assert ids_in(copy, "jsonl") == customer_ids(range(1, 251))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["copy.jsonl", "rows.fifo"]


def test_output_dash_is_standard_output(hostile: tuple[HostileAPI, str], tmp_path: Path) -> None:
    _, url = hostile
    done = piriod(url, "customers", "list", "--format", "jsonl", "--output", "-", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.count("\n") == 250
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_a_file_named_only_by_its_extension_takes_its_format(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    _, url = hostile
    done = piriod(url, "customers", "list", "--output", ".csv", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert ids_in(tmp_path / ".csv", "csv") == customer_ids(range(1, 251))


def test_output_through_a_link_replaces_the_file_it_names_and_keeps_the_link(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # It used to replace the link itself: the shared file kept yesterday's rows, exit 0.
    _, url = hostile
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "customers.csv").write_bytes(OLD_EXPORT)
    (tmp_path / "latest.csv").symlink_to("shared/customers.csv")
    done = piriod(url, "customers", "list", "--output", "latest.csv", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert os.readlink(tmp_path / "latest.csv") == "shared/customers.csv"
    assert ids_in(shared / "customers.csv", "csv") == customer_ids(range(1, 251))
    assert sorted(path.name for path in shared.iterdir()) == ["customers.csv"]


def test_a_failed_export_through_a_link_resumes_into_the_file_it_names(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    api.status_on = lambda page: 503 if page == 2 else 200
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "customers.csv").write_bytes(OLD_EXPORT)
    (tmp_path / "latest.csv").symlink_to("shared/customers.csv")
    first = piriod(url, "customers", "list", "--output", "latest.csv", cwd=tmp_path)
    line = one_error_line(first, 1, "[page 2]")
    assert (shared / "customers.csv").read_bytes() == OLD_EXPORT
    api.status_on = lambda page: 200
    second = shell(line.split("finish it with: ", 1)[1], url, tmp_path)
    assert (second.returncode, second.stderr) == (0, "")
    assert ids_in(shared / "customers.csv", "csv") == customer_ids(range(1, 251))
    assert (tmp_path / "latest.csv").is_symlink()


def test_links_planted_beside_the_export_are_never_written_through(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # The reserve and the state's temporary file used to be opened through links: a link
    # planted under their names made the export overwrite the file it pointed to.
    api, url = hostile
    api.status_on = lambda page: 503 if page == 2 else 200
    victims = {name: tmp_path / f"victim-{name}" for name in ("reserve", "state.tmp")}
    for name, victim in victims.items():
        victim.write_bytes(b"precious\n")
        (tmp_path / f"c.csv.partial.{name}").symlink_to(victim.name)
    done = piriod(url, "customers", "list", "--output", "c.csv", cwd=tmp_path)
    one_error_line(done, 1, "[page 2]", "c.csv.partial")
    assert [victim.read_bytes() for victim in victims.values()] == [b"precious\n"] * 2
    assert (tmp_path / "c.csv.partial.state").is_file()


def test_resuming_after_the_list_changed_is_refused_and_keeps_what_was_written(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # Three customers created between the failure and the resume used to come out as three
    # rows written twice, exit 0 (the pages had shifted under the export).
    api, url = hostile
    api.status_on = lambda page: 503 if page == 3 else 200
    first = piriod(url, "customers", "list", "--output", "c.csv", "--page-size", "50", cwd=tmp_path)
    command = one_error_line(first, 1, "[page 3]").split("finish it with: ", 1)[1]
    kept = (tmp_path / "c.csv.partial").read_bytes()
    api.status_on = lambda page: 200
    api.reported_count = lambda page: 253
    second = shell(command, url, tmp_path)
    one_error_line(
        second,
        1,
        "the list changed since the export stopped (count 250 -> 253)",
        "run the export again without --resume [page 3]",
        "what was written before page 3 (100 customers) is in c.csv.partial",
    )
    assert "finish it with" not in second.stderr
    assert (tmp_path / "c.csv.partial").read_bytes() == kept
    assert not (tmp_path / "c.csv").exists()


def test_a_closed_standard_output_is_one_line(hostile: tuple[HostileAPI, str]) -> None:
    _, url = hostile
    done = subprocess.run(
        [sys.executable, "-m", "piriod", "customers", "list", "--limit", "2"],
        env=environment(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 1
    assert done.stderr == "piriod: error: cannot write standard output: standard output is closed\n"


def test_an_export_to_a_file_runs_with_standard_output_closed(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    _, url = hostile
    done = subprocess.run(
        [sys.executable, "-m", "piriod", "customers", "list", "--output", "c.jsonl"],
        env=environment(url),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert ids_in(tmp_path / "c.jsonl", "jsonl") == customer_ids(range(1, 251))


def test_sigterm_keeps_the_old_file_and_says_how_to_finish(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # A `kill` or a scheduler's timeout used to leave FILE.*.tmp and the reserve behind,
    # with no word on what to do.
    api, url = hostile
    api.delay_on = lambda page: 0.4 if page >= 3 else 0.0
    (tmp_path / "c.csv").write_bytes(OLD_EXPORT)
    command = ["customers", "list", "--output", "c.csv", "--page-size", "50"]
    process = subprocess.Popen(
        [sys.executable, "-m", "piriod", *command],
        env=environment(url),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + TIMEOUT
    while 3 not in api.pages_asked() and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 128 + signal.SIGTERM
    assert stderr.startswith("piriod: error: interrupted [page 3]; c.csv is unchanged;")
    assert stderr.strip().endswith(
        "finish it with: piriod customers list --output c.csv --page-size 50 --resume"
    )
    assert (tmp_path / "c.csv").read_bytes() == OLD_EXPORT
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "c.csv",
        "c.csv.partial",
        "c.csv.partial.state",
    ]
    assert ids_in(tmp_path / "c.csv.partial", "csv") == customer_ids(range(1, 101))


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_a_sandbox_port_out_of_range_is_a_usage_error(port: str) -> None:
    done = piriod("http://127.0.0.1:9", "sandbox", "--port", port)
    one_error_line(done, 2, f"argument --port: {port} is not a port: use 1 to 65535, or 0")


# --- messages in the command line's words ---------------------------------------------------


def test_a_refused_connection_names_the_variable_to_check_not_a_python_argument(
    tmp_path: Path,
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    done = piriod(url, "customers", "list")
    line = one_error_line(done, 1, "check the network and PIRIOD_BASE_URL")
    assert "base_url" not in line
    assert "http_client" not in line


def test_a_redirect_names_the_variable_to_set(hostile: tuple[HostileAPI, str]) -> None:
    api, url = hostile
    api.status_on = lambda page: 302
    done = piriod(url, "customers", "list")
    line = one_error_line(done, 1, "stays with PIRIOD_BASE_URL: set it to the API's real address")
    assert "base_url" not in line


def test_skipped_items_without_an_id_are_named_by_their_place(
    hostile: tuple[HostileAPI, str],
) -> None:
    api, url = hostile
    api.edit_item = lambda item: {**item, "id": 7} if item["id"] == "cus_000104" else item
    done = piriod(url, "customers", "list", "--format", "jsonl", "--on-invalid", "skip")
    assert done.returncode == 0
    assert done.stdout.count("\n") == 249
    assert "1 item skipped because a value did not fit its type" in done.stderr
    assert "item 3 of page 2" in done.stderr
    assert "None" not in done.stderr


def test_an_export_that_found_items_missing_from_pages_written_offers_no_resume(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # Page 3 brings back an item of page 1 while the count holds: an item of pages 1 or 2
    # was never seen. Resuming would have finished a file missing it (and holding another
    # twice), exit 0; the export can only be redone.
    api, url = hostile
    api.items_on = lambda page, numbers: [1, *numbers[1:]] if page == 3 else numbers
    done = piriod(url, "customers", "list", "--output", "c.csv", "--page-size", "50", cwd=tmp_path)
    line = one_error_line(
        done,
        1,
        "page 3 brings back 1 item already handed out while count=250 has not changed",
        "c.csv is unchanged; the rows written (100 customers, some missing) are in c.csv.partial;"
        " run the export again, without --resume",
    )
    assert "finish it with" not in line
    assert sorted(path.name for path in tmp_path.iterdir()) == ["c.csv.partial"]
    resumed = piriod(
        url, "customers", "list", "--output", "c.csv", "--page-size", "50", "--resume", cwd=tmp_path
    )
    one_error_line(resumed, 2, "there is no failed export of 'c.csv' to finish")


def test_output_to_standard_output_appended_to_a_file_keeps_what_it_held(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # Opening it to write used to empty the file the shell appends to (`>> log`).
    _, url = hostile
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
    command = "echo KEEP > log; piriod customers list --format jsonl --output stdout >> log"
    done = shell(command, url, tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    lines = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "KEEP"
    assert len(lines) == 251


def test_a_link_planted_as_the_partial_file_is_never_resumed_into(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    api, url = hostile
    api.status_on = lambda page: 503 if page == 2 else 200
    first = piriod(url, "customers", "list", "--output", "c.csv", cwd=tmp_path)
    command = one_error_line(first, 1, "[page 2]").split("finish it with: ", 1)[1]
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious\n" * 1000)
    (tmp_path / "c.csv.partial").unlink()
    (tmp_path / "c.csv.partial").symlink_to(victim.name)
    api.status_on = lambda page: 200
    second = shell(command, url, tmp_path)
    one_error_line(second, 2, "--resume: cannot open c.csv.partial")
    assert victim.read_bytes() == b"precious\n" * 1000
    assert not (tmp_path / "c.csv").exists()


def test_a_relative_or_roundabout_link_to_standard_output_is_appended_to(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    _, url = hostile
    (tmp_path / "relative").symlink_to(os.path.relpath("/proc/self/fd/1", tmp_path))
    (tmp_path / "roundabout").symlink_to("/dev/../proc//self/fd/1")
    for link in ("relative", "roundabout"):
        command = f"echo KEEP > log; piriod customers list --format jsonl --output {link} >> log"
        done = shell(command, url, tmp_path)
        assert (done.returncode, done.stderr) == (0, "")
        lines = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
        assert (lines[0], len(lines)) == ("KEEP", 251)


def test_a_resumed_export_whose_rest_brings_back_a_written_row_can_only_be_redone(
    hostile: tuple[HostileAPI, str], tmp_path: Path
) -> None:
    # The count held, but page 3 now brings back a customer of page 1: resuming used to
    # write it twice, exit 0, and miss the customer it displaced.
    api, url = hostile
    api.status_on = lambda page: 503 if page == 3 else 200
    args = ("customers", "list", "--output", "c.jsonl", "--page-size", "50")
    first = piriod(url, *args, cwd=tmp_path)
    command = one_error_line(first, 1, "[page 3]").split("finish it with: ", 1)[1]
    api.status_on = lambda page: 200
    api.items_on = lambda page, numbers: [1, *numbers[1:]] if page == 3 else numbers
    second = shell(command, url, tmp_path)
    line = one_error_line(
        second,
        1,
        "page 3 brings back 1 item this export wrote before it stopped, while count=250",
        "run the export again, without --resume",
    )
    assert "finish it with" not in line
    assert not (tmp_path / "c.jsonl").exists()
    assert ids_in(tmp_path / "c.jsonl.partial", "jsonl") == customer_ids(range(1, 101))
