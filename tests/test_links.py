"""Unit tests of cutover.links: the short path of a step, the site's base URL, and ids as people type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cutover.errors import CatalogueError, CutoverError
from cutover.links import (
    BASE_URL,
    DEFAULT_BASE_URL,
    SHORT,
    BaseURLError,
    base_url,
    normalise,
    short_path,
    site_problems,
)

NOT_A_ROOT = "CUTOVER_BASE_URL: {!r} is not the address of the site's root, such as https://runbook.example.com/"


def _refused(value: str) -> str:
    """The message of the error ``base_url`` raises for this value of $CUTOVER_BASE_URL."""
    with pytest.raises(BaseURLError) as info:
        base_url({BASE_URL: value})
    return str(info.value)


# --- short_path ---------------------------------------------------------------------------------------------------


def test_short_path_in_german() -> None:
    """The German short link of a step is ``de/s/<id>.html``."""
    expected = "de/s/portal-verify-offline.html"
    assert expected == short_path("de", "portal-verify-offline")


def test_short_path_in_english() -> None:
    """The English short link of a step is ``en/s/<id>.html``."""
    expected = "en/s/lead-decide.html"
    assert expected == short_path("en", "lead-decide")


def test_short_links_live_in_one_folder() -> None:
    """The settings name the folder of the short links and the environment variable of the base URL."""
    expected = ("s", "CUTOVER_BASE_URL", "http://127.0.0.1:8000/")
    assert expected == (SHORT, BASE_URL, DEFAULT_BASE_URL)


# --- base_url -----------------------------------------------------------------------------------------------------


def test_base_url_defaults_to_the_local_server() -> None:
    """Without $CUTOVER_BASE_URL the site is where ``nox -s docs-serve`` serves it."""
    expected = "http://127.0.0.1:8000/"
    assert expected == base_url({})


def test_base_url_empty_setting_is_the_default() -> None:
    """An empty $CUTOVER_BASE_URL counts as not set."""
    expected = "http://127.0.0.1:8000/"
    assert expected == base_url({BASE_URL: ""})


def test_base_url_blank_setting_is_refused() -> None:
    """A $CUTOVER_BASE_URL of blanks only is a mistake to point out, not an unset variable."""
    with pytest.raises(BaseURLError) as info:
        base_url({BASE_URL: "  "})
    expected = "CUTOVER_BASE_URL: '  ' contains a space, a tab or a line break"
    assert expected == str(info.value)


def test_base_url_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Called without a mapping, ``base_url`` reads $CUTOVER_BASE_URL of the process."""
    monkeypatch.setenv(BASE_URL, "https://runbook.example.com/")
    expected = "https://runbook.example.com/"
    assert expected == base_url()


def test_base_url_process_environment_without_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Called without a mapping and with no $CUTOVER_BASE_URL, ``base_url`` is the default."""
    monkeypatch.delenv(BASE_URL, raising=False)
    expected = "http://127.0.0.1:8000/"
    assert expected == base_url()


def test_base_url_keeps_its_trailing_slash() -> None:
    """An address that ends in a slash is taken as it is."""
    expected = "https://runbook.example.com/cutover/"
    assert expected == base_url({BASE_URL: "https://runbook.example.com/cutover/"})


def test_base_url_gets_a_trailing_slash() -> None:
    """An address without a trailing slash gets one, so that paths can be appended."""
    expected = "https://runbook.example.com/cutover/"
    assert expected == base_url({BASE_URL: "https://runbook.example.com/cutover"})


def test_base_url_of_a_bare_host_gets_a_slash() -> None:
    """A bare host with a port is the root of the site."""
    expected = "http://localhost:9000/"
    assert expected == base_url({BASE_URL: "http://localhost:9000"})


@pytest.mark.parametrize(
    "value", ["  https://runbook.example.com", "https://runbook.example.com\n", "https://runbook.example.com/a\tb/"]
)
def test_base_url_with_white_space_is_refused(value: str) -> None:
    """A space, a tab or a line break anywhere in the setting is refused, with the value's escapes made visible."""
    with pytest.raises(BaseURLError) as info:
        base_url({BASE_URL: value})
    expected = f"CUTOVER_BASE_URL: {value!r} contains a space, a tab or a line break"
    assert expected == str(info.value)


@pytest.mark.parametrize(
    "value",
    [
        "runbook.example.com",
        "ftp://runbook.example.com/",
        "file:///srv/runbook/",
        "http:///cutover/",
        "https://runbook.example.com/?lang=de",
        "https://runbook.example.com/#top",
    ],
    ids=["no-scheme", "ftp", "file", "no-host", "query", "fragment"],
)
def test_base_url_refuses_what_is_not_a_site_root(value: str) -> None:
    """Only an http(s) address with a host, without query or fragment, is a site root; the message names the setting."""
    assert NOT_A_ROOT.format(value) == _refused(value)


def test_base_url_refuses_an_empty_query_or_fragment() -> None:
    """A bare ``?`` or ``#`` at the end would turn every appended path into a query or fragment, so it is refused."""
    expected = [NOT_A_ROOT.format("https://runbook.example.com/?"), NOT_A_ROOT.format("https://runbook.example.com/#")]
    assert expected == [_refused("https://runbook.example.com/?"), _refused("https://runbook.example.com/#")]


def test_base_url_refuses_a_broken_ipv6_host() -> None:
    """An unclosed IPv6 host is a bad setting like any other, not a ValueError from urllib."""
    assert NOT_A_ROOT.format("http://[::1:8000/") == _refused("http://[::1:8000/")


@pytest.mark.parametrize("value", ["http://runbook.example.com:abc/", "http://runbook.example.com:0/"])
def test_base_url_refuses_a_port_that_is_no_port(value: str) -> None:
    """A port that is no number, or port 0, is a bad setting, not an address every link would share."""
    assert NOT_A_ROOT.format(value) == _refused(value)


def test_base_url_error_is_a_cutover_error() -> None:
    """A bad base URL is bad input, so the command line reports it like any other."""
    assert issubclass(BaseURLError, CutoverError)


# --- normalise ----------------------------------------------------------------------------------------------------


def test_normalise_keeps_a_proper_id() -> None:
    """An id typed as it is written stays as it is."""
    expected = "portal-verify-offline"
    assert expected == normalise("portal-verify-offline")


def test_normalise_lowercases_and_joins_words_with_hyphens() -> None:
    """An id heard read aloud and typed as words becomes the id."""
    expected = "portal-verify-offline"
    assert expected == normalise("Portal Verify offline")


def test_normalise_turns_underscores_into_hyphens() -> None:
    """Underscores, as in a Python name, become hyphens."""
    expected = "mail-choose-variant"
    assert expected == normalise("MAIL_choose_variant")


def test_normalise_drops_surrounding_white_space() -> None:
    """White space around the id is dropped, not turned into hyphens."""
    expected = "lead-decide"
    assert expected == normalise("  lead decide\t\n")


def test_normalise_joins_a_run_of_separators_into_one_hyphen() -> None:
    """Several spaces, tabs or underscores in a row become one hyphen."""
    expected = "lead-inform-staff"
    assert expected == normalise("lead  \t inform__ staff")


# --- site.toml ----------------------------------------------------------------------------------------------------


def _site(tmp_path: Path, text: str | None) -> Path:
    """A runbook folder whose site.toml holds ``text`` (none if None)."""
    if text is not None:
        (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_address_comes_from_site_toml(tmp_path: Path) -> None:
    """Without $CUTOVER_BASE_URL, the runbook's site.toml names the address; a slash is added."""
    expected = "https://umstieg.example.com/hilfe/"
    assert expected == base_url({}, runbook=_site(tmp_path, 'base_url = "https://umstieg.example.com/hilfe"\n'))


def test_the_variable_wins_over_site_toml(tmp_path: Path) -> None:
    """$CUTOVER_BASE_URL is the address even when site.toml names another."""
    runbook = _site(tmp_path, 'base_url = "https://umstieg.example.com/"\n')
    expected = "https://other.example.com/"
    assert expected == base_url({BASE_URL: "https://other.example.com/"}, runbook=runbook)


@pytest.mark.parametrize("text", [None, 'base_url = ""\n', "# not yet published\n"])
def test_no_published_address_is_the_local_preview(tmp_path: Path, text: str | None) -> None:
    """No site.toml, an empty base_url or none at all: the links lead to the local preview."""
    expected: tuple[str, list[object]] = (DEFAULT_BASE_URL, [])
    runbook = _site(tmp_path, text)
    assert expected == (base_url({}, runbook=runbook), site_problems(runbook))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("base_url = 3\n", "site.toml:1: base_url: must be a text"),
        ('base_url = ""\nbase = "x"\n', "site.toml:2: base: unknown key (expected only base_url)"),
        (
            'base_url = "umstieg.example.com"\n',
            f"site.toml:1: base_url: {NOT_A_ROOT[18:].format('umstieg.example.com')}",
        ),
        ("base_url = \n", "site.toml:1: invalid TOML: Invalid value (column 12)"),
    ],
)
def test_a_bad_site_toml_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, problem: str
) -> None:
    """What is wrong with site.toml is named at its line, and ``base_url`` refuses to make links from it."""
    monkeypatch.chdir(tmp_path)
    runbook = _site(tmp_path, text)
    with pytest.raises(CatalogueError) as info:
        base_url({}, runbook=runbook)
    expected = ([problem], [problem])
    assert expected == ([str(p) for p in site_problems(runbook)], [str(p) for p in info.value.problems])
