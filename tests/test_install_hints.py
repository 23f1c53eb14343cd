"""Every install hint works as written from a checkout or a built wheel.

piriod is not published on PyPI, so `pip install 'piriod[sandbox]'` installs nothing. A
hint names a published package (`pip install 'uvicorn>=0.30'`), or the checkout
(`pip install '.[sandbox]'`) with an extra pyproject.toml defines. The package metadata
that goes with it (LICENSE, CHANGELOG, classifiers, URLs) is checked here too, without
building anything (tests/test_wheel.py checks the built wheel).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from piriod.sandbox import SandboxAPI
from piriod.sandbox._server import SandboxApp, make_server

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = set(PYPROJECT["project"]["optional-dependencies"])

# What users read: the docs, the package's own messages, the examples.
SHIPPED = [
    ROOT / "README.md",
    ROOT / "CHANGELOG.md",
    *sorted((ROOT / "docs").glob("**/*.md")),
    *sorted((ROOT / "overlay").glob("**/*.py")),
    *sorted((ROOT / "examples").glob("**/*.py")),
]
HINT = re.compile(r"pip install (?P<args>[^`\n\"]+)")


def hints() -> list[tuple[str, str]]:
    found = []
    for path in SHIPPED:
        for match in HINT.finditer(path.read_text(encoding="utf-8")):
            found.append((str(path.relative_to(ROOT)), match["args"].strip()))
    return found


def test_no_hint_installs_the_unpublished_piriod_by_name() -> None:
    # `piriod`, `piriod[...]` or `piriod==...` as a requirement; `.` or a wheel's path is fine.
    by_name = re.compile(r"(?<![\w./-])piriod(?=[\s'\"\[<>=~!]|$)")
    wrong = [(where, args) for where, args in hints() if by_name.search(args)]
    assert wrong == []


def test_every_extra_a_hint_names_exists() -> None:
    named = {
        (where, extra)
        for where, args in hints()
        for extras in re.findall(r"\.\[([\w,-]+)\]", args)
        for extra in extras.split(",")
    }
    assert named  # the checkout's extras are named somewhere
    assert {(where, extra) for where, extra in named if extra not in EXTRAS} == set()


def test_the_sandbox_server_without_uvicorn_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if it were not installed
    with pytest.raises(ModuleNotFoundError) as caught:
        make_server(SandboxApp(SandboxAPI()))
    (sandbox_requirement,) = PYPROJECT["project"]["optional-dependencies"]["sandbox"]
    assert f"pip install '{sandbox_requirement}'" in str(caught.value)
    assert "piriod[" not in str(caught.value)


def test_license_changelog_classifiers_and_urls() -> None:
    project = PYPROJECT["project"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert project["license"] == "MIT"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Versioning policy" in changelog
    assert f"## [{project['version']}]" in changelog
    assert "Programming Language :: Python :: 3.13" in project["classifiers"]
    assert {"Source", "Issues", "Changelog"} <= set(project["urls"])
    assert {"LICENSE", "CHANGELOG.md"} <= set(
        PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    )


def test_the_shipped_files_exist() -> None:
    assert all(isinstance(path, Path) and path.is_file() for path in SHIPPED)
