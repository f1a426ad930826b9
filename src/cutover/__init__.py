"""Helpers for the FLOWFACT Performer to FLOWFACT-Plattform cutover runbook: catalogue, ordering, duplicate checks."""

from cutover.catalogue import (
    LANGUAGES,
    Answers,
    Applies,
    Area,
    Catalogue,
    Kind,
    Lang,
    MailVariant,
    Step,
    Text,
    load_catalogue,
)
from cutover.duplicates import CHECKS, Check, Damage, Finding, Severity, Situation, check, load_situation
from cutover.errors import CatalogueError, CutoverError, Problem, SituationError, UnknownStepError
from cutover.mail import (
    PLATFORM_SENDS_MAIL,
    Readiness,
    platform_accounts_allowed,
    platform_accounts_required,
    readiness,
    stop_performer_service_first,
)
from cutover.ordering import OrderReport, TooEarly, check_order, plan, prerequisites, requires
from cutover.render import render_checklist, render_findings

__all__ = [
    "CHECKS",
    "LANGUAGES",
    "PLATFORM_SENDS_MAIL",
    "Answers",
    "Applies",
    "Area",
    "Catalogue",
    "CatalogueError",
    "Check",
    "CutoverError",
    "Damage",
    "Finding",
    "Kind",
    "Lang",
    "MailVariant",
    "OrderReport",
    "Problem",
    "Readiness",
    "Severity",
    "Situation",
    "SituationError",
    "Step",
    "Text",
    "TooEarly",
    "UnknownStepError",
    "check",
    "check_order",
    "load_catalogue",
    "load_situation",
    "plan",
    "platform_accounts_allowed",
    "platform_accounts_required",
    "prerequisites",
    "readiness",
    "render_checklist",
    "render_findings",
    "requires",
    "stop_performer_service_first",
]
