"""Client settings: from arguments first, then the environment, checked before any request."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from typing import Final

import attrs
import httpx

from ._exceptions import ConfigurationError

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "ClientConfig",
    "Secret",
    "attempt_budget",
    "check_max_response_bytes",
]

DEFAULT_BASE_URL: Final = "https://api.piriod.com"
# Connect fails fast; reads get longer because a page of 100 customers is built server-side.
DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)
# The largest reply accepted, before and after decompression: a page of 100 customers is
# about 150 KiB, so this leaves room for a hundred times that and refuses a runaway body.
DEFAULT_MAX_RESPONSE_BYTES: Final = 16 * 1024 * 1024

ENV_TOKEN: Final = "PIRIOD_API_TOKEN"  # noqa: S105 (the variable's name, not a secret)
ENV_WORKSPACE: Final = "PIRIOD_WORKSPACE"
ENV_TEST_MODE: Final = "PIRIOD_TEST_MODE"
ENV_BASE_URL: Final = "PIRIOD_BASE_URL"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


class Secret:
    """A string that never shows itself in repr(), str() or f-strings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_base_url(base_url: str) -> str:
    """Checks a base URL and drops its trailing slash: `https://host[:port][/prefix]`."""
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigurationError(
            f"base_url {base_url!r} is not a URL ({exc}); use e.g. {DEFAULT_BASE_URL!r}"
        ) from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            f"base_url {base_url!r} must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}"
        )
    if url.scheme == "http" and not _is_loopback(url.host):
        raise ConfigurationError(
            f"base_url {base_url!r} uses plain http:// to a host that is not this machine, which"
            " would send the API token unencrypted; use https:// (http:// is allowed only for"
            " 127.0.0.1, ::1 and localhost, e.g. the sandbox)"
        )
    if url.query or url.fragment:
        raise ConfigurationError(
            f"base_url {base_url!r} must not carry a query or fragment; pass filters to the calls"
        )
    return str(url).rstrip("/")


def _parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean; set it to 'true' or 'false'")


def coerce_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        if None in (timeout.connect, timeout.read, timeout.write, timeout.pool):
            raise ConfigurationError(
                "timeout has a part set to None, which could let a request hang forever;"
                " give every part a number of seconds, e.g. httpx.Timeout(30.0, connect=5.0)"
            )
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigurationError(
            f"timeout={timeout!r} must be a positive number of seconds or an httpx.Timeout"
            " (None is refused: a request must never hang forever)"
        )
    return httpx.Timeout(
        float(timeout), connect=min(float(timeout), DEFAULT_TIMEOUT.connect or 5.0)
    )


def attempt_budget(timeout: httpx.Timeout) -> float:
    """The total time one attempt (connect, send, status line, headers, whole body) may take:
    the largest part of `timeout`. httpx's own timeouts bound each socket operation, so a
    server sending a byte at a time would never trip them; this bounds the sum."""
    parts = [timeout.connect, timeout.read, timeout.write, timeout.pool]
    return max(part for part in parts if part is not None)


def check_max_response_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError(
            f"max_response_bytes={value!r} is invalid: use a whole number of bytes > 0, e.g."
            f" max_response_bytes={DEFAULT_MAX_RESPONSE_BYTES} (16 MiB, the default)"
        )
    return value


@attrs.frozen(kw_only=True)
class ClientConfig:
    """The settled configuration of a client. Its repr never shows the token."""

    token: Secret
    workspace: str
    test_mode: bool
    base_url: str
    timeout: httpx.Timeout
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    @classmethod
    def resolve(
        cls,
        *,
        token: str | None,
        workspace: str | None,
        test_mode: bool | None,
        base_url: str | None,
        timeout: float | httpx.Timeout | None,
        max_response_bytes: object = DEFAULT_MAX_RESPONSE_BYTES,
        environ: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        env = os.environ if environ is None else environ
        token = token if token is not None else env.get(ENV_TOKEN)
        if token is None or not token.strip():
            raise ConfigurationError(
                f"No API token: pass Piriod(token='...') or set {ENV_TOKEN}. Tokens are made in"
                " the Piriod dashboard; against the sandbox use 'sk_test_sandbox'."
            )
        workspace = workspace if workspace is not None else env.get(ENV_WORKSPACE)
        if workspace is None or not workspace.strip():
            raise ConfigurationError(
                f"No workspace: pass Piriod(workspace='acc_...') or set {ENV_WORKSPACE}. Every"
                " request needs the x-simple-workspace header; against the sandbox use"
                " 'acc_sandbox'."
            )
        if test_mode is None:
            test_mode = _parse_bool(ENV_TEST_MODE, env.get(ENV_TEST_MODE, "false"))
        elif not isinstance(test_mode, bool):
            raise ConfigurationError(f"test_mode={test_mode!r} must be True or False")
        if base_url is None:
            base_url = env.get(ENV_BASE_URL) or DEFAULT_BASE_URL
        return cls(
            token=Secret(token.strip()),
            workspace=workspace.strip(),
            test_mode=test_mode,
            base_url=normalize_base_url(base_url),
            timeout=coerce_timeout(timeout),
            max_response_bytes=check_max_response_bytes(max_response_bytes),
        )
