"""Step cards: the ``{cutover:step}`` directive, the ``{step}`` role, the id badges and the copy button."""

from __future__ import annotations

import re
from types import SimpleNamespace

from docutils import nodes
from docutils.utils import new_document
from sphinx.util.inventory import InventoryFile

from cutover.catalogue import Catalogue, Lang
from cutover.sphinxext import steps
from cutover.words import word
from sphinxext.builds import FAILED_DE, Build, _app, _smart

FAILED_EN = "The link could not be copied. Please copy it by hand"


def test_step_section_has_the_step_id_as_html_id(german: Build, catalogue: Catalogue) -> None:
    """Each step becomes a section whose HTML id is the permanent step id."""
    ids = re.findall(r'<section class="cutover-step[^"]*" id="([^"]+)">', german.pages["steps"])
    assert list(catalogue.ids) == ids


def test_step_section_classes_name_area_and_kind(german: Build) -> None:
    """The section's classes carry the step's area and kind, for styling."""
    expected = '<section class="cutover-step cutover-area-portal cutover-kind-check" id="portal-verify-offline">'
    assert expected in german.pages["steps"]


def test_step_title_comes_from_the_catalogue(site_build: Build, edition: Lang, catalogue: Catalogue) -> None:
    """The section title is the edition's title from the catalogue, with a permalink to the step id."""
    titles = re.findall(r'<h2>(.*?)<a class="headerlink" href="#([^"]+)"', site_build.pages["steps"])
    assert [(_smart(s.title.get(edition)), s.id) for s in catalogue] == titles


def test_step_meta_shows_id_kind_and_applies_badges(site_build: Build, edition: Lang, catalogue: Catalogue) -> None:
    """Under the title: the id badge (a link to the short link, with a hidden copy button), kind and applies badges.

    The badge's title and the copy button's texts are in the edition's words, as are the kind and applies badges.
    """
    step = catalogue["mail-no-platform-account"]
    say = {key: word(f"site.{key}").get(edition) for key in ("permalink", "copy", "copied", "failed")}
    label = word("site.copy_label").get(edition).format(id=step.id)
    expected = (
        '<p class="cutover-step-meta"><a class="cutover-badge cutover-id cutover-permalink reference external" '
        f'href="s/{step.id}.html" title="{say["permalink"]}">{step.id}</a>'
        f'<button type="button" class="cutover-copy" hidden aria-label="{label}" data-copied="{say["copied"]}" '
        f'data-failed="{say["failed"]}">{say["copy"]}</button> '
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-rule">'
        f"{_smart(step.kind_label.get(edition))}</span></span> "
        f'<span class="cutover-badge cutover-applies-variant-a">{step.applies.label.get(edition)}</span></p>'
    )
    assert expected in site_build.pages["steps"]


def test_step_meta_spelled_out_in_german_and_in_english(german: Build, english: Build) -> None:
    """A spot check of the words, written out: a wrong words table fails here even where the tests above read it."""
    german_meta = (
        'title="Dauerhafter Link zu diesem Schritt">mail-no-platform-account</a><button type="button" '
        'class="cutover-copy" hidden aria-label="Link kopieren (Schritt mail-no-platform-account)" '
        f'data-copied="Link kopiert" data-failed="{FAILED_DE}">Link kopieren</button> '
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-rule">Regel bis zum Stopp des ExporterV2'
        '</span></span> <span class="cutover-badge cutover-applies-variant-a">Nur in Variante a</span></p>'
    )
    english_meta = (
        'title="Permanent link to this step">mail-no-platform-account</a><button type="button" class="cutover-copy" '
        'hidden aria-label="Copy link (step mail-no-platform-account)" data-copied="Link copied" '
        f'data-failed="{FAILED_EN}">Copy link</button> '
    )
    expected = (True, True, True, True)
    assert expected == (
        german_meta in german.pages["steps"],
        '<p class="cutover-why"><strong>Warum?</strong> ' in german.pages["steps"],
        english_meta in english.pages["steps"],
        '<span class="cutover-badge cutover-applies-calendar-sync">With calendar sync only</span></p>\n'
        '<p class="cutover-why"><strong>Why?</strong> ' in english.pages["steps"],
    )


def test_step_meta_of_a_recommended_step_and_of_the_switch(german: Build) -> None:
    """A recommended step, and the moment of the switch, carry a second badge beside the kind."""
    expected = (True, True)
    page = german.pages["steps"]
    assert expected == (
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-check">Prüfung</span> '
        '<span class="cutover-badge cutover-recommended">Empfohlen</span></span>' in page,
        '<span class="cutover-kinds"><span class="cutover-badge cutover-kind-action">Aufgabe</span> '
        '<span class="cutover-badge cutover-switch">Ab hier führt die Plattform</span></span>' in page,
    )


def test_step_why_paragraph(site_build: Build, edition: Lang, catalogue: Catalogue) -> None:
    """Each step shows "Why?" in the edition's words and the catalogue's why, after the step's badges."""
    why = f'<p class="cutover-why"><strong>{word("render.why").get(edition)}</strong> '
    page = site_build.pages["steps"]
    sync = catalogue["calendar-enable-sync"]
    after_badges = (
        '<span class="cutover-badge cutover-applies-calendar-sync">'
        f"{sync.applies.label.get(edition)}</span></p>\n{why}{_smart(sync.why.get(edition))}</p>"
    )
    expected = ([_smart(s.why.get(edition)) for s in catalogue], True)
    assert expected == (re.findall(re.escape(why) + r"(.*?)</p>", page), after_badges in page)


def test_step_body_follows_the_why(german: Build) -> None:
    """The directive's content is parsed as Markdown after the why paragraph."""
    section = german.pages["steps"].split('id="lead-decide">')[1].split("</section>")[0]
    assert section.index('class="cutover-why"') < section.index("<p>Körper von lead-decide, weiter mit")


def test_role_links_to_the_step_with_title_and_badge(site_build: Build, edition: Lang, catalogue: Catalogue) -> None:
    """The role becomes a link to the step's section, showing its title in the edition, followed by the id badge."""
    title = _smart(catalogue["portal-verify-offline"].title.get(edition))
    expected = (
        f'<a class="reference internal" href="steps.html#portal-verify-offline"><span class="std std-ref">{title}'
        '</span></a> <span class="cutover-badge cutover-id">portal-verify-offline</span>'
    )
    assert expected in site_build.pages["index"]


def test_role_inside_a_step_links_on_the_same_page(german: Build) -> None:
    """A role in a step's body links to another step on the same page by its anchor."""
    assert '<a class="reference internal" href="#lead-inform-staff">' in german.pages["steps"]


def test_unknown_id_in_the_role_stays_readable(unknown: Build) -> None:
    """The page still shows the unknown id as code, so the reader sees what was meant."""
    expected = '<code class="docutils literal notranslate"><span class="pre">lead-decid</span></code>'
    assert expected in unknown.pages["index"]


def test_unknown_id_in_the_directive_drops_the_section(unknown: Build) -> None:
    """No section is made for an unknown step."""
    assert "cutover-step" not in unknown.pages["index"].split('<div class="body" role="main">')[1]


def test_id_badge_on_a_page_in_a_subfolder_links_up(german: Build) -> None:
    """A badge on a page in a subfolder leads up to the edition's short link."""
    expected = (
        '<a class="cutover-badge cutover-id cutover-permalink reference external" href="../s/lead-decide.html" '
        'title="Dauerhafter Link zu diesem Schritt">lead-decide</a>'
    )
    assert expected in german.pages["verzeichnis/schritte"]


def test_retired_id_in_the_directive_and_the_role_is_a_warning(renamed: Build) -> None:
    """A retired id in the directive or the role is a warning naming its successor; nothing else is reported."""
    at = renamed.src / "teil" / "umbenannt.md"
    expected = (
        0,
        [
            f"{at}:3: WARNING: 'lead-decide' is a retired step id; write its successor 'lead-agree' [cutover.retired]",
            f"{at}:12: WARNING: 'portal-stop-exporter' is a retired step id; write its successor "
            "'portal-exporter-stop' [cutover.retired]",
        ],
    )
    assert expected == (renamed.status, renamed.stderr.splitlines())


def test_step_placed_by_a_retired_id_is_its_successor(renamed: Build) -> None:
    """The directive with a retired id places the step that took its place, under the current id."""
    expected = (
        '<section class="cutover-step cutover-area-lead cutover-kind-action" id="lead-agree">\n'
        '<span id="lead-decide"></span><h2>Entscheiden<a class="headerlink" href="#lead-agree"'
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_step_section_carries_its_retired_ids(renamed: Build) -> None:
    """A step's section carries each of its retired ids as an anchor too, so old links to page#old-id still land."""
    expected = (
        '<section class="cutover-step cutover-area-portal cutover-kind-rule" id="portal-exporter-stop">\n'
        '<span id="portal-stop-exporter"></span><span id="portal-exporter-off"></span><h2>Exporter stoppen'
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_role_with_a_retired_id_links_the_successor(renamed: Build) -> None:
    """The role with a retired id links the step that took its place, with its title and current id."""
    expected = (
        '<p>Siehe <a class="reference internal" href="#portal-exporter-stop"><span class="std std-ref">Exporter stoppen'
        '</span></a> <span class="cutover-badge cutover-id">portal-exporter-stop</span>.</p>'
    )
    assert expected in renamed.pages["teil/umbenannt"]


def test_badges_on_a_page_in_a_subfolder_link_up(renamed: Build) -> None:
    """Each step's id badge on a page in a subfolder links the short link one folder up."""
    expected = ["../s/lead-agree.html", "../s/mail-choose-variant.html", "../s/portal-exporter-stop.html"]
    found = re.findall(
        r'<p class="cutover-step-meta"><a class="cutover-badge cutover-id cutover-permalink reference external" '
        r'href="([^"]+)"',
        renamed.pages["teil/umbenannt"],
    )
    assert expected == found


def test_inventory_has_a_label_for_each_id_and_retired_id(renamed: Build) -> None:
    """objects.inv has a std:label for each step id and each retired id, leading to the step, for intersphinx."""
    inventory = InventoryFile.loads((renamed.src.parent / "de" / "objects.inv").read_bytes(), uri="")
    labels = {name: (item.uri, item.display_name) for name, item in inventory.data["std:label"].items()}
    page = "teil/umbenannt.html"
    expected = {
        "lead-agree": (f"{page}#lead-agree", "Entscheiden"),
        "lead-decide": (f"{page}#lead-agree", "Entscheiden"),
        "mail-choose-variant": (f"{page}#mail-choose-variant", "Variante wählen"),
        "portal-exporter-stop": (f"{page}#portal-exporter-stop", "Exporter stoppen"),
        "portal-stop-exporter": (f"{page}#portal-exporter-stop", "Exporter stoppen"),
        "portal-exporter-off": (f"{page}#portal-exporter-stop", "Exporter stoppen"),
    }
    assert expected == {name: labels[name] for name in expected}


def test_text_build_shows_the_id_badge_as_plain_text(text: Build) -> None:
    """Without HTML the id badge is plain text beside the other badges, and the copy button is left out."""
    page = "Text\n****\n\n\nEntscheiden\n===========\n\nlead-decide Aufgabe Immer\n\n"
    expected = (0, "", page + "**Warum?** Sonst arbeiten alle doppelt.\n")
    assert expected == (text.status, text.stderr, (text.src.parent / "out" / "index.txt").read_text(encoding="utf-8"))


def test_permalink_becomes_a_plain_badge_without_html() -> None:
    """Where there are no pages to link (PDF, text), the id badge is inline text, no link; the button stays raw HTML."""
    doctree = new_document("index")
    paragraph = nodes.paragraph("", "", *steps._permalink("lead-decide", "de"))
    doctree += paragraph
    steps._resolve_permalinks(_app(builder=SimpleNamespace(format="latex")), doctree, "index")
    badge, button = paragraph.children
    expected = (nodes.inline, "lead-decide", nodes.raw)
    assert expected == (type(badge), badge.astext(), type(button))


def test_permalink_leads_to_the_short_link_relative_to_the_page() -> None:
    """In HTML the id badge's address is the short link's, relative to the page the builder writes."""
    asked: list[tuple[str, str]] = []

    def relative(start: str, target: str) -> str:
        asked.append((start, target))
        return f"../{target}.html"

    doctree = new_document("a/b")
    doctree += nodes.paragraph("", "", nodes.reference("", "x", refuri="x.html"), *steps._permalink("lead-x", "en"))
    steps._resolve_permalinks(_app(builder=SimpleNamespace(format="html", get_relative_uri=relative)), doctree, "a/b")
    expected = ([("a/b", "s/lead-x")], ["x.html", "../s/lead-x.html"])
    assert expected == (asked, [link["refuri"] for link in doctree.findall(nodes.reference)])
