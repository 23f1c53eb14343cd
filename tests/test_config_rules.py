"""The rules of the client's settings that users meet: the token never shows itself, a
proxy variable httpx cannot use is named (never quoted) before any request, and what a server
echoes of the token is scrubbed where it is long enough to be the token."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import httpx
import pytest

from piriod import ConfigurationError, Piriod
from piriod._config import (
    DEFAULT_TIMEOUT,
    ECHO_MIN_LENGTH,
    REDACTED,
    ClientConfig,
    Secret,
    check_environment_proxies,
    proxy_error,
)

from conftest import TOKEN, WORKSPACE, FakeAPI

# --- the token ------------------------------------------------------------------------------


def test_a_secret_shows_stars_in_repr_str_and_f_strings() -> None:
    secret = Secret("sk_live_abcdef")
    assert repr(secret) == "Secret('**********')"
    assert str(secret) == "Secret('**********')"
    assert f"{secret}" == "Secret('**********')"
    assert f"{secret!r}" == "Secret('**********')"


def test_a_secret_refuses_to_be_pickled_saying_why() -> None:
    with pytest.raises(TypeError) as caught:
        pickle.dumps(Secret("sk_live_abcdef"))
    assert str(caught.value) == "a Secret (the API token) is never pickled"


def test_secrets_compare_by_their_text() -> None:
    assert Secret("sk_live_a") == Secret("sk_live_a")
    assert Secret("sk_live_a") != Secret("sk_live_b")
    assert Secret("sk_live_a") != "sk_live_a"
    assert hash(Secret("sk_live_a")) == hash(Secret("sk_live_a"))
    assert len({Secret("sk_live_a"), Secret("sk_live_a"), Secret("sk_live_b")}) == 2


def test_a_token_just_long_enough_to_be_an_echo_is_scrubbed_inside_a_value() -> None:
    token = "t" * ECHO_MIN_LENGTH
    assert Secret(token).scrub_value(f"bad token {token}!") == f"bad token {REDACTED}!"
    short = "t" * (ECHO_MIN_LENGTH - 1)  # too short to tell from ordinary text
    assert Secret(short).scrub_value(f"bad token {short}!") == f"bad token {short}!"
    assert Secret(short).scrub_value(short) == REDACTED  # the whole value still is


def test_a_secret_that_is_not_text_reveals_nothing() -> None:
    assert Secret(12345).reveal() == ""
    assert len(Secret(None)) == 0


def test_different_secrets_spread_over_hash_buckets() -> None:
    assert len({hash(Secret(f"sk_live_{number}")) for number in range(50)}) > 1


def test_a_token_just_long_enough_to_be_an_echo_is_scrubbed_inside_bytes() -> None:
    token = "t" * ECHO_MIN_LENGTH
    assert Secret(token).scrub_bytes(f"bad token {token}!".encode()) == b"bad token [redacted]!"
    short = "t" * (ECHO_MIN_LENGTH - 1)  # too short to tell from ordinary text
    assert (
        Secret(short).scrub_bytes(f"bad token {short}!".encode()) == f"bad token {short}!".encode()
    )
    assert Secret(short).scrub_bytes(short.encode()) == b"[redacted]"  # the whole value still is


def test_scrubbing_bytes_never_raises_for_a_token_utf8_cannot_encode() -> None:
    # What an undecodable byte of a token file or variable becomes (surrogateescape).
    token = Secret("sk_live_0123456789\udcff")
    assert token.scrub_bytes(b'{"detail": "Invalid token."}') == b'{"detail": "Invalid token."}'


# --- proxies the environment names ----------------------------------------------------------


def refusal(environ: dict[str, str]) -> str:
    with pytest.raises(ConfigurationError) as caught:
        check_environment_proxies(environ)
    return str(caught.value)


def test_a_proxy_scheme_httpx_lacks_is_named_without_its_value() -> None:
    assert refusal({"HTTPS_PROXY": "ftp://user:hunter2@proxy:21"}) == (
        "The HTTPS_PROXY environment variable names a ftp:// proxy; httpx proxies only"
        " through http, https and socks5 (its value is not shown). Fix or unset it, or pass"
        " an http_client of your own"
    )


def test_a_socks_proxy_without_socksio_says_what_to_install() -> None:
    assert refusal({"ALL_PROXY": "socks5://user:hunter2@proxy:1080"}) == (
        "The ALL_PROXY environment variable names a socks5:// proxy, which needs the socksio"
        " package: pip install 'httpx[socks]' (its value is not shown). Fix or unset it, or"
        " pass an http_client of your own"
    )


@pytest.mark.parametrize("value", ["http://[::1", "[::1", "http://user:a://b@proxy:3128"])
def test_a_proxy_that_is_not_a_url_is_named(value: str) -> None:
    assert refusal({"http_proxy": value}) == (
        "The http_proxy environment variable is not a URL (its value is not shown). Fix or"
        " unset it, or pass an http_client of your own"
    )


@pytest.mark.parametrize(
    "environ",
    [
        {"HTTPS_PROXY": "proxy.local:3128"},  # no scheme: httpx reads it as http://
        {"HTTPS_PROXY": "http://proxy.local:3128"},
        {"HTTPS_PROXY": "https://user:pass@proxy.local:3128"},
        {"HTTPS_PROXY": "  "},  # blank: no proxy
        {"NOT_A_PROXY": "ftp://anything", "HOME": "[::1"},  # not proxy variables
    ],
)
def test_proxies_httpx_can_use_and_other_variables_pass(environ: dict[str, str]) -> None:
    check_environment_proxies(environ)


def test_the_environment_checked_is_the_one_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    assert "HTTPS_PROXY" in refusal({"HTTPS_PROXY": "ftp://proxy"})
    monkeypatch.setenv("HTTPS_PROXY", "ftp://proxy")
    check_environment_proxies({})  # the mapping given, not os.environ


def test_httpxs_own_refusal_names_the_proxy_variables_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    assert str(proxy_error()) == (
        "httpx cannot use the proxy the environment names (none set; values not shown). Fix or"
        " unset the variable, or pass an http_client of your own"
    )
    monkeypatch.setenv("https_proxy", "http://user:hunter2@proxy")
    monkeypatch.setenv("ALL_PROXY", "http://proxy")
    monkeypatch.setenv("PROXY_NOTE", "not a proxy variable")
    message = str(proxy_error())
    assert message == (
        "httpx cannot use the proxy the environment names (ALL_PROXY, https_proxy; values not"
        " shown). Fix or unset the variable, or pass an http_client of your own"
    )
    assert "hunter2" not in message


# --- the settings a client is made with -----------------------------------------------------


def refused(**settings: Any) -> str:
    with pytest.raises(ConfigurationError) as caught:
        Piriod(**{"token": TOKEN, "workspace": WORKSPACE, **settings})
    return str(caught.value)


def test_an_http_base_url_off_this_machine_is_refused_naming_the_fix() -> None:
    assert refused(base_url="http://api.piriod.com") == (
        "base_url 'http://api.piriod.com' uses plain http:// to a host that is not this machine,"
        " which would send the API token unencrypted; use https:// (http:// is allowed only"
        " for 127.0.0.1, ::1 and localhost, e.g. the sandbox)"
    )


@pytest.mark.parametrize(
    ("base_url", "reason"),
    [
        ("https://xn--zz.example", "Invalid A-label"),
        ("https://xn--api.piriod.com", "not allowed"),
        ("http://xn--localhost", "not allowed"),
    ],
)
def test_a_base_url_whose_host_name_cannot_be_decoded_is_a_configuration_error(
    base_url: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = refused(base_url=base_url)
    assert message.startswith(f"base_url {base_url!r} is not a URL (")
    assert reason in message
    assert message.endswith("); use e.g. 'https://api.piriod.com'")
    monkeypatch.setenv("PIRIOD_BASE_URL", base_url)
    assert refused() == message


@pytest.mark.parametrize(
    "base_url",
    [
        "http://user:hunter2pw@127.0.0.1:8000",
        "https://user@api.piriod.com",
        "https://:hunter2pw@x.io",
        "https://u:hunter2pw@xn--zz.example",  # a bad host name after it: still not quoted
        "https://u:hunter2/pw@api.piriod.com",  # a `/` in the password
        "https://u:hunter2#pw@api.piriod.com",
        " https://u:hunter2pw@api.piriod.com",  # a leading space
        "https:u:hunter2pw@api.piriod.com",
        "//u:hunter2pw@api.piriod.com",
        "u:hunter2pw@api.piriod.com",
    ],
)
def test_a_base_url_with_a_user_or_password_is_refused_without_quoting_it(base_url: str) -> None:
    assert refused(base_url=base_url) == (
        "base_url must not carry a user name or password (`user:password@`): piriod"
        " authenticates with the API token; remove them from the URL"
    )


@pytest.mark.parametrize("port", ["99999", "0", "65536"])
def test_a_base_url_with_a_port_that_does_not_exist_is_refused(port: str) -> None:
    base_url = f"https://api.piriod.com:{port}"
    assert refused(base_url=base_url) == (
        f"base_url {base_url!r} names port {port}, which does not exist (1 to 65535)"
    )


@pytest.mark.parametrize("port", [1, 8443, 65535])
def test_a_base_url_with_any_real_port_is_kept(port: int) -> None:
    with Piriod(
        token=TOKEN, workspace=WORKSPACE, base_url=f"https://api.piriod.com:{port}"
    ) as client:
        assert client.base_url == f"https://api.piriod.com:{port}"


LONG = "sk_live_AbCdEfGhIjKlMnOp1234"


@pytest.mark.parametrize(
    ("secret", "header", "shown"),
    [
        (LONG, LONG.lower(), "[redacted]"),  # the whole name or value, in another case
        (LONG, f"x-{LONG.upper()}-y", "x-[redacted]-y"),  # inside, in another case
        (LONG, "x-request-id", "x-request-id"),
        ("Simple", "simple", "[redacted]"),  # a short token, whole: still redacted
        ("Simple", "x-simple-workspace", "x-simple-workspace"),  # inside: left as it is
        ("", "x-anything", "x-anything"),
    ],
)
def test_a_header_is_scrubbed_of_the_token_in_any_case(
    secret: str, header: str, shown: str
) -> None:
    assert Secret(secret).scrub_header(header.encode()) == shown.encode()


def test_a_header_is_left_alone_by_a_secret_that_is_not_text() -> None:
    assert Secret(None).scrub_header(b"x-none") == b"x-none"


def test_a_token_of_the_shortest_echo_length_is_scrubbed_inside_a_header() -> None:
    token = "sk_live_abcd"
    assert len(token) == ECHO_MIN_LENGTH
    assert Secret(token).scrub_header(b"x-SK_LIVE_ABCD") == b"x-[redacted]"


def test_a_token_no_encoding_can_write_still_scrubs_headers_without_raising() -> None:
    # A lone surrogate (a token read from a broken file) encodes with "?" in its place.
    secret = Secret("sk_live_\ud800_abcdefgh")
    assert secret.scrub_header(b"x-sk_live_?_abcdefgh") == b"x-[redacted]"


def test_only_the_trailing_slash_is_dropped_from_a_base_url() -> None:
    with Piriod(
        token=TOKEN, workspace=WORKSPACE, base_url="https://gateway.example.com/PIRIOD_X/"
    ) as client:
        assert client.base_url == "https://gateway.example.com/PIRIOD_X"


def test_a_timeout_with_a_part_switched_off_is_refused_naming_the_fix() -> None:
    assert refused(timeout=httpx.Timeout(30.0, connect=None)) == (
        "timeout has a part set to None, which could let a request hang forever; give every"
        " part a number of seconds, e.g. httpx.Timeout(30.0, connect=5.0)"
    )


def test_a_timeout_that_is_not_a_positive_number_is_refused_naming_it() -> None:
    assert refused(timeout=0) == (
        "timeout=0 must be a positive number of seconds or an httpx.Timeout (None is refused:"
        " a request must never hang forever)"
    )


def timeout_sent(timeout: float) -> object:
    api = FakeAPI(1)
    seen: list[object] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return api(request)

    with (
        httpx.Client(transport=httpx.MockTransport(record)) as http,
        Piriod(token=TOKEN, workspace=WORKSPACE, timeout=timeout, http_client=http) as client,
    ):
        list(client.customers.list())
    return seen[0]


def test_a_timeout_in_seconds_bounds_every_part_but_connect_keeps_failing_fast() -> None:
    assert DEFAULT_TIMEOUT.connect == 5.0
    assert timeout_sent(60) == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}


def test_a_timeout_shorter_than_the_connect_default_bounds_connecting_too() -> None:
    assert timeout_sent(2.5) == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


def test_a_response_limit_of_zero_bytes_is_refused_naming_the_default() -> None:
    assert refused(max_response_bytes=0) == (
        "max_response_bytes=0 is invalid: use a whole number of bytes > 0, e.g."
        " max_response_bytes=16777216 (16 MiB, the default)"
    )


def test_a_response_limit_of_one_byte_is_allowed() -> None:
    with Piriod(token=TOKEN, workspace=WORKSPACE, max_response_bytes=1) as client:
        assert client.max_response_bytes == 1


def test_no_workspace_is_refused_saying_where_one_comes_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PIRIOD_WORKSPACE", raising=False)
    expected = (
        "No workspace: pass Piriod(workspace='acc_...') or set PIRIOD_WORKSPACE. Every request"
        " needs the x-simple-workspace header; against the sandbox use 'acc_sandbox'."
    )
    assert refused(workspace=None) == expected
    assert refused(workspace="   ") == expected


def test_a_workspace_that_is_not_text_is_refused_naming_its_type() -> None:
    workspace: Any = 12345
    assert refused(workspace=workspace) == "The workspace= argument is int, not str"


def test_a_workspace_argument_a_header_cannot_carry_is_named_without_its_value() -> None:
    assert refused(workspace="acc_\nsecret") == (
        "The workspace= argument contains a line break, which an HTTP header cannot carry (its"
        " value is not shown); a workspace id is one line of plain ASCII such as 'acc_...':"
        " copy it again from the Piriod dashboard"
    )


def test_settings_are_read_from_the_environment_given_not_the_process_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PIRIOD_API_TOKEN", "sk_live_of_this_process")
    monkeypatch.setenv("PIRIOD_WORKSPACE", "acc_of_this_process")
    monkeypatch.delenv("PIRIOD_TEST_MODE", raising=False)
    monkeypatch.delenv("PIRIOD_BASE_URL", raising=False)
    config = ClientConfig.resolve(
        token=None,
        workspace=None,
        test_mode=None,
        base_url=None,
        timeout=DEFAULT_TIMEOUT,
        environ={
            "PIRIOD_API_TOKEN": "sk_test_given",
            "PIRIOD_WORKSPACE": "acc_given",
            "PIRIOD_TEST_MODE": "true",
            "PIRIOD_BASE_URL": "https://given.example.com",
        },
    )
    assert config.token == Secret("sk_test_given")
    assert config.workspace == "acc_given"
    assert config.test_mode is True
    assert config.base_url == "https://given.example.com"


# --- socks proxies --------------------------------------------------------------------------


def test_a_socks_proxy_passes_once_socksio_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "socksio").mkdir()
    (tmp_path / "socksio" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    check_environment_proxies({"ALL_PROXY": "socks5://user:hunter2@proxy:1080"})
    check_environment_proxies({"all_proxy": "socks5h://proxy:1080"})


# --- a token or workspace that cannot be sent -----------------------------------------------

NO_TOKEN = (
    "No API token: pass Piriod(token='...') or set PIRIOD_API_TOKEN. Tokens are made in the"
    " Piriod dashboard; against the sandbox use 'sk_test_sandbox'."
)


@pytest.mark.parametrize("token", ["", "   ", "\n"])
def test_an_empty_token_argument_is_refused_saying_where_one_comes_from(token: str) -> None:
    assert refused(token=token) == NO_TOKEN


def test_no_token_anywhere_is_refused_saying_where_one_comes_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PIRIOD_API_TOKEN", raising=False)
    assert refused(token=None) == NO_TOKEN


def test_a_token_argument_a_header_cannot_carry_is_named_without_its_value() -> None:
    message = refused(token="sk_live_abc\ndef")
    assert message == (
        "The token= argument contains a line break, which an HTTP header cannot carry (its value"
        " is not shown); an API token is one line of plain ASCII: copy it again from the Piriod"
        " dashboard, or check the file it is read from"
    )
    assert "sk_live_abc" not in message


def test_a_token_variable_a_header_cannot_carry_is_named_without_its_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PIRIOD_API_TOKEN", "sk_live_abc\u200bdef")
    assert refused(token=None) == (
        "The PIRIOD_API_TOKEN variable contains a zero-width space (U+200B), which an HTTP"
        " header cannot carry (its value is not shown); an API token is one line of plain"
        " ASCII: copy it again from the Piriod dashboard, or check the file it is read from"
    )


def test_a_token_that_is_not_text_is_refused_naming_its_type() -> None:
    token: Any = 12345
    assert refused(token=token) == (
        "The token= argument is int, not str (its value is not shown); an API token is one line"
        " of plain ASCII: copy it again from the Piriod dashboard, or check the file it is read"
        " from"
    )


@pytest.mark.parametrize(
    ("workspace", "named"),
    [
        ("acc_\x01test", "a control character (U+0001)"),
        ("acc_\x7ftest", "a control character (U+007F)"),
        ("acc_tést", "a non-ASCII character (U+00E9)"),
        ("acc_test\u2028x", "a non-ASCII character (U+2028)"),
    ],
)
def test_a_workspace_character_without_a_name_is_named_by_its_kind_and_code_point(
    workspace: str, named: str
) -> None:
    assert refused(workspace=workspace) == (
        f"The workspace= argument contains {named}, which an HTTP header cannot carry (its"
        " value is not shown); a workspace id is one line of plain ASCII such as 'acc_...':"
        " copy it again from the Piriod dashboard"
    )
