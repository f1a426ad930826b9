"""Unit tests of cutover.duplicates: each check firing and not firing, the order of findings, load_situation."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from cutover.catalogue import MailVariant
from cutover.duplicates import (
    CHECKS,
    Case,
    Check,
    Damage,
    Example,
    Finding,
    Severity,
    Situation,
    example_situation,
    findings_in,
    load_situation,
)
from cutover.editions import codes
from cutover.errors import SituationError

#: The clean post-switch situation of runbook/README.md's model: the platform leads, Performer is quiet.
UNKNOWN = (
    "unknown key (the allowed keys are listed on the page “Rules for the service desk and developers” under “The "
    "fields of a situation file”)"
)
CLEAN = Situation(
    mail_variant=MailVariant.A,
    work_in_performer=False,
    exporter_running=False,
    performer_mail_service_running=False,
    platform_mail_accounts=True,
    inbox_emptied=True,
    performer_listings_online=False,
    platform_portals_active=True,
    performer_transfer_possible=False,
)

#: What each check must give, written out here and not read from CHECKS, in the order of CHECKS: its severity, its
#: steps, and every place its damage can land. A changed severity, step or damage fails a test.
EXPECTED: dict[str, tuple[Severity, tuple[str, ...], tuple[Damage, ...]]] = {
    "platform-account-in-variant-a": (
        Severity.BLOCKER,
        ("mail-no-platform-account",),
        (Damage.CRM_MAIL_ACTIVITIES, Damage.MAILBOX),
    ),
    "performer-mail-service-running": (
        Severity.BLOCKER,
        ("mail-stop-performer-service", "mail-deactivate-performer-accounts"),
        (Damage.CRM_MAIL_ACTIVITIES, Damage.NEVER_REACHES_PLATFORM),
    ),
    "inbox-not-emptied": (Severity.BLOCKER, ("mail-empty-inbox",), (Damage.CRM_MAIL_ACTIVITIES,)),
    "address-book-not-empty": (Severity.BLOCKER, ("contacts-empty-address-book",), (Damage.CRM_CONTACTS,)),
    "calendar-sync-duplicates": (Severity.WARNING, ("calendar-enable-sync",), (Damage.CRM_APPOINTMENTS,)),
    "performer-listings-online": (
        Severity.BLOCKER,
        ("portal-deactivate-listings", "portal-transmit-offline", "portal-verify-offline"),
        (Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
    ),
    "performer-transfer-possible": (
        Severity.BLOCKER,
        ("portal-block-performer-transfer",),
        (Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
    ),
    "exporter-running-with-platform-portals": (Severity.BLOCKER, ("portal-stop-exporter",), (Damage.PORTAL_LISTINGS,)),
    "exporter-stopped-while-working-in-performer": (
        Severity.BLOCKER,
        ("lead-keep-exporter-running", "lead-inform-staff", "lead-stop-work-in-performer"),
        (Damage.NEVER_REACHES_PLATFORM,),
    ),
    "exporter-stopped-without-mail-accounts": (
        Severity.BLOCKER,
        ("mail-create-platform-accounts",),
        (Damage.NEVER_REACHES_PLATFORM,),
    ),
    "mail-sent-from-performer-with-platform-accounts": (
        Severity.BLOCKER,
        ("mail-choose-variant",),
        (Damage.CRM_MAIL_ACTIVITIES,),
    ),
    "mail-sent-from-performer-exporter-stopped": (
        Severity.BLOCKER,
        ("lead-keep-exporter-running", "mail-choose-variant"),
        (Damage.NEVER_REACHES_PLATFORM,),
    ),
}

#: Where a check's example cannot show it alone, every finding the example gives, in order; elsewhere only its own.
#: With the Exporter stopped there either are platform accounts (another S18 finding) or there are none (S14).
NOT_ALONE: dict[str, tuple[str, ...]] = {
    "mail-sent-from-performer-exporter-stopped": (
        "exporter-stopped-without-mail-accounts",
        "mail-sent-from-performer-exporter-stopped",
    ),
}

FIELDS = [f.name for f in dataclasses.fields(Situation)]

#: Every situation there is: each mail variant with each combination of the yes/no fields.
FLAGS = [name for name in FIELDS if name != "mail_variant"]
EVERY_SITUATION = [
    Situation(mail_variant=variant, **dict(zip(FLAGS, values, strict=True)))
    for variant in MailVariant
    for values in itertools.product((False, True), repeat=len(FLAGS))
]


def _ids(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    return tuple(finding.id for finding in findings)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "situation.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(SituationError) as info:
        load_situation(path)
    return [str(problem) for problem in info.value.problems]


# --- the checks ---------------------------------------------------------------------------------------------------


def test_every_check_gives_what_the_table_says() -> None:
    """Each check, in the order of CHECKS, has the severity, steps and damage of the table written out above."""
    expected = list(EXPECTED.items())
    assert expected == [(c.id, (c.severity, c.steps, c.lands)) for c in CHECKS]


def test_check_ids_are_unique() -> None:
    """No two checks share an id."""
    assert len(CHECKS) == len({c.id for c in CHECKS})


@pytest.mark.parametrize("rule", CHECKS, ids=lambda c: c.id)
def test_check_fires_in_its_example(rule: Check) -> None:
    """Each check fires in its example, and nothing else fires there but what ``NOT_ALONE`` says."""
    expected = NOT_ALONE.get(rule.id, (rule.id,))
    assert expected == _ids(findings_in(example_situation(rule.example)))


CASES = [(rule, case) for rule in CHECKS for case in rule.cases]


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r.id}-{r.cases.index(c)}" for r, c in CASES])
def test_case_example_fires_its_check_in_that_case(rule: Check, case: Case) -> None:
    """A case's example fires its check alone, and the finding is that case's: no earlier case hides it."""
    situation = example_situation(case.example)
    expected = ((rule.id,), Finding(rule.id, rule.severity, case.lands, rule.case_message(case), rule.steps))
    assert expected == (_ids(findings_in(situation)), rule.finding(situation))


@pytest.mark.parametrize("rule", [c for c in CHECKS if c.cases], ids=lambda c: c.id)
def test_cases_of_a_check_are_consistent(rule: Check) -> None:
    """Each case lands somewhere its check does, nowhere another case lands, and says something of its own.

    And no situation the check fires in holds two cases, so the order of the cases decides nothing; together they
    land everywhere the check does (``test_every_case_lands_where_its_check_says``).
    """
    places = [place for case in rule.cases for place in case.lands]
    messages = [rule.message, *(rule.case_message(case) for case in rule.cases)]
    overlaps = [s for s in EVERY_SITUATION if rule.fires(s) and sum(case.when(s) for case in rule.cases) > 1]
    expected: tuple[object, ...] = (True, len(places), len(messages), [])
    assert expected == (
        all(case.lands and set(case.lands) <= set(rule.lands) for case in rule.cases),
        len(set(places)),
        len(set(messages)),
        overlaps,
    )


EXAMPLES = [(rule.id, rule.example) for rule in CHECKS] + [
    (f"{rule.id}-{rule.cases.index(case)}", case.example) for rule, case in CASES
]


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_example_sets_fields_of_a_situation_with_values_of_their_type(name: str, example: Example) -> None:
    """An example names fields of ``Situation`` only, each with a value of the field's type (mypy cannot see it)."""
    defaults = Situation()
    expected: list[object] = []
    assert expected == [
        key for key, value in example.items() if key not in FIELDS or type(value) is not type(getattr(defaults, key))
    ], name


def test_exporter_with_platform_portals_fires_alone_in_variant_b_with_platform_mail() -> None:
    """Late in variant b, with mail already in the platform, a running Exporter is still a portal blocker, alone."""
    situation = dataclasses.replace(CLEAN, mail_variant=MailVariant.B, exporter_running=True)
    expected = ("exporter-running-with-platform-portals",)
    assert expected == _ids(findings_in(situation))


@pytest.mark.parametrize("rule", CHECKS, ids=lambda c: c.id)
def test_check_does_not_fire_after_a_clean_switch(rule: Check) -> None:
    """No check fires in the model's clean post-switch situation."""
    assert rule.fires(CLEAN) is False


@pytest.mark.parametrize("rule", CHECKS, ids=lambda c: c.id)
def test_check_does_not_fire_before_any_step(rule: Check) -> None:
    """No check fires in the default situation (the transition before any step)."""
    assert rule.fires(Situation()) is False


def test_clean_switch_gives_no_findings() -> None:
    """``findings_in`` of the clean post-switch situation is empty."""
    expected = ()
    assert expected == findings_in(CLEAN)


def test_default_situation_gives_no_findings() -> None:
    """``check(Situation())`` is empty: the defaults describe a sound transition."""
    expected = ()
    assert expected == findings_in(Situation())


def test_variant_a_account_is_fine_in_variant_b() -> None:
    """A platform account while the Exporter runs is a variant-a problem only."""
    situation = Situation(
        mail_variant=MailVariant.B,
        platform_mail_accounts=True,
        performer_mail_service_running=False,
        inbox_emptied=True,
    )
    expected = ()
    assert expected == findings_in(situation)


@pytest.mark.parametrize("variant", list(MailVariant))
@pytest.mark.parametrize(
    ("exporter_running", "lands"),
    [(True, (Damage.CRM_MAIL_ACTIVITIES,)), (False, (Damage.NEVER_REACHES_PLATFORM,))],
)
def test_performer_mail_service_with_platform_accounts_is_a_blocker_in_either_variant(
    variant: MailVariant, exporter_running: bool, lands: tuple[Damage, ...]
) -> None:
    """S16, read with S14 for variant a: duplicates while the Exporter runs, mail lost to the platform once stopped."""
    situation = dataclasses.replace(
        CLEAN, mail_variant=variant, exporter_running=exporter_running, performer_mail_service_running=True
    )
    found = next(f for f in findings_in(situation) if f.id == "performer-mail-service-running")
    expected = (Severity.BLOCKER, lands)
    assert expected == (found.severity, found.lands)


def test_performer_mail_service_finding_says_where_the_mail_goes() -> None:
    """The message follows the Exporter: a second copy while it runs, no way into the platform once it is stopped."""
    service = dataclasses.replace(CLEAN, performer_mail_service_running=True)
    stopped = next(f for f in findings_in(service) if f.id == "performer-mail-service-running")
    running = next(
        f
        for f in findings_in(dataclasses.replace(service, mail_variant=MailVariant.B, exporter_running=True))
        if f.id == "performer-mail-service-running"
    )
    expected = (True, True, False)
    assert expected == (
        "zweites Mal" in running.message.get("de") and "second time" in running.message.get("en"),
        "nicht mehr in der Plattform an" in stopped.message.get("de")
        and "no longer reaches" in stopped.message.get("en"),
        running.message == stopped.message,
    )


def test_performer_mail_service_without_platform_accounts_is_no_finding() -> None:
    """Before the platform has mail accounts, Performer's running mail service is how mail arrives: no finding."""
    assert () == findings_in(Situation())


def test_variant_a_account_while_the_exporter_runs_blames_the_account_and_the_service() -> None:
    """In variant a an early platform account is a mistake (S15), and so is the mail service still running (S16)."""
    situation = Situation(platform_mail_accounts=True, inbox_emptied=True)
    expected = ("platform-account-in-variant-a", "performer-mail-service-running")
    assert expected == _ids(findings_in(situation))


def test_general_finding_of_a_check_with_cases() -> None:
    """Without a situation, a check with cases reports its general message and every place its damage can land."""
    service = next(c for c in CHECKS if c.id == "performer-mail-service-running")
    expected = (service.message, (Damage.CRM_MAIL_ACTIVITIES, Damage.NEVER_REACHES_PLATFORM))
    assert expected == (service.finding().message, service.finding().lands)


def test_every_case_lands_where_its_check_says() -> None:
    """A case's damage is among its check's, and together the cases name all of it."""
    for c in CHECKS:
        if c.cases:
            assert set(c.lands) == {place for case in c.cases for place in case.lands}, c.id


def test_message_for_a_damage() -> None:
    """For the symptom page: a case's message where it lands, the general message for a check without cases."""
    service = next(c for c in CHECKS if c.id == "performer-mail-service-running")
    inbox = next(c for c in CHECKS if c.id == "inbox-not-emptied")
    expected = (service.case_message(service.cases[1]), inbox.message)
    assert expected == (
        service.message_for(Damage.NEVER_REACHES_PLATFORM),
        inbox.message_for(Damage.CRM_MAIL_ACTIVITIES),
    )


def test_blockers_come_before_warnings() -> None:
    """A warning is listed after every blocker, even when its check comes first in CHECKS."""
    situation = dataclasses.replace(CLEAN, calendar_sync=True, performer_listings_online=True)
    expected = ("performer-listings-online", "calendar-sync-duplicates")
    assert expected == _ids(findings_in(situation))


def test_findings_of_one_severity_keep_the_order_of_checks() -> None:
    """Blockers are listed in the order of CHECKS."""
    situation = dataclasses.replace(CLEAN, performer_listings_online=True, contact_sync=True, inbox_emptied=False)
    expected = ("inbox-not-emptied", "address-book-not-empty", "performer-listings-online")
    assert expected == _ids(findings_in(situation))


def test_only_the_calendar_check_is_a_warning() -> None:
    """S24: calendar sync is a risk the customer accepts knowingly; every other check is a blocker."""
    expected = ["calendar-sync-duplicates"]
    assert expected == [c.id for c in CHECKS if c.severity is Severity.WARNING]


def test_finding_copies_the_check() -> None:
    """A check's finding carries its id, severity, damage, message and steps."""
    rule = CHECKS[0]
    assert Finding(rule.id, rule.severity, rule.lands, rule.message, rule.steps) == rule.finding()


def test_every_check_says_where_the_damage_lands() -> None:
    """Each check names at least one place, a statement and a step."""
    expected: list[object] = []
    assert expected == [c.id for c in CHECKS if not (c.lands and c.statements and c.steps)]


def test_every_check_message_in_both_languages() -> None:
    """Each check's message has German and English text, and a text in every further edition."""
    expected: list[object] = []
    assert expected == [c.id for c in CHECKS if not all(c.message.get(code) for code in codes())]


def test_damage_label() -> None:
    """A damage place has a name for readers in every edition; the German and English pinned."""
    label = Damage.MAILBOX.label
    assert ("Postfächer", "Mailboxes", codes()) == (label.get("de"), label.get("en"), label.languages)


def test_every_damage_has_a_label() -> None:
    """Every damage place has a German and an English label, and one in every further edition."""
    expected: list[object] = []
    assert expected == [d for d in Damage if not all(d.label.get(code) for code in codes())]


# --- load_situation -----------------------------------------------------------------------------------------------


def test_load_clean_situation(tmp_path: Path) -> None:
    """A file with the clean post-switch values loads as that situation."""
    path = _write(
        tmp_path,
        '# after the switch\nmail_variant = "a"\nwork_in_performer = false\nexporter_running = false\n'
        "performer_mail_service_running = false\nplatform_mail_accounts = true\ninbox_emptied = true\n"
        "performer_listings_online = false\nplatform_portals_active = true\nperformer_transfer_possible = false\n",
    )
    expected = CLEAN
    assert expected == load_situation(path)


def test_load_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    """Every key is optional: an empty file is the default situation."""
    assert Situation() == load_situation(_write(tmp_path, ""))


def test_load_mail_variant_b(tmp_path: Path) -> None:
    """``mail_variant = "b"`` becomes MailVariant.B."""
    expected = MailVariant.B
    assert expected == load_situation(_write(tmp_path, 'mail_variant = "b"\n')).mail_variant


def test_load_bad_toml_reports_the_line(tmp_path: Path) -> None:
    """A TOML syntax error is one problem, at its line."""
    path = _write(tmp_path, "exporter_running = false\ncalendar_sync = ja\n")
    assert [f"{path}:2: invalid TOML: Invalid value (column 17)"] == _problems(path)


def test_load_toml_error_at_end_of_document(tmp_path: Path) -> None:
    """A TOML error 'at end of document' is reported without a line."""
    path = _write(tmp_path, "exporter_running =")
    assert [f"{path}: invalid TOML: Invalid value (at the end of the file)"] == _problems(path)


def test_load_misspelt_key(tmp_path: Path) -> None:
    """A misspelt key is reported at its line, with the key that was probably meant."""
    path = _write(tmp_path, "exporter_running = false\ninbox_empty = true\n")
    assert [f"{path}:2: inbox_empty: unknown key (did you mean 'inbox_emptied'?)"] == _problems(path)


def test_load_unknown_key(tmp_path: Path) -> None:
    """A key like no known one is reported at its line, pointing to the README's list of keys."""
    path = _write(tmp_path, "exporter_running = false\nexporter_stopped = true\n")
    assert [f"{path}:2: exporter_stopped: {UNKNOWN}"] == _problems(path)


def test_load_unknown_table_is_reported_at_its_header(tmp_path: Path) -> None:
    """An unknown [table] is reported at the line of its header."""
    path = _write(tmp_path, "# where we list portals\n[portals]\nimmoscout = true\n")
    assert [f"{path}:2: portals: {UNKNOWN}"] == _problems(path)


def test_load_wrong_type(tmp_path: Path) -> None:
    """A yes/no key with another type is refused, naming the value."""
    path = _write(tmp_path, 'inbox_emptied = "yes"\n')
    assert [f"{path}:1: inbox_emptied: must be true or false, not 'yes'"] == _problems(path)


def test_load_bad_mail_variant(tmp_path: Path) -> None:
    """``mail_variant`` must be "a" or "b"."""
    path = _write(tmp_path, 'mail_variant = "c"\n')
    assert [f'{path}:1: mail_variant: must be "a" or "b", not \'c\''] == _problems(path)


def test_load_missing_file(tmp_path: Path) -> None:
    """A file that does not exist cannot be read."""
    path = tmp_path / "missing.toml"
    assert [f"{path}: cannot read: no such file or folder"] == _problems(path)


def test_load_a_folder(tmp_path: Path) -> None:
    """A folder instead of a file cannot be read."""
    assert [f"{tmp_path}: cannot read: this is a folder, not a file"] == _problems(tmp_path)


def test_load_file_that_is_not_utf8(tmp_path: Path) -> None:
    """A file saved in another encoding is reported at the line of the first bad byte."""
    path = tmp_path / "situation.toml"
    path.write_bytes(b"exporter_running = false\n# Plattform f\xfchrt\n")
    assert [f"{path}:2: cannot read: not UTF-8; save the file as UTF-8"] == _problems(path)


def test_load_reports_every_problem_at_once(tmp_path: Path) -> None:
    """Unknown keys, wrong types and a bad variant are all reported together, in file order."""
    path = _write(
        tmp_path,
        '# three problems\nmail_variant = "B"\nexporter_running = false\ncontact_sync = 1\nportal = true\n',
    )
    assert [
        f'{path}:2: mail_variant: must be "a" or "b", not \'B\'',
        f"{path}:4: contact_sync: must be true or false, not 1",
        f"{path}:5: portal: {UNKNOWN}",
    ] == _problems(path)
