"""The catalogue a build reads: found from the settings, read once per change, its steps looked up for the pages."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging

from cutover.catalogue import PUBLISHED, Catalogue, Lang, Step, default_runbook, read_catalogue
from cutover.editions import EditionsError, build_edition, codes
from cutover.errors import Problem, UnknownStepError
from cutover.sphinxext.domain import domain_of
from cutover.words import words_of

__all__ = ["runbook_of", "setup_catalogue_access"]

logger = logging.getLogger(__name__)

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
    """The edition of a build language (``en_GB`` builds ``en``); a language no edition declares is an error."""
    return build_edition(language).code


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
    domain_of(env).note_build_error(env.docname, step_id)
    return None


def catalogue_in_edition(env: BuildEnvironment) -> tuple[Catalogue, Lang, dict[str, str]] | None:
    """For a directive that lists the catalogue: the valid catalogue, the build's edition and its site words."""
    catalogue = _valid_catalogue(env)
    if catalogue is None:
        return None
    lang = _lang(env)
    return catalogue, lang, words_of("site", lang)


def _valid_catalogue(env: BuildEnvironment) -> Catalogue | None:
    """The catalogue a page is generated from, or None if it has problems (each reported once, where it is)."""
    catalogue, problems = _read(env)
    _depend_on_catalogue(env, catalogue)
    return None if problems else catalogue


def _writes_html_of_a_valid_catalogue(app: Sphinx) -> bool:
    """Short links and steps.json are web pages of a catalogue that holds: no HTML, or problems, and there are none."""
    return app.builder.format == "html" and not _read(app.env)[1]


_PACKAGE = Path(__file__).parents[1]
_RENDERING = tuple(sorted(str(p) for p in (*_PACKAGE.rglob("*.py"), *(_PACKAGE / "templates").glob("*.j2"))))
"""The package's code (this extension's too) and templates: what a page made from the catalogue looks like depends
on them too."""


def _depend_on_catalogue(env: BuildEnvironment, catalogue: Catalogue) -> None:
    """Rebuild a page that uses the catalogue whenever the catalogue, or the code and templates that render it, change.

    Sphinx rebuilds a page only when its source or a noted file changes; without the package's files an edited
    template or rule would leave incremental builds (``nox -s docs`` keeps its doctrees) showing the old page.
    """
    for name in _FILES:
        env.note_dependency(str(catalogue.source / name))
    for path in _RENDERING:
        env.note_dependency(path)


def setup_catalogue_access(app: Sphinx) -> None:
    """The settings that choose the catalogue and the language the pages are written in."""
    app.add_config_value("cutover_runbook", "", "env", types=frozenset({str}))
    app.add_config_value("cutover_source_language", codes()[0], "env", types=frozenset({str}))
    app.connect("config-inited", _check_language)


def _check_language(app: Sphinx, config: Config) -> None:
    """A build in a language no edition declares stops here, naming editions.toml, instead of showing German."""
    try:
        _lang_of(config.language)
    except EditionsError as error:
        raise ConfigError(str(error)) from None
