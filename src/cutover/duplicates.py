"""Duplicate checks: from a description of a customer's situation to findings, each naming the damage and the fix."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cutover._toml import read_toml
from cutover.catalogue import MailVariant, Text
from cutover.errors import Problem, SituationError
from cutover.mail import platform_accounts_required
from cutover.messages import Message, shown

__all__ = [
    "CHECKS",
    "Case",
    "Check",
    "Damage",
    "Finding",
    "Severity",
    "Situation",
    "Symptom",
    "check",
    "load_situation",
    "symptoms",
]


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
        return _DAMAGE_LABELS[self]

    @property
    def symptom(self) -> Text:
        """What a customer sees, and reports, once this damage has landed."""
        return _SYMPTOMS[self]


_DAMAGE_LABELS = {
    Damage.CRM_CONTACTS: Text("Kontakte in der Plattform", "Contacts in the platform"),
    Damage.CRM_MAIL_ACTIVITIES: Text("Mail-Aktivitäten in der Plattform", "Email activities in the platform"),
    Damage.CRM_APPOINTMENTS: Text("Termine in der Plattform", "Appointments in the platform"),
    Damage.PORTAL_LISTINGS: Text("Objekte auf den Portalen", "Listings on the portals"),
    Damage.PORTAL_COSTS: Text("Kosten bei den Portalen", "Portal costs"),
    Damage.MAILBOX: Text("Postfächer", "Mailboxes"),
    Damage.NEVER_REACHES_PLATFORM: Text(
        "Daten, die nie in der Plattform ankommen", "Data that never reaches the platform"
    ),
}

_SYMPTOMS = {
    Damage.CRM_CONTACTS: Text("Kontakte stehen doppelt in der Plattform", "Contacts appear twice in the platform"),
    Damage.CRM_MAIL_ACTIVITIES: Text(
        "Mails erscheinen doppelt in den Aktivitäten der Plattform", "Emails appear twice in the platform's activities"
    ),
    Damage.CRM_APPOINTMENTS: Text(
        "Termine stehen doppelt in der Plattform", "Appointments appear twice in the platform"
    ),
    Damage.PORTAL_LISTINGS: Text(
        "Ein Objekt steht doppelt auf einem Portal, zum Beispiel auf ImmobilienScout24",
        "A listing appears twice on a portal, for example on ImmobilienScout24",
    ),
    Damage.PORTAL_COSTS: Text("Ein Portal berechnet Mehrkosten", "A portal charges extra"),
    Damage.MAILBOX: Text(
        "Dasselbe Postfach ist im Performer und in der Plattform als Mailkonto eingerichtet",
        "The same mailbox is set up as an email account in both Performer and the platform",
    ),
    Damage.NEVER_REACHES_PLATFORM: Text(
        "Was Sie im Performer erfasst haben, fehlt in der Plattform, oder neue Mails kommen dort nicht an",
        "What you entered in Performer is missing from the platform, or new email does not arrive there",
    ),
}


@dataclass(frozen=True, slots=True)
class Situation:
    """Where a customer stands; the defaults describe the transition before any step, when nothing is wrong yet."""

    mail_variant: MailVariant = field(
        default=MailVariant.A,
        metadata={
            "help": Text('die gewählte Mail-Variante, `"a"` oder `"b"`.', 'the chosen email variant, `"a"` or `"b"`.')
        },
    )
    mail_sent_from_performer: bool = field(
        default=False,
        metadata={
            "help": Text(
                "Es werden noch Mails aus dem Performer gesendet.", "Emails are still being sent from Performer."
            )
        },
    )
    work_in_performer: bool = field(
        default=True,
        metadata={"help": Text("Jemand arbeitet noch im Performer.", "Someone is still working in Performer.")},
    )
    exporter_running: bool = field(
        default=True, metadata={"help": Text("Der ExporterV2 läuft.", "ExporterV2 is running.")}
    )
    performer_mail_service_running: bool = field(
        default=True,
        metadata={"help": Text("Der Maildienst im Performer läuft.", "The mail service in Performer is running.")},
    )
    platform_mail_accounts: bool = field(
        default=False,
        metadata={
            "help": Text(
                "In der Plattform sind Mailkonten angelegt.", "Email accounts have been created in the platform."
            )
        },
    )
    inbox_emptied: bool = field(
        default=False,
        metadata={
            "help": Text(
                "Der Posteingang wurde vor dem Anbinden gesichert und geleert.",
                "The inbox was backed up and emptied before the mailbox was connected.",
            )
        },
    )
    contact_sync: bool = field(
        default=False, metadata={"help": Text("Der Kontaktesync ist aktiv.", "Contact sync is on.")}
    )
    address_book_empty: bool = field(
        default=False,
        metadata={
            "help": Text(
                "Das persönliche Adressbuch war vor dem Kontaktesync leer.",
                "The personal address book was empty before contact sync.",
            )
        },
    )
    calendar_sync: bool = field(
        default=False, metadata={"help": Text("Der Kalendersync ist aktiv.", "Calendar sync is on.")}
    )
    performer_listings_online: bool = field(
        default=True,
        metadata={
            "help": Text(
                "Objekte aus dem Performer sind noch auf den Portalen online.",
                "Listings from Performer are still online on the portals.",
            )
        },
    )
    platform_portals_active: bool = field(
        default=False,
        metadata={
            "help": Text("Die Portale sind in der Plattform aktiviert.", "The portals are activated in the platform.")
        },
    )
    performer_transfer_possible: bool = field(
        default=True,
        metadata={
            "help": Text(
                "Aus dem Performer kann noch eine Portalübertragung gestartet werden.",
                "A portal transfer can still be started from Performer.",
            )
        },
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """A duplicate or loss that the situation causes, and the steps that prevent or repair it."""

    id: str
    severity: Severity
    lands: tuple[Damage, ...]
    message: Text
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Case:
    """Where a check's damage lands in some situations, and what its finding then says."""

    when: Callable[[Situation], bool]
    lands: tuple[Damage, ...]
    message: Text


@dataclass(frozen=True, slots=True)
class Check:
    """One duplicate rule: when it fires, what it finds, and which source statements it carries.

    ``lands`` and ``message`` cover every situation it fires in; where the damage depends on the situation,
    ``cases`` say where it lands and what the finding says (the first case that holds; none: the general ones).
    """

    id: str
    severity: Severity
    lands: tuple[Damage, ...]
    steps: tuple[str, ...]
    statements: tuple[str, ...]
    message: Text
    fires: Callable[[Situation], bool]
    cases: tuple[Case, ...] = ()

    def finding(self, situation: Situation | None = None) -> Finding:
        """The finding this check reports when it fires, in ``situation`` if given, else in general."""
        case = next((c for c in self.cases if situation is not None and c.when(situation)), None)
        if case is None:
            return Finding(self.id, self.severity, self.lands, self.message, self.steps)
        return Finding(self.id, self.severity, case.lands, case.message, self.steps)

    def message_for(self, damage: Damage) -> Text:
        """What the check says when its damage lands at ``damage``: its case's message, or the general one."""
        return next((c.message for c in self.cases if damage in c.lands), self.message)


CHECKS: tuple[Check, ...] = (
    Check(
        "platform-account-in-variant-a",
        Severity.BLOCKER,
        # S15: the same mailbox in both systems; S2 names the mailboxes among the places duplicates land.
        (Damage.CRM_MAIL_ACTIVITIES, Damage.MAILBOX),
        ("mail-no-platform-account",),
        ("S15",),
        Text(
            "Variante a: In der Plattform ist ein Mailkonto angelegt, obwohl die Mails noch über den Exporter "
            "verarbeitet werden. Das erzeugt Dubletten.",
            "Variant a: an email account exists in the platform while your email is still processed through the "
            "Exporter. This creates duplicates.",
        ),
        lambda s: s.mail_variant is MailVariant.A and s.platform_mail_accounts and s.exporter_running,
    ),
    Check(
        "performer-mail-service-running",
        Severity.BLOCKER,
        (Damage.CRM_MAIL_ACTIVITIES, Damage.NEVER_REACHES_PLATFORM),
        ("mail-stop-performer-service", "mail-deactivate-performer-accounts"),
        ("S16", "S14", "S27"),
        Text(
            "Der Maildienst im Performer läuft noch, obwohl es Mailkonten in der Plattform gibt. "
            "Es gelangen also weiter Mails in den Performer. Nach der Lesart dieser Anleitung bringt der ExporterV2 "
            "sie ein zweites Mal in die Plattform, solange er läuft; ist er gestoppt, gelangen sie über ihn nicht "
            "mehr in die Plattform.",
            "Performer's mail service is still running although email accounts exist in the platform. "
            "So email still gets into Performer. As this guide reads it, ExporterV2 carries that email into the "
            "platform a second time while it is running; once it is stopped, that email no longer reaches the "
            "platform through it.",
        ),
        # S16's reason ("damit keine weiteren Mails in das Performer-System hinein gelangen können") holds in both
        # variants once the platform has the accounts: the runbook's reading of S14 with S16. Where the mail goes
        # then depends on the Exporter (S27: it is the only way from Performer into the platform).
        lambda s: s.platform_mail_accounts and s.performer_mail_service_running,
        (
            Case(
                lambda s: s.exporter_running,
                (Damage.CRM_MAIL_ACTIVITIES,),
                Text(
                    "Der Maildienst im Performer läuft noch, obwohl es Mailkonten in der Plattform gibt und der "
                    "ExporterV2 läuft. Mails, die in den Performer gelangen, bringt der Exporter nach der Lesart "
                    "dieser Anleitung ein zweites Mal in die Plattform.",
                    "Performer's mail service is still running although email accounts exist in the platform and "
                    "ExporterV2 is running. As this guide reads it, the Exporter carries email that gets into "
                    "Performer into the platform a second time.",
                ),
            ),
            Case(
                lambda s: not s.exporter_running,
                (Damage.NEVER_REACHES_PLATFORM,),
                Text(
                    "Der Maildienst im Performer läuft noch, obwohl der ExporterV2 gestoppt ist und es Mailkonten "
                    "in der Plattform gibt. Mails, die jetzt noch in den Performer gelangen, kommen über den "
                    "Exporter nicht mehr in der Plattform an.",
                    "Performer's mail service is still running although ExporterV2 is stopped and email accounts "
                    "exist in the platform. Email that still gets into Performer now no longer reaches the "
                    "platform through the Exporter.",
                ),
            ),
        ),
    ),
    Check(
        "inbox-not-emptied",
        Severity.BLOCKER,
        (Damage.CRM_MAIL_ACTIVITIES,),
        ("mail-empty-inbox",),
        ("S21",),
        Text(
            "Ein Postfach ist an die Plattform angebunden, aber sein Posteingang wurde nicht geleert. "
            "Die Mails darin sind schon über den Performer importiert und erscheinen doppelt.",
            "A mailbox is connected to the platform, but its inbox was not emptied. "
            "Its email was already imported through Performer and appears twice.",
        ),
        lambda s: s.platform_mail_accounts and not s.inbox_emptied,
    ),
    Check(
        "address-book-not-empty",
        Severity.BLOCKER,
        (Damage.CRM_CONTACTS,),
        ("contacts-empty-address-book",),
        ("S20", "S22"),
        Text(
            "Der Kontaktesync ist aktiv, aber das persönliche Adressbuch ist nicht leer. "
            "Alle Kontakte darin kommen zusätzlich in die Plattform.",
            "Contact sync is on, but the personal address book is not empty. "
            "Every contact in it is added to the platform a second time.",
        ),
        lambda s: s.contact_sync and not s.address_book_empty,
    ),
    Check(
        "calendar-sync-duplicates",
        Severity.WARNING,
        (Damage.CRM_APPOINTMENTS,),
        ("calendar-enable-sync",),
        ("S24",),
        Text(
            "Der Kalendersync ist aktiv. Doppelte Termine in der Plattform lassen sich derzeit nicht verhindern.",
            "Calendar sync is on. Duplicate appointments in the platform cannot currently be prevented.",
        ),
        lambda s: s.calendar_sync,
    ),
    Check(
        "performer-listings-online",
        Severity.BLOCKER,
        (Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
        ("portal-deactivate-listings", "portal-transmit-offline", "portal-verify-offline"),
        ("S4", "S5", "S6"),
        Text(
            "Die Portale sind in der Plattform aktiv, aber Objekte aus dem Performer sind noch online. "
            "Dann kann es dazu kommen, dass Sie Objekte doppelt inserieren und Mehrkosten bei den Portalen "
            "verursachen.",
            "The portals are active in the platform, but listings from Performer are still online. "
            "You may then advertise listings twice and run up extra costs with the portals.",
        ),
        lambda s: s.platform_portals_active and s.performer_listings_online,
    ),
    Check(
        "performer-transfer-possible",
        Severity.BLOCKER,
        (Damage.PORTAL_LISTINGS, Damage.PORTAL_COSTS),
        ("portal-block-performer-transfer",),
        ("S28",),
        Text(
            "Die Portale sind in der Plattform aktiv, aber aus dem Performer kann noch eine Portalübertragung "
            "gestartet werden. Sobald die Portalübertragung über die Plattform läuft, ist es laut FLOWFACT wichtig, "
            "dass niemand mehr aus dem Performer die Übertragung startet.",
            "The portals are active in the platform, but a portal transfer can still be started from Performer. "
            "Once the portal transfer runs through the platform, FLOWFACT says it is important that nobody starts a "
            "transfer from Performer any more.",
        ),
        # S28 gives no reason; S2 says that not following the steps risks duplicates on the portals, and S5 that
        # listings advertised twice cost extra.
        lambda s: s.platform_portals_active and s.performer_transfer_possible,
    ),
    Check(
        "exporter-running-with-platform-portals",
        Severity.BLOCKER,
        # S2: leaving out a step or changing the order risks duplicates, on the portals among other places.
        (Damage.PORTAL_LISTINGS,),
        ("portal-stop-exporter",),
        ("S3", "S9", "S2"),
        Text(
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
        lambda s: s.exporter_running and s.platform_portals_active,
    ),
    Check(
        "exporter-stopped-while-working-in-performer",
        Severity.BLOCKER,
        (Damage.NEVER_REACHES_PLATFORM,),
        ("lead-keep-exporter-running", "lead-inform-staff", "lead-stop-work-in-performer"),
        ("S25", "S26"),
        Text(
            "Der ExporterV2 ist gestoppt, aber im Performer wird noch gearbeitet. "
            "Diese Arbeit gelangt nie in die Plattform.",
            "ExporterV2 is stopped, but people still work in Performer. That work never reaches the platform.",
        ),
        lambda s: not s.exporter_running and s.work_in_performer,
    ),
    Check(
        "exporter-stopped-without-mail-accounts",
        Severity.BLOCKER,
        (Damage.NEVER_REACHES_PLATFORM,),
        ("mail-create-platform-accounts",),
        ("S14", "S19"),
        Text(
            "Der ExporterV2 ist gestoppt, aber in der Plattform gibt es keine Mailkonten. "
            "Neue Mails kommen in der Plattform nicht an.",
            "ExporterV2 is stopped, but there are no email accounts in the platform. "
            "New email does not reach the platform.",
        ),
        lambda s: platform_accounts_required(exporter_running=s.exporter_running) and not s.platform_mail_accounts,
    ),
    Check(
        "mail-sent-from-performer-with-platform-accounts",
        Severity.BLOCKER,
        (Damage.CRM_MAIL_ACTIVITIES,),
        ("mail-choose-variant",),
        ("S18",),
        Text(
            "Sie senden noch Mails aus dem Performer, und in der Plattform gibt es Mailkonten. "
            "Dann empfiehlt FLOWFACT, den gesamten Mailverkehr weiterhin im Performer abzubilden und auf keinen Fall "
            "Postfächer in der Plattform anzulegen.",
            "You still send email from Performer, and email accounts exist in the platform. "
            "In that case FLOWFACT recommends keeping all your email traffic in Performer and never creating "
            "mailboxes in the platform.",
        ),
        lambda s: s.mail_sent_from_performer and s.platform_mail_accounts,
    ),
    Check(
        "mail-sent-from-performer-exporter-stopped",
        Severity.BLOCKER,
        (Damage.NEVER_REACHES_PLATFORM,),
        ("lead-keep-exporter-running", "mail-choose-variant"),
        ("S18", "S25"),
        Text(
            "Sie senden noch Mails aus dem Performer, aber der ExporterV2 ist gestoppt. "
            "Diese Mails gelangen nie in die Plattform.",
            "You still send email from Performer, but ExporterV2 is stopped. That email never reaches the platform.",
        ),
        lambda s: s.mail_sent_from_performer and not s.exporter_running,
    ),
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


def check(situation: Situation) -> tuple[Finding, ...]:
    """Every finding for this situation, blockers first, each group in the order of ``CHECKS``."""
    found = [c.finding(situation) for c in CHECKS if c.fires(situation)]
    return tuple(sorted(found, key=lambda f: f.severity is not Severity.BLOCKER))


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
