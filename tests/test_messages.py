"""Unit tests of cutover.messages and its German catalogue: every message of the code is said in German, safely.

The messages are found in the code itself (every ``Message("…")`` and ``translate("…")`` with a literal text) and in
argparse's own source (every ``_("…")``), so a new message without German fails here, not in front of a customer.
"""

from __future__ import annotations

import argparse
import ast
import re
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path

import babel.messages.pofile
import pytest
from babel.messages.pofile import read_po

from cutover._toml import toml_problem
from cutover.arguments import argparse_speaks, command_line
from cutover.cli import main
from cutover.editions import codes
from cutover.messages import LOCALE, Message, language_of, shown, translate, visible
from cutover.translations import _MISSING_MSGSTR
from factories import FURTHER, UNDECLARED

SOURCE = Path(__file__).resolve().parents[1] / "src" / "cutover"
CATALOGUE = LOCALE / "de" / "LC_MESSAGES" / "cutover.po"


def _literal_calls(tree: ast.AST, names: set[str]) -> Iterator[tuple[int, ast.expr]]:
    """The first argument of every call of one of ``names``, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in names:
                yield node.lineno, node.args[0]


def _code_messages() -> dict[str, str]:
    """Every literal message text of the package, with where it is first written."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, first in _literal_calls(tree, {"Message", "translate", "_"}):
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
                found.setdefault(first.value, f"{path.name}:{line}")
    return found


def _argparse_messages() -> set[str]:
    """Every text argparse translates with ``_`` or ``ngettext``, read from its own source."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    texts = set()
    for _, first in _literal_calls(tree, {"_", "ngettext"}):
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            texts.add(first.value)
    for node in ast.walk(tree):  # ngettext(singular, plural, n): the plural is a message too
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ngettext":
            texts.update(a.value for a in node.args[1:2] if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return texts


TOMLLIB = Path(tomllib.__file__).parent / "_parser.py"
BABEL = Path(babel.messages.pofile.__file__)


def _library_sentences(source: Path, function: str, position: int) -> tuple[set[str], list[str]]:
    """The fixed sentences a library passes to its error function, and those that fill in a value, as examples."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    fixed, named = set(), []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) <= position:
            continue
        func = node.func
        if (
            func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        ) != function:
            continue
        sentence = node.args[position]
        if isinstance(sentence, ast.Constant) and isinstance(sentence.value, str):
            fixed.add(sentence.value)
        elif isinstance(sentence, ast.JoinedStr):  # a value filled in: "X" stands for it
            named.append("".join(str(p.value) if isinstance(p, ast.Constant) else "'X'" for p in sentence.values))
    return fixed, named


def _german() -> dict[str, str]:
    with CATALOGUE.open("rb") as file:
        return {str(m.id): str(m.string) for m in read_po(file) if m.id}


def _fields(text: str) -> list[str]:
    """The names a message fills in, ``{name}`` or argparse's ``%(name)s`` and ``%s``, in sorted order."""
    braces = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return sorted(braces + re.findall(r"%(?:\((\w+)\))?[rsd]", text))


def test_every_message_of_the_code_has_german() -> None:
    """Each literal message of the package and each of argparse's has a German translation in the catalogue."""
    german = _german()
    wanted = {**dict.fromkeys(_argparse_messages(), "argparse"), **_code_messages()}
    missing = sorted(f"{where}: {text!r}" for text, where in wanted.items() if not german.get(text))
    expected: list[str] = []
    assert expected == missing


def test_every_sentence_of_tomllib_is_said_in_german() -> None:
    """Each of tomllib's error sentences reaches a German reader in German, a named value kept as it is."""
    fixed, named = _library_sentences(TOMLLIB, "suffixed_err", 2)
    english = [
        sentence
        for sentence in sorted(fixed) + named
        if sentence in toml_problem("x", f"{sentence} (at line 1, column 2)").text("de")
    ]
    expected: list[str] = []
    assert expected == english


def test_every_sentence_of_babel_is_said_in_german() -> None:
    """Each of babel's sentences about a .po it cannot read has its German, or is read apart (the msgid it names)."""
    fixed, named = _library_sentences(BABEL, "_invalid_pofile", 2)
    german = _german()
    expected: tuple[list[str], list[str]] = ([], [])
    assert expected == (
        sorted(text for text in fixed if not german.get(text)),
        [text for text in named if not _MISSING_MSGSTR.fullmatch(text)],
    )


def test_a_toml_error_in_german() -> None:
    """A TOML error names the line where it is, and says what is wrong and in which column in German."""
    expected = (
        "s.toml:2: ungültiges TOML: nach dem Schlüssel fehlt '=' (Spalte 6)",
        "s.toml:2: invalid TOML: Expected '=' after a key in a key/value pair (column 6)",
        "s.toml: ungültiges TOML: ungültiger Wert (am Ende der Datei)",
        "s.toml:3: ungültiges TOML: doppelter Schlüssel 'a' in einer Inline-Tabelle (Spalte 1)",
        "s.toml: ungültiges TOML: something else",
    )
    assert expected == (
        toml_problem("s.toml", "Expected '=' after a key in a key/value pair (at line 2, column 6)").text("de"),
        toml_problem("s.toml", "Expected '=' after a key in a key/value pair (at line 2, column 6)").text("en"),
        toml_problem("s.toml", "Invalid value (at end of document)").text("de"),
        toml_problem("s.toml", "Duplicate inline table key 'a' (at line 3, column 1)").text("de"),
        toml_problem("s.toml", "something else").text("de"),
    )


def test_german_fills_in_the_same_values() -> None:
    """Each German text fills in exactly the values of its English text, so no value is lost or misnamed."""
    differ = [(english, german) for english, german in _german().items() if _fields(english) != _fields(german)]
    expected: list[tuple[str, str]] = []
    assert expected == differ


def test_every_german_text_is_still_used() -> None:
    """The catalogue holds no text the code no longer says; argparse's texts are used whenever it speaks."""
    libraries = {
        *_library_sentences(TOMLLIB, "suffixed_err", 2)[0],
        *_library_sentences(BABEL, "_invalid_pofile", 2)[0],
    }
    used = set(_code_messages()) | _argparse_messages() | _parser_texts("en") | libraries
    expected: list[str] = []
    assert expected == sorted(set(_german()) - used)


def test_every_message_template_is_a_literal() -> None:
    """A Message's template is written out where it is raised, so that this file can find and check it."""
    computed = []
    for path in sorted(SOURCE.rglob("*.py")):
        for line, first in _literal_calls(ast.parse(path.read_text(encoding="utf-8")), {"Message"}):
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                computed.append(f"{path.name}:{line}")
    expected: list[str] = []
    assert expected == computed


def _parser_texts(lang: str) -> set[str]:
    """Every help text, description and metavar of the command line, in ``lang``."""
    texts: set[str] = set()
    with argparse_speaks(lang):
        parsers = [command_line(lang)]
    while parsers:
        parser = parsers.pop()
        texts.update(text for text in (parser.description,) if text)
        for action in parser._actions:
            texts.update(text for text in (action.help, action.metavar) if isinstance(text, str))
            if isinstance(action, argparse._SubParsersAction):
                texts.update(str(choice.help) for choice in action._choices_actions if choice.help)
                parsers.extend(action.choices.values())
    return texts - {argparse.SUPPRESS}


def test_the_german_help_has_no_english_left() -> None:
    """Every help text, description and metavar of the German command line is its German translation."""
    english = _parser_texts("en")
    untranslated = sorted(text for text in english if translate(text, "de") == text and text not in {"ID"})
    expected: list[str] = []
    assert (expected, set()) == (untranslated, english & _parser_texts("de") - {"ID"})


def test_the_help_names_no_source_statement() -> None:
    """The help is for the service desk, who need no statement numbers of the source (S13)."""
    numbered = sorted(text for lang in codes() for text in _parser_texts(lang) if re.search(r"\bS\d+\b", text))
    expected: list[str] = []
    assert expected == numbered


def test_german_help_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    """``cutover --lang de --help`` is German throughout, argparse's own words included."""
    with pytest.raises(SystemExit):
        main(["--lang", "de", "--help"])
    out = capsys.readouterr().out
    expected = (True, True, True, False, False)
    assert expected == (
        out.startswith("Aufruf: cutover"),
        "Befehle:" in out,
        "diese Hilfe zeigen und das Programm beenden" in out,
        "usage:" in out,
        "show this help" in out,
    )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": f"{UNDECLARED}_FR.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "", "LC_ALL": ""}, "de"),
        ({"LANG": "en@euro"}, "en"),
        ({"LANG": "de_DE@euro"}, "de"),
        *(({"LANG": f"{code}_XX.UTF-8"}, code) for code in FURTHER),
    ],
)
def test_language_of_the_locale(environ: dict[str, str], expected: str) -> None:
    """The locale chooses the language, LC_ALL before LC_MESSAGES before LANG; one without an edition is German."""
    assert expected == language_of(environ)


def test_visible_escapes_control_characters() -> None:
    """Escapes, newlines, other control or format characters and line separators are shown as escapes, never raw."""
    expected = "a\\x1b[31mb\\nc\\u200bd\\u2028e\\x85f"
    assert expected == visible("a\x1b[31mb\nc\u200bd\u2028e\x85f")


def test_visible_cuts_long_text_and_counts_it() -> None:
    """Text longer than the limit is cut, and the cut says how long the whole was."""
    expected = ("x" * 9 + "… (50,000,000 characters)", "short")
    assert expected == (visible("x" * 50_000_000, 10), visible("short", 10))


def test_a_cut_value_says_its_length_in_the_reader_s_language() -> None:
    """A value cut short inside a message says how long it was in the message's language, numbers written so too."""
    message = Message("must be true or false, not {value}", value=shown("x" * 1_000_000))
    start = "'" + "x" * 78
    expected = (
        f"must be true or false, not {start}… (1,000,002 characters)",
        f"muss true oder false sein, nicht {start}… (1.000.002 Zeichen)",
    )
    assert expected == (message.text("en"), message.text("de"))


def test_numbers_in_each_language() -> None:
    """Counts are written with the language's thousands separator; a flag is no count."""
    message = Message("… and {count} more", count=12_345)
    expected = ("… and 12,345 more", "… und 12.345 weitere", "True")
    assert expected == (message.text("en"), message.text("de"), Message("{reason}", reason=True).text())


def test_shown_quotes_like_python() -> None:
    """A value from the input is shown as Python writes it: text quoted, numbers and lists as they are."""
    expected = ["'ja'", "6", "[1, 2]", "'a\\nb'"]
    assert expected == [shown(value) for value in ("ja", 6, [1, 2], "a\nb")]


def test_message_in_german_fills_in_german_parts() -> None:
    """A value that is itself a message is said in the same language as the message around it."""
    message = Message("cannot read: {reason}", reason=Message("no such file or folder"))
    expected = ("cannot read: no such file or folder", "nicht lesbar: Datei oder Ordner nicht gefunden")
    assert expected == (message.text("en"), message.text("de"))


def test_message_values_are_made_visible() -> None:
    """A value with a line break or an escape stays on one line when the message is shown."""
    message = Message("unknown key ({hint})", hint="a\nb\x1b")
    expected = "unknown key (a\\nb\\x1b)"
    assert expected == message.text("en")


def test_message_fields() -> None:
    """A message knows the names it fills in."""
    expected = frozenset({"count", "edition"})
    assert expected == Message("{count} problem(s) with the {edition} translation").fields


def test_a_language_without_a_catalogue_is_english() -> None:
    """A language without a catalogue says the English text."""
    expected = "untranslated"
    assert expected == translate("untranslated", UNDECLARED)
