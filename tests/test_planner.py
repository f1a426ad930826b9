"""Unit tests of cutover.planner (choices, risks, plans) and of the planner directive in tiny Sphinx projects."""

from __future__ import annotations

import dataclasses
import itertools
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cutover import sphinxext
from cutover.catalogue import Answers, Catalogue, MailVariant, load_catalogue
from cutover.duplicates import CHECKS, Situation
from cutover.mail import readiness
from cutover.ordering import prerequisites, steps_in_order
from cutover.planner import NOT_READY, PORTAL_HINTS, Choice, PersonalPlan, Portal, PortalHint, personal_plan, risks
from cutover.render import render_planner
from sphinxext.builds import RUNBOOK, Build, _build, _project, _steps_page

EVERY = Choice.every()
READY = EVERY[:-1]
MAIL_SENT_FROM_PERFORMER = (
    "mail-sent-from-performer-with-platform-accounts",
    "mail-sent-from-performer-exporter-stopped",
)


def _key(choice: Choice) -> str:
    return choice.key


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(RUNBOOK)


# --- choices ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (Answers(MailVariant.A, contact_sync=False, calendar_sync=False), "a"),
        (Answers(MailVariant.A, contact_sync=False, calendar_sync=True), "a-calendar"),
        (Answers(MailVariant.A, contact_sync=True, calendar_sync=False), "a-contacts"),
        (Answers(MailVariant.A, contact_sync=True, calendar_sync=True), "a-contacts-calendar"),
        (Answers(MailVariant.B, contact_sync=False, calendar_sync=False), "b"),
        (Answers(MailVariant.B, contact_sync=False, calendar_sync=True), "b-calendar"),
        (Answers(MailVariant.B, contact_sync=True, calendar_sync=False), "b-contacts"),
        (Answers(MailVariant.B, contact_sync=True, calendar_sync=True), "b-contacts-calendar"),
    ],
)
def test_key_names_the_variant_then_the_syncs(answers: Answers, expected: str) -> None:
    """The key of a ready choice is its mail variant, then ``contacts`` and ``calendar`` for each sync chosen."""
    assert expected == Choice(answers).key


@pytest.mark.parametrize("answers", Answers.every(), ids=lambda a: Choice(a).key)
def test_key_of_a_customer_who_still_sends_mail_from_performer(answers: Answers) -> None:
    """Whoever still sends mail from Performer gets the not-ready key, whatever else they answered."""
    expected = ("performer", "performer")
    assert expected == (NOT_READY, Choice(answers, mail_sent_from_performer=True).key)


@pytest.mark.parametrize("portals", [frozenset(), frozenset({Portal.IMMOBILIENSCOUT24}), frozenset({Portal.OTHER})])
def test_key_does_not_depend_on_the_portals(portals: frozenset[Portal]) -> None:
    """The portals change only the hints shown, not the plan, so not its key either."""
    answers = Answers(MailVariant.B, contact_sync=True)
    assert Choice(answers).key == Choice(answers, portals=portals).key


def test_default_choice_is_variant_a_without_sync_with_every_portal() -> None:
    """Without answers a customer is ready, in variant a, syncs nothing and uses every portal."""
    expected = (Answers(), False, frozenset({Portal.IMMOBILIENSCOUT24, Portal.OTHER}))
    choice = Choice()
    assert expected == (choice.answers, choice.mail_sent_from_performer, choice.portals)


def test_every_choice_is_each_set_of_answers_then_the_one_not_ready() -> None:
    """Nine choices: one per set of answers in the order of ``Answers.every()``, then the one not ready."""
    expected = [*(Choice(answers) for answers in Answers.every()), Choice(mail_sent_from_performer=True)]
    assert expected == list(EVERY)


def test_every_choice_starts_with_the_default_and_has_a_key_each() -> None:
    """The first choice is ``Choice()`` (the plan shown without JavaScript) and no two choices share a key."""
    keys = [choice.key for choice in EVERY]
    expected = (Choice(), 9, 9, "performer")
    assert expected == (EVERY[0], len(keys), len(set(keys)), keys[-1])


def test_portal_labels() -> None:
    """Each portal has a German and an English name for the question."""
    expected = [
        ("ImmobilienScout24", "ImmobilienScout24"),
        ("Andere Portale", "Other portals"),
    ]
    assert expected == [(portal.label.get("de"), portal.label.get("en")) for portal in Portal]


def test_every_note_is_at_a_step_of_the_catalogue(catalogue: Catalogue) -> None:
    """Each portal hint names a step of the real catalogue and only statements it has, so no hint is lost."""
    expected: tuple[list[str], list[str]] = ([], [])
    unknown_steps = [note.step for note in PORTAL_HINTS if note.step not in catalogue]
    unknown_statements = [s for note in PORTAL_HINTS for s in note.statements if s not in catalogue.statements]
    assert expected == (unknown_steps, unknown_statements)


# --- risks --------------------------------------------------------------------------------------------------------


def _fired_by_answers() -> dict[Answers, set[str]]:
    """For each set of answers, the checks that fire in some situation with these answers, mail no longer in Performer.

    Built without the planner: every situation there is, kept when its answers match.
    """
    flags = [f.name for f in dataclasses.fields(Situation) if isinstance(getattr(Situation(), f.name), bool)]
    fired: dict[Answers, set[str]] = {answers: set() for answers in Answers.every()}
    for variant in MailVariant:
        for values in itertools.product((False, True), repeat=len(flags)):
            state: dict[str, Any] = dict(zip(flags, values, strict=True))
            situation = dataclasses.replace(Situation(mail_variant=variant), **state)
            if situation.mail_sent_from_performer:
                continue  # the planner's answers for that are the not-ready choice, which has no plan
            answers = Answers(variant, situation.contact_sync, situation.calendar_sync)
            fired[answers].update(c.id for c in CHECKS if c.fires(situation))
    return fired


FIRED = _fired_by_answers()


@pytest.mark.parametrize("answers", Answers.every(), ids=lambda a: Choice(a).key)
def test_risks_are_the_checks_some_situation_with_these_answers_fires(answers: Answers) -> None:
    """A check is a risk for these answers exactly when some situation with these answers fires it; in CHECKS order."""
    expected = [c.id for c in CHECKS if c.id in FIRED[answers]]
    assert expected == [c.id for c in risks(answers)]


def test_risks_of_variant_a_without_sync() -> None:
    """Variant a without sync: the variant-a mail account, Performer's mail service, the inbox, portals, Exporter."""
    expected = [
        "platform-account-in-variant-a",
        "performer-mail-service-running",
        "inbox-not-emptied",
        "performer-listings-online",
        "performer-transfer-possible",
        "exporter-running-with-platform-portals",
        "exporter-stopped-while-working-in-performer",
        "exporter-stopped-without-mail-accounts",
    ]
    assert expected == [c.id for c in risks(Answers())]


def test_risks_of_variant_b_with_both_syncs() -> None:
    """Variant b with both syncs: no variant-a account, but Performer's mail service, the inbox and both syncs."""
    expected = [
        "performer-mail-service-running",
        "inbox-not-emptied",
        "address-book-not-empty",
        "calendar-sync-duplicates",
        "performer-listings-online",
        "performer-transfer-possible",
        "exporter-running-with-platform-portals",
        "exporter-stopped-while-working-in-performer",
        "exporter-stopped-without-mail-accounts",
    ]
    assert expected == [c.id for c in risks(Answers(MailVariant.B, contact_sync=True, calendar_sync=True))]


@pytest.mark.parametrize(
    ("check_id", "applies"),
    [
        ("calendar-sync-duplicates", lambda a: a.calendar_sync),
        ("address-book-not-empty", lambda a: a.contact_sync),
        ("platform-account-in-variant-a", lambda a: a.variant is MailVariant.A),
        ("performer-mail-service-running", lambda a: True),  # S16 in both variants: b first, a at the switch
    ],
)
def test_risk_only_with_the_answers_it_needs(check_id: str, applies: Callable[[Answers], bool]) -> None:
    """A risk tied to one answer is among the risks of exactly the answers that give it."""
    expected = [answers for answers in Answers.every() if applies(answers)]
    assert expected == [answers for answers in Answers.every() if check_id in {c.id for c in risks(answers)}]


def test_risks_never_include_mail_sent_from_performer() -> None:
    """The checks for mail still sent from Performer belong to the not-ready choice, never to a plan's risks."""
    expected: list[str] = []
    found = [c.id for answers in Answers.every() for c in risks(answers) if c.id in MAIL_SENT_FROM_PERFORMER]
    assert expected == found


def test_risks_of_every_answer_together_are_every_check_but_mail_sent_from_performer() -> None:
    """Over all answers the plans warn of every other check, so no duplicate rule goes unshown."""
    expected = [c.id for c in CHECKS if c.id not in MAIL_SENT_FROM_PERFORMER]
    shown = {c.id for answers in Answers.every() for c in risks(answers)}
    assert expected == [c.id for c in CHECKS if c.id in shown]


# --- plans --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plans(catalogue: Catalogue) -> dict[str, PersonalPlan]:
    """The plan of every choice over the real catalogue, by key."""
    return {choice.key: personal_plan(catalogue, choice) for choice in EVERY}


@pytest.mark.parametrize("choice", READY, ids=_key)
def test_plan_steps_are_the_ordered_plan(catalogue: Catalogue, plans: dict[str, PersonalPlan], choice: Choice) -> None:
    """A ready plan has the steps of ``ordering.steps_in_order`` for its answers, in that order."""
    expected = [step.id for step in steps_in_order(catalogue, choice.answers)]
    assert expected == [item.step.id for item in plans[choice.key].steps]


@pytest.mark.parametrize("choice", READY, ids=_key)
def test_plan_step_waits_for_its_prerequisites(
    catalogue: Catalogue, plans: dict[str, PersonalPlan], choice: Choice
) -> None:
    """Each planned step waits for exactly ``ordering.prerequisites`` of its step, in plan order."""
    expected = [prerequisites(catalogue, choice.answers, item.step.id) for item in plans[choice.key].steps]
    assert expected == [item.after for item in plans[choice.key].steps]


@pytest.mark.parametrize("choice", READY, ids=_key)
def test_each_risk_is_at_the_first_of_its_steps_once(plans: dict[str, PersonalPlan], choice: Choice) -> None:
    """Each risk with a step in the plan stands once, at the first of its steps in plan order, and nowhere else."""
    made = plans[choice.key]
    order = [item.step.id for item in made.steps]
    expected = sorted(
        (min(order.index(step) for step in c.steps if step in order), c.id)
        for c in risks(choice.answers)
        if any(step in order for step in c.steps)
    )
    placed = sorted((index, c.id) for index, item in enumerate(made.steps) for c in item.risks)
    assert expected == placed


def test_real_plans_show_every_risk_of_their_answers(plans: dict[str, PersonalPlan]) -> None:
    """In the real catalogue every risk of a ready plan has one of its steps in that plan, so none is dropped."""
    expected = {choice.key: [c.id for c in risks(choice.answers)] for choice in READY}
    shown = {
        choice.key: [c.id for c in CHECKS if any(c in item.risks for item in plans[choice.key].steps)]
        for choice in READY
    }
    assert expected == shown


def test_risk_without_a_step_in_the_plan_is_dropped(samples: Path) -> None:
    """Over the three-step sample only the Exporter risk has a step in the plan; the others have no place and go."""
    sample = load_catalogue(samples / "valid")
    made = personal_plan(sample, Choice())
    expected = [
        ("lead-decide", []),
        ("mail-choose-variant", []),
        ("portal-stop-exporter", ["exporter-running-with-platform-portals"]),
    ]
    assert expected == [(item.step.id, [c.id for c in item.risks]) for item in made.steps]


def test_notes_of_every_portal_at_their_steps(plans: dict[str, PersonalPlan]) -> None:
    """With every portal chosen, each hint stands at its step, in the order of ``PORTAL_HINTS``."""
    expected = [(note.step, note) for note in PORTAL_HINTS]
    assert expected == [(item.step.id, note) for item in plans["a"].steps for note in item.notes]


@pytest.mark.parametrize("portal", list(Portal))
def test_notes_of_one_portal(catalogue: Catalogue, portal: Portal) -> None:
    """With one portal chosen, only its hints are shown."""
    made = personal_plan(catalogue, Choice(Answers(MailVariant.B), portals=frozenset({portal})))
    expected = [note for note in PORTAL_HINTS if note.portal is portal]
    assert expected == [note for item in made.steps for note in item.notes]


def test_no_notes_without_a_portal(catalogue: Catalogue) -> None:
    """A customer who uses no portal gets no portal hint, but the same steps."""
    made = personal_plan(catalogue, Choice(portals=frozenset()))
    expected: tuple[list[PortalHint], list[str]] = ([], [step.id for step in steps_in_order(catalogue, Answers())])
    assert expected == ([note for item in made.steps for note in item.notes], [item.step.id for item in made.steps])


def test_ready_plan_is_ready(plans: dict[str, PersonalPlan]) -> None:
    """Every plan but the not-ready one is ready, without a reason or steps to read first."""
    expected = {choice.key: readiness(mail_sent_from_performer=False) for choice in READY}
    assert expected == {choice.key: plans[choice.key].readiness for choice in READY}


@pytest.mark.parametrize("answers", [Answers(), Answers(MailVariant.B, contact_sync=True, calendar_sync=True)])
def test_not_ready_plan_has_no_steps_and_says_why(catalogue: Catalogue, answers: Answers) -> None:
    """Whoever still sends mail from Performer gets no steps, the reason and the steps to read first."""
    choice = Choice(answers, mail_sent_from_performer=True)
    made = personal_plan(catalogue, choice)
    expected = (choice, False, readiness(mail_sent_from_performer=True), ())
    assert expected == (made.choice, made.readiness.ready, made.readiness, made.steps)


def test_not_ready_reason_names_performer(samples: Path) -> None:
    """The not-ready reason is a text in both languages; the steps to read first keep the Exporter and the variant."""
    made = personal_plan(load_catalogue(samples / "valid"), Choice(mail_sent_from_performer=True))
    reason = made.readiness.reason
    assert reason is not None
    expected = (True, True, ("lead-keep-exporter-running", "mail-choose-variant"))
    assert expected == ("Performer" in reason.get("de"), "Performer" in reason.get("en"), made.readiness.steps)


# --- the directive in Sphinx --------------------------------------------------------------------------------------

PLANNER_INDEX = """\
# Start

```{toctree}
steps
teil/planer
```

```{cutover:planner}
```
"""

PLANNER_PAGE = "# Planer\n\nBeantworten Sie die Fragen.\n\n```{cutover:planner}\n```\n"


def _planner(page: str) -> str:
    """The planner's HTML on a page, from its opening div to the end of its JSON."""
    found: list[str] = re.findall(r'<div class="cutover-planner".*?</script>\n</div>', page, re.DOTALL)
    assert len(found) == 1, f"{len(found)} planners on the page"
    return found[0]


@pytest.fixture(scope="module")
def planner_site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """A project over the real catalogue: the planner on the start page and in a subfolder, the steps on their page."""
    pages = {"index": PLANNER_INDEX, "steps": _steps_page(catalogue), "teil/planer": PLANNER_PAGE}
    return _project(tmp_path_factory.mktemp("planner"), pages, RUNBOOK, every_step=True)


@pytest.fixture(scope="module")
def planner_html(planner_site: Path) -> Build:
    """The project built as HTML with warnings as errors and nitpicky references."""
    return _build(planner_site, planner_site.parent / "html", "-W", "-n")


def _every_plan(catalogue: Catalogue) -> list[PersonalPlan]:
    return [personal_plan(catalogue, choice) for choice in EVERY]


def test_planner_project_builds_cleanly(planner_html: Build) -> None:
    """A project with the planner builds with -W -n and no output on stderr."""
    expected = (0, "")
    assert expected == (planner_html.status, planner_html.stderr)


def test_planner_is_rendered_with_links_relative_to_its_page(planner_html: Build, catalogue: Catalogue) -> None:
    """On the start page the planner is the rendered planner, each step linked on the steps page beside it."""
    expected = render_planner(_every_plan(catalogue), catalogue, "de", url=lambda step_id: f"steps.html#{step_id}")
    assert expected.rstrip("\n") == _planner(planner_html.pages["index"])


def test_planner_in_a_subfolder_links_up(planner_html: Build, catalogue: Catalogue) -> None:
    """On a page in a subfolder every link of the planner goes up to the steps page."""
    expected = render_planner(_every_plan(catalogue), catalogue, "de", url=lambda step_id: f"../steps.html#{step_id}")
    assert expected.rstrip("\n") == _planner(planner_html.pages["teil/planer"])


def test_planner_links_every_step_of_every_plan(planner_html: Build, catalogue: Catalogue) -> None:
    """The planner links each step of any plan once by its title, as ``steps.html#<id>``."""
    steps = {item.step.id for made in _every_plan(catalogue) for item in made.steps}
    expected = sorted(f"steps.html#{step_id}" for step_id in steps)
    found = re.findall(
        r'<a class="cutover-plan-title" id="plan-title-[a-z0-9-]+" href="([^"]+)"', planner_html.pages["index"]
    )
    assert expected == sorted(found)


def test_planner_keeps_the_pages_own_text(planner_html: Build) -> None:
    """The page's own text stays before the planner."""
    page = planner_html.pages["teil/planer"]
    expected = True
    assert expected == (page.index("Beantworten Sie die Fragen.") < page.index('<div class="cutover-planner"'))


def test_planner_in_english(tmp_path: Path, planner_site: Path, catalogue: Catalogue) -> None:
    """The English edition shows the planner in English (the page's own text is left untranslated here)."""
    build = _build(planner_site, tmp_path / "en", "-D", "language=en")
    expected = render_planner(_every_plan(catalogue), catalogue, "en", url=lambda step_id: f"steps.html#{step_id}")
    assert expected.rstrip("\n") == _planner(build.pages["index"])


@pytest.mark.parametrize(("builder", "suffix"), [("text", "txt"), ("gettext", "pot"), ("latex", "tex")])
def test_other_builders_drop_the_planner(planner_site: Path, tmp_path: Path, builder: str, suffix: str) -> None:
    """A builder other than HTML builds without error and writes nothing of the planner, but the page's own text."""
    build = _build(planner_site, tmp_path / builder, "-W", builder=builder)
    written = "\n".join(path.read_text(encoding="utf-8") for path in sorted((tmp_path / builder).rglob(f"*.{suffix}")))
    expected = (0, "", True, False, False)
    found = (
        build.status,
        build.stderr,
        "Beantworten Sie die Fragen." in written,
        "Welche Mail-Variante" in written,
        "cutover-plans" in written,
    )
    assert expected == found


PLANNER_ONLY = "# Planer\n\n```{cutover:step} lead-decide\n```\n\n```{cutover:planner}\n```\n"


def test_invalid_catalogue_gets_no_planner(tmp_path: Path, samples: Path) -> None:
    """With an invalid catalogue the directive renders nothing; the catalogue's problem is the build's only one."""
    src = _project(tmp_path, {"index": PLANNER_ONLY}, samples / "uncarried-statement", every_step=True)
    build = _build(src, tmp_path / "out")
    expected = (1, ["cutover.catalogue"], False, False)
    found = (
        build.status,
        re.findall(r"\[([a-z.-]+)\]$", build.stderr, re.MULTILINE),
        "cutover-planner" in build.pages["index"],
        "cutover-plans" in build.pages["index"],
    )
    assert expected == found


def _planner_nodes(build: Build, page: str) -> int:
    """How many planner nodes the directive left in a page's doctree as read, before any builder wrote it."""
    data = (build.src.parent / "out" / ".doctrees" / f"{page}.doctree").read_bytes()
    return len(list(pickle.loads(data).findall(sphinxext.planner)))  # noqa: S301  # the doctree this test just built


def test_directive_of_an_invalid_catalogue_leaves_no_node(tmp_path: Path, samples: Path) -> None:
    """With an invalid catalogue the directive itself returns nothing; with a valid one it leaves one planner node."""
    invalid = _build(
        _project(tmp_path / "invalid", {"index": PLANNER_ONLY}, samples / "uncarried-statement"),
        tmp_path / "invalid" / "out",
    )
    valid = _build(_project(tmp_path / "valid", {"index": PLANNER_PAGE}, RUNBOOK), tmp_path / "valid" / "out")
    expected = (0, 1)
    assert expected == (_planner_nodes(invalid, "index"), _planner_nodes(valid, "index"))


def test_catalogue_without_the_steps_to_read_first_is_a_located_error(tmp_path: Path, samples: Path) -> None:
    """A valid catalogue that lacks a step the not-ready plan names fails the build with an error, not a crash.

    The three-step sample has ``mail-choose-variant`` but not ``lead-keep-exporter-running``; the symptoms
    directive reports such a step as an unknown-step error at the directive, and so should the planner.
    """
    src = _project(tmp_path, {"index": PLANNER_ONLY}, samples / "valid")
    build = _build(src, tmp_path / "out")
    expected = (1, False, True)
    found = (
        build.status,
        "Extension error" in build.stderr,
        "ERROR: unknown step id 'lead-keep-exporter-running'" in build.stderr,
    )
    assert expected == found


def _with_pdf(src: Path) -> Path:
    """The project with the page ``steps`` built as PDF too, set as docs/conf.py sets it."""
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        # the HTML build has no rinoh builder to register the setting, so it is set directly
        conf.write(
            "def setup(app):\n"
            "    def pdfs(app, config):\n"
            '        config.rinoh_documents = [{"doc": "steps", "target": "liste-a", "title": "Liste <a>"}]\n'
            '    app.connect("config-inited", pdfs)\n'
        )
    return src


def test_planner_links_the_pdfs_the_site_is_built_with(tmp_path: Path, catalogue: Catalogue) -> None:
    """With ``rinoh_documents`` set, the planner links each PDF by its title in ``pdf/``, relative to its page."""
    pages = {"index": PLANNER_INDEX, "steps": _steps_page(catalogue), "teil/planer": PLANNER_PAGE}
    build = _build(_with_pdf(_project(tmp_path, pages, RUNBOOK, every_step=True)), tmp_path / "out", "-W")
    found = [re.findall(r'<p class="cutover-pdfs">(.*?)</p>', build.pages[page]) for page in ("index", "teil/planer")]
    label = "Zum Ausdrucken gibt es auch die Checklisten der beiden Mail-Varianten als PDF:"
    expected = [
        [f'{label} <a href="pdf/liste-a.pdf">Liste &lt;a&gt; (PDF)</a>'],
        [f'{label} <a href="../pdf/liste-a.pdf">Liste &lt;a&gt; (PDF)</a>'],
    ]
    assert (0, expected) == (build.status, found)


def test_planner_without_pdfs_links_none(planner_html: Build) -> None:
    """A site built without PDFs gets no PDF paragraph."""
    expected = False
    assert expected == ("cutover-pdfs" in planner_html.pages["index"])


PDF_LINKS = "# Seite\n\nAls PDF: {pdf}`steps`.\n"


def test_pdf_role_links_the_pages_pdf_relative_to_the_page(tmp_path: Path, catalogue: Catalogue) -> None:
    """``{pdf}`steps``` links the PDF of that page, with the PDF's title, from the start page and from a subfolder."""
    pages = {"index": PDF_LINKS + "\n```{toctree}\nsteps\nteil/pdf\n```\n", "steps": _steps_page(catalogue)}
    pages["teil/pdf"] = PDF_LINKS
    build = _build(_with_pdf(_project(tmp_path, pages, RUNBOOK, every_step=True)), tmp_path / "out", "-W", "-n")
    found = [re.findall(r"Als PDF: (<a [^>]*>.*?</a>)", build.pages[page]) for page in ("index", "teil/pdf")]
    link = '<a class="cutover-pdf reference external" href="{}pdf/liste-a.pdf">Liste &lt;a&gt; (PDF)</a>'
    assert (0, [[link.format("")], [link.format("../")]]) == (build.status, found)


def test_pdf_role_of_a_page_not_built_as_pdf_is_a_located_error(tmp_path: Path) -> None:
    """A page with no PDF fails the build, even without -W, at the role's line, naming the page."""
    build = _build(
        _with_pdf(_project(tmp_path, {"index": "# Seite\n\nAls PDF: {pdf}`index`.\n"}, RUNBOOK)), tmp_path / "o"
    )
    expected = (1, ["index.md:3: ERROR: 'index' is not built as PDF"], True)
    found = (
        build.status,
        re.findall(r"index\.md:\d+: ERROR: 'index' is not built as PDF", build.stderr),
        "<code" in build.pages["index"] and "index</span></code>" in build.pages["index"],
    )
    assert expected == found
