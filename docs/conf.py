"""Sphinx configuration of the cutover runbook (German source; English comes through gettext)."""

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from cutover.editions import build_edition, edition, editions
from cutover.words import word

SOURCE = editions()[0]  # German; the other editions come through gettext
project = SOURCE.title
author = project  # no author team to name: the runbook is written from FLOWFACT's own switch guide
language = SOURCE.code

extensions = ["myst_parser", "sphinx_design", "cutover.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0  # explicit labels only: step ids are the anchors that must never change

cutover_source_language = SOURCE.code

# English lives in locale/en/LC_MESSAGES/<page>.po; `nox -s translations-update` extracts and merges.
locale_dirs = ["locale"]
gettext_compact = False  # one catalogue per page, named like the page
gettext_uuid = False
gettext_location = True  # each entry names its page and line, so an untranslated one can be found
gettext_additional_targets: list[str] = []  # code is never translated: snippets print language-neutral values

exclude_patterns = ["_build", "_pdf", "locale", "examples"]
root_doc = "index"
nitpicky = True
suppress_warnings: list[str] = []

html_theme = "alabaster"
html_title = SOURCE.title
html_static_path: list[str] = []
html_favicon = "favicon.svg"  # a local icon, so the browser does not ask the server for /favicon.ico
html_theme_options = {
    "description": SOURCE.description,
    "show_powered_by": False,
    "show_relbars": False,  # alabaster writes their "Previous document" and "Next document" in English only
    "fixed_sidebar": False,
    "page_width": "64rem",
    "font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
    "head_font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
    "code_font_family": "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
}
html_sidebars = {"**": ["about.html", "navigation.html", "searchbox.html"]}
html_show_sourcelink = False
html_show_copyright = False  # the footer would name an author; the start page names the source instead
html_copy_source = False

# The texts conf.py sets come from the build's edition (src/cutover/editions.toml). conf.py runs before
# `-D language=en` takes effect, so they are set in a config-inited handler, which sees the final language.
# The PDF checklists, one per mail variant, built by `sphinx-build -b rinoh` (rinohtype; see noxfile.py) into
# <edition>/pdf/ beside the pages that link them. _pdf/ holds their template and style sheet: A4, no title page,
# no contents, no chapter numbers. The list is set per edition in _edition, for the titles are in its language.
PDF_VARIANTS = ("a", "b")


def _pdf_documents(lang: str) -> list[dict[str, str]]:
    title = edition(lang).title
    return [
        {
            "doc": f"checkliste-variante-{variant}",
            "target": f"checkliste-variante-{variant}",
            "template": "_pdf/checkliste.rtt",
            "title": word("pdf.checklist-title").get(lang).format(variant=variant),
            "subtitle": title,
            "author": title,
        }
        for variant in PDF_VARIANTS
    ]


def _edition(app: Sphinx, config: Config) -> None:
    this = build_edition(config.language)  # a language of no edition: the extension has already stopped the build
    config.project = config.html_title = config.author = this.title
    config.html_theme_options = {**config.html_theme_options, "description": this.description}
    # The same PDF settings in the HTML build, which does not know them, so that the rinoh build after it finds the
    # configuration unchanged and reuses the pages the HTML build has read (same -d) instead of reading them again.
    config.rinoh_documents = _pdf_documents(this.code)
    if "rinoh_targets" not in config:
        config.rinoh_targets = None


def setup(app: Sphinx) -> dict[str, Any]:
    """Set the per-edition texts once the build's language is known."""
    app.connect("config-inited", _edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
