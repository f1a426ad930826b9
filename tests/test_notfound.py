"""The site's 404 page: every edition's words, links from the site's root, no script, written by ``-m``."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cutover.editions import codes, editions
from cutover.notfound import STEP_INDEX, main, not_found_page
from cutover.words import word


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.langs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "section" and found.get("lang"):
            self.langs.append(str(found["lang"]))


def _parsed(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


def test_the_page_speaks_every_edition_and_links_its_step_index_search_and_start() -> None:
    page = not_found_page("/")
    parsed = _parsed(page)
    assert list(codes()) == parsed.langs
    assert all(word("notfound.title").get(code) in page for code in codes())
    assert all(edition.title in page for edition in editions())
    for code in codes():
        assert [f"/{code}/{STEP_INDEX}", f"/{code}/search.html", f"/{code}/index.html"] == [
            href for href in parsed.hrefs if href.startswith(f"/{code}/")
        ]
    assert "script" not in parsed.tags  # it works without JavaScript
    assert "<link" not in page  # and loads nothing: a static host serves it at any depth


def test_its_links_start_at_the_site_s_own_path() -> None:
    hrefs = _parsed(not_found_page("/runbook/")).hrefs
    assert len(hrefs) == 3 * len(codes())
    assert all(href.startswith("/runbook/") for href in hrefs)


def test_main_writes_the_page_under_the_address_of_cutover_base_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUTOVER_BASE_URL", "https://runbook.example.com/umstieg/")
    out = tmp_path / "404.html"
    assert 0 == main([str(out)])
    assert 'href="/umstieg/de/schritte.html"' in out.read_text(encoding="utf-8")


def test_a_bad_address_or_call_is_said_with_exit_2_and_no_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CUTOVER_BASE_URL", "nope")
    out = tmp_path / "404.html"
    assert 2 == main([str(out)])
    assert "cutover.notfound: CUTOVER_BASE_URL: 'nope'" in capsys.readouterr().err
    assert 2 == main([])
    assert "usage: python -m cutover.notfound OUTPUT.html" in capsys.readouterr().err
    assert not out.exists()


def test_python_m_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "404.html"
    env = {key: value for key, value in os.environ.items() if key != "CUTOVER_BASE_URL"}
    ran = subprocess.run([sys.executable, "-m", "cutover.notfound", str(out)], env=env, check=False)  # noqa: S603
    assert (0, True) == (ran.returncode, out.is_file())
