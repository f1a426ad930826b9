"""The planner page (planer.html) in a real browser: the plan for every answer, ticks, reset, no-JS, print, privacy.

The expected plans come from the command line (`cutover steps --format json`), not from the page's own JSON, so a
page that shows a plan the package would not make fails here.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

from cutover.catalogue import LANGUAGES, Answers, Catalogue, Lang, MailVariant, load_catalogue
from cutover.planner import Choice, Portal, personal_plan

from .conftest import ROOT, Opener, Watch, in_view

COMBINATIONS = list(itertools.product("ab", (False, True), (False, True)))  # variant, contact sync, calendar sync
CALENDAR_WARNING = "#plan-calendar-enable-sync p.cutover-risk-warning"


@dataclass(frozen=True)
class CliStep:
    """A step as `cutover steps --format json` prints it: its id and the ids it waits for."""

    id: str
    after: tuple[str, ...]


@functools.cache
def _command_line_plans() -> dict[tuple[str, bool, bool], tuple[CliStep, ...]]:
    """`cutover steps --format json` for every combination of answers, run once each, all at the same time."""
    running = {}
    for variant, contacts, calendar in COMBINATIONS:
        command = [sys.executable, "-m", "cutover", "steps", "--variant", variant, "--format", "json"]
        command += ["--contact-sync"] if contacts else []
        command += ["--calendar-sync"] if calendar else []
        running[variant, contacts, calendar] = subprocess.Popen(  # noqa: S603  # our own command line, fixed args
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
    plans = {}
    for combination, process in running.items():
        out, errors = process.communicate()
        assert process.returncode == 0, errors
        data: list[dict[str, Any]] = json.loads(out)
        plans[combination] = tuple(CliStep(str(s["id"]), tuple(str(before) for before in s["after"])) for s in data)
    return plans


def expected_steps(variant: str, contacts: bool = False, calendar: bool = False) -> tuple[CliStep, ...]:
    """The ordered steps the command line gives for these answers."""
    return _command_line_plans()[variant, contacts, calendar]


def expected_ids(variant: str, contacts: bool = False, calendar: bool = False) -> list[str]:
    """The ids of the command line's plan for these answers, in order."""
    return [step.id for step in expected_steps(variant, contacts, calendar)]


@functools.cache
def _catalogue() -> Catalogue:
    return load_catalogue(ROOT / "runbook")


def expected_risks(lang: Lang, variant: str, contacts: bool, calendar: bool) -> list[tuple[str, str, str]]:
    """Each risk the package places in this plan: (step id, severity, message), in plan order."""
    answers = Answers(MailVariant(variant), contact_sync=contacts, calendar_sync=calendar)
    made = personal_plan(_catalogue(), Choice(answers))
    return [(item.step.id, risk.severity.value, risk.message.get(lang)) for item in made.steps for risk in item.risks]


# --- the page ---------------------------------------------------------------------------------------------------


def open_planner(new_page: Opener, origin: str, lang: str, **options: object) -> tuple[Page, Watch]:
    """The planner page of an edition in a fresh context, once its script has set it up (unless scripts are off)."""
    page, watch = new_page(**options)
    page.goto(f"{origin}/{lang}/planer.html", wait_until="load")
    if options.get("java_script_enabled", True):
        page.wait_for_selector("html.cutover-js", state="attached")
    return page, watch


def reload(page: Page) -> None:
    """Reload the page and wait for the planner's script."""
    page.reload(wait_until="load")
    page.wait_for_selector("html.cutover-js", state="attached")


def visible_steps(page: Page) -> list[str]:
    """The ids of the plan steps a reader sees, top to bottom."""
    ids: list[str] = page.eval_on_selector_all(
        "li.cutover-plan-step", "items => items.filter(i => i.checkVisibility()).map(i => i.dataset.step)"
    )
    return ids


def visible_risks(page: Page) -> list[tuple[str, str, str]]:
    """The risk paragraphs a reader sees: (step id, severity class, text), top to bottom."""
    rows: list[list[str]] = page.eval_on_selector_all(
        "p.cutover-risk",
        """ps => ps.filter(p => p.checkVisibility()).map(p => [
              p.closest('li').dataset.step,
              [...p.classList].find(c => c.startsWith('cutover-risk-')).slice('cutover-risk-'.length),
              p.textContent])""",
    )
    return [(step, severity, text) for step, severity, text in rows]


def visible_notes(page: Page) -> set[tuple[str, str]]:
    """The portal hints a reader sees: (step id, portal)."""
    rows: list[list[str]] = page.eval_on_selector_all(
        "p.cutover-note",
        "ps => ps.filter(p => p.checkVisibility()).map(p => [p.closest('li').dataset.step, p.dataset.portal])",
    )
    return {(step, portal) for step, portal in rows}


def shown(page: Page, selector: str) -> bool:
    """The first element matching the selector is rendered (it and its ancestors are displayed)."""
    return bool(page.eval_on_selector(selector, "e => e.checkVisibility()"))


def progress_numbers(page: Page) -> list[int]:
    """The numbers in the progress line: [done, total]."""
    return [int(n) for n in re.findall(r"\d+", page.text_content(".cutover-progress") or "")]


def progress_text(page: Page, done: int, total: int) -> str:
    """What the progress line must say, from the page's own template."""
    template = str(page.get_attribute("#cutover-planner", "data-progress"))
    assert "{done}" in template, template
    assert "{total}" in template, template
    return template.replace("{done}", str(done)).replace("{total}", str(total))


def click_label(page: Page, name: str, value: str) -> None:
    """Click the label of an answer, as a reader does."""
    page.click(f"form.cutover-questions label:has(> input[name={name}][value={value}])")


def answer(page: Page, variant: str, contacts: bool = False, calendar: bool = False) -> None:
    """Choose these answers by clicking the labels of those not chosen yet, and check the form took them."""
    wanted = [("mail", variant)]
    if variant != "performer":
        wanted += [("contacts", "yes" if contacts else "no"), ("calendar", "yes" if calendar else "no")]
    for name, value in wanted:
        if not page.is_checked(f"input[name={name}][value={value}]"):
            click_label(page, name, value)
    for name, value in wanted:
        assert page.is_checked(f"input[name={name}][value={value}]"), (name, value)


def checked_ticks(page: Page) -> list[str]:
    """The ids of the steps whose box is ticked, among those shown."""
    ids: list[str] = page.eval_on_selector_all(
        "li.cutover-plan-step",
        "items => items.filter(i => i.checkVisibility() && i.querySelector('input.cutover-tick').checked)"
        ".map(i => i.dataset.step)",
    )
    return ids


def visible_boxes(page: Page) -> int:
    """How many tick boxes a reader sees."""
    return int(
        page.eval_on_selector_all("input.cutover-tick", "boxes => boxes.filter(b => b.checkVisibility()).length")
    )


def tick(page: Page, step_id: str) -> None:
    """Click a step's box."""
    page.click(f"#tick-{step_id}")


def tick_first(page: Page, ids: list[str], count: int) -> list[str]:
    """Tick the first steps of a plan in its order (their prerequisites come before them, so none is refused)."""
    for step_id in ids[:count]:
        tick(page, step_id)
        assert page.is_checked(f"#tick-{step_id}"), step_id
    return ids[:count]


def refusal_links(page: Page, step_id: str) -> list[str]:
    """The targets of the links in a step's refusal."""
    hrefs: list[str] = page.eval_on_selector_all(
        f"#plan-{step_id} .cutover-refusal a", "links => links.map(a => a.getAttribute('href'))"
    )
    return hrefs


# --- the plan for every answer ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_answer_shows_the_plan_of_the_command_line(new_page: Opener, origin: str, lang: Lang) -> None:
    """For each of the 8 answer sets, the steps shown, their order, the count and the warnings are the package's."""
    page, watch = open_planner(new_page, origin, lang)
    for variant, contacts, calendar in COMBINATIONS:
        answer(page, variant, contacts, calendar)
        ids = expected_ids(variant, contacts, calendar)
        label = f"{variant} contacts={contacts} calendar={calendar}"
        assert visible_steps(page) == ids, label
        assert page.text_content(".cutover-progress") == progress_text(page, 0, len(ids)), label
        assert shown(page, ".cutover-plan-tools"), label
        assert not shown(page, ".cutover-not-ready"), label
        risks = visible_risks(page)
        expected = expected_risks(lang, variant, contacts, calendar)
        assert [(step, severity) for step, severity, _ in risks] == [(s, v) for s, v, _ in expected], label
        for (_, _, text), (_, _, message) in zip(risks, expected, strict=True):
            assert message in text, label
        assert shown(page, CALENDAR_WARNING) is calendar, label
    assert watch.errors == []


# --- ticks ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ticking_too_early_is_refused_with_the_open_steps(new_page: Opener, origin: str, lang: Lang) -> None:
    """portal-activate cannot be ticked before its prerequisites; the refusal links exactly those still open."""
    page, watch = open_planner(new_page, origin, lang)
    steps = expected_steps("a")
    ids = [step.id for step in steps]
    target = "portal-activate"
    after = next(step.after for step in steps if step.id == target)
    assert after, "portal-activate waits for nothing, so this test proves nothing"
    in_order = sorted(after, key=ids.index)
    refuse = str(page.get_attribute("#cutover-planner", "data-refuse"))
    assert refuse.strip()

    tick(page, target)
    assert not page.is_checked(f"#tick-{target}")
    assert shown(page, f"#plan-{target} .cutover-refusal")
    assert refuse in (page.text_content(f"#plan-{target} .cutover-refusal") or "")
    assert refusal_links(page, target) == [f"#plan-{before}" for before in in_order]
    assert page.text_content(".cutover-progress") == progress_text(page, 0, len(ids))

    # A link in the refusal takes the reader to that step in the plan.
    first = in_order[0]
    page.click(f"#plan-{target} .cutover-refusal a[href='#plan-{first}']")
    assert page.url.endswith(f"/{lang}/planer.html#plan-{first}")
    assert in_view(page, f"plan-{first}")
    assert page.eval_on_selector(f"#plan-{first}", "e => e.matches(':target')")

    # Tick the prerequisites in plan order; with one left open, only that one is named.
    *done, last = in_order
    for before in done:
        tick(page, before)
        assert page.is_checked(f"#tick-{before}"), before
    tick(page, target)
    assert not page.is_checked(f"#tick-{target}")
    assert refusal_links(page, target) == [f"#plan-{last}"]
    tick(page, last)
    tick(page, target)
    assert page.is_checked(f"#tick-{target}")
    assert not shown(page, f"#plan-{target} .cutover-refusal")
    assert page.text_content(".cutover-progress") == progress_text(page, len(after) + 1, len(ids))
    assert watch.errors == []


_CLICK_EVERY_BOX_FROM_THE_END = """ids => ids.slice().reverse().map(id => {
    const item = document.getElementById('plan-' + id), box = item.querySelector('input.cutover-tick');
    box.click();
    const refusal = item.querySelector('.cutover-refusal');
    return [id, box.checked, refusal.checkVisibility(),
            [...refusal.querySelectorAll('a')].map(a => a.getAttribute('href'))];
  }).reverse()"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_of_every_plan_waits_for_exactly_its_prerequisites(
    new_page: Opener, origin: str, lang: Lang
) -> None:
    """In each plan, a box clicked while nothing before it is ticked names exactly the command line's "after"."""
    page, watch = open_planner(new_page, origin, lang)
    for variant, contacts, calendar in COMBINATIONS:
        answer(page, variant, contacts, calendar)
        steps = expected_steps(variant, contacts, calendar)
        ids = [step.id for step in steps]
        # From the last step to the first: each is clicked while every step before it is still open.
        clicked = page.evaluate(_CLICK_EVERY_BOX_FROM_THE_END, ids)
        expected = [
            [
                step.id,
                not step.after,
                bool(step.after),
                [f"#plan-{before}" for before in sorted(step.after, key=ids.index)],
            ]
            for step in steps
        ]
        assert clicked == expected, f"{variant} contacts={contacts} calendar={calendar}"
        page.click("button.cutover-reset")
        assert checked_ticks(page) == []
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ticks_and_answers_survive_a_reload_and_belong_to_their_answers(
    new_page: Opener, origin: str, lang: Lang
) -> None:
    """Ticks and answers are kept over a reload; ticks under variant b are not shown under a and come back on b."""
    page, watch = open_planner(new_page, origin, lang)
    plan_b, plan_a = expected_ids("b", contacts=True), expected_ids("a")
    answer(page, "b", contacts=True)
    ticked_b = tick_first(page, plan_b, 3)

    reload(page)
    assert page.is_checked("input[name=mail][value=b]")
    assert page.is_checked("input[name=contacts][value=yes]")
    assert page.is_checked("input[name=calendar][value=no]")
    assert visible_steps(page) == plan_b
    assert checked_ticks(page) == ticked_b
    assert progress_numbers(page) == [3, len(plan_b)]

    answer(page, "a")
    assert visible_steps(page) == plan_a
    assert checked_ticks(page) == []
    assert progress_numbers(page) == [0, len(plan_a)]
    ticked_a = tick_first(page, plan_a, 1)

    answer(page, "b", contacts=True)
    assert checked_ticks(page) == ticked_b
    answer(page, "a")
    assert checked_ticks(page) == ticked_a
    reload(page)
    assert page.is_checked("input[name=mail][value=a]")
    assert checked_ticks(page) == ticked_a
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reset_clears_only_the_ticks_of_the_current_answers(new_page: Opener, origin: str, lang: Lang) -> None:
    """The reset button unticks every step of the plan shown, for good, and leaves other answers' ticks alone."""
    page, watch = open_planner(new_page, origin, lang)
    plan_a, plan_b = expected_ids("a"), expected_ids("b")
    ticked_a = tick_first(page, plan_a, 2)
    answer(page, "b")
    tick_first(page, plan_b, 4)

    page.click("button.cutover-reset")
    assert checked_ticks(page) == []
    assert page.eval_on_selector_all("input.cutover-tick", "boxes => boxes.filter(b => b.checked).length") == 0
    assert progress_numbers(page) == [0, len(plan_b)]
    reload(page)
    assert page.is_checked("input[name=mail][value=b]")
    assert checked_ticks(page) == []
    assert progress_numbers(page) == [0, len(plan_b)]

    answer(page, "a")
    assert checked_ticks(page) == ticked_a
    assert progress_numbers(page) == [2, len(plan_a)]
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unticking_a_step_that_ticked_steps_wait_for_is_refused(new_page: Opener, origin: str, lang: Lang) -> None:
    """A tick stays while a ticked step waits for it; the refusal links exactly those steps, in plan order."""
    page, watch = open_planner(new_page, origin, lang)
    steps = expected_steps("a")
    ids = [step.id for step in steps]
    ticked = tick_first(page, ids, 4)
    first = ticked[0]
    waiting = [s.id for s in steps if s.id in ticked and first in s.after]
    assert waiting  # the plan's first step is waited for by the next ones

    tick(page, first)
    assert page.is_checked(f"#tick-{first}")
    assert shown(page, f"#plan-{first} .cutover-refusal")
    keep = page.eval_on_selector("#cutover-planner", "root => root.dataset.keep")
    assert (page.text_content(f"#plan-{first} .cutover-refusal") or "").startswith(keep)
    assert refusal_links(page, first) == [f"#plan-{step_id}" for step_id in waiting]
    reload(page)
    assert checked_ticks(page) == ticked

    last = ticked[-1]  # nothing ticked waits for the last step ticked
    tick(page, last)
    assert not page.is_checked(f"#tick-{last}")
    assert not shown(page, f"#plan-{last} .cutover-refusal")
    assert checked_ticks(page) == ticked[:-1]
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_tabs_keep_each_others_ticks(new_page: Opener, origin: str, lang: Lang) -> None:
    """Ticks made in two tabs of one browser add up, and each tab shows the other's ticks without a reload."""
    first, watch = open_planner(new_page, origin, lang)
    second = first.context.new_page()
    second.goto(f"{origin}/{lang}/planer.html", wait_until="load")
    second.wait_for_selector("html.cutover-js", state="attached")
    ids = expected_ids("a")

    tick(first, ids[0])
    second.wait_for_function(f"document.getElementById('tick-{ids[0]}').checked")
    tick(second, ids[1])
    first.wait_for_function(f"document.getElementById('tick-{ids[1]}').checked")
    tick(first, ids[2])
    assert checked_ticks(first) == ids[:3]
    second.wait_for_function(f"document.getElementById('tick-{ids[2]}').checked")
    reload(second)
    assert checked_ticks(second) == ids[:3]
    assert watch.errors == []


# What an older version, an extension or a hand may have left in the planner's storage.
GARBAGE = ["5", "{}", "true", "null", '"lead-decide"', '{"a": ', "[1, 2]", '["no-such-step"]', "\u0000"]


def test_garbage_in_storage_is_read_as_nothing_and_then_overwritten(new_page: Opener, origin: str) -> None:
    """Whatever is stored, the page starts with no ticks, still refuses an early tick, and keeps new ticks.

    One edition is enough: both run the same script over the same storage keys.
    """
    page, watch = open_planner(new_page, origin, "de")
    keys = page.evaluate(
        "JSON.parse(document.getElementById('cutover-plans').textContent).map(p => 'cutover.planner.ticks.' + p.key)"
    )
    ids = expected_ids("a")
    for garbage in GARBAGE:
        page.evaluate(
            "([keys, value]) => { for (const key of keys) localStorage.setItem(key, value); }",
            [[*keys, "cutover.planner.answers"], garbage],
        )
        reload(page)
        seen = (visible_steps(page), checked_ticks(page), shown(page, ".cutover-plan-tools"))
        assert seen == (ids, [], True), garbage

        tick(page, ids[-1])
        assert not page.is_checked(f"#tick-{ids[-1]}"), garbage
        assert shown(page, f"#plan-{ids[-1]} .cutover-refusal"), garbage
        ticked = tick_first(page, ids, 2)
        reload(page)
        assert checked_ticks(page) == ticked, garbage
        assert not shown(page, ".cutover-storage-note"), garbage
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_stored_ticks_out_of_order_are_not_shown_as_done(new_page: Opener, origin: str, lang: Lang) -> None:
    """A stored list that ticks a step without the steps it waits for shows only the ticks that keep the order."""
    page, watch = open_planner(new_page, origin, lang)
    steps = expected_steps("a")
    first = steps[0].id
    waiting = next(step for step in steps if set(step.after) - {first})  # waits for more than the first step
    key = page.get_attribute("#cutover-planner", "data-default")  # the default answers: variant a, no sync
    page.evaluate(
        "([key, ids]) => localStorage.setItem('cutover.planner.ticks.' + key, JSON.stringify(ids))",
        [key, [waiting.id, first]],
    )
    reload(page)
    assert checked_ticks(page) == [first]
    assert watch.errors == []


# Storage that is full: every write fails, as a browser's quota makes it fail.
_FULL_STORAGE = """
    Storage.prototype.setItem = () => { throw new DOMException("quota", "QuotaExceededError"); };
"""
# Storage that is refused: site data blocked, so that even reaching localStorage fails.
_REFUSED_STORAGE = """
    window.refusedTo = [];  // the scripts that reached for it, to tell Sphinx's failures from ours
    Object.defineProperty(window, "localStorage", {
      get() {
        window.refusedTo.push(new Error().stack);
        throw new DOMException("refused", "SecurityError");
      },
    });
"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("storage", ["full", "refused"])
def test_storage_that_keeps_nothing_says_so_and_the_order_check_still_holds(
    new_page: Opener, origin: str, lang: Lang, storage: str
) -> None:
    """Full or refused storage: the page says the ticks are not kept; ticking works, in order, while it is open.

    With refused storage Sphinx's own search highlighting fails too (it reads localStorage unguarded): the only
    page errors are those of its calls, while the planner's calls were refused and caught.
    """
    page, _ = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.message))
    page.add_init_script(_FULL_STORAGE if storage == "full" else _REFUSED_STORAGE)
    page.goto(f"{origin}/{lang}/planer.html", wait_until="load")
    page.wait_for_selector("html.cutover-js", state="attached")
    ids = expected_ids("a")
    note = page.text_content(".cutover-storage-note") or ""
    assert shown(page, ".cutover-storage-note")
    assert ("Haken" if lang == "de" else "ticks") in note
    tick(page, ids[-1])
    assert not page.is_checked(f"#tick-{ids[-1]}")
    assert shown(page, f"#plan-{ids[-1]} .cutover-refusal")
    assert tick_first(page, ids, 2) == checked_ticks(page)
    answer(page, "a", calendar=True)  # another answer, and back: the ticks of this page are still there
    answer(page, "a")
    assert checked_ticks(page) == ids[:2]
    callers: list[str] = page.evaluate("window.refusedTo || []")
    sphinx = sum("sphinx_highlight.js" in stack for stack in callers)
    expected = (0, False) if storage == "full" else (sphinx, True)
    assert expected == (len(errors), any("cutover.js" in stack for stack in callers))
    reload(page)
    assert checked_ticks(page) == []  # nothing was kept, as the page said


# --- not ready, portals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_still_sending_from_performer_shows_no_plan_but_what_to_read(
    new_page: Opener, origin: str, site: Path, lang: Lang
) -> None:
    """'I still send mail from Performer' hides the checklist and the other questions and explains what to read."""
    page, watch = open_planner(new_page, origin, lang)
    answer(page, "performer")
    assert visible_steps(page) == []
    assert visible_boxes(page) == 0
    assert not shown(page, ".cutover-plan")
    assert not shown(page, ".cutover-plan-tools")
    assert page.eval_on_selector_all(
        "form.cutover-questions fieldset", "sets => sets.map(f => f.checkVisibility())"
    ) == [True, False, False, False]
    assert shown(page, ".cutover-not-ready")
    hrefs: list[str] = page.eval_on_selector_all(
        ".cutover-not-ready a", "links => links.map(a => a.getAttribute('href'))"
    )
    targets = [urlsplit(href) for href in hrefs]
    assert [target.fragment for target in targets] == ["lead-keep-exporter-running", "mail-choose-variant"]
    for target in targets:
        text = (site / lang / target.path).read_text(encoding="utf-8")
        assert f'id="{target.fragment}"' in text, target
    reload(page)
    assert page.is_checked("input[name=mail][value=performer]")
    assert shown(page, ".cutover-not-ready")
    assert visible_steps(page) == []
    answer(page, "a")
    assert not shown(page, ".cutover-not-ready")
    assert visible_steps(page) == expected_ids("a")
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_portal_hints_follow_the_chosen_portals(new_page: Opener, origin: str, lang: Lang) -> None:
    """Unticking a portal hides its hints, and only them; the steps stay the same."""
    page, watch = open_planner(new_page, origin, lang)

    def hints(portals: set[Portal]) -> set[tuple[str, str]]:
        made = personal_plan(_catalogue(), Choice(portals=frozenset(portals)))
        return {(item.step.id, note.portal.value) for item in made.steps for note in item.notes}

    ids = expected_ids("a")
    both = visible_notes(page)
    assert both == hints({Portal.IMMOBILIENSCOUT24, Portal.OTHER})
    assert {portal for _, portal in both} == {"immobilienscout24", "other"}

    click_label(page, "portal", "immobilienscout24")
    assert not page.is_checked("input[name=portal][value=immobilienscout24]")
    assert visible_notes(page) == hints({Portal.OTHER}) == {(s, p) for s, p in both if p == "other"}
    assert visible_steps(page) == ids
    click_label(page, "portal", "other")
    assert visible_notes(page) == set()
    assert visible_steps(page) == ids
    reload(page)
    assert visible_notes(page) == set()
    click_label(page, "portal", "immobilienscout24")
    assert visible_notes(page) == hints({Portal.IMMOBILIENSCOUT24})
    assert visible_steps(page) == ids
    assert watch.errors == []


# --- without JavaScript -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_default_plan_is_shown(new_page: Opener, origin: str, site: Path, lang: Lang) -> None:
    """Without JavaScript: variant a's plan with its warnings, inputs disabled, the note linking both checklists."""
    page, watch = open_planner(new_page, origin, lang, java_script_enabled=False)
    assert visible_steps(page) == expected_ids("a")
    titles: list[list[str]] = page.eval_on_selector_all(
        "li.cutover-plan-step",
        "items => items.map(i => [i.dataset.step, i.querySelector('a.cutover-plan-title').getAttribute('href')])",
    )
    for step_id, href in titles:  # every entry, shown or not, leads to the full step
        target = urlsplit(href)
        assert target.fragment == step_id, href
        assert f'id="{step_id}"' in (site / lang / target.path).read_text(encoding="utf-8"), href
    risks = visible_risks(page)
    expected = expected_risks(lang, "a", contacts=False, calendar=False)
    assert [(step, severity) for step, severity, _ in risks] == [(s, v) for s, v, _ in expected]
    assert not shown(page, CALENDAR_WARNING)
    disabled = page.eval_on_selector_all(
        "#cutover-planner input", "inputs => inputs.map(i => [i.name || i.id, i.disabled])"
    )
    assert disabled, "no inputs on the page"
    assert [name for name, off in disabled if not off] == []
    assert shown(page, ".cutover-nojs")
    links = page.eval_on_selector_all(".cutover-nojs a", "links => links.map(a => a.getAttribute('href'))")
    assert {"checkliste-variante-a.html", "checkliste-variante-b.html"} <= set(links)
    assert not shown(page, ".cutover-not-ready")
    assert not shown(page, ".cutover-plan-tools")
    assert watch.outside == []
    assert watch.errors == []


# --- nothing is sent --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_planner_sends_nothing(new_page: Opener, origin: str, site: Path, lang: Lang) -> None:
    """Answering, ticking, a refusal, reset and reload make only GETs of the site's own static files."""
    page, watch = new_page()
    seen: list[Request] = []

    def record(request: Request) -> None:
        seen.append(request)

    page.on("request", record)
    page.goto(f"{origin}/{lang}/planer.html", wait_until="load")
    page.wait_for_selector("html.cutover-js", state="attached")
    answer(page, "b", contacts=True, calendar=True)
    tick_first(page, expected_ids("b", contacts=True, calendar=True), 3)
    tick(page, "portal-activate")  # refused
    click_label(page, "portal", "other")
    page.click("button.cutover-reset")
    reload(page)
    page.wait_for_load_state("networkidle")
    assert seen, "the page made no requests at all, so this test proves nothing"
    for request in seen:
        parts = urlsplit(request.url)
        assert f"{parts.scheme}://{parts.netloc}" == origin, request.url
        assert request.method == "GET", request.url
        assert request.resource_type not in {"xhr", "fetch", "websocket", "eventsource", "ping"}, request.url
        assert request.post_data is None, request.url
        assert (site / parts.path.lstrip("/")).is_file(), request.url
    assert watch.outside == []
    assert watch.errors == []


# --- print ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_planner_is_a_checklist_of_the_chosen_plan(new_page: Opener, origin: str, lang: Lang) -> None:
    """On paper: no navigation, no screen texts or buttons, only the chosen answers, each step with a box and its id."""
    page, watch = open_planner(new_page, origin, lang)
    answer(page, "b", contacts=True)
    click_label(page, "portal", "immobilienscout24")
    ids = expected_ids("b", contacts=True)
    tick_first(page, ids, 2)
    page.emulate_media(media="print")

    for selector in ("div.sphinxsidebar", "div.footer", ".cutover-languages", ".cutover-screen"):
        states = page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.checkVisibility())")
        assert states, f"{selector}: not on the page"
        assert not any(states), selector
    for selector in (".cutover-nojs", ".cutover-plan-tools", "button.cutover-reset"):
        assert not shown(page, selector), selector

    labels = page.eval_on_selector_all(
        "form.cutover-questions label",
        "labels => labels.map(l => [l.querySelector('input').name, l.querySelector('input').value,"
        " l.querySelector('input').checked, l.checkVisibility()])",
    )
    assert [(name, value) for name, value, _, visible in labels if visible] == [
        ("mail", "b"),
        ("contacts", "yes"),
        ("calendar", "no"),
        ("portal", "other"),
    ]
    assert all(checked == visible for _, _, checked, visible in labels)

    assert visible_steps(page) == ids
    boxes = page.eval_on_selector_all(
        "li.cutover-plan-step",
        """items => items.filter(i => i.checkVisibility()).map(i => {
             const box = i.querySelector('input.cutover-tick'), style = getComputedStyle(box);
             const badge = i.querySelector('.cutover-id');
             return [i.dataset.step, box.checkVisibility(), style.appearance, parseFloat(style.borderTopWidth),
                     badge.checkVisibility(), badge.textContent.trim()];
           })""",
    )
    assert len(boxes) == len(ids)
    for step_id, box_shown, appearance, border, badge_shown, badge in boxes:
        assert (box_shown, appearance, badge_shown, badge) == (True, "none", True, step_id), step_id
        assert border > 0, step_id
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_checklist_page_shows_every_item(new_page: Opener, origin: str, lang: Lang) -> None:
    """checkliste-variante-a.html on paper: no sidebar, and every step of variant a with both syncs."""
    page, watch = new_page()
    page.goto(f"{origin}/{lang}/checkliste-variante-a.html", wait_until="load")
    page.emulate_media(media="print")
    for selector in ("div.sphinxsidebar",):
        states = page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.checkVisibility())")
        assert states, f"{selector}: not on the page"
        assert not any(states), selector
    items = page.eval_on_selector_all(
        ".cutover-checklist li",
        "items => items.map(i => [i.checkVisibility(), i.querySelector('.cutover-id').textContent.trim()])",
    )
    assert [step_id for visible, step_id in items if visible] == expected_ids("a", contacts=True, calendar=True)
    assert all(visible for visible, _ in items)
    assert watch.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_checklists_are_linked_and_are_pdfs(new_page: Opener, origin: str, lang: Lang) -> None:
    """The planner links both variants' PDF checklists, each checklist page its own, and each link is a real PDF."""
    page, watch = open_planner(new_page, origin, lang)
    from_planner = [str(page.evaluate("a => a.href", a)) for a in page.query_selector_all(".cutover-pdfs a")]
    from_pages = []
    for variant in "ab":
        page.goto(f"{origin}/{lang}/checkliste-variante-{variant}.html")
        links = page.eval_on_selector_all("a[href$='.pdf']", "links => links.map(a => a.href)")
        from_pages += [str(link) for link in links]
    expected = [f"{origin}/{lang}/pdf/checkliste-variante-{variant}.pdf" for variant in "ab"]
    assert (expected, expected) == (from_planner, from_pages)
    for address in expected:
        response = page.request.get(address)
        assert (200, b"%PDF-") == (response.status, response.body()[:5]), address
    assert watch.errors == []
