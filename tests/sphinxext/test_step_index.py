"""The step index."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from cutover.catalogue import Area, Catalogue, Lang, load_catalogue
from cutover.words import word
from sphinxext.builds import FAILED_DE, Build, _smart, _templates


def _index_areas(page: str) -> list[tuple[str, str]]:
    """The HTML id and title of each area section of a step index."""
    return re.findall(r'<section class="cutover-index-area" id="([a-z-]+)">\n<h2>(.*?)<a class="headerlink"', page)


_ROW = re.compile(
    r'<tr class="row-\w+"><td><p><a [^>]*>([a-z0-9-]+)</a><button [^>]*>[^<]*</button></p></td>\n'
    r'<td><p><a class="reference internal" href="([^"]+)"><span class="std std-ref">(.*?)</span></a></p></td>\n'
    r'<td><p><span class="cutover-kinds"><span class="cutover-badge cutover-kind-[a-z]+">(.*?)</span>'
    r'(?: <span class="cutover-badge [a-z-]+">[^<]*</span>)*</span></p></td>\n'
    r'<td><p><span class="cutover-badge cutover-applies-[a-z-]+">(.*?)</span></p></td>\n</tr>'
)


def _index_rows(page: str) -> dict[str, list[tuple[str, ...]]]:
    """Per area section of a step index: each row's id, link, title, kind and applies."""
    sections = re.findall(r'<section class="cutover-index-area" id="area-([a-z]+)">(.*?)</section>', page, re.DOTALL)
    return {area: _ROW.findall(body) for area, body in sections}


def test_step_index_has_a_section_per_area(site_build: Build, edition: Lang, catalogue: Catalogue) -> None:
    """The step index has one section per area with steps, in the order of the areas, titled in the edition's words."""
    expected = [(f"area-{area}", area.label.get(edition)) for area in Area if any(s.area is area for s in catalogue)]
    assert expected == _index_areas(site_build.pages["verzeichnis/schritte"])


def test_step_index_leaves_out_areas_without_steps(renamed: Build) -> None:
    """An area without steps gets no section."""
    expected = [("area-lead", "Führendes System"), ("area-portal", "Portale"), ("area-mail", "Mail")]
    assert expected == _index_areas(renamed.pages["teil/umbenannt"])


@pytest.mark.parametrize(
    ("edition", "words"), [("de", ("Kennung", "Schritt", "Art", "Gilt")), ("en", ("ID", "Step", "Type", "Applies"))]
)
def test_step_index_table_header(site_build: Build, words: tuple[str, ...]) -> None:
    """Each area's table has the header Kennung, Schritt, Art, Gilt; in English ID, Step, Type, Applies."""
    header = (
        '<thead>\n<tr class="row-odd"><th class="head"><p>{}</p></th>\n<th class="head"><p>{}</p></th>\n'
        '<th class="head"><p>{}</p></th>\n<th class="head"><p>{}</p></th>\n</tr>\n</thead>'
    ).format(*words)
    page = site_build.pages["verzeichnis/schritte"]
    expected = [header] * len(Area)
    assert expected == re.findall(r"<thead>.*?</thead>", page, re.DOTALL)


def test_step_index_row_of_a_step(german: Build, catalogue: Catalogue) -> None:
    """A row: the id badge with its copy button, the step's title linking the step, badges for kind and condition."""
    title = html.escape(catalogue["mail-no-platform-account"].title.get("de"), quote=False)
    expected = (
        '<tr class="row-odd"><td><p><a class="cutover-badge cutover-id cutover-permalink reference external" '
        'href="../s/mail-no-platform-account.html" title="Dauerhafter Link zu diesem Schritt">mail-no-platform-account'
        '</a><button type="button" class="cutover-copy" hidden aria-label="Link kopieren (Schritt '
        f'mail-no-platform-account)" data-copied="Link kopiert" data-failed="{FAILED_DE}">'
        "Link kopieren</button></p></td>\n"
        '<td><p><a class="reference internal" href="../steps.html#mail-no-platform-account"><span class="std std-ref">'
        f"{title}</span></a></p></td>\n"
        '<td><p><span class="cutover-kinds"><span class="cutover-badge cutover-kind-rule">Regel bis zum Stopp des '
        "ExporterV2</span></span></p></td>\n"
        '<td><p><span class="cutover-badge cutover-applies-variant-a">Nur in Variante a</span></p></td>\n</tr>'
    )
    assert expected in german.pages["verzeichnis/schritte"]


def test_step_index_has_a_row_per_step_in_catalogue_order(
    site_build: Build, edition: Lang, catalogue: Catalogue
) -> None:
    """Each area's table has a row for each of its steps, in catalogue order, with title, kind and applies.

    The title, kind and applies are the edition's.
    """
    expected = {
        area.value: [
            (
                s.id,
                f"../steps.html#{s.id}",
                _smart(s.title.get(edition)),
                _smart(s.kind_label.get(edition)),
                s.applies.label.get(edition),
            )
            for s in catalogue
            if s.area is area
        ]
        for area in Area
    }
    assert expected == _index_rows(site_build.pages["verzeichnis/schritte"])


@pytest.mark.parametrize(
    ("edition", "title", "said"),
    [
        ("de", "Frühere Kennungen", "Bisher wurde keine Kennung ersetzt."),
        ("en", "Former IDs", "No ID has been replaced so far."),
    ],
)
def test_step_index_says_no_id_was_renamed(site_build: Build, title: str, said: str) -> None:
    """Without retired ids, the last section says that every id is still the one it was, in the edition's language."""
    expected = (
        f'<section class="cutover-index-retired" id="retired-ids">\n<h2>{title}<a class="headerlink" '
        f'href="#retired-ids" title="Link to this heading">¶</a></h2>\n<p>{said}</p>\n'
        "</section>"
    )
    assert expected in site_build.pages["verzeichnis/schritte"]


def _retired_section(page: str) -> str | None:
    """The step index's section on retired ids, as the page has it."""
    found = re.search(r'<section class="cutover-index-retired" id="retired-ids">.*?</section>', page, re.DOTALL)
    return found[0] if found else None


@pytest.mark.parametrize("edition", ["de", "en"])
def test_step_index_lists_each_retired_id_with_its_step(renamed_build: Build, snapshot: SnapshotAssertion) -> None:
    """With retired ids, the last section says so and has a row per retired id: its short link, then its step.

    In the edition's language: the snapshots hold the German section (Frühere Kennungen, the introduction, the header
    Kennung / Führt jetzt zu, a row each for lead-decide, portal-stop-exporter and portal-exporter-off with its badge,
    copy button and linked successor) and the English one (Former IDs, ID / Now leads to). The test below holds
    the same for every edition, in its words.
    """
    assert snapshot == _retired_section(renamed_build.pages["teil/umbenannt"])


_RETIRED_ROW = re.compile(
    r'<tr class="row-\w+"><td><p><a class="cutover-badge cutover-id cutover-permalink reference external" '
    r'href="\.\./s/([a-z0-9-]+)\.html" title="([^"]*)">\1</a><button type="button" class="cutover-copy" hidden '
    r'aria-label="([^"]*)" data-copied="([^"]*)" data-failed="([^"]*)">([^<]*)</button></p></td>\n'
    r'<td><p><a class="reference internal" href="#([a-z0-9-]+)"><span class="std std-ref">(.*?)</span></a> '
    r'<span class="cutover-badge cutover-id">\7</span></p></td>\n</tr>'
)


def test_step_index_lists_each_retired_id_in_each_edition(
    renamed_build: Build, edition: Lang, renamed_runbook: Path
) -> None:
    """In every edition the section on retired ids has its title, introduction and header in the edition's words.

    Then a row per retired id in catalogue order: its short link with the copy button in the edition's words, and
    its successor, linked by its title in the edition.
    """
    catalogue = load_catalogue(renamed_runbook)
    say = {key: word(f"site.{key}").get(edition) for key in ("retired", "retired_intro", "id", "now")}
    button = {key: word(f"site.{key}").get(edition) for key in ("permalink", "copied", "failed", "copy")}
    expected = (
        (say["retired"], say["retired_intro"], [say["id"], say["now"]]),
        [
            (
                old,
                button["permalink"],
                word("site.copy_label").get(edition).format(id=old),
                button["copied"],
                button["failed"],
                button["copy"],
                step.id,
                _smart(step.title.get(edition)),
            )
            for step in catalogue
            for old in step.aliases
        ],
    )
    section = _retired_section(renamed_build.pages["teil/umbenannt"]) or ""
    top = re.match(
        r'<section class="cutover-index-retired" id="retired-ids">\n<h2>(.*?)<a class="headerlink"[^>]*>¶</a></h2>\n'
        r"<p>(.*?)</p>\n<table",
        section,
    )
    found = (
        (*(top.groups() if top else ("", "")), re.findall(r'<th class="head"><p>(.*?)</p></th>', section)),
        _RETIRED_ROW.findall(section),
    )
    assert expected == found


def test_gettext_extracts_nothing_from_the_step_index(gettext: Build) -> None:
    """The step index page's template holds only the page's own title."""
    expected = ["Alle Schritte"]
    assert expected == _templates(gettext)["verzeichnis/schritte"]


def test_step_index_of_an_invalid_catalogue_is_empty(invalid: Build) -> None:
    """With an invalid catalogue, the step index renders nothing."""
    expected = False
    assert expected == ("cutover-index" in invalid.pages["index"])
