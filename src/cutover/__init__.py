"""Helpers for the FLOWFACT Performer to FLOWFACT-Plattform cutover runbook: catalogue, ordering, duplicate checks."""

import os
import sys

from cutover import editions as _editions
from cutover import words as _words
from cutover.errors import SHOWN_PROBLEMS
from cutover.messages import Message, language_of


def _stop_on_broken_data() -> None:
    """The package's own data files first: a broken editions.toml or words.toml is one located line each, exit 2.

    Every module reads them when it is imported, so without this a broken file would end any command, the Sphinx
    build and the tests in a traceback at the first import.
    """
    lang = "de"  # the source language, while the editions themselves cannot be read
    try:
        _editions.editions()
        lang = language_of(dict(os.environ))
        _words.words()
    except _editions.EditionsError as error:
        lines = str(error).splitlines()
    except _words.WordsError as error:
        lines = error.lines(lang)
    else:
        return
    shown = lines[:SHOWN_PROBLEMS]
    if len(lines) > len(shown):
        shown.append(Message("… and {count} more", count=len(lines) - len(shown)).text(lang))
    sys.stderr.write("\n".join(shown) + "\n")
    raise SystemExit(2)


_stop_on_broken_data()

from cutover.catalogue import (
    LANGUAGES,
    PUBLISHED,
    Answers,
    Applies,
    Area,
    Catalogue,
    Kind,
    Lang,
    MailVariant,
    Moment,
    Span,
    Step,
    Text,
    load_catalogue,
    read_catalogue,
)
from cutover.duplicates import (
    CHECKS,
    Case,
    Check,
    Damage,
    Finding,
    Severity,
    Situation,
    Symptom,
    findings_in,
    load_situation,
    symptoms,
)
from cutover.errors import CatalogueError, CutoverError, Problem, SituationError, UnknownStepError
from cutover.mail import (
    PLATFORM_SENDS_MAIL,
    Readiness,
    platform_accounts_allowed,
    platform_accounts_required,
    readiness,
)
from cutover.ordering import (
    OrderReport,
    TooEarly,
    check_order,
    follows,
    prerequisites,
    requires,
    steps_in_order,
    steps_with_prerequisites,
)
from cutover.render import render_checklist, render_findings

__all__ = [
    "CHECKS",
    "LANGUAGES",
    "PLATFORM_SENDS_MAIL",
    "PUBLISHED",
    "Answers",
    "Applies",
    "Area",
    "Case",
    "Catalogue",
    "CatalogueError",
    "Check",
    "CutoverError",
    "Damage",
    "Finding",
    "Kind",
    "Lang",
    "MailVariant",
    "Moment",
    "OrderReport",
    "Problem",
    "Readiness",
    "Severity",
    "Situation",
    "SituationError",
    "Span",
    "Step",
    "Symptom",
    "Text",
    "TooEarly",
    "UnknownStepError",
    "check_order",
    "findings_in",
    "follows",
    "load_catalogue",
    "load_situation",
    "platform_accounts_allowed",
    "platform_accounts_required",
    "prerequisites",
    "read_catalogue",
    "readiness",
    "render_checklist",
    "render_findings",
    "requires",
    "steps_in_order",
    "steps_with_prerequisites",
    "symptoms",
]
