"""For the service desk, in a real browser: short links, the copy button, the step index, the symptom lookup."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page
from sphinx.util.inventory import InventoryFile

from cutover.catalogue import LANGUAGES, PUBLISHED, Area, Catalogue, Lang, load_catalogue
from cutover.duplicates import symptoms

from .conftest import ROOT, Opener, Tour, in_view, serve, where

OLD, NEW = "portal-verify-offline", "portal-check-offline"  # the rename the alias tests make


def _follow(page: Page, address: str) -> str:
    """Open a short link and wait until its redirect has landed; the address it landed on."""
    page.goto(address, wait_until="commit")
    page.wait_for_url(lambda url: "/s/" not in url, wait_until="domcontentloaded")
    return page.url


def _short_links_land(page: Page, origin: str, catalogue: Catalogue, placed: dict[str, str], lang: str) -> int:
    """Open the short link of every step id and alias in one edition; each must show its step where it is."""
    names = {step.id: step.id for step in catalogue} | dict(catalogue.aliases)
    for name, step_id in names.items():
        landed = _follow(page, f"{origin}/{lang}/s/{name}.html")
        assert landed == f"{origin}/{lang}/{placed[step_id]}.html#{step_id}", name
        assert in_view(page, step_id), f"{lang}/s/{name}.html landed on {landed}, but #{step_id} is not in view"
    return len(names)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_short_link_lands_on_its_step_without_javascript(
    new_page: Opener, origin: str, tour: Tour, catalogue: Catalogue, lang: str
) -> None:
    """s/<id>.html of every id and alias leads, by its meta refresh alone, to the page and the step it names."""
    page, watch = new_page(java_script_enabled=False)
    assert _short_links_land(page, origin, catalogue, where(tour, lang), lang) >= len(catalogue)
    assert watch.errors == []
    assert watch.outside == []


def test_short_link_page_says_where_the_step_is(new_page: Opener, origin: str, catalogue: Catalogue) -> None:
    """A reader whose browser does not follow the refresh sees a plain link to the step, with its title."""
    page, _ = new_page(java_script_enabled=False)
    response = page.request.get(f"{origin}/en/s/{OLD}.html")
    html = response.text()
    expected = f'<a href="../portale.html#portal-verify-offline">{catalogue[OLD].title.get("en")}</a>'
    assert expected in html
    assert '<meta http-equiv="refresh" content="0; url=../portale.html#portal-verify-offline">' in html


def test_cutover_link_prints_a_url_that_shows_the_step(new_page: Opener, origin: str, catalogue: Catalogue) -> None:
    """`cutover link portal-verify-offline --lang en`, with the site's address set, opens that step in English."""
    command = [sys.executable, "-m", "cutover", "link", OLD, "--lang", "en"]
    result = subprocess.run(  # noqa: S603  # our own command line, with fixed arguments
        command, capture_output=True, text=True, check=True, env={**os.environ, "CUTOVER_BASE_URL": origin}
    )
    url = result.stdout.strip()
    assert url == f"{origin}/en/s/{OLD}.html"
    page, watch = new_page()
    assert _follow(page, url) == f"{origin}/en/portale.html#{OLD}"
    assert in_view(page, OLD)
    title = page.text_content(f"#{OLD} > :is(h1, h2, h3, h4)") or ""
    assert title.startswith(catalogue[OLD].title.get("en"))
    assert watch.errors == []


@pytest.mark.parametrize(("lang", "announced"), [("de", "Link kopiert"), ("en", "Link copied")])
def test_copy_button_copies_the_short_link_and_says_so(
    new_page: Opener, origin: str, lang: str, announced: str
) -> None:
    """Beside the id badge, the button copies the step's short link and a live region announces it."""
    page, watch = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{origin}/{lang}/portale.html#{OLD}")
    button = page.locator(f"#{OLD} .cutover-step-meta button.cutover-copy")
    assert button.is_visible()
    label = button.get_attribute("aria-label") or ""
    assert label.endswith(f"({'Schritt' if lang == 'de' else 'step'} {OLD})")
    button.click()
    status = page.locator("[role=status]")
    status.filter(has_text=announced).wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{origin}/{lang}/s/{OLD}.html"
    assert status.text_content() == f"{announced}: {copied}"
    assert _follow(page, copied) == f"{origin}/{lang}/portale.html#{OLD}"
    assert watch.errors == []


def test_without_javascript_the_badge_is_a_plain_permalink(new_page: Opener, origin: str) -> None:
    """No script: no copy button to be seen, and the id badge itself links the short link."""
    page, _ = new_page(java_script_enabled=False)
    page.goto(f"{origin}/de/portale.html#{OLD}")
    assert not page.locator(f"#{OLD} button.cutover-copy").is_visible()
    badge = page.locator(f"#{OLD} .cutover-step-meta a.cutover-permalink")
    assert badge.get_attribute("href") == f"s/{OLD}.html"
    with page.expect_navigation():
        badge.click()
    page.wait_for_url(f"{origin}/de/portale.html#{OLD}")
    assert in_view(page, OLD)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_step_index_lists_every_step_with_its_link(
    new_page: Opener, origin: str, tour: Tour, catalogue: Catalogue, lang: str
) -> None:
    """The step index has one row per step, grouped by area: its id links the short link, its title the step."""
    page, _ = new_page()
    page.goto(f"{origin}/{lang}/schritte.html")
    rows = page.eval_on_selector_all(
        "section[id^=area-] tbody tr",
        """rows => rows.map(row => [row.closest('section').id,
                                    row.querySelector('a.cutover-permalink').textContent,
                                    row.querySelector('a.cutover-permalink').getAttribute('href'),
                                    row.querySelector('a.internal').getAttribute('href')])""",
    )
    placed = where(tour, lang)
    expected = [
        [f"area-{step.area}", step.id, f"s/{step.id}.html", f"{placed[step.id]}.html#{step.id}"]
        for area in Area
        for step in catalogue
        if step.area is area
    ]
    assert rows == expected
    assert page.locator("button.cutover-copy:visible").count() == len(catalogue)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_symptom_lookup_links_the_right_steps_for_every_damage(
    new_page: Opener, origin: str, tour: Tour, lang: Lang
) -> None:
    """Every kind of damage the checks know has an entry, headed by what the customer sees, linking its steps."""
    page, _ = new_page()
    page.goto(f"{origin}/{lang}/symptome.html")
    placed = where(tour, lang)
    for symptom in symptoms():
        section = f"symptom-{symptom.damage}"
        heading = (page.text_content(f"#{section} > :is(h1, h2, h3, h4)") or "").replace("\u2019", "'")
        assert heading.startswith(symptom.damage.symptom.get(lang)), heading  # Sphinx makes ' typographic
        hrefs = page.eval_on_selector_all(
            f"#{section} .cutover-symptom-steps a.internal", "links => links.map(a => a.getAttribute('href'))"
        )
        assert sorted(set(hrefs)) == sorted(f"{placed[step]}.html#{step}" for step in symptom.steps), section
    jump = page.eval_on_selector_all(".cutover-symptom-list a", "links => links.map(a => a.getAttribute('href'))")
    assert jump == [f"#symptom-{symptom.damage}" for symptom in symptoms()]


def test_steps_json_leads_to_every_step_in_every_edition(origin: str, site: Path, tour: Tour) -> None:
    """steps.json, the same in every edition, gives each step's titles and URLs, and they lead where the step is."""
    data = json.loads((site / "de" / "steps.json").read_text(encoding="utf-8"))
    assert (site / "en" / "steps.json").read_bytes() == (site / "de" / "steps.json").read_bytes()
    base = f"{origin}/de/steps.json"
    for lang in LANGUAGES:
        placed = where(tour, lang)
        assert sorted(data["steps"]) == sorted(placed)
        for step_id, entry in data["steps"].items():
            assert urljoin(base, entry["url"][lang]) == f"{origin}/{lang}/{placed[step_id]}.html#{step_id}"
            assert urlsplit(urljoin(base, entry["short_url"][lang])).path == f"/{lang}/s/{step_id}.html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_objects_inv_has_a_label_for_every_step(site: Path, catalogue: Catalogue, lang: Lang) -> None:
    """Other Sphinx sites can link any step by its id through intersphinx."""
    with (site / lang / "objects.inv").open("rb") as file:
        labels = InventoryFile.load(file, "", lambda base, uri: uri)["std:label"]
    assert {step.id for step in catalogue} <= set(labels)
    assert (labels[OLD].uri, labels[OLD].display_name) == (f"portale.html#{OLD}", catalogue[OLD].title.get(lang))


# --- a renamed step: the old id keeps working -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real pages, built over the catalogue with portal-verify-offline renamed and its old id as alias; served."""
    folder = tmp_path_factory.mktemp("renamed")
    runbook = Path(shutil.copytree(ROOT / "runbook", folder / "runbook"))
    steps = runbook / "steps.toml"
    text = steps.read_text(encoding="utf-8").replace(f'"{OLD}"', f'"{NEW}"')
    steps.write_text(text.replace(f'id = "{NEW}"\n', f'id = "{NEW}"\naliases = ["{OLD}"]\n'), encoding="utf-8")
    with (runbook / PUBLISHED).open("a", encoding="utf-8") as published:
        published.write(f"{NEW}\n")
    assert load_catalogue(runbook).aliases == {OLD: NEW}

    def build(lang: str) -> list[str]:
        return [
            sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"language={lang}",
            "-D", f"cutover_runbook={runbook}", "-d", str(folder / "doctrees" / lang),
            str(ROOT / "docs"), str(folder / "site" / lang),
        ]  # fmt: skip

    # Both editions at once: the fixture costs the slower build, not the sum. Our own build, fixed arguments.
    builds = [
        subprocess.Popen(build(lang), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # noqa: S603
        for lang in LANGUAGES
    ]
    for running in builds:
        _, errors = running.communicate()
        assert running.returncode == 0, errors
    with serve(folder / "site") as address:
        yield address


@pytest.mark.parametrize("lang", LANGUAGES)
def test_old_short_link_of_a_renamed_step_leads_to_the_new_step(renamed: str, new_page: Opener, lang: str) -> None:
    """After a rename with an alias, the old id's short link (and its old anchor) still show the step."""
    page, watch = new_page(at=renamed, java_script_enabled=False)
    assert _follow(page, f"{renamed}/{lang}/s/{OLD}.html") == f"{renamed}/{lang}/portale.html#{NEW}"
    assert in_view(page, NEW)
    assert _follow(page, f"{renamed}/{lang}/s/{NEW}.html") == f"{renamed}/{lang}/portale.html#{NEW}"
    page.goto(f"{renamed}/{lang}/portale.html#{OLD}")
    assert page.locator(f"section#{NEW} #{OLD}").count() == 1  # the old anchor is inside the renamed step
    assert watch.errors == []


def test_step_index_lists_the_retired_id(renamed: str, new_page: Opener) -> None:
    """The step index names each retired id, linking its short link, beside the step it now leads to."""
    page, _ = new_page(at=renamed)
    page.goto(f"{renamed}/de/schritte.html#retired-ids")
    row = page.eval_on_selector(
        "#retired-ids tbody tr",
        """row => [row.querySelector('a.cutover-permalink').getAttribute('href'),
                   row.querySelector('a.internal').hash]""",
    )
    assert row == [f"s/{OLD}.html", f"#{NEW}"]
