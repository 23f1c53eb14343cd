"""`make fuzz`: the fuzz properties of tests/fuzz_replies.py, with thousands of examples.

    python scripts/fuzz.py [--examples N] [--seed N]

Runs schema-valid customer and product pages, broken pages (values of the wrong type, parsed
with on_invalid="skip" and "raise" by every parse path) and hostile replies (through the sync
and the async client) for `--examples` cases in all, at least 10,000 by default, from a
random seed unless `--seed` is given; the seed is printed so a failing run can be repeated.
Every item handed out is checked against its annotations. Ends with one line counting the
cases tried, the untyped exceptions and the annotation violations seen; exits 1 if a
property failed or either count is not 0.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The properties live beside the tests, which import each other by module name.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_replies import (
    COUNTS,
    broken_pages,
    check_broken_page_typed,
    check_hostile_reply,
    check_schema_valid_page,
    hostile_replies,
    schema_valid_pages,
)

DEFAULT_EXAMPLES = 10_500


@dataclass(frozen=True)
class FuzzProperty:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    share: float  # of all examples; hostile cases are cheaper, so they get the larger share


PROPERTIES = (
    FuzzProperty(
        "schema-valid customer pages parse",
        schema_valid_pages("customers"),
        functools.partial(check_schema_valid_page, "customers"),
        0.15,
    ),
    FuzzProperty(
        "schema-valid product pages parse",
        schema_valid_pages("products"),
        functools.partial(check_schema_valid_page, "products"),
        0.15,
    ),
    FuzzProperty(
        "broken pages hand out only typed items, alike by every parse path",
        broken_pages(),
        check_broken_page_typed,
        0.2,
    ),
    FuzzProperty(
        "hostile replies yield a Page or a PiriodError (sync and async)",
        hostile_replies(),
        check_hostile_reply,
        0.5,
    ),
)


def run_property(fuzz: FuzzProperty, examples: int, seed: int) -> bool:
    """Runs one property; True if it held. Hypothesis shrinks and prints any failure."""

    @hypothesis.seed(seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        print_blob=True,  # a failure prints the line that replays it exactly
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(fuzz.strategy)
    def prop(value: Any) -> None:
        fuzz.check(value)

    started = time.monotonic()
    try:
        prop()
    except Exception as failure:
        print(f"fuzz: FAILED {fuzz.name}:", file=sys.stderr)
        traceback.print_exception(failure, file=sys.stderr)
        return False
    print(f"fuzz: ok {fuzz.name} ({examples} examples, {time.monotonic() - started:.1f} s)")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES, help="cases in all")
    parser.add_argument("--seed", type=int, help="repeat a run (default: a random seed)")
    arguments = parser.parse_args(argv)
    seed = arguments.seed if arguments.seed is not None else random.SystemRandom().randrange(2**32)
    # As pytest runs the suite: a warning from the client is a failure, not a line of noise.
    warnings.simplefilter("error")
    print(f"fuzz: seed {seed}, {arguments.examples} examples (repeat with --seed {seed})")

    started = time.monotonic()
    failed = [
        fuzz.name
        for fuzz in PROPERTIES
        if not run_property(fuzz, max(1, round(arguments.examples * fuzz.share)), seed)
    ]
    elapsed = time.monotonic() - started

    for origin, cases in COUNTS.untyped_origins.most_common():
        print(f"fuzz: untyped exception {origin} in {cases} cases (shrinking included)")
    if failed:
        print(f"fuzz: {len(failed)} of {len(PROPERTIES)} properties failed: {'; '.join(failed)}")
    elif COUNTS.total < arguments.examples:
        print(f"fuzz: only {COUNTS.total} of the {arguments.examples} cases asked for were tried")
    print(f"fuzz: finished in {elapsed:.0f} s")
    print(
        f"fuzz: {COUNTS.total} cases tried ({COUNTS.hostile_replies} hostile sync+async,"
        f" {COUNTS.schema_valid_pages} schema-valid pages, {COUNTS.broken_pages} broken"
        f" pages), {COUNTS.untyped_exceptions} untyped exceptions,"
        f" {COUNTS.annotation_violations} annotation violations"
        f" ({COUNTS.items_checked} items checked)"
    )
    clean = COUNTS.untyped_exceptions == 0 and COUNTS.annotation_violations == 0
    return 1 if failed or not clean or COUNTS.total < arguments.examples else 0


if __name__ == "__main__":
    sys.exit(main())
