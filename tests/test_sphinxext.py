"""Unit tests of cutover.sphinxext: tiny Sphinx projects built in-process, plus the event handlers on their own."""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple, cast

import pytest
import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from docutils import nodes
from docutils.utils import new_document
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.cmd.build import build_main
from sphinx.environment import BuildEnvironment
from sphinx.util.inventory import InventoryFile

from cutover import sphinxext
from cutover.catalogue import PUBLISHED, Answers, Area, Catalogue, MailVariant, load_catalogue
from cutover.duplicates import CHECKS, Damage, Severity, symptoms
from cutover.errors import CatalogueError
from cutover.ordering import plan

ROOT = Path(__file__).resolve().parents[1]
RUNBOOK = ROOT / "runbook"
SAMPLES = Path(__file__).resolve().parent / "samples"
SITUATIONS = Path(__file__).resolve().parent / "situations"
FAILED_DE = "Der Link ließ sich nicht kopieren. Bitte kopieren Sie ihn von Hand"
FAILED_EN = "The link could not be copied. Please copy it by hand"

INDEX = """\
# Umstieg

```{toctree}
steps
findings
symptome
verzeichnis/schritte
```

Zuerst {step}`portal-verify-offline` lesen.

## Variante b mit Sync

```{checklist}
:variant: b
:contact-sync:
:calendar-sync:
```

## Variante a

```{checklist}
```
"""

FINDINGS = """\
# Befunde

Mailkonto zu früh:

```{findings} situations/too-early.toml
```

Sauber:

```{findings} situations/clean.toml
```
"""

SYMPTOMS = "# Was sehen Sie?\n\n```{symptoms}\n```\n"

STEP_INDEX = "# Alle Schritte\n\n```{step-index}\n```\n"

TOO_EARLY = (
    'mail_variant = "a"\nplatform_mail_accounts = true\ninbox_emptied = true\nperformer_mail_service_running = false\n'
)

UNKNOWN = """\
# Falsche Ids

```{step} portal-verify-ofline
Text.
```

Siehe {step}`lead-decid`.
"""

# The valid sample's steps after renames: each old id is an alias of the step that took its place.
RENAMED_STEPS = """\
[[step]]
id = "lead-agree"
area = "lead"
kind = "action"
applies = "always"
aliases = ["lead-decide"]
statements = ["S1"]
title = { de = "Entscheiden", en = "Decide" }
why = { de = "Sonst arbeiten alle doppelt.", en = "Otherwise everyone works twice." }
switch = true

[[step]]
id = "mail-choose-variant"
area = "mail"
kind = "check"
applies = "always"
after = ["lead-agree"]
statements = ["S2"]
title = { de = "Variante wählen", en = "Choose the variant" }
why = { de = "Sonst kommen Mails doppelt.", en = "Otherwise mail arrives twice." }

[[step]]
id = "portal-exporter-stop"
area = "portal"
kind = "rule"
applies = "variant-a"
aliases = ["portal-stop-exporter", "portal-exporter-off"]
after = ["lead-agree"]
after_variant = { a = ["mail-choose-variant"] }
statements = ["S1"]
title = { de = "Exporter stoppen", en = "Stop the Exporter" }
why = { de = "Ab jetzt führt die Plattform.", en = "From now on the platform leads." }
"""

RENAMED_PUBLISHED = """\
lead-decide
mail-choose-variant
portal-stop-exporter
portal-exporter-off
lead-agree
portal-exporter-stop
"""


class Build(NamedTuple):
    """The source folder of a build, what the build returned, what it printed on stderr, and its HTML pages by name.

    A page's name is its path in the output without ``.html``: ``index``, ``verzeichnis/schritte``, ``s/lead-decide``.
    """

    src: Path
    status: int
    stderr: str
    pages: dict[str, str]


def _project(folder: Path, pages: dict[str, str], runbook: Path, *, every_step: bool = False) -> Path:
    """A project over ``runbook``; one that does not place ``every_step`` keeps the extension quiet about it."""
    src = folder / "src"
    src.mkdir(parents=True)
    quiet = "" if every_step else 'suppress_warnings = ["cutover.unplaced"]\n'
    (src / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx_design", "cutover.sphinxext"]\n'
        f'language = "de"\ncutover_runbook = "{runbook}"\nlocale_dirs = ["locale"]\ngettext_compact = False\n{quiet}',
        encoding="utf-8",
    )
    for name, text in pages.items():
        page = src / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return src


def _build(src: Path, out: Path, *options: str, builder: str = "html") -> Build:
    stderr = io.StringIO()
    sphinx.locale.translators.clear()  # Sphinx keeps loaded catalogues in the process; its own tests clear them too
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        status = build_main(["-q", "--no-color", "-b", builder, *options, str(src), str(out)])
    pages = {
        path.relative_to(out).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(out.rglob("*.html"))
    }
    return Build(src, status, stderr.getvalue(), pages)


def _pairs(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Each step id with the id of the step after it, the last with the first."""
    steps = catalogue.steps
    return [(step.id, following.id) for step, following in zip(steps, steps[1:] + steps[:1], strict=True)]


def _steps_page(catalogue: Catalogue) -> str:
    """A page that places every step once, each with a body that links the next step with the role."""
    blocks = [
        f"```{{step}} {this}\nKörper von {this}, weiter mit {{step}}`{then}`.\n```\n"
        for this, then in _pairs(catalogue)
    ]
    return "# Schritte\n\n" + "\n".join(blocks)


def _english(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    """The English catalogue of the tiny project: per page, each German message as gettext extracts it, translated."""
    steps = {"Schritte": "Steps"} | {
        f"Körper von {this}, weiter mit {{step}}`{then}`.": f"Body of {this}, go on with {{step}}`{then}`."
        for this, then in _pairs(catalogue)
    }
    return {
        "index": {
            "Umstieg": "Cutover",
            "Zuerst {step}`portal-verify-offline` lesen.": "First read {step}`portal-verify-offline`.",
            "Variante b mit Sync": "Variant b with sync",
            "Variante a": "Variant a",
        },
        "steps": steps,
        "findings": {"Befunde": "Findings", "Mailkonto zu früh:": "Mail account too early:", "Sauber:": "Clean:"},
        "symptome": {"Was sehen Sie?": "What do you see?"},
        "verzeichnis/schritte": {"Alle Schritte": "All steps"},
    }


def _write_po(src: Path, lang: str, pages: dict[str, dict[str, str]]) -> None:
    """One gettext catalogue per page under the project's locale folder, as translators keep them."""
    folder = src / "locale" / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for page, translations in pages.items():
        catalog = Catalog(locale=lang)
        for msgid, msgstr in translations.items():
            catalog.add(msgid, msgstr)
        path = folder / f"{page}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog)


def _situations(src: Path) -> None:
    """The situation files the findings page shows: one with a blocker, one clean."""
    folder = src / "situations"
    folder.mkdir()
    (folder / "too-early.toml").write_text(TOO_EARLY, encoding="utf-8")
    (folder / "clean.toml").write_bytes((SITUATIONS / "clean.toml").read_bytes())


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(RUNBOOK)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """A five-page project over the real catalogue, its step index in a subfolder, with the findings' situations."""
    pages = {
        "index": INDEX,
        "steps": _steps_page(catalogue),
        "findings": FINDINGS,
        "symptome": SYMPTOMS,
        "verzeichnis/schritte": STEP_INDEX,
    }
    src = _project(tmp_path_factory.mktemp("site"), pages, RUNBOOK, every_step=True)
    _situations(src)
    return src


@pytest.fixture(scope="module")
def german(site: Path) -> Build:
    """The project built in German with warnings as errors and nitpicky references."""
    return _build(site, site.parent / "de", "-W", "-n")


@pytest.fixture(scope="module")
def english(site: Path, catalogue: Catalogue) -> Build:
    """The same project with an English catalogue for every page, built in English."""
    _write_po(site, "en", _english(catalogue))
    return _build(site, site.parent / "en", "-W", "-n", "-D", "language=en")


@pytest.fixture(scope="module")
def gettext(site: Path) -> Build:
    """The same project through Sphinx's gettext builder, which writes one message template (.pot) per page."""
    return _build(site, site.parent / "gettext", "-W", builder="gettext")


def _templates(build: Build) -> dict[str, list[str]]:
    """The messages of each page's .pot written by the gettext build, by page, without the header."""
    templates = {}
    folder = build.src.parent / "gettext"
    for path in sorted(folder.rglob("*.pot")):
        with path.open("rb") as file:
            templates[path.relative_to(folder).with_suffix("").as_posix()] = [
                str(message.id) for message in read_po(file) if message.id
            ]
    return templates


@pytest.fixture(scope="module")
def unknown(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project with an unknown id in the directive and in the role, built without -W."""
    src = _project(tmp_path_factory.mktemp("unknown"), {"index": UNKNOWN}, RUNBOOK)
    return _build(src, src.parent / "out")


@pytest.fixture(scope="module")
def renamed_runbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid sample after renames: lead-decide is lead-agree now, portal-exporter-stop was two other ids before."""
    runbook = tmp_path_factory.mktemp("runbook")
    (runbook / "steps.toml").write_text(RENAMED_STEPS, encoding="utf-8")
    (runbook / "statements.toml").write_bytes((SAMPLES / "valid" / "statements.toml").read_bytes())
    (runbook / PUBLISHED).write_text(RENAMED_PUBLISHED, encoding="utf-8")
    return runbook


def _smart(text: str) -> str:
    """A catalogue text as English HTML shows it: escaped, and with Sphinx's typographic apostrophes."""
    return html.escape(text, quote=False).replace("'", "\u2019")


def _findings(page: str) -> list[str]:
    """The HTML inside each findings block on a page."""
    return re.findall(r'<div class="cutover-findings docutils container">\n(.*?)</div>', page, re.DOTALL)


def _checklists(page: str) -> list[list[str]]:
    """The step ids linked from each checklist on a page, in order."""
    lists = re.findall(r'<div class="cutover-checklist[^"]*">(.*?)</div>', page, re.DOTALL)
    return [
        re.findall(r'<li class="cutover-check"><p><a class="reference internal" href="steps.html#([a-z0-9-]+)"', x)
        for x in lists
    ]


# --- the German build ---------------------------------------------------------------------------------------------


def test_build_succeeds_with_warnings_as_errors(german: Build) -> None:
    """A project that places every step and uses the role, checklists, index and symptoms builds cleanly with -W -n."""
    expected = (0, "")
    assert expected == (german.status, german.stderr)


def test_step_section_has_the_step_id_as_html_id(german: Build, catalogue: Catalogue) -> None:
    """Each step becomes a section whose HTML id is the permanent step id."""
    ids = re.findall(r'<section class="cutover-step[^"]*" id="([^"]+)">', german.pages["steps"])
    assert list(catalogue.ids) == ids


def test_step_section_classes_name_area_and_kind(german: Build) -> None:
    """The section's classes carry the step's area and kind, for styling."""
    expected = '<section class="cutover-step cutover-area-portal cutover-kind-check" id="portal-verify-offline">'
    assert expected in german.pages["steps"]


def test_step_title_comes_from_the_catalogue(german: Build, catalogue: Catalogue) -> None:
    """The section title is the German title from the catalogue, with a permalink to the step id."""
    titles = re.findall(r'<h2>(.*?)<a class="headerlink" href="#([^"]+)"', german.pages["steps"])
    assert [(html.escape(s.title.de, quote=False), s.id) for s in catalogue] == titles


def test_step_meta_shows_id_kind_and_applies_badges(german: Build) -> None:
    """Under the title: the id badge (a link to the short link, with a hidden copy button), kind and applies badges."""
    expected = (
        '<p class="cutover-step-meta"><a class="cutover-badge cutover-id cutover-permalink reference external" '
        'href="s/mail-no-platform-account.html" title="Dauerhafter Link zu diesem Schritt">mail-no-platform-account</a>'
        '<button type="button" class="cutover-copy" hidden aria-label="Link kopieren (Schritt '
        f'mail-no-platform-account)" data-copied="Link kopiert" data-failed="{FAILED_DE}">'
        "Link kopieren</button> "
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-rule">Regel bis zum Stopp des ExporterV2'
        '</span></span> <span class="cutover-badge cutover-applies-variant-a">Nur in Variante a</span></p>'
    )
    assert expected in german.pages["steps"]


def test_step_meta_of_a_recommended_step_and_of_the_switch(german: Build) -> None:
    """A recommended step, and the moment of the switch, carry a second badge beside the kind."""
    expected = (True, True)
    page = german.pages["steps"]
    assert expected == (
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-check">Prüfung</span> '
        '<span class="cutover-badge cutover-recommended">Empfohlen</span></span>' in page,
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-action">Aufgabe</span> '
        '<span class="cutover-badge cutover-switch">Ab hier führt die Plattform</span></span>' in page,
    )


def test_step_why_paragraph(german: Build, catalogue: Catalogue) -> None:
    """Each step shows "Warum?" and the catalogue's why."""
    whys = re.findall(r'<p class="cutover-why"><strong>Warum\?</strong> (.*?)</p>', german.pages["steps"])
    assert [html.escape(s.why.de, quote=False) for s in catalogue] == whys


def test_step_body_follows_the_why(german: Build) -> None:
    """The directive's content is parsed as Markdown after the why paragraph."""
    section = german.pages["steps"].split('id="lead-decide">')[1].split("</section>")[0]
    assert section.index('class="cutover-why"') < section.index("<p>Körper von lead-decide, weiter mit")


def test_role_links_to_the_step_with_title_and_badge(german: Build, catalogue: Catalogue) -> None:
    """The role becomes a link to the step's section, showing its title, followed by the id badge."""
    title = html.escape(catalogue["portal-verify-offline"].title.de, quote=False)
    expected = (
        f'<a class="reference internal" href="steps.html#portal-verify-offline"><span class="std std-ref">{title}'
        '</span></a> <span class="cutover-badge cutover-id">portal-verify-offline</span>'
    )
    assert expected in german.pages["index"]


def test_role_inside_a_step_links_on_the_same_page(german: Build) -> None:
    """A role in a step's body links to another step on the same page by its anchor."""
    assert '<a class="reference internal" href="#lead-inform-staff">' in german.pages["steps"]


def test_checklists_list_the_plan_in_order_with_links(german: Build, catalogue: Catalogue) -> None:
    """Each checklist links every step of the plan for its options, in plan order."""
    expected = [
        [s.id for s in plan(catalogue, Answers(MailVariant.B, contact_sync=True, calendar_sync=True))],
        [s.id for s in plan(catalogue, Answers())],
    ]
    assert expected == _checklists(german.pages["index"])


def test_checklist_items_show_titles(german: Build, catalogue: Catalogue) -> None:
    """A checklist item shows the step title through the role."""
    title = html.escape(catalogue["mail-connect-client"].title.de, quote=False)
    assert f'href="steps.html#mail-connect-client"><span class="std std-ref">{title}</span>' in german.pages["index"]


def test_stylesheet_is_shipped(german: Build, site: Path) -> None:
    """The extension's stylesheet is linked and copied into _static."""
    copied = (site.parent / "de" / "_static" / "cutover.css").is_file()
    expected = (True, True)
    assert expected == ('href="_static/cutover.css' in german.pages["index"], copied)


def test_script_is_shipped(german: Build, site: Path) -> None:
    """The extension's script is copied into _static and linked, deferred, so the language switch keeps the step."""
    linked = re.search(r'<script defer="defer" src="_static/cutover\.js\?v=[0-9a-f]+"></script>', german.pages["index"])
    copied = (site.parent / "de" / "_static" / "cutover.js").read_bytes()
    expected = (True, (ROOT / "src" / "cutover" / "static" / "cutover.js").read_bytes())
    assert expected == (linked is not None, copied)


def test_findings_in_german(german: Build, catalogue: Catalogue) -> None:
    """The findings directive shows what the check finds in a situation file: severity, id, message, place, steps.

    Each step is linked with the step role; a situation without findings says so.
    """
    message = next(c.message.de for c in CHECKS if c.id == "platform-account-in-variant-a")
    title = html.escape(catalogue["mail-no-platform-account"].title.de, quote=False)
    expected = [
        '<ul class="simple">\n<li><p><strong>HINDERNIS</strong> <code class="docutils literal notranslate">'
        f'<span class="pre">platform-account-in-variant-a</span></code>: {html.escape(message, quote=False)}\n'
        "Betrifft: Mail-Aktivitäten in der Plattform, Postfächer.\n"
        'Schritte: <a class="reference internal" href="steps.html#mail-no-platform-account"><span class="std std-ref">'
        f'{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account</span></p></li>\n</ul>\n',
        "<p>Keine Dublettengefahr gefunden.</p>\n",
    ]
    assert expected == _findings(german.pages["findings"])


@pytest.mark.parametrize(("edition", "other", "name"), [("de", "en", "English"), ("en", "de", "Deutsch")])
@pytest.mark.parametrize("page", ["index", "steps", "genindex", "search"])
def test_language_switch_links_the_same_page_in_the_other_edition(
    request: pytest.FixtureRequest, edition: str, other: str, name: str, page: str
) -> None:
    """Each page, the builder's index and search pages too, links the same page of the other edition twice.

    Once as the visible switch, once as the alternate link for search engines; both relative, so the editions
    only need to sit side by side.
    """
    build: Build = request.getfixturevalue({"de": "german", "en": "english"}[edition])
    href = f"../{other}/{page}.html"
    expected = (
        [f'<a class="cutover-language-switch" href="{href}" hreflang="{other}" lang="{other}">{name}</a>'],
        [f'<link rel="alternate" hreflang="{other}" href="{href}">'],
    )
    found = (
        re.findall(r'<a class="cutover-language-switch"[^>]*>[^<]*</a>', build.pages[page]),
        re.findall(r'<link rel="alternate"[^>]*>', build.pages[page]),
    )
    assert expected == found


@pytest.mark.parametrize(
    ("edition", "label"), [("de", "Diese Seite in einer anderen Sprache"), ("en", "This page in another language")]
)
def test_language_switch_is_a_labelled_navigation(request: pytest.FixtureRequest, edition: str, label: str) -> None:
    """The switch is a navigation landmark labelled in the page's language."""
    build: Build = request.getfixturevalue({"de": "german", "en": "english"}[edition])
    assert f'<nav class="cutover-languages" aria-label="{label}">' in build.pages["index"]


# --- the English build --------------------------------------------------------------------------------------------


def test_english_build_succeeds(english: Build) -> None:
    """The English build is as clean as the German one."""
    expected = (0, "")
    assert expected == (english.status, english.stderr)


def test_english_titles(english: Build, catalogue: Catalogue) -> None:
    """With language en the sections carry the English titles."""
    titles = re.findall(r'<h2>(.*?)<a class="headerlink"', english.pages["steps"])
    assert [_smart(s.title.en) for s in catalogue] == titles


def test_english_why_and_badges(english: Build, catalogue: Catalogue) -> None:
    """With language en the why paragraph and the badges are English."""
    why = _smart(catalogue["calendar-enable-sync"].why.en)
    expected = (
        '<span class="cutover-badge cutover-applies-calendar-sync">With calendar sync only</span></p>\n'
        f'<p class="cutover-why"><strong>Why?</strong> {why}</p>'
    )
    assert expected in english.pages["steps"]


def test_english_role_title(english: Build, catalogue: Catalogue) -> None:
    """With language en the role shows the English title."""
    title = _smart(catalogue["portal-verify-offline"].title.en)
    assert f'<span class="std std-ref">{title}</span>' in english.pages["index"]


def test_english_checklist_and_findings(english: Build, catalogue: Catalogue) -> None:
    """Checklists and findings are rendered in English in the English build, not taken from the German page."""
    message = next(c.message.en for c in CHECKS if c.id == "platform-account-in-variant-a")
    title = _smart(catalogue["mail-no-platform-account"].title.en)
    finding = (
        '<ul class="simple">\n<li><p><strong>BLOCKER</strong> <code class="docutils literal notranslate">'
        f'<span class="pre">platform-account-in-variant-a</span></code>: {_smart(message)}\n'
        "Affects: Email activities in the platform, Mailboxes.\n"
        'Steps: <a class="reference internal" href="steps.html#mail-no-platform-account"><span class="std std-ref">'
        f'{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account</span></p></li>\n</ul>\n'
    )
    rule = catalogue["mail-no-platform-account"]
    condition, span = _smart(rule.applies.label.en), _smart(rule.kind_label.en)
    expected = ([finding, "<p>No duplicate risk found.</p>\n"], True)
    found = (
        _findings(english.pages["findings"]),
        f'{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account</span> · '
        f"<em>{span}</em> · <em>{condition}</em></p></li>" in english.pages["index"],
    )
    assert expected == found


def test_english_page_text_comes_from_the_catalogue(english: Build) -> None:
    """The page's own German text is shown as its English translation from the .po files."""
    expected = (["Cutover"], ["Variant b with sync", "Variant a"], ["Findings"])
    found = (
        re.findall(r"<h1>(.*?)<a", english.pages["index"]),
        re.findall(r"<h2>(.*?)<a", english.pages["index"]),
        re.findall(r"<h1>(.*?)<a", english.pages["findings"]),
    )
    assert expected == found


def test_german_edition_ignores_the_english_catalogue(english: Build, site: Path, tmp_path: Path) -> None:
    """Built after the English edition, with its catalogues beside the pages, the German edition stays German."""
    german = _build(site, tmp_path / "de", "-W", "-n")
    expected = (0, "", ["Umstieg"], ["Variante b mit Sync", "Variante a"], ["Befunde"])
    found = (
        german.status,
        german.stderr,
        re.findall(r"<h1>(.*?)<a", german.pages["index"]),
        re.findall(r"<h2>(.*?)<a", german.pages["index"]),
        re.findall(r"<h1>(.*?)<a", german.pages["findings"]),
    )
    assert expected == found


# --- translation --------------------------------------------------------------------------------------------------


def test_gettext_extracts_only_the_pages_own_text(gettext: Build, catalogue: Catalogue) -> None:
    """The message templates hold the text written on the pages, and nothing the extension renders.

    No step title, why, badge, checklist or finding: those come from the catalogue in the build's language. So the
    English .po files of the tiny project hold exactly what the gettext builder extracts.
    """
    expected = ((0, ""), {page: list(messages) for page, messages in _english(catalogue).items()})
    assert expected == ((gettext.status, gettext.stderr), _templates(gettext))


PARTIAL = """\
# Umstieg

Noch nicht übersetzt.

Dieser Absatz ist genau siebzig Zeichen lang, der Punkt am Ende zählt.

Dieser hat einundsiebzig Zeichen, wenn man den Punkt am Ende mit zählt.

```{findings} situations/clean.toml
```
"""


def test_untranslated_text_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """German text without an English translation is a warning at its page and line; -W makes it fail the build.

    A message longer than 70 characters is shortened to 70 to name it in one line. The findings are not reported.
    """
    src = _project(tmp_path, {"index": PARTIAL}, RUNBOOK)
    _situations(src)
    _write_po(src, "en", {"index": {"Umstieg": "Cutover"}})
    build = _build(src, tmp_path / "en", "-W", "-D", "language=en")
    warning = (
        f"{src / 'index.md'}:{{}}: WARNING: untranslated text in the 'en' edition: {{!r}} "
        "(run `nox -s translations-update`, then translate it) [cutover.untranslated]"
    )
    expected = (
        1,
        [
            warning.format(3, "Noch nicht übersetzt."),
            warning.format(5, "Dieser Absatz ist genau siebzig Zeichen lang, der Punkt am Ende zählt."),
            warning.format(7, "Dieser hat einundsiebzig Zeichen, wenn man den Punkt am Ende mit zähl…"),
        ],
    )
    assert expected == (build.status, build.stderr.splitlines())


def test_untranslated_text_is_only_a_warning_without_w(tmp_path: Path) -> None:
    """Without -W the build goes on and shows the German text on the English page."""
    src = _project(tmp_path, {"index": PARTIAL}, RUNBOOK)
    _situations(src)
    build = _build(src, tmp_path / "en", "-D", "language=en")
    expected = (0, 4, True)
    assert expected == (
        build.status,
        build.stderr.count("[cutover.untranslated]"),
        "<p>Noch nicht übersetzt.</p>" in build.pages["index"],
    )


def _written_in_english(folder: Path) -> Path:
    """A one-page project whose source language is English."""
    src = _project(folder, {"index": "# Cutover\n\nWritten in English.\n"}, RUNBOOK)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('cutover_source_language = "en"\n')
    return src


def test_source_language_edition_is_not_checked(tmp_path: Path) -> None:
    """The edition in the source language has nothing to translate; ``cutover_source_language`` names it."""
    src = _written_in_english(tmp_path)
    expected = (0, "")
    build = _build(src, tmp_path / "en", "-W", "-D", "language=en")
    assert expected == (build.status, build.stderr)


def test_german_is_checked_when_english_is_the_source(tmp_path: Path) -> None:
    """With English as the source language, the German edition is the one that needs translations."""
    src = _written_in_english(tmp_path)
    build = _build(src, tmp_path / "de")
    expected = [
        f"{src / 'index.md'}:1: WARNING: untranslated text in the 'de' edition: 'Cutover' "
        "(run `nox -s translations-update`, then translate it) [cutover.untranslated]",
        f"{src / 'index.md'}:3: WARNING: untranslated text in the 'de' edition: 'Written in English.' "
        "(run `nox -s translations-update`, then translate it) [cutover.untranslated]",
    ]
    assert expected == build.stderr.splitlines()


def test_rendered_text_is_never_untranslated(tmp_path: Path, catalogue: Catalogue) -> None:
    """A page of only steps, a checklist and findings builds in English without a catalogue and without a warning."""
    steps = "".join(f"```{{step}} {step_id}\n```\n\n" for step_id in catalogue.ids)
    page = (
        f"{steps}```{{checklist}}\n:variant: b\n:contact-sync:\n```\n\n"
        "```{findings} situations/too-early.toml\n```\n\n```{findings} situations/clean.toml\n```\n"
    )
    src = _project(tmp_path, {"index": page}, RUNBOOK)
    _situations(src)
    build = _build(src, tmp_path / "en", "-W", "-n", "-D", "language=en")
    expected = (0, "", True)
    assert expected == (build.status, build.stderr, "No duplicate risk found." in build.pages["index"])


# --- a broken situation file --------------------------------------------------------------------------------------


def test_broken_situation_file_fails_the_build_with_located_errors(tmp_path: Path) -> None:
    """Every problem of the situation file is an error at the directive, naming the file and line; status 1, no -W."""
    page = "# Befunde\n\n```{findings} bad.toml\n```\n"
    src = _project(tmp_path, {"index": page}, RUNBOOK)
    (src / "bad.toml").write_text('mail_variant = "c"\ninbox_emptied = 1\n', encoding="utf-8")
    build = _build(src, tmp_path / "out")
    at = f"{src / 'index.md'}:3: ERROR: {src / 'bad.toml'}"
    expected = (
        1,
        [
            f'{at}:1: mail_variant: must be "a" or "b", not \'c\' [cutover.situation]',
            f"{at}:2: inbox_emptied: must be true or false, not 1 [cutover.situation]",
        ],
        False,
    )
    assert expected == (build.status, build.stderr.splitlines(), "cutover-findings" in build.pages["index"])


def test_missing_situation_file_fails_the_build(tmp_path: Path) -> None:
    """A situation file that does not exist is one located error, and the build fails without -W."""
    src = _project(tmp_path, {"index": "# Befunde\n\n```{findings} nope.toml\n```\n"}, RUNBOOK)
    build = _build(src, tmp_path / "out")
    expected = (
        1,
        [f"{src / 'index.md'}:3: ERROR: {src / 'nope.toml'}: cannot read: no such file or folder [cutover.situation]"],
    )
    assert expected == (build.status, build.stderr.splitlines())


# --- unknown ids --------------------------------------------------------------------------------------------------


def test_build_errors_fail_the_build_even_without_w(unknown: Build) -> None:
    """An unknown step id makes the build return non-zero, without -W."""
    expected = 1
    assert expected == unknown.status


def test_unknown_id_in_the_directive_names_file_line_and_suggestion(unknown: Build) -> None:
    """The error for the directive names the page file and line and suggests the close id."""
    expected = (
        f"{unknown.src / 'index.md'}:3: ERROR: unknown step id 'portal-verify-ofline' "
        "(did you mean: portal-verify-offline, "
    )
    assert expected == unknown.stderr.splitlines()[0][: len(expected)]


def test_unknown_id_in_the_role_names_file_line_and_suggestion(unknown: Build) -> None:
    """The error for the role names the page file and line and suggests the close id."""
    expected = (
        f"{unknown.src / 'index.md'}:7: ERROR: unknown step id 'lead-decid' (did you mean: lead-decide?) "
        "[cutover.unknown-step]"
    )
    assert expected == unknown.stderr.splitlines()[1]


def test_build_errors_are_the_only_errors(unknown: Build) -> None:
    """Nothing else goes wrong in that build: one line per unknown id."""
    expected = 2
    assert expected == len(unknown.stderr.splitlines())


def test_unknown_id_in_the_role_stays_readable(unknown: Build) -> None:
    """The page still shows the unknown id as code, so the reader sees what was meant."""
    expected = '<code class="docutils literal notranslate"><span class="pre">lead-decid</span></code>'
    assert expected in unknown.pages["index"]


def test_unknown_id_in_the_directive_drops_the_section(unknown: Build) -> None:
    """No section is made for an unknown step."""
    assert "cutover-step" not in unknown.pages["index"].split('<div class="body" role="main">')[1]


# --- an invalid catalogue -----------------------------------------------------------------------------------------


def test_invalid_catalogue_fails_with_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken catalogue fails the build with every problem of the loader as a located error, and no crash report."""
    monkeypatch.chdir(SAMPLES)
    with pytest.raises(CatalogueError) as loader:
        load_catalogue(Path("many-problems"))
    page = "# Leer\n\n```{checklist}\n:variant: b\n```\n"
    build = _build(_project(tmp_path, {"index": page}, SAMPLES / "many-problems"), tmp_path / "out")
    expected = [
        f"{p.file}:{p.line}: ERROR: invalid step catalogue: {p.key}: {p.message} [cutover.catalogue]"
        if p.line
        else f"ERROR: invalid step catalogue: {p.file}: {p.key}: {p.message} [cutover.catalogue]"
        for p in loader.value.problems
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


def test_catalogue_problem_without_key_or_line_is_reported_plainly(tmp_path: Path) -> None:
    """An unreadable catalogue file is one error naming the file, without a line or an empty key."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    (runbook / "statements.toml").write_text('[statements]\nS1 = "Eins."\n', encoding="utf-8")
    (runbook / PUBLISHED).write_text("lead-decide\n", encoding="utf-8")
    build = _build(_project(tmp_path, {"index": "# Leer\n"}, runbook), tmp_path / "out")
    expected = [
        f"ERROR: invalid step catalogue: {runbook / 'steps.toml'}: cannot read: no such file or folder "
        "[cutover.catalogue]"
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


# --- permalinks and short links -----------------------------------------------------------------------------------


def _shortlink(lang: str, target: str, title: str, step_id: str, *retired: str) -> str:
    """A short-link page as the extension writes it: a refresh to ``target``, and a plain link there."""
    here = {"de": "Dieser Schritt steht hier:", "en": "This step is here:"}[lang]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<link rel="canonical" href="{target}">\n'
        f'<link rel="icon" href="data:,">\n<title>{escape(title)} ({step_id})</title>\n</head>\n<body>\n'
        + "".join(f"<p>{line}</p>\n" for line in retired)
        + f'<p>{here} <a href="{target}">{escape(title)}</a> ({step_id})</p>\n</body>\n</html>'
    )


def _short_pages(build: Build) -> list[str]:
    """The names of the short-link pages a build wrote."""
    return [name for name in build.pages if name.startswith("s/")]


def test_english_id_badge_and_copy_button_are_labelled_in_english(english: Build) -> None:
    """In the English build the badge's title and the copy button's texts are English."""
    expected = (
        '<p class="cutover-step-meta"><a class="cutover-badge cutover-id cutover-permalink reference external" '
        'href="s/mail-no-platform-account.html" title="Permanent link to this step">mail-no-platform-account</a>'
        '<button type="button" class="cutover-copy" hidden aria-label="Copy link (step mail-no-platform-account)"'
        f' data-copied="Link copied" data-failed="{FAILED_EN}">Copy link</button> '
    )
    assert expected in english.pages["steps"]


def test_id_badge_on_a_page_in_a_subfolder_links_up(german: Build) -> None:
    """A badge on a page in a subfolder leads up to the edition's short link."""
    expected = (
        '<a class="cutover-badge cutover-id cutover-permalink reference external" href="../s/lead-decide.html" '
        'title="Dauerhafter Link zu diesem Schritt">lead-decide</a>'
    )
    assert expected in german.pages["verzeichnis/schritte"]


def test_every_step_id_gets_a_short_link_page(german: Build, catalogue: Catalogue) -> None:
    """The HTML build writes s/<id>.html for every step id, and no other page in s/."""
    expected = sorted(f"s/{step_id}" for step_id in catalogue.ids)
    assert expected == sorted(_short_pages(german))


def test_short_link_page_sends_the_reader_to_the_step(german: Build, catalogue: Catalogue) -> None:
    """A short-link page is a meta refresh to the step's page and anchor, and a plain link there, in German."""
    title = catalogue["lead-decide"].title.de
    expected = _shortlink("de", "../steps.html#lead-decide", title, "lead-decide")
    assert expected == german.pages["s/lead-decide"]


def test_english_short_link_page(english: Build, catalogue: Catalogue) -> None:
    """In the English build the short-link page has lang en, the English title and the English sentence."""
    title = catalogue["portal-verify-offline"].title.en
    expected = _shortlink("en", "../steps.html#portal-verify-offline", title, "portal-verify-offline")
    assert expected == english.pages["s/portal-verify-offline"]


def test_short_link_pages_load_nothing(german: Build) -> None:
    """No short-link page loads a stylesheet, a script or anything from _static."""
    loading = [name for name in _short_pages(german) if re.search(r"<script|stylesheet|_static", german.pages[name])]
    expected: list[str] = []
    assert expected == loading


def test_no_short_link_pages_from_the_gettext_builder(gettext: Build) -> None:
    """The gettext builder writes no s/ folder."""
    expected = False
    assert expected == (gettext.src.parent / "gettext" / "s").exists()


# --- steps.json ---------------------------------------------------------------------------------------------------


def _steps_json(build: Build, edition: str = "de") -> Any:
    return json.loads((build.src.parent / edition / "steps.json").read_text(encoding="utf-8"))


def test_steps_json_names_the_editions_the_steps_and_the_aliases(german: Build) -> None:
    """steps.json has three keys: the languages, the steps, and the retired ids."""
    expected = ["languages", "steps", "aliases"]
    assert expected == list(_steps_json(german))


def test_steps_json_lists_every_placed_step_in_catalogue_order(german: Build, catalogue: Catalogue) -> None:
    """Every step on a page is in steps.json, in catalogue order."""
    assert list(catalogue.ids) == list(_steps_json(german)["steps"])


def test_steps_json_entry_of_a_step(german: Build, catalogue: Catalogue) -> None:
    """Each step has its titles, page URLs and short URLs per edition relative to steps.json, and its facts."""
    step = catalogue["mail-no-platform-account"]
    expected = {
        "title": {"de": step.title.de, "en": step.title.en},
        "url": {"de": "../de/steps.html#mail-no-platform-account", "en": "../en/steps.html#mail-no-platform-account"},
        "short_url": {"de": "../de/s/mail-no-platform-account.html", "en": "../en/s/mail-no-platform-account.html"},
        "area": "mail",
        "kind": "rule",
        "applies": "variant-a",
        "recommended": False,
        "span": {
            "from": None,
            "until": "portal-stop-exporter",
            "label": {"de": "Regel bis zum Stopp des ExporterV2", "en": "Rule until ExporterV2 is stopped"},
        },
        "switch": False,
        "aliases": [],
    }
    assert expected == _steps_json(german)["steps"]["mail-no-platform-account"]


def test_steps_json_marks_the_recommended_steps_and_the_switch(german: Build) -> None:
    """steps.json says which steps the source only recommends, and which is the moment of the switch."""
    steps = _steps_json(german)["steps"]
    expected = (
        ["mail-deactivate-performer-accounts", "mail-connect-client", "portal-verify-offline"],
        ["portal-stop-exporter"],
    )
    assert expected == ([i for i, e in steps.items() if e["recommended"]], [i for i, e in steps.items() if e["switch"]])


def test_steps_json_of_a_catalogue_without_renames(german: Build) -> None:
    """Both editions are named, and a catalogue without retired ids has no aliases."""
    data = _steps_json(german)
    expected: tuple[list[str], dict[str, str]] = (["de", "en"], {})
    assert expected == (data["languages"], data["aliases"])


def test_steps_json_is_the_same_file_in_both_editions(german: Build, english: Build) -> None:
    """The German and the English build of the same project write identical bytes."""
    de, en = (build.src.parent / edition / "steps.json" for build, edition in ((german, "de"), (english, "en")))
    assert de.read_bytes() == en.read_bytes()


def test_no_steps_json_from_the_gettext_builder(gettext: Build) -> None:
    """The gettext builder writes no steps.json."""
    expected = False
    assert expected == (gettext.src.parent / "gettext" / "steps.json").exists()


def test_steps_json_leaves_out_steps_on_no_page(renamed_runbook: Path) -> None:
    """``steps_json`` lists only the steps that ``pages`` places; a retired id stays with its step."""
    catalogue = load_catalogue(renamed_runbook)
    pages = {"lead-agree": ("a/b", "lead-agree"), "portal-exporter-stop": ("c", "portal-exporter-stop")}
    expected = {
        "languages": ["de", "en"],
        "steps": {
            "lead-agree": {
                "title": {"de": "Entscheiden", "en": "Decide"},
                "url": {"de": "../de/a/b.html#lead-agree", "en": "../en/a/b.html#lead-agree"},
                "short_url": {"de": "../de/s/lead-agree.html", "en": "../en/s/lead-agree.html"},
                "area": "lead",
                "kind": "action",
                "applies": "always",
                "recommended": False,
                "span": None,
                "switch": True,
                "aliases": ["lead-decide"],
            },
            "portal-exporter-stop": {
                "title": {"de": "Exporter stoppen", "en": "Stop the Exporter"},
                "url": {"de": "../de/c.html#portal-exporter-stop", "en": "../en/c.html#portal-exporter-stop"},
                "short_url": {"de": "../de/s/portal-exporter-stop.html", "en": "../en/s/portal-exporter-stop.html"},
                "area": "portal",
                "kind": "rule",
                "applies": "variant-a",
                "recommended": False,
                "span": {
                    "from": None,
                    "until": None,
                    "label": {"de": "Regel ab jetzt, ohne Ende", "en": "Rule from now on, for good"},
                },
                "switch": False,
                "aliases": ["portal-stop-exporter", "portal-exporter-off"],
            },
        },
        "aliases": {
            "lead-decide": "lead-agree",
            "portal-stop-exporter": "portal-exporter-stop",
            "portal-exporter-off": "portal-exporter-stop",
        },
    }
    assert expected == sphinxext.steps_json(catalogue, pages)


def test_steps_json_urls_take_the_builders_suffix() -> None:
    """The page URLs end in the suffix the builder writes; the short URLs are always .html pages."""
    catalogue = load_catalogue(SAMPLES / "valid")
    step = sphinxext.steps_json(catalogue, {"lead-decide": ("a", "lead-decide")}, ".xhtml")["steps"]["lead-decide"]
    expected = (
        {"de": "../de/a.xhtml#lead-decide", "en": "../en/a.xhtml#lead-decide"},
        {"de": "../de/s/lead-decide.html", "en": "../en/s/lead-decide.html"},
    )
    assert expected == (step["url"], step["short_url"])


# --- the step index -----------------------------------------------------------------------------------------------


def _index_areas(page: str) -> list[tuple[str, str]]:
    """The HTML id and title of each area section of a step index."""
    return re.findall(r'<section class="cutover-index-area" id="([a-z-]+)">\n<h2>(.*?)<a class="headerlink"', page)


_ROW = re.compile(
    r'<tr class="row-\w+"><td><p><a [^>]*>([a-z0-9-]+)</a><button [^>]*>[^<]*</button></p></td>\n'
    r'<td><p><a class="reference internal" href="([^"]+)"><span class="std std-ref">(.*?)</span></a></p></td>\n'
    r'<td><p><span class="cutover-kinds"><span class="cutover-badge cutover-kind-[a-z]+">(.*?)</span>'
    r'(?: <span class="cutover-badge [a-z-]+">[^<]*</span>)*</span></p></td>\n'
    r'<td><p><span class="cutover-badge cutover-applies-[a-z-]+">(.*?)</span></p></td>\n</tr>'
)


def _index_rows(page: str) -> dict[str, list[tuple[str, ...]]]:
    """Per area section of a step index: each row's id, link, title, kind and applies."""
    sections = re.findall(r'<section class="cutover-index-area" id="area-([a-z]+)">(.*?)</section>', page, re.DOTALL)
    return {area: _ROW.findall(body) for area, body in sections}


def test_step_index_has_a_section_per_area(german: Build, catalogue: Catalogue) -> None:
    """The step index has one section per area with steps, in the order of the areas, titled in German."""
    expected = [(f"area-{area}", area.label.de) for area in Area if any(step.area is area for step in catalogue)]
    assert expected == _index_areas(german.pages["verzeichnis/schritte"])


def test_step_index_leaves_out_areas_without_steps(renamed: Build) -> None:
    """An area without steps gets no section."""
    expected = [("area-lead", "Führendes System"), ("area-portal", "Portale"), ("area-mail", "Mail")]
    assert expected == _index_areas(renamed.pages["teil/umbenannt"])


def test_step_index_table_header(german: Build) -> None:
    """Each area's table has the header Kennung, Schritt, Art, Gilt."""
    header = (
        '<thead>\n<tr class="row-odd"><th class="head"><p>Kennung</p></th>\n<th class="head"><p>Schritt</p></th>\n'
        '<th class="head"><p>Art</p></th>\n<th class="head"><p>Gilt</p></th>\n</tr>\n</thead>'
    )
    page = german.pages["verzeichnis/schritte"]
    expected = [header] * len(Area)
    assert expected == re.findall(r"<thead>.*?</thead>", page, re.DOTALL)


def test_step_index_row_of_a_step(german: Build, catalogue: Catalogue) -> None:
    """A row: the id badge with its copy button, the step's title linking the step, badges for kind and condition."""
    title = html.escape(catalogue["mail-no-platform-account"].title.de, quote=False)
    expected = (
        '<tr class="row-odd"><td><p><a class="cutover-badge cutover-id cutover-permalink reference external" '
        'href="../s/mail-no-platform-account.html" title="Dauerhafter Link zu diesem Schritt">mail-no-platform-account'
        '</a><button type="button" class="cutover-copy" hidden aria-label="Link kopieren (Schritt '
        f'mail-no-platform-account)" data-copied="Link kopiert" data-failed="{FAILED_DE}">'
        "Link kopieren</button></p></td>\n"
        '<td><p><a class="reference internal" href="../steps.html#mail-no-platform-account"><span class="std std-ref">'
        f"{title}</span></a></p></td>\n"
        '<td><p><span class="cutover-kinds"><span class="cutover-badge cutover-kind-rule">Regel bis zum Stopp des '
        "ExporterV2</span></span></p></td>\n"
        '<td><p><span class="cutover-badge cutover-applies-variant-a">Nur in Variante a</span></p></td>\n</tr>'
    )
    assert expected in german.pages["verzeichnis/schritte"]


def test_step_index_has_a_row_per_step_in_catalogue_order(german: Build, catalogue: Catalogue) -> None:
    """Each area's table has a row for each of its steps, in catalogue order, with title, kind and applies."""
    expected = {
        area.value: [
            (
                s.id,
                f"../steps.html#{s.id}",
                html.escape(s.title.de, quote=False),
                s.kind_label.de,
                s.applies.label.de,
            )
            for s in catalogue
            if s.area is area
        ]
        for area in Area
    }
    assert expected == _index_rows(german.pages["verzeichnis/schritte"])


def test_step_index_says_no_id_was_renamed(german: Build) -> None:
    """Without retired ids, the last section says that every id is still the one it was."""
    expected = (
        '<section class="cutover-index-retired" id="retired-ids">\n<h2>Frühere Kennungen<a class="headerlink" '
        'href="#retired-ids" title="Link to this heading">¶</a></h2>\n<p>Bisher wurde keine Kennung ersetzt.</p>\n'
        "</section>"
    )
    assert expected in german.pages["verzeichnis/schritte"]


def test_step_index_lists_each_retired_id_with_its_step(renamed: Build) -> None:
    """With retired ids, the last section says so and has a row per retired id: its short link, then its step."""

    def row(parity: str, old: str, new: str, title: str) -> str:
        return (
            f'<tr class="row-{parity}"><td><p><a class="cutover-badge cutover-id cutover-permalink reference external"'
            f' href="../s/{old}.html" title="Dauerhafter Link zu diesem Schritt">{old}</a><button type="button" '
            f'class="cutover-copy" hidden aria-label="Link kopieren (Schritt {old})" data-copied="Link kopiert" '
            f'data-failed="{FAILED_DE}">Link kopieren</button></p></td>\n'
            f'<td><p><a class="reference internal" href="#{new}"><span class="std std-ref">{title}</span></a> '
            f'<span class="cutover-badge cutover-id">{new}</span></p></td>\n</tr>\n'
        )

    expected = (
        '<section class="cutover-index-retired" id="retired-ids">\n<h2>Frühere Kennungen<a class="headerlink" '
        'href="#retired-ids" title="Link to this heading">¶</a></h2>\n<p>Diese Kennungen wurden ersetzt. Ihre Links '
        "führen weiter zum Schritt unter seiner neuen Kennung.</p>\n"
        '<table class="cutover-table docutils align-default">\n'
        '<thead>\n<tr class="row-odd"><th class="head"><p>Kennung</p></th>\n'
        '<th class="head"><p>Führt jetzt zu</p></th>\n'
        "</tr>\n</thead>\n<tbody>\n"
        + row("even", "lead-decide", "lead-agree", "Entscheiden")
        + row("odd", "portal-stop-exporter", "portal-exporter-stop", "Exporter stoppen")
        + row("even", "portal-exporter-off", "portal-exporter-stop", "Exporter stoppen")
        + "</tbody>\n</table>\n</section>"
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_english_step_index_areas(english: Build, catalogue: Catalogue) -> None:
    """In the English build the area sections are titled in English."""
    expected = [(f"area-{area}", area.label.en) for area in Area if any(step.area is area for step in catalogue)]
    assert expected == _index_areas(english.pages["verzeichnis/schritte"])


def test_english_step_index_table_header(english: Build) -> None:
    """In the English build each area's table header reads ID, Step, Kind, Applies."""
    expected = ["ID", "Step", "Type", "Applies"] * len(Area)
    assert expected == re.findall(r'<th class="head"><p>(.*?)</p></th>', english.pages["verzeichnis/schritte"])


def test_english_step_index_row_labels(english: Build, catalogue: Catalogue) -> None:
    """In the English build each row shows the English title, kind and applies."""
    expected = {
        area.value: [
            (s.id, f"../steps.html#{s.id}", _smart(s.title.en), _smart(s.kind_label.en), s.applies.label.en)
            for s in catalogue
            if s.area is area
        ]
        for area in Area
    }
    assert expected == _index_rows(english.pages["verzeichnis/schritte"])


def test_english_step_index_says_no_id_was_renamed(english: Build) -> None:
    """In the English build the section on former ids is English."""
    expected = (
        '<h2>Former IDs<a class="headerlink" href="#retired-ids" title="Link to this heading">¶</a></h2>\n'
        "<p>No ID has been replaced so far.</p>"
    )
    assert expected in english.pages["verzeichnis/schritte"]


def test_gettext_extracts_nothing_from_the_step_index(gettext: Build) -> None:
    """The step index page's template holds only the page's own title."""
    expected = ["Alle Schritte"]
    assert expected == _templates(gettext)["verzeichnis/schritte"]


# --- symptoms -----------------------------------------------------------------------------------------------------


def _symptom_sections(page: str) -> list[tuple[str, str, str]]:
    """Each symptom section: its HTML id, its title, and the HTML after the title."""
    return re.findall(
        r'<section class="cutover-symptom" id="([a-z-]+)">\n<h2>(.*?)<a class="headerlink"[^>]*>¶</a></h2>\n'
        r"(.*?)</section>",
        page,
        re.DOTALL,
    )


def _causes(section: str) -> list[tuple[str, list[str]]]:
    """Each cause in a symptom section: its text, and the step ids its paragraph of steps links, in order."""
    causes = re.findall(r'<li><p>(.*?)</p>\n<p class="cutover-symptom-steps">(.*?)</p>\n</li>', section, re.DOTALL)
    return [(text, re.findall(r'href="steps\.html#([a-z0-9-]+)"', steps)) for text, steps in causes]


def test_symptoms_jump_list_links_every_damage(german: Build) -> None:
    """The list at the top links each symptom's section, in the order of ``Damage``, by what the customer sees."""
    jump = german.pages["symptome"].split('<ul class="cutover-symptom-list simple">\n')[1].split("</ul>")[0]
    expected = [(f"#symptom-{damage}", html.escape(damage.symptom.de, quote=False)) for damage in Damage]
    assert expected == re.findall(r'<li><p><a class="reference internal" href="([^"]+)">(.*?)</a></p></li>', jump)


def test_symptom_sections_are_titled_with_what_the_customer_sees(german: Build) -> None:
    """Each damage has a section with the id symptom-<damage>, titled with its German symptom."""
    expected = [(f"symptom-{damage}", html.escape(damage.symptom.de, quote=False)) for damage in Damage]
    assert expected == [(i, title) for i, title, _ in _symptom_sections(german.pages["symptome"])]


def test_symptom_section_introduces_its_causes(german: Build) -> None:
    """Each symptom section starts with the sentence that introduces its causes."""
    expected = ["<p>Das kann dahinterstecken:</p>\n<ul>\n"] * len(Damage)
    assert expected == [body[: len(expected[0])] for _, _, body in _symptom_sections(german.pages["symptome"])]


def test_symptom_lists_each_check_of_its_damage_with_exactly_its_steps(german: Build) -> None:
    """Each section has a bullet per check landing there, in CHECKS order, linking exactly that check's steps."""
    accepted = "<strong>Bekanntes Risiko:</strong> "
    expected = [
        [
            (
                (accepted if c.severity is Severity.WARNING else "")
                + html.escape(c.message_for(symptom.damage).de, quote=False),
                list(c.steps),
            )
            for c in symptom.checks
        ]
        for symptom in symptoms()
    ]
    assert expected == [_causes(body) for _, _, body in _symptom_sections(german.pages["symptome"])]


def test_symptom_section_links_the_steps_of_the_symptom(german: Build) -> None:
    """The step ids a section links, each once in order of appearance, are the symptom's steps."""
    linked = [
        list(dict.fromkeys(step for _, steps in _causes(body) for step in steps))
        for _, _, body in _symptom_sections(german.pages["symptome"])
    ]
    assert [list(symptom.steps) for symptom in symptoms()] == linked


def test_symptom_bullet_of_a_warning(german: Build, catalogue: Catalogue) -> None:
    """A known risk says so first; then "more on this" and its steps, each its linked title and id badge."""
    c = next(c for c in CHECKS if c.severity is Severity.WARNING)
    title = html.escape(catalogue[c.steps[0]].title.de, quote=False)
    expected = (
        f"<li><p><strong>Bekanntes Risiko:</strong> {html.escape(c.message.de, quote=False)}</p>\n"
        '<p class="cutover-symptom-steps">Mehr dazu: <a class="reference internal" '
        f'href="steps.html#{c.steps[0]}"><span class="std std-ref">{title}</span></a> '
        f'<span class="cutover-badge cutover-id">{c.steps[0]}</span></p>\n</li>'
    )
    assert expected in german.pages["symptome"]


def test_symptom_bullet_with_several_steps(german: Build, catalogue: Catalogue) -> None:
    """The steps of a cause are separated by commas."""
    c = next(c for c in CHECKS if c.id == "performer-mail-service-running")
    links = ", ".join(
        f'<a class="reference internal" href="steps.html#{step}"><span class="std std-ref">'
        f"{html.escape(catalogue[step].title.de, quote=False)}</span></a> "
        f'<span class="cutover-badge cutover-id">{step}</span>'
        for step in c.steps
    )
    expected = (
        f"<li><p>{html.escape(c.message_for(Damage.CRM_MAIL_ACTIVITIES).de, quote=False)}</p>\n"
        f'<p class="cutover-symptom-steps">Schritte, die das verhindern: {links}</p>\n</li>'
    )
    assert expected in german.pages["symptome"]


def test_english_symptoms_jump_list_and_titles(english: Build) -> None:
    """In the English build the jump list and the section titles show the English symptoms."""
    expected = ([_smart(d.symptom.en) for d in Damage], [_smart(d.symptom.en) for d in Damage])
    page = english.pages["symptome"]
    found = (
        re.findall(r'<li><p><a class="reference internal" href="#symptom-[a-z-]+">(.*?)</a></p></li>', page),
        [title for _, title, _ in _symptom_sections(page)],
    )
    assert expected == found


def test_english_symptom_causes(english: Build) -> None:
    """In the English build the causes are the English messages, a warning's with the English notice first."""
    accepted = "<strong>Known risk:</strong> "
    expected = [
        [
            (
                (accepted if c.severity is Severity.WARNING else "") + _smart(c.message_for(symptom.damage).en),
                list(c.steps),
            )
            for c in symptom.checks
        ]
        for symptom in symptoms()
    ]
    assert expected == [_causes(body) for _, _, body in _symptom_sections(english.pages["symptome"])]


def test_english_symptom_sentences(english: Build) -> None:
    """In the English build each section introduces its causes, and each cause its steps, in English."""
    page = english.pages["symptome"]
    causes = [c for s in symptoms() for c in s.checks]
    risks = [c for c in causes if c.severity is Severity.WARNING]
    expected = (len(Damage), len(causes) - len(risks), len(risks))
    found = (
        page.count("<p>What can cause it:</p>"),
        page.count('<p class="cutover-symptom-steps">Steps that prevent it: <a '),
        page.count('<p class="cutover-symptom-steps">More on this: <a '),
    )
    assert expected == found


def test_gettext_extracts_nothing_from_the_symptoms(gettext: Build) -> None:
    """The symptoms page's template holds only the page's own title."""
    expected = ["Was sehen Sie?"]
    assert expected == _templates(gettext)["symptome"]


SAMPLE_SYMPTOMS = """\
# Was sehen Sie?

```{step} mail-choose-variant
```

```{step} portal-stop-exporter
```

```{symptoms}
```
"""


@pytest.fixture(scope="module")
def sample_symptoms(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The symptoms over the valid sample, which has only two of the steps the checks name, both on the page."""
    src = _project(tmp_path_factory.mktemp("symptoms"), {"index": SAMPLE_SYMPTOMS}, SAMPLES / "valid")
    return _build(src, src.parent / "out")


def test_symptoms_report_each_step_the_catalogue_lacks(sample_symptoms: Build) -> None:
    """Each step of a check that the catalogue lacks is an unknown-step error at the directive; the build fails."""
    known = {"mail-choose-variant", "portal-stop-exporter"}
    missing = [step for symptom in symptoms() for c in symptom.checks for step in c.steps if step not in known]
    at = f"{sample_symptoms.src / 'index.md'}:9: ERROR: unknown step id "
    expected = (1, [at + repr(step) for step in missing])
    found = [line.split(" (closest")[0] for line in sample_symptoms.stderr.splitlines()]
    assert expected == (sample_symptoms.status, found)


def test_symptoms_still_link_the_steps_the_catalogue_has(sample_symptoms: Build) -> None:
    """The steps the catalogue has are still linked, each where its checks are."""
    expected = [
        [s for s in symptom.steps if s in {"mail-choose-variant", "portal-stop-exporter"}] for symptom in symptoms()
    ]
    linked = [
        list(dict.fromkeys(re.findall(r'href="#([a-z0-9-]+)"><span class="std std-ref">', body)))
        for _, _, body in _symptom_sections(sample_symptoms.pages["index"])
    ]
    assert expected == linked


# --- retired ids --------------------------------------------------------------------------------------------------

RENAMED_INDEX = "# Start\n\n```{toctree}\nteil/umbenannt\n```\n"

RENAMED = """\
# Umbenannt

```{step} lead-decide
```

```{step} mail-choose-variant
```

```{step} portal-exporter-stop
```

Siehe {step}`portal-stop-exporter`.

```{step-index}
```
"""


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory, renamed_runbook: Path) -> Path:
    """A project over the renamed runbook: a page in a subfolder places a step and links one by their retired ids."""
    pages = {"index": RENAMED_INDEX, "teil/umbenannt": RENAMED}
    src = _project(tmp_path_factory.mktemp("renamed"), pages, renamed_runbook, every_step=True)
    english = {
        "index": {"Start": "Start"},
        "teil/umbenannt": {
            "Umbenannt": "Renamed",
            "Siehe {step}`portal-stop-exporter`.": "See {step}`portal-stop-exporter`.",
        },
    }
    _write_po(src, "en", english)
    return src


@pytest.fixture(scope="module")
def renamed(renamed_site: Path) -> Build:
    """The project over the renamed runbook, built in German with nitpicky references, but without -W."""
    return _build(renamed_site, renamed_site.parent / "de", "-n")


@pytest.fixture(scope="module")
def renamed_english(renamed_site: Path) -> Build:
    """The project over the renamed runbook, built in English."""
    return _build(renamed_site, renamed_site.parent / "en", "-n", "-D", "language=en")


def test_retired_id_in_the_directive_and_the_role_is_a_warning(renamed: Build) -> None:
    """A retired id in the directive or the role is a warning naming its successor; nothing else is reported."""
    at = renamed.src / "teil" / "umbenannt.md"
    expected = (
        0,
        [
            f"{at}:3: WARNING: 'lead-decide' is a retired step id; write its successor 'lead-agree' [cutover.retired]",
            f"{at}:12: WARNING: 'portal-stop-exporter' is a retired step id; write its successor "
            "'portal-exporter-stop' [cutover.retired]",
        ],
    )
    assert expected == (renamed.status, renamed.stderr.splitlines())


def test_step_placed_by_a_retired_id_is_its_successor(renamed: Build) -> None:
    """The directive with a retired id places the step that took its place, under the current id."""
    expected = (
        '<section class="cutover-step cutover-area-lead cutover-kind-action" id="lead-agree">\n'
        '<span id="lead-decide"></span><h2>Entscheiden<a class="headerlink" href="#lead-agree"'
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_step_section_carries_its_retired_ids(renamed: Build) -> None:
    """A step's section carries each of its retired ids as an anchor too, so old links to page#old-id still land."""
    expected = (
        '<section class="cutover-step cutover-area-portal cutover-kind-rule" id="portal-exporter-stop">\n'
        '<span id="portal-stop-exporter"></span><span id="portal-exporter-off"></span><h2>Exporter stoppen'
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_role_with_a_retired_id_links_the_successor(renamed: Build) -> None:
    """The role with a retired id links the step that took its place, with its title and current id."""
    expected = (
        '<p>Siehe <a class="reference internal" href="#portal-exporter-stop"><span class="std std-ref">Exporter stoppen'
        '</span></a> <span class="cutover-badge cutover-id">portal-exporter-stop</span>.</p>'
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_badges_on_a_page_in_a_subfolder_link_up(renamed: Build) -> None:
    """Each step's id badge on a page in a subfolder links the short link one folder up."""
    expected = ["../s/lead-agree.html", "../s/mail-choose-variant.html", "../s/portal-exporter-stop.html"]
    found = re.findall(
        r'<p class="cutover-step-meta"><a class="cutover-badge cutover-id cutover-permalink reference external" '
        r'href="([^"]+)"',
        renamed.pages["teil/umbenannt"],
    )
    assert expected == found


def test_inventory_has_a_label_for_each_id_and_retired_id(renamed: Build) -> None:
    """objects.inv has a std:label for each step id and each retired id, leading to the step, for intersphinx."""
    inventory = InventoryFile.loads((renamed.src.parent / "de" / "objects.inv").read_bytes(), uri="")
    labels = {name: (item.uri, item.display_name) for name, item in inventory.data["std:label"].items()}
    page = "teil/umbenannt.html"
    expected = {
        "lead-agree": (f"{page}#lead-agree", "Entscheiden"),
        "lead-decide": (f"{page}#lead-agree", "Entscheiden"),
        "mail-choose-variant": (f"{page}#mail-choose-variant", "Variante wählen"),
        "portal-exporter-stop": (f"{page}#portal-exporter-stop", "Exporter stoppen"),
        "portal-stop-exporter": (f"{page}#portal-exporter-stop", "Exporter stoppen"),
        "portal-exporter-off": (f"{page}#portal-exporter-stop", "Exporter stoppen"),
    }
    assert expected == {name: labels[name] for name in expected}


def test_every_id_and_retired_id_gets_a_short_link_page(renamed: Build) -> None:
    """Each step id and each retired id has its s/<id>.html."""
    expected = [
        "s/lead-agree",
        "s/lead-decide",
        "s/mail-choose-variant",
        "s/portal-exporter-off",
        "s/portal-exporter-stop",
        "s/portal-stop-exporter",
    ]
    assert expected == sorted(_short_pages(renamed))


def test_short_link_page_of_a_step_on_a_page_in_a_subfolder(renamed: Build) -> None:
    """The short link of a step on a page in a subfolder leads from s/ into that folder."""
    expected = _shortlink("de", "../teil/umbenannt.html#mail-choose-variant", "Variante wählen", "mail-choose-variant")
    assert expected == renamed.pages["s/mail-choose-variant"]


def test_short_link_page_of_a_retired_id_names_the_new_id(renamed: Build) -> None:
    """A retired id's short link leads to its successor's step, and says the id was renamed."""
    target = "../teil/umbenannt.html#portal-exporter-stop"
    renamed_to = "Die Kennung portal-exporter-off heißt jetzt portal-exporter-stop."
    expected = _shortlink("de", target, "Exporter stoppen", "portal-exporter-stop", renamed_to)
    assert expected == renamed.pages["s/portal-exporter-off"]


def test_english_short_link_page_of_a_retired_id(renamed_english: Build) -> None:
    """In the English build a retired id's short link says so in English."""
    renamed_to = "The ID lead-decide is now lead-agree."
    expected = _shortlink("en", "../teil/umbenannt.html#lead-agree", "Decide", "lead-agree", renamed_to)
    assert expected == renamed_english.pages["s/lead-decide"]


def test_english_step_index_lists_retired_ids_in_english(renamed_english: Build) -> None:
    """In the English build the section on former ids introduces its table and heads its columns in English."""
    expected = (
        '<h2>Former IDs<a class="headerlink" href="#retired-ids" title="Link to this heading">¶</a></h2>\n'
        "<p>These IDs were replaced. Their links still lead to the step under its new ID.</p>\n"
        '<table class="cutover-table docutils align-default">\n<thead>\n'
        '<tr class="row-odd"><th class="head"><p>ID</p></th>\n<th class="head"><p>Now leads to</p></th>\n'
    )
    assert expected in renamed_english.pages["teil/umbenannt"]


def test_steps_json_lists_the_retired_ids(renamed: Build) -> None:
    """steps.json maps each retired id to its step, and lists each step's retired ids with it."""
    data = _steps_json(renamed)
    expected = (
        {
            "lead-decide": "lead-agree",
            "portal-stop-exporter": "portal-exporter-stop",
            "portal-exporter-off": "portal-exporter-stop",
        },
        {
            "lead-agree": ["lead-decide"],
            "mail-choose-variant": [],
            "portal-exporter-stop": ["portal-stop-exporter", "portal-exporter-off"],
        },
    )
    assert expected == (data["aliases"], {step_id: step["aliases"] for step_id, step in data["steps"].items()})


def test_steps_json_is_the_same_file_in_both_editions_with_retired_ids(renamed: Build, renamed_english: Build) -> None:
    """With retired ids too, the German and the English build write identical bytes."""
    expected = (renamed.src.parent / "de" / "steps.json").read_bytes()
    assert expected == (renamed_english.src.parent / "en" / "steps.json").read_bytes()


# --- steps on no page ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unplaced(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project over the valid sample that places only lead-decide, with the warning about the others on."""
    page = "# Teilweise\n\n```{step} lead-decide\n```\n"
    src = _project(tmp_path_factory.mktemp("unplaced"), {"index": page}, SAMPLES / "valid", every_step=True)
    return _build(src, src.parent / "out")


def test_each_step_on_no_page_is_a_warning_naming_its_short_link(unplaced: Build) -> None:
    """Each step on no page is a warning that names its short link and says how to place it; not an error."""
    warning = (
        "WARNING: step {0!r} is on no page, so its short link de/s/{0}.html leads nowhere: "
        "place it with a ```{{step}} {0}``` block [cutover.unplaced]"
    )
    expected = (0, [warning.format("mail-choose-variant"), warning.format("portal-stop-exporter")])
    assert expected == (unplaced.status, unplaced.stderr.splitlines())


def test_step_on_no_page_gets_no_short_link_page(unplaced: Build) -> None:
    """Only the placed step gets a short-link page."""
    expected = ["s/lead-decide"]
    assert expected == _short_pages(unplaced)


def test_steps_json_leaves_out_a_step_on_no_page(unplaced: Build) -> None:
    """steps.json lists only the placed step."""
    expected = ["lead-decide"]
    assert expected == list(_steps_json(unplaced, "out")["steps"])


# --- other builders and an invalid catalogue ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A one-step project over the valid sample, built as plain text with warnings as errors."""
    page = "# Text\n\n```{step} lead-decide\n```\n"
    src = _project(tmp_path_factory.mktemp("text"), {"index": page}, SAMPLES / "valid")
    return _build(src, src.parent / "out", "-W", builder="text")


def test_text_build_shows_the_id_badge_as_plain_text(text: Build) -> None:
    """Without HTML the id badge is plain text beside the other badges, and the copy button is left out."""
    page = "Text\n****\n\n\nEntscheiden\n===========\n\nlead-decide Aufgabe Immer\n\n"
    expected = (0, "", page + "**Warum?** Sonst arbeiten alle doppelt.\n")
    assert expected == (text.status, text.stderr, (text.src.parent / "out" / "index.txt").read_text(encoding="utf-8"))


def test_text_build_writes_no_short_links_and_no_steps_json(text: Build) -> None:
    """A builder other than HTML writes neither s/ nor steps.json, just its pages."""
    expected = ["index.txt"]
    assert expected == sorted(path.name for path in (text.src.parent / "out").iterdir() if path.name[0] != ".")


INVALID = """\
# Ungültig

```{step} lead-decide
```

```{step-index}
```

```{symptoms}
```
"""


@pytest.fixture(scope="module")
def invalid(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project over a catalogue with one problem, a statement no step carries; it places only lead-decide."""
    folder = tmp_path_factory.mktemp("invalid")
    return _build(
        _project(folder, {"index": INVALID}, SAMPLES / "uncarried-statement", every_step=True), folder / "out"
    )


def test_invalid_catalogue_is_its_only_problem(invalid: Build) -> None:
    """The build fails with the catalogue's problem alone: no warning about the steps on no page."""
    expected = (1, ["cutover.catalogue"])
    assert expected == (invalid.status, re.findall(r"\[([a-z.-]+)\]$", invalid.stderr, re.MULTILINE))


def test_invalid_catalogue_gets_no_short_link_pages(invalid: Build) -> None:
    """With an invalid catalogue, no short-link page is written, not even for the placed step."""
    expected: list[str] = []
    assert expected == _short_pages(invalid)


def test_invalid_catalogue_gets_no_steps_json(invalid: Build) -> None:
    """With an invalid catalogue, no steps.json is written."""
    expected = False
    assert expected == (invalid.src.parent / "out" / "steps.json").exists()


def test_step_index_of_an_invalid_catalogue_is_empty(invalid: Build) -> None:
    """With an invalid catalogue, the step index renders nothing."""
    expected = False
    assert expected == ("cutover-index" in invalid.pages["index"])


def test_symptoms_of_an_invalid_catalogue_are_empty(invalid: Build) -> None:
    """With an invalid catalogue, the symptom lookup renders nothing either, rather than links that may be wrong."""
    expected = False
    assert expected == ("cutover-symptom" in invalid.pages["index"])


# --- the pieces on their own --------------------------------------------------------------------------------------


def _env(**attributes: object) -> BuildEnvironment:
    return cast("BuildEnvironment", SimpleNamespace(**attributes))


def _app(**attributes: object) -> Sphinx:
    return cast("Sphinx", SimpleNamespace(**attributes))


def test_catalogue_setting_is_joined_with_the_source_folder(tmp_path: Path) -> None:
    """A relative ``cutover_runbook`` is read relative to the Sphinx source folder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    relative = os.path.relpath(SAMPLES / "valid", docs)
    env = _env(config=SimpleNamespace(cutover_runbook=relative), srcdir=docs)
    assert docs / relative == sphinxext._catalogue(env).source


def test_empty_catalogue_setting_means_the_default_runbook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``cutover_runbook`` the extension reads the default runbook."""
    monkeypatch.delenv("CUTOVER_RUNBOOK", raising=False)
    env = _env(config=SimpleNamespace(cutover_runbook=""), srcdir=Path("/nowhere"))
    expected = RUNBOOK
    assert expected == sphinxext._catalogue(env).source


def test_catalogue_is_read_again_only_when_a_file_changes(tmp_path: Path) -> None:
    """The extension reuses a read catalogue, and reads it again once steps.toml changes on disk."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml"):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    env = _env(config=SimpleNamespace(cutover_runbook=str(runbook)), srcdir=tmp_path)
    first = sphinxext._catalogue(env)
    same = sphinxext._catalogue(env)
    steps = runbook / "steps.toml"
    os.utime(steps, ns=(steps.stat().st_atime_ns, steps.stat().st_mtime_ns + 1_000_000_000))
    assert (True, False) == (first is same, first is sphinxext._catalogue(env))


@pytest.mark.parametrize(("language", "expected"), [("de", "de"), ("en", "en"), ("en_GB", "en"), ("fr", "de")])
def test_language_setting_picks_german_or_english(language: str, expected: str) -> None:
    """English languages get English texts; every other language gets the German source."""
    assert expected == sphinxext._lang(_env(config=SimpleNamespace(language=language)))


def test_pages_depend_on_the_catalogue_files(catalogue: Catalogue) -> None:
    """A page that uses the catalogue is rebuilt when steps.toml or statements.toml change."""
    noted: list[str] = []
    sphinxext._depend_on_catalogue(_env(note_dependency=noted.append), catalogue)
    assert [str(RUNBOOK / "steps.toml"), str(RUNBOOK / "statements.toml")] == noted[:2]


def test_pages_depend_on_the_code_and_templates_that_render_them(catalogue: Catalogue) -> None:
    """Such a page is also rebuilt when a module or template of the package changes, e.g. the planner's."""
    noted: list[str] = []
    sphinxext._depend_on_catalogue(_env(note_dependency=noted.append), catalogue)
    package = Path(sphinxext.__file__).parent
    expected = {str(package / "planner.py"), str(package / "render.py"), str(package / "templates/planner.html.j2")}
    assert expected <= set(noted[2:])


def test_build_errors_start_empty() -> None:
    """An environment without unknown ids gets an empty list to collect them."""
    expected: list[object] = []
    assert expected == sphinxext._build_errors(_env())


def test_purge_forgets_the_build_errors_of_one_page() -> None:
    """Re-reading a page forgets the unknown ids found on it, and only those."""
    env = _env(cutover_build_errors=[("a", "lead-x"), ("b", "lead-y"), ("a", "lead-z")])
    sphinxext._purge(_app(), env, "a")
    expected = [("b", "lead-y")]
    assert expected == sphinxext._build_errors(env)


def test_merge_takes_the_build_errors_of_a_parallel_reader() -> None:
    """After a parallel read, the main environment knows the unknown ids every reader found."""
    env = _env(cutover_build_errors=[("a", "lead-x")])
    sphinxext._merge(_app(), env, {"b"}, _env(cutover_build_errors=[("b", "lead-y")]))
    expected = [("a", "lead-x"), ("b", "lead-y")]
    assert expected == sphinxext._build_errors(env)


def test_merge_from_a_reader_without_build_errors() -> None:
    """A parallel reader that found nothing adds nothing."""
    env = _env(cutover_build_errors=[("a", "lead-x")])
    sphinxext._merge(_app(), env, {"b"}, _env())
    expected = [("a", "lead-x")]
    assert expected == sphinxext._build_errors(env)


def test_finished_build_with_build_errors_fails() -> None:
    """A build that found unknown ids ends with status 1."""
    app = _app(env=_env(cutover_build_errors=[("a", "lead-x")]), statuscode=0)
    sphinxext._fail_on_build_errors(app, None)
    expected = 1
    assert expected == app.statuscode


def test_finished_build_without_build_errors_keeps_its_status() -> None:
    """A build without unknown ids keeps its status."""
    env = _env(cutover_build_errors=[], config=SimpleNamespace(cutover_runbook=str(RUNBOOK)), srcdir=ROOT)
    app = _app(
        env=env, statuscode=0, config=SimpleNamespace(cutover_base_url="https://umstieg.example.com/"), srcdir=ROOT
    )
    sphinxext._fail_on_build_errors(app, None)
    expected = 0
    assert expected == app.statuscode


def test_failed_build_keeps_its_own_status() -> None:
    """A build that failed with an exception keeps the status Sphinx gives it."""
    app = _app(env=_env(cutover_build_errors=[("a", "lead-x")]), statuscode=2)
    sphinxext._fail_on_build_errors(app, RuntimeError("boom"))
    expected = 2
    assert expected == app.statuscode


def _recording_app(registered: list[object]) -> Sphinx:
    def record(first: object, *args: Any, **kwargs: Any) -> None:
        registered.append(first)

    return _app(
        add_config_value=record,
        add_directive=record,
        add_role=record,
        add_transform=record,
        add_css_file=record,
        add_js_file=record,
        connect=record,
    )


def test_setup_registers_settings_directives_role_transform_assets_and_handlers() -> None:
    """``setup`` registers the settings, the directives, the role, the transform, the assets and the handlers.

    Four settings, six directives, two roles, the untranslated-text and raw-markup checks, the stylesheet, the script,
    twelve event handlers, then the generated lists' directives.
    """
    registered: list[object] = []
    sphinxext.setup(_recording_app(registered))
    expected = [
        "cutover_runbook",
        "cutover_source_language",
        "cutover_base_url",
        "cutover_printed_address",
        "step",
        "checklist",
        "findings",
        "step-index",
        "symptoms",
        "planner",
        "step",
        "pdf",
        sphinxext.UntranslatedText,
        sphinxext.RawMarkup,
        "cutover.css",
        "cutover.js",
        "config-inited",
        "builder-inited",
        "html-page-context",
        "env-merge-info",
        "env-purge-doc",
        "env-check-consistency",
        "doctree-resolved",
        "doctree-resolved",
        "html-collect-pages",
        "build-finished",
        "build-finished",
        "build-finished",
        *("cutover-order", "cutover-rules", "cutover-recommended", "cutover-checks", "cutover-damage"),
        *("cutover-situation-fields", "cutover-console"),  # last: the generated lists (sphinxext_generated)
    ]
    assert expected == registered


def test_config_inited_adds_the_layout_with_the_language_switch() -> None:
    """The extension's template folder, with its layout.html, is added after the project's own templates."""
    config = SimpleNamespace(templates_path=["_templates"], cutover_base_url="", cutover_runbook=str(SAMPLES / "valid"))
    sphinxext._config_inited(_app(srcdir=ROOT), config)
    folder = ROOT / "src" / "cutover" / "sphinx_templates"
    expected = (["_templates", str(folder)], True)
    assert expected == (config.templates_path, (folder / "layout.html").is_file())


def test_not_translatable_marks_block_text_only() -> None:
    """Paragraphs and titles are marked not translatable; inline text inside them is left unmarked."""
    container = nodes.container()
    strong = nodes.strong("fett", "fett")
    paragraph = nodes.paragraph("", "", nodes.Text("Siehe "), strong)
    title = nodes.title("Titel", "Titel")
    container += [nodes.section("", title), paragraph]
    sphinxext._not_translatable(container)
    expected = (False, False, False)
    assert expected == (paragraph["translatable"], title["translatable"], "translatable" in strong)


def _links(pagename: str, documents: set[str], language: str | None) -> list[tuple[str, str]]:
    return [(link["lang"], link["href"]) for link in sphinxext.language_links(pagename, documents, language)]


@pytest.mark.parametrize(
    ("pagename", "documents", "language", "expected"),
    [
        ("index", {"index"}, "de", [("en", "../en/index.html")]),
        ("steps", {"index", "steps"}, "en", [("de", "../de/steps.html")]),
        ("a/b", {"index", "a/b"}, "de", [("en", "../../en/a/b.html")]),
        ("a/b/c", {"a/b/c"}, "en_GB", [("de", "../../../de/a/b/c.html")]),
        ("py-modindex", {"index"}, "de", [("en", "../en/index.html")]),
        ("_modules/x", {"index"}, "en", [("de", "../../de/index.html")]),
        ("genindex", {"index"}, "de", [("en", "../en/genindex.html")]),
        ("search", {"index"}, "en", [("de", "../de/search.html")]),
        ("index", {"index"}, None, [("en", "../en/index.html")]),
    ],
    ids=[
        "index",
        "page",
        "nested",
        "deeper",
        "not-a-document",
        "nested-not-a-document",
        "genindex",
        "search",
        "no-language",
    ],
)
def test_language_links(
    pagename: str, documents: set[str], language: str | None, expected: list[tuple[str, str]]
) -> None:
    """The same page in the other edition, relative to this page, however deep the page is.

    A page that is not a document leads to the start page of the other edition; the builder's index and search
    pages exist in every edition.
    """
    assert expected == _links(pagename, documents, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            {
                "lang": "en",
                "name": "English",
                "href": "../en/index.html",
                "label": "Diese Seite in einer anderen Sprache",
            },
        ),
        ("en", {"lang": "de", "name": "Deutsch", "href": "../de/index.html", "label": "This page in another language"}),
    ],
)
def test_language_link_names_the_other_language_in_itself(language: str, expected: dict[str, str]) -> None:
    """Each link names the other language in that language, with a label for the switch in this page's language."""
    assert [expected] == sphinxext.language_links("index", {"index"}, language)


@pytest.mark.parametrize(("pagename", "href"), [("a/b", "../../de/a/b.html"), ("a/c", "../../de/index.html")])
def test_page_context_offers_the_language_links(pagename: str, href: str) -> None:
    """Every HTML page gets the links to the other edition as ``cutover_languages``, judged by the build's documents."""
    app = _app(env=_env(all_docs={"index": 1.0, "a/b": 2.0}), config=SimpleNamespace(language="en"))
    context: dict[str, Any] = {"title": "B"}
    sphinxext._page_context(app, pagename, "page.html", context, None)
    link = {"lang": "de", "name": "Deutsch", "href": href, "label": "This page in another language"}
    expected = {"title": "B", "cutover_languages": [link]}
    assert expected == context


def test_setup_declares_parallel_safety() -> None:
    """The extension declares itself safe for parallel reading and writing."""
    expected = {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
    assert expected == sphinxext.setup(_recording_app([]))


def test_catalogue_is_read_again_when_the_published_ids_change(tmp_path: Path) -> None:
    """A change to published-ids.txt is noticed like one to steps.toml: its problems are reported at once."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    env = _env(config=SimpleNamespace(cutover_runbook=str(runbook)), srcdir=tmp_path)
    before = sphinxext._read(env)[1]
    published = runbook / PUBLISHED
    published.write_text("lead-decide\nmail-choose-variant\n", encoding="utf-8")
    os.utime(published, ns=(published.stat().st_atime_ns, published.stat().st_mtime_ns + 1_000_000_000))
    expected = (
        (),
        ["'portal-stop-exporter' is not in published-ids.txt: add it there, for once published it must keep working"],
    )
    assert expected == (before, [problem.message.text("en") for problem in sphinxext._read(env)[1]])


def test_short_links_need_an_html_builder() -> None:
    """A builder whose pages are not HTML gets no short-link pages."""
    expected: list[object] = []
    assert expected == list(sphinxext._short_links(_app(builder=SimpleNamespace(format="latex"))))


def test_steps_json_is_not_written_after_a_failed_build(tmp_path: Path) -> None:
    """A build that ended in an exception writes no steps.json."""
    app = _app(builder=SimpleNamespace(format="html", out_suffix=".html"), outdir=tmp_path)
    sphinxext._write_steps_json(app, RuntimeError("boom"))
    expected: list[Path] = []
    assert expected == list(tmp_path.iterdir())


def test_permalink_becomes_a_plain_badge_without_html() -> None:
    """Where there are no pages to link (PDF, text), the id badge is inline text, no link; the button stays raw HTML."""
    doctree = new_document("index")
    paragraph = nodes.paragraph("", "", *sphinxext._permalink("lead-decide", "de"))
    doctree += paragraph
    sphinxext._resolve_permalinks(_app(builder=SimpleNamespace(format="latex")), doctree, "index")
    badge, button = paragraph.children
    expected = (nodes.inline, "lead-decide", nodes.raw)
    assert expected == (type(badge), badge.astext(), type(button))


def test_permalink_leads_to_the_short_link_relative_to_the_page() -> None:
    """In HTML the id badge's address is the short link's, relative to the page the builder writes."""
    asked: list[tuple[str, str]] = []

    def relative(start: str, target: str) -> str:
        asked.append((start, target))
        return f"../{target}.html"

    doctree = new_document("a/b")
    doctree += nodes.paragraph("", "", nodes.reference("", "x", refuri="x.html"), *sphinxext._permalink("lead-x", "en"))
    sphinxext._resolve_permalinks(
        _app(builder=SimpleNamespace(format="html", get_relative_uri=relative)), doctree, "a/b"
    )
    expected = ([("a/b", "s/lead-x")], ["x.html", "../s/lead-x.html"])
    assert expected == (asked, [link["refuri"] for link in doctree.findall(nodes.reference)])


# --- German words for what Sphinx and the theme print, and the printed short address ------------------------------

GERMAN_SPHINX = """\
msgid ""
msgstr ""
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Main"
msgstr "Hauptnavigation"

msgid "Link to this heading"
msgstr "Link zu dieser Überschrift"

msgid "Search finished, found one page matching the search query."
msgid_plural "Search finished, found ${resultCount} pages matching the search query."
msgstr[0] "Eine Seite gefunden."
msgstr[1] "${resultCount} Seiten gefunden."
"""

CHECKLIST = "# Liste\n\n```{checklist}\n:variant: a\n```\n" + "".join(
    f"\n```{{step}} {step_id}\n```\n" for step_id in ("lead-decide", "mail-choose-variant", "portal-stop-exporter")
)


def _printed_addresses(out: Path) -> list[str]:
    """The address after each entry of a checklist built as text, its lines joined again."""
    wrapped = (out / "index.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"-\n\s+", "-", re.sub(r"\n\s+/", "/", wrapped)))
    return re.findall(r"· (\S+\.html)", text)


@pytest.fixture(scope="module")
def worded(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A German project with its own German words for Sphinx (locale/de/LC_MESSAGES/sphinx.po)."""
    src = _project(tmp_path_factory.mktemp("worded"), {"index": "# Text\n\n## Abschnitt\n"}, SAMPLES / "valid")
    folder = src / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "sphinx.po").write_text(GERMAN_SPHINX, encoding="utf-8")
    return _build(src, src.parent / "out", "-W")


def test_theme_labels_written_as_plain_english_are_translated(worded: Build) -> None:
    """The basic theme's fixed ``aria-label="Main"`` and the heading permalink's title come out in German."""
    page = worded.pages["index"]
    expected = (0, True, True, False, False)
    assert expected == (
        worded.status,
        'aria-label="Hauptnavigation"' in page,
        'title="Link zu dieser Überschrift"' in page,
        'aria-label="Main"' in page,
        "Link to this heading" in page,
    )


def test_translations_js_takes_the_project_words_and_a_numeric_plural_rule(worded: Build) -> None:
    """The search script's words are Sphinx's German ones with the project's on top, its plural rule a number."""
    text = (worded.src.parent / "out" / "_static" / "translations.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = data["messages"]["Search finished, found one page matching the search query."]
    expected = (["Eine Seite gefunden.", "${resultCount} Seiten gefunden."], "Number((n != 1))", "de", "Suche")
    assert expected == (found, data["plural_expr"], data["locale"], data["messages"]["Search"])


def test_translations_js_of_a_language_sphinx_does_not_know(tmp_path: Path) -> None:
    """For a language without Sphinx's own words, the script's words are the project's alone."""
    po = tmp_path / "sphinx.po"
    po.write_text(GERMAN_SPHINX.replace('"Language: de\\n"', '"Language: xx\\n"'), encoding="utf-8")
    text = sphinxext.translations_js("xx", po)
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    expected = ["Link to this heading", "Main", "Search finished, found one page matching the search query."]
    assert expected == sorted(data["messages"])


def test_translations_js_is_left_alone_without_project_words(german: Build) -> None:
    """A project without its own sphinx.po keeps Sphinx's own translations.js."""
    own = Path(sphinx.locale.__file__).parent / "de" / "LC_MESSAGES" / "sphinx.js"
    written = german.src.parent / "de" / "_static" / "translations.js"
    assert own.read_bytes() == written.read_bytes()


def test_labels_in_english_stay_english() -> None:
    """Where no catalogue has a word, a label is left as it is, escaped as it was."""
    sphinx.locale.translators.clear()
    html_page = '<div aria-label="Main" title="A &amp; B">x</div>'
    assert html_page == sphinxext.translated_labels(html_page)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checklist project, to build as text (as the PDF is) with and without the site's address."""
    return _project(tmp_path_factory.mktemp("printed"), {"index": CHECKLIST}, SAMPLES / "valid")


def test_printed_checklist_names_each_step_s_short_path(printed: Path) -> None:
    """Without the site's address, each printed entry ends in its step's short path from the site's root."""
    build = _build(printed, printed.parent / "plain", "-W", builder="text")
    expected = (0, ["de/s/lead-decide.html", "de/s/mail-choose-variant.html", "de/s/portal-stop-exporter.html"])
    assert expected == (build.status, _printed_addresses(printed.parent / "plain"))


def test_printed_checklist_names_each_step_s_full_link_once_the_address_is_set(printed: Path) -> None:
    """With ``cutover_base_url`` set, each printed entry ends in its step's full short link."""
    out = printed.parent / "full"
    build = _build(printed, out, "-W", "-D", "cutover_base_url=https://umstieg.example.com/", builder="text")
    expected = (0, "https://umstieg.example.com/de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(out)[0])


def test_printed_address_is_left_out_of_the_html_page(printed: Path) -> None:
    """On a web page each entry is a link: no address is printed after it."""
    build = _build(printed, printed.parent / "web", "-W")
    expected = (0, False)
    assert expected == (build.status, "cutover-address" in build.pages["index"])


HOSTILE = {
    "Erster Absatz.": "First paragraph. <script>alert(1)</script>",
    "Zweiter Absatz.": '<img src="x" onerror="alert(2)"> Second paragraph.',
    "Dritter Absatz.": '<div onclick="alert(3)">Third paragraph.</div>',
}


def _main(page: str) -> str:
    """The page's own content, without the theme's frame (which has scripts of its own)."""
    return page.split('role="main">', 1)[1].split('<div class="sphinxsidebar"', 1)[0]


def test_raw_html_from_a_translation_is_text_on_the_english_page(tmp_path: Path) -> None:
    """HTML in a translator's msgstr reaches the English page as text, never as an element that could run."""
    src = _project(tmp_path, {"index": "# Umstieg\n\n" + "\n\n".join(HOSTILE) + "\n"}, SAMPLES / "valid")
    _write_po(src, "en", {"index": {"Umstieg": "Cutover", **HOSTILE}})
    build = _build(src, tmp_path / "en", "-W", "-D", "language=en")
    page = _main(build.pages["index"])
    expected: tuple[int, list[str], bool, bool] = (0, [], True, True)
    assert expected == (
        build.status,
        re.findall(r"<(?:script|img|div onclick)[^>]*>", page),
        "&lt;script&gt;alert(1)&lt;/script&gt;" in page,
        "&lt;img src=”x” onerror=”alert(2)”&gt; Second paragraph." in page,  # English smart quotes
    )


def test_raw_html_on_a_page_is_text(tmp_path: Path) -> None:
    """HTML written into a German page is text too: the page shows what was written."""
    src = _project(
        tmp_path, {"index": "# Umstieg\n\n<script>alert(1)</script>\n\nText mit <b>fett</b>.\n"}, SAMPLES / "valid"
    )
    build = _build(src, tmp_path / "de", "-W")
    page = _main(build.pages["index"])
    expected: tuple[int, list[str], bool] = (0, [], True)
    assert expected == (build.status, re.findall(r"<(?:script|b)>", page), "&lt;script&gt;alert(1)" in page)


def test_a_raw_directive_fails_the_build_at_its_line_and_is_shown_as_text(tmp_path: Path) -> None:
    """A ``{raw}`` block is a build error at its page and line, and what it holds is shown as text, not run."""
    src = _project(
        tmp_path, {"index": "# Umstieg\n\n```{raw} html\n<script>alert(1)</script>\n```\n"}, SAMPLES / "valid"
    )
    build = _build(src, tmp_path / "de")
    expected: tuple[int, list[str], list[str]] = (
        1,
        [
            f"{src / 'index.md'}:3: ERROR: raw html markup is not allowed on a page or in its translation "
            "(it is shown as text): <script>alert(1)</script> [cutover.raw-markup]"
        ],
        [],
    )
    assert expected == (
        build.status,
        re.findall(r".*ERROR: raw .*", build.stderr),
        re.findall(r"<script>", _main(build.pages["index"])),
    )


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_translation_that_is_no_file_fails_the_build_with_one_line(tmp_path: Path, kind: str) -> None:
    """A ``.po`` that is a folder or a pipe is one located error and a failed build: no traceback, no hang."""
    src = _project(tmp_path, {"index": "# Umstieg\n"}, SAMPLES / "valid")
    _write_po(src, "en", {"other": {"Umstieg": "Cutover"}})
    po = src / "locale" / "en" / "LC_MESSAGES" / "index.po"
    po.mkdir() if kind == "folder" else os.mkfifo(po)
    build = _build(src, tmp_path / "en", "-D", "language=en")
    what = "a folder" if kind == "folder" else "a pipe, a device or a socket"
    expected = (
        1,
        [f"ERROR: unreadable translation: {po}: cannot read: this is {what}, not a file [cutover.translation]"],
    )
    assert expected == (build.status, re.findall(r"ERROR: unreadable translation.*", build.stderr))


@pytest.mark.parametrize("value", ["6", "true", "[[[[]]]]"])
def test_a_catalogue_with_statements_of_the_wrong_type_fails_the_build_at_its_line(tmp_path: Path, value: str) -> None:
    """``statements = 6`` in steps.toml is a located build error, like any catalogue problem, not an extension crash."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    steps = runbook / "steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace('statements = ["S2"]', f"statements = {value}"))
    src = _project(tmp_path, {"index": "# Start\n"}, runbook)
    build = _build(src, tmp_path / "out", builder="text")
    expected = (1, False, [f"{steps}:18: ERROR: invalid step catalogue: step[1] (mail-choose-variant).statements: "])
    assert expected == (
        build.status,
        "Extension error" in build.stderr or "Traceback" in build.stderr,
        re.findall(r".*ERROR: invalid step catalogue: step\[1\] \(mail-choose-variant\)\.statements: ", build.stderr),
    )


def _printed_project(tmp_path: Path, site: str | None) -> Path:
    """The checklist project over a copy of the valid sample, its ``site.toml`` holding ``site`` (none if None)."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    if site is not None:
        (runbook / "site.toml").write_text(site, encoding="utf-8")
    return _project(tmp_path, {"index": CHECKLIST}, runbook)


def test_printed_address_comes_from_the_runbook_s_site_toml(tmp_path: Path) -> None:
    """The address the runbook's ``site.toml`` names is printed, as the command line's links use it."""
    src = _printed_project(tmp_path, 'base_url = "https://umstieg.example.com/hilfe"\n')
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, "https://umstieg.example.com/hilfe/de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(tmp_path / "out")[0])


def test_printed_address_comes_from_the_environment_before_site_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``$CUTOVER_BASE_URL`` wins over ``site.toml``, for the build as for the command line."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "https://other.example.com/")
    src = _printed_project(tmp_path, 'base_url = "https://umstieg.example.com/"\n')
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, "https://other.example.com/de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(tmp_path / "out")[0])


def test_printed_address_is_the_short_path_while_site_toml_names_none(tmp_path: Path) -> None:
    """An empty ``base_url`` (nothing published yet) prints the short path, never the local preview's address."""
    src = _printed_project(tmp_path, 'base_url = ""\n')
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, "de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(tmp_path / "out")[0])


def test_a_bad_site_toml_fails_the_build_at_its_line(tmp_path: Path) -> None:
    """A ``site.toml`` address that is none is a build error at the file and line, the problem said once."""
    src = _printed_project(tmp_path, '# Die Adresse der Anleitung\nbase_url = "umstieg example"\n')
    build = _build(src, tmp_path / "out", builder="text")
    site = tmp_path / "runbook" / "site.toml"
    expected = (
        1,
        [
            f"{site}:2: ERROR: invalid site address: base_url: 'umstieg example' contains a space, a tab or a line "
            "break [cutover.base-url]"
        ],
    )
    assert expected == (build.status, re.findall(r".*ERROR: invalid site address.*", build.stderr))


def test_an_unset_cutover_runbook_reads_the_one_cutover_runbook_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``cutover_runbook`` the build reads ``$CUTOVER_RUNBOOK``, the same choice as the command line's."""
    src = _printed_project(tmp_path, None)
    conf = src / "conf.py"
    conf.write_text(re.sub(r"cutover_runbook = .*\n", "", conf.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("CUTOVER_RUNBOOK", str(tmp_path / "runbook"))
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, ["de/s/lead-decide.html", "de/s/mail-choose-variant.html", "de/s/portal-stop-exporter.html"])
    assert expected == (build.status, _printed_addresses(tmp_path / "out"))


def test_a_catalogue_with_very_many_problems_is_cut_short_in_the_build(tmp_path: Path) -> None:
    """Past thirty problems the build names the first thirty and how many more there are, not every one."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    with (runbook / "steps.toml").open("a", encoding="utf-8") as steps:
        steps.write("".join(f"unknown_{n} = 1\n" for n in range(40)))
    src = _project(tmp_path, {"index": "# Start\n"}, runbook)
    build = _build(src, tmp_path / "out", builder="text")
    errors = re.findall(r"ERROR: invalid step catalogue: (.*)", build.stderr)
    expected = (1, 31, "… and 10 more [cutover.catalogue]")
    assert expected == (build.status, len(errors), errors[-1])


def test_a_site_address_that_is_no_web_address_fails_the_build(printed: Path) -> None:
    """``cutover_base_url`` must be the address of the site's root: anything else is a build error, said once."""
    build = _build(printed, printed.parent / "bad", "-D", "cutover_base_url=umstieg.example.com", builder="text")
    expected = (
        1,
        ["ERROR: invalid site address: cutover_base_url: 'umstieg.example.com' is not the address of the site's root"],
    )
    assert expected == (
        build.status,
        re.findall(r"ERROR: invalid site address: [^\n]*? is not the address of the site's root", build.stderr),
    )


def test_a_bad_address_in_the_environment_is_the_build_s_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    """$CUTOVER_BASE_URL that is no address is a problem of the build, named by the variable; nothing is printed."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "umstieg.example.com")
    config = cast("Any", SimpleNamespace(cutover_base_url="", cutover_runbook=str(SAMPLES / "valid")))
    address, problems = sphinxext._site_address(config, ROOT)
    expected = (
        "",
        [
            "CUTOVER_BASE_URL: 'umstieg.example.com' is not the address of the site's root, such as https://runbook.example.com/"
        ],
    )
    assert expected == (address, [str(problem) for problem in problems])


def test_an_unreadable_translation_fails_only_a_build_that_did_not_fail_already() -> None:
    """The failure of an unreadable .po sets status 1, but leaves a build that stopped with an exception alone."""
    finished, failed = _app(statuscode=0), _app(statuscode=2)
    sphinxext._failed(finished, None)
    sphinxext._failed(failed, RuntimeError("boom"))
    expected = (1, 2)
    assert expected == (finished.statuscode, failed.statuscode)


def test_a_catalogue_that_cannot_be_read_is_said_once_not_at_every_step(tmp_path: Path) -> None:
    """Without a readable steps.toml every step is unknown; that is said once, for the file, not at every use."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("statements.toml", PUBLISHED):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    (runbook / "steps.toml").symlink_to("steps.toml")  # a loop of links
    src = _project(tmp_path, {"index": "# Start\n\n{step}`lead-decide`, {step}`portal-stop-exporter`\n"}, runbook)
    build = _build(src, tmp_path / "out", builder="text")
    expected = (1, [f"ERROR: invalid step catalogue: {runbook / 'steps.toml'}: cannot read: too many symbolic links"])
    assert expected == (build.status, re.findall(r"ERROR: .*?(?= \[cutover)", build.stderr))


def test_a_situation_file_in_a_loop_of_links_is_a_located_error(tmp_path: Path) -> None:
    """A ``findings`` file that is a link to itself is one error at the directive, no traceback."""
    src = _project(tmp_path, {"index": "# Befunde\n\n```{findings} loop.toml\n```\n"}, SAMPLES / "valid")
    (src / "loop.toml").symlink_to("loop.toml")
    build = _build(src, tmp_path / "out", builder="text")
    expected = (1, False, [f"{src / 'index.md'}:3: ERROR: {src / 'loop.toml'}: cannot read: too many symbolic links"])
    assert expected == (
        build.status,
        "Traceback" in build.stderr,
        re.findall(r".*ERROR: .*?(?= \[cutover)", build.stderr),
    )
