"""Build errors: every problem said where it is, and the build failed on any of them, with ``-W`` or without."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

from cutover.errors import SHOWN_PROBLEMS, Problem
from cutover.messages import Message, visible
from cutover.sphinxext.catalogue_access import _read
from cutover.sphinxext.domain import domain_of
from cutover.sphinxext.site_address import _site_address

__all__ = ["setup_build_errors"]

logger = logging.getLogger(__name__)


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


def _report_problems(app: Sphinx) -> None:
    """Report every problem of the site address and of the catalogue before any page is read."""
    _log_problems("invalid site address: %s", _site_address(app.config, app.srcdir)[1], "base-url")
    _log_problems("invalid step catalogue: %s", _read(app.env)[1], "catalogue")


def _failed(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        app.statuscode = 1


def _fail_on_build_errors(app: Sphinx, exception: Exception | None) -> None:
    """Fail the build on an unknown step id, a bad situation file, an invalid catalogue or site address, -W or not."""
    if exception is None and (
        domain_of(app.env).build_errors or _read(app.env)[1] or _site_address(app.config, app.srcdir)[1]
    ):
        app.statuscode = 1


def setup_build_errors(app: Sphinx) -> None:
    """Report the problems known before the pages are read; fail the build once it has found any."""
    app.connect("builder-inited", _report_problems)
    app.connect("build-finished", _fail_on_build_errors)
