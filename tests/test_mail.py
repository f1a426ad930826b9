"""Unit tests of cutover.mail: the mail-variant rules S13-S19 and S25."""

from __future__ import annotations

import pytest

from cutover.catalogue import MailVariant
from cutover.mail import (
    PLATFORM_SENDS_MAIL,
    Readiness,
    platform_accounts_allowed,
    platform_accounts_required,
    readiness,
)


def test_platform_cannot_send_mail() -> None:
    """S17: the platform cannot create or send mail itself."""
    assert PLATFORM_SENDS_MAIL is False


@pytest.mark.parametrize(
    ("exporter_running", "performer_service_running", "expected"),
    [(True, True, False), (True, False, False), (False, True, False), (False, False, True)],
)
def test_variant_a_allows_accounts_only_once_the_exporter_and_the_performer_service_are_off(
    exporter_running: bool, performer_service_running: bool, expected: bool
) -> None:
    """S15: not while the Exporter carries the mail; S16 read with S14: not while mail still gets into Performer."""
    actual = platform_accounts_allowed(
        MailVariant.A, exporter_running=exporter_running, performer_service_running=performer_service_running
    )
    assert expected == actual


@pytest.mark.parametrize(
    ("exporter_running", "performer_service_running", "expected"),
    [(True, True, False), (True, False, True), (False, True, False), (False, False, True)],
)
def test_variant_b_allows_accounts_only_once_the_performer_service_is_off(
    exporter_running: bool, performer_service_running: bool, expected: bool
) -> None:
    """S16: in variant b, platform accounts are allowed once Performer's mail service is stopped."""
    actual = platform_accounts_allowed(
        MailVariant.B, exporter_running=exporter_running, performer_service_running=performer_service_running
    )
    assert expected == actual


@pytest.mark.parametrize("variant", list(MailVariant))
def test_no_accounts_while_mail_is_sent_from_performer(variant: MailVariant) -> None:
    """S18: while mail is sent from Performer, no platform account is allowed, in either variant."""
    actual = platform_accounts_allowed(
        variant, exporter_running=False, performer_service_running=False, mail_sent_from_performer=True
    )
    assert actual is False


def test_accounts_required_once_the_exporter_is_off() -> None:
    """S14: once the Exporter is off, the platform needs the mail accounts."""
    assert platform_accounts_required(exporter_running=False) is True


def test_accounts_not_required_while_the_exporter_runs() -> None:
    """While the Exporter runs, mail still reaches the platform through it."""
    assert platform_accounts_required(exporter_running=True) is False


def test_ready_when_no_mail_is_sent_from_performer() -> None:
    """A customer who sends no mail from Performer is ready, with nothing to read."""
    assert Readiness(True, None, ()) == readiness(mail_sent_from_performer=False)


def test_not_ready_while_mail_is_sent_from_performer() -> None:
    """S18 with S25: sending mail from Performer means not ready, pointing at the two steps that explain it."""
    result = readiness(mail_sent_from_performer=True)
    expected = (False, ("lead-keep-exporter-running", "mail-choose-variant"))
    assert expected == (result.ready, result.steps)


def test_not_ready_reason_in_both_languages() -> None:
    """The reason names the service desk, in German (formal) and English."""
    reason = readiness(mail_sent_from_performer=True).reason
    assert reason is not None
    expected = (True, True)
    assert expected == ("Klären Sie zuerst mit dem Servicedesk" in reason.get("de"), "service desk" in reason.get("en"))
