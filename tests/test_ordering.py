"""Unit tests of cutover.ordering on small hand-made catalogues: plan, prerequisites, requires, check_order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cutover.catalogue import Answers, Applies, Catalogue, MailVariant, Step
from cutover.errors import UnknownStepError
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
from factories import make_step

VARIANT_A = Answers(MailVariant.A)
VARIANT_B = Answers(MailVariant.B)


def _catalogue(*steps: Step) -> Catalogue:
    return Catalogue(steps, {}, Path("runbook"))


def _ids(steps: tuple[Step, ...]) -> list[str]:
    return [step.id for step in steps]


@pytest.fixture
def chain() -> Catalogue:
    """A chain written backwards, so that catalogue order alone would be wrong.

    ``lead-c`` waits for ``mail-b``, which applies to variant b only and waits for ``lead-a``.
    """
    return _catalogue(
        make_step("lead-c", after=("mail-b",)),
        make_step("mail-b", Applies.VARIANT_B, after=("lead-a",)),
        make_step("lead-a"),
    )


@pytest.fixture
def diamond() -> Catalogue:
    """``lead-d`` waits for two variant-b steps that both wait for ``lead-a``."""
    return _catalogue(
        make_step("lead-d", after=("mail-b", "mail-c")),
        make_step("mail-b", Applies.VARIANT_B, after=("lead-a",)),
        make_step("mail-c", Applies.VARIANT_B, after=("lead-a",)),
        make_step("lead-a"),
    )


@pytest.fixture
def variants() -> Catalogue:
    """``portal-x`` waits for ``mail-a`` in variant a and for ``mail-b`` in variant b; ties go by catalogue order."""
    return _catalogue(
        make_step("lead-first"),
        make_step("portal-x", after_a=("mail-a",), after_b=("mail-b",)),
        make_step("mail-a"),
        make_step("mail-b"),
        make_step("contacts-sync", Applies.CONTACT_SYNC),
        make_step("calendar-sync", Applies.CALENDAR_SYNC),
    )


# --- plan ---------------------------------------------------------------------------------------------------------


def test_plan_puts_dependencies_first(chain: Catalogue) -> None:
    """Prerequisites come before the steps that wait for them, whatever the catalogue order."""
    expected = ["lead-a", "mail-b", "lead-c"]
    assert expected == _ids(steps_in_order(chain, VARIANT_B))


def test_plan_leaves_out_steps_that_do_not_apply(chain: Catalogue) -> None:
    """A variant-b step is not in the variant-a plan."""
    assert "mail-b" not in _ids(steps_in_order(chain, VARIANT_A))


def test_plan_keeps_order_through_a_step_that_does_not_apply(chain: Catalogue) -> None:
    """What a left-out step waits for still comes before the steps that wait for it."""
    expected = ["lead-a", "lead-c"]
    assert expected == _ids(steps_in_order(chain, VARIANT_A))


def test_plan_breaks_ties_by_catalogue_order(variants: Catalogue) -> None:
    """Independent steps keep their catalogue order."""
    expected = ["lead-first", "mail-a", "portal-x", "mail-b"]
    assert expected == _ids(steps_in_order(variants, VARIANT_A))


def test_plan_follows_the_variant_dependencies(variants: Catalogue) -> None:
    """In variant b the step waits for its variant-b prerequisite instead."""
    expected = ["lead-first", "mail-a", "mail-b", "portal-x"]
    assert expected == _ids(steps_in_order(variants, VARIANT_B))


def test_plan_adds_contact_sync_steps_when_asked(variants: Catalogue) -> None:
    """Contact sync steps join the plan only with contact sync."""
    expected = ["contacts-sync"]
    assert expected == [s.id for s in steps_in_order(variants, Answers(contact_sync=True)) if s.id.startswith("c")]


def test_plan_adds_calendar_sync_steps_when_asked(variants: Catalogue) -> None:
    """Calendar sync steps join the plan only with calendar sync."""
    expected = ["calendar-sync"]
    assert expected == [s.id for s in steps_in_order(variants, Answers(calendar_sync=True)) if s.id.startswith("c")]


def test_plan_with_shared_left_out_prerequisites(diamond: Catalogue) -> None:
    """Two left-out steps that wait for the same step lead to it once."""
    expected = ["lead-a", "lead-d"]
    assert expected == _ids(steps_in_order(diamond, VARIANT_A))


# --- prerequisites ------------------------------------------------------------------------------------------------


def test_prerequisites_are_transitive_and_in_plan_order(chain: Catalogue) -> None:
    """Everything a step waits for, directly or not, in plan order."""
    expected = ("lead-a", "mail-b")
    assert expected == prerequisites(chain, VARIANT_B, "lead-c")


def test_prerequisites_skip_steps_that_do_not_apply(chain: Catalogue) -> None:
    """A left-out step is not a prerequisite, but what it waits for is."""
    expected = ("lead-a",)
    assert expected == prerequisites(chain, VARIANT_A, "lead-c")


def test_prerequisites_of_a_first_step_are_empty(chain: Catalogue) -> None:
    """A step without ``after`` waits for nothing."""
    expected = ()
    assert expected == prerequisites(chain, VARIANT_A, "lead-a")


@pytest.mark.parametrize("answers", [VARIANT_A, VARIANT_B])
def test_steps_with_prerequisites_pairs_each_step_with_what_it_waits_for(chain: Catalogue, answers: Answers) -> None:
    """``steps_with_prerequisites`` pairs each step of the plan, in order, with exactly its ``prerequisites``."""
    expected = [(step, prerequisites(chain, answers, step.id)) for step in steps_in_order(chain, answers)]
    assert expected == list(steps_with_prerequisites(chain, answers))


def test_prerequisites_through_a_diamond(diamond: Catalogue) -> None:
    """A step reached on two paths is listed once."""
    expected = ("lead-a", "mail-b", "mail-c")
    assert expected == prerequisites(diamond, VARIANT_B, "lead-d")


def test_prerequisites_of_an_unknown_step_raise(chain: Catalogue) -> None:
    """An unknown step id raises UnknownStepError."""
    with pytest.raises(UnknownStepError):
        prerequisites(chain, VARIANT_A, "lead-x")


# --- requires -----------------------------------------------------------------------------------------------------


def test_requires_a_direct_prerequisite(chain: Catalogue) -> None:
    """A step requires what its ``after`` names."""
    assert requires(chain, "lead-c", "mail-b") is True


def test_requires_an_indirect_prerequisite(chain: Catalogue) -> None:
    """A step requires what its prerequisites require."""
    assert requires(chain, "lead-c", "lead-a") is True


def test_requires_nothing_the_other_way_round(chain: Catalogue) -> None:
    """A prerequisite does not require the step that waits for it."""
    assert requires(chain, "lead-a", "lead-c") is False


def test_requires_a_variant_prerequisite_in_that_variant(variants: Catalogue) -> None:
    """A variant-a prerequisite is required in variant a."""
    assert requires(variants, "portal-x", "mail-a", MailVariant.A) is True


def test_requires_no_variant_prerequisite_in_the_other_variant(variants: Catalogue) -> None:
    """A variant-a prerequisite is not required in variant b."""
    assert requires(variants, "portal-x", "mail-a", MailVariant.B) is False


def test_requires_without_variant_means_every_variant(variants: Catalogue) -> None:
    """Without a variant, a prerequisite of one variant only is not required."""
    assert requires(variants, "portal-x", "mail-b") is False


def test_requires_with_an_unknown_prerequisite_raises(chain: Catalogue) -> None:
    """An unknown prerequisite id raises instead of answering False."""
    with pytest.raises(UnknownStepError):
        requires(chain, "lead-c", "lead-b")


def test_requires_with_an_unknown_step_raises(chain: Catalogue) -> None:
    """An unknown step id raises instead of answering False."""
    with pytest.raises(UnknownStepError):
        requires(chain, "lead-b", "lead-a")


# --- check_order --------------------------------------------------------------------------------------------------


def test_check_order_of_the_plan_is_ok(chain: Catalogue) -> None:
    """Doing the plan in plan order is safe and leaves nothing open."""
    assert OrderReport((), (), ()) == check_order(chain, VARIANT_B, ["lead-a", "mail-b", "lead-c"])


def test_check_order_finds_a_step_done_too_early(chain: Catalogue) -> None:
    """A step done before its prerequisites is reported with the missing ones."""
    report = check_order(chain, VARIANT_B, ["lead-c", "lead-a"])
    assert (TooEarly("lead-c", ("lead-a", "mail-b")),) == report.too_early


def test_check_order_finds_a_step_that_does_not_apply(chain: Catalogue) -> None:
    """A step outside the plan for these answers is reported as not applicable."""
    report = check_order(chain, VARIANT_A, ["lead-a", "mail-b"])
    expected = ("mail-b",)
    assert expected == report.not_applicable


def test_check_order_lists_what_is_still_open(chain: Catalogue) -> None:
    """The plan's steps not yet done are open, in plan order."""
    expected = ("mail-b", "lead-c")
    assert expected == check_order(chain, VARIANT_B, ["lead-a"]).open


def test_check_order_partial_progress_is_ok(chain: Catalogue) -> None:
    """Having done only the first steps, in order, is fine."""
    assert check_order(chain, VARIANT_B, ["lead-a"]).ok is True


def test_check_order_too_early_is_not_ok(chain: Catalogue) -> None:
    """A step done too early makes the report not ok."""
    assert check_order(chain, VARIANT_B, ["mail-b"]).ok is False


def test_check_order_not_applicable_is_not_ok(chain: Catalogue) -> None:
    """A step that does not apply makes the report not ok."""
    assert check_order(chain, VARIANT_A, ["lead-a", "mail-b"]).ok is False


def test_check_order_refuses_unknown_ids(chain: Catalogue) -> None:
    """An unknown id among the done steps raises before anything is checked."""
    with pytest.raises(UnknownStepError):
        check_order(chain, VARIANT_A, ["lead-a", "lead-b"])


# --- recommended steps: they keep their place, but nothing waits for them -----------------------------------------


@pytest.fixture
def recommended() -> Catalogue:
    """``lead-c`` comes after the recommended ``lead-b``, which comes after ``lead-a``; written backwards."""
    return _catalogue(
        make_step("lead-c", after=("lead-b",)),
        dataclasses.replace(make_step("lead-b", after=("lead-a",)), recommended=True),
        make_step("lead-a"),
    )


def test_recommended_step_keeps_its_place_in_the_plan(recommended: Catalogue) -> None:
    """The plan orders a recommended step like any other."""
    assert ["lead-a", "lead-b", "lead-c"] == _ids(steps_in_order(recommended, VARIANT_A))


def test_recommended_step_is_no_prerequisite(recommended: Catalogue) -> None:
    """What comes after a recommended step does not wait for it, but still for what it waits for."""
    assert ("lead-a",) == prerequisites(recommended, VARIANT_A, "lead-c")


def test_recommended_step_is_not_required_but_followed(recommended: Catalogue) -> None:
    """``requires`` says no for a recommended step; ``follows`` says it still comes first."""
    expected = (False, True, True, True)
    assert expected == (
        requires(recommended, "lead-c", "lead-b"),
        requires(recommended, "lead-c", "lead-a"),
        follows(recommended, "lead-c", "lead-b"),
        follows(recommended, "lead-c", "lead-a", MailVariant.B),
    )


def test_follows_is_false_for_steps_in_no_order(variants: Catalogue) -> None:
    """Two steps that no after list connects follow each other in neither direction."""
    expected = (False, False)
    assert expected == (follows(variants, "mail-a", "lead-first"), follows(variants, "lead-first", "mail-a"))


def test_follows_in_one_variant_only(variants: Catalogue) -> None:
    """A dependency of one mail variant holds for ``follows`` in that variant, not in both."""
    expected = (True, False, False)
    assert expected == (
        follows(variants, "portal-x", "mail-a", MailVariant.A),
        follows(variants, "portal-x", "mail-a", MailVariant.B),
        follows(variants, "portal-x", "mail-a"),
    )


def test_follows_an_unknown_step_raises(variants: Catalogue) -> None:
    """An unknown id is an error, not a quiet no."""
    with pytest.raises(UnknownStepError):
        follows(variants, "portal-x", "mail-z")


def test_skipping_a_recommended_step_is_a_safe_order(recommended: Catalogue) -> None:
    """The order check does not demand a recommended step: skipped, it is only still open."""
    report = check_order(recommended, VARIANT_A, ["lead-a", "lead-c"])
    expected = OrderReport((), (), ("lead-b",))
    assert expected == report
