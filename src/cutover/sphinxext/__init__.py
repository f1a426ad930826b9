"""Sphinx extension: the catalogue's steps on pages, their permanent short links, a step index and symptom lookup.

One module per component, each registering its own nodes, directives, roles, transforms and events in a
``setup_<component>(app)``; ``setup`` calls them in an order that keeps the events' order (the settings and the
domain first, the build's verdict last). ``conf.py`` names the package: ``extensions = [..., "cutover.sphinxext"]``.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from sphinx.application import Sphinx

from cutover.sphinxext.build_errors import setup_build_errors
from cutover.sphinxext.catalogue_access import runbook_of, setup_catalogue_access
from cutover.sphinxext.checklists import setup_checklists
from cutover.sphinxext.claims import setup_claims
from cutover.sphinxext.domain import CutoverDomain, setup_domain
from cutover.sphinxext.findings import setup_findings
from cutover.sphinxext.generated import setup_generated
from cutover.sphinxext.page import language_links, setup_page
from cutover.sphinxext.pdfs import PDF_FOLDER, setup_pdfs
from cutover.sphinxext.planner import planner, setup_planner
from cutover.sphinxext.raw_markup import RawMarkup, setup_raw_markup
from cutover.sphinxext.short_links import setup_short_links, steps_json
from cutover.sphinxext.site_address import setup_site_address
from cutover.sphinxext.step_index import setup_step_index
from cutover.sphinxext.steps import setup_steps
from cutover.sphinxext.translations import UntranslatedText, setup_translations, translated_labels, translations_js

# Names callers outside the extension import from here: docs/regeln.md (steps_json, UntranslatedText),
# tests/test_planner.py (planner).
__all__ = [
    "PDF_FOLDER",
    "CutoverDomain",
    "RawMarkup",
    "UntranslatedText",
    "language_links",
    "planner",
    "runbook_of",
    "setup",
    "steps_json",
    "translated_labels",
    "translations_js",
]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register every component: the settings, the ``cutover`` domain, the directives and roles, the checks."""
    setup_catalogue_access(app)
    setup_site_address(app)
    setup_domain(app)
    setup_page(app)
    setup_steps(app)
    setup_claims(app)
    setup_checklists(app)
    setup_findings(app)
    setup_planner(app)
    setup_pdfs(app)
    setup_step_index(app)
    setup_generated(app)
    setup_translations(app)
    setup_raw_markup(app)
    setup_short_links(app)
    setup_build_errors(app)
    # env_version 2: build errors and placed steps moved from attributes of the environment into the domain.
    return {"version": version("cutover"), "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
