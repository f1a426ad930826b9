"""Unit tests of cutover.sphinxext_generated: a tiny site over the real catalogue, built in German and in English."""

from __future__ import annotations

import dataclasses
import html
import json
import pickle
import re
import shutil
from pathlib import Path

import pytest
from docutils import nodes
from docutils.utils import smartquotes

from cutover.catalogue import Answers, Catalogue, Kind, Lang, MailVariant, Text, load_catalogue
from cutover.duplicates import CHECKS, Situation, symptoms
from cutover.ordering import prerequisites, steps_in_order
from cutover.sphinxext.generated import DAMAGE, DEFAULT, FIELD, ID, LANDS, MEANING, SEVERITY, STATEMENTS, STEPS
from sphinxext.builds import EDITIONS, Build, _build, _english, _project, _steps_page, _templates, _write_po

ROOT = Path(__file__).resolve().parents[2]

# Each directive in a container of its own (``probe-<name>``), so a test finds what that one generated.
PROBES = {
    "order-a": "```{cutover:order}\n```",
    "order-b-syncs": "```{cutover:order}\n:variant: b\n:contact-sync:\n:calendar-sync:\n```",
    "added-by-syncs": "```{cutover:order}\n:variant: b\n:contact-sync:\n:calendar-sync:\n:only-added-by-syncs:\n```",
    "mail-b": "```{cutover:order}\n:variant: b\n:area: mail\n```",
    "before-activate": "```{cutover:order}\n:variant: a\n:prerequisites-of: portal-activate\n```",
    "rules-a": "```{cutover:rules}\n:variant: a\n:contact-sync:\n:calendar-sync:\n```",
    "recommended-b": "```{cutover:recommended}\n:variant: b\n```",
    "checks": "```{cutover:checks}\n```",
    "damage": "```{cutover:damage}\n```",
    "fields": "```{cutover:situation-fields}\n```",
    "validate": "```{cutover:console} cutover --runbook runbook validate; echo $?\n```",
    "steps": "```{cutover:console} cutover --runbook runbook steps --variant b --format json\n```",
}
LISTS = "# Listen\n\n" + "\n\n".join(f"````{{container}} probe-{name}\n{body}\n````" for name, body in PROBES.items())
INDEX = "# Start\n\n```{toctree}\nsteps\nlisten\n```\n"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(ROOT / "runbook")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """A site that places every step and shows every generated list; a copy of the runbook beside its sources."""
    folder = tmp_path_factory.mktemp("generated")
    runbook = Path(shutil.copytree(ROOT / "runbook", folder / "runbook"))
    pages = {"index": INDEX, "steps": _steps_page(catalogue), "listen": LISTS}
    return _project(folder, pages, runbook, every_step=True)


@pytest.fixture(scope="module")
def editions(site: Path, catalogue: Catalogue) -> dict[Lang, Build]:
    """The site built in German and, with a translation of the pages' own text, in English; -W -n each.

    Each further edition is built too, from the English translation (see ``_write_po``).
    """
    german = _build(site, site.parent / "de", "-W", "-n")
    pages = {"index": {"Start": "Start page"}, "steps": _english(catalogue)["steps"], "listen": {"Listen": "Lists"}}
    _write_po(site, "en", pages)
    translated = {lang: _build(site, site.parent / lang, "-W", "-n", "-D", f"language={lang}") for lang in LANGS[1:]}
    return {"de": german, **translated}


def _probe(build: Build, name: str) -> str:
    """The HTML the directive in container ``probe-<name>`` generated."""
    page = build.pages["listen"]
    start = page.index(f'<div class="probe-{name} docutils container">')
    end = page.find('<div class="probe-', start + 1)
    return page[start : end if end > 0 else page.index("</section>", start)]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _linked_ids(fragment: str) -> list[str]:
    """The step ids the fragment links, in order (each linked to its step on the steps page)."""
    return re.findall(r'<a class="reference internal" href="steps.html#([a-z0-9-]+)">', fragment)


def _rows(fragment: str) -> list[list[str]]:
    """The text of each cell of each row of a table, the header row first."""
    return [
        [_text(cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", fragment, re.DOTALL)
    ]


def _header(lang: Lang, *words: Text) -> list[str]:
    return [word.get(lang) for word in words]


LANGS: tuple[Lang, ...] = EDITIONS
"""Every edition, the source first: each list holds in each."""


@pytest.mark.parametrize("lang", LANGS)
def test_site_builds_with_warnings_as_errors(editions: dict[Lang, Build], lang: Lang) -> None:
    """Every generated list resolves its links and needs no translation: -W -n passes in every edition."""
    assert (editions[lang].status, editions[lang].stderr) == (0, "")


@pytest.mark.parametrize("lang", LANGS)
def test_order_numbers_the_plan_with_linked_ids_and_titles(
    editions: dict[Lang, Build], catalogue: Catalogue, lang: Lang
) -> None:
    """Without options: the plan of variant a without syncs; each entry the linked id as code, then the title."""
    fragment = _probe(editions[lang], "order-a")
    steps = steps_in_order(catalogue, Answers(MailVariant.A))
    expected = ([s.id for s in steps], [f"{s.id} · {_shown(s.title.get(lang), lang)}" for s in steps])
    assert expected == _items(fragment)
    assert fragment.count("<ol ") == 1
    assert '<code class="docutils literal notranslate"><a ' in fragment


def test_order_with_syncs_and_of_what_the_syncs_add(editions: dict[Lang, Build], catalogue: Catalogue) -> None:
    """The answers of the options give the plan; only-added-by-syncs keeps what the syncs add to it."""
    synced = [s.id for s in steps_in_order(catalogue, Answers(MailVariant.B, contact_sync=True, calendar_sync=True))]
    without = [s.id for s in steps_in_order(catalogue, Answers(MailVariant.B))]
    expected = (synced, synced[len(without) :])
    found = (
        _linked_ids(_probe(editions["de"], "order-b-syncs")),
        _linked_ids(_probe(editions["de"], "added-by-syncs")),
    )
    assert expected == found
    assert found[1]


def test_order_of_one_area_and_of_the_prerequisites_of_a_step(
    editions: dict[Lang, Build], catalogue: Catalogue
) -> None:
    """``:area:`` keeps that area's steps, ``:prerequisites-of:`` the steps to be done before that step."""
    answers_a = Answers(MailVariant.A)
    expected = (
        [s.id for s in steps_in_order(catalogue, Answers(MailVariant.B)) if s.area == "mail"],
        list(prerequisites(catalogue, answers_a, "portal-activate")),
    )
    found = (_linked_ids(_probe(editions["de"], "mail-b")), _linked_ids(_probe(editions["de"], "before-activate")))
    assert expected == found


def _shown(text: str, lang: Lang) -> str:
    """A catalogue text as the edition's page shows it: with the typography Sphinx's smart quotes give it."""
    return smartquotes.smartyPants(text, language=lang)


def _items(fragment: str) -> tuple[list[str], list[str]]:
    """The ids a list links and the text of each of its items."""
    return _linked_ids(fragment), [_text(item) for item in re.findall(r"<li>(.*?)</li>", fragment, re.DOTALL)]


@pytest.mark.parametrize("lang", LANGS)
def test_rules_with_how_long_each_holds(editions: dict[Lang, Build], catalogue: Catalogue, lang: Lang) -> None:
    """The rules of the plan, each linked by title with its id badge, then its kind's words ("Regel bis ...")."""
    rules = [s for s in steps_in_order(catalogue, Answers(MailVariant.A, True, True)) if s.kind is Kind.RULE]
    expected = (
        [s.id for s in rules],
        [f"{_shown(s.title.get(lang), lang)} {s.id} · {s.kind_label.get(lang)}" for s in rules],
    )
    assert (bool(rules), expected) == (True, _items(_probe(editions[lang], "rules-a")))


@pytest.mark.parametrize("lang", LANGS)
def test_recommended_steps(editions: dict[Lang, Build], catalogue: Catalogue, lang: Lang) -> None:
    """The recommended steps of the plan, each linked by title with its id badge."""
    recommended = [s for s in steps_in_order(catalogue, Answers(MailVariant.B)) if s.recommended]
    expected = ([s.id for s in recommended], [f"{_shown(s.title.get(lang), lang)} {s.id}" for s in recommended])
    assert (bool(recommended), expected) == (True, _items(_probe(editions[lang], "recommended-b")))


@pytest.mark.parametrize("lang", LANGS)
def test_checks_table(editions: dict[Lang, Build], lang: Lang) -> None:
    """Every check: id, severity, statements, where its damage lands, and its steps linked, in CHECKS order."""
    fragment = _probe(editions[lang], "checks")
    expected = [
        _header(lang, ID, SEVERITY, STATEMENTS, LANDS, STEPS),
        *([c.id, c.severity.value, ", ".join(c.statements), ", ".join(c.lands), ", ".join(c.steps)] for c in CHECKS),
    ]
    assert expected == _rows(fragment)
    assert _linked_ids(fragment) == [step for c in CHECKS for step in c.steps]


@pytest.mark.parametrize("lang", LANGS)
def test_damage_table(editions: dict[Lang, Build], lang: Lang) -> None:
    """Every kind of damage with the steps that prevent it, linked."""
    fragment = _probe(editions[lang], "damage")
    expected = [_header(lang, DAMAGE, STEPS), *([s.damage.value, ", ".join(s.steps)] for s in symptoms())]
    assert expected == _rows(fragment)
    assert _linked_ids(fragment) == [step for s in symptoms() for step in s.steps]


@pytest.mark.parametrize("lang", LANGS)
def test_situation_fields_table(editions: dict[Lang, Build], lang: Lang) -> None:
    """Each field of Situation: its key, its default as TOML, its meaning from the field's help in the language."""
    fragment = _probe(editions[lang], "fields")
    fields = dataclasses.fields(Situation)
    meanings = [field.metadata["help"].get(lang).replace("`", "") for field in fields]
    expected = [
        _header(lang, FIELD, DEFAULT, MEANING),
        *([f.name, json.dumps(f.default), meaning] for f, meaning in zip(fields, meanings, strict=True)),
    ]
    assert expected == _rows(fragment)
    assert '<code class="docutils literal notranslate"><span class="pre">&quot;a&quot;</span></code> ' in fragment


def test_every_situation_field_says_what_it_means() -> None:
    """A field without its help would have no row in the table: each has one, in German and English."""
    helps = [field.metadata.get("help") for field in dataclasses.fields(Situation)]
    assert all(isinstance(h, Text) and h.get("de") and h.get("en") and h.get("de") != h.get("en") for h in helps)


@pytest.mark.parametrize(("lang", "said"), [("de", "{} Schritte, 29 Aussagen, alles gültig"), ("en", "{} steps, 29")])
def test_console_shows_the_command_and_what_it_prints_in_the_edition_language(
    editions: dict[Lang, Build], catalogue: Catalogue, lang: Lang, said: str
) -> None:
    """Run from the project's folder (beside the sources), with the exit code as ``echo $?`` shows it."""
    lines = _text(_probe(editions[lang], "validate")).strip().splitlines()
    assert lines[0] == "$ cutover --runbook runbook validate; echo $?"
    assert lines[1].startswith(f"runbook: {said.format(len(catalogue))}")
    assert (len(lines), lines[2]) == (3, "0")
    assert '<div class="highlight-console notranslate">' in _probe(editions[lang], "validate")


def test_console_without_echo_shows_no_exit_code(editions: dict[Lang, Build], catalogue: Catalogue) -> None:
    """What the command prints, and nothing after it."""
    pre = re.search(r"<pre>(.*?)</pre>", _probe(editions["en"], "steps"), re.DOTALL)
    assert pre is not None
    lines = _text(pre[1]).strip().splitlines()
    printed = json.loads("\n".join(lines[1:]))
    expected = [s.id for s in steps_in_order(catalogue, Answers(MailVariant.B))]
    assert (lines[0], [entry["id"] for entry in printed]) == (
        "$ cutover --runbook runbook steps --variant b --format json",
        expected,
    )
    assert printed[0]["title"] == catalogue[expected[0]].title.get("en")


def test_gettext_extracts_nothing_the_directives_generate(site: Path, editions: dict[Lang, Build]) -> None:
    """The page of lists has only its heading to translate: generated text is in the build's language already."""
    build = _build(site, site.parent / "gettext", "-W", builder="gettext")
    assert (build.status, build.stderr, _templates(build)["listen"]) == (0, "", ["Listen"])


def test_a_broken_catalogue_generates_no_list(samples: Path, tmp_path: Path) -> None:
    """A catalogue with problems has no reliable order or steps: each directive gives nothing, the build fails."""
    build = _build(_project(tmp_path, {"index": LISTS}, samples / "duplicate-ids"), tmp_path / "out")
    page = build.pages["index"]
    found = [_probe(Build(build.src, build.status, build.stderr, {"listen": page}), name) for name in PROBES]
    generated = [
        name for name, fragment in zip(PROBES, found, strict=True) if re.search(r"<(ol|ul|table|pre)", fragment)
    ]
    assert (build.status, generated) == (1, ["fields"])


def test_generated_text_is_marked_not_translatable(site: Path, editions: dict[Lang, Build]) -> None:
    """Every block of text a directive generated says so, so that no later extraction or Locale transform takes it."""
    with (site.parent / "de" / ".doctrees" / "listen.doctree").open("rb") as file:
        doctree = pickle.load(file)  # noqa: S301  # the doctree this test's own build just wrote
    probes = [node for node in doctree.findall(nodes.container) if node["classes"][0].startswith("probe-")]
    blocks = [
        node for probe in probes for node in probe.findall(nodes.TextElement) if not isinstance(node, nodes.Inline)
    ]
    assert (len(probes), {node.get("translatable") for node in blocks}) == (len(PROBES), {False})
