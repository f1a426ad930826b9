"""Unit tests of cutover.render: checklists and findings as text and Markdown, in German and English."""

from __future__ import annotations

import pytest

from cutover.catalogue import Answers, Applies, Area, Kind, Lang, MailVariant, Step, Text
from cutover.duplicates import Damage, Finding, Severity
from cutover.render import FORMATS, Format, render_checklist, render_findings

STEPS = (
    Step("lead-decide", Area.LEAD, Kind.ACTION, Applies.ALWAYS, Text("Entscheiden", "Decide"), Text("-", "-")),
    Step(
        "portal-stop-exporter",
        Area.PORTAL,
        Kind.ACTION,
        Applies.ALWAYS,
        Text("Exporter stoppen", "Stop the Exporter"),
        Text("-", "-"),
    ),
)
CONDITIONAL = Step(
    "mail-deactivate",
    Area.MAIL,
    Kind.ACTION,
    Applies.VARIANT_B,
    Text("Mailkonten deaktivieren", "Deactivate the mail accounts"),
    Text("-", "-"),
)
ANSWERS = Answers(MailVariant.B, contact_sync=True, calendar_sync=False)
BLOCKER = Finding(
    "two-places",
    Severity.BLOCKER,
    (Damage.CRM_MAIL_ACTIVITIES, Damage.MAILBOX),
    Text("Doppelt.", "Twice."),
    ("mail-stop-performer-service", "mail-deactivate-performer-accounts"),
)
WARNING = Finding(
    "calendar", Severity.WARNING, (Damage.CRM_APPOINTMENTS,), Text("Vielleicht.", "Maybe."), ("calendar-enable-sync",)
)


def test_formats() -> None:
    """Text and Markdown are the rendered formats."""
    expected = ("text", "markdown")
    assert expected == FORMATS


def test_checklist_text_german() -> None:
    """The text checklist names the answers, then numbers each step with a box, its title and its id."""
    expected = (
        "Checkliste: Mail-Variante b, Kontaktesync ja, Kalendersync nein\n"
        "\n"
        "[ ]  1. Entscheiden\n"
        "        lead-decide\n"
        "[ ]  2. Exporter stoppen\n"
        "        portal-stop-exporter\n"
    )
    assert expected == render_checklist(STEPS, ANSWERS, "de")


def test_checklist_text_english() -> None:
    """The English text checklist uses the English titles and labels."""
    expected = (
        "Checklist: Mail variant a, Contact sync no, Calendar sync yes\n"
        "\n"
        "[ ]  1. Decide\n"
        "        lead-decide\n"
        "[ ]  2. Stop the Exporter\n"
        "        portal-stop-exporter\n"
    )
    assert expected == render_checklist(STEPS, Answers(calendar_sync=True), "en", "text")


def test_checklist_markdown_german() -> None:
    """The Markdown checklist is a heading, the answers, and a numbered task list."""
    expected = (
        "# Checkliste\n"
        "\n"
        "Mail-Variante b · Kontaktesync: ja · Kalendersync: nein\n"
        "\n"
        "1. [ ] **Entscheiden** (`lead-decide`)\n"
        "2. [ ] **Exporter stoppen** (`portal-stop-exporter`)\n"
    )
    assert expected == render_checklist(STEPS, ANSWERS, "de", "markdown")


def test_checklist_markdown_english() -> None:
    """The English Markdown checklist uses the English titles and labels."""
    expected = (
        "# Checklist\n"
        "\n"
        "Mail variant b · Contact sync: yes · Calendar sync: no\n"
        "\n"
        "1. [ ] **Decide** (`lead-decide`)\n"
        "2. [ ] **Stop the Exporter** (`portal-stop-exporter`)\n"
    )
    assert expected == render_checklist(STEPS, ANSWERS, "en", "markdown")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_checklist_for_sphinx_is_a_list_of_step_roles(lang: Lang) -> None:
    """For Sphinx the checklist is only the numbered ``step`` roles, whose titles the role fills in."""
    expected = "1. {step}`lead-decide`\n2. {step}`portal-stop-exporter`\n"
    assert expected == render_checklist(STEPS, ANSWERS, lang, "markdown", sphinx=True)


def test_checklist_text_marks_a_conditional_step() -> None:
    """A step that applies only to some answers says so after its id in the text checklist."""
    expected = "[ ]  1. Mailkonten deaktivieren\n        mail-deactivate (Nur in Variante b)\n"
    assert expected == render_checklist((CONDITIONAL,), ANSWERS, "de").split("\n\n", 1)[1]


def test_checklist_markdown_marks_a_conditional_step() -> None:
    """A step that applies only to some answers says so after its id in the Markdown checklist."""
    expected = "1. [ ] **Deactivate the mail accounts** (`mail-deactivate`) · *Variant b only*\n"
    assert expected == render_checklist((CONDITIONAL,), ANSWERS, "en", "markdown").split("\n\n", 2)[2]


def test_checklist_for_sphinx_marks_a_conditional_step() -> None:
    """The Sphinx checklist also marks a step that applies only to some answers."""
    expected = "1. {step}`mail-deactivate` · *Nur in Variante b*\n"
    assert expected == render_checklist((CONDITIONAL,), ANSWERS, "de", "markdown", sphinx=True)


def test_checklist_of_no_steps_is_only_the_header() -> None:
    """An empty plan still shows the answers."""
    expected = "Checklist: Mail variant a, Contact sync no, Calendar sync no\n\n"
    assert expected == render_checklist((), Answers(), "en")


def test_findings_text_german() -> None:
    """Each finding in text names its severity and id, the message, where the damage lands and the steps."""
    expected = (
        "BLOCKER  two-places\n"
        "  Doppelt.\n"
        "  Betrifft: Mail-Aktivitäten in der Plattform, Postfächer\n"
        "  Schritte: mail-stop-performer-service, mail-deactivate-performer-accounts\n"
        "WARNUNG  calendar\n"
        "  Vielleicht.\n"
        "  Betrifft: Termine in der Plattform\n"
        "  Schritte: calendar-enable-sync\n"
    )
    assert expected == render_findings((BLOCKER, WARNING), "de")


def test_findings_text_english() -> None:
    """The English findings use the English message and labels."""
    expected = "WARNING  calendar\n  Maybe.\n  Affects: Appointments in the platform\n  Steps: calendar-enable-sync\n"
    assert expected == render_findings((WARNING,), "en", "text")


def test_findings_markdown_puts_each_finding_on_its_own_item() -> None:
    """In Markdown each finding is one list item, and the next item starts on a new line."""
    expected = (
        "- **BLOCKER** `two-places`: Doppelt.\n"
        "  Betrifft: Mail-Aktivitäten in der Plattform, Postfächer.\n"
        "  Schritte: `mail-stop-performer-service`, `mail-deactivate-performer-accounts`\n"
        "- **WARNUNG** `calendar`: Vielleicht.\n"
        "  Betrifft: Termine in der Plattform.\n"
        "  Schritte: `calendar-enable-sync`\n"
    )
    assert expected == render_findings((BLOCKER, WARNING), "de", "markdown")


def test_findings_markdown_english() -> None:
    """The English Markdown findings use the English message and labels."""
    expected = (
        "- **WARNING** `calendar`: Maybe.\n  Affects: Appointments in the platform.\n  Steps: `calendar-enable-sync`\n"
    )
    assert expected == render_findings((WARNING,), "en", "markdown")


def test_findings_for_sphinx_link_each_step_with_the_role() -> None:
    """For Sphinx each step of a finding is a ``step`` role, which links it and shows its title."""
    expected = (
        "- **BLOCKER** `two-places`: Doppelt.\n"
        "  Betrifft: Mail-Aktivitäten in der Plattform, Postfächer.\n"
        "  Schritte: {step}`mail-stop-performer-service`, {step}`mail-deactivate-performer-accounts`\n"
        "- **WARNUNG** `calendar`: Vielleicht.\n"
        "  Betrifft: Termine in der Plattform.\n"
        "  Schritte: {step}`calendar-enable-sync`\n"
    )
    assert expected == render_findings((BLOCKER, WARNING), "de", "markdown", sphinx=True)


def test_findings_for_sphinx_in_english() -> None:
    """The Sphinx findings use the English message and labels in the English edition."""
    expected = (
        "- **WARNING** `calendar`: Maybe.\n"
        "  Affects: Appointments in the platform.\n"
        "  Steps: {step}`calendar-enable-sync`\n"
    )
    assert expected == render_findings((WARNING,), "en", "markdown", sphinx=True)


@pytest.mark.parametrize(
    ("lang", "expected"), [("de", "Keine Dublettengefahr gefunden.\n"), ("en", "No duplicate risk found.\n")]
)
def test_no_findings_for_sphinx(lang: Lang, expected: str) -> None:
    """Without findings, the Sphinx output is the same one line as everywhere else."""
    assert expected == render_findings((), lang, "markdown", sphinx=True)


@pytest.mark.parametrize(
    ("lang", "fmt", "expected"),
    [
        ("de", "text", "Keine Dublettengefahr gefunden.\n"),
        ("de", "markdown", "Keine Dublettengefahr gefunden.\n"),
        ("en", "text", "No duplicate risk found.\n"),
        ("en", "markdown", "No duplicate risk found.\n"),
    ],
)
def test_no_findings(lang: Lang, fmt: Format, expected: str) -> None:
    """Without findings, the output says so in one line."""
    assert expected == render_findings((), lang, fmt)
