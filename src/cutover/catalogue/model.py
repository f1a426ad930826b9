"""The catalogue's model: the steps, what they say about themselves, and the catalogue that looks them up by id."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from cutover.editions import codes
from cutover.errors import UnknownStepError
from cutover.words import Text, word

__all__ = [
    "LANGUAGES",
    "RECOMMENDED",
    "SWITCH",
    "Answers",
    "Applies",
    "Area",
    "Catalogue",
    "Kind",
    "Lang",
    "MailVariant",
    "Moment",
    "Span",
    "Step",
    "Text",
    "Worded",
    "span_json",
]

Lang = str
"""A language code of an edition (``src/cutover/editions.toml``): ``de``, ``en``."""
LANGUAGES: tuple[Lang, ...] = codes()
"""The editions' languages, the source language (German) first."""


class Worded(StrEnum):
    """An enumeration readers see by name: a member's words are ``<enum>.<value>`` in the words table."""

    @property
    def label(self) -> Text:
        """The member's name for readers, e.g. ``area.lead``: "Führendes System" / "Primary system"."""
        return word(f"{type(self).__name__.lower()}.{self.value}")


class Area(Worded):
    """Where in the switch a step belongs; also the prefix of its id."""

    LEAD = "lead"
    PORTAL = "portal"
    MAIL = "mail"
    CONTACTS = "contacts"
    CALENDAR = "calendar"


class Kind(Worded):
    """What the customer does with a step."""

    ACTION = "action"
    CHECK = "check"
    RULE = "rule"


class Applies(Worded):
    """When a step is part of a customer's plan."""

    ALWAYS = "always"
    VARIANT_A = "variant-a"
    VARIANT_B = "variant-b"
    CONTACT_SYNC = "contact-sync"
    CALENDAR_SYNC = "calendar-sync"


class Moment(StrEnum):
    """The two ends of a rule's span: the step from which it holds, and the step at which it ends."""

    FROM = "from"
    UNTIL = "until"


class MailVariant(StrEnum):
    """S13: (a) mail reaches the platform through the Exporter; (b) mail accounts live in the platform now."""

    A = "a"
    B = "b"


@dataclass(frozen=True, slots=True)
class Answers:
    """A customer's answers to the questions that tailor the plan."""

    variant: MailVariant = MailVariant.A
    contact_sync: bool = False
    calendar_sync: bool = False

    @classmethod
    def every(cls) -> tuple[Answers, ...]:
        """Every combination of answers, variant a first."""
        return tuple(
            cls(variant, contacts, calendar)
            for variant, contacts, calendar in itertools.product(MailVariant, (False, True), (False, True))
        )


@dataclass(frozen=True, slots=True)
class Span:
    """When a rule holds: from a step (None: from the rule's own place in the plan) until a step (None: for good)."""

    start: str | None = None
    until: str | None = None
    words: Text | None = None
    """How the rule's badge names the span ("bis zum Stopp des ExporterV2"), from the steps at its ends."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the runbook, exactly as the catalogue declares it."""

    id: str
    area: Area
    kind: Kind
    applies: Applies
    title: Text
    why: Text
    after: tuple[str, ...] = ()
    after_a: tuple[str, ...] = ()
    after_b: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    line: int = 0
    aliases: tuple[str, ...] = ()
    recommended: bool = False
    """The source recommends the step rather than requiring it; it keeps its place, but nothing waits for it."""
    span: Span | None = None
    """For a rule: when it holds. None for every other kind."""
    switch: bool = False
    """The moment of the switch: before this step Performer leads, from it the platform does."""
    moments: tuple[tuple[Moment, Text], ...] = ()
    """How a rule's badge names this step where a rule starts or ends at it ("bis zum Stopp des ExporterV2")."""

    @property
    def kind_label(self) -> Text:
        """The badge of what the customer does with the step; a rule's names its span ("Regel bis zum Stopp ...")."""
        if self.span is None:
            return self.kind.label
        words = self.span.words or _FOR_GOOD
        return Text.join(" ", self.kind.label, words)

    def moment(self, end: Moment) -> Text | None:
        """How a rule's badge names this step as that end of its span; None if the catalogue gives no words."""
        return dict(self.moments).get(end)

    def applies_to(self, answers: Answers) -> bool:
        """Whether the step belongs to the plan for these answers."""
        return {
            Applies.ALWAYS: True,
            Applies.VARIANT_A: answers.variant is MailVariant.A,
            Applies.VARIANT_B: answers.variant is MailVariant.B,
            Applies.CONTACT_SYNC: answers.contact_sync,
            Applies.CALENDAR_SYNC: answers.calendar_sync,
        }[self.applies]

    def prerequisites(self, variant: MailVariant) -> tuple[str, ...]:
        """The steps that must be done before this one in the given mail variant."""
        return self.after + (self.after_a if variant is MailVariant.A else self.after_b)


@dataclass(frozen=True)
class Catalogue:
    """All steps in catalogue order, the source statements they carry, and every id ever published."""

    steps: tuple[Step, ...]
    statements: Mapping[str, str]
    source: Path
    published: tuple[str, ...] = ()
    _by_id: dict[str, Step] = field(init=False, repr=False, compare=False)
    _by_alias: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {step.id: step for step in self.steps})
        object.__setattr__(self, "_by_alias", {alias: step for step in self.steps for alias in step.aliases})

    def __getitem__(self, step_id: str) -> Step:
        try:
            return self._by_id[step_id]
        except KeyError:
            raise UnknownStepError(step_id, list(self._by_id)) from None

    def __contains__(self, step_id: object) -> bool:
        return step_id in self._by_id

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every step id, in catalogue order."""
        return tuple(self._by_id)

    @property
    def aliases(self) -> Mapping[str, str]:
        """Every retired id, with the id of the step that took its place."""
        return {alias: step.id for alias, step in self._by_alias.items()}

    @property
    def switch(self) -> Step:
        """The moment of the switch (the loader checks that exactly one step is it)."""
        return next(step for step in self.steps if step.switch)

    def resolve(self, step_id: str) -> Step:
        """The step with this id, or the step that took the place of this retired id."""
        if step_id in self._by_alias:
            return self._by_alias[step_id]
        try:
            return self[step_id]
        except UnknownStepError:
            raise UnknownStepError(step_id, [*self._by_id, *self._by_alias]) from None


RECOMMENDED = word("badge.recommended")
"""The badge of a step the source recommends rather than requires."""
SWITCH = word("badge.switch")
"""The badge of the step that is the moment of the switch."""
_FOR_GOOD = word("span.for-good")
"""A rule's span when it holds from its own place in the plan and never ends."""


def span_json(step: Step, lang: Lang | None = None) -> dict[str, Any] | None:
    """A rule's span for JSON: the ids it holds from and until (null: its own place; never), and its badge.

    The badge is in ``lang``, or in every language (keyed by language) when None. Null for every other kind.
    """
    if step.span is None:
        return None
    label = step.kind_label
    return {
        "from": step.span.start,
        "until": step.span.until,
        "label": label.get(lang) if lang is not None else {code: label.get(code) for code in LANGUAGES},
    }
