"""Unit tests of cutover.translations: the gate that finds every German message without a reviewed translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from cutover.errors import Problem
from cutover.translations import TranslationReport, check_translations

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

INDEX_POT = (
    HEADER
    + '#: ../src/index.md:1\nmsgid "Umstieg"\nmsgstr ""\n\n'
    + '#: ../src/index.md:3\nmsgid "Zuerst lesen."\nmsgstr ""\n'
)
INDEX_PO = (
    HEADER  # lines 1-4
    + '#: ../src/index.md:1\nmsgid "Umstieg"\nmsgstr "Cutover"\n\n'  # msgid on line 6
    + '#: ../src/index.md:3\nmsgid "Zuerst lesen."\nmsgstr "Read first."\n'  # msgid on line 10
)
STEPS_POT = HEADER + '#: ../src/steps.md:1\nmsgid "Schritte"\nmsgstr ""\n'
STEPS_PO = HEADER + 'msgid "Schritte"\nmsgstr "Steps"\n'


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A gettext build folder and a catalogue folder, side by side; the working folder is their parent.

    The gate names a message's German source relative to the working folder.
    """
    monkeypatch.chdir(tmp_path)
    templates = tmp_path / "build" / "gettext"
    catalogues = tmp_path / "locale" / "en" / "LC_MESSAGES"
    templates.mkdir(parents=True)
    catalogues.mkdir(parents=True)
    return templates, catalogues


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _check(folders: tuple[Path, Path], pot: str, po: str) -> tuple[Problem, ...]:
    """The problems found for one page with this template and this catalogue."""
    templates, catalogues = folders
    _write(templates, {"index.pot": pot})
    _write(catalogues, {"index.po": po})
    return check_translations(templates, catalogues).problems


def test_everything_translated(folders: tuple[Path, Path]) -> None:
    """When every message of every page has a reviewed translation, there is no problem; the report counts them."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT, "steps.pot": STEPS_POT})
    _write(catalogues, {"index.po": INDEX_PO, "steps.po": STEPS_PO})
    expected = TranslationReport((), 3, 2)
    assert expected == check_translations(templates, catalogues)


def test_header_is_not_a_message(folders: tuple[Path, Path]) -> None:
    """The header entry of the template is neither counted nor looked for, so a catalogue without one is fine."""
    templates, catalogues = folders
    _write(templates, {"steps.pot": STEPS_POT})
    _write(catalogues, {"steps.po": 'msgid "Schritte"\nmsgstr "Steps"\n'})
    expected = TranslationReport((), 1, 1)
    assert expected == check_translations(templates, catalogues)


def test_missing_catalogue(folders: tuple[Path, Path]) -> None:
    """A page without any .po is one problem naming the file the translator has to create."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT, "steps.pot": STEPS_POT})
    _write(catalogues, {"index.po": INDEX_PO})
    expected = TranslationReport(
        (Problem(str(catalogues / "steps.po"), 0, "", "missing: no translation of this page at all"),), 3, 2
    )
    assert expected == check_translations(templates, catalogues)


def test_missing_message_names_its_german_source(folders: tuple[Path, Path]) -> None:
    """A message the .po lacks (new or changed German text) is named with the page and line it comes from."""
    po = HEADER + 'msgid "Umstieg"\nmsgstr "Cutover"\n'
    expected = (
        Problem(
            str(folders[1] / "index.po"),
            0,
            "'Zuerst lesen.'",
            "missing: new or changed text at build/src/index.md:3",
        ),
    )
    assert expected == _check(folders, INDEX_POT, po)


def test_missing_message_from_several_places_or_none(folders: tuple[Path, Path]) -> None:
    """A message used in several places names each, with or without a line; one without a place says so."""
    pot = (
        HEADER
        + '#: ../src/index.md:1 ../src/steps.md\nmsgid "Umstieg"\nmsgstr ""\n\n'
        + 'msgid "Ohne Ort"\nmsgstr ""\n'
    )
    po = str(folders[1] / "index.po")
    expected = (
        Problem(po, 0, "'Umstieg'", "missing: new or changed text at build/src/index.md:1, build/src/steps.md"),
        Problem(po, 0, "'Ohne Ort'", "missing: new or changed text at an unknown place"),
    )
    assert expected == _check(folders, pot, HEADER)


def test_untranslated_message_at_its_line(folders: tuple[Path, Path]) -> None:
    """A message with an empty translation is a problem at the line of its msgid in the .po."""
    po = INDEX_PO.replace('msgstr "Read first."', 'msgstr ""')
    expected = (Problem(str(folders[1] / "index.po"), 10, "'Zuerst lesen.'", "untranslated"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_fuzzy_message_at_its_line(folders: tuple[Path, Path]) -> None:
    """A fuzzy translation (merged from a similar message, not yet reviewed) is a problem until the flag is gone."""
    po = INDEX_PO.replace('#: ../src/index.md:1\nmsgid "Umstieg"', '#: ../src/index.md:1\n#, fuzzy\nmsgid "Umstieg"')
    expected = (Problem(str(folders[1] / "index.po"), 7, "'Umstieg'", "fuzzy: review it, then drop the flag"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_every_problem_of_a_page_in_template_order(folders: tuple[Path, Path]) -> None:
    """All problems of a page are reported at once, in the order of the template, not only the first."""
    pot = HEADER + "".join(f'msgid "{word}"\nmsgstr ""\n\n' for word in ("Eins", "Zwei", "Drei", "Vier"))
    po = HEADER + 'msgid "Vier"\nmsgstr ""\n\n#, fuzzy\nmsgid "Zwei"\nmsgstr "Two"\n\nmsgid "Drei"\nmsgstr "Three"\n'
    path = str(folders[1] / "index.po")
    expected = (
        Problem(path, 0, "'Eins'", "missing: new or changed text at an unknown place"),
        Problem(path, 9, "'Zwei'", "fuzzy: review it, then drop the flag"),
        Problem(path, 5, "'Vier'", "untranslated"),
    )
    assert expected == _check(folders, pot, po)


def test_translation_counts_only_in_its_context(folders: tuple[Path, Path]) -> None:
    """The same German words in another context (msgctxt) need their own translation."""
    pot = HEADER + 'msgctxt "Knopf"\nmsgid "Weiter"\nmsgstr ""\n'
    po = HEADER + 'msgid "Weiter"\nmsgstr "Next"\n'
    expected = (
        Problem(str(folders[1] / "index.po"), 0, "'Weiter'", "missing: new or changed text at an unknown place"),
    )
    assert expected == _check(folders, pot, po)


def test_long_message_is_shortened_and_on_one_line(folders: tuple[Path, Path]) -> None:
    """A message is named on one line: its whitespace collapsed, and cut to 60 characters when longer."""
    sixty = "Dieser Satz hat genau sechzig Zeichen, den Punkt mitgezählt."
    longer = "Dieser Satz hat mehr als sechzig Zeichen, den Punkt mitgezählt."
    pot = (
        HEADER
        + f'msgid "{sixty}"\nmsgstr ""\n\nmsgid "{longer}"\nmsgstr ""\n\nmsgid ""\n"Zwei\\n"\n"Zeilen"\nmsgstr ""\n'
    )
    po = HEADER + f'msgid "{sixty}"\nmsgstr ""\n\nmsgid "{longer}"\nmsgstr ""\n\nmsgid "Zwei\\nZeilen"\nmsgstr ""\n'
    path = str(folders[1] / "index.po")
    expected = (
        (60, 63),
        (
            Problem(path, 5, repr(sixty), "untranslated"),
            Problem(path, 8, "'Dieser Satz hat mehr als sechzig Zeichen, den Punkt mitgezä…'", "untranslated"),
            Problem(path, 11, "'Zwei Zeilen'", "untranslated"),
        ),
    )
    assert expected == ((len(sixty), len(longer)), _check(folders, pot, po))


def test_obsolete_translation_does_not_count(folders: tuple[Path, Path]) -> None:
    """An obsolete entry (``#~``) translates nothing: its message is missing, and an unused one is no problem."""
    po = (
        HEADER
        + '#~ msgid "Umstieg"\n#~ msgstr "Cutover"\n\n'
        + 'msgid "Zuerst lesen."\nmsgstr "Read first."\n\n'
        + '#~ msgid "Alter Text"\n#~ msgstr "Old text"\n'
    )
    expected = (
        Problem(str(folders[1] / "index.po"), 0, "'Umstieg'", "missing: new or changed text at build/src/index.md:1"),
    )
    assert expected == _check(folders, INDEX_POT, po)


def test_invalid_catalogue_at_its_line(folders: tuple[Path, Path]) -> None:
    """A .po that gettext cannot parse is one problem at the line (counted from 1) where parsing failed."""
    po = HEADER + 'msgid "Umstieg"\nmsgstr "Cutover"\nKaputt\n'  # "Kaputt" is line 7
    problems = _check(folders, INDEX_POT, po)
    expected = ((str(folders[1] / "index.po"), 7, ""), 1, True)
    found = (
        (problems[0].file, problems[0].line, problems[0].key),
        len(problems),
        problems[0].message,
    )
    assert (*expected[:2], "invalid gettext catalogue: Unknown or misformatted keyword") == found


def test_catalogue_that_is_not_utf8(folders: tuple[Path, Path]) -> None:
    """A .po in another encoding than it declares is one problem, not a crash."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT})
    (catalogues / "index.po").write_bytes(HEADER.encode() + b'msgid "Umstieg"\nmsgstr "\xfcber"\n')
    expected = (
        Problem(
            str(catalogues / "index.po"),
            0,
            "",
            "cannot read: 'utf-8' codec can't decode byte 0xfc in position 8: invalid start byte",
        ),
    )
    assert expected == check_translations(templates, catalogues).problems


def test_catalogue_that_cannot_be_opened(folders: tuple[Path, Path]) -> None:
    """A .po that is no file is one problem naming why it cannot be read."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT})
    (catalogues / "index.po").mkdir()
    path = catalogues / "index.po"
    expected = (Problem(str(path), 0, "", f"cannot read: [Errno 21] Is a directory: '{path}'"),)
    assert expected == check_translations(templates, catalogues).problems


def test_invalid_template_is_reported_and_the_others_are_checked(folders: tuple[Path, Path]) -> None:
    """A broken .pot is a problem of its own; its .po is not called stale, and the pages after it are still checked."""
    templates, catalogues = folders
    _write(templates, {"about.pot": HEADER + "Kaputt\n", "index.pot": INDEX_POT})
    _write(catalogues, {"about.po": STEPS_PO, "index.po": INDEX_PO.replace('msgstr "Cutover"', 'msgstr ""')})
    report = check_translations(templates, catalogues)
    broken, untranslated = report.problems
    expected = (
        (str(templates / "about.pot"), ""),
        Problem(str(catalogues / "index.po"), 6, "'Umstieg'", "untranslated"),
        2,
        2,
    )
    assert expected == ((broken.file, broken.key), untranslated, report.messages, report.catalogues)


def test_no_templates_at_all(folders: tuple[Path, Path]) -> None:
    """Without any .pot the gate cannot check anything: that is a problem, and every .po is then stale."""
    templates, catalogues = folders
    _write(catalogues, {"index.po": INDEX_PO})
    expected = TranslationReport(
        (
            Problem(str(templates), 0, "", "no message templates (*.pot): run the gettext build first"),
            Problem(str(catalogues / "index.po"), 0, "", "stale: no page has this name any more; delete the file"),
        ),
        0,
        0,
    )
    assert expected == check_translations(templates, catalogues)


def test_stale_catalogues(folders: tuple[Path, Path]) -> None:
    """A .po whose page is gone is a problem, one per file in name order, after the problems of the pages."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT})
    _write(catalogues, {"index.po": INDEX_PO, "zeta.po": STEPS_PO, "alt.po": STEPS_PO, "notes.txt": "not a catalogue"})
    stale = "stale: no page has this name any more; delete the file"
    expected = TranslationReport(
        (Problem(str(catalogues / "alt.po"), 0, "", stale), Problem(str(catalogues / "zeta.po"), 0, "", stale)),
        2,
        1,
    )
    assert expected == check_translations(templates, catalogues)


def test_missing_folders(tmp_path: Path) -> None:
    """Neither folder exists (no gettext build yet, no translations yet): the gate says what to run first."""
    templates = tmp_path / "build" / "gettext"
    expected = TranslationReport(
        (Problem(str(templates), 0, "", "no message templates (*.pot): run the gettext build first"),), 0, 0
    )
    assert expected == check_translations(templates, tmp_path / "locale" / "en" / "LC_MESSAGES")


def test_plural_entry_with_an_empty_form_is_untranslated(folders: tuple[Path, Path]) -> None:
    """A plural message counts as translated only when every form is; one empty form is a problem at its line."""
    pot = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    half = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] "one listing"\nmsgstr[1] ""\n'
    full = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] "one listing"\nmsgstr[1] "%d listings"\n'
    expected = ((Problem(str(folders[1] / "index.po"), 5, "'ein Objekt'", "untranslated"),), ())
    assert expected == (_check(folders, pot, half), _check(folders, pot, full))
