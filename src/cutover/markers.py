"""Words that carry meaning, as each edition writes them: found as whole words, and compared across a translation.

The words are data of each edition, in ``claims.toml`` (``cutover.claims`` says what each kind of claim needs).
A translation must keep its source's negation: where the German says "nicht", "kein" or "auf keinen Fall", the
English says "not", "no" or "never", and the other way round. ``negation_differs`` says where it does not; the
translation gate, the catalogue and the words table's test use it, so a text reversed in one language alone fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from cutover.editions import codes
from cutover.messages import Message
from cutover.words import Text, read_words

__all__ = ["CLAIMS_FILE", "claim_words", "found", "negation_differs", "own_words", "phrases"]

CLAIMS_FILE = Path(__file__).with_name("claims.toml")
NEGATION = "never.carry"
"""The entry of claims.toml whose words negate: a ``never`` claim needs one, and a translation keeps them."""

_ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
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


def own_words(sentence: str) -> str:
    """The sentence without its roles (``{step}`…```): the words it says itself, on one line."""
    return " ".join(_ROLE.sub(" ", sentence).replace(_APOSTROPHE, "'").split())


def negation_differs(source: str, source_lang: str, text: str, lang: str) -> Message | None:
    """What is wrong if ``text`` (in ``lang``) negates and its ``source`` does not, or the other way round.

    A language no edition declares has no words to compare: nothing is said of it.
    """
    if source_lang not in codes() or lang not in codes():
        return None
    said = found(phrases(NEGATION, source_lang), own_words(source))
    says = found(phrases(NEGATION, lang), own_words(text))
    if bool(said) == bool(says):
        return None
    if said:
        return Message(
            "the {source} text negates ({words}), this one does not: say it with one of {wanted}",
            source=source_lang,
            words=", ".join(said),
            wanted=" | ".join(phrases(NEGATION, lang)),
        )
    return Message("this text negates ({words}), the {source} text does not", words=", ".join(says), source=source_lang)
