"""The words table: one text per edition for every word, checked against the editions, every problem at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import cutover
from cutover.editions import EditionsError, codes
from cutover.errors import Problem
from cutover.markers import meaning_differs
from cutover.messages import Message
from cutover.words import WORDS_FILE, Text, WordsError, read_words, word, words, words_of
from factories import UNDECLARED

GOOD = """\
[render.yes]
de = "ja"
en = "yes"

[render.count]
de = "{done} von {total}"
en = "{done} of {total}"
"""


def _read(tmp_path: Path, text: str, languages: tuple[str, ...] = ("de", "en")) -> dict[str, Text]:
    path = tmp_path / "words.toml"
    path.write_text(text, encoding="utf-8")
    return read_words(path, languages)


def _problems(tmp_path: Path, text: str, languages: tuple[str, ...] = ("de", "en")) -> list[str]:
    with pytest.raises(WordsError) as raised:
        _read(tmp_path, text, languages)
    return [line.removeprefix(f"{tmp_path / 'words.toml'}:") for line in raised.value.lines("en")]


def test_the_package_table_has_every_edition_for_every_word() -> None:
    table = words()
    assert len(table) > 100
    assert all(text.languages == codes() for text in table.values())
    assert read_words(WORDS_FILE, codes()) == table


def test_a_word_by_its_key_and_a_group_for_templates() -> None:
    rule = word("kind.rule")
    assert (rule.get("de"), rule.get("en"), rule.languages) == ("Regel", "Rule", codes())
    assert words_of("render", "en")["yes"] == "yes"
    assert "render.yes" not in words_of("render", "de")


def test_an_unknown_word_is_named_with_the_file() -> None:
    with pytest.raises(KeyError, match=r"words\.toml has no word 'render\.nope'"):
        word("render.nope")


def test_nested_entries_are_read_by_their_dotted_key(tmp_path: Path) -> None:
    expected = {
        "render.yes": Text(de="ja", en="yes"),
        "render.count": Text(de="{done} von {total}", en="{done} of {total}"),
    }
    assert expected == _read(tmp_path, GOOD)


def test_a_third_edition_is_only_data(tmp_path: Path) -> None:
    text = GOOD.replace('en = "yes"', 'en = "yes"\nfr = "oui"').replace(
        'en = "{done} of {total}"', 'en = "{done} of {total}"\nfr = "{done} sur {total}"'
    )
    assert _read(tmp_path, text, ("de", "en", "fr"))["render.yes"].get("fr") == "oui"


def test_every_problem_at_once_with_its_line(tmp_path: Path) -> None:
    text = (
        'b = "loose"\n\n'
        '[a.missing]\nde = "x"\n\n'
        '[a.extra]\nde = "x"\nen = "y"\nfr = "z"\n\n'
        '[a.empty]\nde = " "\nen = 5\n\n'
        '[a.names]\nde = "{done} von {total}"\nen = "{done} of {all}"\n'
    )
    assert [
        " b: must be a table with one text per edition ([b] with de = …)",
        "3: a.missing: the text in en is missing",
        "6: a.extra.fr: no edition is declared for this language",
        "11: a.empty.de: must be a text that is not empty, not ' '",
        "11: a.empty.en: must be a text that is not empty, not 5",
        "15: a.names.en: fills in ['all', 'done'], but the de text fills in ['done', 'total']",
    ] == _problems(tmp_path, text)


def test_an_unreadable_table_is_one_located_problem(tmp_path: Path) -> None:
    assert ["1: invalid TOML: Expected ']' at the end of a table declaration (column 3)"] == _problems(tmp_path, "[a\n")


def test_text_is_immutable_hashable_and_says_what_it_lacks() -> None:
    text = Text({"de": "Regel"}, en="Rule")
    assert hash(text) == hash(Text(en="Rule", de="Regel"))
    assert text != "Regel"
    assert repr(text) == "Text(de='Regel', en='Rule')"
    assert list(text.items()) == [("de", "Regel"), ("en", "Rule")]
    with pytest.raises(AttributeError, match="immutable"):
        text.x = 1
    with pytest.raises(KeyError, match=r"has no text in 'fr'"):
        text.get("fr")


def test_text_is_filled_in_and_joined_in_every_language() -> None:
    assert Text(de="{n} Schritte", en="{n} steps").format(n=3) == Text(de="3 Schritte", en="3 steps")
    assert Text.join(" ", Text(de="Regel", en="Rule"), Text(de="bis", en="until")) == Text(
        de="Regel bis", en="Rule until"
    )


def _package_copy(tmp_path: Path, change: Callable[[Path], None]) -> subprocess.CompletedProcess[str]:
    """``cutover validate`` run from a copy of the package whose data files ``change`` has edited."""
    package = Path(shutil.copytree(Path(cutover.__file__).parent, tmp_path / "cutover"))
    change(package)
    environ = {**os.environ, "PYTHONPATH": str(tmp_path), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "cutover", "validate"], capture_output=True, text=True, env=environ, cwd=tmp_path,
        timeout=60, check=False,
    )  # fmt: skip


def _add_an_edition(package: Path) -> None:
    """A further edition, of a language no edition declared before, with none of its words in words.toml."""
    editions = package / "editions.toml"
    further = (
        f'[[edition]]\ncode = "{UNDECLARED}"\nname = "Français"\nswitch = "s"\ntitle = "t"\ndescription = "d"\n'
        'enter = "e"\n'
    )
    editions.write_text(editions.read_text(encoding="utf-8") + "\n" + further, encoding="utf-8")


def test_an_edition_without_its_words_is_named_word_by_word_not_a_traceback(tmp_path: Path) -> None:
    """Every command (and the build, and the tests) stops at import with the words' lines, at most 30 and a count."""
    done = _package_copy(tmp_path, _add_an_edition)
    lines = done.stderr.splitlines()
    words_file = tmp_path / "cutover" / "words.toml"
    expected = (2, "", f"{words_file}:10: area.lead: der Text in {UNDECLARED} fehlt", 31, True)
    assert expected == (done.returncode, done.stdout, lines[0], len(lines), lines[-1].startswith("… und "))
    assert "Traceback" not in done.stderr


def test_a_broken_editions_file_is_one_located_line_not_a_traceback(tmp_path: Path) -> None:
    def break_editions(package: Path) -> None:
        (package / "editions.toml").write_text("[[edition]\n", encoding="utf-8")

    done = _package_copy(tmp_path, break_editions)
    expected = (2, [f"{tmp_path / 'cutover' / 'editions.toml'}: invalid TOML"])
    assert expected == (
        done.returncode,
        [line.split(":")[0] + ":" + line.split(":")[1] for line in done.stderr.splitlines()],
    )


def _raise(error: Exception) -> Callable[[], object]:
    def broken() -> object:
        raise error

    return broken


@pytest.mark.parametrize("broken", ["editions", "words"])
def test_the_package_stops_on_its_broken_data_before_anything_reads_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    """In process, as the import runs it: exit 2, the problems on stderr, at most 30 and then how many more."""
    missing = Message("the text in {lang} is missing", lang="fr")
    problems = [Problem("words.toml", n, f"w{n}", missing) for n in range(1, 41)]
    if broken == "editions":
        monkeypatch.setattr(cutover.editions, "editions", _raise(EditionsError("editions.toml: invalid TOML")))
    else:
        monkeypatch.setattr(cutover.words, "words", _raise(WordsError(problems)))
    with pytest.raises(SystemExit) as stopped:
        cutover._stop_on_broken_data()
    expected = {
        "editions": ["editions.toml: invalid TOML"],
        "words": [*(f"words.toml:{n}: w{n}: der Text in fr fehlt" for n in range(1, 31)), "… und 10 weitere"],
    }
    assert (2, expected[broken]) == (stopped.value.code, capsys.readouterr().err.splitlines())


def test_sound_data_lets_the_package_import() -> None:
    assert cutover._stop_on_broken_data() is None  # type: ignore[func-returns-value]


def test_every_word_keeps_its_meaning_markers_in_every_edition() -> None:
    """A finding, a hint or a label reversed in one language alone ("creates duplicates" / "no duplicates") fails."""
    source = codes()[0]
    differ = [
        (key, lang, message.text("en"))
        for key, text in words().items()
        for lang in codes()[1:]
        for message in meaning_differs(text.get(source), source, text.get(lang), lang)
    ]
    assert differ == []
