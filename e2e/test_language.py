"""Every word a German reader sees is German: the visible text of every German page, whatever the theme writes.

The German words the site may show are the German page texts (the msgids of the English catalogues), the German
texts of the step catalogue and of the helper package, the project's own German words for Sphinx, and the German
catalogues of Sphinx and of every installed theme or extension. A word on a German page that is in none of them
came from somewhere untranslated (Sphinx, the theme, a script), and is named with its page.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page

from cutover import sphinxext  # noqa: F401  # every package text exists once imported
from cutover.catalogue import Text, load_catalogue
from cutover.editions import editions
from cutover.words import words

from .conftest import PAGES, ROOT, Opener

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")
STEP_ID = re.compile(r"\b[a-z]+(?:-[a-z0-9]+)+\b")  # step ids and file names read like code, not like words

# The visible text of a page, every text a reader is shown in a tooltip or hears from a screen reader, and the
# value of its buttons; code (and the step ids in their badges) is not language, and a search result's excerpt
# (cut off mid-word) is page text that the pages themselves are checked for.
_VISIBLE = """() => {
  const code = 'code, pre, kbd, samp, .cutover-id, #search-results p.context';
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll(code).forEach(node => node.remove());
  document.body.appendChild(clone);
  clone.style.position = 'absolute';
  const text = [clone.innerText];
  clone.remove();
  for (const node of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[value]')) {
    if (node.closest(code)) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt', 'value']) {
      if (node.hasAttribute(name) && (name !== 'value' || ['submit', 'button'].includes(node.type))) {
        text.push(node.getAttribute(name));
      }
    }
  }
  text.push(document.title);
  return text.join('\\n');
}"""


def _words(text: str) -> set[str]:
    """The words of a text, leaving out addresses, step ids and inline code (`...` in a page's source)."""
    text = re.sub(r"https?://\S+|`[^`]*`", " ", text)
    return set(WORD.findall(STEP_ID.sub(" ", text)))


def _installed_german_catalogues() -> Iterator[Path]:
    """The German message catalogues of every installed package: Sphinx, the theme, the extensions."""
    for folder in {Path(entry) for entry in sys.path if entry.endswith("site-packages")}:
        yield from folder.glob("*/locale/de/LC_MESSAGES/*.po")


def _strings(string: object) -> list[str]:
    """A message's translations: one, or one per plural form; none where it has no translation."""
    forms = string if isinstance(string, (tuple, list)) else (string,)
    return [str(form) for form in forms if form]


def _german_texts() -> Iterator[str]:
    """Every German text the site is made of."""
    for po in (ROOT / "docs" / "locale" / "en" / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as file:
            yield from (str(m.id) for m in read_po(file) if m.id)
    with (ROOT / "docs" / "locale" / "de" / "LC_MESSAGES" / "sphinx.po").open("rb") as file:
        yield from (text for m in read_po(file) for text in _strings(m.string))
    for po in _installed_german_catalogues():
        with po.open("rb") as file:  # a message without a German text leaves it in English: no word of it here
            yield from (text for m in read_po(file) for text in _strings(m.string))
    catalogue = load_catalogue(ROOT / "runbook")
    for step in catalogue:
        yield from (step.title.get("de"), step.why.get("de"), *(text.get("de") for _, text in step.moments))
    yield from (obj.get("de") for obj in gc.get_objects() if isinstance(obj, Text))  # the package's own texts
    yield from (text.get("de") for text in words().values())
    yield from (text for e in editions() for text in (e.name, e.switch))


@pytest.fixture(scope="module")
def german() -> set[str]:
    """Every word the German edition may show."""
    return {word for text in _german_texts() for word in _words(text)}


def _shown(page: Page) -> set[str]:
    return _words(page.evaluate(_VISIBLE))


def _search(page: Page, origin: str, query: str) -> str:
    page.goto(f"{origin}/de/search.html?q={query}")
    page.wait_for_function("document.querySelector('#search-results h2') && Search._pulse_status === -1")
    return page.inner_text("#search-results")


def test_german_pages_show_no_english_word(new_page: Opener, origin: str, site: Path, german: set[str]) -> None:
    """No page of the German edition shows a word that is not German: short-link pages and search results too."""
    page, watch = new_page()
    foreign: dict[str, list[str]] = {}
    for name in PAGES:
        page.goto(f"{origin}/de/{name}.html", wait_until="load")
        if unknown := sorted(_shown(page) - german):
            foreign[name] = unknown
    # A short-link page forwards at once; its own text is read as the page shows it while it waits.
    short = sorted((site / "de" / "s").glob("*.html"))
    for path in short:
        html = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", path.read_text(encoding="utf-8"))
        page.set_content(html)
        if unknown := sorted(_shown(page) - german):
            foreign[f"s/{path.name}"] = unknown
    _search(page, origin, "ExporterV2")
    if unknown := sorted(_shown(page) - german):
        foreign["search.html?q=ExporterV2"] = unknown
    assert len(short) >= 24  # the short-link pages were found and read
    assert foreign == {}
    assert watch.errors == []


def test_the_check_finds_an_english_word(new_page: Opener, origin: str, german: set[str]) -> None:
    """The check itself can fail: the English edition's start page shows words that are not German."""
    page, _ = new_page()
    page.goto(f"{origin}/en/index.html", wait_until="load")
    assert {"the", "guide", "steps"} <= _shown(page) - german


def test_german_search_says_how_many_pages_it_found(new_page: Opener, origin: str) -> None:
    """The German search ends with a German summary that counts the pages it lists."""
    page, watch = new_page()
    _search(page, origin, "ExporterV2")
    found = page.eval_on_selector_all("#search-results li", "nodes => nodes.length")
    summary = page.inner_text("#search-results .search-summary")
    expected = "Suche beendet: eine Seite gefunden." if found == 1 else f"Suche beendet: {found} Seiten gefunden."
    assert (found > 1, expected) == (True, summary)
    assert watch.errors == []
