"""The script behind ``nox -s third-edition`` adds an edition as data that the package's readers accept.

The tests add a code no edition declares, so that they also pass in the copy the session made (which has French).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from cutover.editions import codes, read_editions
from cutover.words import read_words
from factories import UNDECLARED
from third_edition import add_edition, main

ROOT = Path(__file__).resolve().parents[1]
DATA = ("src/cutover/editions.toml", "src/cutover/words.toml", "runbook/steps.toml", "src/cutover/claims.toml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in DATA:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs" / "locale" / "en", tmp_path / "docs" / "locale" / "en")
    return tmp_path


def test_the_edition_is_declared_last_and_every_word_has_its_text(project: Path) -> None:
    add_edition(project, UNDECLARED)
    declared = tuple(e.code for e in read_editions(project / DATA[0]))
    words = read_words(project / DATA[1], declared)  # raises, naming each entry, if a text were missing
    claims = read_words(project / DATA[3], declared)  # the claims' words too
    copied = all(w.get(UNDECLARED) == w.get("en") for table in (words, claims) for w in table.values())
    assert ((*codes(), UNDECLARED), True) == (declared, copied)


def test_every_step_text_gets_the_english_text(project: Path) -> None:
    add_edition(project, UNDECLARED)
    steps = tomllib.loads((project / DATA[2]).read_text(encoding="utf-8"))["step"]
    tables = [s[key] for s in steps for key in ("title", "why")] + [
        m for s in steps for m in s.get("moment", {}).values()
    ]
    assert [table["en"] for table in tables] == [table[UNDECLARED] for table in tables]


def test_the_pages_translations_are_copied_without_compiled_files(project: Path) -> None:
    (project / "docs" / "locale" / "en" / "index.mo").write_bytes(b"")
    add_edition(project, UNDECLARED)
    copied = sorted(p.name for p in (project / "docs" / "locale" / UNDECLARED).rglob("*") if p.is_file())
    assert sorted(p.name for p in (ROOT / "docs" / "locale" / "en").rglob("*.po")) == copied


def test_without_a_project_it_says_how_to_call_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert (2, "usage: python tests/third_edition.py <copy of the project>\n") == (
        main([str(tmp_path)]),
        capsys.readouterr().err,
    )
