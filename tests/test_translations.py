"""Unit tests of cutover.translations: the gate that finds every German message without a reviewed translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from cutover.errors import Problem
from cutover.translations import check_translations

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


Said = tuple[str, int, str, str]


def _said(problems: tuple[Problem, ...]) -> tuple[Said, ...]:
    """Each problem as file, line, key and its English message, as the gate's reader gets them."""
    return tuple((p.file, p.line, p.key, p.message.text("en")) for p in problems)


def _report(templates: Path, catalogues: Path) -> tuple[tuple[Said, ...], int, int]:
    """The gate's report: the problems said, the messages and the catalogues counted."""
    report = check_translations(templates, catalogues)
    return _said(report.problems), report.messages, report.catalogues


def _check(folders: tuple[Path, Path], pot: str, po: str) -> tuple[Said, ...]:
    """The problems found for one page with this template and this catalogue."""
    templates, catalogues = folders
    _write(templates, {"index.pot": pot})
    _write(catalogues, {"index.po": po})
    return _said(check_translations(templates, catalogues).problems)


def test_everything_translated(folders: tuple[Path, Path]) -> None:
    """When every message of every page has a reviewed translation, there is no problem; the report counts them."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT, "steps.pot": STEPS_POT})
    _write(catalogues, {"index.po": INDEX_PO, "steps.po": STEPS_PO})
    expected = ((), 3, 2)
    assert expected == _report(templates, catalogues)


def test_header_is_not_a_message(folders: tuple[Path, Path]) -> None:
    """The header entry of the template is neither counted nor looked for, so a catalogue without one is fine."""
    templates, catalogues = folders
    _write(templates, {"steps.pot": STEPS_POT})
    _write(catalogues, {"steps.po": 'msgid "Schritte"\nmsgstr "Steps"\n'})
    expected = ((), 1, 1)
    assert expected == _report(templates, catalogues)


def test_missing_catalogue(folders: tuple[Path, Path]) -> None:
    """A page without any .po is one problem naming the file the translator has to create."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT, "steps.pot": STEPS_POT})
    _write(catalogues, {"index.po": INDEX_PO})
    expected = (((str(catalogues / "steps.po"), 0, "", "missing: no translation of this page at all"),), 3, 2)
    assert expected == _report(templates, catalogues)


def test_missing_message_names_its_german_source(folders: tuple[Path, Path]) -> None:
    """A message the .po lacks (new or changed German text) is named with the page and line it comes from."""
    po = HEADER + 'msgid "Umstieg"\nmsgstr "Cutover"\n'
    expected = (
        (
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
        (po, 0, "'Umstieg'", "missing: new or changed text at build/src/index.md:1, build/src/steps.md"),
        (po, 0, "'Ohne Ort'", "missing: new or changed text at an unknown place"),
    )
    assert expected == _check(folders, pot, HEADER)


def test_untranslated_message_at_its_line(folders: tuple[Path, Path]) -> None:
    """A message with an empty translation is a problem at the line of its msgid in the .po."""
    po = INDEX_PO.replace('msgstr "Read first."', 'msgstr ""')
    expected = ((str(folders[1] / "index.po"), 10, "'Zuerst lesen.'", "untranslated"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_fuzzy_message_at_its_line(folders: tuple[Path, Path]) -> None:
    """A fuzzy translation (merged from a similar message, not yet reviewed) is a problem until the flag is gone."""
    po = INDEX_PO.replace('#: ../src/index.md:1\nmsgid "Umstieg"', '#: ../src/index.md:1\n#, fuzzy\nmsgid "Umstieg"')
    expected = ((str(folders[1] / "index.po"), 7, "'Umstieg'", "fuzzy: review it, then drop the flag"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_every_problem_of_a_page_in_template_order(folders: tuple[Path, Path]) -> None:
    """All problems of a page are reported at once, in the order of the template, not only the first."""
    pot = HEADER + "".join(f'msgid "{word}"\nmsgstr ""\n\n' for word in ("Eins", "Zwei", "Drei", "Vier"))
    po = HEADER + 'msgid "Vier"\nmsgstr ""\n\n#, fuzzy\nmsgid "Zwei"\nmsgstr "Two"\n\nmsgid "Drei"\nmsgstr "Three"\n'
    path = str(folders[1] / "index.po")
    expected = (
        (path, 0, "'Eins'", "missing: new or changed text at an unknown place"),
        (path, 9, "'Zwei'", "fuzzy: review it, then drop the flag"),
        (path, 5, "'Vier'", "untranslated"),
    )
    assert expected == _check(folders, pot, po)


def test_translation_counts_only_in_its_context(folders: tuple[Path, Path]) -> None:
    """The same German words in another context (msgctxt) need their own translation."""
    pot = HEADER + 'msgctxt "Knopf"\nmsgid "Weiter"\nmsgstr ""\n'
    po = HEADER + 'msgid "Weiter"\nmsgstr "Next"\n'
    expected = ((str(folders[1] / "index.po"), 0, "'Weiter'", "missing: new or changed text at an unknown place"),)
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
            (path, 5, repr(sixty), "untranslated"),
            (path, 8, "'Dieser Satz hat mehr als sechzig Zeichen, den Punkt mitgezä…'", "untranslated"),
            (path, 11, "'Zwei Zeilen'", "untranslated"),
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
    expected = ((str(folders[1] / "index.po"), 0, "'Umstieg'", "missing: new or changed text at build/src/index.md:1"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_invalid_catalogue_at_its_line(folders: tuple[Path, Path]) -> None:
    """A .po that gettext cannot parse is one problem at the line (counted from 1) where parsing failed."""
    po = HEADER + 'msgid "Umstieg"\nmsgstr "Cutover"\nKaputt\n'  # "Kaputt" is line 7
    expected = ((str(folders[1] / "index.po"), 7, "", "invalid gettext catalogue: Unknown or misformatted keyword"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_catalogue_that_is_not_utf8(folders: tuple[Path, Path]) -> None:
    """A .po in another encoding than it declares is one problem at the line of the first bad byte, not a crash."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT})
    (catalogues / "index.po").write_bytes(HEADER.encode() + b'msgid "Umstieg"\nmsgstr "\xfcber"\n')
    expected = ((str(catalogues / "index.po"), 6, "", "cannot read: not UTF-8; save the file as UTF-8"),)
    assert expected == _report(templates, catalogues)[0]


def test_catalogue_that_cannot_be_opened(folders: tuple[Path, Path]) -> None:
    """A .po that is no file is one problem naming why it cannot be read."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT})
    (catalogues / "index.po").mkdir()
    path = catalogues / "index.po"
    expected = ((str(path), 0, "", "cannot read: this is a folder, not a file"),)
    assert expected == _report(templates, catalogues)[0]


def test_invalid_template_is_reported_and_the_others_are_checked(folders: tuple[Path, Path]) -> None:
    """A broken .pot is a problem of its own; its .po is not called stale, and the pages after it are still checked."""
    templates, catalogues = folders
    _write(templates, {"about.pot": HEADER + "Kaputt\n", "index.pot": INDEX_POT})
    _write(catalogues, {"about.po": STEPS_PO, "index.po": INDEX_PO.replace('msgstr "Cutover"', 'msgstr ""')})
    report = check_translations(templates, catalogues)
    broken, untranslated = report.problems
    expected = (
        (str(templates / "about.pot"), ""),
        (str(catalogues / "index.po"), 6, "'Umstieg'", "untranslated"),
        2,
        2,
    )
    assert expected == ((broken.file, broken.key), *_said((untranslated,)), report.messages, report.catalogues)


def test_no_templates_at_all(folders: tuple[Path, Path]) -> None:
    """Without any .pot the gate cannot check anything: that is a problem, and every .po is then stale."""
    templates, catalogues = folders
    _write(catalogues, {"index.po": INDEX_PO})
    expected = (
        (
            (str(templates), 0, "", "no message templates (*.pot): run the gettext build first"),
            (str(catalogues / "index.po"), 0, "", "stale: no page has this name any more; delete the file"),
        ),
        0,
        0,
    )
    assert expected == _report(templates, catalogues)


def test_stale_catalogues(folders: tuple[Path, Path]) -> None:
    """A .po whose page is gone is a problem, one per file in name order, after the problems of the pages."""
    templates, catalogues = folders
    _write(templates, {"index.pot": INDEX_POT})
    _write(catalogues, {"index.po": INDEX_PO, "zeta.po": STEPS_PO, "alt.po": STEPS_PO, "notes.txt": "not a catalogue"})
    stale = "stale: no page has this name any more; delete the file"
    expected = (
        ((str(catalogues / "alt.po"), 0, "", stale), (str(catalogues / "zeta.po"), 0, "", stale)),
        2,
        1,
    )
    assert expected == _report(templates, catalogues)


def test_missing_folders(tmp_path: Path) -> None:
    """Neither folder exists (no gettext build yet, no translations yet): the gate says what to run first."""
    templates = tmp_path / "build" / "gettext"
    expected = (((str(templates), 0, "", "no message templates (*.pot): run the gettext build first"),), 0, 0)
    assert expected == _report(templates, tmp_path / "locale" / "en" / "LC_MESSAGES")


def test_plural_entry_with_an_empty_form_is_untranslated(folders: tuple[Path, Path]) -> None:
    """A plural message counts as translated only when every form is; one empty form is a problem at its line."""
    pot = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    half = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] "one listing"\nmsgstr[1] ""\n'
    full = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] "one listing"\nmsgstr[1] "%d listings"\n'
    expected = (((str(folders[1] / "index.po"), 5, "'ein Objekt'", "untranslated"),), ())
    assert expected == (_check(folders, pot, half), _check(folders, pot, full))


STEP_POT = HEADER + '#: ../src/index.md:3\nmsgid "Zuerst {step}`lead-decide` lesen."\nmsgstr ""\n'


@pytest.mark.parametrize(
    ("msgstr", "said"),
    [
        ("Read this first.", ["the translation drops {step}`lead-decide`"]),
        (
            "First read {step}`lead-inform-staff`.",
            [
                "the translation drops {step}`lead-decide`",
                "the translation has {step}`lead-inform-staff`, which the German text does not",
            ],
        ),
        (
            "First read {ref}`lead-decide`.",
            [
                "the translation drops {step}`lead-decide`",
                "the translation has {ref}`lead-decide`, which the German text does not",
            ],
        ),
        (
            "First read {step}`lead-decide` and {step}`lead-decide`.",
            ["the translation has {step}`lead-decide`, which the German text does not"],
        ),
    ],
)
def test_a_translation_keeps_exactly_the_references(folders: tuple[Path, Path], msgstr: str, said: list[str]) -> None:
    """Each msgstr names exactly the steps and documents its msgid names; each difference is named at its line."""
    po = HEADER + f'msgid "Zuerst {{step}}`lead-decide` lesen."\nmsgstr "{msgstr}"\n'
    path = str(folders[1] / "index.po")
    expected = tuple((path, 5, "'Zuerst {step}`lead-decide` lesen.'", text) for text in said)
    assert expected == _check(folders, STEP_POT, po)


def test_a_translation_with_its_references_in_another_order_is_fine(folders: tuple[Path, Path]) -> None:
    """English may name the same references in another order."""
    pot = HEADER + 'msgid "Erst {step}`lead-decide`, dann {doc}`portale`."\nmsgstr ""\n'
    po = (
        HEADER
        + 'msgid "Erst {step}`lead-decide`, dann {doc}`portale`."\n'
        + 'msgstr "See {doc}`portale` after {step}`lead-decide`."\n'
    )
    expected: tuple[Said, ...] = ()
    assert expected == _check(folders, pot, po)


@pytest.mark.parametrize(
    ("msgstr", "tag"),
    [
        ("Read. <script>alert(1)</script>", "<script>"),
        ('<img src=x onerror=\\"alert(1)\\"> Read.', '<img src=x onerror="alert(1)">'),
        ("Read <!-- hidden --> this.", "<!-- hidden -->"),
    ],
)
def test_raw_html_in_a_translation_is_a_problem_at_its_line(folders: tuple[Path, Path], msgstr: str, tag: str) -> None:
    """HTML in a msgstr is a problem naming its first tag; the page would show it as text."""
    po = HEADER + f'msgid "Lesen."\nmsgstr "{msgstr}"\n'
    pot = HEADER + 'msgid "Lesen."\nmsgstr ""\n'
    message = f"raw HTML in the translation: {tag}; write text, the page shows it as text"
    assert ((str(folders[1] / "index.po"), 5, "'Lesen.'", message),) == _check(folders, pot, po)


def test_html_the_german_text_has_too_is_no_problem(folders: tuple[Path, Path]) -> None:
    """A tag that the German text shows as text itself (a placeholder like <kennung>) may stay in the translation."""
    pot = HEADER + 'msgid "Der Link de/s/<kennung>.html"\nmsgstr ""\n'
    po = HEADER + 'msgid "Der Link de/s/<kennung>.html"\nmsgstr "The link de/s/<kennung>.html"\n'
    expected: tuple[Said, ...] = ()
    assert expected == _check(folders, pot, po)


@pytest.mark.parametrize(
    "msgstr", ["Read.\\n\\nMore.", "Read.\\n- a list", "Read.\\n# A heading", "Read.\\n```\\ncode"]
)
def test_block_markup_in_a_translation_is_a_problem(folders: tuple[Path, Path], msgstr: str) -> None:
    """A msgstr that starts a new paragraph, list, heading or code block would lose all but its first paragraph."""
    pot = HEADER + 'msgid "Lesen."\nmsgstr ""\n'
    po = HEADER + f'msgid "Lesen."\nmsgstr "{msgstr}"\n'
    message = (
        "the translation starts a new paragraph, list or heading that the German text does not; "
        "Sphinx would keep only its first paragraph"
    )
    assert ((str(folders[1] / "index.po"), 5, "'Lesen.'", message),) == _check(folders, pot, po)


def test_a_msgid_given_twice_is_a_problem_at_its_second_place(folders: tuple[Path, Path]) -> None:
    """A catalogue that gives one message twice names the second place and the first; babel would keep one."""
    po = INDEX_PO + '\nmsgid "Umstieg"\nmsgstr "Switch"\n'  # the first "Umstieg" is at line 6, this one at line 13
    expected = ((str(folders[1] / "index.po"), 13, "", "this msgid is here twice (first at line 6); keep one"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_the_same_msgid_in_another_context_is_no_duplicate(folders: tuple[Path, Path]) -> None:
    """The same German words with another msgctxt are another message."""
    pot = HEADER + 'msgctxt "Knopf"\nmsgid "Weiter"\nmsgstr ""\n\nmsgid "Weiter"\nmsgstr ""\n'
    po = HEADER + 'msgctxt "Knopf"\nmsgid "Weiter"\nmsgstr "Next"\n\nmsgid "Weiter"\nmsgstr "Further"\n'
    expected: tuple[Said, ...] = ()
    assert expected == _check(folders, pot, po)


def test_a_catalogue_babel_cannot_even_read_is_one_problem(folders: tuple[Path, Path]) -> None:
    """A .po on which babel's parser fails outright (``msgstr[`` without a number) is a problem, not a crash."""
    expected = (
        (
            str(folders[1] / "index.po"),
            0,
            "",
            "invalid gettext catalogue: a line babel cannot read (ValueError)",
        ),
    )
    assert expected == _check(folders, INDEX_POT, HEADER + 'msgid "Umstieg"\nmsgstr[\n')


def test_a_duplicate_written_over_several_lines_is_found(folders: tuple[Path, Path]) -> None:
    """A msgid written over several lines is the same message as the one on one line."""
    po = INDEX_PO + '\nmsgid ""\n"Ums"\n"tieg"\nmsgstr "Switch"\n'
    expected = ((str(folders[1] / "index.po"), 13, "", "this msgid is here twice (first at line 6); keep one"),)
    assert expected == _check(folders, INDEX_POT, po)


def test_a_plural_translated_with_one_form_is_a_problem(folders: tuple[Path, Path]) -> None:
    """A German message with plural forms needs each form translated, not one msgstr for all."""
    pot = HEADER + 'msgid "ein Objekt"\nmsgid_plural "%d Objekte"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    po = HEADER + 'msgid "ein Objekt"\nmsgstr "one listing"\n'
    message = "the German has plural forms, the translation gives one: translate each msgstr[n]"
    assert ((str(folders[1] / "index.po"), 5, "'ein Objekt'", message),) == _check(folders, pot, po)
