"""Mutation testing of the core modules with mutmut: how many broken copies of the code the
tests notice.

mutmut imports mutated code from `mutants/src/`, and this project keeps its package in
`overlay/piriod`. So each module is tested in a staging folder of its own,
`build/mutation/MODULE/`, where `src/piriod` is a copy of `overlay/piriod` and everything
else the tests read is a link back to the project. Each module runs against the test files
written for it (TESTS_BY_MODULE): a surviving mutant runs every selected test that reaches
its function, so the whole suite would cost a minute or more a survivor. mutmut remembers its
results in the stage: a second run only tests what changed.

    python scripts/mutate.py                    # every core module
    python scripts/mutate.py --module _params   # one module (MODULE=_params with make)
    python scripts/mutate.py --ci               # the slice CI runs (see CI_MODULES)
    python scripts/mutate.py --fresh            # forget earlier results first
    python scripts/mutate.py --survivors        # only the survivors, after new tests
    python scripts/mutate.py --report           # the last results, without running

It prints one line a module: mutants, killed, survived, equivalent, score. The score is
killed / (mutants - equivalent); a mutant that fails `mypy --strict` (which CI runs) counts as
killed. Equivalent mutants, those that cannot change what a user sees, are listed with a
reason each in `tests/equivalent_mutants.txt`; an entry that no longer names a surviving
mutant is reported, so the list cannot go stale. The exit status is 1 when a module scores
under the target.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ROOT / "build" / "mutation"
EQUIVALENT_FILE = ROOT / "tests" / "equivalent_mutants.txt"
TARGET = 0.90

# The modules whose mistakes lose or leak a user's data: walks, retries, errors, parameters,
# credentials, reply parsing, limits, the client's calls.
CORE_MODULES = (
    "_params",
    "_retries",
    "_config",
    "_exceptions",
    "_limits",
    "_endpoints",
    "_pagination",
    "_client",
)
# What CI runs on every change: the two modules quickest to test, within its time budget.
CI_MODULES = ("_params", "_retries")

# The test files that exercise each module in-process, fast enough to run per mutant.
_CALLS = (
    "tests/test_client.py",
    "tests/test_bad_input_messages.py",
    "tests/test_regressions_users_feel.py",
)
TESTS_BY_MODULE: dict[str, tuple[str, ...]] = {
    "_params": (*_CALLS, "tests/test_filter_serialization.py", "tests/test_client_habits.py"),
    "_retries": (*_CALLS, "tests/test_resilience.py"),
    "_exceptions": (
        *_CALLS,
        "tests/test_error_rules.py",
        "tests/test_errors_travel.py",
        "tests/test_resilience.py",
        "tests/test_contract.py",
    ),
    "_config": (
        *_CALLS,
        "tests/test_config.py",
        "tests/test_config_rules.py",
        "tests/test_secrets.py",
        "tests/test_client_habits.py",
    ),
    "_endpoints": (
        *_CALLS,
        "tests/test_reply_rules.py",
        "tests/test_typed.py",
        "tests/test_shapes.py",
        "tests/test_contract.py",
        "tests/test_items_behave.py",
    ),
    "_limits": (
        *_CALLS,
        "tests/test_limits.py",
        "tests/test_limit_rules.py",
        # TLS through a proxy's tunnel: the one test that upgrades a connection.
        "tests/test_secrets.py::test_an_https_base_url_still_goes_through_the_environment_proxy",
    ),
    "_pagination": (
        *_CALLS,
        "tests/test_walk_rules.py",
        "tests/test_paginator_parts.py",
        "tests/test_walk_trust.py",
        "tests/test_concurrency.py",
        "tests/test_resilience.py",
    ),
    "_client": (
        *_CALLS,
        "tests/test_client_rules.py",
        "tests/test_client_habits.py",
        "tests/test_resilience.py",
        "tests/test_errors_travel.py",
    ),
}

# Linked, not copied, into the stage: what the tests read besides the package.
LINKED = (
    "tests",
    "pyproject.toml",
    "openapi.yaml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "generator-config.yaml",
    "constraints.txt",
    "Makefile",
    "examples",
    "docs",
    "templates",
    "scripts",
    "overlay",
)

KILLED = {"killed", "timeout", "caught by type check"}
STATUS_BY_EXIT_CODE = {
    0: "survived",
    1: "killed",
    3: "killed",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    37: "caught by type check",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
}


def stage(folder: Path, tests: tuple[str, ...]) -> None:
    """Mirror overlay/piriod into FOLDER/src/piriod, touching only changed files so mutmut's
    memory of earlier results stays valid for the rest; mutmut runs only `tests` there (a
    pyproject.toml of the stage's own says so)."""
    source = ROOT / "overlay" / "piriod"
    target = folder / "src" / "piriod"
    target.mkdir(parents=True, exist_ok=True)
    wanted = {
        path.relative_to(source)
        for path in source.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    for relative in sorted(wanted):
        copied = target / relative
        original = source / relative
        if not copied.exists() or copied.read_bytes() != original.read_bytes():
            copied.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(original, copied)
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(target) not in wanted:
            path.unlink()
    for name in LINKED:
        link = folder / name
        if name == "pyproject.toml":
            deselected = re.findall(r'^(    "--deselect=.*"),$', (ROOT / name).read_text(), re.M)
            selection = ",\n".join([*(f'    "{path}"' for path in tests), *deselected])
            settings = re.sub(
                r"(?ms)^pytest_add_cli_args_test_selection = \[.*?^\]",
                f"pytest_add_cli_args_test_selection = [\n{selection},\n]",
                (ROOT / name).read_text(encoding="utf-8"),
            )
            if link.is_symlink():
                link.unlink()
            if not link.exists() or link.read_text(encoding="utf-8") != settings:
                link.write_text(settings, encoding="utf-8")
        elif not link.is_symlink():
            link.symlink_to(ROOT / name)


# mutmut keeps the chain of calls in a context variable, set and reset around every call of
# the package. Async generators carry it across awaits, and on Python 3.11 the coverage pass
# crashed in it (a segfault, or a LookupError on reset). It serves only to track which function
# calls which, which pyproject.toml turns off (track_dependencies = false); so mutmut is run
# with that variable replaced by one that holds nothing.
LAUNCHER = """
import sys
from mutmut.core import MutmutCallStack
MutmutCallStack.get = classmethod(lambda cls: (None, 0))
MutmutCallStack.set = classmethod(lambda cls, value: None)
MutmutCallStack.reset = classmethod(lambda cls, token: None)
from mutmut.__main__ import cli
sys.argv[0] = "mutmut"
cli()
"""


def mutmut(folder: Path, *args: str) -> int:
    """Runs mutmut in `folder`; its output (a line a mutant) goes to FOLDER/mutmut.log,
    shown only when the run fails."""
    command = [sys.executable, "-c", LAUNCHER, *args]
    # mypy (the type check that kills mutants CI would refuse) from this environment.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PATH": path}
    log = folder / "mutmut.log"
    with log.open("wb") as output:
        done = subprocess.run(  # noqa: S603
            command, cwd=folder, env=env, stdout=output, stderr=subprocess.STDOUT, check=False
        )
    if done.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n")
        print("\n".join(text.splitlines()[-60:]), file=sys.stderr)
    return done.returncode


@dataclass
class Tally:
    module: str
    statuses: dict[str, str] = field(default_factory=dict)  # mutant name: status

    def count(self, *wanted: str) -> int:
        return sum(1 for status in self.statuses.values() if status in wanted)


def tally(folder: Path, module: str) -> Tally:
    meta = folder / "mutants" / "src" / "piriod" / f"{module}.py.meta"
    result = Tally(module)
    if meta.exists():
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        for name, code in codes.items():
            status = "not checked" if code is None else STATUS_BY_EXIT_CODE.get(code, "suspicious")
            result.statuses[name] = status
    return result


def equivalent_mutants() -> dict[str, str]:
    """`name  reason` lines; blank lines and `#` comments are skipped."""
    listed: dict[str, str] = {}
    for line in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.strip().partition(" ")
            if not reason.strip():
                raise SystemExit(f"{EQUIVALENT_FILE.name}: {name} has no reason")
            listed[name] = reason.strip()
    return listed


def report(modules: tuple[str, ...]) -> bool:
    equivalent = equivalent_mutants()
    print(
        f"\n{'module':<14}{'mutants':>8}{'killed':>8}{'survived':>10}{'equivalent':>12}{'score':>8}"
    )
    every_module_meets = True
    stale: list[str] = []
    for module in modules:
        counted = tally(STAGES / module, module)
        prefix = f"piriod.{module}."
        excused = {name for name in equivalent if name.startswith(prefix)}
        alive = {name for name, status in counted.statuses.items() if status not in KILLED}
        stale += sorted(excused - alive)
        excused &= alive
        total = len(counted.statuses)
        killed = counted.count(*KILLED)
        left = [
            name
            for name, status in counted.statuses.items()
            if status not in KILLED and name not in excused
        ]
        score = killed / (total - len(excused)) if total > len(excused) else 0.0
        meets = total > 0 and score >= TARGET
        every_module_meets &= meets
        print(
            f"{module:<14}{total:>8}{killed:>8}{len(left):>10}{len(excused):>12}"
            f"{score:>8.1%}  {'meets' if meets else 'MISSES'} {TARGET:.0%}"
        )
        for name in sorted(left):
            print(f"    {counted.statuses[name]}: {name}")
    for name in stale:
        print(f"{EQUIVALENT_FILE.name}: {name} is no longer a surviving mutant; remove it")
    print(
        f"(show one: cd {STAGES.relative_to(ROOT)}/MODULE && ../../../.venv/bin/mutmut show NAME)"
    )
    return every_module_meets and not stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--module", help="core modules to run, such as _params,_retries")
    parser.add_argument("--ci", action="store_true", help=f"only {', '.join(CI_MODULES)}")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--report", action="store_true", help="print the last results without running anything"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="forget earlier results (after changing the tests run)"
    )
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="test again only the mutants that survived (after writing tests for them)",
    )
    args = parser.parse_args()
    if args.module:
        asked = [name if name.startswith("_") else f"_{name}" for name in args.module.split(",")]
        unknown = [name for name in asked if name not in CORE_MODULES]
        if unknown:
            parser.error(
                f"--module takes {', '.join(CORE_MODULES)} (comma-separated), not {unknown[0]}"
            )
        modules: tuple[str, ...] = tuple(asked)
    else:
        modules = CI_MODULES if args.ci else CORE_MODULES
    if args.report:
        return 0 if report(modules) else 1
    for module in modules:
        folder = STAGES / module
        if args.fresh:
            shutil.rmtree(folder / "mutants", ignore_errors=True)
        stage(folder, TESTS_BY_MODULE[module])
        names = [f"piriod.{module}.*"]
        if args.survivors:
            statuses = tally(folder, module).statuses
            names = [name for name, status in statuses.items() if status == "survived"]
            if not names:
                continue
        run = ("run", "--max-children", str(args.max_children), *names)
        print(f"{module}: mutating, against {len(TESTS_BY_MODULE[module])} test files", flush=True)
        if mutmut(folder, *run) != 0:
            print(f"mutmut run failed for {module}: see above", file=sys.stderr)
            return 2
    return 0 if report(modules) else 1


if __name__ == "__main__":
    raise SystemExit(main())
