"""``{cutover:checklist}``: the ordered steps for given answers, each a box to tick and, printed, its short link."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from cutover.catalogue import Answers, Lang, MailVariant, Step
from cutover.links import short_path
from cutover.ordering import steps_in_order
from cutover.render import render_checklist
from cutover.sphinxext.catalogue_access import _lang, _valid_catalogue
from cutover.sphinxext.domain import DOMAIN
from cutover.sphinxext.markup import _parse_markdown

__all__ = ["setup_checklists"]


def _tick_box() -> addnodes.only:
    """An empty box to tick by hand before a step, for every builder but HTML, where cutover.css draws the box.

    An ``only`` node is kept or dropped as each page is written: the HTML stays as it was, and the PDF build
    (docs/_pdf/ styles the class ``cutover-box``) reuses the pages the HTML build has read.
    """
    box = nodes.inline("❏", "❏", classes=["cutover-box"])
    return addnodes.only("", box, nodes.Text(" "), expr="not format_html")


def _printed_address(step_id: str, lang: Lang, base: str) -> addnodes.only:
    """Where a printed entry leads, for every builder but HTML (whose entries are links): the step's short link.

    A full address once the site's address is known (``_site_address``), else its path from the site's root.
    """
    path = short_path(lang, step_id)
    address = base.rstrip("/") + "/" + path if base else path
    shown = nodes.inline(address, address, classes=["cutover-address"])
    return addnodes.only("", nodes.Text(" · "), shown, expr="not format_html")


class ChecklistDirective(SphinxDirective):
    """The ordered steps for given answers, rendered from the same template as ``cutover steps --format markdown``."""

    option_spec: ClassVar[dict[str, Any]] = {
        "variant": lambda value: directives.choice(value, [v.value for v in MailVariant]),
        "contact-sync": directives.flag,
        "calendar-sync": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        answers = Answers(
            MailVariant(self.options.get("variant", "a")),
            "contact-sync" in self.options,
            "calendar-sync" in self.options,
        )
        catalogue = _valid_catalogue(self.env)
        if catalogue is None:
            return []  # a broken catalogue has no reliable order
        steps: tuple[Step, ...] = steps_in_order(catalogue, answers)
        lang = _lang(self.env)
        markdown = render_checklist(steps, answers, lang, "markdown", sphinx=True)
        container = _parse_markdown(self, markdown, "cutover-checklist")
        base = self.config.cutover_printed_address
        for item, step in zip(container.findall(nodes.list_item), steps, strict=True):
            item["classes"].append("cutover-check")
            paragraph = cast("nodes.paragraph", item[0])  # the template gives each item one paragraph
            paragraph.insert(0, _tick_box())
            paragraph += _printed_address(step.id, lang, base)
        return [container]


def setup_checklists(app: Sphinx) -> None:
    """``{cutover:checklist}``."""
    app.add_directive_to_domain(DOMAIN, "checklist", ChecklistDirective)
