"""Sphinx directives that generate, from the package, the lists the pages used to copy by hand.

Each list is made when the page is built, in the edition's language: the order of a plan, the rules and the
recommended steps of a checklist, the duplicate checks, the damage they prevent, the fields of a situation file,
and what a ``cutover`` command prints. A page that shows one of them cannot fall behind the catalogue.

From :mod:`cutover.sphinxext` this module takes only what every generated block shares: the catalogue a build
reads (``_valid_catalogue``), the build's language (``_lang``), the marking of generated text as not translatable
(``_generated``), a table (``_table``), and a link to a step (``_step_reference``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import shlex
from abc import abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from cutover.catalogue import Answers, Area, Catalogue, Kind, Lang, MailVariant, Step, Text
from cutover.cli import main
from cutover.duplicates import CHECKS, Situation, symptoms
from cutover.ordering import prerequisites, steps_in_order
from cutover.sphinxext.catalogue_access import _lang, _valid_catalogue
from cutover.sphinxext.domain import DOMAIN
from cutover.sphinxext.markup import _generated, _table
from cutover.sphinxext.steps import _step_reference
from cutover.words import word

__all__ = ["setup_generated"]

ID = word("table.id")
SEVERITY = word("table.severity")
STATEMENTS = word("table.statements")
LANDS = word("table.lands")
STEPS = word("table.steps")
DAMAGE = word("table.damage")
FIELD = word("table.field")
DEFAULT = word("table.default")
MEANING = word("table.meaning")

_ANSWERS: dict[str, Callable[[str], Any]] = {
    "variant": lambda value: directives.choice(value, [v.value for v in MailVariant]),
    "contact-sync": directives.flag,
    "calendar-sync": directives.flag,
}


def _answers(options: dict[str, Any]) -> Answers:
    """The answers in a directive's options: ``:variant:`` (a if not given), ``:contact-sync:``, ``:calendar-sync:``."""
    return Answers(MailVariant(options.get("variant", "a")), "contact-sync" in options, "calendar-sync" in options)


def _id_link(step_id: str) -> nodes.literal:
    """The step's id as code, linked to the step (the code around the link: a link resolved keeps only its text)."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=step_id, refexplicit=True, refwarn=True)
    ref += nodes.Text(step_id)
    return nodes.literal("", "", ref)


def _joined(parts: list[nodes.Node]) -> list[nodes.Node]:
    """The nodes separated by commas."""
    joined: list[nodes.Node] = []
    for number, part in enumerate(parts):
        joined += [nodes.Text(", ")] if number else []
        joined.append(part)
    return joined


def _code(*values: str) -> list[nodes.Node]:
    """Each value as code, separated by commas."""
    return _joined([nodes.literal(value, value) for value in values])


def _table_of(lang: Lang, header: tuple[Text, ...], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    return _table([text.get(lang) for text in header], rows)


class OrderDirective(SphinxDirective):
    """The plan for the answers, numbered: each step's id linked to the step, then its title.

    ``:only-added-by-syncs:`` keeps the steps the chosen syncs add to the plan without syncs, ``:area:`` the steps
    of one area, ``:prerequisites-of: <id>`` the steps that must be done before that step.
    """

    option_spec: ClassVar[dict[str, Any]] = {
        **_ANSWERS,
        "only-added-by-syncs": directives.flag,
        "area": lambda value: directives.choice(value, [a.value for a in Area]),
        "prerequisites-of": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        catalogue = _valid_catalogue(self.env)
        if catalogue is None:
            return []
        lang = _lang(self.env)
        listed = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["cutover-order"])
        for step in self._steps(catalogue):
            title = step.title.get(lang)
            listed += nodes.list_item("", nodes.paragraph("", "", _id_link(step.id), nodes.Text(f" · {title}")))
        return _generated(self, [listed])

    def _steps(self, catalogue: Catalogue) -> list[Step]:
        answers = _answers(self.options)
        steps = list(steps_in_order(catalogue, answers))
        if "only-added-by-syncs" in self.options:
            without = {step.id for step in steps_in_order(catalogue, Answers(answers.variant))}
            steps = [step for step in steps if step.id not in without]
        if "area" in self.options:
            steps = [step for step in steps if step.area == self.options["area"]]
        if "prerequisites-of" in self.options:
            before = set(prerequisites(catalogue, answers, self.options["prerequisites-of"]))
            steps = [step for step in steps if step.id in before]
        return steps


class MarkedStepsDirective(SphinxDirective):
    """The steps of the plan for the answers that have a mark (a rule, a recommendation), each linked."""

    option_spec: ClassVar[dict[str, Any]] = _ANSWERS

    def run(self) -> list[nodes.Node]:
        catalogue = _valid_catalogue(self.env)
        if catalogue is None:
            return []
        lang = _lang(self.env)
        listed = nodes.bullet_list(classes=["cutover-marked"])
        for step in steps_in_order(catalogue, _answers(self.options)):
            if self._marked(step):
                listed += nodes.list_item("", nodes.paragraph("", "", *self._entry(step, lang)))
        return _generated(self, [listed])

    @abstractmethod
    def _marked(self, step: Step) -> bool:
        """Whether the step belongs in the list."""

    def _entry(self, step: Step, lang: Lang) -> list[nodes.Node]:
        """A link to the step showing its title, then its id badge."""
        return _step_reference(step, lang)


class RulesDirective(MarkedStepsDirective):
    """The rules of the plan for the answers, each with how long it holds."""

    def _marked(self, step: Step) -> bool:
        return step.kind is Kind.RULE

    def _entry(self, step: Step, lang: Lang) -> list[nodes.Node]:
        """The link to the step, then how long the rule holds (its kind's badge words)."""
        return [*_step_reference(step, lang), nodes.Text(f" · {step.kind_label.get(lang)}")]


class RecommendedDirective(MarkedStepsDirective):
    """The steps of the plan for the answers that FLOWFACT recommends but does not require."""

    def _marked(self, step: Step) -> bool:
        return step.recommended


class ChecksDirective(SphinxDirective):
    """Every duplicate check: id, severity, the statements it carries, where its damage lands, the steps against it."""

    def run(self) -> list[nodes.Node]:
        if _valid_catalogue(self.env) is None:
            return []
        rows: list[list[list[nodes.Node]]] = [
            [
                _code(c.id),
                _code(c.severity.value),
                [nodes.Text(", ".join(c.statements))],
                _code(*c.lands),
                _joined([_id_link(step_id) for step_id in c.steps]),
            ]
            for c in CHECKS
        ]
        return _generated(self, [_table_of(_lang(self.env), (ID, SEVERITY, STATEMENTS, LANDS, STEPS), rows)])


class DamageDirective(SphinxDirective):
    """Every kind of damage the checks know, with the steps that prevent it, in the order the checks name them."""

    def run(self) -> list[nodes.Node]:
        if _valid_catalogue(self.env) is None:
            return []
        rows = [
            [_code(symptom.damage), _joined([_id_link(step_id) for step_id in symptom.steps])] for symptom in symptoms()
        ]
        return _generated(self, [_table_of(_lang(self.env), (DAMAGE, STEPS), rows)])


class SituationFieldsDirective(SphinxDirective):
    """Each field of a situation file: its key, its default as TOML, and what it means (the field's ``help``).

    As MyST-Parser documents its settings from its configuration dataclass: the words live with the field.
    """

    def run(self) -> list[nodes.Node]:
        lang = _lang(self.env)
        rows = [
            [_code(field.name), _code(json.dumps(field.default)), self._inline(cast("Text", field.metadata["help"]))]
            for field in dataclasses.fields(Situation)
        ]
        return _generated(self, [_table_of(lang, (FIELD, DEFAULT, MEANING), rows)])

    def _inline(self, text: Text) -> list[nodes.Node]:
        """The meaning in the build's language, its Markdown (code in backticks) parsed."""
        parsed = nodes.container()
        source = self.get_source_info()[0]
        self.state.nested_parse(StringList([text.get(_lang(self.env))], source=source), 0, parsed)
        return list(parsed[0].children)


class ConsoleDirective(SphinxDirective):
    """A ``cutover`` command as a console block, with what it prints in the edition's language when the page is built.

    The argument is the command line, ``cutover ...``, run from the project's folder (the source folder's parent);
    a line ending in ``; echo $?`` also shows the exit code, as a shell would.
    """

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        if _valid_catalogue(self.env) is None:
            return []
        command = self.arguments[0]
        argv = shlex.split(command.removesuffix("; echo $?"))
        printed = io.StringIO()
        with (
            contextlib.chdir(Path(self.env.srcdir).parent),
            contextlib.redirect_stdout(printed),
            contextlib.redirect_stderr(printed),
        ):
            status = main(["--lang", _lang(self.env), *argv[1:]])
        lines = [f"$ {command}", *printed.getvalue().rstrip("\n").splitlines()]
        lines += [str(status)] if command.endswith("; echo $?") else []
        text = "\n".join(lines)
        block = nodes.literal_block(text, text, language="console")
        return _generated(self, [block])


_DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "order": OrderDirective,
    "rules": RulesDirective,
    "recommended": RecommendedDirective,
    "checks": ChecksDirective,
    "damage": DamageDirective,
    "situation-fields": SituationFieldsDirective,
    "console": ConsoleDirective,
}


def setup_generated(app: Sphinx) -> None:
    """Register the generated lists as directives of the ``cutover`` domain: ``{cutover:order}`` and the rest."""
    for name, directive in _DIRECTIVES.items():
        app.add_directive_to_domain(DOMAIN, name, directive)
