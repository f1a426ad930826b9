"""Both editions in a real browser: pages open cleanly, every step is there in both, the switch keeps the step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from cutover.catalogue import LANGUAGES, Catalogue

from .conftest import PAGES, Opener, Tour, in_view, where

OTHER = {"de": "en", "en": "de"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_opens_without_errors(tour: Tour, lang: str, name: str) -> None:
    """Each page loads with no console error, no script error and no failed request."""
    visits, _ = tour
    assert visits[lang, name].errors == []


def test_no_request_leaves_the_local_server(tour: Tour) -> None:
    """No font, script, image or anything else comes from another host, on any page of either edition."""
    _, watch = tour
    assert watch.requests, "the tour made no requests at all, so it proves nothing"
    assert watch.outside == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_is_an_element_in_the_edition(tour: Tour, catalogue: Catalogue, lang: str) -> None:
    """Each catalogue step is a section with its id as the element id, exactly once in the edition."""
    visits, _ = tour
    placed = [step for (edition, _), visit in visits.items() if edition == lang for step in visit.steps]
    assert sorted(placed) == sorted(catalogue.ids)


def test_each_step_is_on_the_same_page_in_both_editions(tour: Tour, catalogue: Catalogue) -> None:
    """The same file name and the same id lead to the same step, whichever the edition."""
    placed = {lang: where(tour, lang) for lang in LANGUAGES}
    assert placed["de"] == placed["en"]
    assert sorted(placed["de"]) == sorted(catalogue.ids)


def test_every_page_has_the_same_ids_in_both_editions(tour: Tour) -> None:
    """Headings and steps keep their anchors when translated, so any link into one edition works in the other."""
    visits, _ = tour
    for name in PAGES:
        if name in {"search", "genindex"}:
            continue  # their ids come from the builder, not from the page
        assert visits["de", name].ids == visits["en", name].ids, name


def _switch(page: Page) -> None:
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("a.cutover-language-switch")


def _switch_target(page: Page) -> str:
    return str(page.eval_on_selector("a.cutover-language-switch", "link => link.href"))


def test_switch_keeps_every_step_both_ways(new_page: Opener, origin: str, tour: Tour) -> None:
    """At every step of every page, the switch leads to the same page at the same step in the other edition.

    Each page is loaded once per edition and the reader moves from step to step by its link (#id); at each, the
    switch's target is read, and in the other edition that step must be where the page scrolls to.
    """
    visits, _ = tour
    page, watch = new_page()
    checked = 0
    for (lang, name), visit in visits.items():
        if not visit.steps:
            continue
        page.goto(f"{origin}/{lang}/{name}.html", wait_until="domcontentloaded")
        for step_id in visit.steps:
            page.evaluate("id => { window.location.hash = id; }", step_id)
            assert _switch_target(page) == f"{origin}/{OTHER[lang]}/{name}.html#{step_id}"
            assert in_view(page, step_id), f"{lang}/{name}.html#{step_id} is not in view"
            checked += 1
    assert checked == 2 * sum(len(v.steps) for (lang, _), v in visits.items() if lang == "de")
    assert watch.errors == []
    assert watch.outside == []


def test_clicking_the_switch_on_a_step_link_lands_on_that_step(
    new_page: Opener, origin: str, catalogue: Catalogue
) -> None:
    """The service desk's example: …/de/portale.html#portal-verify-offline to English and back, by clicks."""
    page, watch = new_page()
    german = f"{origin}/de/portale.html#portal-verify-offline"
    page.goto(german)
    _switch(page)
    assert page.url == f"{origin}/en/portale.html#portal-verify-offline"
    assert in_view(page, "portal-verify-offline")
    title = page.text_content("#portal-verify-offline > :is(h1, h2, h3, h4)") or ""
    assert title.startswith(catalogue["portal-verify-offline"].title.get("en"))
    _switch(page)
    assert page.url == german
    assert in_view(page, "portal-verify-offline")
    assert watch.errors == []


def test_switch_follows_a_step_reached_inside_the_page(new_page: Opener, origin: str) -> None:
    """A reader who follows a link to a step on the same page takes that step along when switching."""
    page, _ = new_page()
    page.goto(f"{origin}/de/portale.html")
    page.evaluate("window.location.hash = 'portal-verify-offline'")
    _switch(page)
    assert page.url == f"{origin}/en/portale.html#portal-verify-offline"


def test_switch_without_javascript_is_a_plain_link_to_the_same_page(new_page: Opener, origin: str) -> None:
    """Without JavaScript the switch still works: the same page in the other edition, from its top."""
    page, watch = new_page(java_script_enabled=False)
    for lang in LANGUAGES:
        page.goto(f"{origin}/{lang}/portale.html#portal-verify-offline")
        _switch(page)
        assert page.url == f"{origin}/{OTHER[lang]}/portale.html"
    assert watch.outside == []


@pytest.mark.parametrize(("locale", "lands"), [("de-DE", "de"), ("en-GB", "en"), ("en-US", "en")])
def test_root_sends_the_reader_to_the_preferred_edition(new_page: Opener, origin: str, locale: str, lands: str) -> None:
    """The root page picks the edition from the browser's languages."""
    page, _ = new_page(locale=locale)
    page.goto(f"{origin}/")
    page.wait_for_url(f"{origin}/{lands}/index.html")


def test_root_offers_both_editions_without_javascript(new_page: Opener, origin: str) -> None:
    """Without JavaScript (or with a language neither edition has), the root page offers both."""
    page, _ = new_page(java_script_enabled=False)
    page.goto(f"{origin}/")
    links = page.eval_on_selector_all("a", "nodes => nodes.map(n => n.getAttribute('href'))")
    assert links == ["de/index.html", "en/index.html"]
    page.click("a[hreflang=en]")
    assert page.url == f"{origin}/en/index.html"


def _search(page: Page, origin: str, lang: str, query: str) -> list[str]:
    """The pages the edition's own search finds for a query."""
    page.goto(f"{origin}/{lang}/search.html?q={query}")
    # Sphinx's search has finished when its results heading is there and its progress pulse has stopped
    # (the summary is waited for in test_language.py, which checks its German words).
    page.wait_for_function("document.querySelector('#search-results h2') && Search._pulse_status === -1")
    hrefs = page.eval_on_selector_all("#search-results li a", "nodes => nodes.map(n => n.getAttribute('href'))")
    return sorted({re.sub(r"[?#].*", "", href) for href in hrefs})


@pytest.mark.parametrize(
    ("lang", "query", "page_found"),
    [
        # German stemming: these pages say "Übertragungsfehler" and "Dubletten", never these forms; only the
        # German stemmer reduces both forms of each to one stem (the English one leaves German words alone).
        ("de", "Übertragungsfehlern", "portale.html"),
        ("de", "Dublette", "mail-kontakte-kalender.html"),
        ("en", "listing", "portale.html"),
    ],
)
def test_search_finds_the_edition_s_own_text(
    new_page: Opener, origin: str, lang: str, query: str, page_found: str
) -> None:
    """Each edition's search looks in its own language, with its own stemming."""
    page, watch = new_page()
    assert page_found in _search(page, origin, lang, query)
    assert watch.outside == []


def test_english_search_does_not_find_german_text(new_page: Opener, origin: str) -> None:
    """The English edition indexes the English text only."""
    page, _ = new_page()
    assert _search(page, origin, "en", "Mailkonten") == []
    assert _search(page, origin, "de", "Mailkonten") != []


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("missing", ["de/s/portal-verfy-offline.html", "en/a/b/c/gone.html", "nowhere"])
def test_a_missing_address_shows_the_404_page_that_leads_to_each_edition_s_steps(
    new_page: Opener, origin: str, missing: str, javascript: bool
) -> None:
    """A mistyped short link, at any depth, with or without JavaScript: status 404, and links that work."""
    page, _ = new_page(java_script_enabled=javascript)
    response = page.goto(f"{origin}/{missing}")
    assert response is not None
    assert response.status == 404
    headings = page.eval_on_selector_all("h1", "nodes => nodes.map(n => [n.closest('[lang]').lang, n.textContent])")
    assert [lang for lang, _ in headings] == list(LANGUAGES)
    for lang in LANGUAGES:
        target = page.eval_on_selector(f"section[lang={lang}] a", "a => a.href")
        assert target == f"{origin}/{lang}/schritte.html"
    page.click("section[lang=en] a")
    page.wait_for_load_state("load")
    assert page.url == f"{origin}/en/schritte.html"
    assert "portal-verify-offline" in page.inner_text("body")  # the step index lists every step with its id
