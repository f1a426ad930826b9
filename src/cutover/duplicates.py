"""Duplicate checks: from a description of a customer's situation to findings, each naming the damage and the fix.

The checks themselves, with the words they say and the damage they name, are in ``cutover.checks``; they are
imported here too, so that ``from cutover.duplicates import CHECKS`` keeps working.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from cutover._toml import read_toml
from cutover.catalogue import MailVariant
from cutover.checks import CHECKS, Case, Check, Damage, Example, Finding, Severity
from cutover.errors import Problem, SituationError
from cutover.messages import Message, shown
from cutover.words import word

__all__ = [
    "CHECKS",
    "Case",
    "Check",
    "Damage",
    "Example",
    "Finding",
    "Severity",
    "Situation",
    "Symptom",
    "example_situation",
    "findings_in",
    "load_situation",
    "symptoms",
]


@dataclass(frozen=True, slots=True)
class Situation:
    """Where a customer stands; the defaults describe the transition before any step, when nothing is wrong yet."""

    mail_variant: MailVariant = field(
        default=MailVariant.A,
        metadata={"help": word("situation.mail_variant")},
    )
    mail_sent_from_performer: bool = field(
        default=False,
        metadata={"help": word("situation.mail_sent_from_performer")},
    )
    work_in_performer: bool = field(
        default=True,
        metadata={"help": word("situation.work_in_performer")},
    )
    exporter_running: bool = field(default=True, metadata={"help": word("situation.exporter_running")})
    performer_mail_service_running: bool = field(
        default=True,
        metadata={"help": word("situation.performer_mail_service_running")},
    )
    platform_mail_accounts: bool = field(
        default=False,
        metadata={"help": word("situation.platform_mail_accounts")},
    )
    inbox_emptied: bool = field(
        default=False,
        metadata={"help": word("situation.inbox_emptied")},
    )
    contact_sync: bool = field(default=False, metadata={"help": word("situation.contact_sync")})
    address_book_empty: bool = field(
        default=False,
        metadata={"help": word("situation.address_book_empty")},
    )
    calendar_sync: bool = field(default=False, metadata={"help": word("situation.calendar_sync")})
    performer_listings_online: bool = field(
        default=True,
        metadata={"help": word("situation.performer_listings_online")},
    )
    platform_portals_active: bool = field(
        default=False,
        metadata={"help": word("situation.platform_portals_active")},
    )
    performer_transfer_possible: bool = field(
        default=True,
        metadata={"help": word("situation.performer_transfer_possible")},
    )


@dataclass(frozen=True, slots=True)
class Symptom:
    """Damage as a customer reports it, the checks that land it there, and the steps that prevent it."""

    damage: Damage
    checks: tuple[Check, ...]

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step of these checks, once, in the order the checks name them."""
        return tuple(dict.fromkeys(step for c in self.checks for step in c.steps))


def symptoms() -> tuple[Symptom, ...]:
    """Every kind of damage, in the order of ``Damage``, with the checks of ``CHECKS`` that land there."""
    return tuple(Symptom(damage, tuple(c for c in CHECKS if damage in c.lands)) for damage in Damage)


def findings_in(situation: Situation) -> tuple[Finding, ...]:
    """Every finding for this situation, blockers first, each group in the order of ``CHECKS``."""
    found = [c.finding(situation) for c in CHECKS if c.fires(situation)]
    return tuple(sorted(found, key=lambda f: f.severity is not Severity.BLOCKER))


def example_situation(example: Example) -> Situation:
    """The situation an example of a check or a case describes: the defaults, changed where the example says."""
    # An example is checked by the tests (known fields, values of their type), not by mypy: its values are a union.
    return dataclasses.replace(Situation(), **example)  # type: ignore[arg-type]


_FIELDS = {f.name: f for f in dataclasses.fields(Situation)}


def load_situation(path: Path) -> Situation:
    """Read a situation TOML file; raise one error listing every unknown key, wrong type or bad value."""
    name = str(path)
    read = read_toml(path, name)
    if isinstance(read, Problem):
        raise SituationError([read])
    data, lines = read
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        line = lines.line(key)
        if key not in _FIELDS:
            close = difflib.get_close_matches(key, _FIELDS, n=1) if len(key) <= _LONGEST_KEY else []
            if close:
                message = Message("unknown key (did you mean {key}?)", key=shown(close[0]))
            else:
                message = Message(
                    "unknown key (the allowed keys are listed on the page “Rules for the service desk and "
                    "developers” under “The fields of a situation file”)"
                )
            problems.append(Problem(name, line, key, message))
        elif key == "mail_variant":
            if value in ("a", "b"):
                values[key] = MailVariant(value)
            else:
                problems.append(
                    Problem(name, line, key, Message('must be "a" or "b", not {value}', value=shown(value)))
                )
        elif isinstance(value, bool):
            values[key] = value
        else:
            problems.append(Problem(name, line, key, Message("must be true or false, not {value}", value=shown(value))))
    if problems:
        raise SituationError(problems)
    return Situation(**values)  # type: ignore[arg-type]  # keys and types checked above


_LONGEST_KEY = 60  # a key longer than any field's name is no typo of one; comparing it would only cost time
