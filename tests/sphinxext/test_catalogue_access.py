"""The catalogue a build reads: which one, when it is read again, and what a page depends on."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from cutover import sphinxext
from cutover.catalogue import PUBLISHED, Catalogue
from cutover.sphinxext import catalogue_access
from factories import UNDECLARED
from sphinxext.builds import RUNBOOK, _env


def test_catalogue_setting_is_joined_with_the_source_folder(samples: Path, tmp_path: Path) -> None:
    """A relative ``cutover_runbook`` is read relative to the Sphinx source folder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    relative = os.path.relpath(samples / "valid", docs)
    env = _env(config=SimpleNamespace(cutover_runbook=relative), srcdir=docs)
    assert docs / relative == catalogue_access._catalogue(env).source


def test_empty_catalogue_setting_means_the_default_runbook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``cutover_runbook`` the extension reads the default runbook."""
    monkeypatch.delenv("CUTOVER_RUNBOOK", raising=False)
    env = _env(config=SimpleNamespace(cutover_runbook=""), srcdir=Path("/nowhere"))
    expected = RUNBOOK
    assert expected == catalogue_access._catalogue(env).source


def test_catalogue_is_read_again_only_when_a_file_changes(samples: Path, tmp_path: Path) -> None:
    """The extension reuses a read catalogue, and reads it again once steps.toml changes on disk."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml"):
        (runbook / name).write_bytes((samples / "valid" / name).read_bytes())
    env = _env(config=SimpleNamespace(cutover_runbook=str(runbook)), srcdir=tmp_path)
    first = catalogue_access._catalogue(env)
    same = catalogue_access._catalogue(env)
    steps = runbook / "steps.toml"
    os.utime(steps, ns=(steps.stat().st_atime_ns, steps.stat().st_mtime_ns + 1_000_000_000))
    assert (True, False) == (first is same, first is catalogue_access._catalogue(env))


@pytest.mark.parametrize(("language", "expected"), [("de", "de"), ("en", "en"), ("en_GB", "en"), ("de-AT", "de")])
def test_language_setting_picks_its_edition(language: str, expected: str) -> None:
    """A build language picks the edition of its language, whatever its region."""
    assert expected == catalogue_access._lang(_env(config=SimpleNamespace(language=language)))


@pytest.mark.parametrize("language", [UNDECLARED, f"{UNDECLARED}_YY"])
def test_a_language_of_no_edition_stops_the_build_at_its_configuration(language: str) -> None:
    """Not German pages with badges of another language: the configuration is refused, naming the editions file."""
    with pytest.raises(ConfigError, match=r"editions\.toml: no edition is declared for the language"):
        catalogue_access._check_language(cast("Sphinx", None), cast("Config", SimpleNamespace(language=language)))


def test_pages_depend_on_the_catalogue_files(catalogue: Catalogue) -> None:
    """A page that uses the catalogue is rebuilt when steps.toml or statements.toml change."""
    noted: list[str] = []
    catalogue_access._depend_on_catalogue(_env(note_dependency=noted.append), catalogue)
    assert [str(RUNBOOK / "steps.toml"), str(RUNBOOK / "statements.toml")] == noted[:2]


def test_pages_depend_on_the_code_and_templates_that_render_them(catalogue: Catalogue) -> None:
    """Such a page is also rebuilt when a module or template of the package changes, e.g. the planner's."""
    noted: list[str] = []
    catalogue_access._depend_on_catalogue(_env(note_dependency=noted.append), catalogue)
    package = Path(sphinxext.__file__).parents[1]
    expected = {
        str(package / "planner.py"),
        str(package / "render.py"),
        str(package / "templates/planner.html.j2"),
        str(package / "sphinxext" / "planner.py"),
    }
    assert expected <= set(noted[2:])


def test_catalogue_is_read_again_when_the_published_ids_change(samples: Path, tmp_path: Path) -> None:
    """A change to published-ids.txt is noticed like one to steps.toml: its problems are reported at once."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((samples / "valid" / name).read_bytes())
    env = _env(config=SimpleNamespace(cutover_runbook=str(runbook)), srcdir=tmp_path)
    before = catalogue_access._read(env)[1]
    published = runbook / PUBLISHED
    published.write_text("lead-decide\nmail-choose-variant\n", encoding="utf-8")
    os.utime(published, ns=(published.stat().st_atime_ns, published.stat().st_mtime_ns + 1_000_000_000))
    expected = (
        (),
        ["'portal-stop-exporter' is not in published-ids.txt: add it there, for once published it must keep working"],
    )
    assert expected == (before, [problem.message.text("en") for problem in catalogue_access._read(env)[1]])
