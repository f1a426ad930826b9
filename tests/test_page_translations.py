"""The pages' own catalogues, without a gettext build: every reviewed ``msgstr`` keeps its German's meaning.

``nox -s translations`` compares the catalogues with the templates of a fresh gettext build; this test needs none,
so that the quick checks (and the mutation gate) find an English sentence reversed alone: each catalogue serves as
its own template, and the gate compares every translation with the German ``msgid`` beside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cutover.editions import codes
from cutover.translations import check_translations

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang", codes()[1:])
def test_every_translation_keeps_the_references_and_meaning_markers_of_its_german(tmp_path: Path, lang: str) -> None:
    catalogues = ROOT / "docs" / "locale" / lang / "LC_MESSAGES"
    for po in sorted(catalogues.glob("*.po")):
        shutil.copyfile(po, tmp_path / f"{po.stem}.pot")
    report = check_translations(tmp_path, catalogues, lang)
    assert report.catalogues > 0
    assert [] == [f"{p.file}:{p.line}: {p.key}: {p.message.text('en')}" for p in report.problems]


def test_a_reversed_translation_is_found_at_its_line(tmp_path: Path) -> None:
    catalogues = tmp_path / "en" / "LC_MESSAGES"
    catalogues.mkdir(parents=True)
    (catalogues / "seite.po").write_text(
        'msgid "Stoppen Sie ihn, bevor Sie beginnen."\nmsgstr "Stop it after you begin."\n', encoding="utf-8"
    )
    shutil.copyfile(catalogues / "seite.po", tmp_path / "seite.pot")
    (problem,) = check_translations(tmp_path, catalogues, "en").problems
    assert (str(catalogues / "seite.po"), 1) == (problem.file, problem.line)
    assert problem.message.text("en").startswith("the de text says bevor, this one has none of before")
