"""Content tests over the real catalogue in runbook/: it must keep every promise of runbook/README.md's model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from cutover.catalogue import Answers, Applies, Area, Catalogue, Lang, MailVariant, load_catalogue
from cutover.duplicates import CHECKS, Check
from cutover.mail import readiness
from cutover.ordering import check_order, follows, prerequisites, requires, steps_in_order

ROOT = Path(__file__).resolve().parents[1]
STEP_ID = re.compile(r"^(lead|portal|mail|contacts|calendar)(-[a-z0-9]+)+$")
STATEMENTS = tuple(f"S{n}" for n in range(1, 30))


class Row(NamedTuple):
    """One row of runbook/README.md's minimum step catalogue: id, when it applies, and its "after" column."""

    id: str
    applies: Applies
    after: tuple[str, ...] = ()
    after_a: tuple[str, ...] = ()  # "(a) x": only in mail variant a
    after_b: tuple[str, ...] = ()  # "(b) x": only in mail variant b
    recommended: bool = False  # "recommended": the source recommends the step, it does not require it


#: runbook/README.md, "Minimum step catalogue", row by row. These ids are permanent; the catalogue may add steps.
DOMAIN = (
    Row("lead-decide", Applies.ALWAYS),
    Row("lead-inform-staff", Applies.ALWAYS, ("lead-decide",)),
    Row("mail-choose-variant", Applies.ALWAYS, ("lead-decide",)),
    Row("mail-no-platform-account", Applies.VARIANT_A, ("mail-choose-variant",)),
    Row("mail-stop-performer-service", Applies.ALWAYS, ("mail-choose-variant",), ("portal-stop-exporter",)),
    Row("mail-deactivate-performer-accounts", Applies.VARIANT_B, ("mail-stop-performer-service",), recommended=True),
    Row("portal-stop-exporter", Applies.ALWAYS, ("lead-inform-staff", "mail-choose-variant")),
    Row("portal-deactivate-listings", Applies.ALWAYS, ("portal-stop-exporter",)),
    Row("portal-transmit-offline", Applies.ALWAYS, ("portal-deactivate-listings",)),
    Row("portal-verify-offline", Applies.ALWAYS, ("portal-transmit-offline",), recommended=True),
    Row("portal-block-performer-transfer", Applies.ALWAYS, ("portal-transmit-offline",)),
    Row("portal-switch-to-platform", Applies.ALWAYS, ("portal-verify-offline",)),
    Row("portal-activate", Applies.ALWAYS, ("portal-switch-to-platform", "portal-block-performer-transfer")),
    Row("portal-verify-upload", Applies.ALWAYS, ("portal-activate",)),
    Row("mail-empty-inbox", Applies.ALWAYS, ("mail-stop-performer-service",), ("portal-stop-exporter",)),
    Row("mail-create-platform-accounts", Applies.ALWAYS, ("mail-empty-inbox",), ("portal-stop-exporter",)),
    Row("mail-connect-client", Applies.ALWAYS, ("mail-create-platform-accounts",), recommended=True),
    Row("contacts-empty-address-book", Applies.CONTACT_SYNC, ("mail-choose-variant",)),
    Row("contacts-enable-sync", Applies.CONTACT_SYNC, ("contacts-empty-address-book", "mail-create-platform-accounts")),
    Row("contacts-mark-for-sync", Applies.CONTACT_SYNC, ("contacts-enable-sync",)),
    Row("calendar-enable-sync", Applies.CALENDAR_SYNC, ("mail-create-platform-accounts",)),
)
RECOMMENDED = {row.id for row in DOMAIN if row.recommended}

#: Every dependency of the table as (step, prerequisite, variant it holds in; None for both).
DEPENDENCIES = [
    *((row.id, before, None) for row in DOMAIN for before in row.after),
    *((row.id, before, MailVariant.A) for row in DOMAIN for before in row.after_a),
    *((row.id, before, MailVariant.B) for row in DOMAIN for before in row.after_b),
]
VARIANT_ONLY = [(step, before, variant) for step, before, variant in DEPENDENCIES if variant is not None]
EVERY = Answers.every()


def _answers_id(answers: Answers) -> str:
    """A short test id for a set of answers, e.g. ``b+contacts+calendar``."""
    extras = [name for name, on in (("contacts", answers.contact_sync), ("calendar", answers.calendar_sync)) if on]
    return "+".join([answers.variant.value, *extras])


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real step catalogue of this checkout."""
    return load_catalogue(ROOT / "runbook")


def _name(value: object) -> str:
    return value.value if isinstance(value, MailVariant) else str(value)


# --- runbook/README.md's minimum catalogue ----------------------------------------------------------------------


def test_domain_table_is_complete() -> None:
    """The transcription above has all 21 rows of the minimum catalogue, each once."""
    expected = (21, 21)
    assert expected == (len(DOMAIN), len({row.id for row in DOMAIN}))


def test_every_domain_id_exists(catalogue: Catalogue) -> None:
    """Every id of the minimum catalogue is in the catalogue (ids are never renamed or removed)."""
    expected: list[object] = []
    assert expected == [row.id for row in DOMAIN if row.id not in catalogue]


def test_every_domain_step_applies_as_domain_says(catalogue: Catalogue) -> None:
    """Each minimum step applies when the model says: always, in one mail variant, or with one sync."""
    expected = {row.id: row.applies for row in DOMAIN}
    assert expected == {row.id: catalogue[row.id].applies for row in DOMAIN}


@pytest.mark.parametrize(("step", "before", "variant"), DEPENDENCIES, ids=_name)
def test_domain_dependency_holds(catalogue: Catalogue, step: str, before: str, variant: MailVariant | None) -> None:
    """``before`` comes before ``step``: in every variant, or in the one in brackets; required unless recommended."""
    expected = (True, before not in RECOMMENDED)
    assert expected == (follows(catalogue, step, before, variant), requires(catalogue, step, before, variant))


@pytest.mark.parametrize(("step", "before", "variant"), VARIANT_ONLY, ids=_name)
def test_variant_dependency_does_not_bind_the_other_variant(
    catalogue: Catalogue, step: str, before: str, variant: MailVariant
) -> None:
    """A dependency given for one mail variant only does not hold in the other variant."""
    other = MailVariant.B if variant is MailVariant.A else MailVariant.A
    assert follows(catalogue, step, before, other) is False


def test_exactly_the_recommended_steps_are_recommended(catalogue: Catalogue) -> None:
    """S6, S16 ("sinnvoll") and S17 recommend three steps; no other step is only recommended."""
    assert sorted(RECOMMENDED) == sorted(step.id for step in catalogue if step.recommended)


def test_no_step_waits_for_a_recommended_step(catalogue: Catalogue) -> None:
    """Skipping a recommended step never makes a later step too early: it is nobody's prerequisite."""
    expected: list[object] = []
    assert expected == [
        (answers, step.id)
        for answers in EVERY
        for step in steps_in_order(catalogue, answers)
        if set(prerequisites(catalogue, answers, step.id)) & RECOMMENDED
    ]


def test_the_moment_of_the_switch_is_stopping_the_exporter(catalogue: Catalogue) -> None:
    """One moment for the switch: stopping ExporterV2 (S3); before it Performer leads (S25), from it the platform."""
    assert "portal-stop-exporter" == catalogue.switch.id


def test_rules_and_their_spans(catalogue: Catalogue) -> None:
    """Two rules end at the switch (S25, S15); the ban on Performer transfers (S28) starts at activation, for good."""
    expected = {
        "lead-keep-exporter-running": (None, "portal-stop-exporter"),
        "mail-no-platform-account": (None, "portal-stop-exporter"),
        "portal-block-performer-transfer": ("portal-activate", None),
    }
    actual = {step.id: (step.span.start, step.span.until) for step in catalogue if step.span is not None}
    assert expected == actual


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_performer_mail_service_stops_first_in_b_and_at_the_switch_in_a(catalogue: Catalogue, answers: Answers) -> None:
    """S16 in b: the service stops before any mail step; in a, right after the switch, before the inbox and accounts."""
    ids = [step.id for step in steps_in_order(catalogue, answers)]
    service = ids.index("mail-stop-performer-service")
    if answers.variant is MailVariant.B:
        expected = (ids.index("mail-choose-variant") + 1, True)
        actual = (service, service < ids.index("portal-stop-exporter"))
    else:
        expected = (ids.index("portal-stop-exporter") + 1, True)
        actual = (service, service < ids.index("mail-empty-inbox") < ids.index("mail-create-platform-accounts"))
    assert expected == actual


def test_every_portal_step_waits_for_the_exporter_stop(catalogue: Catalogue) -> None:
    """S3: stopping ExporterV2 is the cutover moment and comes before every other portal step."""
    portal = [s.id for s in catalogue if s.area is Area.PORTAL and s.id != "portal-stop-exporter"]
    expected: list[object] = []
    assert expected == [s for s in portal if not requires(catalogue, s, "portal-stop-exporter")]


def test_mail_accounts_wait_for_the_mail_service_stop_in_variant_b(catalogue: Catalogue) -> None:
    """S16: in variant b the platform accounts come only after Performer's mail service is stopped."""
    assert requires(catalogue, "mail-create-platform-accounts", "mail-stop-performer-service", MailVariant.B) is True


# --- the plan for every combination of answers --------------------------------------------------------------------


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_satisfies_every_prerequisite(catalogue: Catalogue, answers: Answers) -> None:
    """No step of the plan comes before a step it requires, directly or through others."""
    ids = [step.id for step in steps_in_order(catalogue, answers)]
    late = [
        (ids[i], ids[j])
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
        if requires(catalogue, ids[i], ids[j], answers.variant)
    ]
    expected: list[object] = []
    assert expected == late


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_lists_each_prerequisite_before_its_step(catalogue: Catalogue, answers: Answers) -> None:
    """Each step's prerequisites in the plan are all listed before it."""
    ids = [step.id for step in steps_in_order(catalogue, answers)]
    expected: list[object] = []
    assert expected == [
        (step, before)
        for index, step in enumerate(ids)
        for before in prerequisites(catalogue, answers, step)
        if before not in ids[:index]
    ]


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_doing_the_plan_in_order_is_safe_and_complete(catalogue: Catalogue, answers: Answers) -> None:
    """``check_order`` finds nothing wrong and nothing open when the plan is done in its own order."""
    report = check_order(catalogue, answers, [step.id for step in steps_in_order(catalogue, answers)])
    expected = (True, ())
    assert expected == (report.ok, report.open)


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_holds_exactly_the_applicable_steps(catalogue: Catalogue, answers: Answers) -> None:
    """The plan holds each step that applies to the answers, once, and no other."""
    ids = [step.id for step in steps_in_order(catalogue, answers)]
    expected = sorted(step.id for step in catalogue if step.applies_to(answers))
    assert (expected, len(ids)) == (sorted(ids), len(set(ids)))


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_has_contact_steps_iff_contact_sync(catalogue: Catalogue, answers: Answers) -> None:
    """The three contact sync steps are in the plan exactly when contact sync is wanted."""
    expected = ["contacts-empty-address-book", "contacts-enable-sync", "contacts-mark-for-sync"]
    actual = [step.id for step in steps_in_order(catalogue, answers) if step.area is Area.CONTACTS]
    assert (expected if answers.contact_sync else []) == actual


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_has_calendar_step_iff_calendar_sync(catalogue: Catalogue, answers: Answers) -> None:
    """The calendar sync step is in the plan exactly when calendar sync is wanted."""
    actual = [step.id for step in steps_in_order(catalogue, answers) if step.area is Area.CALENDAR]
    assert (["calendar-enable-sync"] if answers.calendar_sync else []) == actual


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_has_the_steps_of_its_mail_variant_only(catalogue: Catalogue, answers: Answers) -> None:
    """Variant-a steps are in the plan only in variant a, variant-b steps only in variant b."""
    ids = {step.id for step in steps_in_order(catalogue, answers)}
    in_a = "mail-no-platform-account" in ids
    in_b = "mail-deactivate-performer-accounts" in ids
    assert (answers.variant is MailVariant.A, answers.variant is MailVariant.B) == (in_a, in_b)


# --- statements, checks and the form of every step ----------------------------------------------------------------


def test_every_source_statement_exists(catalogue: Catalogue) -> None:
    """Statements S1 to S29 of the source are all in runbook/statements.toml."""
    expected: list[object] = []
    assert expected == [s for s in STATEMENTS if s not in catalogue.statements]


def test_every_source_statement_is_carried_by_a_step(catalogue: Catalogue) -> None:
    """Each of S1 to S29 is carried by at least one step."""
    carried = {s for step in catalogue for s in step.statements}
    expected: list[object] = []
    assert expected == [s for s in STATEMENTS if s not in carried]


def test_every_step_carries_a_source_statement(catalogue: Catalogue) -> None:
    """Each step traces back to the source: it carries at least one statement."""
    expected: list[object] = []
    assert expected == [step.id for step in catalogue if not step.statements]


@pytest.mark.parametrize("rule", CHECKS, ids=lambda c: c.id)
def test_check_names_existing_steps(catalogue: Catalogue, rule: Check) -> None:
    """Each duplicate check points only at steps that exist."""
    expected: list[str] = []
    assert expected == [s for s in rule.steps if s not in catalogue]


@pytest.mark.parametrize("rule", CHECKS, ids=lambda c: c.id)
def test_check_names_existing_statements(catalogue: Catalogue, rule: Check) -> None:
    """Each duplicate check carries only statements that exist."""
    expected: list[str] = []
    assert expected == [s for s in rule.statements if s not in catalogue.statements]


def test_readiness_names_existing_steps(catalogue: Catalogue) -> None:
    """The steps a not-ready customer is pointed at exist."""
    expected: list[object] = []
    assert expected == [s for s in readiness(mail_sent_from_performer=True).steps if s not in catalogue]


def test_every_id_matches_the_pattern(catalogue: Catalogue) -> None:
    """Ids are lowercase ASCII words joined by hyphens, starting with an area."""
    expected: list[object] = []
    assert expected == [step.id for step in catalogue if not STEP_ID.match(step.id)]


def test_every_id_starts_with_its_area(catalogue: Catalogue) -> None:
    """An id's prefix is the step's area."""
    expected: list[object] = []
    assert expected == [step.id for step in catalogue if step.id.split("-")[0] != step.area.value]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_step_has_a_title_and_why(catalogue: Catalogue, lang: Lang) -> None:
    """Every step has a title and a why in German and in English."""
    expected: list[object] = []
    assert expected == [step.id for step in catalogue if not (step.title.get(lang) and step.why.get(lang))]


def test_every_emptying_step_says_to_keep_a_copy(catalogue: Catalogue) -> None:
    """Nothing may be lost: a step that empties something tells the customer to back it up first, in its title."""
    emptying = [step for step in catalogue if "-empty-" in step.id]
    expected: tuple[int, list[str]] = (2, [])
    assert expected == (
        len(emptying),
        [s.id for s in emptying if not ("sichern" in s.title.get("de") and "back up" in s.title.get("en").lower())],
    )
