"""Words that carry meaning, as each edition writes them: found as whole words, and compared across a translation.

The words are data of each edition, in ``claims.toml`` (``cutover.claims`` says what each kind of claim needs).
A translation must keep its source's meaning markers: its negation (where the German says "nicht", "kein" or "auf
keinen Fall", the English says "not", "no" or "never", and the other way round) and the markers of the ``kept.*``
entries (an order with "bevor", a stop, something that stays). They are compared sentence by sentence where both
texts have as many sentences, else across the whole text. ``meaning_differs`` says where a translation does not
keep them; the translation gate, the catalogue and the words table's test use it, so that a text reversed in one
language alone fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from cutover.editions import codes
from cutover.messages import Message
from cutover.words import Text, read_words

__all__ = ["CLAIMS_FILE", "claim_words", "found", "kept", "meaning_differs", "occurrences", "own_words", "phrases"]

CLAIMS_FILE = Path(__file__).with_name("claims.toml")
NEGATION = "never.carry"
"""The entry of claims.toml whose words negate: a ``never`` claim needs one, and a translation keeps them."""

KEPT = "kept."
"""The entries of claims.toml whose words a translation keeps, besides the negation."""

_ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
_CODE = re.compile(r"`[^`]*`")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_APOSTROPHE = "\u2019"


@cache
def claim_words() -> Mapping[str, Text]:
    """The words of ``claims.toml``, read once and checked against the editions (a ``WordsError`` if not)."""
    return read_words(CLAIMS_FILE, codes())


def phrases(key: str, lang: str) -> list[str]:
    """The words and phrases of ``claims.toml``'s entry ``key`` in ``lang``; none if the entry is not there."""
    text = claim_words().get(key)
    return [] if text is None else [phrase.strip() for phrase in text.get(lang).split("|") if phrase.strip()]


@cache
def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.replace(_APOSTROPHE, "'").split()]
    return re.compile(r"(?<![\w'])" + r"[\s,]+".join(words) + r"(?![\w'])", re.IGNORECASE)


def found(candidates: Iterable[str], text: str) -> list[str]:
    """Those of ``candidates`` that ``text`` holds as whole words, in any case, with any spaces or a comma between."""
    return [phrase for phrase in candidates if _pattern(phrase).search(text)]


def occurrences(candidates: Iterable[str], text: str) -> list[str]:
    """Each place ``text`` says one of ``candidates``, in order, the longest phrase where two overlap.

    "auf keinen Fall" is one negation, not also "keinen"; "keine Mails und keine Konten" is two.
    """
    longest_first = sorted(candidates, key=len, reverse=True)
    if not longest_first:
        return []
    either = re.compile("|".join(_pattern(phrase).pattern for phrase in longest_first), re.IGNORECASE)
    return [match[0] for match in either.finditer(text)]


def own_words(sentence: str) -> str:
    """The sentence without its roles (``{step}`…```): the words it says itself, on one line."""
    return " ".join(_ROLE.sub(" ", sentence).replace(_APOSTROPHE, "'").split())


def kept() -> list[str]:
    """The entries of claims.toml a translation keeps: the negation first, then every ``kept.*`` entry."""
    return [NEGATION, *(key for key in claim_words() if key.startswith(KEPT))]


def _sentences(text: str) -> list[str]:
    """The text's own words without inline code (a step id is no word), cut into sentences at ``. ! ? ;``."""
    return [part for part in _SENTENCE_END.split(own_words(_CODE.sub(" ", own_words(text)))) if part]


def meaning_differs(source: str, source_lang: str, text: str, lang: str) -> list[Message]:
    """What ``text`` (in ``lang``) says or leaves out of the meaning markers (``kept``) of its ``source``.

    Each marker is counted: a sentence whose source says "nie" twice says "never" twice, so that one clause
    reversed of two is found. Where both have as many sentences (more than one), each sentence is compared with its
    counterpart, so that "never" moved into another sentence is found; else the whole texts. A language no edition
    declares has no words to compare: nothing is said of it.
    """
    if source_lang not in codes() or lang not in codes():
        return []
    said, says = _sentences(source), _sentences(text)
    pairs = list(zip(said, says, strict=True)) if len(said) == len(says) > 1 else [(" ".join(said), " ".join(says))]
    problems = []
    for number, (original, translation) in enumerate(pairs, 1):
        for key in kept():
            words, wanted = phrases(key, source_lang), phrases(key, lang)
            there, here = occurrences(words, original), occurrences(wanted, translation)
            sentence = number if len(pairs) > 1 else None
            if bool(there) != bool(here):
                problems.append(_differs(there, here, " | ".join(wanted if there else words), source_lang, sentence))
            elif len(there) != len(here):
                problems.append(_counted(there, here, source_lang, sentence))
    return problems


def _said(words: list[str]) -> str:
    """The words found, each once, as the messages name them."""
    return ", ".join(dict.fromkeys(word.lower() for word in words))


def _counted(there: list[str], here: list[str], source: str, number: int | None) -> Message:
    """The message for a marker the source (``there``) and the translation (``here``) say as many times."""
    counts = {"words": _said(there), "there": len(there), "said": _said(here), "here": len(here), "source": source}
    if number is None:
        return Message("the {source} text says {words} (count {there}), this one says {said} (count {here})", **counts)
    return Message(
        "sentence {number} of the {source} text says {words} (count {there}), the same sentence here says {said} "
        "(count {here})",
        number=number,
        **counts,
    )


def _differs(there: list[str], here: list[str], wanted: str, source: str, number: int | None) -> Message:
    """The message for a marker only the source (``there``) or only the translation (``here``) has.

    ``number`` is the sentence both were compared in, None where the whole texts were compared.
    """
    values = {"source": source, "words": _said(there or here), "wanted": wanted, "number": number or 0}
    if number is None:
        if there:
            return Message("the {source} text says {words}, this one has none of {wanted}", **values)
        return Message("this text says {words}, the {source} text has none of {wanted}", **values)
    if there:
        return Message(
            "sentence {number} of the {source} text says {words}, the same sentence here has none of {wanted}", **values
        )
    return Message(
        "sentence {number} here says {words}, the same sentence of the {source} text has none of {wanted}", **values
    )
