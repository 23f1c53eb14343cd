"""Client settings: from arguments first, then the environment, checked before any request."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import re
from collections.abc import Mapping
from typing import Final

import attrs
import httpx

from ._exceptions import ConfigurationError

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "REDACTED",
    "ClientConfig",
    "Secret",
    "attempt_budget",
    "check_environment_proxies",
    "check_max_response_bytes",
    "is_loopback_url",
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


REDACTED: Final = "[redacted]"

# A token at least this long cannot appear by chance inside what a server sends: found there,
# it is an echo, and it is scrubbed from an error's fields too. A shorter one is scrubbed from
# those only where a whole value equals it (its text may be part of an honest message).
ECHO_MIN_LENGTH: Final = 12

# What an HTTP header value can carry as piriod sends it: printable ASCII and the space.
_UNSENDABLE = re.compile(r"[^\x20-\x7e]")
_CHARACTER_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\x00": "a NUL character",
    "\ufeff": "a byte-order mark (U+FEFF)",
    "\u200b": "a zero-width space (U+200B)",
    "\u00a0": "a no-break space (U+00A0)",
}


def header_problem(value: str) -> str | None:
    """Why `value` cannot be sent as an HTTP header value, in words that never quote it; None
    if it can. Never raises."""
    found = _UNSENDABLE.search(value)
    if found is None:
        return None
    char = found.group()
    name = _CHARACTER_NAMES.get(char)
    if name is None:
        kind = "a control character" if char.isascii() else "a non-ASCII character"
        name = f"{kind} (U+{ord(char):04X})"
    return f"contains {name}, which an HTTP header cannot carry"


class Secret:
    """A string that never shows itself in repr(), str(), f-strings or pickles.

    Code that needs the text reveals it only inside tiny functions that never raise (here,
    and where the Authorization header is set), so no frame of a traceback keeps it: the
    scrubbing below takes the Secret, not its text.
    """

    __slots__ = ("_value",)

    def __init__(self, value: object) -> None:
        self._value = value

    def reveal(self) -> str:
        value = self._value
        return value if isinstance(value, str) else ""

    def problem(self) -> str | None:
        """Why this cannot be sent as a token (never quoting it), or None."""
        value = self._value
        if not isinstance(value, str):
            return f"is {type(value).__name__}, not str"
        if not value.strip():
            return "is empty"
        return header_problem(value.strip())

    def stripped(self) -> Secret:
        """The secret without surrounding whitespace (a token file's final newline)."""
        value = self._value
        return Secret(value.strip()) if isinstance(value, str) else self

    def scrub(self, text: str) -> str:
        """`text` with every occurrence of the secret replaced by [redacted]: for what is
        shown (messages, logs)."""
        value = self._value
        if not isinstance(value, str) or not value:
            return text
        return text.replace(value, REDACTED)

    def scrub_value(self, text: str) -> str:
        """For a string a server sent, kept in an error's fields: [redacted] if it is the
        secret; also its occurrences inside, when the secret is too long to be there by
        chance (ECHO_MIN_LENGTH); otherwise the string as it came."""
        value = self._value
        if not isinstance(value, str) or not value:
            return text
        if text == value:
            return REDACTED
        if len(value) >= ECHO_MIN_LENGTH:
            return text.replace(value, REDACTED)
        return text

    def scrub_bytes(self, data: bytes) -> bytes:
        """`scrub_value` for bytes (bodies, header values), the secret encoded as UTF-8."""
        value = self._value
        if not isinstance(value, str) or not value:
            return data
        encoded = value.encode("utf-8", errors="replace")
        if data == encoded:
            return REDACTED.encode()
        if len(value) >= ECHO_MIN_LENGTH:
            return data.replace(encoded, REDACTED.encode())
        return data

    def scrub_header(self, name: bytes) -> bytes:
        """`scrub_bytes` for a header's name or value, whatever its case: HTTP/2 and many
        proxies send names in lower case, and an echo may change a value's case too."""
        value = self._value
        if not isinstance(value, str) or not value:
            return name
        encoded = value.encode("utf-8", errors="replace")
        if name.lower() == encoded.lower():
            return REDACTED.encode()
        if len(value) >= ECHO_MIN_LENGTH and encoded.lower() in name.lower():
            return re.sub(re.escape(encoded), REDACTED.encode(), name, flags=re.IGNORECASE)
        return name

    def __len__(self) -> int:
        return len(self.reveal())

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a Secret (the API token) is never pickled")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def _is_loopback(host: str) -> bool:
    """A literal loopback address, or `localhost` itself. Not `<name>.localhost`: many
    resolvers send such names to DNS, and so the token to whoever answers."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """Whether `url` (a checked base URL) names this machine."""
    return _is_loopback(httpx.URL(url).host)


_LAST_PORT = 65535


def normalize_base_url(base_url: str) -> str:
    """Checks a base URL and drops its trailing slash: `https://host[:port][/prefix]`."""
    if isinstance(base_url, str) and "@" in base_url:
        # Checked first, and never quoted: it may hold a password, in forms no URL parser
        # agrees on (`https:u:pw@h`, `//u:pw@h`, a password with `/` or `#`). An API's base
        # URL has no use for an `@`; httpx would send `user:password` as Basic authorization
        # in place of the token.
        raise ConfigurationError(
            "base_url must not carry a user name or password (`user:password@`): piriod"
            " authenticates with the API token; remove them from the URL"
        )
    try:
        url = httpx.URL(base_url)
        host = url.host  # decoding an `xn--` name may fail only here (idna's UnicodeError)
        port = url.port
    except (httpx.InvalidURL, TypeError, UnicodeError) as exc:
        raise ConfigurationError(
            f"base_url {base_url!r} is not a URL ({exc}); use e.g. {DEFAULT_BASE_URL!r}"
        ) from None
    if port is not None and not 0 < port <= _LAST_PORT:
        raise ConfigurationError(
            f"base_url {base_url!r} names port {port}, which does not exist (1 to {_LAST_PORT})"
        )
    if url.scheme not in ("http", "https") or not host:
        raise ConfigurationError(
            f"base_url {base_url!r} must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}"
        )
    if url.scheme == "http" and not _is_loopback(host):
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


def _environment(environ: Mapping[str, str] | None, name: str) -> str | None:
    # Read here, so that no frame of a raising function keeps os.environ (and with it the
    # token) among its locals.
    return (os.environ if environ is None else environ).get(name)


def _check_token(token: Secret | None, *, from_environment: bool) -> Secret:
    if token is None or token.problem() == "is empty":
        raise ConfigurationError(
            f"No API token: pass Piriod(token='...') or set {ENV_TOKEN}. Tokens are made in"
            " the Piriod dashboard; against the sandbox use 'sk_test_sandbox'."
        )
    problem = token.problem()
    if problem is not None:
        where = f"The {ENV_TOKEN} variable" if from_environment else "The token= argument"
        raise ConfigurationError(
            f"{where} {problem} (its value is not shown); an API token is one line of plain"
            " ASCII: copy it again from the Piriod dashboard, or check the file it is read from"
        )
    return token.stripped()


def _check_workspace(workspace: object, *, from_environment: bool) -> str:
    where = f"The {ENV_WORKSPACE} variable" if from_environment else "The workspace= argument"
    if workspace is None or (isinstance(workspace, str) and not workspace.strip()):
        raise ConfigurationError(
            f"No workspace: pass Piriod(workspace='acc_...') or set {ENV_WORKSPACE}. Every"
            " request needs the x-simple-workspace header; against the sandbox use"
            " 'acc_sandbox'."
        )
    if not isinstance(workspace, str):
        raise ConfigurationError(f"{where} is {type(workspace).__name__}, not str")
    problem = header_problem(workspace.strip())
    if problem is not None:
        raise ConfigurationError(
            f"{where} {problem} (its value is not shown); a workspace id is one line of plain"
            " ASCII such as 'acc_...': copy it again from the Piriod dashboard"
        )
    return workspace.strip()


# The variables httpx reads proxies from (any case; urllib prefers the lower-case one).
_PROXY_VARIABLES: Final = ("http_proxy", "https_proxy", "all_proxy")
_PROXY_SCHEMES: Final = ("http", "https", "socks5", "socks5h")


def _proxy_problem(url: str) -> str | None:
    """Why httpx cannot use the proxy `url`, in words that do not quote it (a proxy URL can
    hold a password); None if it can."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else "http"
    if scheme not in _PROXY_SCHEMES:
        return f"names a {scheme}:// proxy; httpx proxies only through http, https and socks5"
    if scheme.startswith("socks5") and importlib.util.find_spec("socksio") is None:
        return (
            f"names a {scheme}:// proxy, which needs the socksio package:"
            " pip install 'httpx[socks]'"
        )
    try:
        httpx.URL(url if "://" in url else f"http://{url}")
    except (httpx.InvalidURL, TypeError):
        return "is not a URL"
    return None


def _proxy_problems(environ: Mapping[str, str] | None) -> list[tuple[str, str]]:
    # (variable, problem) for each proxy variable httpx cannot use. Never raises, so no frame
    # of a traceback keeps the environment (the token) or a proxy URL (a password).
    env = os.environ if environ is None else environ
    problems = []
    for name in sorted(env):
        if name.lower() in _PROXY_VARIABLES and env[name].strip():
            problem = _proxy_problem(env[name].strip())
            if problem is not None:
                problems.append((name, problem))
    return problems


def check_environment_proxies(environ: Mapping[str, str] | None = None) -> None:
    """ConfigurationError if a proxy variable of the environment is one httpx cannot use
    (httpx would raise ImportError or ValueError while piriod makes its client)."""
    for name, problem in _proxy_problems(environ):
        raise ConfigurationError(
            f"The {name} environment variable {problem} (its value is not shown). Fix or"
            " unset it, or pass an http_client of your own"
        )


def proxy_error() -> ConfigurationError:
    """What httpx's own refusal of an environment proxy becomes, when the check above did
    not see it coming: it names the variables set, never their values."""
    names = sorted(name for name in os.environ if name.lower() in _PROXY_VARIABLES)
    return ConfigurationError(
        f"httpx cannot use the proxy the environment names ({', '.join(names) or 'none set'};"
        " values not shown). Fix or unset the variable, or pass an http_client of your own"
    )


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
        token: Secret | None,
        workspace: str | None,
        test_mode: bool | None,
        base_url: str | None,
        timeout: float | httpx.Timeout | None,
        max_response_bytes: object = DEFAULT_MAX_RESPONSE_BYTES,
        environ: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        """The configuration from the arguments, else the environment. `token` comes wrapped
        (the clients wrap it first thing), so that no frame here holds its text. Surrounding
        whitespace is stripped from the token and the workspace; a value an HTTP header cannot
        carry (a line break, a non-ASCII or zero-width character) is a ConfigurationError
        naming the argument or variable, never quoting the value."""
        token_from_environment = token is None
        if token is None:
            found = _environment(environ, ENV_TOKEN)
            token = None if found is None else Secret(found)
            del found
        checked_token = _check_token(token, from_environment=token_from_environment)
        workspace_from_environment = workspace is None
        if workspace is None:
            workspace = _environment(environ, ENV_WORKSPACE)
        checked_workspace = _check_workspace(workspace, from_environment=workspace_from_environment)
        if test_mode is None:
            test_mode = _parse_bool(ENV_TEST_MODE, _environment(environ, ENV_TEST_MODE) or "false")
        elif not isinstance(test_mode, bool):
            raise ConfigurationError(f"test_mode={test_mode!r} must be True or False")
        if base_url is None:
            base_url = _environment(environ, ENV_BASE_URL) or DEFAULT_BASE_URL
        return cls(
            token=checked_token,
            workspace=checked_workspace,
            test_mode=test_mode,
            base_url=normalize_base_url(base_url),
            timeout=coerce_timeout(timeout),
            max_response_bytes=check_max_response_bytes(max_response_bytes),
        )
