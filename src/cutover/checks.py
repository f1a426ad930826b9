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

from cutover.catalogue import MailVariant, Text
from cutover.mail import platform_accounts_required

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
        label, _ = _DAMAGE_TEXTS[self]
        return label

    @property
    def symptom(self) -> Text:
        """What a customer sees, and reports, once this damage has landed."""
        _, symptom = _DAMAGE_TEXTS[self]
        return symptom


#: For each place damage lands: (what a customer calls it, what they see and report once the damage has landed).
_DAMAGE_TEXTS: dict[Damage, tuple[Text, Text]] = {
    Damage.CRM_CONTACTS: (
        Text("Kontakte in der Plattform", "Contacts in the platform"),
        Text("Kontakte stehen doppelt in der Plattform", "Contacts appear twice in the platform"),
    ),
    Damage.CRM_MAIL_ACTIVITIES: (
        Text("Mail-Aktivitäten in der Plattform", "Email activities in the platform"),
        Text(
            "Mails erscheinen doppelt in den Aktivitäten der Plattform",
            "Emails appear twice in the platform's activities",
        ),
    ),
    Damage.CRM_APPOINTMENTS: (
        Text("Termine in der Plattform", "Appointments in the platform"),
        Text("Termine stehen doppelt in der Plattform", "Appointments appear twice in the platform"),
    ),
    Damage.PORTAL_LISTINGS: (
        Text("Objekte auf den Portalen", "Listings on the portals"),
        Text(
            "Ein Objekt steht doppelt auf einem Portal, zum Beispiel auf ImmobilienScout24",
            "A listing appears twice on a portal, for example on ImmobilienScout24",
        ),
    ),
    Damage.PORTAL_COSTS: (
        Text("Kosten bei den Portalen", "Portal costs"),
        Text("Ein Portal berechnet Mehrkosten", "A portal charges extra"),
    ),
    Damage.MAILBOX: (
        Text("Postfächer", "Mailboxes"),
        Text(
            "Dasselbe Postfach ist im Performer und in der Plattform als Mailkonto eingerichtet",
            "The same mailbox is set up as an email account in both Performer and the platform",
        ),
    ),
    Damage.NEVER_REACHES_PLATFORM: (
        Text("Daten, die nie in der Plattform ankommen", "Data that never reaches the platform"),
        Text(
            "Was Sie im Performer erfasst haben, fehlt in der Plattform, oder neue Mails kommen dort nicht an",
            "What you entered in Performer is missing from the platform, or new email does not arrive there",
        ),
    ),
}

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
    """Where a check's damage lands in some situations, what its finding then says, and a situation that shows it."""

    when: Callable[[Situation], bool]
    lands: tuple[Damage, ...]
    message: Text
    example: Example = field(hash=False)  # a mapping cannot be hashed; the other fields tell cases apart


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """One duplicate rule: the statements it carries, when it fires, what it finds, and a situation that fires it.

    ``lands`` and ``message`` cover every situation it fires in; where the damage depends on the situation,
    ``cases`` say where it lands and what the finding says (the first case that holds; none: the general ones).
    """

    id: str
    statements: tuple[str, ...]
    fires: Callable[[Situation], bool]
    lands: tuple[Damage, ...]
    cases: tuple[Case, ...] = ()
    steps: tuple[str, ...]
    severity: Severity
    message: Text
    example: Example = field(hash=False)  # a mapping cannot be hashed; the other fields tell checks apart

    def finding(self, situation: Situation | None = None) -> Finding:
        """The finding this check reports when it fires, in ``situation`` if given, else in general."""
        case = next((c for c in self.cases if situation is not None and c.when(situation)), None)
        if case is None:
            return Finding(self.id, self.severity, self.lands, self.message, self.steps)
        return Finding(self.id, self.severity, case.lands, case.message, self.steps)

    def message_for(self, damage: Damage) -> Text:
        """What the check says when its damage lands at ``damage``: its case's message, or the general one."""
        return next((c.message for c in self.cases if damage in c.lands), self.message)


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
        message=Text(
            "Variante a: In der Plattform ist ein Mailkonto angelegt, obwohl die Mails noch über den Exporter "
            "verarbeitet werden. Das erzeugt Dubletten.",
            "Variant a: an email account exists in the platform while your email is still processed through the "
            "Exporter. This creates duplicates.",
        ),
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
                when=lambda s: s.exporter_running,
                lands=(Damage.CRM_MAIL_ACTIVITIES,),
                message=Text(
                    "Der Maildienst im Performer läuft noch, obwohl es Mailkonten in der Plattform gibt und der "
                    "ExporterV2 läuft. Mails, die in den Performer gelangen, bringt der Exporter nach der Lesart "
                    "dieser Anleitung ein zweites Mal in die Plattform.",
                    "Performer's mail service is still running although email accounts exist in the platform and "
                    "ExporterV2 is running. As this guide reads it, the Exporter carries email that gets into "
                    "Performer into the platform a second time.",
                ),
                example={"mail_variant": MailVariant.B, "platform_mail_accounts": True, "inbox_emptied": True},
            ),
            Case(
                when=lambda s: not s.exporter_running,
                lands=(Damage.NEVER_REACHES_PLATFORM,),
                message=Text(
                    "Der Maildienst im Performer läuft noch, obwohl der ExporterV2 gestoppt ist und es Mailkonten "
                    "in der Plattform gibt. Mails, die jetzt noch in den Performer gelangen, kommen über den "
                    "Exporter nicht mehr in der Plattform an.",
                    "Performer's mail service is still running although ExporterV2 is stopped and email accounts "
                    "exist in the platform. Email that still gets into Performer now no longer reaches the "
                    "platform through the Exporter.",
                ),
                example={**_AFTER_SWITCH, "performer_mail_service_running": True},
            ),
        ),
        steps=("mail-stop-performer-service", "mail-deactivate-performer-accounts"),
        severity=Severity.BLOCKER,
        message=Text(
            "Der Maildienst im Performer läuft noch, obwohl es Mailkonten in der Plattform gibt. "
            "Es gelangen also weiter Mails in den Performer. Nach der Lesart dieser Anleitung bringt der ExporterV2 "
            "sie ein zweites Mal in die Plattform, solange er läuft; ist er gestoppt, gelangen sie über ihn nicht "
            "mehr in die Plattform.",
            "Performer's mail service is still running although email accounts exist in the platform. "
            "So email still gets into Performer. As this guide reads it, ExporterV2 carries that email into the "
            "platform a second time while it is running; once it is stopped, that email no longer reaches the "
            "platform through it.",
        ),
        example={"mail_variant": MailVariant.B, "platform_mail_accounts": True, "inbox_emptied": True},
    ),
    Check(
        id="inbox-not-emptied",
        statements=("S21",),
        fires=lambda s: s.platform_mail_accounts and not s.inbox_emptied,
        lands=(Damage.CRM_MAIL_ACTIVITIES,),
        steps=("mail-empty-inbox",),
        severity=Severity.BLOCKER,
        message=Text(
            "Ein Postfach ist an die Plattform angebunden, aber sein Posteingang wurde nicht geleert. "
            "Die Mails darin sind schon über den Performer importiert und erscheinen doppelt.",
            "A mailbox is connected to the platform, but its inbox was not emptied. "
            "Its email was already imported through Performer and appears twice.",
        ),
        example={**_AFTER_SWITCH, "inbox_emptied": False},
    ),
    Check(
        id="address-book-not-empty",
        statements=("S20", "S22"),
        fires=lambda s: s.contact_sync and not s.address_book_empty,
        lands=(Damage.CRM_CONTACTS,),
        steps=("contacts-empty-address-book",),
        severity=Severity.BLOCKER,
        message=Text(
            "Der Kontaktesync ist aktiv, aber das persönliche Adressbuch ist nicht leer. "
            "Alle Kontakte darin kommen zusätzlich in die Plattform.",
            "Contact sync is on, but the personal address book is not empty. "
            "Every contact in it is added to the platform a second time.",
        ),
        example={**_AFTER_SWITCH, "contact_sync": True},
    ),
    Check(
        id="calendar-sync-duplicates",
        statements=("S24",),
        fires=lambda s: s.calendar_sync,
        lands=(Damage.CRM_APPOINTMENTS,),
        steps=("calendar-enable-sync",),
        severity=Severity.WARNING,
        message=Text(
            "Der Kalendersync ist aktiv. Doppelte Termine in der Plattform lassen sich derzeit nicht verhindern.",
            "Calendar sync is on. Duplicate appointments in the platform cannot currently be prevented.",
        ),
        example={**_AFTER_SWITCH, "calendar_sync": True},
    ),
    Check(
        id="performer-listings-online",
        statements=("S4", "S5", "S6"),
        fires=lambda s: s.platform_portals_active and s.performer_listings_online,
        lands=(Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
        steps=("portal-deactivate-listings", "portal-transmit-offline", "portal-verify-offline"),
        severity=Severity.BLOCKER,
        message=Text(
            "Die Portale sind in der Plattform aktiv, aber Objekte aus dem Performer sind noch online. "
            "Dann kann es dazu kommen, dass Sie Objekte doppelt inserieren und Mehrkosten bei den Portalen "
            "verursachen.",
            "The portals are active in the platform, but listings from Performer are still online. "
            "You may then advertise listings twice and run up extra costs with the portals.",
        ),
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
        message=Text(
            "Die Portale sind in der Plattform aktiv, aber aus dem Performer kann noch eine Portalübertragung "
            "gestartet werden. Sobald die Portalübertragung über die Plattform läuft, ist es laut FLOWFACT wichtig, "
            "dass niemand mehr aus dem Performer die Übertragung startet.",
            "The portals are active in the platform, but a portal transfer can still be started from Performer. "
            "Once the portal transfer runs through the platform, FLOWFACT says it is important that nobody starts a "
            "transfer from Performer any more.",
        ),
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
        message=Text(
            "Der ExporterV2 läuft noch, obwohl die Portale in der Plattform aktiv sind. "
            "FLOWFACT verlangt, ihn zu stoppen, bevor Sie die weiteren Punkte durchführen. "
            "Die Zuordnung der Objekte zu den Portalen übernimmt die Plattform aus dem letzten Export "
            "Ihres Performers. Was mit den Objekten auf den Portalen geschieht, wenn der ExporterV2 weiterläuft, "
            "sagt FLOWFACT nicht.",
            "ExporterV2 is still running although the portals are active in the platform. "
            "FLOWFACT requires it to be stopped before any further steps. "
            "The platform takes the assignment of listings to portals from your last Performer export. "
            "FLOWFACT does not say what happens to the listings on the portals if ExporterV2 keeps running.",
        ),
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
        message=Text(
            "Der ExporterV2 ist gestoppt, aber im Performer wird noch gearbeitet. "
            "Diese Arbeit gelangt nie in die Plattform.",
            "ExporterV2 is stopped, but people still work in Performer. That work never reaches the platform.",
        ),
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
        message=Text(
            "Der ExporterV2 ist gestoppt, aber in der Plattform gibt es keine Mailkonten. "
            "Neue Mails kommen in der Plattform nicht an.",
            "ExporterV2 is stopped, but there are no email accounts in the platform. "
            "New email does not reach the platform.",
        ),
        example={**_AFTER_SWITCH, "platform_mail_accounts": False},
    ),
    Check(
        id="mail-sent-from-performer-with-platform-accounts",
        statements=("S18",),
        fires=lambda s: s.mail_sent_from_performer and s.platform_mail_accounts,
        lands=(Damage.CRM_MAIL_ACTIVITIES,),
        steps=("mail-choose-variant",),
        severity=Severity.BLOCKER,
        message=Text(
            "Sie senden noch Mails aus dem Performer, und in der Plattform gibt es Mailkonten. "
            "Dann empfiehlt FLOWFACT, den gesamten Mailverkehr weiterhin im Performer abzubilden und auf keinen Fall "
            "Postfächer in der Plattform anzulegen.",
            "You still send email from Performer, and email accounts exist in the platform. "
            "In that case FLOWFACT recommends keeping all your email traffic in Performer and never creating "
            "mailboxes in the platform.",
        ),
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
        message=Text(
            "Sie senden noch Mails aus dem Performer, aber der ExporterV2 ist gestoppt. "
            "Diese Mails gelangen nie in die Plattform.",
            "You still send email from Performer, but ExporterV2 is stopped. That email never reaches the platform.",
        ),
        # With the Exporter stopped there either are platform accounts (another S18 finding) or there are none
        # (S14), so no situation shows this check alone.
        example={"mail_sent_from_performer": True, "exporter_running": False, "work_in_performer": False},
    ),
)
