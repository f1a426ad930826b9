"""``{cutover:planner}``: questions, then the plan for the answers, every plan computed here, chosen by cutover.js.

``{cutover:hint} immobilienscout24 portal-deactivate-listings`` shows one of the planner's portal hints on a page, as
a note with its source: a hint is written once, in ``words.toml``, and the page and the planner say the same.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from cutover.links import SHORT
from cutover.mail import readiness
from cutover.planner import PORTAL_HINTS, Choice, personal_plan
from cutover.render import render_planner
from cutover.sphinxext.catalogue_access import (
    _catalogue,
    _find,
    _lang,
    _valid_catalogue,
    _writes_html_of_a_valid_catalogue,
)
from cutover.sphinxext.domain import DOMAIN, domain_of
from cutover.sphinxext.markup import _own_html, _parse_markdown
from cutover.sphinxext.pdfs import _pdfs
from cutover.sphinxext.short_links import _pages

__all__ = ["planner", "setup_planner"]

logger = logging.getLogger(__name__)
_URL = re.compile(r"https://[^\s,;)]+")


class planner(nodes.General, nodes.Element):  # noqa: N801  # docutils names node classes in lower case
    """Where the planner goes: filled in as each page is written, once the page of every step is known."""


class PlannerDirective(SphinxDirective):
    """The planner: questions, then the plan for the answers, every plan computed here and chosen by cutover.js."""

    def run(self) -> list[nodes.Node]:
        if _valid_catalogue(self.env) is None:
            return []
        # The not-ready answers link the steps to read first: each must be a step, reported here if it is not.
        first = readiness(mail_sent_from_performer=True).steps
        found = [_find(self.env, step_id, self.get_location()) for step_id in first]
        if None in found:
            return []
        node = planner()
        self.set_source_info(node)
        return [node]


class HintDirective(SphinxDirective):
    """One of the planner's portal hints as a note: its source in bold, then its text, in the build's language."""

    required_arguments = 2

    def run(self) -> list[nodes.Node]:
        portal, step = self.arguments
        hints = [hint for hint in PORTAL_HINTS if (hint.portal.value, hint.step) == (portal, step)]
        if not hints:
            known = ", ".join(f"{hint.portal.value} {hint.step}" for hint in PORTAL_HINTS)
            logger.error("no portal hint %s %s (known: %s)", portal, step, known, location=self.get_location())
            domain_of(self.env).note_build_error(self.env.docname, "hint")
            return []
        hint, lang = hints[0], _lang(self.env)
        said = hint.source.get(lang) if hint.source else ""
        label, _, where = said.partition(" (")
        source = f"**{label}**" + (f" ({_URL.sub(lambda url: f'<{url[0]}>', where)}" if where else "") + ":"
        note = nodes.note()
        note += _parse_markdown(self, f"{source}\n\n{hint.text.get(lang)}" if said else hint.text.get(lang))
        self.set_source_info(note)
        return [note]


def _resolve_planner(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render the planner with links relative to its page; only HTML has the page's script, so only HTML gets it."""
    found = list(doctree.findall(planner))
    if not found or not _writes_html_of_a_valid_catalogue(app):
        for node in found:
            node.parent.remove(node)
        return
    catalogue = _catalogue(app.env)
    pages = _pages(app.env)

    def url(step_id: str) -> str:
        page, anchor = pages.get(step_id, (f"{SHORT}/{step_id}", ""))
        return app.builder.get_relative_uri(docname, page) + (f"#{anchor}" if anchor else "")

    plans = [personal_plan(catalogue, choice) for choice in Choice.every()]
    pdfs = list(_pdfs(app.config, docname).values())
    html = render_planner(plans, catalogue, _lang(app.env), url=url, pdfs=pdfs)
    for node in found:
        node.replace_self(_own_html(html))


def setup_planner(app: Sphinx) -> None:
    """``{cutover:planner}``, filled in as each page is written, and ``{cutover:hint}``."""
    app.add_directive_to_domain(DOMAIN, "planner", PlannerDirective)
    app.add_directive_to_domain(DOMAIN, "hint", HintDirective)
    app.connect("doctree-resolved", _resolve_planner)
