"""The duplicate checks, each in one place: when it fires and on which statements, where the damage lands, the fix.

Each check also carries an example situation that fires it (and each of its cases one that picks the case), so that
a new check brings its own proof; the tests run every example. This module needs ``Situation`` only for its types:
``cutover.duplicates`` defines it and imports the checks from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from cutover.catalogue import MailVariant
from cutover.mail import platform_accounts_required
from cutover.words import Text, word

if TYPE_CHECKING:
    from cutover.duplicates import Situation

__all__ = ["CHECKS", "Case", "Check", "Damage", "Example", "Finding", "Severity"]


class Severity(StrEnum):
    """A blocker stops the switch; a warning is a risk the customer accepts knowingly."""

    BLOCKER = "blocker"
    WARNING = "warning"


class Damage(StrEnum):
    """Where the damage lands when a check fails."""

    CRM_CONTACTS = "crm-contacts"
    CRM_MAIL_ACTIVITIES = "crm-mail-activities"
    CRM_APPOINTMENTS = "crm-appointments"
    PORTAL_LISTINGS = "portal-listings"
    PORTAL_COSTS = "portal-costs"
    MAILBOX = "mailbox"
    NEVER_REACHES_PLATFORM = "never-reaches-platform"

    @property
    def label(self) -> Text:
        """What a customer calls this place."""
        return word(f"damage.{self.value}.label")

    @property
    def symptom(self) -> Text:
        """What a customer sees, and reports, once this damage has landed."""
        return word(f"damage.{self.value}.symptom")


#: A situation as the fields it sets; every other field keeps its default, as in ``Situation()`` (before any step).
Example = Mapping[str, bool | MailVariant]


@dataclass(frozen=True, slots=True)
class Finding:
    """A duplicate or loss that the situation causes, and the steps that prevent or repair it."""

    id: str
    severity: Severity
    lands: tuple[Damage, ...]
    message: Text
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """Where a check's damage lands in some situations, and a situation that shows it.

    What its finding then says is the words table's ``check.<check id>.<name>``.
    """

    name: str
    when: Callable[[Situation], bool]
    lands: tuple[Damage, ...]
    example: Example = field(hash=False)  # a mapping cannot be hashed; the other fields tell cases apart


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """One duplicate rule: the statements it carries, when it fires, what it finds, and a situation that fires it.

    ``lands`` and ``message`` cover every situation it fires in; where the damage depends on the situation,
    ``cases`` say where it lands and what the finding says (the first case that holds; none: the general ones).
    What a check says, in each edition, is in the words table (``src/cutover/words.toml``) under ``check.<id>``.
    """

    id: str
    statements: tuple[str, ...]
    fires: Callable[[Situation], bool]
    lands: tuple[Damage, ...]
    cases: tuple[Case, ...] = ()
    steps: tuple[str, ...]
    severity: Severity
    example: Example = field(hash=False)  # a mapping cannot be hashed; the other fields tell checks apart

    @property
    def message(self) -> Text:
        """What the finding says in general."""
        return word(f"check.{self.id}.message")

    def case_message(self, case: Case) -> Text:
        """What the finding says in the situations of one of its cases."""
        return word(f"check.{self.id}.{case.name}")

    def finding(self, situation: Situation | None = None) -> Finding:
        """The finding this check reports when it fires, in ``situation`` if given, else in general."""
        case = next((c for c in self.cases if situation is not None and c.when(situation)), None)
        if case is None:
            return Finding(self.id, self.severity, self.lands, self.message, self.steps)
        return Finding(self.id, self.severity, case.lands, self.case_message(case), self.steps)

    def message_for(self, damage: Damage) -> Text:
        """What the check says when its damage lands at ``damage``: its case's message, or the general one."""
        return next((self.case_message(c) for c in self.cases if damage in c.lands), self.message)


#: The clean end of the switch in runbook/README.md's model (the platform leads, Performer is quiet), from which
#: most examples differ in one field.
_AFTER_SWITCH: Example = {
    "work_in_performer": False,
    "exporter_running": False,
    "performer_mail_service_running": False,
    "platform_mail_accounts": True,
    "inbox_emptied": True,
    "performer_listings_online": False,
    "platform_portals_active": True,
    "performer_transfer_possible": False,
}

CHECKS: tuple[Check, ...] = (
    Check(
        id="platform-account-in-variant-a",
        statements=("S15",),
        fires=lambda s: s.mail_variant is MailVariant.A and s.platform_mail_accounts and s.exporter_running,
        # S15: the same mailbox in both systems; S2 names the mailboxes among the places duplicates land.
        lands=(Damage.CRM_MAIL_ACTIVITIES, Damage.MAILBOX),
        steps=("mail-no-platform-account",),
        severity=Severity.BLOCKER,
        example={"platform_mail_accounts": True, "performer_mail_service_running": False, "inbox_emptied": True},
    ),
    Check(
        id="performer-mail-service-running",
        statements=("S16", "S14", "S27"),
        # S16's reason ("damit keine weiteren Mails in das Performer-System hinein gelangen können") holds in both
        # variants once the platform has the accounts: the runbook's reading of S14 with S16. Where the mail goes
        # then depends on the Exporter (S27: it is the only way from Performer into the platform).
        fires=lambda s: s.platform_mail_accounts and s.performer_mail_service_running,
        lands=(Damage.CRM_MAIL_ACTIVITIES, Damage.NEVER_REACHES_PLATFORM),
        cases=(
            Case(
                name="exporter-running",
                when=lambda s: s.exporter_running,
                lands=(Damage.CRM_MAIL_ACTIVITIES,),
                example={"mail_variant": MailVariant.B, "platform_mail_accounts": True, "inbox_emptied": True},
            ),
            Case(
                name="exporter-stopped",
                when=lambda s: not s.exporter_running,
                lands=(Damage.NEVER_REACHES_PLATFORM,),
                example={**_AFTER_SWITCH, "performer_mail_service_running": True},
            ),
        ),
        steps=("mail-stop-performer-service", "mail-deactivate-performer-accounts"),
        severity=Severity.BLOCKER,
        example={"mail_variant": MailVariant.B, "platform_mail_accounts": True, "inbox_emptied": True},
    ),
    Check(
        id="inbox-not-emptied",
        statements=("S21",),
        fires=lambda s: s.platform_mail_accounts and not s.inbox_emptied,
        lands=(Damage.CRM_MAIL_ACTIVITIES,),
        steps=("mail-empty-inbox",),
        severity=Severity.BLOCKER,
        example={**_AFTER_SWITCH, "inbox_emptied": False},
    ),
    Check(
        id="address-book-not-empty",
        statements=("S20", "S22"),
        fires=lambda s: s.contact_sync and not s.address_book_empty,
        lands=(Damage.CRM_CONTACTS,),
        steps=("contacts-empty-address-book",),
        severity=Severity.BLOCKER,
        example={**_AFTER_SWITCH, "contact_sync": True},
    ),
    Check(
        id="calendar-sync-duplicates",
        statements=("S24",),
        fires=lambda s: s.calendar_sync,
        lands=(Damage.CRM_APPOINTMENTS,),
        steps=("calendar-enable-sync",),
        severity=Severity.WARNING,
        example={**_AFTER_SWITCH, "calendar_sync": True},
    ),
    Check(
        id="performer-listings-online",
        statements=("S4", "S5", "S6"),
        fires=lambda s: s.platform_portals_active and s.performer_listings_online,
        lands=(Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
        steps=("portal-deactivate-listings", "portal-transmit-offline", "portal-verify-offline"),
        severity=Severity.BLOCKER,
        example={**_AFTER_SWITCH, "performer_listings_online": True},
    ),
    Check(
        id="performer-transfer-possible",
        statements=("S28",),
        fires=lambda s: s.platform_portals_active and s.performer_transfer_possible,
        # S28 gives no reason; S2 says that not following the steps risks duplicates on the portals, and S5 that
        # listings advertised twice cost extra.
        lands=(Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
        steps=("portal-block-performer-transfer",),
        severity=Severity.BLOCKER,
        example={**_AFTER_SWITCH, "performer_transfer_possible": True},
    ),
    Check(
        id="exporter-running-with-platform-portals",
        statements=("S3", "S9", "S2"),
        fires=lambda s: s.exporter_running and s.platform_portals_active,
        # S2: leaving out a step or changing the order risks duplicates, on the portals among other places.
        lands=(Damage.PORTAL_LISTINGS,),
        steps=("portal-stop-exporter",),
        severity=Severity.BLOCKER,
        example={
            "platform_portals_active": True,
            "performer_listings_online": False,
            "performer_transfer_possible": False,
        },
    ),
    Check(
        id="exporter-stopped-while-working-in-performer",
        statements=("S25", "S26"),
        fires=lambda s: not s.exporter_running and s.work_in_performer,
        lands=(Damage.NEVER_REACHES_PLATFORM,),
        steps=("lead-keep-exporter-running", "lead-inform-staff", "lead-stop-work-in-performer"),
        severity=Severity.BLOCKER,
        example={**_AFTER_SWITCH, "work_in_performer": True},
    ),
    Check(
        id="exporter-stopped-without-mail-accounts",
        statements=("S14", "S19"),
        fires=lambda s: (
            platform_accounts_required(exporter_running=s.exporter_running) and not s.platform_mail_accounts
        ),
        lands=(Damage.NEVER_REACHES_PLATFORM,),
        steps=("mail-create-platform-accounts",),
        severity=Severity.BLOCKER,
        example={**_AFTER_SWITCH, "platform_mail_accounts": False},
    ),
    Check(
        id="mail-sent-from-performer-with-platform-accounts",
        statements=("S18",),
        fires=lambda s: s.mail_sent_from_performer and s.platform_mail_accounts,
        lands=(Damage.CRM_MAIL_ACTIVITIES,),
        steps=("mail-choose-variant",),
        severity=Severity.BLOCKER,
        example={
            "mail_variant": MailVariant.B,
            "mail_sent_from_performer": True,
            "platform_mail_accounts": True,
            "performer_mail_service_running": False,
            "inbox_emptied": True,
        },
    ),
    Check(
        id="mail-sent-from-performer-exporter-stopped",
        statements=("S18", "S25"),
        fires=lambda s: s.mail_sent_from_performer and not s.exporter_running,
        lands=(Damage.NEVER_REACHES_PLATFORM,),
        steps=("lead-keep-exporter-running", "mail-choose-variant"),
        severity=Severity.BLOCKER,
        # With the Exporter stopped there either are platform accounts (another S18 finding) or there are none
        # (S14), so no situation shows this check alone.
        example={"mail_sent_from_performer": True, "exporter_running": False, "work_in_performer": False},
    ),
)
