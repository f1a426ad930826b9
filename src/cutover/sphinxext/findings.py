"""``{cutover:findings}`` and ``{cutover:symptoms}``: what a situation file shows, and what a customer sees.

The findings are what ``cutover check`` finds; the symptoms name their causes and the steps for each.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from cutover.duplicates import Severity, findings_in, load_situation, symptoms
from cutover.errors import SituationError
from cutover.render import labels, render_findings
from cutover.sphinxext.catalogue_access import _find, _lang, catalogue_in_edition
from cutover.sphinxext.domain import DOMAIN, domain_of
from cutover.sphinxext.markup import _generated, _parse_markdown, _section
from cutover.sphinxext.steps import _step_reference

__all__ = ["setup_findings"]

logger = logging.getLogger(__name__)


class FindingsDirective(SphinxDirective):
    """What ``cutover check`` finds in a situation file, in the build's language, with links to the steps."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        try:
            relative, absolute = self.env.relfn2path(self.arguments[0])
        except (OSError, RuntimeError):  # a symbolic link in a loop, which Sphinx resolves: read it to say so
            relative = self.arguments[0]
            absolute = str(Path(self.env.doc2path(self.env.docname)).parent / relative)
        self.env.note_dependency(relative)
        try:
            findings = findings_in(load_situation(Path(absolute)))
        except SituationError as error:
            for line in error.lines():
                logger.error("%s", line, location=self.get_location(), type="cutover", subtype="situation")
            domain_of(self.env).note_build_error(self.env.docname, self.arguments[0])
            return []
        markdown = render_findings(findings, _lang(self.env), "markdown", sphinx=True)
        return [_parse_markdown(self, markdown, "cutover-findings")]


class SymptomsDirective(SphinxDirective):
    """What a customer sees, for every kind of damage the duplicate checks know: the causes, and the steps for each."""

    def run(self) -> list[nodes.Node]:
        listed = catalogue_in_edition(self.env)
        if listed is None:
            return []
        _, lang, texts = listed
        jump = nodes.bullet_list(classes=["cutover-symptom-list"])
        result: list[nodes.Element] = [jump]
        for symptom in symptoms():
            section_id, seen = f"symptom-{symptom.damage}", symptom.damage.symptom.get(lang)
            link = nodes.reference(seen, seen, refid=section_id)
            jump += nodes.list_item("", nodes.paragraph("", "", link))
            section = _section(section_id, seen, "cutover-symptom")
            section += nodes.paragraph("", texts["causes"])
            causes = nodes.bullet_list()
            for c in symptom.checks:
                cause = nodes.paragraph("", "")
                if c.severity is Severity.WARNING:
                    known = labels(lang)["risk_warning"]  # as the planner labels the same risk
                    cause += nodes.strong(known, known)
                    cause += nodes.Text(" ")
                cause += nodes.Text(c.message_for(symptom.damage).get(lang))
                # A known risk (calendar sync) has no step that prevents it, only the step that takes it on.
                label = texts["more" if c.severity is Severity.WARNING else "prevent"]
                fixes = nodes.paragraph("", label + " ", classes=["cutover-symptom-steps"])
                found = [step for step_id in c.steps if (step := _find(self.env, step_id, self.get_location()))]
                for number, step in enumerate(found):
                    fixes += [nodes.Text(", ")] if number else []
                    fixes += _step_reference(step, lang)
                causes += nodes.list_item("", cause, fixes)
            section += causes
            result.append(section)
        return _generated(self, result)


def setup_findings(app: Sphinx) -> None:
    """``{cutover:findings}`` and ``{cutover:symptoms}``."""
    app.add_directive_to_domain(DOMAIN, "findings", FindingsDirective)
    app.add_directive_to_domain(DOMAIN, "symptoms", SymptomsDirective)
