"""Meaning markers: a translation keeps its source's negation, order, stops and what stays, everywhere it is checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cutover.catalogue import read_catalogue
from cutover.editions import codes
from cutover.markers import found, kept, meaning_differs, occurrences, own_words, phrases
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


def test_the_kept_markers_are_the_negation_and_the_kept_entries_of_every_edition() -> None:
    assert ["never.carry", "kept.before", "kept.stop", "kept.remain"] == kept()
    assert all(phrases(key, lang) for key in kept() for lang in codes())


@pytest.mark.parametrize(
    ("german", "english", "said"),
    [
        ("Legen Sie kein Konto an.", "Do not create an account.", []),
        ("Legen Sie ein Konto an.", "Create an account.", []),
        (
            "Legen Sie kein Konto an.",
            "Create an account.",
            ["the de text says kein, this one has none of not | no | never"],
        ),
        (
            "Legen Sie ein Konto an.",
            "Never create an account.",
            ["this text says never, the de text has none of nicht"],
        ),
        # order, stop and what stays are kept too: the mutations of a step's title and why
        ("Stoppen Sie ihn, bevor Sie beginnen.", "Stop it after you begin.", ["the de text says bevor, this one"]),
        ("Lassen Sie ihn laufen.", "Switch it off.", ["this text says switch it off, the de text has none of Stopp"]),
        ("Es wird deaktiviert.", "It stays active.", ["this text says stay"]),
        # "vor" alone is no order: "lesen Sie vor" reads aloud
        ("Lesen Sie die Kennung vor.", "Read the ID aloud.", []),
        (
            "Das gilt vor dem Stopp.",
            "That applies until it is stopped.",
            ["the de text says vor dem, this one has none"],
        ),
        # as many sentences: each is compared with its own; "never" moved to the other sentence is found
        (
            "Er läuft. Danach kommt nichts mehr an.",
            "It never runs. Then nothing more arrives.",
            ["sentence 1 here says never, the same sentence of the de text has none of nicht"],
        ),
        (
            "Er läuft. Danach kommt nichts mehr an.",
            "It runs. Then everything arrives.",
            ["sentence 2 of the de text says nichts, the same sentence here has none of not | no"],
        ),
        # a different number of sentences: the whole texts are compared
        ("Er läuft. Danach kommt nichts mehr an.", "It runs, and then nothing more arrives.", []),
        # a step id in code is no word: `portal-stop-exporter` says no "stop"
        ("Die Kennung `portal-stop-exporter`.", "The ID `portal-stop-exporter`.", []),
        ("Die Kennung `portal-stop-exporter`.", "The ID `portal-stop-exporter` stops.", ["this text says stops"]),
        # each marker is counted: one clause of two reversed is found, in either language
        (
            "Das gelangt auch dorthin, und was danach entsteht, gelangt nie dorthin.",
            "That never gets there, and what comes after never gets there.",
            ["the de text says nie (count 1), this one says never (count 2)"],
        ),
        (
            "Das gelangt nie dorthin, und was danach entsteht, gelangt nie dorthin.",
            "That never gets there, and what comes after gets there too.",
            ["the de text says nie (count 2), this one says never (count 1)"],
        ),
        ("Tun Sie das nie, und tun Sie das nie.", "Never do that, and never do that.", []),
        # a longer phrase is one word, not also the words within it; "weder … noch" negates once
        ("Legen Sie auf keinen Fall ein Konto an.", "Never create an account.", []),
        ("Löschen Sie weder Mails noch Konten.", "Do not delete any emails or accounts.", []),
        (
            "A. Das gelangt nie dorthin, und das nie.",
            "A. That never gets there, and that does.",
            ["sentence 2 of the de text says nie (count 2), the same sentence here says never (count 1)"],
        ),
    ],
)
def test_a_translation_keeps_the_meaning_markers_of_its_source(german: str, english: str, said: list[str]) -> None:
    messages = [message.text("en") for message in meaning_differs(german, "de", english, "en")]
    assert len(said) == len(messages), messages
    assert all(message.startswith(start) for start, message in zip(said, messages, strict=True)), messages


def test_what_differs_is_said_in_german_too() -> None:
    (message,) = meaning_differs("Er läuft. Danach kommt nichts mehr an.", "de", "It runs. Then all arrives.", "en")
    assert message.text("de").startswith("Satz 2 des Textes in de sagt nichts, derselbe Satz hier hat keines von not")


def test_a_count_that_differs_is_said_in_german_too() -> None:
    (message,) = meaning_differs("Nie, und nie.", "de", "Never, and always.", "en")
    assert "der Text in de sagt nie (Anzahl 2), dieser sagt never (Anzahl 1)" == message.text("de")


def test_occurrences_counts_every_place_and_the_longest_phrase_once() -> None:
    said = occurrences(["kein", "keinen", "nicht", "auf keinen Fall"], "Auf keinen Fall, nicht, kein Konto")
    assert ["Auf keinen Fall", "nicht", "kein"] == said  # as the text writes them
    assert ["No one"] == occurrences(["no", "no one"], "No one came")  # the longer phrase, where both start
    assert [] == occurrences([], "nicht")


def test_a_language_without_an_edition_is_not_compared() -> None:
    assert ([], []) == (
        meaning_differs("nicht", "de", "yes", UNDECLARED),
        meaning_differs("nicht", UNDECLARED, "yes", "en"),
    )


def test_the_translation_gate_names_a_msgstr_that_drops_the_negation(tmp_path: Path) -> None:
    templates, catalogues = tmp_path / "pot", tmp_path / "en" / "LC_MESSAGES"
    templates.mkdir()
    catalogues.mkdir(parents=True)
    (templates / "p.pot").write_text(HEADER + 'msgid "Nie abschalten."\nmsgstr ""\n', encoding="utf-8")
    (catalogues / "p.po").write_text(HEADER + 'msgid "Nie abschalten."\nmsgstr "Switch it off."\n', encoding="utf-8")
    problems = check_translations(templates, catalogues).problems
    assert [(str(catalogues / "p.po"), 5, "'Nie abschalten.'")] == [(p.file, p.line, p.key) for p in problems]
    assert problems[0].message.text("en").startswith("the de text says nie, this one has none of not | no")


def test_the_catalogue_names_a_step_text_whose_translation_drops_the_negation(samples: Path, tmp_path: Path) -> None:
    runbook = Path(shutil.copytree(samples / "valid", tmp_path / "runbook"))
    steps = runbook / "steps.toml"
    text = steps.read_text(encoding="utf-8")
    steps.write_text(text.replace('de = "Entscheiden"', 'de = "Nicht zögern"'), encoding="utf-8")
    problems = read_catalogue(runbook)[1]
    expected = [("steps.toml", f"step[0] (lead-decide).title.{lang}") for lang in codes()[1:]]
    assert expected == [(Path(p.file).name, p.key) for p in problems]
    assert problems[0].message.text("en").startswith("the de text says nicht, this one has none of not")
