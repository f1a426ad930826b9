"""Step ordering: the plan for a customer's answers, and a check of the order in which steps were done."""

from __future__ import annotations

import graphlib
import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from cutover.catalogue import Answers, Catalogue, MailVariant, Step

__all__ = ["OrderReport", "TooEarly", "check_order", "plan", "prerequisites", "requires"]


def prerequisites(catalogue: Catalogue, answers: Answers, step_id: str) -> tuple[str, ...]:
    """Every step of the plan that must be done before ``step_id``, in plan order.

    A prerequisite that does not apply to these answers is skipped, but what it waits for still counts,
    so no order the catalogue implies is lost by tailoring.
    """
    needed = _closure(catalogue, answers.variant, step_id)
    return tuple(step.id for step in plan(catalogue, answers) if step.id in needed)


def requires(catalogue: Catalogue, step_id: str, prerequisite: str, variant: MailVariant | None = None) -> bool:
    """Whether ``prerequisite`` must come before ``step_id``: in ``variant``, or in every variant when None."""
    catalogue[prerequisite]  # unknown ids raise rather than answer False
    variants = tuple(MailVariant) if variant is None else (variant,)
    return all(prerequisite in _closure(catalogue, v, step_id) for v in variants)


def plan(catalogue: Catalogue, answers: Answers) -> tuple[Step, ...]:
    """The steps that apply to these answers, dependencies first, ties broken by catalogue order."""
    applicable = [step for step in catalogue if step.applies_to(answers)]
    wanted = {step.id for step in applicable}
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for step in applicable:
        sorter.add(step.id, *(_direct(catalogue, answers.variant, step.id, wanted)))
    sorter.prepare()  # the loader has already refused cycles
    position = {step_id: index for index, step_id in enumerate(catalogue.ids)}
    ready = [(position[step_id], step_id) for step_id in sorter.get_ready()]
    heapq.heapify(ready)
    ordered: list[Step] = []
    while ready:
        _, step_id = heapq.heappop(ready)
        ordered.append(catalogue[step_id])
        sorter.done(step_id)
        for following in sorter.get_ready():
            heapq.heappush(ready, (position[following], following))
    return tuple(ordered)


@dataclass(frozen=True, slots=True)
class TooEarly:
    """A step done before all of its prerequisites."""

    step: str
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrderReport:
    """What is wrong with the order in which a customer did their steps, and what is still open."""

    too_early: tuple[TooEarly, ...]
    not_applicable: tuple[str, ...]
    open: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether every step done so far was done in a safe order."""
        return not self.too_early and not self.not_applicable


def check_order(catalogue: Catalogue, answers: Answers, done: Sequence[str]) -> OrderReport:
    """Check the steps a customer has done, in the order done, against the plan for their answers."""
    for step_id in done:
        catalogue[step_id]
    too_early: list[TooEarly] = []
    not_applicable: list[str] = []
    for index, step_id in enumerate(done):
        if not catalogue[step_id].applies_to(answers):
            not_applicable.append(step_id)
            continue
        earlier = set(done[:index])
        missing = tuple(p for p in prerequisites(catalogue, answers, step_id) if p not in earlier)
        if missing:
            too_early.append(TooEarly(step_id, missing))
    still_open = tuple(step.id for step in plan(catalogue, answers) if step.id not in done)
    return OrderReport(tuple(too_early), tuple(not_applicable), still_open)


def _closure(catalogue: Catalogue, variant: MailVariant, step_id: str) -> set[str]:
    seen: set[str] = set()
    stack = list(catalogue[step_id].prerequisites(variant))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(catalogue[current].prerequisites(variant))
    return seen


def _direct(catalogue: Catalogue, variant: MailVariant, step_id: str, wanted: set[str]) -> set[str]:
    """The nearest prerequisites within ``wanted``, looking through steps that do not apply."""
    result: set[str] = set()
    stack = list(catalogue[step_id].prerequisites(variant))
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        if current in wanted:
            result.add(current)
        else:
            stack.extend(catalogue[current].prerequisites(variant))
    return result
