"""`piriod sandbox`: serve the sandbox over HTTP on 127.0.0.1 until Ctrl-C.

The CLI (`piriod.cli`) adds the subcommand and calls these: its arguments, the faults they
ask for, and the server run. Each option's value is checked here, in the CLI's words (the
fault settings' own checks name Python attributes)."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TextIO

from ._api import DEFAULT_TOKEN, DEFAULT_WORKSPACE, SandboxAPI, describe
from ._faults import Faults
from ._server import serve

__all__ = ["add_sandbox_arguments", "faults_from_arguments", "run_sandbox"]


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _probability(text: str) -> float:
    value = _number(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a probability between 0 and 1")
    return value


def _milliseconds(text: str) -> float:
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} must be >= 0 milliseconds")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _count(text: str) -> int:
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} must be >= 0")
    return value


def _port(text: str) -> int:
    value = _integer(text)
    if not 0 <= value <= _LAST_PORT:
        raise argparse.ArgumentTypeError(f"{text} is not a port: use 1 to {_LAST_PORT}, or 0")
    return value


_LAST_PORT = 65535


def add_sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `piriod sandbox`."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="port; 0 picks a free one")
    parser.add_argument("--seed", type=_integer, default=0, help="dataset and fault seed")
    parser.add_argument("--customers", type=_count, default=250, help="live customers")
    parser.add_argument("--products", type=_count, default=40, help="live products")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the token it accepts")
    parser.add_argument("--workspace", default=DEFAULT_WORKSPACE, help="the workspace it accepts")
    faults = parser.add_argument_group("faults (probabilities per request)")
    faults.add_argument(
        "--latency-ms", type=_milliseconds, default=0.0, help="added to every answer"
    )
    faults.add_argument("--jitter-ms", type=_milliseconds, default=0.0, help="random extra latency")
    faults.add_argument(
        "--fault-rate",
        type=_probability,
        default=0.0,
        help="transient faults a retry fixes, split evenly over 429, 5xx and dropped connections",
    )
    faults.add_argument("--rate-limit-rate", type=_probability, help="429 with Retry-After")
    faults.add_argument("--server-error-rate", type=_probability, help="500, 502 (HTML), 503")
    faults.add_argument("--drop-rate", type=_probability, help="connections closed mid-reply")
    faults.add_argument("--malformed-rate", type=_probability, default=0.0, help="cut JSON")
    faults.add_argument(
        "--foreign-next-rate", type=_probability, default=0.0, help="next on another host"
    )
    faults.add_argument(
        "--insecure-next-rate", type=_probability, default=0.0, help="next over http://"
    )
    faults.add_argument(
        "--retry-after", type=_count, default=1, help="longest Retry-After, seconds"
    )
    parser.add_argument(
        "--ready-file", type=Path, help="write the URL here once listening (for scripts)"
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")


def faults_from_arguments(args: argparse.Namespace) -> Faults:
    """The faults the options ask for; ValueError when the rates add up to more than 1."""
    share = args.fault_rate / 3
    return Faults(
        latency_ms=args.latency_ms,
        jitter_ms=args.jitter_ms,
        rate_limit_rate=share if args.rate_limit_rate is None else args.rate_limit_rate,
        server_error_rate=share if args.server_error_rate is None else args.server_error_rate,
        drop_rate=share if args.drop_rate is None else args.drop_rate,
        malformed_rate=args.malformed_rate,
        foreign_next_rate=args.foreign_next_rate,
        insecure_next_rate=args.insecure_next_rate,
        retry_after_max=args.retry_after,
        seed=args.seed,
    )


def run_sandbox(args: argparse.Namespace, faults: Faults, stdout: TextIO = sys.stdout) -> int:
    """Builds the dataset, prints how to reach it, and serves until interrupted."""
    api = SandboxAPI(
        seed=args.seed,
        customers=args.customers,
        products=args.products,
        token=args.token,
        workspace=args.workspace,
        faults=faults,
    )
    facts = describe(api)

    def banner(url: str) -> None:
        print(f"Piriod sandbox on {url}", file=stdout)
        print(
            f"  {facts['customers']} customers, {facts['products']} products"
            f" (test mode: {facts['test_customers']} and {facts['test_products']}),"
            f" seed {facts['seed']}",
            file=stdout,
        )
        print("  Use it with:", file=stdout)
        print(f"    export PIRIOD_BASE_URL={url}", file=stdout)
        print(f"    export PIRIOD_API_TOKEN={facts['token']}", file=stdout)
        print(f"    export PIRIOD_WORKSPACE={facts['workspace']}", file=stdout)
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"  Warning: listening on {args.host}, not only on this machine.", file=stdout)
        print("  Ctrl-C stops it.", file=stdout, flush=True)

    serve(
        api,
        host=args.host,
        port=args.port,
        ready_file=args.ready_file,
        banner=banner,
        access_log=args.access_log,
    )
    return 0
