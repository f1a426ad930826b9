"""The builds the extension's tests share, each made once per test session: one site, read by many tests."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from cutover.catalogue import PUBLISHED, Catalogue, load_catalogue
from factories import every_edition
from sphinxext.builds import (
    CHECKLIST,
    EDITIONS,
    FINDINGS,
    GERMAN_SPHINX,
    INDEX,
    INVALID,
    RENAMED,
    RENAMED_INDEX,
    RENAMED_PUBLISHED,
    RENAMED_STEPS,
    RUNBOOK,
    SAMPLE_SYMPTOMS,
    STEP_INDEX,
    SYMPTOMS,
    UNKNOWN,
    Build,
    _build,
    _english,
    _project,
    _situations,
    _steps_page,
    _write_po,
)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(RUNBOOK)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """A five-page project over the real catalogue, its step index in a subfolder, with the findings' situations."""
    pages = {
        "index": INDEX,
        "steps": _steps_page(catalogue),
        "findings": FINDINGS,
        "symptome": SYMPTOMS,
        "verzeichnis/schritte": STEP_INDEX,
    }
    src = _project(tmp_path_factory.mktemp("site"), pages, RUNBOOK, every_step=True)
    _situations(src)
    return src


@pytest.fixture(scope="session")
def german(site: Path) -> Build:
    """The project built in German with warnings as errors and nitpicky references."""
    return _build(site, site.parent / "de", "-W", "-n")


@pytest.fixture(scope="session")
def translated_builds(site: Path, catalogue: Catalogue) -> dict[str, Build]:
    """The project's builds in each edition but the source, by edition, each made when first asked for.

    First every page gets its English catalogue, which is also every further edition's (see ``_write_po``).
    """
    _write_po(site, "en", _english(catalogue))
    return {}


def _built_in(builds: dict[str, Build], edition: str, src: Path, *options: str) -> Build:
    """The project ``src`` built in ``edition`` with ``options``, once: ``builds`` keeps what was built."""
    if edition not in builds:
        builds[edition] = _build(src, src.parent / edition, *options, "-D", f"language={edition}")
    return builds[edition]


@pytest.fixture(scope="session")
def english(site: Path, translated_builds: dict[str, Build]) -> Build:
    """The same project with an English catalogue for every page, built in English."""
    return _built_in(translated_builds, "en", site, "-W", "-n")


@pytest.fixture(scope="session")
def gettext(site: Path) -> Build:
    """The same project through Sphinx's gettext builder, which writes one message template (.pot) per page."""
    return _build(site, site.parent / "gettext", "-W", builder="gettext")


@pytest.fixture(scope="session")
def unknown(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project with an unknown id in the directive and in the role, built without -W."""
    src = _project(tmp_path_factory.mktemp("unknown"), {"index": UNKNOWN}, RUNBOOK)
    return _build(src, src.parent / "out")


@pytest.fixture(scope="session")
def renamed_runbook(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid sample after renames: lead-decide is lead-agree now, portal-exporter-stop was two other ids before."""
    runbook = tmp_path_factory.mktemp("runbook")
    (runbook / "steps.toml").write_text(every_edition(RENAMED_STEPS), encoding="utf-8")
    (runbook / "statements.toml").write_bytes((samples / "valid" / "statements.toml").read_bytes())
    (runbook / PUBLISHED).write_text(RENAMED_PUBLISHED, encoding="utf-8")
    return runbook


@pytest.fixture(scope="session")
def sample_symptoms(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The symptoms over the valid sample, which has only two of the steps the checks name, both on the page."""
    src = _project(tmp_path_factory.mktemp("symptoms"), {"index": SAMPLE_SYMPTOMS}, samples / "valid")
    return _build(src, src.parent / "out")


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory: pytest.TempPathFactory, renamed_runbook: Path) -> Path:
    """A project over the renamed runbook: a page in a subfolder places a step and links one by their retired ids."""
    pages = {"index": RENAMED_INDEX, "teil/umbenannt": RENAMED}
    src = _project(tmp_path_factory.mktemp("renamed"), pages, renamed_runbook, every_step=True)
    english = {
        "index": {"Start": "Start"},
        "teil/umbenannt": {
            "Umbenannt": "Renamed",
            "Siehe {step}`portal-stop-exporter`.": "See {step}`portal-stop-exporter`.",
        },
    }
    _write_po(src, "en", english)
    return src


@pytest.fixture(scope="session")
def renamed(renamed_site: Path) -> Build:
    """The project over the renamed runbook, built in German with nitpicky references, but without -W."""
    return _build(renamed_site, renamed_site.parent / "de", "-n")


@pytest.fixture(scope="session")
def renamed_translated_builds() -> dict[str, Build]:
    """The builds of the project over the renamed runbook in each edition but the source, each made when asked for."""
    return {}


@pytest.fixture(scope="session")
def renamed_english(renamed_site: Path, renamed_translated_builds: dict[str, Build]) -> Build:
    """The project over the renamed runbook, built in English."""
    return _built_in(renamed_translated_builds, "en", renamed_site, "-n")


@pytest.fixture(scope="session")
def unplaced(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project over the valid sample that places only lead-decide, with the warning about the others on."""
    page = "# Teilweise\n\n```{cutover:step} lead-decide\n```\n"
    src = _project(tmp_path_factory.mktemp("unplaced"), {"index": page}, samples / "valid", every_step=True)
    return _build(src, src.parent / "out")


@pytest.fixture(scope="session")
def text(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A one-step project over the valid sample, built as plain text with warnings as errors."""
    page = "# Text\n\n```{cutover:step} lead-decide\n```\n"
    src = _project(tmp_path_factory.mktemp("text"), {"index": page}, samples / "valid")
    return _build(src, src.parent / "out", "-W", builder="text")


@pytest.fixture(scope="session")
def invalid(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project over a catalogue with one problem, a statement no step carries; it places only lead-decide."""
    folder = tmp_path_factory.mktemp("invalid")
    return _build(
        _project(folder, {"index": INVALID}, samples / "uncarried-statement", every_step=True), folder / "out"
    )


@pytest.fixture(scope="session")
def worded(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A German project with its own German words for Sphinx (locale/de/LC_MESSAGES/sphinx.po)."""
    src = _project(tmp_path_factory.mktemp("worded"), {"index": "# Text\n\n## Abschnitt\n"}, samples / "valid")
    folder = src / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "sphinx.po").write_text(GERMAN_SPHINX, encoding="utf-8")
    return _build(src, src.parent / "out", "-W")


@pytest.fixture(scope="session")
def printed(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checklist project, to build as text (as the PDF is) with and without the site's address."""
    return _project(tmp_path_factory.mktemp("printed"), {"index": CHECKLIST}, samples / "valid")


@pytest.fixture(params=EDITIONS)
def edition(request: pytest.FixtureRequest) -> str:
    """Each edition in turn, for the tests that hold in every edition."""
    return cast("str", request.param)


@pytest.fixture
def site_build(request: pytest.FixtureRequest, edition: str) -> Build:
    """The five-page project built in ``edition``: the German build, or the one from that edition's catalogues."""
    if edition == EDITIONS[0]:
        return cast("Build", request.getfixturevalue("german"))
    builds = cast("dict[str, Build]", request.getfixturevalue("translated_builds"))
    return _built_in(builds, edition, cast("Path", request.getfixturevalue("site")), "-W", "-n")


@pytest.fixture
def renamed_build(request: pytest.FixtureRequest, edition: str) -> Build:
    """The project over the renamed catalogue built in ``edition``."""
    if edition == EDITIONS[0]:
        return cast("Build", request.getfixturevalue("renamed"))
    builds = cast("dict[str, Build]", request.getfixturevalue("renamed_translated_builds"))
    return _built_in(builds, edition, cast("Path", request.getfixturevalue("renamed_site")), "-n")
