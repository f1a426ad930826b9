"""The published site's address, printed in the PDFs: from the settings, checked, settled once per build."""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from cutover.errors import CatalogueError, Problem
from cutover.links import BaseURLError, address_problem, base_url, is_local
from cutover.sphinxext.catalogue_access import runbook_of

__all__ = ["setup_site_address"]


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


def _settle_printed_address(app: Sphinx, config: Any) -> None:
    """A setting of its own, so that a new address rebuilds the pages that print it, like any changed setting."""
    config.cutover_printed_address = _site_address(config, app.srcdir)[0]


def setup_site_address(app: Sphinx) -> None:
    """The address setting, and the address printed that is settled from it."""
    # The published site's address, printed in the PDFs: this, else the command line's (links.base_url).
    app.add_config_value("cutover_base_url", "", "env", types=frozenset({str}))
    app.add_config_value("cutover_printed_address", "", "env", types=frozenset({str}))  # set from it, at config-inited
    app.connect("config-inited", _settle_printed_address)
