"""The table and the progress bar in a real terminal, 60 and 120 columns wide: `piriod` runs
inside tmux against a HostileAPI on 127.0.0.1, and the screen is read back with
`tmux capture-pane -p`. Skipped, saying why, where tmux is not installed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import HostileAPI, serving
from rich.cells import cell_len

from piriod.sandbox import DEFAULT_TOKEN, DEFAULT_WORKSPACE

from conftest import make_customer

TMUX = shutil.which("tmux") or "tmux"
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed (apt-get install tmux): these tests need a real terminal",
)

WIDTHS = (60, 120)
DEADLINE = 60.0


class Terminal:
    """One detached tmux session of a given size running one shell command."""

    def __init__(self, width: int, command: str, env: dict[str, str], done: Path) -> None:
        self.name = f"piriod-{uuid.uuid4().hex[:10]}"
        self.done = done
        script = f"{command}; echo $? > {shlex.quote(str(done))}; sleep 600"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        subprocess.run(
            [
                *(TMUX, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", "50"),
                f"env -i {exports} /bin/sh -c {shlex.quote(script)}",
            ],
            check=True,
            timeout=10,
        )

    def screen(self) -> list[str]:
        shown = subprocess.run(
            [TMUX, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
        return shown.rstrip("\n").split("\n")

    def wait(self) -> int:
        deadline = time.monotonic() + DEADLINE
        while not self.done.exists() or not self.done.read_text().strip():
            assert time.monotonic() < deadline, "\n".join(self.screen())
            time.sleep(0.05)
        return int(self.done.read_text())

    def close(self) -> None:
        subprocess.run([TMUX, "kill-session", "-t", self.name], check=False, timeout=10)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Any]:
    opened: list[Terminal] = []

    def open_terminal(width: int, url: str, *args: str) -> Terminal:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PIRIOD_BASE_URL": url,
            "PIRIOD_API_TOKEN": DEFAULT_TOKEN,
            "PIRIOD_WORKSPACE": DEFAULT_WORKSPACE,
            "PYTHONPATH": os.pathsep.join(sys.path),
        }
        command = shlex.join([sys.executable, "-m", "piriod", *args])
        opened.append(Terminal(width, f"cd {shlex.quote(str(tmp_path))} && {command}", env,
                               tmp_path / f"done-{len(opened)}"))  # fmt: skip
        return opened[-1]

    try:
        yield open_terminal
    finally:
        for session in opened:
            session.close()


NAMES = {
    2: "株式会社テスト商事グループ",  # wide characters: two cells each
    3: "Cafe\u0301 Ñuñoa Lavanderi\u0301a",  # combining accents: no cell of their own
    4: "Evil\x1b]0;pwned\x07\x1b[2J SpA",
    5: "Comercializadora e Importadora del Pacífico Sur Limitada",
}


def named(api: HostileAPI) -> None:
    def edit(item: dict[str, Any]) -> dict[str, Any]:
        number = int(item["id"].split("_")[1])
        return {**item, "name": NAMES.get(number, item["name"])}

    api.edit_item = edit


def created_column(line: str) -> int:
    """The display cell where the CREATED date starts."""
    return cell_len(line[: line.index("2026-01-05")])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_table_fits_the_terminal_by_display_width(terminal: Any, width: int) -> None:
    """At 60 columns each row used to wrap over 3 lines; CJK and accents misaligned it."""
    api = HostileAPI(12)
    named(api)
    with serving(api) as url:
        session = terminal(width, url, "customers", "list", "--page-size", "5")
        assert session.wait() == 0
        screen = [line for line in session.screen() if line.strip()]
    header, *rows, count = screen
    assert count == "12 customers"
    assert header.split()[:2] == ["ID", "NAME"]
    assert "CREATED" in header.split()
    assert len(rows) == 12  # one line per customer: nothing wrapped
    assert [row.split()[0] for row in rows] == [make_customer(n)["id"] for n in range(1, 13)]
    assert all(cell_len(line) <= width for line in screen)
    assert {created_column(row) for row in rows} == {header.index("CREATED")}
    assert "pwned" not in "\n".join(screen)
    if_wide = {"EMAIL", "STATUS"} <= set(header.split())
    assert if_wide == (width >= 120)  # narrow terminals drop columns rather than wrap


@pytest.mark.parametrize("width", WIDTHS)
def test_the_progress_bar_shows_count_rate_and_time_left_on_one_line(
    terminal: Any, width: int, tmp_path: Path
) -> None:
    """It had no rate or time left and wrapped into one line per page when narrow."""
    api = HostileAPI(120)
    api.delay_on = lambda page: 0.4
    with serving(api) as url:
        session = terminal(
            width, url, "customers", "list", "--output", "c.csv", "--page-size", "10"
        )
        seen: list[str] = []
        deadline = time.monotonic() + DEADLINE
        while not any("/120" in line and "left" in line and "/s" in line for line in seen):
            assert time.monotonic() < deadline, seen
            seen = [line for line in session.screen() if line.strip()]
            time.sleep(0.1)
        assert len(seen) == 1  # one line, redrawn in place
        assert seen[0].startswith("customers ")
        assert cell_len(seen[0]) <= width
        assert session.wait() == 0
        final = [line for line in session.screen() if line.strip()]
    assert len(final) == 1
    assert "120/120" in final[0]
    assert "100%" in final[0]
    assert len((tmp_path / "c.csv").read_text("utf-8").splitlines()) == 121


@pytest.mark.parametrize("width", WIDTHS)
def test_progress_with_a_table_never_glues_itself_to_the_rows(terminal: Any, width: int) -> None:
    api = HostileAPI(30)
    api.delay_on = lambda page: 0.3
    with serving(api) as url:
        session = terminal(
            width, url, "customers", "list", "--format", "table", "--progress", "--page-size", "10"
        )
        assert session.wait() == 0
        screen = [line for line in session.screen() if line.strip()]
    header, *rows, count = screen
    assert header.startswith("ID ")
    assert count == "30 customers"
    assert [row.split()[0] for row in rows] == [make_customer(n)["id"] for n in range(1, 31)]
    assert all(cell_len(line) <= width for line in screen)


def test_the_bar_is_drawn_on_a_terminal_and_never_into_a_file(
    terminal: Any, tmp_path: Path
) -> None:
    api = HostileAPI(30)
    with serving(api) as url:
        session = terminal(60, url, "customers", "list", "--output", "c.jsonl", "--progress")
        assert session.wait() == 0
        shown = [line for line in session.screen() if line.strip()]
        with (tmp_path / "stderr").open("w") as stderr:
            done = subprocess.run(
                [sys.executable, "-m", "piriod", "customers", "list", "--output", "d.jsonl",
                 "--progress"],
                env={**os.environ, "PIRIOD_BASE_URL": url, "PIRIOD_API_TOKEN": DEFAULT_TOKEN,
                     "PIRIOD_WORKSPACE": DEFAULT_WORKSPACE},
                cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=stderr, timeout=60, check=False,
            )  # fmt: skip
    assert len(shown) == 1
    assert "30/30" in shown[0]
    assert done.returncode == 0
    assert (tmp_path / "stderr").read_text() == ""


def test_piriod_sync_draws_a_bar_then_says_what_it_loaded(terminal: Any, tmp_path: Path) -> None:
    api = HostileAPI(120)
    api.delay_on = lambda page: 0.3
    with serving(api) as url:
        session = terminal(80, url, "sync", "customers", "--concurrency", "1")
        seen: list[str] = []
        deadline = time.monotonic() + DEADLINE
        while not any(line.startswith("customers ") and "/120" in line for line in seen):
            assert time.monotonic() < deadline, seen
            seen = [line for line in session.screen() if line.strip()]
            time.sleep(0.1)
        assert session.wait() == 0
        final = [line for line in session.screen() if line.strip()]
    bar, *rest = final
    assert bar.startswith("customers ")
    assert "120/120" in bar
    # The headline names the file, so it wraps at 80 columns: read it back whole.
    text = "".join(rest)
    assert text.startswith(
        f"synced customers into {tmp_path / 'piriod.duckdb'} (dataset piriod_live) in "
    )
    assert ["customers", "120", "rows"] in [line.split() for line in rest]
