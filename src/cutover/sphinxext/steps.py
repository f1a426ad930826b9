"""Step cards: the ``{cutover:step}`` directive, the ``{step}`` role, and the id badges that link the short links."""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from cutover.catalogue import RECOMMENDED, SWITCH, Lang, Step
from cutover.links import SHORT
from cutover.render import labels
from cutover.sphinxext.catalogue_access import _find, _lang
from cutover.sphinxext.domain import DOMAIN, domain_of
from cutover.sphinxext.markup import _badge, _own_html
from cutover.words import words_of

__all__ = ["CARD", "setup_steps"]

CARD = "cutover-card"
"""``env.temp_data`` key: the id of the step whose card is being read, while its body is parsed."""


def _kind_and_condition(step: Step, lang: Lang) -> tuple[nodes.Node, nodes.Node]:
    """The badges of what the customer does with a step and when it applies: on the step and in the step index.

    A rule's badge names its span; a recommended step, and the moment of the switch, say so in the first badge too.
    """
    kind = nodes.inline("", "", classes=["cutover-kinds"])
    kind += _badge(step.kind_label.get(lang), f"cutover-kind-{step.kind}")
    for shown, text, name in ((step.recommended, RECOMMENDED, "recommended"), (step.switch, SWITCH, "switch")):
        if shown:
            kind += [nodes.Text(" "), _badge(text.get(lang), f"cutover-{name}")]
    return kind, _badge(step.applies.label.get(lang), f"cutover-applies-{step.applies}")


def _permalink(step_id: str, lang: Lang) -> list[nodes.Node]:
    """The id badge as a link to the step's short link, and a copy button that cutover.js shows and runs.

    Without JavaScript the button stays hidden and the badge is a plain permalink. The link's address is filled in
    when the page is written (``_resolve_permalinks``), for it depends on the builder.
    """
    site = words_of("site", lang)
    texts = {key: escape(site[key].format(id=step_id)) for key in ("copy", "copy_label", "copied", "failed")}
    classes = ["cutover-badge", "cutover-id", "cutover-permalink"]
    link = nodes.reference(step_id, "", refuri="", reftitle=site["permalink"], classes=classes)
    link["cutover_short"] = step_id
    link += nodes.Text(step_id)
    button = (
        f'<button type="button" class="cutover-copy" hidden aria-label="{texts["copy_label"]}"'
        f' data-copied="{texts["copied"]}" data-failed="{texts["failed"]}">{texts["copy"]}</button>'
    )
    return [link, _own_html(button)]


def _title_link(step: Step, lang: Lang) -> addnodes.pending_xref:
    """A link to the step showing its title."""
    title = step.title.get(lang)
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=step.id, refexplicit=True, refwarn=True)
    ref += nodes.inline(title, title, classes=["cutover-step-link"])
    return ref


def _step_reference(step: Step, lang: Lang) -> list[nodes.Node]:
    """A link to the step showing its title, then its id badge."""
    return [_title_link(step, lang), nodes.Text(" "), _badge(step.id, "cutover-id")]


class StepDirective(SphinxDirective):
    """A catalogue step as a section: id as HTML id, title and why from the catalogue, badges, then the body."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        step = _find(self.env, self.arguments[0], self.get_location())
        if step is None:
            return []
        lang = _lang(self.env)
        title = step.title.get(lang)
        # A retired id stays an anchor of its successor, so old links to page#old-id still land on the step.
        section = nodes.section(
            "",
            ids=[step.id, *step.aliases],
            classes=["cutover-step", f"cutover-area-{step.area}", f"cutover-kind-{step.kind}"],
        )
        section += nodes.title(title, title, translatable=False)
        meta = nodes.paragraph("", "", classes=["cutover-step-meta"], translatable=False)
        meta += _permalink(step.id, lang)
        for badge in _kind_and_condition(step, lang):
            meta += nodes.Text(" ")
            meta += badge
        section += meta
        why = nodes.paragraph("", "", classes=["cutover-why"], translatable=False)
        why += nodes.strong(labels(lang)["why"], labels(lang)["why"])
        why += nodes.Text(" " + step.why.get(lang))
        section += why
        outer = self.env.temp_data.get(CARD)
        self.env.temp_data[CARD] = step.id  # whose card this is, for a claim about the step in it
        self.state.nested_parse(self.content, self.content_offset, section)
        self.env.temp_data[CARD] = outer
        for name in (step.id, *step.aliases):  # a label each, for intersphinx: other sites may still use an old id
            self.env.domains.standard_domain.note_hyperlink_target(name, self.env.docname, step.id, title)
        domain_of(self.env).note_step(step.id, self.env.docname)
        self.set_source_info(section)
        return [section]


class StepRole(SphinxRole):
    """``{step}`portal-verify-offline``: a link to the step, showing its title and id."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        step_id = self.text.strip()
        step = _find(self.env, step_id, self.get_location())
        if step is None:
            return [nodes.literal(self.rawtext, step_id)], []
        return _step_reference(step, _lang(self.env)), []


def _resolve_permalinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each id badge at its short link; where there are no pages to link (PDF, text), keep the bare badge."""
    html = app.builder.format == "html"
    for link in list(doctree.findall(nodes.reference)):
        step_id = link.get("cutover_short")
        if step_id is None:
            continue
        if html:
            link["refuri"] = app.builder.get_relative_uri(docname, f"{SHORT}/{step_id}")
        else:
            link.replace_self(_badge(step_id, "cutover-id"))


def setup_steps(app: Sphinx) -> None:
    """``{cutover:step}``; the role ``{step}`` under its plain name too, for the translations write it so."""
    app.add_directive_to_domain(DOMAIN, "step", StepDirective)
    app.add_role("step", StepRole())
    app.add_role_to_domain(DOMAIN, "step", StepRole())
    app.connect("doctree-resolved", _resolve_permalinks)
