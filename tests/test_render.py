"""Unit tests of cutover.render: checklists, findings and plans as text, Markdown and HTML, in German and English."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markupsafe import escape

from cutover.catalogue import (
    Answers,
    Applies,
    Area,
    Catalogue,
    Kind,
    Lang,
    MailVariant,
    Span,
    Step,
    Text,
    load_catalogue,
)
from cutover.duplicates import CHECKS, Damage, Finding, Severity
from cutover.editions import codes
from cutover.planner import PORTAL_HINTS, Choice, PersonalPlan, Portal, personal_plan
from cutover.render import (
    FORMATS,
    PLAN_FORMATS,
    Format,
    PlanFormat,
    _summary,
    form_values,
    marks,
    render_checklist,
    render_findings,
    render_plan,
    render_planner,
)
from factories import make_step, texts

STEPS = (
    Step("lead-decide", Area.LEAD, Kind.ACTION, Applies.ALWAYS, texts("Entscheiden", "Decide"), texts("-", "-")),
    Step(
        "portal-stop-exporter",
        Area.PORTAL,
        Kind.ACTION,
        Applies.ALWAYS,
        texts("Exporter stoppen", "Stop the Exporter"),
        texts("-", "-"),
    ),
)
CONDITIONAL = Step(
    "mail-deactivate",
    Area.MAIL,
    Kind.ACTION,
    Applies.VARIANT_B,
    texts("Mailkonten deaktivieren", "Deactivate the mail accounts"),
    texts("-", "-"),
)
ANSWERS = Answers(MailVariant.B, contact_sync=True, calendar_sync=False)
BLOCKER = Finding(
    "two-places",
    Severity.BLOCKER,
    (Damage.CRM_MAIL_ACTIVITIES, Damage.MAILBOX),
    texts("Doppelt.", "Twice."),
    ("mail-stop-performer-service", "mail-deactivate-performer-accounts"),
)
WARNING = Finding(
    "calendar",
    Severity.WARNING,
    (Damage.CRM_APPOINTMENTS,),
    texts("Vielleicht.", "Maybe."),
    ("calendar-enable-sync",),
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
        "Checklist: Email variant a, Contact sync no, Calendar sync yes\n"
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
        "Email variant b · Contact sync: yes · Calendar sync: no\n"
        "\n"
        "1. [ ] **Decide** (`lead-decide`)\n"
        "2. [ ] **Stop the Exporter** (`portal-stop-exporter`)\n"
    )
    assert expected == render_checklist(STEPS, ANSWERS, "en", "markdown")


@pytest.mark.parametrize("lang", codes())
def test_checklist_for_sphinx_is_a_list_of_step_roles(lang: Lang) -> None:
    """For Sphinx the checklist is only the numbered ``step`` roles, whose titles the role fills in."""
    expected = "1. {step}`lead-decide`\n2. {step}`portal-stop-exporter`\n"
    assert expected == render_checklist(STEPS, ANSWERS, lang, "markdown", sphinx=True)


def test_checklist_text_marks_a_conditional_step() -> None:
    """A step that applies only to some answers says so after its id in the text checklist."""
    expected = "[ ]  1. Mailkonten deaktivieren\n        mail-deactivate · Nur in Variante b\n"
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
    expected = "Checklist: Email variant a, Contact sync no, Calendar sync no\n\n"
    assert expected == render_checklist((), Answers(), "en")


def test_findings_text_german() -> None:
    """Each finding in text names its severity and id, the message, where the damage lands and the steps."""
    expected = (
        "HINDERNIS  two-places\n"
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
        "- **HINDERNIS** `two-places`: Doppelt.\n"
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
        "- **HINDERNIS** `two-places`: Doppelt.\n"
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


# --- plans --------------------------------------------------------------------------------------------------------

# Steps named like the real ones that carry risks and portal hints; the two that the not-ready plan names to read
# first apply only with contact sync, so they are in the catalogue but not in the plan with calendar sync alone.
SMALL = Catalogue(
    (
        make_step("lead-decide"),
        make_step("lead-keep-exporter-running", Applies.CONTACT_SYNC, after=("lead-decide",)),
        make_step("mail-choose-variant", Applies.CONTACT_SYNC, after=("lead-decide",)),
        make_step("portal-deactivate-listings", after=("lead-decide",)),
        make_step("portal-activate", after=("portal-deactivate-listings",)),
        make_step("calendar-enable-sync", Applies.CALENDAR_SYNC),
    ),
    {"S1": "Eine Aussage."},
    Path("small"),
)
CALENDAR = personal_plan(SMALL, Choice(Answers(calendar_sync=True)))
NOT_READY = personal_plan(SMALL, Choice(mail_sent_from_performer=True))
CALENDAR_IDS = ["lead-decide", "portal-deactivate-listings", "portal-activate", "calendar-enable-sync"]
LISTINGS = next(c for c in CHECKS if c.id == "performer-listings-online").message
KNOWN = next(c for c in CHECKS if c.id == "calendar-sync-duplicates").message
OFFLINE, IS24, OTHER = PORTAL_HINTS
EVERY_FORMAT = [(fmt, lang) for fmt in PLAN_FORMATS for lang in ("de", "en")]
_PLAN_LABELS = {
    "de": ("Wenn dieser Schritt fehlt:", "Bekanntes Risiko:"),
    "en": ("If this step is skipped:", "Known risk:"),
}


def _link(step_id: str) -> str:
    return f"https://runbook.example.com/de/s/{step_id}.html"


def _source(text: Text | None) -> Text:
    assert text is not None
    return text


def test_plan_formats() -> None:
    """A plan is rendered as text, Markdown or HTML."""
    expected = ("text", "markdown", "html")
    assert expected == PLAN_FORMATS


def test_small_plan_has_its_risks_and_notes_where_the_tests_expect_them() -> None:
    """The plan the rendering tests use: two risks, on the listings and on the calendar, and three portal hints."""
    expected = [
        ("lead-decide", [], []),
        ("portal-deactivate-listings", ["performer-listings-online"], [OFFLINE]),
        ("portal-activate", [], [IS24, OTHER]),
        ("calendar-enable-sync", ["calendar-sync-duplicates"], []),
    ]
    assert expected == [(i.step.id, [c.id for c in i.risks], list(i.notes)) for i in CALENDAR.steps]


def test_plan_text_german() -> None:
    """The text plan: the answers, then each step with a box, number, title, id, link, why, risks and hints."""
    expected = (
        "Ihr Plan: Mail-Variante a · Kontaktesync: nein · Kalendersync: ja · "
        "Portale: ImmobilienScout24, Andere Portale\n"
        "\n"
        "[ ]  1. lead-decide (de)\n"
        f"        lead-decide · {_link('lead-decide')}\n"
        "        Warum? lead-decide (de)\n"
        "\n"
        "[ ]  2. portal-deactivate-listings (de)\n"
        f"        portal-deactivate-listings · {_link('portal-deactivate-listings')}\n"
        "        Warum? portal-deactivate-listings (de)\n"
        f"        Wenn dieser Schritt fehlt: {LISTINGS.get('de')}\n"
        f"        {_source(OFFLINE.source).get('de')}: {OFFLINE.text.get('de')}\n"
        "\n"
        "[ ]  3. portal-activate (de)\n"
        f"        portal-activate · {_link('portal-activate')}\n"
        "        Warum? portal-activate (de)\n"
        f"        {IS24.text.get('de')}\n"
        f"        {OTHER.text.get('de')}\n"
        "\n"
        "[ ]  4. calendar-enable-sync (de)\n"
        f"        calendar-enable-sync · {_link('calendar-enable-sync')}\n"
        "        Nur mit Kalendersync\n"
        "        Warum? calendar-enable-sync (de)\n"
        f"        Bekanntes Risiko: {KNOWN.get('de')}\n"
        "\n"
    )
    assert expected == render_plan(CALENDAR, SMALL, "de", "text", url=_link)


def test_plan_markdown_german() -> None:
    """The Markdown plan: a heading, the answers, and a numbered task list with the step linked and its id as code."""
    expected = (
        "# Ihr Plan\n"
        "\n"
        "Mail-Variante a · Kontaktesync: nein · Kalendersync: ja · "
        "Portale: ImmobilienScout24, Andere Portale\n"
        "\n"
        f"1. [ ] **[lead-decide (de)]({_link('lead-decide')})** (`lead-decide`)\n"
        "\n"
        "    *Warum?* lead-decide (de)\n"
        "\n"
        f"2. [ ] **[portal-deactivate-listings (de)]({_link('portal-deactivate-listings')})** "
        "(`portal-deactivate-listings`)\n"
        "\n"
        "    *Warum?* portal-deactivate-listings (de)\n"
        "\n"
        f"    **Wenn dieser Schritt fehlt:** {LISTINGS.get('de')}\n"
        "\n"
        f"    **{_source(OFFLINE.source).get('de')}:** {OFFLINE.text.get('de')}\n"
        "\n"
        f"3. [ ] **[portal-activate (de)]({_link('portal-activate')})** (`portal-activate`)\n"
        "\n"
        "    *Warum?* portal-activate (de)\n"
        "\n"
        f"    {IS24.text.get('de')}\n"
        "\n"
        f"    {OTHER.text.get('de')}\n"
        "\n"
        f"4. [ ] **[calendar-enable-sync (de)]({_link('calendar-enable-sync')})** (`calendar-enable-sync`)"
        " · *Nur mit Kalendersync*\n"
        "\n"
        "    *Warum?* calendar-enable-sync (de)\n"
        "\n"
        f"    **Bekanntes Risiko:** {KNOWN.get('de')}\n"
        "\n"
    )
    assert expected == render_plan(CALENDAR, SMALL, "de", "markdown", url=_link)


@pytest.mark.parametrize(
    ("fmt", "pattern"), [("text", r"^\[ \] +(\d+)\. "), ("markdown", r"^(\d+)\. \[ \] "), ("html", r"^<li (class)=")]
)
def test_plan_numbers_every_step(fmt: PlanFormat, pattern: str) -> None:
    """Text and Markdown number the steps from 1; HTML lists them in an ordered list, one item per step."""
    expected = ["1", "2", "3", "4"] if fmt != "html" else ["class"] * 4
    out = render_plan(CALENDAR, SMALL, "en", fmt, url=_link)
    assert expected == re.findall(pattern, out, re.MULTILINE)


@pytest.mark.parametrize(("fmt", "lang"), EVERY_FORMAT)
def test_plan_links_every_step_through_url_in_plan_order(fmt: PlanFormat, lang: Lang) -> None:
    """Every step's link is what ``url`` gives for its id, once per step and in plan order; nothing else is linked."""
    asked: list[str] = []

    def url(step_id: str) -> str:
        asked.append(step_id)
        return f"https://example.org/{lang}/{step_id}"

    out = render_plan(CALENDAR, SMALL, lang, fmt, url=url)
    linked = re.findall(r"https://example\.org/[a-z]+/([a-z0-9-]+)", out)
    expected = (CALENDAR_IDS, CALENDAR_IDS)
    assert expected == (asked, linked)


@pytest.mark.parametrize(("fmt", "lang"), EVERY_FORMAT)
def test_plan_shows_each_step_title_and_id(fmt: PlanFormat, lang: Lang) -> None:
    """Each step's title in the plan's language and its id stand in plan order."""
    out = render_plan(CALENDAR, SMALL, lang, fmt, url=_link)
    titles = [out.find(f"{step_id} ({lang})") for step_id in CALENDAR_IDS]
    other = "en" if lang == "de" else "de"
    expected = (titles == sorted(titles), -1 not in titles, False)
    assert expected == (True, True, any(f"{step_id} ({other})" in out for step_id in CALENDAR_IDS))


_RISK_FORMS = {
    "text": "{label} {message}",
    "markdown": "**{label}** {message}",
    "html": "<strong>{label}</strong> {message}",
}


@pytest.mark.parametrize(("fmt", "lang"), EVERY_FORMAT)
def test_plan_labels_a_blocker_and_a_known_risk(fmt: PlanFormat, lang: Lang) -> None:
    """A blocker reads "Wenn dieser Schritt fehlt:"/"If this step is skipped:".

    The accepted calendar risk reads "Bekanntes Risiko:"/"Known risk:".
    """
    out = render_plan(CALENDAR, SMALL, lang, fmt, url=_link)
    blocker, warning = _PLAN_LABELS[lang]
    form = _RISK_FORMS[fmt]
    expected = (1, 1, 1, 1)
    found = (
        out.count(form.format(label=blocker, message=LISTINGS.get(lang))),
        out.count(form.format(label=warning, message=KNOWN.get(lang))),
        out.count(blocker),
        out.count(warning),
    )
    assert expected == found


_NOTE_FORMS = {
    "text": "{source}: {text}",
    "markdown": "**{source}:** {text}",
    "html": "<strong>{source}:</strong> {text}",
}


@pytest.mark.parametrize(("fmt", "lang"), EVERY_FORMAT)
def test_plan_shows_each_note_once_with_its_source(fmt: PlanFormat, lang: Lang) -> None:
    """Each portal hint appears once; the one from outside the guide names where it comes from, first, as a label."""
    out = render_plan(CALENDAR, SMALL, lang, fmt, url=_link)
    shown = (lambda text: str(escape(text))) if fmt == "html" else str  # HTML escapes the "'" of the English source
    source = shown(_source(OFFLINE.source).get(lang))
    sourced = _NOTE_FORMS[fmt].format(source=source, text=shown(OFFLINE.text.get(lang)))
    expected = (1, 1, 1, 1)
    assert expected == (
        out.count(sourced),
        out.count(shown(IS24.text.get(lang))),
        out.count(shown(OTHER.text.get(lang))),
        out.count(source),
    )


def test_plan_without_portals_has_no_notes() -> None:
    """Without a portal the plan shows no hint and says "keine" among the answers."""
    plain = personal_plan(SMALL, Choice(Answers(calendar_sync=True), portals=frozenset()))
    out = render_plan(plain, SMALL, "de", "text", url=_link)
    expected = ("Portale: keine\n", [False, False, False])
    assert expected == (out.splitlines(keepends=True)[0][-15:], [n.text.get("de") in out for n in PORTAL_HINTS])


@pytest.mark.parametrize(
    ("fmt", "lang", "line"),
    [
        ("text", "de", "Ihr Plan: Mail-Variante a · Kontaktesync: nein · Kalendersync: ja · Portale: {portals}"),
        ("text", "en", "Your plan: Email variant a · Contact sync: no · Calendar sync: yes · Portals: {portals}"),
        ("markdown", "de", "Mail-Variante a · Kontaktesync: nein · Kalendersync: ja · Portale: {portals}"),
        ("markdown", "en", "Email variant a · Contact sync: no · Calendar sync: yes · Portals: {portals}"),
        (
            "html",
            "de",
            '<p class="cutover-plan-answers"><strong>Ihre Antworten:</strong> '
            "Mail-Variante a · Kontaktesync: nein · Kalendersync: ja · Portale: {portals}</p>",
        ),
        (
            "html",
            "en",
            '<p class="cutover-plan-answers"><strong>Your answers:</strong> '
            "Email variant a · Contact sync: no · Calendar sync: yes · Portals: {portals}</p>",
        ),
    ],
)
def test_plan_summary_line(fmt: PlanFormat, lang: Lang, line: str) -> None:
    """The answers stand on one line, joined by middle dots, the portals by name."""
    portals = ", ".join(p.label.get(lang) for p in Portal)
    out = render_plan(CALENDAR, SMALL, lang, fmt, url=_link)
    assert line.format(portals=portals) in out.splitlines()


@pytest.mark.parametrize(
    ("choice", "lang", "expected"),
    [
        (
            Choice(Answers(MailVariant.B, contact_sync=True)),
            "de",
            [
                "Mail-Variante b",
                "Kontaktesync: ja",
                "Kalendersync: nein",
                "Portale: ImmobilienScout24, Andere Portale",
            ],
        ),
        (
            Choice(portals=frozenset({Portal.OTHER})),
            "en",
            ["Email variant a", "Contact sync: no", "Calendar sync: no", "Portals: Other portals"],
        ),
        (
            Choice(portals=frozenset()),
            "en",
            ["Email variant a", "Contact sync: no", "Calendar sync: no", "Portals: none"],
        ),
        (
            Choice(Answers(MailVariant.B), mail_sent_from_performer=True),
            "de",
            ["Ich möchte weiterhin Mails aus dem Performer senden."],
        ),
        (Choice(mail_sent_from_performer=True), "en", ["I want to keep sending email from Performer."]),
    ],
)
def test_summary(choice: Choice, lang: Lang, expected: list[str]) -> None:
    """The summary names variant, syncs and portals; for a customer who is not ready, only the mail answer."""
    assert expected == _summary(choice, lang)


@pytest.mark.parametrize(("fmt", "lang"), EVERY_FORMAT)
def test_not_ready_plan_gives_the_reason_and_what_to_read_first(fmt: PlanFormat, lang: Lang) -> None:
    """Not ready: the reason and a link to each step to read first; no step to tick."""
    out = render_plan(NOT_READY, SMALL, lang, fmt, url=_link)
    reason = _source(NOT_READY.readiness.reason).get(lang)
    not_ready = {"de": "Sie sind noch nicht bereit für den Umstieg.", "en": "You are not ready to switch yet."}[lang]
    read_first = {"de": "Lesen Sie zuerst:", "en": "Read first:"}[lang]
    linked = re.findall(r"https://runbook\.example\.com/de/s/([a-z0-9-]+)\.html", out)
    expected = (True, True, True, ["lead-keep-exporter-running", "mail-choose-variant"], False, False)
    found = (
        reason in out,
        not_ready in out,
        read_first in out,
        linked,
        "[ ]" in out,
        "checkbox" in out,
    )
    assert expected == found


def test_not_ready_plan_text_german() -> None:
    """The not-ready text plan lists the steps to read first by title and id, each link on its own line."""
    expected = (
        "Ihr Plan: Ich möchte weiterhin Mails aus dem Performer senden.\n"
        "\n"
        "Sie sind noch nicht bereit für den Umstieg.\n"
        f"{_source(NOT_READY.readiness.reason).get('de')}\n"
        "\n"
        "Lesen Sie zuerst:\n"
        "  - lead-keep-exporter-running (de) (lead-keep-exporter-running)\n"
        f"    {_link('lead-keep-exporter-running')}\n"
        "  - mail-choose-variant (de) (mail-choose-variant)\n"
        f"    {_link('mail-choose-variant')}\n"
    )
    assert expected == render_plan(NOT_READY, SMALL, "de", "text", url=_link)


@pytest.mark.parametrize("plan", [CALENDAR, NOT_READY], ids=["ready", "not-ready"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_plan_html_is_a_whole_document(plan: PersonalPlan, lang: Lang) -> None:
    """The HTML plan is a whole page in the plan's language, titled, with nothing hidden: ready to save or print."""
    out = render_plan(plan, SMALL, lang, "html", url=_link)
    title = {"de": "Ihr Plan", "en": "Your plan"}[lang]
    expected = (True, True, 1, 1, True, False)
    found = (
        out.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'),
        out.endswith("</body>\n</html>\n"),
        out.count(f"<title>{title}</title>"),
        out.count(f"<h1>{title}</h1>"),
        "<style>" in out,
        "hidden" in out,
    )
    assert expected == found


@pytest.mark.parametrize("plan", [CALENDAR, NOT_READY], ids=["ready", "not-ready"])
def test_plan_html_loads_nothing(plan: PersonalPlan) -> None:
    """The HTML plan loads no script, style sheet, image or font: it links only the steps, from url().

    The one other address it shows is the outside page a portal hint names as its source, as text.
    """
    out = render_plan(plan, SMALL, "de", "html", url=_link)
    steps = [item.step.id for item in plan.steps] or list(plan.readiness.steps)
    sources = [note.source.get("de") for item in plan.steps for note in item.notes if note.source]
    cited = sorted(url for text in sources for url in re.findall(r"https://[^\s,;)]+", text))
    expected: tuple[list[str], list[str], list[str]] = (
        [],
        sorted(map(_link, steps)),
        sorted([*map(_link, steps), *cited]),
    )
    found = (
        re.findall(r"\bsrc=|<link\b|<script\b|<img\b|<iframe\b|@import|url\(", out),
        sorted(re.findall(r'href="([^"]*)"', out)),
        sorted(re.findall(r"https?://[^\s\"'<>),;]+", out)),
    )
    assert expected == found


def _tricky(step: Step) -> Step:
    return dataclasses.replace(
        step,
        title=texts('Objekte <b>offline</b> & "weg"', 'Listings <b>offline</b> & "gone"'),
        why=texts("a < b", "a < b"),
    )


TRICKY = Catalogue(tuple(_tricky(s) if s.id == "lead-decide" else s for s in SMALL), {"S1": "Eine Aussage."}, Path("t"))


def test_plan_html_escapes_catalogue_text() -> None:
    """In HTML a title or why with markup characters is shown as text, never as markup."""
    out = render_plan(personal_plan(TRICKY, Choice()), TRICKY, "de", "html", url=_link)
    expected = (1, 1, False, False)
    found = (
        out.count(str(escape('Objekte <b>offline</b> & "weg"'))),
        out.count("a &lt; b"),
        "<b>" in out,
        "a < b" in out,
    )
    assert expected == found


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_plan_text_and_markdown_do_not_escape(fmt: PlanFormat) -> None:
    """Text and Markdown show catalogue text as it is: escaping would corrupt it."""
    out = render_plan(personal_plan(TRICKY, Choice()), TRICKY, "en", fmt, url=_link)
    expected = (True, True, False)
    assert expected == ('Listings <b>offline</b> & "gone"' in out, "a < b" in out, "&lt;" in out)


def test_plan_markdown_keeps_each_step_in_one_list_item(real: Catalogue) -> None:
    """In Markdown the plan is one numbered list: each step's why, risks and hints stay in its item, from 1 to the end.

    CommonMark continues an item only with lines indented as far as its content: 3 spaces after ``9.``, 4 after ``10.``.
    """
    made = personal_plan(real, Choice())
    tokens = MarkdownIt("commonmark").parse(render_plan(made, real, "de", "markdown", url=_page_link))
    lists = [token.attrs.get("start", 1) for token in tokens if token.type == "ordered_list_open"]
    whys = [token.level for token in tokens if token.type == "inline" and token.content.startswith("*Warum?*")]
    expected = ([1], [3] * len(made.steps))  # list > item > paragraph > text
    assert expected == (lists, whys)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Choice(), {"mail": "a", "contacts": "no", "calendar": "no"}),
        (Choice(Answers(MailVariant.B, contact_sync=True)), {"mail": "b", "contacts": "yes", "calendar": "no"}),
        (Choice(Answers(calendar_sync=True), portals=frozenset()), {"mail": "a", "contacts": "no", "calendar": "yes"}),
        (Choice(Answers(MailVariant.B, contact_sync=True), mail_sent_from_performer=True), {"mail": "performer"}),
    ],
)
def test_form_values(choice: Choice, expected: dict[str, str]) -> None:
    """The planner form's values of a choice; a customer who is not ready is known by the mail answer alone."""
    assert expected == form_values(choice)


# --- the planner page ---------------------------------------------------------------------------------------------


def _page_link(step_id: str) -> str:
    return f"steps.html#{step_id}"


@pytest.fixture(scope="module")
def real() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(Path(__file__).resolve().parents[1] / "runbook")


@pytest.fixture(scope="module")
def every_plan(real: Catalogue) -> list[PersonalPlan]:
    """The plan of every choice over the real catalogue, the default first."""
    return [personal_plan(real, choice) for choice in Choice.every()]


@pytest.fixture(scope="module")
def planner_page(real: Catalogue, every_plan: list[PersonalPlan]) -> str:
    """The German planner over the real catalogue, each step linked on its page."""
    return render_planner(every_plan, real, "de", url=_page_link)


def _items(page: str) -> list[tuple[str, bool, str]]:
    """Each step item of the planner: its id, whether it is hidden, and its inner HTML."""
    item = r'<li class="cutover-plan-step [a-z-]+" id="plan-([a-z0-9-]+)" data-step="\1"( hidden)?>\n(.*?)</li>'
    found = re.findall(item, page, re.DOTALL)
    return [(step_id, bool(hidden), body) for step_id, hidden, body in found]


def _plans_json(page: str) -> Any:
    found = re.findall(r'<script type="application/json" id="cutover-plans">(.*?)</script>', page, re.DOTALL)
    assert len(found) == 1
    return json.loads(found[0])


def test_planner_has_every_step_of_every_plan_once(planner_page: str, every_plan: list[PersonalPlan]) -> None:
    """Each step of any plan is one item of the planner, and the planner has no other step."""
    expected = sorted({item.step.id for p in every_plan for item in p.steps})
    counts = Counter(step_id for step_id, _, _ in _items(planner_page))
    assert (expected, {1}) == (sorted(counts), set(counts.values()))


def test_planner_shows_the_default_plan_first_in_its_order(planner_page: str, every_plan: list[PersonalPlan]) -> None:
    """The default plan's steps come first, in its order and shown; every other step follows, hidden."""
    default = [item.step.id for item in every_plan[0].steps]
    others = {item.step.id for p in every_plan for item in p.steps} - set(default)
    items = _items(planner_page)
    expected = ([(step_id, False) for step_id in default], others, {True})
    found = (
        [(step_id, hidden) for step_id, hidden, _ in items[: len(default)]],
        {step_id for step_id, _, _ in items[len(default) :]},
        {hidden for _, hidden, _ in items[len(default) :]},
    )
    assert expected == found


def test_planner_with_another_default_shows_that_plan(real: Catalogue, every_plan: list[PersonalPlan]) -> None:
    """The first plan given is the default: its steps come first and shown, the rest hidden."""
    first = every_plan[7]  # b-contacts-calendar: every step of variant b and both syncs
    page = render_planner([first, *every_plan[:7], every_plan[8]], real, "de", url=_page_link)
    shown = [step_id for step_id, hidden, _ in _items(page) if not hidden]
    expected = ([item.step.id for item in first.steps], 'data-default="b-contacts-calendar"')
    assert expected == (shown, re.findall(r'data-default="[a-z-]+"', page)[0])


RISK = r'<p class="cutover-risk cutover-risk-(?:blocker|warning)" data-plans="([^"]*)"><strong>[^<]*</strong> (.*?)</p>'


def test_planner_risk_paragraphs_name_exactly_the_plans_that_place_them(
    planner_page: str, every_plan: list[PersonalPlan]
) -> None:
    """Each risk paragraph at a step carries the keys of exactly the plans that put this risk at this step."""
    expected: dict[tuple[str, str], list[str]] = {}
    for p in every_plan:
        for item in p.steps:
            for c in item.risks:
                expected.setdefault((item.step.id, c.id), []).append(p.choice.key)
    by_message = {str(escape(c.message.get("de"))): c.id for c in CHECKS}
    found: dict[tuple[str, str], list[str]] = {}
    for step_id, _, body in _items(planner_page):
        for keys, message in re.findall(RISK, body):
            assert (step_id, by_message[message]) not in found, f"{by_message[message]} twice at {step_id}"
            found[(step_id, by_message[message])] = sorted(keys.split(" "))
    assert {k: sorted(v) for k, v in expected.items()} == found


def test_planner_labels_risks_by_severity(planner_page: str) -> None:
    """A blocker's paragraph reads "Wenn dieser Schritt fehlt:", the calendar risk's "Bekanntes Risiko:"."""
    labels = re.findall(
        r'<p class="cutover-risk cutover-risk-(blocker|warning)"[^>]*><strong>([^<]*)</strong>', planner_page
    )
    expected = {("blocker", "Wenn dieser Schritt fehlt:"), ("warning", "Bekanntes Risiko:")}
    assert expected == set(labels)


def test_planner_notes_carry_their_portal(planner_page: str) -> None:
    """Each hint stands once at its step, its source first, and carries its portal, for the script to show or hide."""
    expected = [
        (
            note.step,
            note.portal.value,
            f"<strong>{note.source.get('de')}:</strong> {note.text.get('de')}" if note.source else note.text.get("de"),
        )
        for note in PORTAL_HINTS
    ]
    found = [
        (step_id, portal, text)
        for step_id, _, body in _items(planner_page)
        for portal, text in re.findall(r'<p class="cutover-note" data-portal="([a-z0-9]+)">(.*?)</p>', body)
    ]
    assert sorted(expected) == sorted(found)


def test_planner_inputs_are_disabled_until_the_script_runs(planner_page: str) -> None:
    """Every question and tick box is disabled in the page as written, for without JavaScript it could do nothing."""
    inputs = re.findall(r"<input [^>]*>", planner_page)
    expected: tuple[bool, list[str]] = (True, [])
    assert expected == (len(inputs) > 7, [i for i in inputs if not i.endswith(" disabled>")])


def _checked(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="(?:radio|checkbox)" name="([a-z]+)" value="([a-z0-9]+)" checked disabled>', page)


def test_planner_checks_the_default_answers(planner_page: str) -> None:
    """The default answers are checked: variant a, no sync, every portal."""
    expected = [
        ("mail", "a"),
        ("contacts", "no"),
        ("calendar", "no"),
        ("portal", "immobilienscout24"),
        ("portal", "other"),
    ]
    assert expected == _checked(planner_page)


def test_planner_checks_the_answers_of_another_default(real: Catalogue) -> None:
    """With another first plan its answers are checked, its portals too."""
    first = personal_plan(real, Choice(Answers(MailVariant.B, contact_sync=True), portals=frozenset({Portal.OTHER})))
    page = render_planner(
        [first, personal_plan(real, Choice(mail_sent_from_performer=True))], real, "en", url=_page_link
    )
    expected = [("mail", "b"), ("contacts", "yes"), ("calendar", "no"), ("portal", "other")]
    assert expected == _checked(page)


def test_planner_offers_the_not_ready_answer_with_its_hidden_advice(planner_page: str) -> None:
    """The mail question offers "keep sending from Performer"; its advice waits hidden, linking each step to read."""
    advice = re.findall(
        r'<div class="cutover-not-ready" data-plans="performer" hidden>(.*?)</div>', planner_page, re.DOTALL
    )
    expected = (1, ["steps.html#lead-keep-exporter-running", "steps.html#mail-choose-variant"], True)
    found = (
        len(advice),
        re.findall(r'href="([^"]+)"', advice[0]) if advice else [],
        '<input type="radio" name="mail" value="performer" disabled>' in planner_page,
    )
    assert expected == found


def test_planner_list_belongs_to_every_ready_plan(planner_page: str) -> None:
    """The list of steps is shown for every ready plan and hidden for the one that is not ready."""
    expected = ["a a-calendar a-contacts a-contacts-calendar b b-calendar b-contacts b-contacts-calendar"]
    assert expected == re.findall(r'<div class="cutover-plan" data-plans="([^"]*)">', planner_page)


def test_planner_json_has_every_plan(planner_page: str, every_plan: list[PersonalPlan]) -> None:
    """The JSON lists every plan in order: its key, whether it is ready, its form values and its steps."""
    expected = [
        {
            "key": p.choice.key,
            "ready": p.readiness.ready,
            "answers": form_values(p.choice),
            "steps": [item.step.id for item in p.steps],
        }
        for p in every_plan
    ]
    found = [{k: v for k, v in data.items() if k != "after"} for data in _plans_json(planner_page)]
    assert expected == found


def test_planner_json_after_indexes_name_the_prerequisites(planner_page: str, every_plan: list[PersonalPlan]) -> None:
    """For every plan, each step's ``after`` indexes into its steps and names exactly make_plan's prerequisites."""
    expected = {p.choice.key: [list(item.after) for item in p.steps] for p in every_plan}
    found = {
        data["key"]: [[data["steps"][index] for index in after] for after in data["after"]]
        for data in _plans_json(planner_page)
    }
    assert expected == found


def test_planner_json_cannot_end_its_script(planner_page: str) -> None:
    """The JSON holds no "<", so nothing in it can close the script element it stands in."""
    found = re.findall(r'<script type="application/json" id="cutover-plans">(.*?)</script>', planner_page, re.DOTALL)
    expected = (1, False)
    assert expected == (len(found), "<" in found[0])


def test_planner_json_escapes_what_would_end_its_script() -> None:
    """Even a step id with "</script>" (which the loader would refuse) stays inside the JSON and reads back the same."""
    odd = "lead-</script><script>alert(1)</script>"
    catalogue = Catalogue((make_step("lead-decide"), make_step(odd, after=("lead-decide",))), {}, Path("odd"))
    page = render_planner([personal_plan(catalogue, Choice())], catalogue, "de", url=_page_link)
    expected = (["lead-decide", odd], False)
    data = _plans_json(page)
    assert expected == (data[0]["steps"], "<" in page.split('id="cutover-plans">')[1].split("</script>")[0])


def test_planner_escapes_catalogue_text() -> None:
    """On the planner page a title with markup characters is text, never markup."""
    page = render_planner([personal_plan(TRICKY, c) for c in Choice.every()], TRICKY, "de", url=_page_link)
    expected = (1, False)
    assert expected == (page.count(str(escape('Objekte <b>offline</b> & "weg"'))), "<b>" in page)


def test_planner_in_english(real: Catalogue, every_plan: list[PersonalPlan]) -> None:
    """The English planner asks in English and shows the English titles."""
    page = render_planner(every_plan, real, "en", url=_page_link)
    expected = (True, True, False)
    found = (
        "<legend>Which email variant are you choosing?</legend>" in page,
        str(escape(real["lead-decide"].title.get("en"))) in page,
        "Warum?" in page,
    )
    assert expected == found


def test_marks_of_a_plain_step() -> None:
    """A step that is simply done, and always, has no mark after it."""
    assert [] == marks(STEPS[0], "de")


def test_marks_of_a_rule_recommended_switch_and_condition_in_order() -> None:
    """A rule's span first, then recommended, the moment of the switch, and last the condition."""
    step = dataclasses.replace(
        CONDITIONAL,
        kind=Kind.RULE,
        span=Span(until="portal-stop-exporter", words=texts("bis zum Stopp", "until the stop")),
        recommended=True,
        switch=True,
    )
    expected = (
        ["Regel bis zum Stopp", "Empfohlen", "Ab hier führt die Plattform", "Nur in Variante b"],
        ["Rule until the stop", "Recommended", "From here on, the platform leads", "Variant b only"],
    )
    assert expected == (marks(step, "de"), marks(step, "en"))
