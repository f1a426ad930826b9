"""What the package says about bad input and on the command line, in each language: English text, translated.

Every message is written in English where it is raised (``Message("unknown key ({hint})", hint=...)``); each other
language has a gettext catalogue beside this module (``locale/<lang>/LC_MESSAGES/cutover.po``), read once. A
message is shown with its values made safe for a terminal: control characters become visible escapes, and a value
longer than a line is cut short, so that bad input can neither flood the screen nor drive it.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from cutover.editions import codes

__all__ = ["LOCALE", "Foreign", "Message", "has_control", "language_of", "number", "shown", "translate", "visible"]

LOCALE = Path(__file__).parent / "locale"
"""The message catalogues, one folder per language, as gettext keeps them."""

_LONGEST = 80  # characters of an echoed value; the rest is said to be left out


def _escaped(text: str) -> str:
    """Control and format characters, and the line and paragraph separators, as Python escapes; the rest as it is.

    Escaping twice changes nothing. U+2028 and U+2029 are no control characters, but a terminal and ``splitlines``
    break the line at them.
    """
    return "".join(char.encode("unicode_escape").decode("ascii") if _unsafe(char) else char for char in text)


def _unsafe(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp")


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control or format character or a line separator, which could drive a terminal."""
    return any(_unsafe(char) for char in text)


def _cut(text: str, longest: int) -> str | Message:
    """``text`` escaped, or, if longer than ``longest``, its start and how long it was (said in the reader's words)."""
    escaped = _escaped(text)
    if len(escaped) <= longest:
        return escaped
    return Message("{start}… ({count} characters)", start=escaped[: longest - 1], count=len(text))


def visible(text: str, longest: int = _LONGEST, lang: str = "en") -> str:
    """``text`` for one line of a terminal: control and format characters escaped, at most ``longest`` characters."""
    cut = _cut(text, longest)
    return cut.text(lang) if isinstance(cut, Message) else cut


def shown(value: object, longest: int = _LONGEST) -> str | Message:
    """A value from the input as Python writes it (``'ja'``, ``6``, ``[1]``), safe and short for one line."""
    return _cut(repr(value), longest)


def number(value: int, lang: str) -> str:
    """A count as the language writes it (Babel's locale data): 1,205 in English, 1.205 in German.

    So a further edition writes its counts its own way with nothing to add here.
    """
    return format_decimal(value, locale=lang)


@cache
def _catalogue(lang: str) -> dict[str, str]:
    po = LOCALE / lang / "LC_MESSAGES" / "cutover.po"
    if not po.is_file():
        return {}
    with po.open("rb") as file:
        return {str(m.id): str(m.string) for m in read_po(file) if m.id and m.string and not m.fuzzy}


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang``; the English text where the language's catalogue has none."""
    return _catalogue(lang).get(text, text)


def language_of(environ: dict[str, str]) -> str:
    """The language a command line speaks when none is asked for: the locale's, if it has an edition, else the source's.

    The source language is the first edition of ``editions.toml`` (German).
    """
    languages = codes()
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in languages else languages[0]
    return languages[0]


class Foreign(str):
    """Words of a library or of the system, in English: said in another language where the catalogue has them.

    tomllib and babel say what is wrong with a file in fixed English sentences; each of them has its German in the
    catalogue (tests/test_messages.py reads them from the libraries' own source), so a German reader sees German.
    """

    __slots__ = ()


@dataclass(frozen=True, slots=True, init=False)
class Message:
    """An English message with its values, to be said in any language.

    ``Message("must be true or false, not {value}", value=shown(value))``: every value is made visible when the
    message is shown (``shown`` also quotes it and cuts it short).
    """

    template: str
    values: tuple[tuple[str, str | int | Message], ...]  # a Foreign value is a str, translated when said

    def __init__(self, template: str, /, **values: object) -> None:
        object.__setattr__(self, "template", template)
        kept = tuple(
            (name, value if isinstance(value, Message | int | Foreign) and not isinstance(value, bool) else str(value))
            for name, value in values.items()
        )
        object.__setattr__(self, "values", kept)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, one line, its values filled in.

        A value that is a message is said in ``lang`` too, and a count is written as ``lang`` writes numbers.
        """
        safe = {name: self._value(value, lang) for name, value in self.values}
        return visible(translate(self.template, lang).format(**safe), 1000, lang)

    @staticmethod
    def _value(value: str | int | Message, lang: str) -> str:
        if isinstance(value, Message):
            return value.text(lang)
        if isinstance(value, int):
            return number(value, lang)
        return visible(translate(value, lang) if isinstance(value, Foreign) else value, 400, lang)

    def __str__(self) -> str:
        return self.text("en")

    @property
    def fields(self) -> frozenset[str]:
        """The names the template fills in."""
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.template) if name)
