"""Each pin passes on a claim the catalogue makes and fails, naming what the package says, on one it does not."""

from __future__ import annotations

import pytest

from cutover import pins
from cutover.catalogue import Answers, Applies, Kind, MailVariant
from cutover.checks import Damage


def test_before() -> None:
    pins.before("lead-decide", "portal-stop-exporter")
    pins.before("mail-create-platform-accounts", "portal-stop-exporter", MailVariant.B)
    with pytest.raises(AssertionError, match=r"expected portal-stop-exporter before lead-decide in every plan, but"):
        pins.before("portal-stop-exporter", "lead-decide")
    with pytest.raises(AssertionError, match=r"in every plan of variant a, but"):
        pins.before("mail-create-platform-accounts", "portal-stop-exporter", MailVariant.A)


def test_directly_after() -> None:
    pins.directly_after("mail-stop-performer-service", "portal-stop-exporter", MailVariant.A)
    with pytest.raises(AssertionError, match=r"expected mail-stop-performer-service right after portal-stop-exporter"):
        pins.directly_after("mail-stop-performer-service", "portal-stop-exporter", MailVariant.B)


def test_waits_for() -> None:
    pins.waits_for("portal-stop-exporter", "lead-decide")
    pins.does_not_wait_for("mail-stop-performer-service", "portal-stop-exporter", MailVariant.B)
    with pytest.raises(AssertionError, match=r"expected lead-decide to wait for portal-stop-exporter, but"):
        pins.waits_for("lead-decide", "portal-stop-exporter")
    with pytest.raises(AssertionError, match=r"not to wait for lead-decide, but the catalogue makes it wait"):
        pins.does_not_wait_for("portal-stop-exporter", "lead-decide")


def test_carries() -> None:
    pins.carries("lead-decide", "S1", "S2")
    with pytest.raises(AssertionError, match=r"expected lead-decide to carry S3, but it carries S1"):
        pins.carries("lead-decide", "S1", "S3")


def test_fires_and_never_fires() -> None:
    pins.fires("address-book-not-empty", contact_sync=True)
    pins.never_fires("address-book-not-empty", contact_sync=True, address_book_empty=True)
    with pytest.raises(AssertionError, match=r"expected address-book-not-empty to fire for \{\}, but what fired is"):
        pins.fires("address-book-not-empty")
    with pytest.raises(AssertionError, match=r"expected address-book-not-empty not to fire for .* but it fired"):
        pins.never_fires("address-book-not-empty", contact_sync=True)


def test_findings_are() -> None:
    pins.findings_are(set())
    pins.findings_are({"calendar-sync-duplicates"}, calendar_sync=True)
    with pytest.raises(AssertionError, match=r"expected exactly \[\] to fire for .* is \['calendar-sync-duplicates'\]"):
        pins.findings_are(set(), calendar_sync=True)


def test_applies_only_and_kind_is() -> None:
    pins.applies_only("mail-no-platform-account", Applies.VARIANT_A)
    pins.kind_is("lead-keep-exporter-running", Kind.RULE)
    with pytest.raises(AssertionError, match=r"expected mail-no-platform-account to apply variant-b, but it applies"):
        pins.applies_only("mail-no-platform-account", Applies.VARIANT_B)
    with pytest.raises(AssertionError, match=r"expected lead-decide to be a rule, but it is a action"):
        pins.kind_is("lead-decide", Kind.RULE)


def test_holds_until_and_from() -> None:
    pins.holds_until("lead-keep-exporter-running", "portal-stop-exporter")
    pins.holds_from("portal-block-performer-transfer", "portal-activate")
    pins.holds_until("lead-decide", None)
    pins.holds_from("lead-decide", None)
    with pytest.raises(AssertionError, match=r"to hold until portal-activate, but it holds until portal-stop-exporter"):
        pins.holds_until("lead-keep-exporter-running", "portal-activate")
    with pytest.raises(AssertionError, match=r"to hold from portal-stop-exporter, but it holds from portal-activate"):
        pins.holds_from("portal-block-performer-transfer", "portal-stop-exporter")


def test_recommended() -> None:
    pins.recommended("mail-connect-client")
    pins.recommended("lead-decide", is_recommended=False)
    with pytest.raises(AssertionError, match=r"expected lead-decide to be recommended, but"):
        pins.recommended("lead-decide")
    with pytest.raises(AssertionError, match=r"expected mail-connect-client to be required, but"):
        pins.recommended("mail-connect-client", is_recommended=False)


def test_steps_of() -> None:
    assert pins.steps_of("address-book-not-empty") == ("contacts-empty-address-book",)


# added for docs/mail-kontakte-kalender.md and docs/planer.md


def test_lands() -> None:
    pins.lands("inbox-not-emptied", Damage.CRM_MAIL_ACTIVITIES)
    pins.lands("performer-listings-online", Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS)
    expected = r"expected inbox-not-emptied to land at crm-contacts, but it lands at crm-mail-activities$"
    with pytest.raises(AssertionError, match=expected):
        pins.lands("inbox-not-emptied", Damage.CRM_CONTACTS)
    with pytest.raises(AssertionError, match=r"to land at nowhere, but it lands at portal-listings, portal-costs"):
        pins.lands("performer-listings-online")


# added for fuehrendes-system, checkliste-variante-a, checkliste-variante-b, portale


def test_first() -> None:
    pins.first("lead-decide")
    pins.first("portal-stop-exporter", area="portal")
    with pytest.raises(AssertionError, match=r"expected portal-stop-exporter as the first of every plan, but for"):
        pins.first("portal-stop-exporter")
    with pytest.raises(AssertionError, match=r"expected portal-activate as the first portal step of every plan, but"):
        pins.first("portal-activate", area="portal")


def test_in_a_row() -> None:
    pins.in_a_row("portal-stop-exporter", "mail-stop-performer-service", variant=MailVariant.A)
    pins.in_a_row("mail-stop-performer-service", "mail-deactivate-performer-accounts", variant=MailVariant.B)
    with pytest.raises(AssertionError, match=r"expected portal-stop-exporter, mail-stop-performer-service in a row in"):
        pins.in_a_row("portal-stop-exporter", "mail-stop-performer-service")
    with pytest.raises(AssertionError, match=r"in a row in every plan of variant a, but for"):
        pins.in_a_row("mail-deactivate-performer-accounts", "mail-empty-inbox", variant=MailVariant.A)


def test_in_plan_and_not_in_plan() -> None:
    with_contacts = Answers(MailVariant.A, contact_sync=True)
    pins.in_plan("contacts-enable-sync", "lead-decide", of=with_contacts)
    pins.in_plan("mail-deactivate-performer-accounts", of=MailVariant.B)
    pins.not_in_plan("calendar-enable-sync", of=with_contacts)
    pins.not_in_plan("mail-no-platform-account", of=MailVariant.B)
    with pytest.raises(AssertionError, match=r"expected calendar-enable-sync in the plan for .*, but the plan is \["):
        pins.in_plan("lead-decide", "calendar-enable-sync", of=with_contacts)
    with pytest.raises(AssertionError, match=r"expected mail-no-platform-account in every plan, but for"):
        pins.in_plan("mail-no-platform-account")
    with pytest.raises(AssertionError, match=r"expected contacts-enable-sync not in the plan for .*, but the plan is"):
        pins.not_in_plan("calendar-enable-sync", "contacts-enable-sync", of=with_contacts)
    with pytest.raises(AssertionError, match=r"expected lead-decide in no plan of variant b, but for"):
        pins.not_in_plan("lead-decide", of=MailVariant.B)
