"""`make mutate` is set up to measure what it says: every core module is mutated and has test
files of its own, and every excused (equivalent) mutant names a function that exists."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import tomllib
from types import ModuleType

from conftest import ROOT


def mutate_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate", ROOT / "scripts" / "mutate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate"] = module
    spec.loader.exec_module(module)
    return module


def test_every_core_module_is_mutated_and_has_test_files_that_exist() -> None:
    mutate = mutate_script()
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    mutated = {
        path.removeprefix("src/piriod/").removesuffix(".py") for path in settings["only_mutate"]
    }
    assert mutated == set(mutate.CORE_MODULES)
    assert set(mutate.TESTS_BY_MODULE) == set(mutate.CORE_MODULES)
    assert set(mutate.CI_MODULES) <= set(mutate.CORE_MODULES)
    for files in mutate.TESTS_BY_MODULE.values():
        assert files
        assert all((ROOT / path.partition("::")[0]).is_file() for path in files), files


def test_every_equivalent_mutant_names_a_function_of_its_module_and_says_why() -> None:
    mutate = mutate_script()
    listed = mutate.equivalent_mutants()
    assert listed
    for name, reason in listed.items():
        module_name, _, mutant = name.rpartition(".")
        found = re.fullmatch(r"x(?:ǁ(\w+)ǁ|_)(\w+?)__mutmut_\d+", mutant)
        assert found, name
        owner, function = found.groups()
        module = importlib.import_module(module_name)
        target = getattr(module, owner) if owner else module
        assert hasattr(target, function), name
        assert len(reason.split()) >= 5, name
