"""Mail-variant rules (S13-S19, S25): when platform mail accounts are allowed or required, and who is not ready."""

from __future__ import annotations

from dataclasses import dataclass

from cutover.catalogue import MailVariant
from cutover.words import Text, word

__all__ = [
    "PLATFORM_SENDS_MAIL",
    "Readiness",
    "platform_accounts_allowed",
    "platform_accounts_required",
    "readiness",
]

#: S17: the platform cannot create or send mail itself; a mail program (e.g. Outlook with Office 365) is recommended.
PLATFORM_SENDS_MAIL = False


def platform_accounts_allowed(
    variant: MailVariant,
    *,
    exporter_running: bool,
    performer_service_running: bool,
    mail_sent_from_performer: bool = False,
) -> bool:
    """Whether mail accounts may exist in the platform now without creating duplicates.

    S18: while mail is still sent from Performer, never. S16: only once Performer's mail service is stopped, so that
    no more mail gets into Performer; in variant b that is the first mail step, in variant a (the runbook's reading
    of S14 with S16) it is done right after ExporterV2 is stopped. S15: in variant a, not while the Exporter still
    carries the mail activities.
    """
    if mail_sent_from_performer or performer_service_running:
        return False
    return variant is MailVariant.B or not exporter_running


def platform_accounts_required(*, exporter_running: bool) -> bool:
    """S14: once the Exporter is off, the platform needs the mail accounts, in either variant."""
    return not exporter_running


@dataclass(frozen=True, slots=True)
class Readiness:
    """Whether a customer can make the final switch, and if not, why and which steps to read."""

    ready: bool
    reason: Text | None
    steps: tuple[str, ...]


def readiness(*, mail_sent_from_performer: bool) -> Readiness:
    """S18 with S25 and S14: whoever still sends mail from Performer cannot stop the Exporter, so cannot switch yet."""
    if mail_sent_from_performer:
        return Readiness(False, word("readiness.not-ready"), ("lead-keep-exporter-running", "mail-choose-variant"))
    return Readiness(True, None, ())
