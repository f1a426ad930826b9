"""The helper that gives the samples a text for every declared edition keeps everything else where it is."""

from __future__ import annotations

import tomllib

from cutover.editions import codes
from factories import FURTHER, UNDECLARED, every_edition, texts

STEP = 'title = { de = "Entscheiden", en = "Decide" }\nwhy = { de = "Nur {x}." }\nafter = ["a"]\nx = { y = 1 }\n'


def test_a_further_edition_gets_the_english_text_and_lines_stay() -> None:
    expected = (
        'title = { de = "Entscheiden", en = "Decide", fr = "Decide" }\n'
        'why = { de = "Nur {x}.", fr = "Nur {x}." }\n'
        'after = ["a"]\nx = { y = 1 }\n'
    )
    assert expected == every_edition(STEP, ("fr",))


def test_a_table_naming_the_edition_already_is_left_alone() -> None:
    text = 'title = { de = "A", en = "B", fr = "C" }\n'
    assert text == every_edition(text, ("fr",))


def test_escaped_quotes_and_braces_in_texts_are_copied_whole() -> None:
    text = 'title = { de = "A \\"}\\" {b}", en = "B \\"}\\"" }\n'
    assert {"de": 'A "}" {b}', "en": 'B "}"', "fr": 'B "}"'} == tomllib.loads(every_edition(text, ("fr",)))["title"]


def test_no_further_edition_changes_nothing() -> None:
    assert STEP == every_edition(STEP, ())


def test_texts_cover_every_declared_edition_and_the_undeclared_code_is_none() -> None:
    assert (codes(), False) == (texts("A", "B").languages, UNDECLARED in codes())
    assert all(texts("A", "B").get(code) == "B" for code in FURTHER)
