"""The project's own wiring: the editions nox builds, the catalogues they need, the root page that offers them."""

from __future__ import annotations

import re
from pathlib import Path

from cutover.catalogue import LANGUAGES
from cutover.editions import codes, editions, root_page

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(path.stem for path in (ROOT / "docs").glob("*.md"))


def test_the_catalogue_is_written_in_every_edition_german_first() -> None:
    """The languages of the catalogue's texts are the declared editions, German (the source) first."""
    assert codes() == LANGUAGES
    assert codes()[0] == "de"


def test_every_translated_edition_has_a_catalogue_per_page() -> None:
    """Each edition but the source has one gettext catalogue per page, and none for a page that is gone."""
    for lang in codes()[1:]:
        catalogues = sorted(path.stem for path in (ROOT / "docs" / "locale" / lang / "LC_MESSAGES").glob("*.po"))
        assert PAGES == catalogues


def test_root_page_offers_every_edition_without_javascript() -> None:
    """The root page links each edition's start page; its script only picks among the same editions."""
    page = root_page(editions())
    links = re.findall(r'<a href="([a-z]+)/index\.html" hreflang="\1">', page)
    assert list(codes()) == links
    assert f"var editions = {list(codes())!r};".replace("'", '"') in page
