"""Loading a catalogue: read the runbook's files once, run every check over them, and build the catalogue."""

from __future__ import annotations

import os
from pathlib import Path

from cutover.catalogue.checks import STEP_CHECKS, check_carried, check_statements, with_span_words
from cutover.catalogue.model import Catalogue, Step
from cutover.catalogue.published import check_published
from cutover.catalogue.source import read_source
from cutover.catalogue.steps import read_steps, step_tables
from cutover.errors import CatalogueError, Problem

__all__ = ["default_runbook", "load_catalogue", "read_catalogue"]


def default_runbook() -> Path:
    """The step catalogue to use: $CUTOVER_RUNBOOK if set, else the one installed with the package, else runbook/.

    The runbook/ folder of this checkout serves an editable install, which has no copy of its own beside the code.
    """
    env = os.environ.get("CUTOVER_RUNBOOK", "").strip()
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # src/cutover, this module being in src/cutover/catalogue
    installed = package / "runbook"
    return installed if installed.is_dir() else package.parents[1] / "runbook"


def load_catalogue(runbook: Path | None = None) -> Catalogue:
    """Load and validate ``steps.toml`` and ``statements.toml``; raise one error listing every problem."""
    catalogue, problems = read_catalogue(runbook)
    if problems:
        raise CatalogueError(problems)
    return catalogue


def read_catalogue(runbook: Path | None = None) -> tuple[Catalogue, tuple[Problem, ...]]:
    """Every step that could be read, and every problem found; for tools that report problems their own way.

    Every check runs, whatever the others find, so that one run names every problem; they are reported in the order
    of the files (statements, steps, published ids) and, within steps.toml, table by table before the checks across
    the steps.
    """
    folder = default_runbook() if runbook is None else runbook
    source = read_source(folder)
    statements, problems = check_statements(source.statements)
    tables, found = step_tables(source.steps)
    problems += found
    steps: tuple[Step, ...] = ()
    if tables is not None:
        steps, found = read_steps(tables, None if statements is None else statements.texts)
        problems += found
        for check in STEP_CHECKS:
            problems += check(tables, steps)
        problems += check_carried(tables, statements)
    published, found = check_published(source.published, source.published_name, tables)
    problems += found
    texts = {} if statements is None else statements.texts
    return Catalogue(with_span_words(steps), texts, folder, published), problems
