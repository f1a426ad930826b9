"""Sphinx extension: the catalogue's steps on pages, their permanent short links, a step index and symptom lookup."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from html import escape, unescape
from pathlib import Path
from typing import Any, ClassVar, cast

import sphinx.locale
from babel.messages.pofile import read_po
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.i18n import CatalogInfo
from sphinx.util.nodes import extract_messages

from cutover._toml import display_path, not_a_file
from cutover.catalogue import (
    LANGUAGES,
    PUBLISHED,
    RECOMMENDED,
    SWITCH,
    Answers,
    Area,
    Catalogue,
    Lang,
    MailVariant,
    Step,
    default_runbook,
    read_catalogue,
    span_json,
)
from cutover.duplicates import Severity, check, load_situation, symptoms
from cutover.errors import SHOWN_PROBLEMS, CatalogueError, Problem, SituationError, UnknownStepError
from cutover.links import SHORT, BaseURLError, address_problem, base_url, is_local, short_path
from cutover.mail import readiness
from cutover.messages import Message, visible
from cutover.ordering import plan
from cutover.planner import Choice, make_plan
from cutover.render import LABELS, render_checklist, render_findings, render_planner

__all__ = ["setup"]

logger = logging.getLogger(__name__)

_LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
_OTHER_EDITION = {"de": "Diese Seite in einer anderen Sprache", "en": "This page in another language"}
_TEXTS: dict[Lang, dict[str, str]] = {
    "de": {
        "permalink": "Dauerhafter Link zu diesem Schritt",
        "copy": "Link kopieren",
        "copy_label": "Link kopieren (Schritt {id})",
        "copied": "Link kopiert",
        "failed": "Der Link ließ sich nicht kopieren. Bitte kopieren Sie ihn von Hand",
        "id": "Kennung",
        "step": "Schritt",
        "kind": "Art",
        "applies": "Gilt",
        "retired": "Frühere Kennungen",
        "retired_none": "Bisher wurde keine Kennung ersetzt.",
        "retired_intro": (
            "Diese Kennungen wurden ersetzt. Ihre Links führen weiter zum Schritt unter seiner neuen Kennung."
        ),
        "now": "Führt jetzt zu",
        "causes": "Das kann dahinterstecken:",
        "prevent": "Schritte, die das verhindern:",
        "more": "Mehr dazu:",
        "moved": "Dieser Schritt steht hier:",
        "renamed": "Die Kennung {old} heißt jetzt {new}.",
    },
    "en": {
        "permalink": "Permanent link to this step",
        "copy": "Copy link",
        "copy_label": "Copy link (step {id})",
        "copied": "Link copied",
        "failed": "The link could not be copied. Please copy it by hand",
        "id": "ID",
        "step": "Step",
        "kind": "Type",
        "applies": "Applies",
        "retired": "Former IDs",
        "retired_none": "No ID has been replaced so far.",
        "retired_intro": "These IDs were replaced. Their links still lead to the step under its new ID.",
        "now": "Now leads to",
        "causes": "What can cause it:",
        "prevent": "Steps that prevent it:",
        "more": "More on this:",
        "moved": "This step is here:",
        "renamed": "The ID {old} is now {new}.",
    },
}


_FILES = ("steps.toml", "statements.toml")
_CACHE: dict[tuple[Path, tuple[int, ...]], tuple[Catalogue, tuple[Problem, ...]]] = {}


def runbook_of(config: Config, srcdir: str | os.PathLike[str]) -> Path:
    """The catalogue a build reads: ``cutover_runbook`` (from the source folder) if set, else the command line's.

    The command line's choice is ``$CUTOVER_RUNBOOK``, else the catalogue that comes with the package
    (``catalogue.default_runbook``).
    """
    setting = config.cutover_runbook
    return Path(srcdir, setting) if setting else default_runbook()


def _read(env: BuildEnvironment) -> tuple[Catalogue, tuple[Problem, ...]]:
    """The catalogue and its problems, read again whenever one of its files changes."""
    root = runbook_of(env.config, env.srcdir)
    watched = (*_FILES, PUBLISHED)  # the published ids change only the problems, never a page, so no page notes them
    key = (root, tuple((root / name).stat().st_mtime_ns if (root / name).exists() else 0 for name in watched))
    if key not in _CACHE:
        _CACHE[key] = read_catalogue(root)
    return _CACHE[key]


def _catalogue(env: BuildEnvironment) -> Catalogue:
    return _read(env)[0]


def _lang(env: BuildEnvironment) -> Lang:
    return _lang_of(env.config.language)


def _lang_of(language: str | None) -> Lang:
    """The catalogue language for a build language: English for any English, else the German source."""
    return "en" if _code(language) == "en" else "de"


def _code(language: str | None) -> str:
    """The language without its region: ``en_GB`` and ``en-GB`` are ``en``."""
    return str(language or "de").replace("-", "_").split("_")[0]


def _find(env: BuildEnvironment, step_id: str, location: str) -> Step | None:
    """The step with this id; or log an error at ``location`` and remember it, so the build fails even without -W.

    A retired id still finds its successor, with a warning: pages name the steps by their current ids.
    """
    catalogue, problems = _read(env)
    _depend_on_catalogue(env, catalogue)
    if step_id in catalogue:
        return catalogue[step_id]
    if problems:  # a broken catalogue's problems are said once, where they are; not again at every use on a page
        return None
    if step_id in catalogue.aliases:
        successor = catalogue.resolve(step_id)
        logger.warning(
            "%r is a retired step id; write its successor %r",
            step_id,
            successor.id,
            location=location,
            type="cutover",
            subtype="retired",
        )
        return successor
    logger.error(
        "%s", UnknownStepError(step_id, catalogue.ids), location=location, type="cutover", subtype="unknown-step"
    )
    _build_errors(env).append((env.docname, step_id))
    return None


def _valid_catalogue(env: BuildEnvironment) -> Catalogue | None:
    """The catalogue a page is generated from, or None if it has problems (each reported once, where it is)."""
    catalogue, problems = _read(env)
    _depend_on_catalogue(env, catalogue)
    return None if problems else catalogue


def _generated(directive: SphinxDirective, elements: list[nodes.Element]) -> list[nodes.Node]:
    """Elements a directive generated in the build's language: placed at the directive, kept out of gettext."""
    for element in elements:
        directive.set_source_info(element)
        _not_translatable(element)
    return list(elements)


_PACKAGE = Path(__file__).parent
_RENDERING = tuple(sorted(str(p) for p in (*_PACKAGE.glob("*.py"), *(_PACKAGE / "templates").glob("*.j2"))))
"""The package's code and templates: what a page made from the catalogue looks like depends on them too."""


def _depend_on_catalogue(env: BuildEnvironment, catalogue: Catalogue) -> None:
    """Rebuild a page that uses the catalogue whenever the catalogue, or the code and templates that render it, change.

    Sphinx rebuilds a page only when its source or a noted file changes; without the package's files an edited
    template or rule would leave incremental builds (``nox -s docs`` keeps its doctrees) showing the old page.
    """
    for name in _FILES:
        env.note_dependency(str(catalogue.source / name))
    for path in _RENDERING:
        env.note_dependency(path)


def _not_translatable(container: nodes.Element) -> None:
    """Keep text the extension renders in the build's language out of the gettext catalogues.

    Only block-level text is marked: an inline node marked ``translatable`` would be taken for a translatable one.
    """
    for node in container.findall(nodes.TextElement):
        if not isinstance(node, nodes.Inline):
            node["translatable"] = False


def _parse_markdown(directive: SphinxDirective, markdown: str, *classes: str) -> nodes.container:
    """Markdown rendered by a template, parsed into a container at the directive's place, not translatable."""
    container = nodes.container(classes=list(classes))
    source = directive.get_source_info()[0]
    directive.state.nested_parse(StringList(markdown.splitlines(), source=source), 0, container)
    _not_translatable(container)
    return container


def _build_errors(env: BuildEnvironment) -> list[tuple[str, str]]:
    """(page, what) for every unknown step id and unreadable situation file found while reading the pages."""
    if not hasattr(env, "cutover_build_errors"):
        env.cutover_build_errors = []  # type: ignore[attr-defined]
    return cast("list[tuple[str, str]]", env.cutover_build_errors)  # type: ignore[attr-defined]


def _badge(text: str, *classes: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["cutover-badge", *classes])


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
    texts = {key: escape(_TEXTS[lang][key].format(id=step_id)) for key in ("copy", "copy_label", "copied", "failed")}
    classes = ["cutover-badge", "cutover-id", "cutover-permalink"]
    link = nodes.reference(step_id, "", refuri="", reftitle=_TEXTS[lang]["permalink"], classes=classes)
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
        why += nodes.strong(LABELS[lang]["why"], LABELS[lang]["why"])
        why += nodes.Text(" " + step.why.get(lang))
        section += why
        self.state.nested_parse(self.content, self.content_offset, section)
        for name in (step.id, *step.aliases):  # a label each, for intersphinx: other sites may still use an old id
            self.env.domains.standard_domain.note_hyperlink_target(name, self.env.docname, step.id, title)
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
        steps: tuple[Step, ...] = plan(catalogue, answers)
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
            findings = check(load_situation(Path(absolute)))
        except SituationError as error:
            for line in error.lines():
                logger.error("%s", line, location=self.get_location(), type="cutover", subtype="situation")
            _build_errors(self.env).append((self.env.docname, self.arguments[0]))
            return []
        markdown = render_findings(findings, _lang(self.env), "markdown", sphinx=True)
        return [_parse_markdown(self, markdown, "cutover-findings")]


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


PDF_FOLDER = "pdf"
"""Where in each edition the site build (noxfile.py) puts the PDFs that conf.py's ``rinoh_documents`` describe."""


def _pdfs(config: Config, docname: str) -> dict[str, tuple[str, str]]:
    """Each page the site also builds as PDF, with a link text for that PDF and its address relative to ``docname``.

    None if the site builds no PDFs. conf.py sets ``rinoh_documents`` in every build, HTML included.
    """
    documents: list[dict[str, str]] = getattr(config, "rinoh_documents", None) or []
    up = "../" * docname.count("/")
    return {d["doc"]: (f"{d['title']} (PDF)", f"{up}{PDF_FOLDER}/{d['target']}.pdf") for d in documents}


class PdfRole(SphinxRole):
    """``{pdf}`checkliste-variante-a``: a link to the PDF of that page, titled like the PDF."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        page = self.text.strip()
        found = _pdfs(self.config, self.env.docname).get(page)
        if found is None:
            logger.error(
                "%r is not built as PDF: no entry of rinoh_documents in conf.py has doc %r",
                page,
                page,
                location=self.get_location(),
                type="cutover",
                subtype="pdf",
            )
            _build_errors(self.env).append((self.env.docname, page))
            return [nodes.literal(self.rawtext, page)], []
        text, address = found
        return [nodes.reference(text, text, refuri=address, classes=["cutover-pdf"])], []


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

    plans = [make_plan(catalogue, choice) for choice in Choice.every()]
    pdfs = list(_pdfs(app.config, docname).values())
    html = render_planner(plans, catalogue, _lang(app.env), url=url, pdfs=pdfs)
    for node in found:
        node.replace_self(_own_html(html))


def _table(header: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    """A table with a header row; each cell one paragraph of the given nodes."""
    table = nodes.table(classes=["cutover-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    for part, lines in ((nodes.thead(), [[[nodes.Text(text)] for text in header]]), (nodes.tbody(), rows)):
        group += part
        for cells in lines:
            part.append(nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells)))
    return table


def _section(section_id: str, title: str, *classes: str) -> nodes.section:
    section = nodes.section("", ids=[section_id], classes=list(classes))
    section += nodes.title(title, title)
    return section


class StepIndexDirective(SphinxDirective):
    """Every step by area (in the order of Area), each area in catalogue order: id, linked title, kind, condition."""

    def run(self) -> list[nodes.Node]:
        catalogue = _valid_catalogue(self.env)
        if catalogue is None:
            return []
        lang = _lang(self.env)
        texts = _TEXTS[lang]
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


class SymptomsDirective(SphinxDirective):
    """What a customer sees, for every kind of damage the duplicate checks know: the causes, and the steps for each."""

    def run(self) -> list[nodes.Node]:
        catalogue = _valid_catalogue(self.env)
        if catalogue is None:
            return []
        lang = _lang(self.env)
        texts = _TEXTS[lang]
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
                    known = LABELS[lang]["risk_warning"]  # as the planner labels the same risk
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


class UntranslatedText(SphinxTransform):
    """In a translated edition, warn at each piece of source-language text that has no translation.

    Sphinx shows such text silently in the source language; with ``-W`` this warning fails the build instead,
    naming the page and line, so that no English page can show German by accident.
    """

    default_priority = 26  # after Locale (20) has translated and TranslationProgressTotaliser (25) has counted

    def apply(self, **kwargs: Any) -> None:
        if _code(self.config.language) == _code(self.config.cutover_source_language):
            return
        for node, message in extract_messages(self.document):
            if not node.get("translated"):
                shown = message if len(message) <= 70 else message[:69] + "…"
                logger.warning(
                    "untranslated text in the %r edition: %r (run `nox -s translations-update`, then translate it)",
                    self.config.language,
                    shown,
                    location=node,
                    type="cutover",
                    subtype="untranslated",
                )


def _own_html(html: str) -> nodes.raw:
    """HTML the extension writes itself (the copy button, the planner): the only raw HTML a page may hold."""
    node = nodes.raw("", html, format="html", translatable=False)
    node["cutover"] = True
    return node


class RawMarkup(SphinxTransform):
    """Refuse raw markup from a page or its translation: it is shown as text, and it is a build error at its line.

    A page or a translator's msgstr could otherwise put ``<script>`` or ``<img onerror=…>`` on the site. MyST's HTML
    syntax is switched off (``_config_inited``), so HTML in Markdown is text already; this catches what is left,
    a ``{raw}`` directive or raw reStructuredText.
    """

    default_priority = 27  # after Locale (20), so that a translated page is checked as it will be written

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.raw)):
            if node.get("cutover"):
                continue
            text = node.astext()
            logger.error(
                "raw %s markup is not allowed on a page or in its translation (it is shown as text): %s",
                node.get("format", ""),
                visible(text),
                location=node,
                type="cutover",
                subtype="raw-markup",
            )
            _build_errors(self.env).append((self.env.docname, "raw markup"))
            inline = isinstance(node.parent, nodes.TextElement)
            node.replace_self(nodes.literal(text, text) if inline else nodes.literal_block(text, text))


def _config_inited(app: Sphinx, config: Any) -> None:
    """Add the page layout with the language switch to the project's templates; settle the address printed.

    HTML in a page's Markdown, or in its translation, is text: MyST's two HTML rules are switched off.
    """
    config.templates_path.append(str(Path(__file__).parent / "sphinx_templates"))
    if hasattr(config, "myst_disable_syntax"):
        config.myst_disable_syntax = sorted({*config.myst_disable_syntax, "html_block", "html_inline"})
    # A setting of its own, so that a new address rebuilds the pages that print it, like any changed setting.
    config.cutover_printed_address = _site_address(config, app.srcdir)[0]


_LABEL = re.compile(r'\b(aria-label|title)="([^"<>{}]+)"')


def translated_labels(html: str) -> str:
    """A page with the labels its theme writes as fixed English text in the build's language.

    Themes write some labels in their templates as plain text, not through gettext (Sphinx's basic layout names
    its sidebar ``aria-label="Main"``), so no catalogue reaches them; every ``aria-label`` and ``title`` is looked
    up in Sphinx's catalogue, which holds the project's own German words (docs/locale/de/LC_MESSAGES/sphinx.po).
    """
    translator = sphinx.locale.get_translator()
    return _LABEL.sub(lambda m: f'{m[1]}="{escape(translator.gettext(unescape(m[2])))}"', html)


def _site_address(config: Config, srcdir: str | os.PathLike[str]) -> tuple[str, tuple[Problem, ...]]:
    """The published site's address, printed in the PDFs (empty while there is none), and what is wrong with it.

    ``cutover_base_url`` if set, else the command line's: ``$CUTOVER_BASE_URL``, else the runbook's ``site.toml``.
    The local preview is no address to print: without a published one the PDFs name each step's short path.
    """
    if config.cutover_base_url:
        reason = address_problem(config.cutover_base_url)
        return ("", (Problem("cutover_base_url", 0, "", reason),)) if reason else (config.cutover_base_url, ())
    try:
        address = base_url(os.environ, runbook=runbook_of(config, srcdir))
    except BaseURLError as error:
        return "", (Problem(error.setting, 0, "", error.reason),)
    except CatalogueError as error:  # site.toml
        return "", error.problems
    return ("" if is_local(address) else address), ()


def _compile_readable_catalogues(app: Sphinx) -> None:
    """Let Sphinx compile only the translations that are files; name each other one as a build error.

    Sphinx opens every ``*.po`` it finds: one that is a folder would stop the build with a traceback, a pipe would
    keep it waiting for ever.
    """
    compile_catalogs = app.builder.compile_catalogs

    def compile_readable(catalogs: set[CatalogInfo], message: str) -> None:
        readable, problems = set(), []
        for catalog in catalogs:
            path = Path(catalog.po_path)
            if problem := not_a_file(path, display_path(path)):
                problems.append(problem)
            else:
                readable.add(catalog)
        _log_problems("unreadable translation: %s", tuple(problems), "translation")
        if problems:  # this build fails; the next one looks again, so the failure is not kept with the pages
            app.connect("build-finished", _failed)
        compile_catalogs(readable, message)

    app.builder.compile_catalogs = compile_readable  # type: ignore[method-assign]


def _translate_theme_labels(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if app.builder.format != "html" or templates is None:
        return
    render = templates.render

    def rendered(template: str, context: dict[str, Any]) -> str:
        return translated_labels(render(template, context))

    templates.render = rendered


def _builder_inited(app: Sphinx) -> None:
    """Serve the stylesheet and script, and report every problem of the catalogue before any page is read."""
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    _translate_theme_labels(app)
    _compile_readable_catalogues(app)
    _log_problems("invalid site address: %s", _site_address(app.config, app.srcdir)[1], "base-url")
    _log_problems("invalid step catalogue: %s", _read(app.env)[1], "catalogue")


def _log_problems(template: str, problems: tuple[Problem, ...], subtype: str) -> None:
    """Each problem as a build error where it is, all at once; past ``SHOWN_PROBLEMS``, the first ones and a count."""
    for problem in problems[:SHOWN_PROBLEMS]:
        if problem.line:
            location: str | None = f"{problem.file}:{problem.line}"
            said = problem.message.text("en")
            message = f"{visible(problem.key)}: {said}" if problem.key else said
        else:  # Sphinx would take a bare path for a page name
            location, message = None, problem.text("en")
        logger.error(template, message, location=location, type="cutover", subtype=subtype)
    if len(problems) > SHOWN_PROBLEMS:
        rest = Message("… and {count} more", count=len(problems) - SHOWN_PROBLEMS)
        logger.error(template, rest.text("en"), type="cutover", subtype=subtype)


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
            "name": _LANGUAGE_NAMES[lang],
            "href": f"{up}{lang}/{pagename if same else 'index'}.html",
            "label": _OTHER_EDITION[this],
        }
        for lang in LANGUAGES
        if lang != this
    ]


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    context["cutover_languages"] = language_links(pagename, set(app.env.all_docs), app.config.language)


def _pages(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Each step id and alias with the page and HTML id of the step it leads to, for the steps placed on a page."""
    labels = env.domains.standard_domain.labels
    catalogue = _catalogue(env)
    return {
        name: (labels[step.id][0], step.id)
        for step in catalogue
        if step.id in labels
        for name in (step.id, *step.aliases)
    }


def _check_placed(app: Sphinx, env: BuildEnvironment) -> None:
    """Every step of a valid catalogue is on a page; else its short links would lead nowhere."""
    catalogue, problems = _read(env)
    if problems:
        return
    for step in catalogue:
        if step.id not in env.domains.standard_domain.labels:
            logger.warning(
                "step %r is on no page, so its short link %s leads nowhere: place it with a ```{step} %s``` block",
                step.id,
                short_path(_lang(env), step.id),
                step.id,
                type="cutover",
                subtype="unplaced",
            )


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


def _writes_html_of_a_valid_catalogue(app: Sphinx) -> bool:
    """Short links and steps.json are web pages of a catalogue that holds: no HTML, or problems, and there are none."""
    return app.builder.format == "html" and not _read(app.env)[1]


def _short_links(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """One page per step id and alias, ``s/<id>.html``: a redirect that works without JavaScript, and a link."""
    if not _writes_html_of_a_valid_catalogue(app):
        return
    lang = _lang(app.env)
    texts = _TEXTS[lang]
    catalogue = _catalogue(app.env)
    for name, (docname, anchor) in _pages(app.env).items():
        page = f"{SHORT}/{name}"
        step = catalogue[anchor]
        retired = texts["renamed"].format(old=name, new=anchor) if name != anchor else ""
        context = {
            "cutover_target": f"{app.builder.get_relative_uri(page, docname)}#{anchor}",
            "cutover_title": step.title.get(lang),
            "cutover_id": anchor,
            "cutover_retired": retired,
            "cutover_here": texts["moved"],
        }
        yield page, context, "cutover-shortlink.html"


def steps_json(catalogue: Catalogue, pages: dict[str, tuple[str, str]], suffix: str = ".html") -> dict[str, Any]:
    """What other tools need to link a step: for each id, title and URLs per edition, area, kind, span and aliases.

    URLs are relative to the steps.json of any edition (``../de/...``), the same file in every edition.
    """
    steps: dict[str, Any] = {}
    for step in catalogue:
        if step.id not in pages:
            continue
        docname = pages[step.id][0]
        steps[step.id] = {
            "title": {lang: step.title.get(lang) for lang in LANGUAGES},
            "url": {lang: f"../{lang}/{docname}{suffix}#{step.id}" for lang in LANGUAGES},
            "short_url": {lang: f"../{short_path(lang, step.id)}" for lang in LANGUAGES},
            "area": step.area.value,
            "kind": step.kind.value,
            "applies": step.applies.value,
            "recommended": step.recommended,
            "span": span_json(step),
            "switch": step.switch,
            "aliases": list(step.aliases),
        }
    return {"languages": list(LANGUAGES), "steps": steps, "aliases": dict(catalogue.aliases)}


def _write_steps_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _writes_html_of_a_valid_catalogue(app):
        return
    data = steps_json(_catalogue(app.env), _pages(app.env), app.builder.out_suffix)  # type: ignore[attr-defined]
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    Path(app.outdir, "steps.json").write_text(text, encoding="utf-8")


def _project_messages(app: Sphinx) -> Path | None:
    """The project's own catalogue of Sphinx's words for the build's language (``locale/<lang>/sphinx.po``)."""
    for folder in app.config.locale_dirs:
        po = Path(app.srcdir, folder, str(app.config.language), "LC_MESSAGES", "sphinx.po")
        if po.is_file():
            return po
    return None


def translations_js(language: str, po: Path) -> str:
    """The search script's words for ``language``: Sphinx's own, overlaid with the project's ``sphinx.po``.

    Sphinx compiles a project's ``sphinx.po`` for the pages, but takes the script's words from its own prebuilt
    file only; and that file's plural rule returns true or false where the script indexes a list, so a result
    count in German shows nothing. The rule written here returns a number.
    """
    own = Path(sphinx.locale.__file__).parent / language / "LC_MESSAGES" / "sphinx.js"
    data: dict[str, Any] = {"messages": {}}
    if own.is_file():
        text = own.read_text(encoding="utf-8")
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    with po.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id and message.string:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            data["messages"][key] = list(message.string) if isinstance(message.string, tuple) else message.string
    data["locale"] = language
    data["plural_expr"] = f"Number({catalog.plural_expr})"
    return f"Documentation.addTranslations({json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)});\n"


def _write_translations_js(app: Sphinx, exception: Exception | None) -> None:
    po = _project_messages(app)
    if exception is not None or app.builder.format != "html" or po is None:
        return
    Path(app.outdir, "_static", "translations.js").write_text(
        translations_js(str(app.config.language), po), encoding="utf-8"
    )


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _build_errors(env).extend(_build_errors(other))


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.cutover_build_errors = [u for u in _build_errors(env) if u[0] != docname]  # type: ignore[attr-defined]


def _failed(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        app.statuscode = 1


def _fail_on_build_errors(app: Sphinx, exception: Exception | None) -> None:
    """Fail the build on an unknown step id, a bad situation file, an invalid catalogue or site address, -W or not."""
    if exception is None and (_build_errors(app.env) or _read(app.env)[1] or _site_address(app.config, app.srcdir)[1]):
        app.statuscode = 1


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the role, the untranslated-text check, the language switch and the settings."""
    app.add_config_value("cutover_runbook", "", "env", types=frozenset({str}))
    app.add_config_value("cutover_source_language", "de", "env", types=frozenset({str}))
    # The published site's address, printed in the PDFs: this, else the command line's (links.base_url).
    app.add_config_value("cutover_base_url", "", "env", types=frozenset({str}))
    app.add_config_value("cutover_printed_address", "", "env", types=frozenset({str}))  # set from it, at config-inited
    app.add_directive("step", StepDirective, override=True)  # sphinx-design 0.8 has a "step" of its own
    app.add_directive("checklist", ChecklistDirective)
    app.add_directive("findings", FindingsDirective)
    app.add_directive("step-index", StepIndexDirective)
    app.add_directive("symptoms", SymptomsDirective)
    app.add_directive("planner", PlannerDirective)
    app.add_role("step", StepRole())
    app.add_role("pdf", PdfRole())
    app.add_transform(UntranslatedText)
    app.add_transform(RawMarkup)
    app.add_css_file("cutover.css")
    app.add_js_file("cutover.js", loading_method="defer")
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    app.connect("env-check-consistency", _check_placed)
    app.connect("doctree-resolved", _resolve_permalinks)
    app.connect("doctree-resolved", _resolve_planner)
    app.connect("html-collect-pages", _short_links)
    app.connect("build-finished", _write_steps_json)
    app.connect("build-finished", _write_translations_js)
    app.connect("build-finished", _fail_on_build_errors)
    from cutover.sphinxext_generated import setup_generated  # noqa: PLC0415  # it builds on this module

    setup_generated(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
