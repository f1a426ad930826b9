"""Tiny Sphinx projects for the extension's tests: the pages they hold, and how they are built in-process."""

from __future__ import annotations

import contextlib
import html
import io
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple, cast

import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sphinx.application import Sphinx
from sphinx.cmd.build import build_main
from sphinx.environment import BuildEnvironment

from cutover.catalogue import Catalogue
from cutover.editions import codes
from cutover.sphinxext.domain import DOMAIN, CutoverDomain
from factories import FURTHER, SECOND

ROOT = Path(__file__).resolve().parents[2]


RUNBOOK = ROOT / "runbook"


SITUATIONS = ROOT / "tests" / "situations"
ROOTS = ROOT / "tests" / "roots"
"""The test pages, one folder per project: ``tests/roots/<name>/``."""
EDITIONS = codes()
"""The editions every test of an edition runs in, as editions.toml declares them."""


def _root_file(root: str, name: str) -> str:
    """A file of a test project as it is kept, ``tests/roots/<root>/<name>``."""
    return (ROOTS / root / name).read_text(encoding="utf-8")


FAILED_DE = "Der Link ließ sich nicht kopieren. Bitte kopieren Sie ihn von Hand"


INDEX = _root_file("site", "index.md")


FINDINGS = _root_file("site", "findings.md")


SYMPTOMS = _root_file("site", "symptome.md")


STEP_INDEX = _root_file("site", "verzeichnis/schritte.md")


TOO_EARLY = _root_file("site", "situations/too-early.toml")


UNKNOWN = _root_file("unknown", "index.md")


RENAMED_STEPS = _root_file("renamed-runbook", "steps.toml")


RENAMED_PUBLISHED = _root_file("renamed-runbook", "published-ids.txt")


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
        f"```{{cutover:step}} {this}\nKörper von {this}, weiter mit {{step}}`{then}`.\n```\n"
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
    """One gettext catalogue per page under the project's locale folder, as translators keep them.

    The English catalogues are also every further edition's (editions.toml), as ``every_edition`` gives each
    further edition the English texts: so a project translated into English builds in every edition.
    """
    for code in (lang, *FURTHER) if lang == SECOND else (lang,):
        folder = src / "locale" / code / "LC_MESSAGES"
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


def _smart(text: str) -> str:
    """A catalogue text as English HTML shows it: escaped, and with Sphinx's typographic apostrophes."""
    return html.escape(text, quote=False).replace("'", "\u2019")


SAMPLE_SYMPTOMS = _root_file("sample-symptoms", "index.md")


RENAMED_INDEX = _root_file("renamed", "index.md")


RENAMED = _root_file("renamed", "teil/umbenannt.md")


INVALID = _root_file("invalid", "index.md")


def _env(**attributes: object) -> BuildEnvironment:
    return cast("BuildEnvironment", SimpleNamespace(**attributes))


def _domain_env(build_errors: list[tuple[str, str]], **attributes: object) -> BuildEnvironment:
    """An environment whose ``cutover`` domain holds these build errors, as the pages' reading left them."""
    env = SimpleNamespace(domaindata={}, **attributes)
    domain = CutoverDomain(cast("BuildEnvironment", env))
    domain.build_errors.extend(build_errors)
    env.get_domain = {DOMAIN: domain}.__getitem__
    return cast("BuildEnvironment", env)


def _app(**attributes: object) -> Sphinx:
    return cast("Sphinx", SimpleNamespace(**attributes))


GERMAN_SPHINX = _root_file("worded", "locale/de/LC_MESSAGES/sphinx.po")


CHECKLIST = _root_file("printed", "index.md")
