"""Unit tests of cutover.sphinxext: tiny Sphinx projects built in-process, plus the event handlers on their own."""

from __future__ import annotations

import contextlib
import html
import io
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
from sphinx.application import Sphinx
from sphinx.cmd.build import build_main
from sphinx.environment import BuildEnvironment

from cutover import sphinxext
from cutover.catalogue import PUBLISHED, Answers, Catalogue, MailVariant, load_catalogue
from cutover.duplicates import CHECKS
from cutover.errors import CatalogueError
from cutover.ordering import plan

ROOT = Path(__file__).resolve().parents[1]
RUNBOOK = ROOT / "runbook"
SAMPLES = Path(__file__).resolve().parent / "samples"
SITUATIONS = Path(__file__).resolve().parent / "situations"

INDEX = """\
# Umstieg

```{toctree}
steps
findings
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

TOO_EARLY = 'mail_variant = "a"\nplatform_mail_accounts = true\ninbox_emptied = true\n'

UNKNOWN = """\
# Falsche Ids

```{step} portal-verify-ofline
Text.
```

Siehe {step}`lead-decid`.
"""


class Build(NamedTuple):
    """The source folder of a build, what the build returned, what it printed on stderr, and its HTML pages by name."""

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
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


def _build(src: Path, out: Path, *options: str, builder: str = "html") -> Build:
    stderr = io.StringIO()
    sphinx.locale.translators.clear()  # Sphinx keeps loaded catalogues in the process; its own tests clear them too
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        status = build_main(["-q", "--no-color", "-b", builder, *options, str(src), str(out)])
    pages = {path.stem: path.read_text(encoding="utf-8") for path in out.glob("*.html")}
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
    }


def _write_po(src: Path, lang: str, pages: dict[str, dict[str, str]]) -> None:
    """One gettext catalogue per page under the project's locale folder, as translators keep them."""
    folder = src / "locale" / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for page, translations in pages.items():
        catalog = Catalog(locale=lang)
        for msgid, msgstr in translations.items():
            catalog.add(msgid, msgstr)
        with (folder / f"{page}.po").open("wb") as file:
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
    """The sources of a three-page project over the real catalogue, with the situation files of its findings page."""
    pages = {"index": INDEX, "steps": _steps_page(catalogue), "findings": FINDINGS}
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
    for path in sorted((build.src.parent / "gettext").glob("*.pot")):
        with path.open("rb") as file:
            templates[path.stem] = [str(message.id) for message in read_po(file) if message.id]
    return templates


@pytest.fixture(scope="module")
def unknown(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project with an unknown id in the directive and in the role, built without -W."""
    src = _project(tmp_path_factory.mktemp("unknown"), {"index": UNKNOWN}, RUNBOOK)
    return _build(src, src.parent / "out")


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
    """A project that uses every step, the role and two checklists builds cleanly with -W -n."""
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
        '<button type="button" class="cutover-copy" hidden aria-label="Link kopieren (Schritt mail-no-platform-account)"'
        ' data-copied="Link kopiert" data-failed="Kopieren ging nicht. Der Link lautet">Link kopieren</button> '
        '<span class="cutover-badge cutover-kind-rule">Regel ab jetzt</span> '
        '<span class="cutover-badge cutover-applies-variant-a">Nur in Variante a</span></p>'
    )
    assert expected in german.pages["steps"]


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
        '<ul class="simple">\n<li><p><strong>BLOCKER</strong> <code class="docutils literal notranslate">'
        f'<span class="pre">platform-account-in-variant-a</span></code>: {html.escape(message, quote=False)}\n'
        "Betrifft: Mail-Aktivitäten in der Plattform.\n"
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
        "Affects: Mail activities in the platform.\n"
        'Steps: <a class="reference internal" href="steps.html#mail-no-platform-account"><span class="std std-ref">'
        f'{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account</span></p></li>\n</ul>\n'
    )
    condition = _smart(catalogue["mail-no-platform-account"].applies.label.en)
    expected = ([finding, "<p>No duplicate risk found.</p>\n"], True)
    found = (
        _findings(english.pages["findings"]),
        f'{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account</span> · '
        f"<em>{condition}</em></p></li>" in english.pages["index"],
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
        [
            f"{src / 'index.md'}:3: ERROR: {src / 'nope.toml'}: cannot read: No such file or directory "
            "[cutover.situation]"
        ],
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
        f"ERROR: invalid step catalogue: {runbook / 'steps.toml'}: cannot read: No such file or directory "
        "[cutover.catalogue]"
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


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
    assert [str(RUNBOOK / "steps.toml"), str(RUNBOOK / "statements.toml")] == noted


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
    app = _app(env=env, statuscode=0)
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

    Two settings, five directives, the untranslated-text check, the stylesheet, the script, ten event handlers.
    """
    registered: list[object] = []
    sphinxext.setup(_recording_app(registered))
    expected = [
        "cutover_runbook",
        "cutover_source_language",
        "step",
        "checklist",
        "findings",
        "step-index",
        "symptoms",
        "step",
        sphinxext.UntranslatedText,
        "cutover.css",
        "cutover.js",
        "config-inited",
        "builder-inited",
        "html-page-context",
        "env-merge-info",
        "env-purge-doc",
        "env-check-consistency",
        "doctree-resolved",
        "html-collect-pages",
        "build-finished",
        "build-finished",
    ]
    assert expected == registered


def test_config_inited_adds_the_layout_with_the_language_switch() -> None:
    """The extension's template folder, with its layout.html, is added after the project's own templates."""
    config = SimpleNamespace(templates_path=["_templates"])
    sphinxext._config_inited(_app(), config)
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
