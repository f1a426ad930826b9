"""The page around the content: the language switch, the stylesheet and script, the layout."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes

from cutover import sphinxext
from cutover.editions import edition as edition_named
from cutover.sphinxext import markup, page
from factories import FURTHER
from sphinxext.builds import EDITIONS, ROOT, Build, _app, _env


def test_stylesheet_is_shipped(german: Build, site: Path) -> None:
    """The extension's stylesheet is linked and copied into _static."""
    copied = (site.parent / "de" / "_static" / "cutover.css").is_file()
    expected = (True, True)
    assert expected == ('href="_static/cutover.css' in german.pages["index"], copied)


def test_script_is_shipped(german: Build, site: Path) -> None:
    """The extension's script is copied into _static and linked, deferred, so the language switch keeps the step."""
    linked = re.search(r'<script defer="defer" src="_static/cutover\.js\?v=[0-9a-f]+"></script>', german.pages["index"])
    copied = (site.parent / "de" / "_static" / "cutover.js").read_bytes()
    expected = (True, (ROOT / "src" / "cutover" / "sphinxext" / "static" / "cutover.js").read_bytes())
    assert expected == (linked is not None, copied)


NAMES = {"de": "Deutsch", "en": "English"}
"""Each edition's name in its own language, as the switch shows it; a further edition's is the one it declares."""


def _name(code: str) -> str:
    return NAMES.get(code) or edition_named(code).name


@pytest.mark.parametrize("page", ["index", "steps", "genindex", "search"])
def test_language_switch_links_the_same_page_in_the_other_edition(site_build: Build, edition: str, page: str) -> None:
    """Each page, the builder's index and search pages too, links the same page of every other edition twice.

    Once as the visible switch, once as the alternate link for search engines; both relative, so the editions
    only need to sit side by side. The German page links English first, the English page German.
    """
    others = [code for code in EDITIONS if code != edition]
    expected = (
        [
            f'<a class="cutover-language-switch" href="../{other}/{page}.html" hreflang="{other}" lang="{other}">'
            f"{_name(other)}</a>"
            for other in others
        ],
        [f'<link rel="alternate" hreflang="{other}" href="../{other}/{page}.html">' for other in others],
    )
    found = (
        re.findall(r'<a class="cutover-language-switch"[^>]*>[^<]*</a>', site_build.pages[page]),
        re.findall(r'<link rel="alternate"[^>]*>', site_build.pages[page]),
    )
    assert expected == found


@pytest.mark.parametrize(
    ("edition", "label"), [("de", "Diese Seite in einer anderen Sprache"), ("en", "This page in another language")]
)
def test_language_switch_is_a_labelled_navigation(site_build: Build, label: str) -> None:
    """The switch is a navigation landmark labelled in the page's language."""
    assert f'<nav class="cutover-languages" aria-label="{label}">' in site_build.pages["index"]


def test_config_inited_adds_the_layout_with_the_language_switch(samples: Path) -> None:
    """The extension's template folder, with its layout.html, is added after the project's own templates."""
    config = SimpleNamespace(templates_path=["_templates"], cutover_base_url="", cutover_runbook=str(samples / "valid"))
    page._add_templates(_app(srcdir=ROOT), config)
    folder = ROOT / "src" / "cutover" / "sphinxext" / "sphinx_templates"
    expected = (["_templates", str(folder)], True)
    assert expected == (config.templates_path, (folder / "layout.html").is_file())


def test_not_translatable_marks_block_text_only() -> None:
    """Paragraphs and titles are marked not translatable; inline text inside them is left unmarked."""
    container = nodes.container()
    strong = nodes.strong("fett", "fett")
    paragraph = nodes.paragraph("", "", nodes.Text("Siehe "), strong)
    title = nodes.title("Titel", "Titel")
    container += [nodes.section("", title), paragraph]
    markup._not_translatable(container)
    expected = (False, False, False)
    assert expected == (paragraph["translatable"], title["translatable"], "translatable" in strong)


def _links(pagename: str, documents: set[str], language: str | None) -> list[tuple[str, str]]:
    return [(link["lang"], link["href"]) for link in sphinxext.language_links(pagename, documents, language)]


def _and_further(link: dict[str, str]) -> list[dict[str, str]]:
    """``link`` to the other of German and English, then the same link to each further edition, in its own name."""
    other = f"/{link['lang']}/"
    return [link] + [
        link | {"lang": code, "name": _name(code), "href": link["href"].replace(other, f"/{code}/", 1)}
        for code in FURTHER
    ]


@pytest.mark.parametrize(
    ("pagename", "documents", "language", "expected"),
    [
        ("index", {"index"}, "de", [("en", "../en/index.html")]),
        ("steps", {"index", "steps"}, "en", [("de", "../de/steps.html")]),
        ("a/b", {"index", "a/b"}, "de", [("en", "../../en/a/b.html")]),
        ("a/b/c", {"a/b/c"}, "en_GB", [("de", "../../../de/a/b/c.html")]),
        ("py-modindex", {"index"}, "de", [("en", "../en/index.html")]),
        ("_modules/x", {"index"}, "en", [("de", "../../de/index.html")]),
        ("genindex", {"index"}, "de", [("en", "../en/genindex.html")]),
        ("search", {"index"}, "en", [("de", "../de/search.html")]),
        ("index", {"index"}, None, [("en", "../en/index.html")]),
    ],
    ids=[
        "index",
        "page",
        "nested",
        "deeper",
        "not-a-document",
        "nested-not-a-document",
        "genindex",
        "search",
        "no-language",
    ],
)
def test_language_links(
    pagename: str, documents: set[str], language: str | None, expected: list[tuple[str, str]]
) -> None:
    """The same page in the other edition, relative to this page, however deep the page is; then in each further one.

    A page that is not a document leads to the start page of the other edition; the builder's index and search
    pages exist in every edition.
    """
    ((lang, href),) = expected
    further = [(code, href.replace(f"/{lang}/", f"/{code}/", 1)) for code in FURTHER]
    assert [(lang, href), *further] == _links(pagename, documents, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            {
                "lang": "en",
                "name": "English",
                "href": "../en/index.html",
                "label": "Diese Seite in einer anderen Sprache",
            },
        ),
        ("en", {"lang": "de", "name": "Deutsch", "href": "../de/index.html", "label": "This page in another language"}),
    ],
)
def test_language_link_names_the_other_language_in_itself(language: str, expected: dict[str, str]) -> None:
    """Each link names the other language in that language, with a label for the switch in this page's language."""
    assert _and_further(expected) == sphinxext.language_links("index", {"index"}, language)


@pytest.mark.parametrize(("pagename", "href"), [("a/b", "../../de/a/b.html"), ("a/c", "../../de/index.html")])
def test_page_context_offers_the_language_links(pagename: str, href: str) -> None:
    """Every HTML page gets the links to the other edition as ``cutover_languages``, judged by the build's documents."""
    app = _app(env=_env(all_docs={"index": 1.0, "a/b": 2.0}), config=SimpleNamespace(language="en"))
    context: dict[str, Any] = {"title": "B"}
    page._page_context(app, pagename, "page.html", context, None)
    link = {"lang": "de", "name": "Deutsch", "href": href, "label": "This page in another language"}
    expected = {"title": "B", "cutover_languages": _and_further(link)}
    assert expected == context
