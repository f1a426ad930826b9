"""The planner: from a customer's answers to the plan made for them, with its risks and portal hints at each step."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from functools import cache

from cutover.catalogue.model import Answers, Catalogue, Step, Worded
from cutover.duplicates import CHECKS, Check, Situation
from cutover.mail import Readiness, readiness
from cutover.ordering import steps_with_prerequisites
from cutover.words import Text, word

__all__ = [
    "NOT_READY",
    "PORTAL_HINTS",
    "Choice",
    "PersonalPlan",
    "PlannedStep",
    "Portal",
    "PortalHint",
    "personal_plan",
    "risks",
]

NOT_READY = "performer"
"""The key of the answers that mean the customer cannot switch yet: mail is still sent from Performer (S18)."""


class Portal(Worded):
    """The portals the planner asks about, since S8 activates ImmobilienScout24 differently from the others."""

    IMMOBILIENSCOUT24 = "immobilienscout24"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class PortalHint:
    """A hint at one step for customers who use a portal; ``source`` names where an outside fact comes from."""

    portal: Portal
    step: str
    text: Text
    statements: tuple[str, ...] = ()
    source: Text | None = None


PORTAL_HINTS: tuple[PortalHint, ...] = (
    PortalHint(
        Portal.IMMOBILIENSCOUT24,
        "portal-deactivate-listings",
        word("hint.immobilienscout24.portal-deactivate-listings.text"),
        source=word("hint.immobilienscout24.portal-deactivate-listings.source"),
    ),
    PortalHint(
        Portal.IMMOBILIENSCOUT24,
        "portal-activate",
        word("hint.immobilienscout24.portal-activate.text"),
        ("S8",),
    ),
    PortalHint(
        Portal.OTHER,
        "portal-activate",
        word("hint.other.portal-activate.text"),
        ("S8",),
    ),
)


@dataclass(frozen=True, slots=True)
class Choice:
    """A customer's answers to the planner's questions; the defaults are the plan shown without JavaScript."""

    answers: Answers = field(default_factory=Answers)
    mail_sent_from_performer: bool = False
    portals: frozenset[Portal] = frozenset(Portal)

    @property
    def key(self) -> str:
        """The name of the plan these answers lead to, e.g. ``b-contacts-calendar``; the portals do not change it."""
        if self.mail_sent_from_performer:
            return NOT_READY
        parts = [self.answers.variant.value]
        parts += ["contacts"] if self.answers.contact_sync else []
        parts += ["calendar"] if self.answers.calendar_sync else []
        return "-".join(parts)

    @classmethod
    def every(cls) -> tuple[Choice, ...]:
        """One choice for every plan: every combination of answers, then the one that is not ready."""
        return (*(cls(answers) for answers in Answers.every()), cls(mail_sent_from_performer=True))


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A step of a plan: what must be done before it, the risks it guards against, the hints for the portals."""

    step: Step
    after: tuple[str, ...]
    risks: tuple[Check, ...]
    notes: tuple[PortalHint, ...]


@dataclass(frozen=True, slots=True)
class PersonalPlan:
    """The plan for a choice: its ordered steps, or, when the customer is not ready, why and what to read first."""

    choice: Choice
    readiness: Readiness
    steps: tuple[PlannedStep, ...]


_ANSWERED = {"mail_variant", "mail_sent_from_performer", "contact_sync", "calendar_sync"}
_OPEN = tuple(f.name for f in dataclasses.fields(Situation) if f.name not in _ANSWERED)


@cache
def risks(answers: Answers) -> tuple[Check, ...]:
    """The duplicate checks that can fire for a customer with these answers, in the order of ``CHECKS``.

    The answers fix part of the situation; every state of the rest (what is done, what still runs) is tried,
    so a check shows up exactly when some point of this customer's switch can trip it.
    """
    fired: set[str] = set()
    for values in itertools.product((False, True), repeat=len(_OPEN)):
        situation = Situation(
            mail_variant=answers.variant,
            contact_sync=answers.contact_sync,
            calendar_sync=answers.calendar_sync,
            **dict(zip(_OPEN, values, strict=True)),
        )
        fired.update(c.id for c in CHECKS if c.id not in fired and c.fires(situation))
    return tuple(c for c in CHECKS if c.id in fired)


def personal_plan(catalogue: Catalogue, choice: Choice) -> PersonalPlan:
    """The plan for these answers: each risk at the first of its steps in the plan, each portal hint at its step."""
    ready = readiness(mail_sent_from_performer=choice.mail_sent_from_performer)
    if not ready.ready:
        return PersonalPlan(choice, ready, ())
    steps = steps_with_prerequisites(catalogue, choice.answers)
    order = [step.id for step, _ in steps]
    placed: dict[str, list[Check]] = {}
    for risk in risks(choice.answers):
        first = next((step_id for step_id in order if step_id in risk.steps), None)
        if first is not None:  # a risk whose steps are all outside the plan has no place to be shown
            placed.setdefault(first, []).append(risk)
    return PersonalPlan(
        choice,
        ready,
        tuple(
            PlannedStep(
                step,
                after,
                tuple(placed.get(step.id, ())),
                tuple(n for n in PORTAL_HINTS if n.step == step.id and n.portal in choice.portals),
            )
            for step, after in steps
        ),
    )
