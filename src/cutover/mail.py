"""Mail-variant rules (S13-S19, S25): when platform mail accounts are allowed or required, and who is not ready."""

from __future__ import annotations

from dataclasses import dataclass

from cutover.catalogue import MailVariant, Text

__all__ = [
    "PLATFORM_SENDS_MAIL",
    "Readiness",
    "platform_accounts_allowed",
    "platform_accounts_required",
    "readiness",
    "stop_performer_service_first",
]

#: S17: the platform cannot create or send mail itself; a mail program (e.g. Outlook with Office 365) is needed.
PLATFORM_SENDS_MAIL = False


def stop_performer_service_first(variant: MailVariant) -> bool:
    """S16: in variant b, Performer's mail service is stopped before mail is processed in the platform."""
    return variant is MailVariant.B


def platform_accounts_allowed(
    variant: MailVariant,
    *,
    exporter_running: bool,
    performer_service_running: bool,
    mail_sent_from_performer: bool = False,
) -> bool:
    """Whether mail accounts may exist in the platform now without creating duplicates.

    S18: while mail is still sent from Performer, never. S15: in variant a, not while the Exporter still
    carries the mail activities. S16: in variant b, only once Performer's mail service is stopped.
    """
    if mail_sent_from_performer:
        return False
    if variant is MailVariant.A:
        return not exporter_running
    return not performer_service_running


def platform_accounts_required(*, exporter_running: bool) -> bool:
    """S14: once the Exporter is off, the platform needs the mail accounts, in either variant."""
    return not exporter_running


@dataclass(frozen=True, slots=True)
class Readiness:
    """Whether a customer can make the final switch, and if not, why and which steps to read."""

    ready: bool
    reason: Text | None
    steps: tuple[str, ...]


_NOT_READY = Text(
    de=(
        "Sie möchten weiterhin Mails aus dem Performer senden. Dann bleibt der Performer das führende System: "
        "Der ExporterV2 muss weiterlaufen, und in der Plattform darf kein Postfach angelegt werden. "
        "Klären Sie zuerst mit dem Servicedesk, wie Sie Ihren Mailverkehr umstellen."
    ),
    en=(
        "You want to keep sending mail from Performer. That means Performer remains the leading system: "
        "ExporterV2 must keep running, and no mailbox may be created in the platform. "
        "First, clarify with the service desk how to move your mail over."
    ),
)


def readiness(*, mail_sent_from_performer: bool) -> Readiness:
    """S18 with S25 and S14: whoever still sends mail from Performer cannot stop the Exporter, so cannot switch yet."""
    if mail_sent_from_performer:
        return Readiness(False, _NOT_READY, ("lead-keep-exporter-running", "mail-choose-variant"))
    return Readiness(True, None, ())
