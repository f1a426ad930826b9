"""Meaning markers: a translation keeps its source's negation, in the pages, the catalogue and the words table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cutover.catalogue import read_catalogue
from cutover.editions import codes
from cutover.markers import found, negation_differs, own_words, phrases
from cutover.translations import check_translations
from factories import UNDECLARED

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_found_matches_whole_words_in_any_case_across_spaces_and_a_comma() -> None:
    text = own_words("Zuerst, wenn\n  es geht, AUF keinen   Fall  erst später ({step}`nicht-im-satz`).")
    assert ["zuerst", "auf keinen Fall"] == found(["zuerst", "erst, wenn", "auf keinen Fall", "nicht"], text)
    assert ["erst"] == found(["erst", "vor"], "erst vorher")
    assert ["don't"] == found(["don't"], own_words("Don\u2019t do it"))


def test_the_negation_words_are_there_for_every_edition() -> None:
    assert all(phrases("never.carry", lang) for lang in codes())
    assert [] == phrases("no.such.entry", "de")


@pytest.mark.parametrize(
    ("german", "english", "said"),
    [
        ("Legen Sie kein Konto an.", "Do not create an account.", None),
        ("Legen Sie ein Konto an.", "Create an account.", None),
        (
            "Legen Sie kein Konto an.",
            "Create an account.",
            "the de text negates (kein), this one does not: say it with one of not | no | never",
        ),
        ("Legen Sie ein Konto an.", "Never create an account.", "this text negates (never), the de text does not"),
    ],
)
def test_a_translation_keeps_the_negation_of_its_source(german: str, english: str, said: str | None) -> None:
    message = negation_differs(german, "de", english, "en")
    assert said == (None if message is None else message.text("en")[: len(said or "")])


def test_a_language_without_an_edition_is_not_compared() -> None:
    assert (None, None) == (
        negation_differs("nicht", "de", "yes", UNDECLARED),
        negation_differs("nicht", UNDECLARED, "yes", "en"),
    )


def test_the_translation_gate_names_a_msgstr_that_drops_the_negation(tmp_path: Path) -> None:
    templates, catalogues = tmp_path / "pot", tmp_path / "en" / "LC_MESSAGES"
    templates.mkdir()
    catalogues.mkdir(parents=True)
    (templates / "p.pot").write_text(HEADER + 'msgid "Nie abschalten."\nmsgstr ""\n', encoding="utf-8")
    (catalogues / "p.po").write_text(HEADER + 'msgid "Nie abschalten."\nmsgstr "Switch it off."\n', encoding="utf-8")
    problems = check_translations(templates, catalogues).problems
    assert [(str(catalogues / "p.po"), 5, "'Nie abschalten.'")] == [(p.file, p.line, p.key) for p in problems]
    assert problems[0].message.text("en").startswith("the de text negates (nie), this one does not")


def test_the_catalogue_names_a_step_text_whose_translation_drops_the_negation(samples: Path, tmp_path: Path) -> None:
    runbook = Path(shutil.copytree(samples / "valid", tmp_path / "runbook"))
    steps = runbook / "steps.toml"
    text = steps.read_text(encoding="utf-8")
    steps.write_text(text.replace('de = "Entscheiden"', 'de = "Nicht zögern"'), encoding="utf-8")
    problems = read_catalogue(runbook)[1]
    expected = [("steps.toml", f"step[0] (lead-decide).title.{lang}") for lang in codes()[1:]]
    assert expected == [(Path(p.file).name, p.key) for p in problems]
    assert problems[0].message.text("en").startswith("the de text negates (nicht), this one does not")
