"""The page around the content: the layout with the language switch, and the stylesheet and script it loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from cutover.catalogue import LANGUAGES
from cutover.editions import edition
from cutover.sphinxext.catalogue_access import _lang_of

__all__ = ["language_links", "setup_page"]

_HERE = Path(__file__).parent


def language_links(pagename: str, documents: set[str], language: str | None) -> list[dict[str, str]]:
    """The same page in each other edition: a link relative to this page, to its start page if it has no such page.

    Every edition is built from the same sources, so a document or a builder page (search, index) exists in each;
    anything else leads to the other edition's start page.
    """
    this = _lang_of(language)
    up = "../" * (pagename.count("/") + 1)
    same = pagename in documents or pagename in {"genindex", "search"}
    return [
        {
            "lang": lang,
            "name": edition(lang).name,
            "href": f"{up}{lang}/{pagename if same else 'index'}.html",
            "label": edition(this).switch,
        }
        for lang in LANGUAGES
        if lang != this
    ]


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    context["cutover_languages"] = language_links(pagename, set(app.env.all_docs), app.config.language)


def _add_templates(app: Sphinx, config: Any) -> None:
    """Add the page layout with the language switch, and the short-link page, to the project's templates."""
    config.templates_path.append(str(_HERE / "sphinx_templates"))


def _add_static(app: Sphinx) -> None:
    """Serve the stylesheet and script of the step cards and the planner."""
    app.config.html_static_path.append(str(_HERE / "static"))


def setup_page(app: Sphinx) -> None:
    """The layout, the language switch in it, and cutover.css and cutover.js on every page."""
    app.add_css_file("cutover.css")
    app.add_js_file("cutover.js", loading_method="defer")
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_context)
