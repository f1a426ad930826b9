"""Short-link pages and steps.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from markupsafe import escape
from syrupy.assertion import SnapshotAssertion

from cutover import sphinxext
from cutover.catalogue import Catalogue, Lang, load_catalogue
from cutover.sphinxext import short_links
from cutover.words import word
from factories import FURTHER
from sphinxext.builds import EDITIONS, Build, _app

HERE = {"de": "Dieser Schritt steht hier:", "en": "This step is here:"}
"""What a short-link page says before its link, in German and English; a further edition's words say it there."""


def _in_every(de: str, en: str) -> dict[str, str]:
    """A value per edition of a text the tests write in German and English: each further edition has the English."""
    return {"de": de, "en": en, **dict.fromkeys(FURTHER, en)}


def _per_edition(value: str) -> dict[str, str]:
    """``value`` with ``{lang}`` filled in for every edition, keyed by edition."""
    return {lang: value.format(lang=lang) for lang in EDITIONS}


def _shortlink(lang: str, target: str, title: str, step_id: str, *retired: str) -> str:
    """A short-link page as the extension writes it: a refresh to ``target``, and a plain link there."""
    here = HERE.get(lang) or word("site.moved").get(lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<link rel="canonical" href="{target}">\n'
        f'<link rel="icon" href="data:,">\n<title>{escape(title)} ({step_id})</title>\n</head>\n<body>\n'
        + "".join(f"<p>{line}</p>\n" for line in retired)
        + f'<p>{here} <a href="{target}">{escape(title)}</a> ({step_id})</p>\n</body>\n</html>'
    )


def _short_pages(build: Build) -> list[str]:
    """The names of the short-link pages a build wrote."""
    return [name for name in build.pages if name.startswith("s/")]


def test_every_step_id_gets_a_short_link_page(german: Build, catalogue: Catalogue) -> None:
    """The HTML build writes s/<id>.html for every step id, and no other page in s/."""
    expected = sorted(f"s/{step_id}" for step_id in catalogue.ids)
    assert expected == sorted(_short_pages(german))


@pytest.mark.parametrize("step_id", ["lead-decide", "portal-verify-offline"])
def test_short_link_page_sends_the_reader_to_the_step(
    site_build: Build, edition: Lang, catalogue: Catalogue, step_id: str
) -> None:
    """A short-link page is a meta refresh to the step's page and anchor, and a plain link there.

    In the edition's language: lang, the title and the sentence; in English ``lang="en"`` and the English title.
    """
    title = catalogue[step_id].title.get(edition)
    expected = _shortlink(edition, f"../steps.html#{step_id}", title, step_id)
    assert expected == site_build.pages[f"s/{step_id}"]


def test_short_link_pages_load_nothing(german: Build) -> None:
    """No short-link page loads a stylesheet, a script or anything from _static."""
    loading = [name for name in _short_pages(german) if re.search(r"<script|stylesheet|_static", german.pages[name])]
    expected: list[str] = []
    assert expected == loading


def test_no_short_link_pages_from_the_gettext_builder(gettext: Build) -> None:
    """The gettext builder writes no s/ folder."""
    expected = False
    assert expected == (gettext.src.parent / "gettext" / "s").exists()


def _steps_json(build: Build, edition: str = "de") -> Any:
    return json.loads((build.src.parent / edition / "steps.json").read_text(encoding="utf-8"))


def test_steps_json_names_the_editions_the_steps_and_the_aliases(german: Build) -> None:
    """steps.json has three keys: the languages, the steps, and the retired ids."""
    expected = ["languages", "steps", "aliases"]
    assert expected == list(_steps_json(german))


def test_steps_json_lists_every_placed_step_in_catalogue_order(german: Build, catalogue: Catalogue) -> None:
    """Every step on a page is in steps.json, in catalogue order."""
    assert list(catalogue.ids) == list(_steps_json(german)["steps"])


def test_steps_json_entry_of_a_step(german: Build, catalogue: Catalogue) -> None:
    """Each step has its titles, page URLs and short URLs per edition relative to steps.json, and its facts."""
    step = catalogue["mail-no-platform-account"]
    expected = {
        "title": {lang: step.title.get(lang) for lang in EDITIONS},
        "url": _per_edition("../{lang}/steps.html#mail-no-platform-account"),
        "short_url": _per_edition("../{lang}/s/mail-no-platform-account.html"),
        "area": "mail",
        "kind": "rule",
        "applies": "variant-a",
        "recommended": False,
        "span": {
            "from": None,
            "until": "portal-stop-exporter",
            "label": {
                "de": "Regel bis zum Stopp des ExporterV2",
                "en": "Rule until ExporterV2 is stopped",
                **{lang: step.kind_label.get(lang) for lang in FURTHER},
            },
        },
        "switch": False,
        "aliases": [],
    }
    assert expected == _steps_json(german)["steps"]["mail-no-platform-account"]


def test_steps_json_marks_the_recommended_steps_and_the_switch(german: Build) -> None:
    """steps.json says which steps the source only recommends, and which is the moment of the switch."""
    steps = _steps_json(german)["steps"]
    expected = (
        ["mail-deactivate-performer-accounts", "mail-connect-client", "portal-verify-offline"],
        ["portal-stop-exporter"],
    )
    assert expected == ([i for i, e in steps.items() if e["recommended"]], [i for i, e in steps.items() if e["switch"]])


def test_steps_json_of_a_catalogue_without_renames(german: Build) -> None:
    """Every edition is named, source first, and a catalogue without retired ids has no aliases."""
    data = _steps_json(german)
    expected: tuple[list[str], dict[str, str]] = (list(EDITIONS), {})
    assert expected == (data["languages"], data["aliases"])


def test_steps_json_is_the_same_file_in_both_editions(german: Build, english: Build) -> None:
    """The German and the English build of the same project write identical bytes."""
    de, en = (build.src.parent / edition / "steps.json" for build, edition in ((german, "de"), (english, "en")))
    assert de.read_bytes() == en.read_bytes()


def test_no_steps_json_from_the_gettext_builder(gettext: Build) -> None:
    """The gettext builder writes no steps.json."""
    expected = False
    assert expected == (gettext.src.parent / "gettext" / "steps.json").exists()


def test_steps_json_leaves_out_steps_on_no_page(renamed_runbook: Path) -> None:
    """``steps_json`` lists only the steps that ``pages`` places; a retired id stays with its step."""
    catalogue = load_catalogue(renamed_runbook)
    pages = {"lead-agree": ("a/b", "lead-agree"), "portal-exporter-stop": ("c", "portal-exporter-stop")}
    rule = catalogue["portal-exporter-stop"]
    expected = {
        "languages": list(EDITIONS),
        "steps": {
            "lead-agree": {
                "title": _in_every("Entscheiden", "Decide"),
                "url": _per_edition("../{lang}/a/b.html#lead-agree"),
                "short_url": _per_edition("../{lang}/s/lead-agree.html"),
                "area": "lead",
                "kind": "action",
                "applies": "always",
                "recommended": False,
                "span": None,
                "switch": True,
                "aliases": ["lead-decide"],
            },
            "portal-exporter-stop": {
                "title": _in_every("Exporter stoppen", "Stop the Exporter"),
                "url": _per_edition("../{lang}/c.html#portal-exporter-stop"),
                "short_url": _per_edition("../{lang}/s/portal-exporter-stop.html"),
                "area": "portal",
                "kind": "rule",
                "applies": "variant-a",
                "recommended": False,
                "span": {
                    "from": None,
                    "until": None,
                    "label": {
                        "de": "Regel ab jetzt, ohne Ende",
                        "en": "Rule from now on, for good",
                        **{lang: rule.kind_label.get(lang) for lang in FURTHER},
                    },
                },
                "switch": False,
                "aliases": ["portal-stop-exporter", "portal-exporter-off"],
            },
        },
        "aliases": {
            "lead-decide": "lead-agree",
            "portal-stop-exporter": "portal-exporter-stop",
            "portal-exporter-off": "portal-exporter-stop",
        },
    }
    assert expected == sphinxext.steps_json(catalogue, pages)


def test_steps_json_urls_take_the_builders_suffix(samples: Path) -> None:
    """The page URLs end in the suffix the builder writes; the short URLs are always .html pages."""
    catalogue = load_catalogue(samples / "valid")
    step = sphinxext.steps_json(catalogue, {"lead-decide": ("a", "lead-decide")}, ".xhtml")["steps"]["lead-decide"]
    expected = (_per_edition("../{lang}/a.xhtml#lead-decide"), _per_edition("../{lang}/s/lead-decide.html"))
    assert expected == (step["url"], step["short_url"])


def test_every_id_and_retired_id_gets_a_short_link_page(renamed: Build) -> None:
    """Each step id and each retired id has its s/<id>.html."""
    expected = [
        "s/lead-agree",
        "s/lead-decide",
        "s/mail-choose-variant",
        "s/portal-exporter-off",
        "s/portal-exporter-stop",
        "s/portal-stop-exporter",
    ]
    assert expected == sorted(_short_pages(renamed))


def test_short_link_page_of_a_step_on_a_page_in_a_subfolder(renamed: Build) -> None:
    """The short link of a step on a page in a subfolder leads from s/ into that folder."""
    expected = _shortlink("de", "../teil/umbenannt.html#mail-choose-variant", "Variante wählen", "mail-choose-variant")
    assert expected == renamed.pages["s/mail-choose-variant"]


@pytest.mark.parametrize("retired", ["portal-exporter-off", "lead-decide"])
@pytest.mark.parametrize("edition", ["de", "en"])
def test_short_link_page_of_a_retired_id_names_the_new_id(
    renamed_build: Build, retired: str, snapshot: SnapshotAssertion
) -> None:
    """A retired id's short link leads to its successor's step, and says the id was renamed, in the edition's language.

    The snapshots are the whole pages: German "Die Kennung portal-exporter-off heißt jetzt portal-exporter-stop.",
    English "The ID lead-decide is now lead-agree.", each with its lang, refresh, canonical link, title and link.
    The test below holds the same for every edition, in its words.
    """
    assert snapshot == renamed_build.pages[f"s/{retired}"]


@pytest.mark.parametrize(
    ("retired", "successor"), [("portal-exporter-off", "portal-exporter-stop"), ("lead-decide", "lead-agree")]
)
def test_short_link_page_of_a_retired_id_in_each_edition(
    renamed_build: Build, edition: Lang, renamed_runbook: Path, retired: str, successor: str
) -> None:
    """In every edition a retired id's short link is its successor's, first saying the id was renamed, in its words."""
    title = load_catalogue(renamed_runbook)[successor].title.get(edition)
    renamed = escape(word("site.renamed").get(edition).format(old=retired, new=successor))
    expected = _shortlink(edition, f"../teil/umbenannt.html#{successor}", title, successor, renamed)
    assert expected == renamed_build.pages[f"s/{retired}"]


def test_steps_json_lists_the_retired_ids(renamed: Build) -> None:
    """steps.json maps each retired id to its step, and lists each step's retired ids with it."""
    data = _steps_json(renamed)
    expected = (
        {
            "lead-decide": "lead-agree",
            "portal-stop-exporter": "portal-exporter-stop",
            "portal-exporter-off": "portal-exporter-stop",
        },
        {
            "lead-agree": ["lead-decide"],
            "mail-choose-variant": [],
            "portal-exporter-stop": ["portal-stop-exporter", "portal-exporter-off"],
        },
    )
    assert expected == (data["aliases"], {step_id: step["aliases"] for step_id, step in data["steps"].items()})


def test_steps_json_is_the_same_file_in_both_editions_with_retired_ids(renamed: Build, renamed_english: Build) -> None:
    """With retired ids too, the German and the English build write identical bytes."""
    expected = (renamed.src.parent / "de" / "steps.json").read_bytes()
    assert expected == (renamed_english.src.parent / "en" / "steps.json").read_bytes()


def test_steps_json_is_the_same_file_in_every_edition(site_build: Build, edition: str, german: Build) -> None:
    """Each edition's build writes the German build's steps.json, byte for byte."""
    expected = (german.src.parent / "de" / "steps.json").read_bytes()
    assert expected == (site_build.src.parent / edition / "steps.json").read_bytes()


def test_each_step_on_no_page_is_a_warning_naming_its_short_link(unplaced: Build) -> None:
    """Each step on no page is a warning that names its short link and says how to place it; not an error."""
    warning = (
        "WARNING: step {0!r} is on no page, so its short link de/s/{0}.html leads nowhere: "
        "place it with a ```{{cutover:step}} {0}``` block [cutover.unplaced]"
    )
    expected = (0, [warning.format("mail-choose-variant"), warning.format("portal-stop-exporter")])
    assert expected == (unplaced.status, unplaced.stderr.splitlines())


def test_step_on_no_page_gets_no_short_link_page(unplaced: Build) -> None:
    """Only the placed step gets a short-link page."""
    expected = ["s/lead-decide"]
    assert expected == _short_pages(unplaced)


def test_steps_json_leaves_out_a_step_on_no_page(unplaced: Build) -> None:
    """steps.json lists only the placed step."""
    expected = ["lead-decide"]
    assert expected == list(_steps_json(unplaced, "out")["steps"])


def test_text_build_writes_no_short_links_and_no_steps_json(text: Build) -> None:
    """A builder other than HTML writes neither s/ nor steps.json, just its pages."""
    expected = ["index.txt"]
    assert expected == sorted(path.name for path in (text.src.parent / "out").iterdir() if path.name[0] != ".")


def test_invalid_catalogue_gets_no_short_link_pages(invalid: Build) -> None:
    """With an invalid catalogue, no short-link page is written, not even for the placed step."""
    expected: list[str] = []
    assert expected == _short_pages(invalid)


def test_invalid_catalogue_gets_no_steps_json(invalid: Build) -> None:
    """With an invalid catalogue, no steps.json is written."""
    expected = False
    assert expected == (invalid.src.parent / "out" / "steps.json").exists()


def test_short_links_need_an_html_builder() -> None:
    """A builder whose pages are not HTML gets no short-link pages."""
    expected: list[object] = []
    assert expected == list(short_links._short_links(_app(builder=SimpleNamespace(format="latex"))))


def test_steps_json_is_not_written_after_a_failed_build(tmp_path: Path) -> None:
    """A build that ended in an exception writes no steps.json."""
    app = _app(builder=SimpleNamespace(format="html", out_suffix=".html"), outdir=tmp_path)
    short_links._write_steps_json(app, RuntimeError("boom"))
    expected: list[Path] = []
    assert expected == list(tmp_path.iterdir())
