"""Every word the package shows a reader, in every edition: one table, ``words.toml``, keyed by word, then language.

A ``Text`` is one such word (or sentence) in each edition's language. The table is checked against the editions of
``editions.toml`` (a text for each, no more, the same ``{names}`` to fill in), every problem at once with its line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cutover._toml import read_toml
from cutover.editions import codes
from cutover.errors import CutoverError, Problem
from cutover.messages import Message, shown

__all__ = ["WORDS_FILE", "Text", "WordsError", "read_words", "word", "words", "words_of"]

WORDS_FILE = Path(__file__).with_name("words.toml")
_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(?:#.*)?\Z")


class Text:
    """A text in each edition's language, e.g. ``Text(de="Regel", en="Rule")``; immutable and hashable."""

    __slots__ = ("_texts",)
    _texts: tuple[tuple[str, str], ...]

    def __init__(self, texts: Mapping[str, str] | None = None, /, **by_language: str) -> None:
        object.__setattr__(self, "_texts", tuple({**(texts or {}), **by_language}.items()))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Text is immutable: cannot set {name}")

    def get(self, lang: str) -> str:
        """The text in ``lang``; a language it has no text for is a programming error, named with the text."""
        for code, text in self._texts:
            if code == lang:
                return text
        raise KeyError(f"{self!r} has no text in {lang!r}")

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this text is written in, in the order given."""
        return tuple(code for code, _ in self._texts)

    def items(self) -> Iterator[tuple[str, str]]:
        """Each language with its text."""
        return iter(self._texts)

    def format(self, **values: object) -> Text:
        """The text with its ``{names}`` filled in, in every language."""
        return Text({code: text.format(**values) for code, text in self._texts})

    @staticmethod
    def join(separator: str, *texts: Text) -> Text:
        """The texts one after the other in each language of the first, ``separator`` between them."""
        return Text({code: separator.join(t.get(code) for t in texts) for code in texts[0].languages})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and dict(self._texts) == dict(other._texts)

    def __hash__(self) -> int:
        return hash(frozenset(self._texts))

    def __repr__(self) -> str:
        return "Text(" + ", ".join(f"{code}={text!r}" for code, text in self._texts) + ")"


class WordsError(CutoverError):
    """The words table cannot be read, or an entry lacks an edition's text; every problem found at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def lines(self, lang: str = "en") -> list[str]:
        """One line per problem, in ``lang``."""
        return [problem.text(lang) for problem in self.problems]


def _header_lines(text: str) -> dict[str, int]:
    return {m.group(1): n for n, line in enumerate(text.splitlines(), 1) if (m := _HEADER.match(line))}


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _entries(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Each entry of the nested table: a table with no table inside, under its dotted key."""
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
            yield from _entries(value, f"{dotted}.")
        else:
            yield dotted, value if isinstance(value, dict) else {"": value}


def read_words(path: Path, languages: tuple[str, ...]) -> dict[str, Text]:
    """Every word of the table at ``path``, each checked to have exactly a text in each of ``languages``."""
    name = str(path)
    read = read_toml(path, name)
    if isinstance(read, Problem):
        raise WordsError([read])
    data, _ = read
    lines = _header_lines(path.read_text(encoding="utf-8-sig"))
    problems: list[Problem] = []
    found: dict[str, Text] = {}

    def problem(key: str, message: Message) -> None:
        entry = key if key in lines else key.rpartition(".")[0]  # a language's text: the line of its entry
        problems.append(Problem(name, lines.get(entry, 0), key, message))

    for key, entry in _entries(data):
        if "" in entry:
            problem(key, Message("must be a table with one text per edition ([{key}] with de = …)", key=key))
            continue
        for lang in [code for code in entry if code not in languages]:
            problem(f"{key}.{lang}", Message("no edition is declared for this language"))
        for lang in [code for code in languages if code not in entry]:
            problem(key, Message("the text in {lang} is missing", lang=lang))
        texts = {code: entry[code] for code in languages if code in entry}
        for lang, text in texts.items():
            if not isinstance(text, str) or not text.strip():
                problem(f"{key}.{lang}", Message("must be a text that is not empty, not {value}", value=shown(text)))
        if all(isinstance(text, str) for text in texts.values()) and len(texts) == len(languages):
            source = _names(texts[languages[0]])
            for lang, text in texts.items():
                if _names(text) != source:
                    problem(
                        f"{key}.{lang}",
                        Message(
                            "fills in {names}, but the {source} text fills in {expected}",
                            names=shown(sorted(_names(text))),
                            source=languages[0],
                            expected=shown(sorted(source)),
                        ),
                    )
            found[key] = Text(texts)
    if problems:
        raise WordsError(problems)
    return found


@cache
def words() -> Mapping[str, Text]:
    """The package's words, read once and checked against its editions."""
    return read_words(WORDS_FILE, codes())


def word(key: str) -> Text:
    """One word of the table; a key the table lacks is a programming error, named with the file."""
    try:
        return words()[key]
    except KeyError:
        raise KeyError(f"{WORDS_FILE} has no word {key!r}") from None


@cache
def words_of(group: str, lang: str) -> dict[str, str]:
    """Every word under ``group`` (e.g. ``render``) in ``lang``, by the rest of its key: what a template reads."""
    prefix = f"{group}."
    return {key.removeprefix(prefix): text.get(lang) for key, text in words().items() if key.startswith(prefix)}
