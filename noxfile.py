"""Every check and the site build: `nox` runs all checks, `nox -s docs-serve` builds and serves the site."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
SITE = ROOT / "build" / "site"
PDF = ROOT / "build" / "pdf"  # rinohtype's output per edition: the PDFs, and its cache and style log beside each
GETTEXT = ROOT / "build" / "gettext"
LOCALE = ROOT / "docs" / "locale"


def _editions_module() -> ModuleType:
    """``cutover.editions``, loaded by its path: nox's own Python has neither the package nor its dependencies."""
    spec = importlib.util.spec_from_file_location("cutover_editions", ROOT / "src" / "cutover" / "editions.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("src/cutover/editions.py is missing from this checkout")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


EDITIONS = _editions_module()
LANGUAGES: tuple[str, ...] = EDITIONS.codes()  # the source language first; each edition has a folder in build/site/


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session
def tests(session: nox.Session) -> None:
    """Catalogue validation, unit and content tests (100 % branch coverage of src/), every page's examples."""
    _install(session, "test")
    if session.posargs:
        session.run("pytest", *session.posargs)
        return
    # The catalogue first: a renamed or unlisted step id is named in one clear line, before any test trips on it.
    session.run("cutover", "validate")
    # Coverage comes from tests/ alone, so a page's example never stands in for a unit test;
    # the pages then run without the tracer, which would triple their time.
    session.run("pytest", "tests", "--cov", "--cov-report=term-missing:skip-covered")
    session.run("pytest", "docs")


def _build(session: nox.Session) -> None:
    pdfs: list[tuple[str, subprocess.Popen[bytes]]] = []
    for lang in LANGUAGES:
        doctrees = ROOT / "build" / "doctrees" / lang
        session.run(
            "sphinx-build", "-W", "-n", "--keep-going", "-q", "-b", "html",
            "-D", f"language={lang}", "-d", str(doctrees), "docs", str(SITE / lang), *session.posargs,
        )  # fmt: skip
        # The edition's PDF checklists, from the pages just read. Only the PDFs go beside the pages, which link
        # pdf/<name>.pdf; rinohtype's cache (it saves a second rendering pass) and its style log stay in build/pdf/.
        for old in (*(PDF / lang).glob("*.pdf"), *(SITE / lang / "pdf").glob("*.pdf")):
            old.unlink()  # no PDF of an earlier checklist is left to copy or to serve
        # rinohtype lays pages out in pure Python; built beside the next edition's pages, most of its time is hidden.
        # Its output (a licence banner, a progress bar) is shown only if it fails.
        command = [
            str(Path(session.bin) / "sphinx-build"),
            *EDITIONS.pdf_arguments(ROOT / "docs", lang, PDF / lang, doctrees),
        ]
        pdfs.append((lang, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))  # noqa: S603
        session.log(f"building the {lang} PDF checklists in the background: {' '.join(command[1:])}")
    for lang, process in pdfs:
        output, _ = process.communicate()
        if process.returncode:
            session.error(f"the {lang} PDF checklists failed (exit {process.returncode}):\n{output.decode()}")
        (SITE / lang / "pdf").mkdir(parents=True, exist_ok=True)
        for pdf in (PDF / lang).glob("*.pdf"):
            shutil.copy(pdf, SITE / lang / "pdf")
    # The root page offers every edition of src/cutover/editions.toml (and picks one with a script, for comfort).
    (SITE / "index.html").write_text(EDITIONS.root_page(EDITIONS.editions()), encoding="utf-8")
    # One 404 page at the root, in every edition's words, for any address the site does not have (static hosts).
    session.run("python", "-m", "cutover.notfound", str(SITE / "404.html"))


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site with every warning an error into build/site/<language>/, each checklist also as PDF."""
    _install(session, "pdf")
    _build(session)


@nox.session(name="docs-serve", default=False)
def docs_serve(session: nox.Session) -> None:
    """Build the site, then serve it on http://127.0.0.1:8000 until Ctrl+C."""
    _install(session, "pdf")
    _build(session)
    session.log("Serving the runbook on http://127.0.0.1:8000/ (Ctrl+C stops)")
    session.run("python", "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(SITE))


@nox.session(default=False)
def preview(session: nox.Session) -> None:
    """For authors: serve one edition and rebuild it on every change, reloading the browser (sphinx-autobuild).

    `nox -s preview` shows the German edition on http://127.0.0.1:8000/, `nox -s preview -- en` the English one;
    a change to a page, a .po catalogue, the step catalogue or the package rebuilds it. No PDFs: `nox -s docs`.
    """
    lang = session.posargs[0] if session.posargs else LANGUAGES[0]
    if lang not in LANGUAGES:
        session.error(f"no edition {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _install(session, "preview")
    session.run(
        "sphinx-autobuild", "-n", "-q", "-b", "html", "-D", f"language={lang}",
        "-d", str(ROOT / "build" / "preview" / "doctrees" / lang),
        "--watch", str(ROOT / "runbook"), "--watch", str(ROOT / "src" / "cutover"),
        "--host", "127.0.0.1", "--port", "8000",
        "docs", str(ROOT / "build" / "preview" / lang),
    )  # fmt: skip


def _gettext(session: nox.Session) -> None:
    """What the German pages say now, one message template (.pot) per page."""
    session.run(
        "sphinx-build", "-W", "-q", "-b", "gettext", "-d", str(ROOT / "build" / "doctrees" / "gettext"),
        "docs", str(GETTEXT),
    )  # fmt: skip


@nox.session
def translations(session: nox.Session) -> None:
    """Fail on any message of the pages that has no reviewed translation (missing, untranslated or fuzzy)."""
    _install(session)
    _gettext(session)
    for lang in LANGUAGES[1:]:
        session.run("cutover", "translations", "--templates", str(GETTEXT), "--locale", str(LOCALE), "--to", lang)


@nox.session(name="translations-update", default=False)
def translations_update(session: nox.Session) -> None:
    """For translators: extract the German messages and merge them into docs/locale/<lang>/LC_MESSAGES/*.po."""
    _install(session, "i18n")
    _gettext(session)
    for lang in LANGUAGES[1:]:
        session.run("sphinx-intl", "update", "-p", str(GETTEXT), "-d", str(LOCALE), "-l", lang)
    session.log("Now translate every empty msgstr, review every '#, fuzzy' entry and drop its flag; then run nox.")


def _chromium(session: nox.Session) -> str:
    """Debian's Chromium (or $CUTOVER_CHROMIUM); installed on a Debian machine where we may, else a clear error."""
    found = os.environ.get("CUTOVER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        session.run("bash", str(ROOT / ".ci" / "install-chromium"), external=True)
        found = shutil.which("chromium")
    if not found:
        session.error(
            "the browser session needs Chromium and found none. Install Debian's package (sudo apt-get install "
            "chromium), or set CUTOVER_CHROMIUM to a Chromium or Chrome binary."
        )
    return str(found)


@nox.session(requires=["docs"])
def browser(session: nox.Session) -> None:
    """Headless Chromium through both built editions: pages, step ids, language switch, no outside requests."""
    chromium = _chromium(session)
    _install(session, "browser")
    session.run("pytest", "e2e", *session.posargs, env={"CUTOVER_CHROMIUM": chromium, "CUTOVER_SITE": str(SITE)})


@nox.session(name="print-preview", requires=["docs"], default=False)
def print_preview(session: nox.Session) -> None:
    """Print the planner and checklist pages of each edition as Chromium does: A4 PDFs and PNGs in build/print/."""
    chromium = _chromium(session)
    _install(session, "browser")
    out = ROOT / "build" / "print"
    session.run("python", "-m", "e2e.print_preview", str(SITE), str(out), env={"CUTOVER_CHROMIUM": chromium})


@nox.session
def wheel(session: nox.Session) -> None:
    """The command line as the service desk installs it: the built wheel in a fresh environment, run elsewhere."""
    session.install("uv")  # the session's own, so this works whichever backend nox chose
    tmp = Path(session.create_tmp()).resolve()
    for old in tmp.glob("*.whl"):
        old.unlink()
    session.run("uv", "build", "--quiet", "--wheel", "--out-dir", str(tmp), str(ROOT))
    venv = tmp / "fresh"
    session.run("uv", "venv", "--quiet", "--clear", "--python", str(Path(session.bin) / "python"), str(venv))
    session.run(
        "uv", "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), *map(str, tmp.glob("*.whl"))
    )
    cutover = str(venv / "bin" / "cutover")
    outside = {"CUTOVER_RUNBOOK": "", "CUTOVER_BASE_URL": ""}  # the catalogue and address that come with the wheel
    with session.chdir(tmp):  # another folder: the installed tool must not need this checkout
        session.run(cutover, "validate", env=outside, external=True)
        checklist = session.run(cutover, "steps", "--variant", "a", env=outside, external=True, silent=True)
    if not str(checklist).startswith("Checkliste: Mail-Variante a"):
        session.error(f"the installed cutover printed no checklist:\n{checklist}")


@nox.session(name="third-edition", default=False)
def third_edition(session: nox.Session) -> None:
    """Adding an edition is data only: a copy with a French edition of data alone passes every test and builds."""
    copy = ROOT / "build" / "third-edition"
    shutil.rmtree(copy, ignore_errors=True)
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S607
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():  # a file deleted but not yet committed is not copied
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    session.run("python", str(copy / "tests" / "third_edition.py"), str(copy))
    session.install("-e", str(copy), *nox.project.dependency_groups(PYPROJECT, "test"))
    with session.chdir(copy):
        session.run("cutover", "validate")
        session.run("pytest", "-q", "tests", "docs")
        session.run("sphinx-build", "-W", "-n", "-q", "-b", "html", "-D", "language=fr", "docs", "build/site/fr")


@nox.session(default=False)
def mutations(session: nox.Session) -> None:
    """The mutation gate: each change of tests/mutations.toml, in a scratch copy, must fail a check of meaning."""
    _install(session, "test")
    session.run("python", "tests/mutations.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Mypy in strict mode over the package, the tests and the configuration."""
    _install(session, "typecheck")
    session.run("mypy", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure helper speed, site build time and page weight; compare before and after a change."""
    _install(session, "pdf")
    session.run("python", "benchmarks/bench.py")
