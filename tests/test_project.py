"""The project's own wiring: the editions nox builds, the catalogues they need, the root page that offers them."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from cutover.catalogue import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(path.stem for path in (ROOT / "docs").glob("*.md"))


def test_nox_builds_every_language_of_the_catalogue() -> None:
    """The editions nox builds are the languages the catalogue is written in, German (the source) first."""
    noxfile = runpy.run_path(str(ROOT / "noxfile.py"))
    expected = LANGUAGES
    assert expected == noxfile["LANGUAGES"]
    assert noxfile["LANGUAGES"][0] == "de"


def test_every_translated_edition_has_a_catalogue_per_page() -> None:
    """Each edition but the source has one gettext catalogue per page, and none for a page that is gone."""
    for lang in LANGUAGES[1:]:
        catalogues = sorted(path.stem for path in (ROOT / "docs" / "locale" / lang / "LC_MESSAGES").glob("*.po"))
        assert PAGES == catalogues


def test_root_page_offers_every_edition_without_javascript() -> None:
    """The root page links each edition's start page; its script only picks among the same editions."""
    page = (ROOT / "docs" / "_root" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([a-z]+)/index\.html" hreflang="\1">', page)
    assert list(LANGUAGES) == links
    assert f"var editions = {list(LANGUAGES)!r};".replace("'", '"') in page
