"""Step ordering: the plan for a customer's answers, and a check of the order in which steps were done."""

from __future__ import annotations

import graphlib
import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from cutover.catalogue import Answers, Catalogue, MailVariant, Step

__all__ = [
    "OrderReport",
    "TooEarly",
    "check_order",
    "follows",
    "prerequisites",
    "requires",
    "steps_in_order",
    "steps_with_prerequisites",
]


def prerequisites(catalogue: Catalogue, answers: Answers, step_id: str) -> tuple[str, ...]:
    """Every step of the plan that must be done before ``step_id``, in plan order.

    A prerequisite that does not apply to these answers is skipped, but what it waits for still counts,
    so no order the catalogue implies is lost by tailoring. A recommended step is skipped the same way:
    it keeps its place in the plan, but no step waits for it.
    """
    return _in_plan_order(catalogue, answers, step_id, steps_in_order(catalogue, answers))


def steps_with_prerequisites(catalogue: Catalogue, answers: Answers) -> tuple[tuple[Step, tuple[str, ...]], ...]:
    """The plan for these answers, each step with its ``prerequisites``; the plan is made once, not once per step."""
    steps = steps_in_order(catalogue, answers)
    return tuple((step, _in_plan_order(catalogue, answers, step.id, steps)) for step in steps)


def requires(catalogue: Catalogue, step_id: str, prerequisite: str, variant: MailVariant | None = None) -> bool:
    """Whether ``prerequisite`` must be done before ``step_id``: in ``variant``, or in every variant when None.

    A recommended step is never required: ``follows`` says whether it still comes first in the plan.
    """
    catalogue[prerequisite]  # unknown ids raise rather than answer False
    variants = tuple(MailVariant) if variant is None else (variant,)
    return all(prerequisite in _walk(catalogue, v, step_id, required=True) for v in variants)


def follows(catalogue: Catalogue, step_id: str, earlier: str, variant: MailVariant | None = None) -> bool:
    """Whether ``step_id`` comes after ``earlier`` in every plan that has both, required or only recommended."""
    catalogue[earlier]
    variants = tuple(MailVariant) if variant is None else (variant,)
    return all(earlier in _walk(catalogue, v, step_id) for v in variants)


def steps_in_order(catalogue: Catalogue, answers: Answers) -> tuple[Step, ...]:
    """The steps that apply to these answers, dependencies first, ties broken by catalogue order."""
    applicable = [step for step in catalogue if step.applies_to(answers)]
    wanted = {step.id for step in applicable}
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for step in applicable:
        sorter.add(step.id, *_walk(catalogue, answers.variant, step.id, stop_at=wanted))
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
    steps = steps_in_order(catalogue, answers)
    too_early: list[TooEarly] = []
    not_applicable: list[str] = []
    for index, step_id in enumerate(done):
        if not catalogue[step_id].applies_to(answers):
            not_applicable.append(step_id)
            continue
        earlier = set(done[:index])
        missing = tuple(p for p in _in_plan_order(catalogue, answers, step_id, steps) if p not in earlier)
        if missing:
            too_early.append(TooEarly(step_id, missing))
    still_open = tuple(step.id for step in steps if step.id not in done)
    return OrderReport(tuple(too_early), tuple(not_applicable), still_open)


def _in_plan_order(catalogue: Catalogue, answers: Answers, step_id: str, steps: tuple[Step, ...]) -> tuple[str, ...]:
    needed = _walk(catalogue, answers.variant, step_id, required=True)
    return tuple(step.id for step in steps if step.id in needed)


def _walk(
    catalogue: Catalogue,
    variant: MailVariant,
    step_id: str,
    stop_at: set[str] | None = None,
    *,
    required: bool = False,
) -> set[str]:
    """Every step that ``step_id`` comes after, directly or not; with ``required``, only the ones it waits for.

    With ``stop_at``, only the nearest ones within it: the walk looks through steps outside ``stop_at``
    (steps that do not apply) but does not go past a step inside it. With ``required``, it looks through
    recommended steps the same way, but never stops at one: what they wait for is still required.
    """
    found: set[str] = set()
    seen: set[str] = set()
    stack = list(catalogue[step_id].prerequisites(variant))
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        inside = (stop_at is None or current in stop_at) and not (required and catalogue[current].recommended)
        if inside:
            found.add(current)
        if stop_at is None or not inside:
            stack.extend(catalogue[current].prerequisites(variant))
    return found
