"""Unit tests of cutover.sphinxext: tiny Sphinx projects built in-process, plus the event handlers on their own."""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple, cast

import pytest
from sphinx.application import Sphinx
from sphinx.cmd.build import build_main
from sphinx.environment import BuildEnvironment

from cutover import sphinxext
from cutover.catalogue import Answers, Catalogue, MailVariant, load_catalogue
from cutover.errors import CatalogueError
from cutover.ordering import plan

ROOT = Path(__file__).resolve().parents[1]
RUNBOOK = ROOT / "runbook"
SAMPLES = Path(__file__).resolve().parent / "samples"

INDEX = """\
# Umstieg

```{toctree}
steps
```

Zuerst {step}`portal-verify-offline` lesen.

## Variante b mit Sync

```{checklist}
:variant: b
:contact-sync:
:calendar-sync:
```

## Variante a

```{checklist}
```
"""

UNKNOWN = """\
# Falsche Ids

```{step} portal-verify-ofline
Text.
```

Siehe {step}`lead-decid`.
"""


class Build(NamedTuple):
    """The source folder of a build, what the build returned, what it printed on stderr, and its HTML pages by name."""

    src: Path
    status: int
    stderr: str
    pages: dict[str, str]


def _project(folder: Path, pages: dict[str, str], runbook: Path) -> Path:
    src = folder / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx_design", "cutover.sphinxext"]\n'
        f'language = "de"\ncutover_runbook = "{runbook}"\n',
        encoding="utf-8",
    )
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


def _build(src: Path, out: Path, *options: str) -> Build:
    stderr = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        status = build_main(["-q", "--no-color", "-b", "html", *options, str(src), str(out)])
    pages = {path.stem: path.read_text(encoding="utf-8") for path in out.glob("*.html")}
    return Build(src, status, stderr.getvalue(), pages)


def _steps_page(catalogue: Catalogue) -> str:
    """A page that places every step once, each with a body that links the next step with the role."""
    blocks = [
        f"```{{step}} {step.id}\nKörper von {step.id}, weiter mit {{step}}`{following.id}`.\n```\n"
        for step, following in zip(catalogue.steps, catalogue.steps[1:] + catalogue.steps[:1], strict=True)
    ]
    return "# Schritte\n\n" + "\n".join(blocks)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(RUNBOOK)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """The sources of a two-page project over the real catalogue."""
    return _project(tmp_path_factory.mktemp("site"), {"index": INDEX, "steps": _steps_page(catalogue)}, RUNBOOK)


@pytest.fixture(scope="module")
def german(site: Path) -> Build:
    """The project built in German with warnings as errors and nitpicky references."""
    return _build(site, site.parent / "de", "-W", "-n")


@pytest.fixture(scope="module")
def english(site: Path) -> Build:
    """The same project built in English."""
    return _build(site, site.parent / "en", "-W", "-n", "-D", "language=en")


@pytest.fixture(scope="module")
def unknown(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project with an unknown id in the directive and in the role, built without -W."""
    src = _project(tmp_path_factory.mktemp("unknown"), {"index": UNKNOWN}, RUNBOOK)
    return _build(src, src.parent / "out")


def _smart(text: str) -> str:
    """A catalogue text as English HTML shows it: escaped, and with Sphinx's typographic apostrophes."""
    return html.escape(text, quote=False).replace("'", "\u2019")


def _checklists(page: str) -> list[list[str]]:
    """The step ids linked from each checklist on a page, in order."""
    lists = re.findall(r'<div class="cutover-checklist[^"]*">(.*?)</div>', page, re.DOTALL)
    return [
        re.findall(r'<li class="cutover-check"><p><a class="reference internal" href="steps.html#([a-z0-9-]+)"', x)
        for x in lists
    ]


# --- the German build ---------------------------------------------------------------------------------------------


def test_build_succeeds_with_warnings_as_errors(german: Build) -> None:
    """A project that uses every step, the role and two checklists builds cleanly with -W -n."""
    expected = (0, "")
    assert expected == (german.status, german.stderr)


def test_step_section_has_the_step_id_as_html_id(german: Build, catalogue: Catalogue) -> None:
    """Each step becomes a section whose HTML id is the permanent step id."""
    ids = re.findall(r'<section class="cutover-step[^"]*" id="([^"]+)">', german.pages["steps"])
    assert list(catalogue.ids) == ids


def test_step_section_classes_name_area_and_kind(german: Build) -> None:
    """The section's classes carry the step's area and kind, for styling."""
    expected = '<section class="cutover-step cutover-area-portal cutover-kind-check" id="portal-verify-offline">'
    assert expected in german.pages["steps"]


def test_step_title_comes_from_the_catalogue(german: Build, catalogue: Catalogue) -> None:
    """The section title is the German title from the catalogue, with a permalink to the step id."""
    titles = re.findall(r'<h2>(.*?)<a class="headerlink" href="#([^"]+)"', german.pages["steps"])
    assert [(html.escape(s.title.de, quote=False), s.id) for s in catalogue] == titles


def test_step_meta_shows_id_kind_and_applies_badges(german: Build) -> None:
    """Under the title: the id badge, the kind badge and the applies badge."""
    expected = (
        '<p class="cutover-step-meta"><span class="cutover-badge cutover-id">mail-no-platform-account</span> '
        '<span class="cutover-badge cutover-kind-rule">Regel ab jetzt</span> '
        '<span class="cutover-badge cutover-applies-variant-a">Nur in Variante a</span></p>'
    )
    assert expected in german.pages["steps"]


def test_step_why_paragraph(german: Build, catalogue: Catalogue) -> None:
    """Each step shows "Warum?" and the catalogue's why."""
    whys = re.findall(r'<p class="cutover-why"><strong>Warum\?</strong> (.*?)</p>', german.pages["steps"])
    assert [html.escape(s.why.de, quote=False) for s in catalogue] == whys


def test_step_body_follows_the_why(german: Build) -> None:
    """The directive's content is parsed as Markdown after the why paragraph."""
    section = german.pages["steps"].split('id="lead-decide">')[1].split("</section>")[0]
    assert section.index('class="cutover-why"') < section.index("<p>Körper von lead-decide, weiter mit")


def test_role_links_to_the_step_with_title_and_badge(german: Build, catalogue: Catalogue) -> None:
    """The role becomes a link to the step's section, showing its title, followed by the id badge."""
    title = html.escape(catalogue["portal-verify-offline"].title.de, quote=False)
    expected = (
        f'<a class="reference internal" href="steps.html#portal-verify-offline"><span class="std std-ref">{title}'
        '</span></a> <span class="cutover-badge cutover-id">portal-verify-offline</span>'
    )
    assert expected in german.pages["index"]


def test_role_inside_a_step_links_on_the_same_page(german: Build) -> None:
    """A role in a step's body links to another step on the same page by its anchor."""
    assert '<a class="reference internal" href="#lead-inform-staff">' in german.pages["steps"]


def test_checklists_list_the_plan_in_order_with_links(german: Build, catalogue: Catalogue) -> None:
    """Each checklist links every step of the plan for its options, in plan order."""
    expected = [
        [s.id for s in plan(catalogue, Answers(MailVariant.B, contact_sync=True, calendar_sync=True))],
        [s.id for s in plan(catalogue, Answers())],
    ]
    assert expected == _checklists(german.pages["index"])


def test_checklist_items_show_titles(german: Build, catalogue: Catalogue) -> None:
    """A checklist item shows the step title through the role."""
    title = html.escape(catalogue["mail-connect-client"].title.de, quote=False)
    assert f'href="steps.html#mail-connect-client"><span class="std std-ref">{title}</span>' in german.pages["index"]


def test_stylesheet_is_shipped(german: Build, site: Path) -> None:
    """The extension's stylesheet is linked and copied into _static."""
    copied = (site.parent / "de" / "_static" / "cutover.css").is_file()
    expected = (True, True)
    assert expected == ('href="_static/cutover.css' in german.pages["index"], copied)


# --- the English build --------------------------------------------------------------------------------------------


def test_english_build_succeeds(english: Build) -> None:
    """The English build is as clean as the German one."""
    expected = (0, "")
    assert expected == (english.status, english.stderr)


def test_english_titles(english: Build, catalogue: Catalogue) -> None:
    """With language en the sections carry the English titles."""
    titles = re.findall(r'<h2>(.*?)<a class="headerlink"', english.pages["steps"])
    assert [_smart(s.title.en) for s in catalogue] == titles


def test_english_why_and_badges(english: Build, catalogue: Catalogue) -> None:
    """With language en the why paragraph and the badges are English."""
    why = _smart(catalogue["calendar-enable-sync"].why.en)
    expected = (
        '<span class="cutover-badge cutover-applies-calendar-sync">With calendar sync only</span></p>\n'
        f'<p class="cutover-why"><strong>Why?</strong> {why}</p>'
    )
    assert expected in english.pages["steps"]


def test_english_role_title(english: Build, catalogue: Catalogue) -> None:
    """With language en the role shows the English title."""
    title = _smart(catalogue["portal-verify-offline"].title.en)
    assert f'<span class="std std-ref">{title}</span>' in english.pages["index"]


# --- unknown ids --------------------------------------------------------------------------------------------------


def test_unknown_ids_fail_the_build_even_without_w(unknown: Build) -> None:
    """An unknown step id makes the build return non-zero, without -W."""
    expected = 1
    assert expected == unknown.status


def test_unknown_id_in_the_directive_names_file_line_and_suggestion(unknown: Build) -> None:
    """The error for the directive names the page file and line and suggests the close id."""
    expected = (
        f"{unknown.src / 'index.md'}:3: ERROR: unknown step id 'portal-verify-ofline' "
        "(did you mean: portal-verify-offline, "
    )
    assert expected == unknown.stderr.splitlines()[0][: len(expected)]


def test_unknown_id_in_the_role_names_file_line_and_suggestion(unknown: Build) -> None:
    """The error for the role names the page file and line and suggests the close id."""
    expected = (
        f"{unknown.src / 'index.md'}:7: ERROR: unknown step id 'lead-decid' (did you mean: lead-decide?) "
        "[cutover.unknown-step]"
    )
    assert expected == unknown.stderr.splitlines()[1]


def test_unknown_ids_are_the_only_errors(unknown: Build) -> None:
    """Nothing else goes wrong in that build: one line per unknown id."""
    expected = 2
    assert expected == len(unknown.stderr.splitlines())


def test_unknown_id_in_the_role_stays_readable(unknown: Build) -> None:
    """The page still shows the unknown id as code, so the reader sees what was meant."""
    expected = '<code class="docutils literal notranslate"><span class="pre">lead-decid</span></code>'
    assert expected in unknown.pages["index"]


def test_unknown_id_in_the_directive_drops_the_section(unknown: Build) -> None:
    """No section is made for an unknown step."""
    assert "cutover-step" not in unknown.pages["index"].split('<div class="body" role="main">')[1]


# --- an invalid catalogue -----------------------------------------------------------------------------------------


def test_invalid_catalogue_fails_with_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken catalogue fails the build with every problem of the loader as a located error, and no crash report."""
    monkeypatch.chdir(SAMPLES)
    with pytest.raises(CatalogueError) as loader:
        load_catalogue(Path("many-problems"))
    page = "# Leer\n\n```{checklist}\n:variant: b\n```\n"
    build = _build(_project(tmp_path, {"index": page}, SAMPLES / "many-problems"), tmp_path / "out")
    expected = [
        f"{p.file}:{p.line}: ERROR: invalid step catalogue: {p.key}: {p.message} [cutover.catalogue]"
        if p.line
        else f"ERROR: invalid step catalogue: {p.file}: {p.key}: {p.message} [cutover.catalogue]"
        for p in loader.value.problems
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


def test_catalogue_problem_without_key_or_line_is_reported_plainly(tmp_path: Path) -> None:
    """An unreadable catalogue file is one error naming the file, without a line or an empty key."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    (runbook / "statements.toml").write_text('[statements]\nS1 = "Eins."\n', encoding="utf-8")
    build = _build(_project(tmp_path, {"index": "# Leer\n"}, runbook), tmp_path / "out")
    expected = [
        f"ERROR: invalid step catalogue: {runbook / 'steps.toml'}: cannot read: No such file or directory "
        "[cutover.catalogue]"
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


# --- the pieces on their own --------------------------------------------------------------------------------------


def _env(**attributes: object) -> BuildEnvironment:
    return cast("BuildEnvironment", SimpleNamespace(**attributes))


def _app(**attributes: object) -> Sphinx:
    return cast("Sphinx", SimpleNamespace(**attributes))


def test_catalogue_setting_is_joined_with_the_source_folder(tmp_path: Path) -> None:
    """A relative ``cutover_runbook`` is read relative to the Sphinx source folder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    relative = os.path.relpath(SAMPLES / "valid", docs)
    env = _env(config=SimpleNamespace(cutover_runbook=relative), srcdir=docs)
    assert docs / relative == sphinxext._catalogue(env).source


def test_empty_catalogue_setting_means_the_default_runbook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``cutover_runbook`` the extension reads the default runbook."""
    monkeypatch.delenv("CUTOVER_RUNBOOK", raising=False)
    env = _env(config=SimpleNamespace(cutover_runbook=""), srcdir=Path("/nowhere"))
    expected = RUNBOOK
    assert expected == sphinxext._catalogue(env).source


def test_catalogue_is_read_again_only_when_a_file_changes(tmp_path: Path) -> None:
    """The extension reuses a read catalogue, and reads it again once steps.toml changes on disk."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml"):
        (runbook / name).write_bytes((SAMPLES / "valid" / name).read_bytes())
    env = _env(config=SimpleNamespace(cutover_runbook=str(runbook)), srcdir=tmp_path)
    first = sphinxext._catalogue(env)
    same = sphinxext._catalogue(env)
    steps = runbook / "steps.toml"
    os.utime(steps, ns=(steps.stat().st_atime_ns, steps.stat().st_mtime_ns + 1_000_000_000))
    assert (True, False) == (first is same, first is sphinxext._catalogue(env))


@pytest.mark.parametrize(("language", "expected"), [("de", "de"), ("en", "en"), ("en_GB", "en"), ("fr", "de")])
def test_language_setting_picks_german_or_english(language: str, expected: str) -> None:
    """English languages get English texts; every other language gets the German source."""
    assert expected == sphinxext._lang(_env(config=SimpleNamespace(language=language)))


def test_pages_depend_on_the_catalogue_files(catalogue: Catalogue) -> None:
    """A page that uses the catalogue is rebuilt when steps.toml or statements.toml change."""
    noted: list[str] = []
    sphinxext._depend_on_catalogue(_env(note_dependency=noted.append), catalogue)
    assert [str(RUNBOOK / "steps.toml"), str(RUNBOOK / "statements.toml")] == noted


def test_unknown_ids_start_empty() -> None:
    """An environment without unknown ids gets an empty list to collect them."""
    expected: list[object] = []
    assert expected == sphinxext._unknown_ids(_env())


def test_purge_forgets_the_unknown_ids_of_one_page() -> None:
    """Re-reading a page forgets the unknown ids found on it, and only those."""
    env = _env(cutover_unknown=[("a", "lead-x"), ("b", "lead-y"), ("a", "lead-z")])
    sphinxext._purge(_app(), env, "a")
    expected = [("b", "lead-y")]
    assert expected == sphinxext._unknown_ids(env)


def test_merge_takes_the_unknown_ids_of_a_parallel_reader() -> None:
    """After a parallel read, the main environment knows the unknown ids every reader found."""
    env = _env(cutover_unknown=[("a", "lead-x")])
    sphinxext._merge(_app(), env, {"b"}, _env(cutover_unknown=[("b", "lead-y")]))
    expected = [("a", "lead-x"), ("b", "lead-y")]
    assert expected == sphinxext._unknown_ids(env)


def test_merge_from_a_reader_without_unknown_ids() -> None:
    """A parallel reader that found nothing adds nothing."""
    env = _env(cutover_unknown=[("a", "lead-x")])
    sphinxext._merge(_app(), env, {"b"}, _env())
    expected = [("a", "lead-x")]
    assert expected == sphinxext._unknown_ids(env)


def test_finished_build_with_unknown_ids_fails() -> None:
    """A build that found unknown ids ends with status 1."""
    app = _app(env=_env(cutover_unknown=[("a", "lead-x")]), statuscode=0)
    sphinxext._fail_on_unknown(app, None)
    expected = 1
    assert expected == app.statuscode


def test_finished_build_without_unknown_ids_keeps_its_status() -> None:
    """A build without unknown ids keeps its status."""
    env = _env(cutover_unknown=[], config=SimpleNamespace(cutover_runbook=str(RUNBOOK)), srcdir=ROOT)
    app = _app(env=env, statuscode=0)
    sphinxext._fail_on_unknown(app, None)
    expected = 0
    assert expected == app.statuscode


def test_failed_build_keeps_its_own_status() -> None:
    """A build that failed with an exception keeps the status Sphinx gives it."""
    app = _app(env=_env(cutover_unknown=[("a", "lead-x")]), statuscode=2)
    sphinxext._fail_on_unknown(app, RuntimeError("boom"))
    expected = 2
    assert expected == app.statuscode


def _recording_app(registered: list[str]) -> Sphinx:
    def record(name: str, *args: Any, **kwargs: Any) -> None:
        registered.append(name)

    return _app(add_config_value=record, add_directive=record, add_role=record, add_css_file=record, connect=record)


def test_setup_registers_setting_directives_role_stylesheet_and_handlers() -> None:
    """``setup`` registers the setting, both directives, the role, the stylesheet and the four event handlers."""
    registered: list[str] = []
    sphinxext.setup(_recording_app(registered))
    expected = [
        "cutover_runbook",
        "step",
        "checklist",
        "step",
        "cutover.css",
        "builder-inited",
        "env-merge-info",
        "env-purge-doc",
        "build-finished",
    ]
    assert expected == registered


def test_setup_declares_parallel_safety() -> None:
    """The extension declares itself safe for parallel reading and writing."""
    expected = {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
    assert expected == sphinxext.setup(_recording_app([]))
