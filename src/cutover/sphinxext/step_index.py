"""``{cutover:step-index}``: every step by area, then the retired ids and the steps they lead to."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from cutover.catalogue import Area
from cutover.sphinxext.catalogue_access import catalogue_in_edition
from cutover.sphinxext.domain import DOMAIN
from cutover.sphinxext.markup import _generated, _section, _table
from cutover.sphinxext.steps import _kind_and_condition, _permalink, _step_reference, _title_link

__all__ = ["setup_step_index"]


class StepIndexDirective(SphinxDirective):
    """Every step by area (in the order of Area), each area in catalogue order: id, linked title, kind, condition."""

    def run(self) -> list[nodes.Node]:
        found = catalogue_in_edition(self.env)
        if found is None:
            return []
        catalogue, lang, texts = found
        header = [texts["id"], texts["step"], texts["kind"], texts["applies"]]
        result: list[nodes.Element] = []
        for area in Area:
            steps = [step for step in catalogue if step.area is area]
            if steps:
                section = _section(f"area-{area}", area.label.get(lang), "cutover-index-area")
                section += _table(
                    header,
                    [
                        [
                            _permalink(step.id, lang),
                            [_title_link(step, lang)],
                            *([badge] for badge in _kind_and_condition(step, lang)),
                        ]
                        for step in steps
                    ],
                )
                result.append(section)
        retired = _section("retired-ids", texts["retired"], "cutover-index-retired")
        if catalogue.aliases:
            retired += nodes.paragraph("", texts["retired_intro"])
            rows = [
                [_permalink(alias, lang), _step_reference(catalogue[step_id], lang)]
                for alias, step_id in catalogue.aliases.items()
            ]
            retired += _table([texts["id"], texts["now"]], rows)
        else:
            retired += nodes.paragraph("", texts["retired_none"])
        result.append(retired)
        return _generated(self, result)


def setup_step_index(app: Sphinx) -> None:
    """``{cutover:step-index}``."""
    app.add_directive_to_domain(DOMAIN, "step-index", StepIndexDirective)
