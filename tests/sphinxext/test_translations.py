"""The translated editions: untranslated text, gettext, the theme's labels, the search script's words."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import sphinx.locale

from cutover import sphinxext
from cutover.catalogue import Catalogue
from cutover.sphinxext import build_errors
from sphinxext.builds import (
    EDITIONS,
    GERMAN_SPHINX,
    RUNBOOK,
    Build,
    _app,
    _build,
    _english,
    _project,
    _root_file,
    _situations,
    _templates,
    _write_po,
)


def test_page_text_comes_from_the_edition_s_catalogue(
    english: Build, site: Path, tmp_path: Path, edition: str, catalogue: Catalogue
) -> None:
    """Each edition shows the page's own text from its .po files; the source edition shows the page as written.

    Built after the English edition, with its catalogues beside the pages, the German edition stays German.
    """
    build = _build(site, tmp_path / edition, "-W", "-n", "-D", f"language={edition}")
    po = _english(catalogue)

    def shown(page: str, *texts: str) -> list[str]:
        return list(texts) if edition == EDITIONS[0] else [po[page][text] for text in texts]

    expected = (
        0,
        "",
        shown("index", "Umstieg"),
        shown("index", "Variante b mit Sync", "Variante a"),
        shown("findings", "Befunde"),
    )
    found = (
        build.status,
        build.stderr,
        re.findall(r"<h1>(.*?)<a", build.pages["index"]),
        re.findall(r"<h2>(.*?)<a", build.pages["index"]),
        re.findall(r"<h1>(.*?)<a", build.pages["findings"]),
    )
    assert expected == found


def test_page_text_spelled_out_in_german_and_in_english(german: Build, english: Build) -> None:
    """A spot check, written out: the German page's title as written, the English one as translated."""
    expected = (["Umstieg"], ["Cutover"])
    assert expected == (
        re.findall(r"<h1>(.*?)<a", german.pages["index"]),
        re.findall(r"<h1>(.*?)<a", english.pages["index"]),
    )


def test_gettext_extracts_only_the_pages_own_text(gettext: Build, catalogue: Catalogue) -> None:
    """The message templates hold the text written on the pages, and nothing the extension renders.

    No step title, why, badge, checklist or finding: those come from the catalogue in the build's language. So the
    English .po files of the tiny project hold exactly what the gettext builder extracts.
    """
    expected = ((0, ""), {page: list(messages) for page, messages in _english(catalogue).items()})
    assert expected == ((gettext.status, gettext.stderr), _templates(gettext))


PARTIAL = _root_file("untranslated", "index.md")


def test_untranslated_text_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """German text without an English translation is a warning at its page and line; -W makes it fail the build.

    A message longer than 70 characters is shortened to 70 to name it in one line. The findings are not reported.
    """
    src = _project(tmp_path, {"index": PARTIAL}, RUNBOOK)
    _situations(src)
    _write_po(src, "en", {"index": {"Umstieg": "Cutover"}})
    build = _build(src, tmp_path / "en", "-W", "-D", "language=en")
    warning = (
        f"{src / 'index.md'}:{{}}: WARNING: untranslated text in the 'en' edition: {{!r}} "
        "(run `nox -s translations-update`, then translate it) [cutover.untranslated]"
    )
    expected = (
        1,
        [
            warning.format(3, "Noch nicht übersetzt."),
            warning.format(5, "Dieser Absatz ist genau siebzig Zeichen lang, der Punkt am Ende zählt."),
            warning.format(7, "Dieser hat einundsiebzig Zeichen, wenn man den Punkt am Ende mit zähl…"),
        ],
    )
    assert expected == (build.status, build.stderr.splitlines())


def test_untranslated_text_is_only_a_warning_without_w(tmp_path: Path) -> None:
    """Without -W the build goes on and shows the German text on the English page."""
    src = _project(tmp_path, {"index": PARTIAL}, RUNBOOK)
    _situations(src)
    build = _build(src, tmp_path / "en", "-D", "language=en")
    expected = (0, 4, True)
    assert expected == (
        build.status,
        build.stderr.count("[cutover.untranslated]"),
        "<p>Noch nicht übersetzt.</p>" in build.pages["index"],
    )


def _written_in_english(folder: Path) -> Path:
    """A one-page project whose source language is English."""
    src = _project(folder, {"index": "# Cutover\n\nWritten in English.\n"}, RUNBOOK)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('cutover_source_language = "en"\n')
    return src


def test_source_language_edition_is_not_checked(tmp_path: Path) -> None:
    """The edition in the source language has nothing to translate; ``cutover_source_language`` names it."""
    src = _written_in_english(tmp_path)
    expected = (0, "")
    build = _build(src, tmp_path / "en", "-W", "-D", "language=en")
    assert expected == (build.status, build.stderr)


def test_german_is_checked_when_english_is_the_source(tmp_path: Path) -> None:
    """With English as the source language, the German edition is the one that needs translations."""
    src = _written_in_english(tmp_path)
    build = _build(src, tmp_path / "de")
    expected = [
        f"{src / 'index.md'}:1: WARNING: untranslated text in the 'de' edition: 'Cutover' "
        "(run `nox -s translations-update`, then translate it) [cutover.untranslated]",
        f"{src / 'index.md'}:3: WARNING: untranslated text in the 'de' edition: 'Written in English.' "
        "(run `nox -s translations-update`, then translate it) [cutover.untranslated]",
    ]
    assert expected == build.stderr.splitlines()


def test_rendered_text_is_never_untranslated(tmp_path: Path, catalogue: Catalogue) -> None:
    """A page of only steps, a checklist and findings builds in English without a catalogue and without a warning."""
    steps = "".join(f"```{{cutover:step}} {step_id}\n```\n\n" for step_id in catalogue.ids)
    page = (
        f"{steps}```{{cutover:checklist}}\n:variant: b\n:contact-sync:\n```\n\n"
        "```{cutover:findings} situations/too-early.toml\n```\n\n```{cutover:findings} situations/clean.toml\n```\n"
    )
    src = _project(tmp_path, {"index": page}, RUNBOOK)
    _situations(src)
    build = _build(src, tmp_path / "en", "-W", "-n", "-D", "language=en")
    expected = (0, "", True)
    assert expected == (build.status, build.stderr, "No duplicate risk found." in build.pages["index"])


def test_theme_labels_written_as_plain_english_are_translated(worded: Build) -> None:
    """The basic theme's fixed ``aria-label="Main"`` and the heading permalink's title come out in German."""
    page = worded.pages["index"]
    expected = (0, True, True, False, False)
    assert expected == (
        worded.status,
        'aria-label="Hauptnavigation"' in page,
        'title="Link zu dieser Überschrift"' in page,
        'aria-label="Main"' in page,
        "Link to this heading" in page,
    )


def test_translations_js_takes_the_project_words_and_a_numeric_plural_rule(worded: Build) -> None:
    """The search script's words are Sphinx's German ones with the project's on top, its plural rule a number."""
    text = (worded.src.parent / "out" / "_static" / "translations.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = data["messages"]["Search finished, found one page matching the search query."]
    expected = (["Eine Seite gefunden.", "${resultCount} Seiten gefunden."], "Number((n != 1))", "de", "Suche")
    assert expected == (found, data["plural_expr"], data["locale"], data["messages"]["Search"])


def test_translations_js_of_a_language_sphinx_does_not_know(tmp_path: Path) -> None:
    """For a language without Sphinx's own words, the script's words are the project's alone."""
    po = tmp_path / "sphinx.po"
    po.write_text(GERMAN_SPHINX.replace('"Language: de\\n"', '"Language: xx\\n"'), encoding="utf-8")
    text = sphinxext.translations_js("xx", po)
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    expected = ["Link to this heading", "Main", "Search finished, found one page matching the search query."]
    assert expected == sorted(data["messages"])


def test_translations_js_is_left_alone_without_project_words(german: Build) -> None:
    """A project without its own sphinx.po keeps Sphinx's own translations.js."""
    own = Path(sphinx.locale.__file__).parent / "de" / "LC_MESSAGES" / "sphinx.js"
    written = german.src.parent / "de" / "_static" / "translations.js"
    assert own.read_bytes() == written.read_bytes()


def test_labels_in_english_stay_english() -> None:
    """Where no catalogue has a word, a label is left as it is, escaped as it was."""
    sphinx.locale.translators.clear()
    html_page = '<div aria-label="Main" title="A &amp; B">x</div>'
    assert html_page == sphinxext.translated_labels(html_page)


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_translation_that_is_no_file_fails_the_build_with_one_line(samples: Path, tmp_path: Path, kind: str) -> None:
    """A ``.po`` that is a folder or a pipe is one located error and a failed build: no traceback, no hang."""
    src = _project(tmp_path, {"index": "# Umstieg\n"}, samples / "valid")
    _write_po(src, "en", {"other": {"Umstieg": "Cutover"}})
    po = src / "locale" / "en" / "LC_MESSAGES" / "index.po"
    po.mkdir() if kind == "folder" else os.mkfifo(po)
    build = _build(src, tmp_path / "en", "-D", "language=en")
    what = "a folder" if kind == "folder" else "a pipe, a device or a socket"
    expected = (
        1,
        [f"ERROR: unreadable translation: {po}: cannot read: this is {what}, not a file [cutover.translation]"],
    )
    assert expected == (build.status, re.findall(r"ERROR: unreadable translation.*", build.stderr))


def test_an_unreadable_translation_fails_only_a_build_that_did_not_fail_already() -> None:
    """The failure of an unreadable .po sets status 1, but leaves a build that stopped with an exception alone."""
    finished, failed = _app(statuscode=0), _app(statuscode=2)
    build_errors._failed(finished, None)
    build_errors._failed(failed, RuntimeError("boom"))
    expected = (1, 2)
    assert expected == (finished.statuscode, failed.statuscode)


def test_a_toctree_caption_is_translated_in_place_and_warned_only_when_it_is_not(tmp_path: Path) -> None:
    """Sphinx replaces a caption (and an entry's title) in the toctree node and marks nothing: that counts too."""
    page = "# Umstieg\n\n```{toctree}\n:caption: Für Kunden\n\nZweite Seite <zwei>\n```\n"
    pages = {"index": page, "zwei": "# Zwei\n"}
    for translated, lines in ((True, []), (False, ["'Zweite Seite'", "'Für Kunden'"])):
        src = _project(tmp_path / str(translated), pages, RUNBOOK)
        words = {"Umstieg": "Cutover"} | (
            {"Für Kunden": "For customers", "Zweite Seite": "Page two"} if translated else {}
        )
        _write_po(src, "en", {"index": words, "zwei": {"Zwei": "Two"}})
        build = _build(src, tmp_path / str(translated) / "en", "-D", "language=en")
        said = [
            line.split("edition: ", 1)[1].split(" (run", 1)[0]
            for line in build.stderr.splitlines()
            if "untranslated" in line
        ]
        assert lines == said, build.stderr
