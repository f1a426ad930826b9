"""Pins: one-line assertions that a page's sentence still holds for the package and its catalogue.

Each helper names what the page claims and, when the claim is false, what the package says instead. They raise
AssertionError explicitly rather than using ``assert`` so that ``python -O`` cannot strip a page's pins.
"""

from __future__ import annotations

import functools
from typing import Any

from cutover.catalogue import Answers, Applies, Catalogue, Kind, MailVariant, load_catalogue
from cutover.checks import Damage
from cutover.duplicates import CHECKS, Situation, findings_in
from cutover.ordering import requires, steps_in_order

__all__ = [
    "applies_only",
    "before",
    "carries",
    "catalogue",
    "directly_after",
    "does_not_wait_for",
    "findings_are",
    "fires",
    "first",
    "holds_from",
    "holds_until",
    "in_a_row",
    "in_plan",
    "kind_is",
    "lands",
    "never_fires",
    "not_in_plan",
    "recommended",
    "steps_of",
    "waits_for",
]


@functools.cache
def catalogue() -> Catalogue:
    """The project's catalogue, read once for all pins."""
    return load_catalogue()


def _plans(variant: MailVariant | None) -> list[tuple[Answers, list[str]]]:
    """Every combination of answers (of ``variant``, if given) with the ids of its plan."""
    return [
        (answers, [step.id for step in steps_in_order(catalogue(), answers)])
        for answers in Answers.every()
        if variant is None or answers.variant is variant
    ]


def _fail(message: str) -> None:
    raise AssertionError(message)


def _in(variant: MailVariant | None) -> str:
    return "" if variant is None else f" of variant {variant.value}"


def before(first: str, then: str, variant: MailVariant | None = None) -> None:
    """``first`` comes before ``then`` in every plan (of ``variant``) that holds both."""
    for answers, order in _plans(variant):
        if first in order and then in order and order.index(first) > order.index(then):
            _fail(f"expected {first} before {then} in every plan{_in(variant)}, but for {answers} the plan is {order}")


def directly_after(step: str, earlier: str, variant: MailVariant | None = None) -> None:
    """``step`` comes right after ``earlier`` in every plan (of ``variant``) that holds both."""
    for answers, order in _plans(variant):
        if step in order and earlier in order and order.index(step) != order.index(earlier) + 1:
            _fail(f"expected {step} right after {earlier} in every plan{_in(variant)}, but for {answers}: {order}")


def waits_for(step: str, prerequisite: str, variant: MailVariant | None = None) -> None:
    """The catalogue makes ``step`` wait for ``prerequisite`` (through its ``after``), in ``variant`` if given."""
    if not requires(catalogue(), step, prerequisite, variant):
        _fail(f"expected {step} to wait for {prerequisite}{_in(variant)}, but the catalogue does not make it wait")


def does_not_wait_for(step: str, prerequisite: str, variant: MailVariant | None = None) -> None:
    """The catalogue does not make ``step`` wait for ``prerequisite`` (in ``variant`` if given)."""
    if requires(catalogue(), step, prerequisite, variant):
        _fail(f"expected {step} not to wait for {prerequisite}{_in(variant)}, but the catalogue makes it wait")


def carries(step: str, *statements: str) -> None:
    """Step ``step`` carries each of FLOWFACT's ``statements`` (S1, S2, ...)."""
    held = catalogue()[step].statements
    missing = [s for s in statements if s not in held]
    if missing:
        _fail(f"expected {step} to carry {', '.join(missing)}, but it carries {', '.join(held) or 'none'}")


def _fired(situation: dict[str, Any]) -> list[str]:
    return [finding.id for finding in findings_in(Situation(**situation))]


def fires(check_id: str, **situation: Any) -> None:
    """In ``situation`` (the fields that differ from the defaults), the check ``check_id`` fires."""
    fired = _fired(situation)
    if check_id not in fired:
        _fail(f"expected {check_id} to fire for {situation}, but what fired is {fired or 'nothing'}")


def never_fires(check_id: str, **situation: Any) -> None:
    """In ``situation``, the check ``check_id`` does not fire."""
    fired = _fired(situation)
    if check_id in fired:
        _fail(f"expected {check_id} not to fire for {situation}, but it fired (with {fired})")


def findings_are(expected: set[str], **situation: Any) -> None:
    """In ``situation``, exactly the checks ``expected`` fire."""
    fired = set(_fired(situation))
    if fired != expected:
        _fail(f"expected exactly {sorted(expected)} to fire for {situation}, but what fired is {sorted(fired)}")


def applies_only(step: str, applies: Applies) -> None:
    """Step ``step`` applies exactly as ``applies`` says (always, only in a variant, only with a sync)."""
    actual = catalogue()[step].applies
    if actual is not applies:
        _fail(f"expected {step} to apply {applies.value}, but it applies {actual.value}")


def kind_is(step: str, kind: Kind) -> None:
    """Step ``step`` is of ``kind`` (action, check or rule)."""
    actual = catalogue()[step].kind
    if actual is not kind:
        _fail(f"expected {step} to be a {kind.value}, but it is a {actual.value}")


def holds_until(rule: str, step: str | None) -> None:
    """The rule ``rule`` holds until ``step`` (None: for good)."""
    span = catalogue()[rule].span
    until = None if span is None else span.until
    if until != step:
        _fail(f"expected rule {rule} to hold until {step}, but it holds until {until}")


def holds_from(rule: str, step: str | None) -> None:
    """The rule ``rule`` holds from ``step`` on (None: from the start)."""
    span = catalogue()[rule].span
    start = None if span is None else span.start
    if start != step:
        _fail(f"expected rule {rule} to hold from {step}, but it holds from {start}")


def recommended(step: str, *, is_recommended: bool = True) -> None:
    """Step ``step`` is only recommended (or, with ``is_recommended=False``, required)."""
    if catalogue()[step].recommended is not is_recommended:
        said = "recommended" if is_recommended else "required"
        _fail(f"expected {step} to be {said}, but the catalogue says otherwise")


def steps_of(check_id: str) -> tuple[str, ...]:
    """The steps that prevent or repair what the check ``check_id`` finds."""
    return next(c for c in CHECKS if c.id == check_id).steps


def lands(check_id: str, *damages: Damage) -> None:
    """What the check ``check_id`` finds lands exactly at ``damages``, in the order the check names them."""
    actual = next(c for c in CHECKS if c.id == check_id).lands
    if actual != damages:
        expected = ", ".join(d.value for d in damages) or "nowhere"
        _fail(f"expected {check_id} to land at {expected}, but it lands at {', '.join(d.value for d in actual)}")


# added for fuehrendes-system, checkliste-variante-a, checkliste-variante-b, portale


def first(step: str, area: str | None = None) -> None:
    """``step`` is the first step (of ``area``, if given) of every plan."""
    for answers, order in _plans(None):
        steps = [s for s in order if area is None or catalogue()[s].area == area]
        if steps[:1] != [step]:
            of = "" if area is None else f" {area} step"
            _fail(f"expected {step} as the first{of} of every plan, but for {answers} the plan is {steps}")


def in_a_row(*steps: str, variant: MailVariant | None = None) -> None:
    """Every plan (of ``variant``) holds ``steps`` one right after the other, in this order."""
    for answers, order in _plans(variant):
        at = order.index(steps[0]) if steps[0] in order else -1
        if at < 0 or order[at : at + len(steps)] != list(steps):
            _fail(f"expected {', '.join(steps)} in a row in every plan{_in(variant)}, but for {answers}: {order}")


def _plans_of(of: Answers | MailVariant | None) -> list[tuple[Answers, list[str]]]:
    if isinstance(of, Answers):
        return [(of, [step.id for step in steps_in_order(catalogue(), of)])]
    return _plans(of)


def _of(of: Answers | MailVariant | None, answers: Answers, order: list[str], *, held: bool) -> str:
    """Where the steps were expected (or, with ``held=False``, not expected), and the plan the package gives instead."""
    if isinstance(of, Answers):
        return f"{'' if held else 'not '}in the plan for {of}, but the plan is {order}"
    return f"in {'every' if held else 'no'} plan{_in(of)}, but for {answers} the plan is {order}"


def in_plan(*steps: str, of: Answers | MailVariant | None = None) -> None:
    """The plan for the answers ``of`` (or every plan of the variant ``of``, or every plan) holds each of ``steps``."""
    for answers, order in _plans_of(of):
        missing = [s for s in steps if s not in order]
        if missing:
            _fail(f"expected {', '.join(missing)} {_of(of, answers, order, held=True)}")


def not_in_plan(*steps: str, of: Answers | MailVariant | None = None) -> None:
    """The plan for the answers ``of`` (or every plan of the variant ``of``, or every plan) holds none of ``steps``."""
    for answers, order in _plans_of(of):
        present = [s for s in steps if s in order]
        if present:
            _fail(f"expected {', '.join(present)} {_of(of, answers, order, held=False)}")
