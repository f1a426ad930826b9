"""The editions file: read once for every list of languages; bad entries named by key, all at once."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from cutover.editions import Edition, EditionsError, build_edition, codes, edition, editions, read_editions, root_page
from factories import FURTHER, UNDECLARED

ROOT = Path(__file__).resolve().parents[1]
GOOD = """\
[[edition]]
code = "de"
name = "Deutsch"
switch = "Diese Seite in einer anderen Sprache"
title = "Umstieg"
description = "Schritt für Schritt"
enter = "Zum Runbook"
"""
DECLARED = ", ".join(codes())
"""How an error names the declared editions."""
FURTHER_ONE = Edition(
    UNDECLARED, "Français", "Cette page dans une autre langue", "Passage", "Pas à pas", "vers le guide"
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "editions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_package_declares_german_then_english() -> None:
    assert codes()[:2] == ("de", "en")
    assert [e.name for e in editions()][:2] == ["Deutsch", "English"]
    assert edition("en").title == "Switching to the FLOWFACT platform"


@pytest.mark.parametrize("language", [UNDECLARED, "en_GB", "", None])
def test_a_language_no_edition_declares_is_an_error_not_german(language: str | None) -> None:
    declared = rf"\(declared: {re.escape(DECLARED)}\)"
    with pytest.raises(EditionsError, match=r"editions\.toml: no edition is declared for the language .* " + declared):
        edition(language)


@pytest.mark.parametrize(("language", "expected"), [("en_GB", "en"), ("de-AT", "de"), ("en", "en"), (None, "de")])
def test_a_build_language_picks_its_edition_whatever_its_region(language: str | None, expected: str) -> None:
    assert expected == build_edition(language).code


def test_a_build_language_of_no_edition_is_an_error() -> None:
    with pytest.raises(EditionsError, match=f"no edition is declared for the language '{UNDECLARED}'"):
        build_edition(f"{UNDECLARED}_CA")


def test_a_good_file_is_read_with_a_byte_order_mark_too(tmp_path: Path) -> None:
    expected = (
        Edition(
            "de", "Deutsch", "Diese Seite in einer anderen Sprache", "Umstieg", "Schritt für Schritt", "Zum Runbook"
        ),
    )
    assert expected == read_editions(_write(tmp_path, "\ufeff" + GOOD))


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("", ["edition: declare at least one [[edition]] table"]),
        ("edition = 5\n", ["edition: declare at least one [[edition]] table"]),
        ("edition = [5]\n", ["edition[0]: must be a table"]),
        ('language = "de"\n' + GOOD, ["language: unknown key (only [[edition]] tables belong here)"]),
        (
            GOOD.replace('title = "Umstieg"', 'title = ""').replace('enter = "Zum Runbook"', "enter = 3"),
            [
                "edition[0].title: must be a text that is not empty",
                "edition[0].enter: must be a text that is not empty",
            ],
        ),
        (
            GOOD + 'colour = "blue"\n',
            ["edition[0].colour: unknown key (known: code, name, switch, title, description, enter)"],
        ),
        (
            GOOD.replace('"de"', '"Deutsch!"'),
            ["edition[0].code: 'Deutsch!' is no language code (two or three small letters, e.g. fr)"],
        ),
        (GOOD + GOOD, ["edition[1].code: 'de' is declared twice"]),
    ],
)
def test_every_problem_is_named_by_file_and_key_at_once(tmp_path: Path, text: str, problems: list[str]) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(EditionsError) as raised:
        read_editions(path)
    assert [f"{path}: {problem}" for problem in problems] == str(raised.value).splitlines()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"[[edition]\n", r"invalid TOML: "), (b"\xff\xfe", r"not readable: not UTF-8 text"), (None, r"not readable: ")],
)
def test_an_unreadable_file_is_one_located_line(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "editions.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(EditionsError, match=rf"^{re.escape(str(path))}: {expected}"):
        read_editions(path)


def test_the_root_page_offers_a_further_edition_with_its_own_words() -> None:
    page = root_page((*editions(), FURTHER_ONE))
    code = UNDECLARED
    assert f'<a href="{code}/index.html" hreflang="{code}">Français: vers le guide</a>' in page
    assert f"var editions = {json.dumps([*codes(), code])};" in page
    assert json.dumps([*codes(), code]).startswith('["de", "en", ')
    titles = [
        "Umstieg auf die FLOWFACT-Plattform",
        "Switching to the FLOWFACT platform",
        *(edition(further).title for further in FURTHER),
        "Passage",
    ]
    assert f"<title>{' · '.join(titles)}</title>" in page
    assert '<html lang="de">' in page


def test_the_root_page_escapes_what_it_shows() -> None:
    odd = Edition("xx", "<b>", "s", "A & B", "d", "go")
    assert "&lt;b&gt;: go" in root_page((odd,))
    assert "<title>A &amp; B</title>" in root_page((odd,))


def test_a_build_in_an_undeclared_language_fails_with_the_reason(tmp_path: Path) -> None:
    """Sphinx stops at the configuration, naming the editions file, instead of building German pages."""
    err = io.StringIO()
    with redirect_stderr(err):
        status = build_main(
            ["-q", "-b", "html", "-D", f"language={UNDECLARED}", str(ROOT / "docs"), str(tmp_path / "out")]
        )
    assert status == 2
    assert f"no edition is declared for the language '{UNDECLARED}' (declared: {DECLARED})" in err.getvalue()
    assert not (tmp_path / "out" / "index.html").exists()
