"""Every check and the site build: `nox` runs all checks, `nox -s docs-serve` builds and serves the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
SITE = ROOT / "build" / "site"
LANGUAGES = ("de",)  # the source language first; each gets its own folder under build/site/


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session
def tests(session: nox.Session) -> None:
    """Unit and content tests with 100 % branch coverage of src/, then every page's examples (Sybil)."""
    _install(session, "test")
    if session.posargs:
        session.run("pytest", *session.posargs)
        return
    # Coverage comes from tests/ alone, so a page's example never stands in for a unit test;
    # the pages then run without the tracer, which would triple their time.
    session.run("pytest", "tests", "--cov", "--cov-report=term-missing:skip-covered")
    session.run("pytest", "docs")


def _build(session: nox.Session) -> None:
    for lang in LANGUAGES:
        session.run(
            "sphinx-build", "-W", "-n", "--keep-going", "-q", "-b", "html",
            "-D", f"language={lang}", "-d", str(ROOT / "build" / "doctrees" / lang),
            "docs", str(SITE / lang), *session.posargs,
        )  # fmt: skip
    shutil.copy(ROOT / "docs" / "_root" / "index.html", SITE / "index.html")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site with every warning an error into build/site/<language>/."""
    _install(session)
    _build(session)


@nox.session(name="docs-serve", default=False)
def docs_serve(session: nox.Session) -> None:
    """Build the site, then serve it on http://127.0.0.1:8000 until Ctrl+C."""
    _install(session)
    _build(session)
    session.log("Serving the runbook on http://127.0.0.1:8000/ (Ctrl+C stops)")
    session.run("python", "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(SITE))


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
    _install(session)
    session.run("python", "benchmarks/bench.py")
