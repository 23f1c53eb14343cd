"""What a user gets from the built wheel, outside this repository.

`make typecheck` checks the source folders through `mypy_path`, so it cannot see what an
installed wheel lacks (`piriod_api` once shipped no `py.typed`, and mypy typed every item as
`Any`). Here the wheel is built, installed in a clean virtual environment (no pip, no
project on its path), and a user's script is type-checked from a folder outside the
repository with `mypy --strict`, which reads only that environment's packages. The wheel's
files and metadata (LICENSE, py.typed, classifiers, URLs) are checked too.

One wheel and one environment serve the whole session: about 12 s in all (building 2 s,
installing 3 s from pip's cache, mypy's first run over httpx and the models 6 s). The
install reads the package index, as `make setup` does.
"""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

CONSTRAINTS = ROOT / "constraints.txt"

USER_SCRIPT = """\
from typing import reveal_type

from piriod import AsyncPiriod, Customer, Piriod, Product, sandbox
from piriod.sandbox import SandboxAPI


def mistakes(customer: Customer, product: Product, client: AsyncPiriod) -> None:
    n: int = customer.name
    product.email
    reveal_type(client.customers.list())


def main() -> None:
    with sandbox.client(SandboxAPI(customers=5)) as client:
        for customer in client.customers.list(max_items=1):
            reveal_type(customer)
            reveal_type(customer.name)
        page = client.products.page()
        reveal_type(page)
        reveal_type(page.request_id)
        product = page.items[0]
        reveal_type(product)
        reveal_type(product.to_json())
        derived: Piriod = client.with_options(test_mode=True)
        reveal_type(derived)
        print(type(customer).__name__, type(product).__name__, derived.test_mode)


if __name__ == "__main__":
    main()
"""

# (line, what mypy says there) for every line of USER_SCRIPT it must speak about.
EXPECTED = {
    (8, "error: Incompatible types in assignment"),
    (9, 'error: "Product" has no attribute "email"'),
    (
        10,
        'note: Revealed type is "piriod._pagination.AsyncPaginator'
        '[piriod_api.models.customer.Customer]"',
    ),
    (16, 'note: Revealed type is "piriod_api.models.customer.Customer"'),
    (17, 'note: Revealed type is "str"'),
    (19, 'note: Revealed type is "piriod._pagination.Page[piriod_api.models.product.Product]"'),
    (20, 'note: Revealed type is "str | None"'),
    (22, 'note: Revealed type is "piriod_api.models.product.Product"'),
    (23, 'note: Revealed type is "str"'),
    (25, 'note: Revealed type is "piriod._client.Piriod"'),
}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel .` builds from this checkout."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", folder],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = folder.glob("piriod-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh virtual environment holding the wheel and its dependencies
    (at the versions of constraints.txt), and nothing of this checkout."""
    return clean_venv(tmp_path_factory.mktemp("clean-venv"), str(wheel))


def clean_venv(folder: Path, *requirements: str) -> Path:
    """The python of a new virtual environment in `folder` holding `requirements` (at the
    versions of constraints.txt)."""
    venv.create(folder, with_pip=False, symlinks=os.name != "nt")
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    command = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    command += ["--disable-pip-version-check", "-c", str(CONSTRAINTS), *requirements]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return python


@pytest.fixture(scope="session")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the repository, where the user's script lives."""
    folder = tmp_path_factory.mktemp("user-project")
    assert ROOT not in folder.parents
    (folder / "use_piriod.py").write_text(USER_SCRIPT, encoding="utf-8")
    return folder


def clean_environment() -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTHON", "MYPY", "PIRIOD_", "VIRTUAL_ENV"))
    }
    environment["PYTHONNOUSERSITE"] = "1"
    return environment


@pytest.fixture(scope="session")
def mypy_output(installed: Path, outside: Path) -> str:
    """mypy --strict on the user's script, reading the clean environment's packages only."""
    command = [sys.executable, "-m", "mypy", "--strict", "--config-file", ""]
    command += ["--python-executable", str(installed), "--cache-dir", str(outside / ".cache")]
    command += ["--no-error-summary", "--show-error-codes", "use_piriod.py"]
    result = subprocess.run(
        command,
        cwd=outside,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr  # 1: errors were found
    return result.stdout


def said(output: str) -> set[tuple[int, str]]:
    found = set()
    for line in output.splitlines():
        match = re.match(r"use_piriod\.py:(\d+): (.*)", line)
        assert match, line
        found.add((int(match.group(1)), match.group(2)))
    return found


def test_the_installed_wheel_gives_mypy_the_real_item_types(mypy_output: str) -> None:
    found = said(mypy_output)
    missing = [
        (line, expected)
        for line, expected in sorted(EXPECTED)
        if not any(where == line and text.startswith(expected) for where, text in found)
    ]
    assert missing == [], mypy_output


def test_mypy_reports_nothing_else_about_the_users_script(mypy_output: str) -> None:
    lines = {line for line, _ in EXPECTED}
    unexpected = [(line, text) for line, text in sorted(said(mypy_output)) if line not in lines]
    assert unexpected == []


def test_the_script_runs_against_the_sandbox_from_the_wheel(installed: Path, outside: Path) -> None:
    result = subprocess.run(
        [str(installed), "-I", "use_piriod.py"],
        cwd=outside,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["Customer", "Product", "True"]
    where = subprocess.run(
        [str(installed), "-I", "-c", "import piriod, piriod_api; print(piriod.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(ROOT) not in where.stdout  # the wheel's copy, not this checkout


def test_the_wheel_holds_the_markers_and_the_license(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        license_text = archive.read("piriod-0.1.0.dist-info/licenses/LICENSE").decode()
        metadata = email.message_from_bytes(archive.read("piriod-0.1.0.dist-info/METADATA"))
    assert {"piriod/py.typed", "piriod_api/py.typed"} <= names
    assert license_text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License")
    assert metadata["License-Expression"] == "MIT"
    assert "Programming Language :: Python :: 3.13" in metadata.get_all("Classifier", [])
    urls = dict(
        textwrap.dedent(value).split(", ", 1) for value in metadata.get_all("Project-URL", [])
    )
    assert {"Source", "Issues", "Changelog"} <= set(urls)
    assert not any(name.endswith((".pyc", "__pycache__/")) for name in names)


def test_a_users_tests_pass_with_the_plugin_from_the_wheel(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The pytest plugin as a user installs it: the wheel with its `sandbox` extra and pytest,
    in a clean environment, and a test file of theirs with no conftest."""
    from test_testing_plugin import USER_TESTS  # noqa: PLC0415

    python = clean_venv(tmp_path_factory.mktemp("plugin-venv"), f"{wheel}[sandbox]", "pytest")
    project = tmp_path_factory.mktemp("user-tests")
    (project / "test_user.py").write_text(USER_TESTS, encoding="utf-8")
    result = subprocess.run(
        [str(python), "-I", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=project,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 passed" in result.stdout
