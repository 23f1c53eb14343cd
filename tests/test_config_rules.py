"""The rules of the client's settings that users meet: the token never shows itself, a
proxy variable httpx cannot use is named (never quoted) before any request, and what a server
echoes of the token is scrubbed where it is long enough to be the token."""

from __future__ import annotations

import pickle

import pytest

from piriod import ConfigurationError
from piriod._config import (
    ECHO_MIN_LENGTH,
    REDACTED,
    Secret,
    check_environment_proxies,
    proxy_error,
)

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
