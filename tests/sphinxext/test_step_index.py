"""The step index."""

from __future__ import annotations

import html
import re

from cutover.catalogue import Area, Catalogue
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


def test_step_index_has_a_section_per_area(german: Build, catalogue: Catalogue) -> None:
    """The step index has one section per area with steps, in the order of the areas, titled in German."""
    expected = [(f"area-{area}", area.label.de) for area in Area if any(step.area is area for step in catalogue)]
    assert expected == _index_areas(german.pages["verzeichnis/schritte"])


def test_step_index_leaves_out_areas_without_steps(renamed: Build) -> None:
    """An area without steps gets no section."""
    expected = [("area-lead", "Führendes System"), ("area-portal", "Portale"), ("area-mail", "Mail")]
    assert expected == _index_areas(renamed.pages["teil/umbenannt"])


def test_step_index_table_header(german: Build) -> None:
    """Each area's table has the header Kennung, Schritt, Art, Gilt."""
    header = (
        '<thead>\n<tr class="row-odd"><th class="head"><p>Kennung</p></th>\n<th class="head"><p>Schritt</p></th>\n'
        '<th class="head"><p>Art</p></th>\n<th class="head"><p>Gilt</p></th>\n</tr>\n</thead>'
    )
    page = german.pages["verzeichnis/schritte"]
    expected = [header] * len(Area)
    assert expected == re.findall(r"<thead>.*?</thead>", page, re.DOTALL)


def test_step_index_row_of_a_step(german: Build, catalogue: Catalogue) -> None:
    """A row: the id badge with its copy button, the step's title linking the step, badges for kind and condition."""
    title = html.escape(catalogue["mail-no-platform-account"].title.de, quote=False)
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


def test_step_index_has_a_row_per_step_in_catalogue_order(german: Build, catalogue: Catalogue) -> None:
    """Each area's table has a row for each of its steps, in catalogue order, with title, kind and applies."""
    expected = {
        area.value: [
            (
                s.id,
                f"../steps.html#{s.id}",
                html.escape(s.title.de, quote=False),
                s.kind_label.de,
                s.applies.label.de,
            )
            for s in catalogue
            if s.area is area
        ]
        for area in Area
    }
    assert expected == _index_rows(german.pages["verzeichnis/schritte"])


def test_step_index_says_no_id_was_renamed(german: Build) -> None:
    """Without retired ids, the last section says that every id is still the one it was."""
    expected = (
        '<section class="cutover-index-retired" id="retired-ids">\n<h2>Frühere Kennungen<a class="headerlink" '
        'href="#retired-ids" title="Link to this heading">¶</a></h2>\n<p>Bisher wurde keine Kennung ersetzt.</p>\n'
        "</section>"
    )
    assert expected in german.pages["verzeichnis/schritte"]


def test_step_index_lists_each_retired_id_with_its_step(renamed: Build) -> None:
    """With retired ids, the last section says so and has a row per retired id: its short link, then its step."""

    def row(parity: str, old: str, new: str, title: str) -> str:
        return (
            f'<tr class="row-{parity}"><td><p><a class="cutover-badge cutover-id cutover-permalink reference external"'
            f' href="../s/{old}.html" title="Dauerhafter Link zu diesem Schritt">{old}</a><button type="button" '
            f'class="cutover-copy" hidden aria-label="Link kopieren (Schritt {old})" data-copied="Link kopiert" '
            f'data-failed="{FAILED_DE}">Link kopieren</button></p></td>\n'
            f'<td><p><a class="reference internal" href="#{new}"><span class="std std-ref">{title}</span></a> '
            f'<span class="cutover-badge cutover-id">{new}</span></p></td>\n</tr>\n'
        )

    expected = (
        '<section class="cutover-index-retired" id="retired-ids">\n<h2>Frühere Kennungen<a class="headerlink" '
        'href="#retired-ids" title="Link to this heading">¶</a></h2>\n<p>Diese Kennungen wurden ersetzt. Ihre Links '
        "führen weiter zum Schritt unter seiner neuen Kennung.</p>\n"
        '<table class="cutover-table docutils align-default">\n'
        '<thead>\n<tr class="row-odd"><th class="head"><p>Kennung</p></th>\n'
        '<th class="head"><p>Führt jetzt zu</p></th>\n'
        "</tr>\n</thead>\n<tbody>\n"
        + row("even", "lead-decide", "lead-agree", "Entscheiden")
        + row("odd", "portal-stop-exporter", "portal-exporter-stop", "Exporter stoppen")
        + row("even", "portal-exporter-off", "portal-exporter-stop", "Exporter stoppen")
        + "</tbody>\n</table>\n</section>"
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_english_step_index_areas(english: Build, catalogue: Catalogue) -> None:
    """In the English build the area sections are titled in English."""
    expected = [(f"area-{area}", area.label.en) for area in Area if any(step.area is area for step in catalogue)]
    assert expected == _index_areas(english.pages["verzeichnis/schritte"])


def test_english_step_index_table_header(english: Build) -> None:
    """In the English build each area's table header reads ID, Step, Kind, Applies."""
    expected = ["ID", "Step", "Type", "Applies"] * len(Area)
    assert expected == re.findall(r'<th class="head"><p>(.*?)</p></th>', english.pages["verzeichnis/schritte"])


def test_english_step_index_row_labels(english: Build, catalogue: Catalogue) -> None:
    """In the English build each row shows the English title, kind and applies."""
    expected = {
        area.value: [
            (s.id, f"../steps.html#{s.id}", _smart(s.title.en), _smart(s.kind_label.en), s.applies.label.en)
            for s in catalogue
            if s.area is area
        ]
        for area in Area
    }
    assert expected == _index_rows(english.pages["verzeichnis/schritte"])


def test_english_step_index_says_no_id_was_renamed(english: Build) -> None:
    """In the English build the section on former ids is English."""
    expected = (
        '<h2>Former IDs<a class="headerlink" href="#retired-ids" title="Link to this heading">¶</a></h2>\n'
        "<p>No ID has been replaced so far.</p>"
    )
    assert expected in english.pages["verzeichnis/schritte"]


def test_gettext_extracts_nothing_from_the_step_index(gettext: Build) -> None:
    """The step index page's template holds only the page's own title."""
    expected = ["Alle Schritte"]
    assert expected == _templates(gettext)["verzeichnis/schritte"]


def test_english_step_index_lists_retired_ids_in_english(renamed_english: Build) -> None:
    """In the English build the section on former ids introduces its table and heads its columns in English."""
    expected = (
        '<h2>Former IDs<a class="headerlink" href="#retired-ids" title="Link to this heading">¶</a></h2>\n'
        "<p>These IDs were replaced. Their links still lead to the step under its new ID.</p>\n"
        '<table class="cutover-table docutils align-default">\n<thead>\n'
        '<tr class="row-odd"><th class="head"><p>ID</p></th>\n<th class="head"><p>Now leads to</p></th>\n'
    )
    assert expected in renamed_english.pages["teil/umbenannt"]


def test_step_index_of_an_invalid_catalogue_is_empty(invalid: Build) -> None:
    """With an invalid catalogue, the step index renders nothing."""
    expected = False
    assert expected == ("cutover-index" in invalid.pages["index"])
